"""What a run prints and where: -q, --color, -o, several --report, --select/--ignore."""

from __future__ import annotations

import io
import json
import xml.etree.ElementTree as ET

import pytest
from helpers import ROOT
from helpers import run_cli as run

from hsconform.report.color import wants_color

FLAGS = (
    ROOT
    / "fixtures"
    / "payloads"
    / "crm-feature-flags-api-batch-portal-flag-state-response-with-errors"
)
RED = "\033[31m"


def test_quiet_shows_only_failures_and_the_summary(capsys) -> None:
    code, full, _ = run(capsys, "check", str(FLAGS))
    quiet_code, quiet, _ = run(capsys, "check", "-q", str(FLAGS))
    assert code == quiet_code == 1
    assert "\nok    " in full and "\nok    " not in quiet
    assert quiet.count("FAIL  ") == full.count("FAIL  ") > 0
    assert quiet.splitlines()[-1] == full.splitlines()[-1]  # the same counts


def test_quiet_twice_prints_the_summary_line_alone(capsys) -> None:
    code, full, _ = run(capsys, "check", str(FLAGS))
    quietest_code, quietest, _ = run(capsys, "check", "-qq", str(FLAGS))
    assert code == quietest_code == 1
    assert quietest.splitlines() == [full.splitlines()[-1]]


def test_color_never_always_and_the_environment(capsys, monkeypatch) -> None:
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    _, plain, _ = run(capsys, "check", "--color", "never", str(FLAGS))
    _, coloured, _ = run(capsys, "check", "--color", "always", str(FLAGS))
    assert "\033[" not in plain
    assert f"{RED}FAIL " in coloured
    _, auto, _ = run(capsys, "check", str(FLAGS))  # not a terminal: no colour
    assert "\033[" not in auto
    monkeypatch.setenv("FORCE_COLOR", "1")
    _, forced, _ = run(capsys, "check", str(FLAGS))
    assert f"{RED}FAIL " in forced
    monkeypatch.setenv("NO_COLOR", "1")
    _, no_color, _ = run(capsys, "check", str(FLAGS))
    assert "\033[" not in no_color  # NO_COLOR wins over FORCE_COLOR under auto


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize(
    ("choice", "environ", "expected"),
    [
        ("auto", {}, True),
        ("auto", {"NO_COLOR": "1"}, False),
        ("auto", {"NO_COLOR": ""}, True),  # set but empty: no-color.org says it does not count
        ("never", {"FORCE_COLOR": "1"}, False),
        ("always", {"NO_COLOR": "1"}, True),
    ],
)
def test_a_terminal_is_coloured_unless_asked_otherwise(choice, environ, expected) -> None:
    assert wants_color(choice, _Terminal(), environ) is expected


def test_several_reports_from_one_run(capsys, tmp_path) -> None:
    sarif, junit = tmp_path / "out.sarif", tmp_path / "out.xml"
    code, out, _ = run(
        capsys, "check", str(FLAGS), "--report", f"sarif:{sarif}", "--report", f"junit:{junit}"
    )
    assert code == 1
    assert out.startswith("hsconform check")  # the text report still goes to the log
    log = json.loads(sarif.read_text())
    assert log["version"] == "2.1.0" and log["runs"][0]["results"]
    suites = ET.parse(junit).getroot()
    assert any(True for _ in suites.iter("failure"))
    written = tmp_path / "r.json"
    code, out, _ = run(capsys, "check", str(FLAGS), "-o", str(written), "--format", "json")
    assert out == "" and json.loads(written.read_text())["summary"]["failed"] > 0
    code, out, _ = run(capsys, "check", str(FLAGS), "--format", "json", "--report", "text:-")
    assert out.startswith("{") and "\nhsconform check" in out


def test_a_bad_report_target_is_a_usage_error(capsys, tmp_path) -> None:
    with pytest.raises(SystemExit) as exit_info:
        run(capsys, "check", str(FLAGS), "--report", "pdf:out.pdf")
    assert exit_info.value.code == 2
    assert "expected FORMAT:FILE" in capsys.readouterr().err
    code, _, err = run(capsys, "check", str(FLAGS), "-o", str(tmp_path / "no" / "such" / "x"))
    assert code == 2 and "cannot write" in err


def test_ignore_and_select_by_code_and_prefix(capsys, tmp_path) -> None:
    _, out, _ = run(capsys, "check", "--format", "json", str(FLAGS))
    codes = {f["code"] for f in json.loads(out)["findings"]}
    assert "HSC-V-ENUM" in codes and len(codes) > 1
    code, out, _ = run(capsys, "check", "--format", "json", "--ignore", "HSC-V-ENUM", str(FLAGS))
    assert "HSC-V-ENUM" not in {f["code"] for f in json.loads(out)["findings"]}
    code, out, _ = run(capsys, "check", "--format", "json", "--select", "HSC-V-ENUM", str(FLAGS))
    assert {f["code"] for f in json.loads(out)["findings"]} == {"HSC-V-ENUM"}
    everything = ",".join(sorted({c.split("-")[0] + "-" + c.split("-")[1] for c in codes}))
    code, out, _ = run(capsys, "check", "--ignore", everything, str(FLAGS))
    assert code == 0 and "0 failed" in out  # no finding left: nothing fails
    code, out, _ = run(capsys, "lint", "--format", "json", "--ignore", "HSC-PUB")
    assert not [f for f in json.loads(out)["findings"] if f["code"].startswith("HSC-PUB")]
    empty = tmp_path / "baseline.json"
    empty.write_text('{"format": 1, "entries": []}')
    code, _, _ = run(capsys, "drift", "--baseline", str(empty))
    assert code == 1
    code, _, _ = run(
        capsys, "drift", "--baseline", str(empty), "--ignore", "HSC-D", "--ignore", "HSC-PUB"
    )
    assert code == 0


def test_the_last_line_says_what_happened(capsys, tmp_path) -> None:
    code, out, err = run(capsys, "check", str(FLAGS))
    assert code == 1 and out.splitlines()[-1].endswith("; exit 1: 7 failed") and err == ""
    code, out, _ = run(capsys, "lint")
    assert code == 0 and out.splitlines()[-1].endswith("; exit 0: no errors")
    code, out, _ = run(capsys, "check", str(tmp_path / "missing.json"))
    assert code == 2 and out.splitlines()[-1].endswith("; exit 2: 1 input problem(s)")
    # a machine-readable report on standard output: the summary line ends the log instead
    code, out, err = run(capsys, "check", "--format", "json", str(FLAGS))
    assert json.loads(out)["summary"]["exit_code"] == 1
    assert err.startswith("hsconform: ") and err.endswith("; exit 1: 7 failed\n")


def test_verbose_names_the_configuration_and_the_pack(capsys, tmp_path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    code, _, err = run(capsys, "drift", "-v")
    assert code == 0
    assert "hsconform: configuration: none (defaults)" in err
    assert "(profile published, engine jsonschema-rs)" in err
