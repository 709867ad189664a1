"""The pytest plugin, run inside pytest (``pytester``): failures read like a diff."""

from __future__ import annotations

import json

import pytest
from helpers import ROOT, schema, structure

FLAGS = "crm-feature-flags-api/BatchPortalFlagStateResponseWithErrors"
RECORDED = ROOT / "fixtures" / "recordings" / "cassettes"


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
        '/results/0/appId: expected integer, got "12" (string)',
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
    result.stdout.fnmatch_lines(["*/id: expected string, got 1 (number)*"])


def test_fixture_loads_the_pack_with_the_configured_engine(pytester: pytest.Pytester) -> None:
    pytester.makepyprojecttoml('[tool.hsconform]\nengine = "reference"\n')
    pytester.makepyfile(
        "def test_engine(hsconform):\n    assert hsconform.pack.engine == 'reference'\n"
    )
    pytester.runpytest("-p", "no:cacheprovider").assert_outcomes(passed=1)


def test_marker_and_option_are_registered(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        """
        import pytest

        @pytest.mark.hsconform_cassettes
        def test_marked():
            pass
        """
    )
    shown = "default::hsconform.testing.pytest_plugin.NoCassetteWarning"
    result = pytester.runpytest(
        "-p", "no:cacheprovider", "--strict-markers", "--hsconform-cassettes", "-W", shown
    )
    result.assert_outcomes(passed=1, warnings=1)  # marked, but used no cassette
    help_text = pytester.runpytest("--help").stdout.str()
    assert "--hsconform-cassettes" in help_text
    assert "hsconform_cassettes (bool)" in help_text


def test_unknown_variant_is_a_clear_error() -> None:
    import hsconform

    with pytest.raises(ValueError, match="unknown variant 'xml'"):
        hsconform.assert_conforms({}, FLAGS, variant="xml")
    assert ROOT.exists()


def test_a_broken_recorded_cassette_fails_its_test(pytester: pytest.Pytester) -> None:
    broken = (
        ROOT / "fixtures/recordings/cassettes/test_crm_objects/test_batch_update_207_invalid.yaml"
    )
    good = ROOT / "fixtures/recordings/cassettes/test_crm_objects/test_batch_update_partial.yaml"
    folder = pytester.path / "cassettes" / "test_contacts"
    folder.mkdir(parents=True)
    (folder / "test_update_broken.yaml").write_text(broken.read_text())
    (folder / "test_update_fine.yaml").write_text(good.read_text())
    pytester.makepyfile(
        test_contacts="""
        import pytest
        import vcr

        @pytest.mark.hsconform_cassettes
        def test_update_broken():
            with vcr.use_cassette("cassettes/test_contacts/test_update_broken.yaml"):
                pass  # the test's requests would replay here

        @pytest.mark.hsconform_cassettes
        def test_update_fine():
            with vcr.use_cassette("cassettes/test_contacts/test_update_fine.yaml"):
                pass

        def test_not_marked():
            pass
        """
    )
    result = pytester.runpytest("-p", "no:cacheprovider")
    result.assert_outcomes(passed=2, failed=1)
    output = result.stdout.str()
    assert "recorded responses do not conform" in output
    assert "test_update_broken.yaml:2 interaction 0 POST" in output
    assert "/errors/0/errors/0/context [HSC-V-TYPE]" in output


def test_the_option_checks_every_test_that_uses_vcr(pytester: pytest.Pytester) -> None:
    broken = (
        ROOT
        / "fixtures/recordings/cassettes/test_crm_objects/test_batch_update_200_with_errors.yaml"
    )
    folder = pytester.path / "cassettes" / "test_deals"
    folder.mkdir(parents=True)
    (folder / "test_update.yaml").write_text(broken.read_text())
    pytester.makeini("[pytest]\nmarkers =\n    vcr: a VCR.py test\n")
    pytester.makepyfile(
        test_deals="""
        import pytest

        @pytest.mark.vcr
        def test_update():
            pass
        """
    )
    assert pytester.runpytest("-p", "no:cacheprovider").ret == 0  # not asked for
    result = pytester.runpytest("-p", "no:cacheprovider", "--hsconform-cassettes")
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(["*[[]HSC-H-200-WITH-ERRORS[]]*"])


@pytest.mark.parametrize("strict", [False, True])
def test_unchecked_recorded_responses_warn_or_fail_under_strict(
    pytester: pytest.Pytester, strict: bool
) -> None:
    # interaction 1 has no route, interaction 2 has no body: neither can be validated
    recorded = RECORDED / "test_associations/test_batch_read.yaml"
    folder = pytester.path / "cassettes" / "test_associations"
    folder.mkdir(parents=True)
    (folder / "test_read.yaml").write_text(recorded.read_text())
    if strict:
        pytester.makefile(".toml", hsconform="strict = true\n")
    pytester.makepyfile(
        test_associations="""
        import pytest
        import vcr

        @pytest.mark.hsconform_cassettes
        @vcr.use_cassette("cassettes/test_associations/test_read.yaml")
        def test_read():
            pass
        """
    )
    shown = "default::hsconform.testing.pytest_plugin.CassetteSkipWarning"
    result = pytester.runpytest("-p", "no:cacheprovider", "-W", shown)
    output = result.stdout.str()
    if strict:
        result.assert_outcomes(failed=1)
        assert "test_read.yaml:43 interaction 1 GET" in output
        assert "not checked (strict): [HSC-R-NO-ROUTE]" in output
    else:
        result.assert_outcomes(passed=1, warnings=2)
        assert "CassetteSkipWarning: not checked:" in output
        assert "[HSC-R-NO-ROUTE]" in output and "[HSC-R-EMPTY-BODY]" in output
        # where warnings are errors, a response that was not checked fails the test
        result = pytester.runpytest("-p", "no:cacheprovider", "-W", "error")
        result.assert_outcomes(failed=1)
        assert "raised as an error" in result.stdout.str()


def test_an_unusable_configuration_fails_the_check_without_a_traceback(
    pytester: pytest.Pytester,
) -> None:
    recorded = RECORDED / "test_crm_objects/test_batch_update_partial.yaml"
    folder = pytester.path / "cassettes" / "test_contacts"
    folder.mkdir(parents=True)
    (folder / "test_update.yaml").write_text(recorded.read_text())
    pytester.makefile(".toml", hsconform='routes = "missing-routes.json"\n')
    pytester.makepyfile(
        test_contacts="""
        import pytest
        import vcr

        @pytest.mark.hsconform_cassettes
        def test_update():
            with vcr.use_cassette("cassettes/test_contacts/test_update.yaml"):
                pass

        def test_fixture(hsconform):
            pass
        """
    )
    result = pytester.runpytest("-p", "no:cacheprovider")
    result.assert_outcomes(passed=1, failed=1)
    output = result.stdout.str()
    assert "hsconform cannot check the recorded responses:" in output
    assert "missing-routes.json" in output
    assert "Traceback" not in output


def test_a_cassette_run_that_checked_nothing_is_not_green(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(test_plain="def test_plain():\n    pass\n")
    assert pytester.runpytest("-p", "no:cacheprovider").ret == 0  # not asked for
    result = pytester.runpytest("-p", "no:cacheprovider", "--hsconform-cassettes")
    result.assert_outcomes(passed=1)
    assert result.ret == 6
    result.stdout.fnmatch_lines(
        ["*hsconform: nothing was checked: no test that ran used a VCR.py cassette*"]
    )


def test_a_cassette_run_whose_every_response_was_skipped_is_not_green(
    pytester: pytest.Pytester,
) -> None:
    html = RECORDED / "test_crm_objects/test_batch_read_html.yaml"
    folder = pytester.path / "cassettes" / "test_contacts"
    folder.mkdir(parents=True)
    (folder / "test_read.yaml").write_text(html.read_text())
    pytester.makeini("[pytest]\nmarkers =\n    vcr: a VCR.py test\n")
    pytester.makepyfile(
        test_contacts="""
        import pytest

        @pytest.mark.vcr
        def test_read():
            pass
        """
    )
    shown = "default::hsconform.testing.pytest_plugin.CassetteSkipWarning"
    result = pytester.runpytest("-p", "no:cacheprovider", "-W", shown, "--hsconform-cassettes")
    result.assert_outcomes(passed=1, warnings=1)
    assert result.ret == 6
    result.stdout.fnmatch_lines(
        [
            "*hsconform: nothing was checked: every one of the 1 response(s) was skipped "
            "(1 HSC-R-NOT-JSON-CONTENT-TYPE)*"
        ]
    )


def test_a_cassette_run_that_checked_responses_keeps_pytests_status(
    pytester: pytest.Pytester,
) -> None:
    fine = RECORDED / "test_crm_objects/test_batch_update_partial.yaml"
    folder = pytester.path / "cassettes" / "test_contacts"
    folder.mkdir(parents=True)
    (folder / "test_update.yaml").write_text(fine.read_text())
    pytester.makeini("[pytest]\nmarkers =\n    vcr: a VCR.py test\n")
    pytester.makepyfile(
        test_contacts="""
        import pytest

        @pytest.mark.vcr
        def test_update():
            pass
        """
    )
    result = pytester.runpytest("-p", "no:cacheprovider", "--hsconform-cassettes")
    result.assert_outcomes(passed=1)
    assert result.ret == 0
    assert "nothing was checked" not in result.stdout.str()


def _twin_pack(pytester: pytest.Pytester) -> None:
    """A pack whose one type takes a string id in JSON Schema and an int32 in JSON Structure."""
    root = pytester.path / "my-pack"
    (root / "json-schema").mkdir(parents=True)
    (root / "json-structure").mkdir(parents=True)
    (root / "json-schema" / "x-api-thing-schema.json").write_text(
        json.dumps(schema("Thing", type="object", properties={"id": {"type": "string"}}))
    )
    (root / "json-structure" / "x-api-thing-structure.json").write_text(
        json.dumps(structure("Thing", type="object", properties={"id": {"type": "int32"}}))
    )


def test_fixture_and_assert_conforms_honour_variant_both_from_pyproject(
    pytester: pytest.Pytester,
) -> None:
    _twin_pack(pytester)
    pytester.makepyprojecttoml('[tool.hsconform]\nschemas = "my-pack"\nvariant = "both"\n')
    pytester.makepyfile(
        """
        import hsconform as library

        def test_fixture(hsconform):
            assert hsconform.variant == "both"
            hsconform.assert_conforms({"id": "a"}, "Thing")

        def test_module_level():
            library.assert_conforms({"id": "a"}, "Thing")

        def test_explicit_variant_wins():
            library.assert_conforms({"id": "a"}, "Thing", variant="json-schema")
        """
    )
    # -rN: no short summary, whose lines pytest leaves whole under CI=true (counts below)
    result = pytester.runpytest("-p", "no:cacheprovider", "-rN")
    result.assert_outcomes(failed=2, passed=1)
    output = result.stdout.str()
    assert output.count("payload does not conform to x-api/Thing (json-structure)") == 2
    assert output.count("(HSC-V-TYPE) [json-structure]") == 2


def test_an_unknown_type_is_a_failure_listing_candidates(pytester: pytest.Pytester) -> None:
    _twin_pack(pytester)
    pytester.makepyprojecttoml('[tool.hsconform]\nschemas = "my-pack"\n')
    pytester.makepyfile(
        """
        import hsconform as library

        def test_lower_case(hsconform):
            hsconform.assert_conforms({}, "thing")

        def test_part_of_the_title():
            library.assert_conforms({}, "thin")

        def test_nothing_close():
            library.assert_conforms({}, "Zebra")
        """
    )
    # -rN: no short summary, whose lines pytest leaves whole under CI=true (counts below)
    result = pytester.runpytest("-p", "no:cacheprovider", "-rN")
    result.assert_outcomes(failed=3)  # failures, not errors
    output = result.stdout.str()
    assert "UnknownType" not in output and "Traceback" not in output
    assert "unknown type 'thing' in the pack at" in output
    assert output.count("candidates: Thing") + output.count("candidates: x-api/Thing") == 2
    assert "unknown type 'Zebra' in the pack at" in output
    assert "(1 types; `hsconform types` lists them)" in output
