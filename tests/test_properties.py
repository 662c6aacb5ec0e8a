"""Property-based tests (Hypothesis): generated scenario, experiment, map (text and GeoJSON), targets and
posterior files end in exit 0 with a result, or exit 2 with exactly one line that names the file — never a
traceback, never a hang.

Each property runs in-process through what the command runs (``wijksim check`` for scenarios, ``wijksim
layout`` for maps, the validating function for experiments, targets and posteriors: see
:mod:`hostile.runner`), each example under a time limit (SIGALRM) and Hypothesis' ``deadline``, so a hang
fails. The fast suite runs the ``fast`` profile (few examples, seconds a test); ``@pytest.mark.slow`` runs
each property again with the ``many`` profile.
"""

from __future__ import annotations

import copy
import json
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
import tomli_w
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hostile.files import BASE_EXPERIMENT, BASE_SCENARIO, SCENARIO_PARAMS
from hostile.more import BASE_TARGETS, X0, Y0, collection, feature, square
from hostile.runner import _cli, _function, _setting, _time_limit

EXAMPLE_LIMIT = 10.0  # seconds an example may take before it counts as a hang
FAST = settings(max_examples=15, deadline=8000, derandomize=True, database=None,
                suppress_health_check=list(HealthCheck))
MANY = settings(max_examples=200, deadline=8000, derandomize=True, database=None,
                suppress_health_check=list(HealthCheck))

# --- strategies --------------------------------------------------------------------------------------------
ANY_VALUE = st.one_of(
    st.integers(), st.integers(-(2**70), 2**70), st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=12), st.booleans(), st.lists(st.integers(-5, 5), max_size=3),
    st.dictionaries(st.text("abcxyz", min_size=1, max_size=4), st.integers(-5, 5), max_size=2),
)


@st.composite
def changed(draw: st.DrawFn, base: dict[str, Any], paths: list[tuple[Any, ...]]) -> dict[str, Any]:
    """``base`` with one to three of ``paths`` set to arbitrary values (or an unknown key added)."""
    raw = copy.deepcopy(base)
    for path in draw(st.lists(st.sampled_from(paths), min_size=1, max_size=3)):
        node = raw
        for key in path[:-1]:
            node = node.setdefault(key, {}) if isinstance(node, dict) else node[key]
        node[path[-1]] = draw(ANY_VALUE)
    if draw(st.booleans()) and draw(st.booleans()):
        raw[draw(st.text("abcdefgh_", min_size=1, max_size=8))] = draw(ANY_VALUE)
    return raw


SCENARIO_PATHS = [("weeks",), ("name",), ("description",), *(("params", p) for p in SCENARIO_PARAMS),
                  ("interventions", 0, "start"), ("interventions", 0, "weeks"), ("interventions", 0, "multiplier"),
                  ("interventions", 0, "type")]
EXPERIMENT_PATHS = [("weeks",), ("replicates",), ("seed",), ("summary_weeks",), ("record",), ("outputs",),
                    ("params", "crime_rate"), ("params", "width"), ("design", "kind"),
                    ("design", "factors", "crime_rate", "values"), ("design", "factors", "crime_rate", "low")]
TARGET_PATHS = [("scenario",), ("weeks",), ("summary_weeks",), ("population",), ("generations",), ("seed",),
                ("replicates",), ("fit", "fear_decay", "low"), ("fit", "fear_decay", "high"),
                ("targets", "share_unsafe", "value"), ("targets", "share_unsafe", "sd")]

map_texts = st.lists(st.text(".HSYG# x\t", max_size=24), max_size=24).map(lambda rows: "\n".join(rows) + "\n")


@st.composite
def geojsons(draw: st.DrawFn) -> dict[str, Any]:
    n = draw(st.integers(0, 6))
    features = []
    for i in range(n):
        x = X0 + draw(st.floats(-500, 500, allow_nan=False)) if draw(st.booleans()) else draw(ANY_VALUE)
        size = draw(st.one_of(st.floats(0, 200), st.just(0.0), st.just(float("nan"))))
        coords = square(x, Y0 + 40 * i, size) if isinstance(x, float) else [[[x, Y0]]]
        features.append(feature(coords, draw(st.one_of(st.integers(-2, 2000), ANY_VALUE)),
                                draw(st.sampled_from(["dwelling", "social_housing", "other", "castle", 3])), f"f{i}"))
    return collection(*features, crs=draw(st.sampled_from([None, "urn:ogc:def:crs:EPSG::28992", "EPSG:4326"])))


COLUMNS = ["fear_decay", "crime_rate", "width", "police_feedback", "zz", "weight", "weight"]
cells = st.one_of(st.floats(allow_nan=True, allow_infinity=True), st.integers(-5, 50), st.text(max_size=3))


@st.composite
def posteriors(draw: st.DrawFn) -> pd.DataFrame:
    rows = draw(st.integers(0, 5))
    names = draw(st.lists(st.sampled_from(COLUMNS), min_size=1, max_size=4, unique=True))
    data = {}
    for name in names:
        kind = draw(st.sampled_from(["float", "int", "any"]))
        cell = {"float": st.floats(allow_nan=True, allow_infinity=True), "int": st.integers(-5, 50), "any": cells}[kind]
        values = draw(st.lists(cell, min_size=rows, max_size=rows))
        data[name] = [str(v) for v in values] if kind == "any" else values  # Parquet: one type a column
    return pd.DataFrame(data)


# --- the property --------------------------------------------------------------------------------------------
def one_line_or_result(code: int, text: str, name: str) -> None:
    """The property: exit 0 (a result), or exit 2 with exactly one line naming the file."""
    assert "Traceback" not in text, text
    assert code in (0, 2), f"exit {code}: {text[:300]}"
    if code == 2:
        lines = [x for x in text.splitlines() if x.strip()]
        assert len(lines) == 1, text[:500]
        assert name in lines[0], lines[0]


def check_file(kind: str, file_name: str, write: Callable[[Path], None]) -> None:
    """Write a generated file and run what the command runs on it, under the time limit."""
    with tempfile.TemporaryDirectory() as tmp:
        d = Path(tmp)
        _setting(d)
        path = d / file_name
        path.unlink(missing_ok=True)
        write(path)
        with _time_limit(EXAMPLE_LIMIT):
            if kind == "scenario":
                code, text = _cli(["check", str(path)])
            elif kind == "map":
                code, text = _cli(["layout", str(path)])
            else:
                code, text = _function(kind, path, None)
        one_line_or_result(code, text, file_name)
        if kind == "scenario" and code == 0:
            assert text.startswith("ok  ") and text.count("\n") == 1


def _toml(raw: dict[str, Any]) -> Callable[[Path], None]:
    return lambda p: p.write_text(tomli_w.dumps(raw), encoding="utf-8")


PROPERTIES: dict[str, tuple[st.SearchStrategy[Any], Callable[[Any], None]]] = {
    "scenario": (changed(BASE_SCENARIO, SCENARIO_PATHS), lambda raw: check_file("scenario", "s.toml", _toml(raw))),
    "experiment": (changed(BASE_EXPERIMENT, EXPERIMENT_PATHS),
                   lambda raw: check_file("experiment", "e.toml", _toml(raw))),
    "map_text": (map_texts, lambda text: check_file("map", "m.txt", lambda p: p.write_text(text, encoding="utf-8"))),
    "geojson": (geojsons(), lambda fc: check_file("map", "m.geojson", lambda p: p.write_text(json.dumps(fc)))),
    "targets": (changed(BASE_TARGETS, TARGET_PATHS), lambda raw: check_file("targets", "t.toml", _toml(raw))),
    "posterior": (posteriors(), lambda df: check_file("posterior", "p.parquet", lambda p: df.to_parquet(p))),
}


def _property_test(kind: str, profile: settings) -> Callable[[], None]:
    strategy, prop = PROPERTIES[kind]

    @profile
    @given(value=strategy)
    def test(value: Any) -> None:
        prop(value)

    return test


@pytest.mark.parametrize("kind", sorted(PROPERTIES))
def test_generated_files_are_accepted_or_refused_in_one_line(kind: str) -> None:
    _property_test(kind, FAST)()


@pytest.mark.slow
@pytest.mark.parametrize("kind", sorted(PROPERTIES))
def test_many_generated_files_are_accepted_or_refused_in_one_line(kind: str) -> None:
    _property_test(kind, MANY)()


def test_the_property_catches_a_traceback_and_two_lines() -> None:
    """The property itself can fail: a traceback, two lines, another exit code, a line without the file."""
    for code, text in [(1, "Traceback (most recent call last):"), (2, "a s.toml\nb s.toml"), (3, "x"), (2, "no file")]:
        with pytest.raises(AssertionError):
            one_line_or_result(code, text, "s.toml")
    one_line_or_result(2, "wijksim: error: s.toml: weeks is invalid", "s.toml")
