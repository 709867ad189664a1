"""Stage 2: recorded responses -> a type per response -> findings, in order, in N processes."""
