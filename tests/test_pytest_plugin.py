"""The pytest plugin, run inside pytest (``pytester``): failures read like a diff."""

from __future__ import annotations

import json

import pytest
from helpers import ROOT, schema

FLAGS = "crm-feature-flags-api/BatchPortalFlagStateResponseWithErrors"


def test_assert_conforms_failure_lists_every_violation(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        f"""
        import hsconform

        def test_flags(hsconform):
            payload = {{
                "status": "DONE",
                "results": [{{"appId": "12", "flagName": "beta", "portalId": 7,
                              "flagState": "MAYBE"}}],
            }}
            hsconform.assert_conforms(payload, "{FLAGS}")

        def test_without_the_fixture():
            hsconform.assert_conforms({{"status": "COMPLETE"}}, "{FLAGS}", variant="both")

        def test_conforming():
            hsconform.assert_conforms(
                {{"status": "COMPLETE", "results": []}}, "{FLAGS}", variant="both")
        """
    )
    result = pytester.runpytest("-p", "no:cacheprovider")  # no -vv
    result.assert_outcomes(passed=1, failed=2)
    output = result.stdout.str()
    for expected in [
        '/status: "DONE" is not one of "COMPLETE", "PENDING"',
        'actual: "DONE"',
        '/results/0/appId: expected integer, got string "12"',
        'actual: "12"',
        '/results/0/flagState: "MAYBE" is not one of',
        'actual: "MAYBE"',
        "schema: json-schema/crm-feature-flags-api-flag-state-schema.json#/enum",
        '(root): missing required property "results"',
        "[json-structure]",
    ]:
        assert expected in output, expected
    assert "assert False" not in output


def test_fixture_honours_tool_hsconform(pytester: pytest.Pytester) -> None:
    pack = pytester.path / "my-pack" / "json-schema"
    pack.mkdir(parents=True)
    (pack / "x-api-thing-schema.json").write_text(
        json.dumps(
            schema("Thing", type="object", required=["id"], properties={"id": {"type": "string"}})
        )
    )
    pytester.makepyprojecttoml('[tool.hsconform]\nschemas = "my-pack"\nprofile = "published"\n')
    pytester.makepyfile(
        """
        def test_thing(hsconform):
            assert hsconform.pack.profile == "published"
            hsconform.assert_conforms({"id": "a"}, "Thing")
            hsconform.assert_conforms({"id": 1}, "Thing")
        """
    )
    result = pytester.runpytest("-p", "no:cacheprovider")
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(["*/id: expected string, got integer 1*"])


def test_marker_and_option_are_registered(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        """
        import pytest

        @pytest.mark.hsconform_cassettes
        def test_marked():
            pass
        """
    )
    result = pytester.runpytest(
        "-p", "no:cacheprovider", "--strict-markers", "--hsconform-cassettes"
    )
    result.assert_outcomes(passed=1)
    help_text = pytester.runpytest("--help").stdout.str()
    assert "--hsconform-cassettes" in help_text


def test_unknown_variant_is_a_clear_error() -> None:
    import hsconform

    with pytest.raises(ValueError, match="unknown variant 'xml'"):
        hsconform.assert_conforms({}, FLAGS, variant="xml")
    assert ROOT.exists()
