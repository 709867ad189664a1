"""JSON Structure (core v0, with the Validation and Conditional Composition extensions).

Instance validation (:mod:`.validator`), document lint (:mod:`.lint`) and the two
profiles: ``strict`` (the drafts to the letter) and ``published`` (accepts what
HubSpot ships, each acceptance reported as a warning).
"""
