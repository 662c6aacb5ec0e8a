"""`wijksim calibrate`: the targets file, its errors, a small ABC-SMC run end to end, and resuming it."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from wijksim.calibrate import CalibrationError, load_targets, particle_seed, weighted_quantile

pytest.importorskip("pyabc")

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
    assert "fear_decay" in md and "Posterior-predictive check" in md and "share_unsafe" in md
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


def test_calibrate_command_line_errors(tmp_path):
    f = _files(tmp_path)
    for args, words in ((["--workers", "0"], "--workers"), (["--set", "fear_decay=0.02"], "also given"),
                        (["--workers", "1", "--scheduler", "tcp://127.0.0.1:1"], "not both")):
        r = _wijksim("calibrate", str(f), "--out", "x", *args, cwd=tmp_path)
        assert r.returncode == 2 and "Traceback" not in r.stderr and words in r.stderr, r.stderr
    (tmp_path / "full").mkdir()
    (tmp_path / "full" / "thesis.docx").write_text("precious")
    r = _wijksim("calibrate", str(f), "--out", "full", cwd=tmp_path)
    assert r.returncode == 2 and "not empty" in r.stderr
    assert [p.name for p in (tmp_path / "full").iterdir()] == ["thesis.docx"]
