"""Cassette checks inside pytest (``pytester``): every cassette a test used, one outcome.

Recording never leaves the machine: the inner tests record from a server on 127.0.0.1.
"""

from __future__ import annotations

import pytest
from helpers import ROOT

RECORDED = ROOT / "fixtures" / "recordings" / "cassettes" / "test_crm_objects"
UPDATE = "https://api.hubapi.com/crm/v3/objects/contacts/batch/update"

#: A 207 batch answer whose error context holds a string where an array belongs.
BROKEN_BODY = {
    "status": "COMPLETE",
    "results": [],
    "numErrors": 1,
    "errors": [
        {
            "status": "error",
            "category": "VALIDATION_ERROR",
            "message": "bad",
            "context": {"ids": "512"},
        }
    ],
    "startedAt": "2023-11-07T05:31:56.123Z",
    "completedAt": "2023-11-07T05:31:56.456Z",
}

#: Inner tests replaying the bundled broken cassette, opened three ways by plain VCR.py.
REPLAYING = f"""
import pytest
import requests
import vcr

def test_context_manager():
    with vcr.use_cassette("broken.yaml", record_mode="none"):
        requests.post("{UPDATE}", json={{"inputs": []}}, timeout=5)

@vcr.use_cassette("broken.yaml", record_mode="none")
def test_decorator():
    requests.post("{UPDATE}", json={{"inputs": []}}, timeout=5)

def test_own_vcr():
    recorder = vcr.VCR(record_mode="none")
    with recorder.use_cassette("broken.yaml"):
        requests.post("{UPDATE}", json={{"inputs": []}}, timeout=5)

def test_no_cassette():
    pass
"""


def _replaying(pytester: pytest.Pytester, *, marked: bool) -> None:
    pytester.path.joinpath("broken.yaml").write_text(
        (RECORDED / "test_batch_update_207_invalid.yaml").read_text()
    )
    source = REPLAYING
    if marked:
        source += "\npytestmark = pytest.mark.hsconform_cassettes\n"
    pytester.makepyfile(test_contacts=source)


@pytest.mark.parametrize("how", ["flag", "ini"])
def test_plain_vcr_cassettes_fail_their_tests_for_every_test(
    pytester: pytest.Pytester, how: str
) -> None:
    _replaying(pytester, marked=False)
    args = ["-p", "no:cacheprovider"]
    if how == "flag":
        args.append("--hsconform-cassettes")
    else:
        pytester.makeini("[pytest]\nhsconform_cassettes = true\n")
    result = pytester.runpytest(*args)
    result.assert_outcomes(failed=3, passed=1)  # no error: findings fail the test itself
    output = result.stdout.str()
    for name in ("test_context_manager", "test_decorator", "test_own_vcr"):
        assert f"FAILED test_contacts.py::{name}" in output
    assert "broken.yaml:2 interaction 0 POST" in output
    assert "/errors/0/errors/0/context [HSC-V-TYPE] expected object" in output
    assert "used no cassette" not in output  # only a marked test is warned about
    # without the flag or the ini option nothing is checked
    pytester.path.joinpath("tox.ini").unlink(missing_ok=True)
    pytester.runpytest("-p", "no:cacheprovider").assert_outcomes(passed=4)


def test_the_marker_checks_plain_vcr_cassettes_and_warns_about_unused(
    pytester: pytest.Pytester,
) -> None:
    _replaying(pytester, marked=True)
    shown = "default::hsconform.testing.pytest_plugin.NoCassetteWarning"
    result = pytester.runpytest("-p", "no:cacheprovider", "-W", shown)
    result.assert_outcomes(failed=3, passed=1, warnings=1)
    output = result.stdout.str()
    assert "recorded responses do not conform" in output
    assert "NoCassetteWarning: test_contacts.py::test_no_cassette: marked" in output
    # where warnings are errors, a marked test that used no cassette fails
    result = pytester.runpytest("-p", "no:cacheprovider", "-W", "error")
    result.assert_outcomes(failed=4)
    assert "used no cassette (NoCassetteWarning raised as an error)" in result.stdout.str()


#: An inner test that records from a local server when its cassette is absent, else replays.
RECORDING = """
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
import requests
import vcr

BODY = json.dumps(BODY_JSON).encode()
URL_PATH = "/crm/v3/objects/contacts/batch/update"


class Answer(BaseHTTPRequestHandler):
    hits = 0

    def log_message(self, *args):
        pass

    def do_POST(self):
        Answer.hits += 1
        self.rfile.read(int(self.headers.get("Content-Length") or 0))
        self.send_response(207)
        self.send_header("Content-Type", "application/json;charset=utf-8")
        self.send_header("Content-Length", str(len(BODY)))
        self.end_headers()
        self.wfile.write(BODY)


@pytest.fixture
def local():
    server = ThreadingHTTPServer(("127.0.0.1", 0), Answer)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    server.server_close()
    thread.join(timeout=10)
    print(f"server hits: {Answer.hits}")


@pytest.mark.hsconform_cassettes
def test_update(local):
    with vcr.use_cassette("cassettes/update.yaml", match_on=["method", "path"]):
        requests.post(local + URL_PATH, json={"inputs": []}, timeout=5)
"""


def _outcome_lines(output: str) -> list[str]:
    return [line for line in output.splitlines() if "test_update" in line and "::" in line]


def test_recording_and_replay_give_the_same_failed_outcome(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(test_record=RECORDING.replace("BODY_JSON", repr(BROKEN_BODY)))
    cassette = pytester.path / "cassettes" / "update.yaml"
    recording = pytester.runpytest("-p", "no:cacheprovider", "-rA", "-s")
    assert cassette.is_file()  # recorded in this run
    recording.assert_outcomes(failed=1)
    written = cassette.read_text()
    replay = pytester.runpytest("-p", "no:cacheprovider", "-rA", "-s")
    replay.assert_outcomes(failed=1)
    assert cassette.read_text() == written
    assert "server hits: 1" in recording.stdout.str()
    assert "server hits: 0" in replay.stdout.str()  # replayed, no request sent
    for result in (recording, replay):
        output = result.stdout.str()
        assert "FAILED test_record.py::test_update" in output
        assert "ERROR" not in output
        assert "update.yaml" in output and "[HSC-V-TYPE]" in output
    assert _outcome_lines(recording.stdout.str()) == _outcome_lines(replay.stdout.str())


def test_pytest_recording_cassettes_are_checked(pytester: pytest.Pytester) -> None:
    pytest.importorskip("pytest_recording")
    folder = pytester.path / "cassettes" / "test_deals"
    folder.mkdir(parents=True)
    broken = (RECORDED / "test_batch_update_200_with_errors.yaml").read_text()
    (folder / "test_update.yaml").write_text(broken)
    (folder / "shared.yaml").write_text(broken)
    pytester.makepyfile(
        test_deals=f"""
        import pytest
        import requests

        @pytest.mark.vcr
        def test_update():
            requests.post("{UPDATE}", json={{"inputs": []}}, timeout=5)

        @pytest.mark.vcr("shared.yaml")
        def test_with_a_shared_cassette(vcr):
            assert vcr is not None

        def test_plain():
            pass
        """
    )
    result = pytester.runpytest("-p", "no:cacheprovider", "--hsconform-cassettes")
    result.assert_outcomes(failed=2, passed=1)
    output = result.stdout.str()
    assert "[HSC-H-200-WITH-ERRORS]" in output
    assert "shared.yaml" in output  # a cassette the marker merges in is checked too


@pytest.mark.parametrize(
    "setting", ['exclude = ["**/broken.yaml"]', 'paths = ["recordings"]'], ids=["exclude", "paths"]
)
def test_cassettes_the_configuration_leaves_out_are_not_checked(
    pytester: pytest.Pytester, setting: str
) -> None:
    _replaying(pytester, marked=False)
    pytester.makefile(".toml", hsconform=setting + "\n")
    result = pytester.runpytest("-p", "no:cacheprovider", "--hsconform-cassettes")
    result.assert_outcomes(passed=4)
    assert result.ret == 6  # nothing was checked, and the summary says why
    result.stdout.fnmatch_lines(
        ["*hsconform: nothing was checked: the 3 cassette(s) the tests used are excluded or *"]
    )
