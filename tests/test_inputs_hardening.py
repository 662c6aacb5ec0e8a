"""Inputs that cannot hang, overflow, lose households or lie: every kind of input file is stat-checked
before it is opened, design sizes come from their formulas, numbers that do not fit are refused by field,
maps are checked (finite, non-degenerate, in their CRS, households conserved), calibration targets and
posterior files are checked before any run. Each case is one clear line naming the file and the field."""

from __future__ import annotations

import json
import math
import os
import threading
import time
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest

from wijksim.compare import CompareError, read_posterior
from wijksim.layout_file import MapError, parse_geojson, read_map
from wijksim.scenarios import ScenarioError, load_scenario, parse_scenario_text
from wijksim.sweep.base import ExperimentError
from wijksim.sweep.design import load_experiment
from wijksim.text.messages import problem_of, text

BIG = "1" + "0" * 400  # a TOML integer no float can hold
RD = (155_000.0, 463_000.0)
SCENARIO = 'name = "b"\nweeks = 20\n[[interventions]]\ntype = "crime_wave"\nstart = 2\nweeks = 4\nmultiplier = 2.0\n'
EXPERIMENT = 'name = "x"\nweeks = 10\n'
TARGETS = ('scenario = "base.toml"\nweeks = 12\nsummary_weeks = 6\npopulation = 6\ngenerations = 1\n'
           '[fit]\nfear_decay = { low = 0.01, high = 0.06 }\n[targets]\nshare_unsafe = { value = 0.18, sd = 0.05 }\n')


def _one_line(err: BaseException, *words: str) -> str:
    msg = str(err)
    assert "\n" not in msg and "Traceback" not in msg, msg
    for w in words:
        assert w in msg, (w, msg)
    return msg


# --- FIFOs and devices: refused before anything opens them --------------------------------------------
def _refused_without_hanging(fn: Callable[[], Any], fifo: Path) -> BaseException:
    """Run ``fn`` in a thread; if it blocks (opening the FIFO waits for a writer), open the FIFO for writing
    so the reader gets end-of-file and the test fails instead of hanging."""
    box: dict[str, BaseException | None] = {"err": None}

    def call() -> None:
        try:
            fn()
        except BaseException as e:  # handed to the test thread
            box["err"] = e

    t = threading.Thread(target=call, daemon=True)
    t.start()
    t.join(10)
    if t.is_alive():
        os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))
        t.join(10)
        pytest.fail(f"reading {fifo} blocked (opened a FIFO)")
    assert box["err"] is not None, "a FIFO was accepted"
    return box["err"]


def _targets(tmp_path: Path, body: str = TARGETS) -> Path:
    (tmp_path / "base.toml").write_text(SCENARIO)
    f = tmp_path / "t.toml"
    f.write_text(body)
    return f


def _loaders(tmp_path: Path, fifo: Path) -> dict[str, Callable[[], Any]]:
    from wijksim.calibrate import load_targets

    exp = tmp_path / "exp.toml"
    exp.write_text(EXPERIMENT + f'scenario = "{fifo.name}"\n[design]\nkind = "grid"\n[design.factors]\n'
                   "fear_decay = { values = [0.01] }\n")
    targets = tmp_path / "targets.toml"
    targets.write_text(TARGETS.replace("base.toml", fifo.name))
    return {
        "scenario": lambda: load_scenario(fifo),
        "text map": lambda: read_map(fifo),
        "geojson map": lambda: read_map(fifo.with_suffix(".geojson")),
        "experiment": lambda: load_experiment(fifo),
        "experiment's scenario": lambda: load_experiment(exp),
        "targets": lambda: load_targets(fifo),
        "targets' scenario": lambda: load_targets(targets),
        "posterior": lambda: read_posterior(fifo),
    }


@pytest.mark.parametrize("kind", ["scenario", "text map", "geojson map", "experiment", "experiment's scenario",
                                  "targets", "targets' scenario", "posterior"])
def test_a_fifo_as_any_input_file_is_refused_at_once(tmp_path: Path, kind: str) -> None:
    fifo = tmp_path / "pipe.toml"
    os.mkfifo(fifo)
    os.mkfifo(fifo.with_suffix(".geojson"))
    target = fifo.with_suffix(".geojson") if kind == "geojson map" else fifo
    start = time.perf_counter()
    err = _refused_without_hanging(_loaders(tmp_path, fifo)[kind], target)
    assert time.perf_counter() - start < 5
    _one_line(err, "is a FIFO, not a", "pipe.")


def test_devices_and_directories_are_not_files(tmp_path: Path) -> None:
    with pytest.raises(ScenarioError) as err:
        load_scenario(Path("/dev/null"))  # today: read as an empty scenario
    _one_line(err.value, "/dev/null", "is a device, not a scenario file")
    assert "apparaat" in text(err.value, "nl")
    with pytest.raises(MapError) as merr:
        read_map(tmp_path)
    _one_line(merr.value, "directory")


# --- sizes from formulas, before anything is built ------------------------------------------------------
@pytest.mark.parametrize("design, words", [
    ('kind = "sobol"\nsamples = 524288\nsecond_order = true\n', ["3145728 points", "N·(2k+2)"]),
    ('kind = "sobol"\nsamples = 524288\n', ["2097152 points", "N·(k+2)"]),
    ('kind = "morris"\nsamples = 1000000\n', ["3000000 points", "r·(k+1)"]),
    ('kind = "lhs"\nsamples = 1000000\n', ["× 3 replicates = 3000000 runs"]),
])
def test_designs_too_large_are_refused_from_their_formula_within_two_seconds(tmp_path: Path, design: str,
                                                                              words: list[str]) -> None:
    f = tmp_path / "e.toml"
    reps = "replicates = 3\n" if "lhs" in design else ""
    f.write_text(EXPERIMENT + reps + "[design]\n" + design + "[design.factors]\ncrime_rate = {}\nfear_decay = {}\n")
    start = time.perf_counter()
    with pytest.raises(ExperimentError) as err:
        load_experiment(f)
    assert time.perf_counter() - start < 2.0
    _one_line(err.value, "2000000", *words)


def test_design_size_formulas() -> None:
    from wijksim.sweep.design import DesignSpec
    from wijksim.sweep.sampling import design_size

    def size(**kw: Any) -> int:
        return design_size(DesignSpec.model_validate(kw))[0]

    three = {"a": {}, "b": {}, "c": {}}
    assert size(kind="sobol", samples=8, factors=three) == 8 * 5
    assert size(kind="sobol", samples=8, second_order=True, factors=three) == 8 * 8
    assert size(kind="morris", samples=10, factors=three) == 10 * 4
    assert size(kind="lhs", samples=7, factors=three) == 7
    assert size(kind="grid", factors={"a": {"values": [1, 2, 3]}, "b": {"linspace": [0, 1, 5]}}) == 15


def test_design_sizes_match_what_is_built(tmp_path: Path) -> None:
    from wijksim.sweep.sampling import design_size

    for design in ('kind = "sobol"\nsamples = 4\nsecond_order = true\n', 'kind = "morris"\nsamples = 3\n'):
        f = tmp_path / "e.toml"
        f.write_text(EXPERIMENT + "[design]\n" + design + "[design.factors]\ncrime_rate = {}\nfear_decay = {}\n"
                     "mean_degree = {}\n")
        exp = load_experiment(f)
        assert design_size(exp.design)[0] == exp.n_points


# --- numbers that do not fit -------------------------------------------------------------------------------
_SCEN = {
    "scenario params": (f'name = "x"\n[params]\ncrime_rate = {BIG}\n', ["crime_rate", "does not fit"]),
    "scenario int param": (f'name = "x"\n[params]\nwidth = -{BIG}\n', ["width", "does not fit"]),
    "intervention field": (f'name = "x"\n[[interventions]]\ntype = "crime_wave"\nmultiplier = {BIG}\n',
                           ["interventions[0].multiplier", "too large"]),
}
_EXP = {
    "experiment params": (f"[params]\ncrime_rate = {BIG}\n[design]\nkind = 'grid'\n[design.factors]\n"
                          "fear_decay = { values = [0.01] }\n", ["params", "crime_rate", "does not fit"]),
    "grid values": (f"[design]\nkind = 'grid'\n[design.factors]\ncrime_rate = {{ values = [{BIG}] }}\n",
                    ["design.factors.crime_rate", "does not fit"]),
    "linspace": (f"[design]\nkind = 'grid'\n[design.factors]\ncrime_rate = {{ linspace = [0, {BIG}, 3] }}\n",
                 ["crime_rate.linspace", "too large"]),
    "sampling bounds": (f"[design]\nkind = 'lhs'\nsamples = 4\n[design.factors]\ncrime_rate = {{ low = 0, "
                        f"high = {BIG} }}\nfear_decay = {{}}\n", ["crime_rate.high", "too large"]),
}


@pytest.mark.parametrize("case", sorted(_SCEN))
def test_huge_integers_in_scenarios_are_refused_by_field(tmp_path: Path, case: str) -> None:
    content, words = _SCEN[case]
    f = tmp_path / "s.toml"
    f.write_text(content)
    with pytest.raises(ScenarioError) as err:
        load_scenario(f)
    _one_line(err.value, str(f), *words)


@pytest.mark.parametrize("case", sorted(_EXP))
def test_huge_integers_in_experiments_are_refused_by_field(tmp_path: Path, case: str) -> None:
    content, words = _EXP[case]
    f = tmp_path / "e.toml"
    f.write_text(EXPERIMENT + content)
    with pytest.raises(ExperimentError) as err:
        load_experiment(f)
    _one_line(err.value, str(f), *words)


def test_an_integer_longer_than_python_converts_is_one_line(tmp_path: Path) -> None:
    f = tmp_path / "s.toml"
    f.write_text('name = "x"\n[params]\ncrime_rate = 1' + "0" * 5000 + "\n")
    with pytest.raises(ScenarioError) as err:
        load_scenario(f)
    _one_line(err.value, str(f), "not valid TOML")


def test_thousands_of_overlapping_crime_waves_are_capped_without_overflow() -> None:
    from wijksim.model import MAX_CRIME_MULTIPLIER
    from wijksim.runner import run_scenario

    body = '[[interventions]]\ntype = "crime_wave"\nstart = 1\nweeks = 2\nmultiplier = 20\n' * 300  # 20**300
    sc = parse_scenario_text('name = "w"\nweeks = 2\n' + body)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # numpy's overflow warning fails the test
        ts = run_scenario(sc, seed=1, weeks=2, overrides={"width": 10, "height": 10, "burn_in": 0})
    assert ts["crime_multiplier"].max() == MAX_CRIME_MULTIPLIER
    assert np.isfinite(ts.select_dtypes("number").to_numpy()).all()


# --- maps ---------------------------------------------------------------------------------------------
def _square(x0: float, y0: float, w: float, h: float, fid: Any = None, **props: Any) -> dict[str, Any]:
    ring = [[x0, y0], [x0 + w, y0], [x0 + w, y0 + h], [x0, y0 + h], [x0, y0]]
    feat: dict[str, Any] = {"type": "Feature", "properties": props,
                            "geometry": {"type": "Polygon", "coordinates": [ring]}}
    if fid is not None:
        feat["id"] = fid
    return feat


def _doc(*features: dict[str, Any], crs: str = "urn:ogc:def:crs:EPSG::28992") -> dict[str, Any]:
    return {"type": "FeatureCollection", "crs": {"type": "name", "properties": {"name": crs}},
            "features": list(features)}


@pytest.mark.parametrize("literal", ["NaN", "Infinity", "1e400"])
def test_coordinates_must_be_finite(tmp_path: Path, literal: str) -> None:
    x, y = RD
    doc = _doc(_square(x, y, 30, 30, kind="dwelling"), _square(x + 60, y, 30, 30, fid="b7", kind="dwelling"))
    raw = json.dumps(doc).replace(f"{x + 90}", literal, 1)
    f = tmp_path / "m.geojson"
    f.write_text(raw)
    with pytest.raises(MapError) as err:
        read_map(f)
    _one_line(err.value, "feature 2 (id 'b7')", "finite")


@pytest.mark.parametrize("feature, words", [
    ({**_square(*RD, 30, 30, kind="dwelling"), "properties": [1, 2]}, ["feature 1", "'properties'", "object"]),
    (_square(*RD, 30, 0, fid=3, kind="dwelling", households=4), ["feature 1 (id '3')", "degenerate"]),
    ({"type": "Feature", "id": "line", "properties": {"kind": "dwelling"},
      "geometry": {"type": "Polygon", "coordinates": [[[RD[0], RD[1]], [RD[0] + 10, RD[1]], [RD[0] + 20, RD[1]],
                                                        [RD[0], RD[1]]]]}}, ["id 'line'", "degenerate"]),
])
def test_bad_footprints_are_refused_by_feature(feature: dict[str, Any], words: list[str]) -> None:
    with pytest.raises(MapError) as err:
        parse_geojson(_doc(feature, _square(RD[0] + 100, RD[1], 30, 30, kind="dwelling")), "m.geojson")
    _one_line(err.value, "m.geojson", *words)


def test_degrees_labelled_rd_new_are_refused() -> None:
    with pytest.raises(MapError) as err:  # today: a 1-cell wijk
        parse_geojson(_doc(_square(5.1, 52.0, 0.001, 0.001, kind="dwelling", households=10)), "m.geojson")
    _one_line(err.value, "outside RD New", "EPSG:28992", "300 to 625 km")


@pytest.mark.parametrize("features, placed", [
    ([_square(*RD, 30, 30, fid="a", kind="dwelling", households=100),
      _square(*RD, 30, 30, fid="b", kind="dwelling", households=100)], 100),
    ([_square(*RD, 90, 30, fid="flat", kind="social_housing", households=40),
      _square(RD[0] + 20, RD[1] + 10, 4, 4, fid="house", kind="dwelling", households=1)], 38),  # 3 lost, 1 added
])
def test_households_are_conserved_or_the_map_is_refused(features: list[dict[str, Any]], placed: int) -> None:
    with pytest.raises(MapError) as err:
        parse_geojson(_doc(*features), "m.geojson")
    a, b = (f["id"] for f in features)
    read = sum(f["properties"]["households"] for f in features)
    _one_line(err.value, "not conserved", f"hold {read}", f"would hold {placed}", f"(id {a!r})", f"(id {b!r})")


def test_separate_homes_keep_every_household() -> None:
    x, y = RD
    m = parse_geojson(_doc(_square(x, y, 90, 30, kind="social_housing", households=40),
                           _square(x + 120, y, 4, 4, kind="dwelling", households=1),
                           _square(x, y + 60, 30, 30, kind="dwelling")))
    assert int(m.households.sum()) == 40 + 1 + 4


def test_household_and_cell_caps_refuse_a_map_before_building_it() -> None:
    from wijksim.footprints import MAX_FOOTPRINT_CELLS, MAX_MAP_HOUSEHOLDS

    x, y = RD
    many = [_square(x + 20 * (i % 40), y + 20 * (i // 40), 15, 15, kind="dwelling", households=5000)
            for i in range(1000)]
    start = time.perf_counter()
    with pytest.raises(MapError) as err:
        parse_geojson(_doc(*many), "m.geojson")
    assert time.perf_counter() - start < 5
    _one_line(err.value, "5000000 households", f"more than {MAX_MAP_HOUSEHOLDS}")
    huge = [_square(x, y, 5000, 5000, kind="other") for _ in range(100)]
    with pytest.raises(MapError) as err:
        parse_geojson(_doc(*huge, _square(x, y, 15, 15, kind="dwelling")), "m.geojson")
    _one_line(err.value, f"more than {MAX_FOOTPRINT_CELLS}")


def test_layout_command_prints_the_households_as_a_plain_number(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from wijksim import wijk_commands  # noqa: F401 - registers `layout`
    from wijksim.cli import app

    f = tmp_path / "m.geojson"
    f.write_text(json.dumps(_doc(_square(*RD, 90, 30, kind="social_housing", households=1234))))
    out = CliRunner().invoke(app, ["layout", str(f)])
    assert out.exit_code == 0, out.output
    assert " 1234 households" in out.output


# --- calibration targets -------------------------------------------------------------------------------
@pytest.mark.parametrize("target, words", [
    ("share_unsafe = { value = 0.18, sd = inf }", ["targets.share_unsafe.sd = inf", "finite number above 0"]),
    ("share_unsafe = { value = 0.18, sd = nan }", ["targets.share_unsafe.sd"]),
    ("share_unsafe = { value = inf, sd = 0.05 }", ["targets.share_unsafe.value = inf", "0 to 1"]),
    ("share_unsafe = { value = nan, sd = 0.05 }", ["targets.share_unsafe.value = nan", "0 to 1"]),
    ("share_unsafe = { value = 5.0, sd = 0.05 }", ["targets.share_unsafe.value = 5.0", "0 to 1", "a share"]),
    ("incidents = { value = -1, sd = 0.05 }", ["targets.incidents.value = -1", "0 or more"]),
    ("cohesion = { value = 11, sd = 0.05 }", ["targets.cohesion.value = 11", "0 to 10"]),
    (f"share_unsafe = {{ value = {BIG}, sd = 0.05 }}", ["targets.share_unsafe.value"]),
    (f"share_unsafe = {{ value = 0.2, sd = {BIG} }}", ["targets.share_unsafe.sd"]),
])
def test_targets_are_checked_against_their_outputs_range_before_any_simulation(tmp_path: Path, target: str,
                                                                               words: list[str]) -> None:
    pytest.importorskip("pyabc")
    from wijksim.calibrate import CalibrationError, load_targets

    f = _targets(tmp_path, TARGETS.replace("share_unsafe = { value = 0.18, sd = 0.05 }", target))
    with pytest.raises(CalibrationError) as err:
        load_targets(f)
    _one_line(err.value, str(f), *words)


@pytest.mark.parametrize("bound", [f"low = -{BIG}", f"high = {BIG}"])
def test_prior_bounds_that_do_not_fit_are_refused(tmp_path: Path, bound: str) -> None:
    pytest.importorskip("pyabc")
    from wijksim.calibrate import CalibrationError, load_targets

    f = _targets(tmp_path, TARGETS.replace("low = 0.01, high = 0.06", bound))
    with pytest.raises(CalibrationError) as err:
        load_targets(f)
    _one_line(err.value, f"fit.fear_decay.{bound.split()[0]}", "finite number")


# --- posterior files -------------------------------------------------------------------------------------
_POSTERIORS: dict[str, tuple[pd.DataFrame, list[str]]] = {
    "nan in an int column": (pd.DataFrame({"mean_degree": pd.array([4, None], dtype="Int64"),
                                           "weight": [1.0, 1.0]}), ["'mean_degree'", "finite", "row 1"]),
    "text weight": (pd.DataFrame({"fear_decay": [0.01], "weight": ["a"]}), ["'weight'", "expected numbers"]),
    "text value": (pd.DataFrame({"fear_decay": ["0.1"], "weight": [1.0]}), ["'fear_decay'", "expected numbers"]),
    "list column": (pd.DataFrame({"fear_decay": [[0.1]], "weight": [1.0]}), ["'fear_decay'", "expected numbers"]),
    "bool weight": (pd.DataFrame({"fear_decay": [0.01], "weight": [True]}), ["'weight'", "expected numbers"]),
    "choice parameter": (pd.DataFrame({"patrol_strategy": ["hotspot"], "weight": [1.0]}),
                         ["'patrol_strategy'", "choice"]),
    "bool parameter": (pd.DataFrame({"police_feedback": [1.0], "weight": [1.0]}), ["'police_feedback'", "choice"]),
    "infinite value": (pd.DataFrame({"fear_decay": [0.01, math.inf], "weight": [1.0, 1.0]}), ["finite", "row 1"]),
    "shares over 1": (pd.DataFrame({"initial_share_active": [0.3, 0.7], "initial_share_withdrawn": [0.2, 0.5],
                                    "weight": [1.0, 1.0]}), ["row 1", "more than 1"]),
    "out of range": (pd.DataFrame({"fear_decay": [0.01, 5.0], "weight": [1.0, 1.0]}), ["row 1", "fear_decay"]),
    "weights sum to 0": (pd.DataFrame({"fear_decay": [0.01], "weight": [0.0]}), ["weights"]),
}


@pytest.mark.parametrize("case", sorted(_POSTERIORS))
def test_posterior_files_are_checked_column_by_column(tmp_path: Path, case: str) -> None:
    frame, words = _POSTERIORS[case]
    f = tmp_path / "post.parquet"
    frame.to_parquet(f)
    with pytest.raises(CompareError) as err:
        read_posterior(f)
    _one_line(err.value, f"--posterior {f}", *words)
    found = problem_of(err.value)
    assert found is not None and text(err.value, "nl") != str(err.value)  # a Dutch text too


def test_a_good_posterior_is_read_as_written(tmp_path: Path) -> None:
    f = tmp_path / "post.parquet"
    frame = pd.DataFrame({"fear_decay": [0.01, 0.03], "mean_degree": [4.4, 6.0], "weight": [0.25, 0.75]})
    frame.to_parquet(f)
    pd.testing.assert_frame_equal(read_posterior(f), frame)


@pytest.mark.parametrize("args", [["check"], ["layout"], ["sweep"]])
def test_the_command_line_refuses_a_fifo_with_one_line_and_exit_2(tmp_path: Path, args: list[str]) -> None:
    import subprocess
    import sys

    fifo = tmp_path / "pipe.toml"
    os.mkfifo(fifo)
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).parents[1] / "src")}
    try:
        done = subprocess.run([sys.executable, "-m", "wijksim", *args, str(fifo)], capture_output=True, text=True,
                              timeout=120, cwd=tmp_path, env=env)
    except subprocess.TimeoutExpired:
        pytest.fail(f"wijksim {args[0]} hung on a FIFO")
    assert done.returncode == 2, done.stderr
    assert "is a FIFO" in done.stderr and "Traceback" not in done.stderr, done.stderr


def test_small_neighbouring_homes_on_one_cell_are_stacked_not_lost() -> None:
    x, y = RD  # two 5 m wide row houses side by side, neither covering a cell centre: one cell, both kept
    m = parse_geojson(_doc(_square(x + 1, y + 1, 5, 4, kind="dwelling", households=1),
                           _square(x + 6, y + 1, 5, 4, kind="dwelling", households=2)))
    assert int(m.households.sum()) == 3 and int(m.households.max()) == 3
