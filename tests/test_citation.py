"""What a research tool carries: its licence (EUPL-1.2, in LICENSE and pyproject.toml), a CITATION.cff whose version
is the package's and whose message asks for exactly the fields summary.json records; summary.json names the
window its means cover; counts are printed in the number they take ("1 worker", not "1 workers")."""

from __future__ import annotations

import json
import re
import tomllib
from pathlib import Path
from types import SimpleNamespace

import pytest
import typer
import yaml
from typer.testing import CliRunner

import wijksim
from wijksim import provenance
from wijksim.cli import _register_optional_commands, app
from wijksim.model import SUMMARY_WINDOW, WijkModel, window_key
from wijksim.text.numbers import counted

ROOT = Path(__file__).resolve().parents[1]
TINY = ["--set", "width=16", "--set", "height=16", "--set", "burn_in=10"]

_register_optional_commands()


def _pyproject() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]


def _citation() -> dict:
    return yaml.safe_load((ROOT / "CITATION.cff").read_text())


@pytest.fixture(scope="module")
def run_20_weeks(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict, str]:
    """``wijksim run`` of 20 weeks on a tiny wijk: its summary.json and what it printed."""
    out = tmp_path_factory.mktemp("run") / "out"
    r = CliRunner().invoke(app, ["run", "--weeks", "20", *TINY, "--out", str(out)])
    assert r.exit_code == 0, r.output
    return json.loads((out / "summary.json").read_text()), r.stdout


# --- licence and citation ------------------------------------------------------------------------
def test_the_licence_is_eupl_1_2_in_both_places() -> None:
    text = (ROOT / "LICENSE").read_text()
    assert text.startswith("EUROPEAN UNION PUBLIC LICENCE v. 1.2")
    assert "Appendix" in text and "Compatible Licences" in text and "MIT" not in text.split("\n", 1)[0]
    assert _pyproject()["license"] == "EUPL-1.2"
    assert _citation()["license"] == "EUPL-1.2"


def test_citation_cff_has_what_cff_1_2_requires_and_the_packages_version() -> None:
    cff = _citation()
    assert cff["cff-version"] == "1.2.0" and cff["type"] == "software"
    assert cff["title"] and cff["message"] and cff["authors"] == [{"name": "The wijksim developers"}]
    assert str(cff["version"]) == _pyproject()["version"] == wijksim.__version__
    assert "repository-code" not in cff or str(cff["repository-code"]).startswith("https://")


def test_citation_asks_for_the_version_and_commit_that_summary_json_records(run_20_weeks: tuple[dict, str]) -> None:
    summary, _ = run_20_weeks
    fields = re.findall(r"\bversions\.(\w+)", _citation()["message"])
    assert {"wijksim", "git_commit"} <= set(fields), fields
    for name in fields:
        assert name in summary["versions"], f"CITATION.cff asks for versions.{name}, which summary.json lacks"
    assert summary["versions"]["wijksim"] == str(_citation()["version"])
    assert summary["versions"]["git_commit"] == provenance.git_info()[0]
    assert summary["wijksim_version"].startswith(summary["versions"]["wijksim"])


# --- the summary's window ------------------------------------------------------------------------
def test_a_short_runs_summary_names_its_window_honestly(run_20_weeks: tuple[dict, str]) -> None:
    summary, stdout = run_20_weeks
    assert summary["weeks"] == 20 and summary["window_weeks"] == 20
    assert "mean_last_52_weeks" not in summary, "a 20-week run's means under a year's name"
    means = summary[window_key(summary["window_weeks"])]
    assert means is summary["mean_last_20_weeks"] and means["week"] == pytest.approx(10.5)  # weeks 1..20
    assert "incidents/week" in stdout and "over the last 20 weeks" in stdout
    guide = (ROOT / "docs" / "guide-researchers.md").read_text()
    assert "`window_weeks`" in guide and "`mean_last_20_weeks`" in guide  # the output section says so


def test_a_run_of_a_year_or_more_keeps_the_key_old_readers_use() -> None:
    model = WijkModel(rng=3, width=12, height=12, burn_in=2)
    model.run(SUMMARY_WINDOW + 8)
    summary = model.summary()
    assert summary["window_weeks"] == SUMMARY_WINDOW == 52
    ts = model.timeseries()
    assert summary["mean_last_52_weeks"]["share_unsafe"] == pytest.approx(ts["share_unsafe"].tail(52).mean())
    assert summary["mean_last_52_weeks"]["week"] == pytest.approx(ts["week"].tail(52).mean())  # weeks 9..60
    assert [k for k in summary if k.startswith("mean_last_")] == ["mean_last_52_weeks"]


# --- counts in words ------------------------------------------------------------------------------
def test_counts_take_the_number_of_their_noun() -> None:
    assert counted(1, "worker") == "1 worker" and counted(2, "worker") == "2 workers"
    assert counted(0, "run") == "0 runs" and counted(1, "person", "people") == "1 person"
    assert counted(3, "person", "people") == "3 people"


def test_a_sweep_on_one_worker_says_one_worker(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from wijksim.sweep.commands import _report

    result = SimpleNamespace(damaged=[], ran=1, runs_per_minute=30.0, done=1, total=1, seconds=2.0, workers=1,
                             failed={})
    _report(result, tmp_path)
    out = capsys.readouterr().out
    assert "on 1 worker)" in out and "1/1 run done" in out and "workers" not in out, out
    result.failed = {3: "boom"}
    result.workers = 2
    with pytest.raises(typer.Exit):
        _report(result, tmp_path)
    got = capsys.readouterr()
    assert "on 2 workers)" in got.out and "wijksim: 1 run failed" in got.err, got


def test_check_counts_interventions_in_the_right_number(tmp_path: Path) -> None:
    one = tmp_path / "one.toml"
    one.write_text('name = "one"\nweeks = 1\n[[interventions]]\ntype = "crime_wave"\nstart = 1\nweeks = 1\n'
                   'multiplier = 2.0\n')
    none = tmp_path / "none.toml"
    none.write_text('name = "none"\nweeks = 20\n')
    r = CliRunner().invoke(app, ["check", str(one), str(none)])
    assert r.exit_code == 0, r.output
    assert "(1 week, 1 intervention)" in r.stdout and "(20 weeks, 0 interventions)" in r.stdout, r.stdout
