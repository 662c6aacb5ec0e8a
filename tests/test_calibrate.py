"""`wijksim calibrate`: the targets file, its errors, a small ABC-SMC run end to end, and resuming it."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from wijksim.calibrate import CalibrationError, load_targets, particle_seed, weighted_quantile

# found without importing it (pyabc costs ~1.6 s, paid at collection by every xdist worker if imported here);
# the module's tests on one xdist worker (conftest.py), so pyabc is imported by one worker, not both
pytestmark = [pytest.mark.skipif(importlib.util.find_spec("pyabc") is None, reason="pyabc not installed"),
              pytest.mark.xdist_group("pyabc")]

BASE = 'name = "c"\ndescription = "x"\nweeks = 12\n[params]\nwidth = 10\nheight = 10\nburn_in = 4\n'
TARGETS = """scenario = "base.toml"
weeks = 12
summary_weeks = 6
population = 6
generations = {generations}
seed = 3
[fit]
fear_decay = {{ low = 0.01, high = 0.06 }}
[targets]
share_unsafe = {{ value = 0.18, sd = 0.05 }}
"""


def _files(tmp_path: Path, generations: int = 1, targets: str = TARGETS) -> Path:
    (tmp_path / "base.toml").write_text(BASE)
    f = tmp_path / "t.toml"
    f.write_text(targets.format(generations=generations) if "{generations}" in targets else targets)
    return f


def _wijksim(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "wijksim", *args], capture_output=True, text=True, cwd=cwd,
                          timeout=600)


def test_targets_file_resolves_paths_defaults_and_registry_ranges(tmp_path):
    f = _files(tmp_path, targets=TARGETS.replace("fear_decay = {{ low = 0.01, high = 0.06 }}",
                                                 "fear_decay = {{}}"))
    cal = load_targets(f, {"crime_rate": 1.5})
    assert cal.scenario.name == "c" and cal.overrides == {"crime_rate": 1.5}
    from wijksim.params import PARAMS

    assert cal.priors["fear_decay"] == (PARAMS["fear_decay"].low, PARAMS["fear_decay"].high)
    assert cal.targets == {"share_unsafe": (0.18, 0.05)} and cal.population == 6


@pytest.mark.parametrize("change, words", [
    (("seed = 3", "seed = -1"), ["seed"]),
    (("population = 6", 'population = "6"'), ["population"]),
    (("population = 6", "population = true"), ["population"]),
    (("share_unsafe", "no_column"), ["targets", "not a timeseries column"]),
    (("fear_decay = {{", "no_param = {{"), ["fit", "not a parameter"]),
    (("low = 0.01", "low = -5"), ["fit.fear_decay", "registry"]),
    (("low = 0.01, high = 0.06", "low = 0.06, high = 0.01"), ["low < high"]),
    (("sd = 0.05", "sd = 0"), ["targets.share_unsafe.sd", "greater than 0"]),
    (("summary_weeks = 6", "summary_weeks = 60"), ["summary_weeks"]),
    (('scenario = "base.toml"', 'scenario = "nope.toml"'), ["no such scenario file"]),
    (("seed = 3", "seed = 3\nsurprise = 1"), ["surprise"]),
    (("[targets]", "[targets\n"), ["not valid TOML"]),
])
def test_bad_targets_files_get_one_clear_line(tmp_path, change, words):
    f = _files(tmp_path, targets=TARGETS.replace(*change))
    with pytest.raises(CalibrationError) as e:
        load_targets(f)
    for w in words:
        assert w in str(e.value), str(e.value)


def test_a_fitted_parameter_cannot_also_be_fixed(tmp_path):
    with pytest.raises(CalibrationError, match="also given with --set"):
        load_targets(_files(tmp_path), {"fear_decay": 0.02})


def test_particle_seeds_depend_on_values_and_seed_only():
    a = particle_seed(1, {"x": 0.1, "y": 2.0})
    assert a == particle_seed(1, {"y": 2.0, "x": 0.1})
    assert a != particle_seed(2, {"x": 0.1, "y": 2.0}) and a != particle_seed(1, {"x": 0.1000001, "y": 2.0})
    assert 0 <= a < 2**63


def test_weighted_quantile_matches_repetition():
    assert weighted_quantile([1.0, 2.0, 3.0], [1.0, 1.0, 1.0], 0.5) == pytest.approx(2.0)
    assert weighted_quantile([1.0, 2.0, 3.0], [0.0, 0.0, 1.0], 0.5) == pytest.approx(3.0)


@pytest.mark.slow
def test_calibrate_end_to_end_then_resume_and_refuse_other_targets(tmp_path):
    f = _files(tmp_path, generations=1)
    r = _wijksim("calibrate", str(f), "--out", "cal", "--workers", "1", cwd=tmp_path)
    assert r.returncode == 0, r.stderr[-2000:]
    out = tmp_path / "cal"
    post = pd.read_parquet(out / "posterior.parquet")
    assert set(post.columns) == {"fear_decay", "weight"} and len(post) == 6
    assert post["weight"].sum() == pytest.approx(1.0) and post["fear_decay"].between(0.01, 0.06).all()
    spec = json.loads((out / "calibration.json").read_text())
    assert spec["status"] == "done" and spec["simulations"] >= 6 and "numpy" in spec["versions"]
    md = (out / "calibration.md").read_text()
    assert "fear_decay" in md and "Posterior predictive check" in md and "share_unsafe" in md
    assert (out / "posterior_marginals.png").stat().st_size > 1000
    # more generations: resumes from the database instead of starting again
    _files(tmp_path, generations=2)
    r = _wijksim("calibrate", str(f), "--out", "cal", "--workers", "1", cwd=tmp_path)
    assert r.returncode == 0, r.stderr[-2000:]
    assert "resuming" in r.stdout
    assert json.loads((out / "calibration.json").read_text())["simulations"] > spec["simulations"]
    # other targets into the same directory: refused, nothing touched
    f.write_text(f.read_text().replace("0.18", "0.25"))
    before = (out / "posterior.parquet").read_bytes()
    r = _wijksim("calibrate", str(f), "--out", "cal", "--workers", "1", cwd=tmp_path)
    assert r.returncode == 2 and "Traceback" not in r.stderr and "targets" in r.stderr
    assert (out / "posterior.parquet").read_bytes() == before


def test_calibrate_command_line_errors(monkeypatch, tmp_path):
    """In-process (the real process's one-line errors are tests/test_scenarios.py's subprocess tests): each
    refusal exits 2 through SystemExit, its message on stderr, and nothing is written."""
    from typer.testing import CliRunner

    import wijksim.wijk_commands  # noqa: F401  (registers the command)
    from wijksim.cli import app

    f = _files(tmp_path)
    monkeypatch.chdir(tmp_path)
    for args, words in ((["--workers", "0"], "--workers"), (["--set", "fear_decay=0.02"], "also given"),
                        (["--workers", "1", "--scheduler", "tcp://127.0.0.1:1"], "not both")):
        r = CliRunner().invoke(app, ["calibrate", str(f), "--out", "x", *args])
        assert r.exit_code == 2 and isinstance(r.exception, SystemExit) and words in r.stderr, r.output
        assert "Traceback" not in r.output and not (tmp_path / "x").exists()
    (tmp_path / "full").mkdir()
    (tmp_path / "full" / "thesis.docx").write_text("precious")
    r = CliRunner().invoke(app, ["calibrate", str(f), "--out", "full"])
    assert r.exit_code == 2 and isinstance(r.exception, SystemExit) and "not empty" in r.stderr, r.output
    assert [p.name for p in (tmp_path / "full").iterdir()] == ["thesis.docx"]


# --- the verdict, the predictive check, progress (issue 23) ---------------------------------------------------
def _shape(width: float, low: float = 0.0, high: float = 0.0):
    from wijksim.calibrate_report import Shape

    return Shape(median=0.0, lo90=0.0, hi90=0.0, width=width, low_share=low, high_share=high)


def test_verdict_has_hysteresis_two_thresholds_per_label():
    from wijksim.calibrate_report import CONSTRAINED, EDGE, FREE, judge

    labels = [v.label for v in judge([_shape(w) for w in (0.45, 0.35, 0.45, 0.55, 0.65, 0.45)])]
    # 0.45 is between the thresholds: it keeps whatever label came before (free at first, then constrained)
    assert labels == [FREE, CONSTRAINED, CONSTRAINED, CONSTRAINED, FREE, FREE]
    edges = judge([_shape(0.3, high=h) for h in (0.15, 0.22, 0.15, 0.13, 0.10)])
    assert [v.label for v in edges] == [CONSTRAINED, EDGE, EDGE, EDGE, CONSTRAINED]
    assert edges[1].side == "upper" and judge([_shape(0.3, low=0.3)])[0].side == "lower"


def test_mass_piled_against_a_bound_is_at_the_edge_not_constrained():
    """The documented example: report_base on [-1, 0.5] with 36 % of the particles above 0.4; its 90 % interval
    is narrow (the old rule said "constrained"), but it is cut off by the prior."""
    import numpy as np

    from wijksim.calibrate_report import EDGE, judge, shape

    rng = np.random.default_rng(5)
    x = np.concatenate([rng.uniform(0.1, 0.4, 640), rng.uniform(0.4, 0.5, 360)])
    s = shape(x, np.ones_like(x), -1.0, 0.5)
    assert s.width < 0.5  # what the old single threshold called constrained
    assert s.high_share > 0.2 and s.low_share == 0.0
    v = judge([s])[0]
    assert v.label == EDGE and v.side == "upper"
    mid = shape(rng.normal(-0.25, 0.1, 1000).clip(-1, 0.5), np.ones(1000), -1.0, 0.5)
    assert judge([mid])[0].label == "constrained"


def test_predictive_check_interval_inside_outside_and_line():
    import numpy as np

    from wijksim.calibrate_report import check_line, check_record, predictive_rows

    sims = pd.DataFrame({"share_unsafe": np.linspace(0.20, 0.24, 40), "reporting_rate": np.full(40, 0.20)})
    rows = predictive_rows(sims, {"share_unsafe": (0.22, 0.02), "reporting_rate": (0.30, 0.03)},
                           np.random.default_rng(1), {"share_unsafe": (0, 1), "reporting_rate": (0, 1)})
    r = rows.set_index("target")
    assert r.loc["share_unsafe", "inside"] and not r.loc["reporting_rate", "inside"]
    # the survey error widens the interval: 0.20 ± 1.96 × 0.03
    assert r.loc["reporting_rate", "lo95"] == pytest.approx(0.141, abs=0.01)
    assert r.loc["reporting_rate", "hi95"] == pytest.approx(0.259, abs=0.01)
    line = check_line(next(rows.itertuples()))
    assert line.startswith("share_unsafe: predicted 0.22 [") and line.endswith("], target 0.22 — inside")
    assert check_line(list(rows.itertuples())[1]).endswith("target 0.3 — outside")
    record = check_record(rows, 40)
    assert record["passed"] is False and record["targets"]["share_unsafe"]["inside"] is True
    low = predictive_rows(pd.DataFrame({"share_unsafe": np.zeros(5)}), {"share_unsafe": (0.0, 0.2)},
                          np.random.default_rng(1), {"share_unsafe": (0, 1)})
    assert low["lo95"].iloc[0] == 0.0  # a share is never below 0, noise or not


def test_progress_line_and_time_left():
    from wijksim.calibrate_report import Progress, progress_line, time_left

    assert time_left([100, 200], [50.0, 100.0], 2) == pytest.approx(400 * 0.5 + 800 * 0.5)  # growth 2 per generation
    assert time_left([100], [50.0], 0) == 0.0 and time_left([], [], 3) is None
    line = progress_line(Progress(generation=2, generations=5, epsilon=3.214, simulations=812, acceptance=0.24,
                                  elapsed=190, left=500))
    assert line == ("generation 2 of 5: threshold ε 3.21, 812 simulations so far, acceptance 24 %, elapsed "
                    "3 min 10 s, about 8 min 20 s left")


def _in_process_calibrate(monkeypatch, tmp_path: Path, *args: str):
    """`wijksim calibrate` in this process, its simulations too (no Dask cluster: fast and tiny)."""
    import functools

    from typer.testing import CliRunner

    import wijksim.calibrate as C
    import wijksim.wijk_commands  # noqa: F401  (registers the command)
    from wijksim.cli import app

    monkeypatch.setattr(C, "run_calibration", functools.partial(C.run_calibration, in_process=True))
    monkeypatch.setattr(C, "PREDICTIVE_DRAWS", 8)
    monkeypatch.chdir(tmp_path)
    return CliRunner().invoke(app, ["calibrate", "t.toml", "--out", "cal", *args])


def test_calibrate_prints_progress_verdict_and_predictive_check(monkeypatch, tmp_path):
    import re

    from wijksim.provenance import git_info

    _files(tmp_path, generations=2)
    r = _in_process_calibrate(monkeypatch, tmp_path, "--set", "burn_in=2")
    assert r.exit_code == 0, (r.stdout, r.stderr)
    lines = r.stderr.splitlines()
    for g in (1, 2):  # one plain line per generation (stderr is no terminal here)
        assert any(re.fullmatch(rf"generation {g} of 2: threshold ε \S+, \d+ simulations so far, acceptance \d+ %, "
                                r"elapsed .+, (about .+ left|time left unknown|done)", s) for s in lines), lines
    eps = [float(x) for x in re.findall(r"threshold ε (\S+),", r.stderr)]
    assert len(eps) == 2 and eps[1] < eps[0], eps  # the threshold shrinks (each median of accepted distances)
    assert "after a burn-in of 2" in r.stdout  # the pilot's --set reaches the run and is said
    assert re.search(r"^fear_decay .*(constrained|NOT constrained|AT THE PRIOR'S (LOWER|UPPER) EDGE)", r.stdout,
                     re.M), r.stdout
    check = re.findall(r"share_unsafe: predicted \S+ \[\S+, \S+\], target 0\.18 — (inside|outside)", r.stdout)
    assert len(check) == 1, r.stdout
    spec = json.loads((tmp_path / "cal" / "calibration.json").read_text())
    assert spec["definition"]["overrides"] == {"burn_in": 2}
    assert spec["versions"]["git_commit"] == git_info()[0] and "pyabc" in spec["versions"]
    pc = spec["predictive_check"]
    assert pc["passed"] is (check[0] == "inside") and pc["targets"]["share_unsafe"]["inside"] is pc["passed"]
    assert ("FIT FAILED" in r.stdout) is (not pc["passed"])
    verdict = spec["verdicts"]["fear_decay"]
    assert len(verdict["per_generation"]) == 2 and verdict["verdict"] in verdict["per_generation"][-1]
    assert verdict["edge"] in ("lower", "upper", None)  # never NaN (not JSON)
    md = (tmp_path / "cal" / "calibration.md").read_text()
    assert "95 % predictive interval" in md and "Verdict per generation" in md
    # the same command again: every generation is done, so it runs none and reports the same posterior
    before = spec["simulations"]
    r = _in_process_calibrate(monkeypatch, tmp_path, "--set", "burn_in=2")
    assert r.exit_code == 0 and "generation 1 of 2" not in r.stderr and "resuming: 2 of 2" in r.stderr, r.stderr
    assert json.loads((tmp_path / "cal" / "calibration.json").read_text())["simulations"] == before


def test_a_map_scenario_refuses_set_width_before_any_simulation(tmp_path):
    f = _files(tmp_path, targets=TARGETS.replace("base.toml", str(Path(__file__).resolve().parents[1] / "scenarios"
                                                                  / "hofjeswijk.toml")))
    with pytest.raises(CalibrationError, match="sets the wijk's size"):
        load_targets(f, {"width": 16})


def _failed_calibration(tmp_path: Path, passed: bool) -> Path:
    """A posterior.parquet with a calibration.json beside it whose predictive check passed or failed."""
    cal = tmp_path / "cal"
    cal.mkdir()
    pd.DataFrame({"fear_decay": [0.02, 0.03], "weight": [0.5, 0.5]}).to_parquet(cal / "posterior.parquet")
    check = {"passed": passed, "targets": {"share_unsafe": {"inside": True},
                                           "reporting_rate": {"inside": passed}}}
    (cal / "calibration.json").write_text(json.dumps({"status": "done", "predictive_check": check}))
    return cal / "posterior.parquet"


def test_fit_warning_reads_the_report_beside_the_posterior(tmp_path):
    from wijksim.posterior_file import fit_warning

    post = _failed_calibration(tmp_path, passed=False)
    warning = fit_warning(post)
    assert warning is not None and "reporting_rate" in warning and "share_unsafe" not in warning
    assert "\n" not in warning
    (post.parent / "calibration.json").write_text(json.dumps({"predictive_check": {"passed": True}}))
    assert fit_warning(post) is None
    for junk in ("not json", "[1, 2]", '{"predictive_check": "no"}'):
        (post.parent / "calibration.json").write_text(junk)
        assert fit_warning(post) is None
    (post.parent / "calibration.json").unlink()
    assert fit_warning(post) is None


@pytest.mark.parametrize("passed", [False, True])
def test_compare_and_sweep_warn_once_on_a_failed_fit(tmp_path, capsys, passed):
    from typer.testing import CliRunner

    import wijksim.scenario_commands  # noqa: F401  (registers compare)
    from wijksim.cli import app
    from wijksim.sweep.commands import with_posterior
    from wijksim.sweep.design import load_experiment

    post = _failed_calibration(tmp_path, passed=passed)
    (tmp_path / "base.toml").write_text(BASE)
    r = CliRunner().invoke(app, ["compare", str(tmp_path / "base.toml"), "--replicates", "1", "--weeks", "2",
                                 "--workers", "1", "--out", str(tmp_path / "cmp"), "--posterior", str(post)])
    assert r.exit_code == 0, (r.stdout, r.stderr)
    assert r.stderr.count("failed the posterior predictive check") == (0 if passed else 1), r.stderr
    exp = load_experiment(Path(__file__).resolve().parents[1] / "experiments" / "cooperation_feedback.toml")
    capsys.readouterr()
    with_posterior(exp, post)
    assert capsys.readouterr().err.count("failed the posterior predictive check") == (0 if passed else 1)
