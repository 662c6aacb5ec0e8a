"""Hostile files, part 2: GeoJSON footprints, targets, posteriors, ``--set`` values and options (see
:mod:`hostile`)."""

from __future__ import annotations

import copy
import math
from typing import Any

import pandas as pd
import tomli_w

from . import ACCEPTED, DEV_NULL, DEV_ZERO, DIRECTORY, FIFO, MISSING, REFUSED, VALUES, Case
from .files import _with

# --- GeoJSON footprints --------------------------------------------------------------------------------
X0, Y0 = 134_000.0, 453_000.0


def square(x: float, y: float, size: float = 30.0) -> list[list[list[float]]]:
    return [[[x, y], [x + size, y], [x + size, y + size], [x, y + size], [x, y]]]


def feature(
    coords: Any, households: Any = 10, kind: Any = "social_housing", fid: Any = None, geometry_type: str = "Polygon"
) -> dict[str, Any]:
    f: dict[str, Any] = {
        "type": "Feature",
        "properties": {"kind": kind, "households": households},
        "geometry": {"type": geometry_type, "coordinates": coords},
    }
    if fid is not None:
        f["id"] = fid
    return f


def collection(*features: dict[str, Any], crs: str | None = "urn:ogc:def:crs:EPSG::28992") -> dict[str, Any]:
    fc: dict[str, Any] = {"type": "FeatureCollection", "features": list(features)}
    if crs is not None:
        fc["crs"] = {"type": "name", "properties": {"name": crs}}
    return fc


GEO_OK = collection(feature(square(X0, Y0), fid="a"), feature(square(X0 + 90, Y0 + 60), 20, "dwelling", "b"))


def _geo(**change: Any) -> dict[str, Any]:
    fc = copy.deepcopy(GEO_OK)
    f = fc["features"][0]
    for key, value in change.items():
        if key in ("households", "kind"):
            f["properties"][key] = value
        elif key == "properties":
            f["properties"] = value
        elif key == "geometry":
            f["geometry"] = value
        else:
            fc[key] = value
    return fc


def geojson_cases() -> list[Case]:
    cases = [
        Case("geojson", f"households={v}", _geo(households=VALUES[v]), REFUSED, "households")
        for v in ("huge_int", "neg_huge_int", "nan", "inf", "text", "bool", "array", "table", "half", "neg")
    ]
    for v in ("nan", "inf", "ninf", "huge_int", "text", "bool", "nested"):
        bad = square(X0, Y0)
        bad[0][2] = [VALUES[v], Y0 + 30]
        cases.append(
            Case("geojson", f"coordinate={v}", _geo(geometry={"type": "Polygon", "coordinates": bad}), REFUSED, "")
        )
    big = [feature(square(X0 + 40 * (i % 40), Y0 + 40 * (i // 40)), 5000, fid=f"f{i}") for i in range(1000)]
    cases += [
        Case("geojson", n, d, e, f)
        for n, d, e, f in [
            ("ok", GEO_OK, ACCEPTED, ""),
            ("no_crs", collection(*GEO_OK["features"], crs=None), ACCEPTED, ""),
            ("properties_array", _geo(properties=[1, 2]), REFUSED, "properties"),
            ("properties_null", _geo(properties=None), REFUSED, ""),
            ("kind_unknown", _geo(kind="castle"), REFUSED, "castle"),
            ("kind_number", _geo(kind=3), REFUSED, "kind"),
            (
                "zero_area",
                _geo(geometry={"type": "Polygon", "coordinates": [[[X0, Y0], [X0 + 30, Y0], [X0 + 60, Y0], [X0, Y0]]]}),
                REFUSED,
                "a",
            ),
            (
                "two_points",
                _geo(geometry={"type": "Polygon", "coordinates": [[[X0, Y0], [X0 + 30, Y0]]]}),
                REFUSED,
                "a",
            ),
            ("point_geometry", _geo(geometry={"type": "Point", "coordinates": [X0, Y0]}), REFUSED, ""),
            ("geometry_null", _geo(geometry=None), REFUSED, ""),
            ("coordinates_text", _geo(geometry={"type": "Polygon", "coordinates": "square"}), REFUSED, ""),
            (
                "identical_overlap",
                collection(feature(square(X0, Y0), 100, fid="a"), feature(square(X0, Y0), 100, fid="b")),
                REFUSED,
                "b",
            ),
            (
                "house_inside_flat",
                collection(
                    feature(square(X0, Y0, 60), 40, fid="flat"),
                    feature(square(X0 + 15, Y0 + 15, 10), 1, "dwelling", "house"),
                ),
                REFUSED,
                "house",
            ),
            (
                "degrees_as_rd",
                collection(
                    feature(square(4.89, 52.37, 0.001), 10, fid="a"), feature(square(4.892, 52.372, 0.001), 10, fid="b")
                ),
                REFUSED,
                "28992",
            ),
            ("unknown_crs", collection(*GEO_OK["features"], crs="EPSG:99999"), REFUSED, "99999"),
            ("households_cap", collection(*big), REFUSED, "households"),
            ("type_not_collection", {**GEO_OK, "type": "Feature"}, REFUSED, ""),
            ("features_not_list", {**GEO_OK, "features": {"a": 1}}, REFUSED, ""),
            ("features_empty", {**GEO_OK, "features": []}, REFUSED, ""),
            ("array_top", [GEO_OK], REFUSED, ""),
            ("nested", "[" * 5000 + "]" * 5000, REFUSED, ""),
            ("json_nan_literal", '{"type": "FeatureCollection", "features": NaN}', REFUSED, ""),
            ("truncated", '{"type": "FeatureCollection", "features": [', REFUSED, ""),
            ("empty", "", REFUSED, ""),
            ("not_utf8", b'{"type": "\xff"}', REFUSED, ""),
            ("fifo", FIFO, REFUSED, "FIFO"),
            ("directory", DIRECTORY, REFUSED, ""),
            ("dev_null", DEV_NULL, REFUSED, ""),
            ("dev_zero", DEV_ZERO, REFUSED, ""),
            ("missing", MISSING, REFUSED, ""),
        ]
    ]
    return cases


# --- calibration targets -------------------------------------------------------------------------------
BASE_TARGETS: dict[str, Any] = {
    "scenario": "base.toml",
    "weeks": 12,
    "summary_weeks": 6,
    "population": 6,
    "generations": 1,
    "seed": 3,
    "fit": {"fear_decay": {"low": 0.01, "high": 0.06}},
    "targets": {"share_unsafe": {"value": 0.18, "sd": 0.05}},
}


def targets_cases() -> list[Case]:
    cases: list[Case] = []
    for path, vnames in [
        (("targets", "share_unsafe", "value"), ("huge_int", "nan", "inf", "ninf", "text", "bool", "array", "neg")),
        (("targets", "share_unsafe", "sd"), ("huge_int", "nan", "inf", "text", "bool", "zero", "neg")),
        (("fit", "fear_decay", "low"), ("huge_int", "neg_huge_int", "nan", "inf", "text", "bool")),
        (("fit", "fear_decay", "high"), ("huge_int", "nan", "inf", "text")),
        (("weeks",), ("huge_int", "zero", "nan", "text", "bool")),
        (("population",), ("huge_int", "zero", "half")),
        (("seed",), ("int64_plus", "neg", "nan")),
        (("generations",), ("huge_int", "zero")),
    ]:
        for v in vnames:
            cases.append(
                Case("targets", ".".join(path) + f"={v}", _with(BASE_TARGETS, path, VALUES[v]), REFUSED, str(path[-1]))
            )
    cases += [
        Case("targets", n, d, e, f)
        for n, d, e, f in [
            ("ok", BASE_TARGETS, ACCEPTED, ""),
            ("share_of_5", _with(BASE_TARGETS, ("targets", "share_unsafe", "value"), 5.0), REFUSED, "share_unsafe"),
            (
                "share_negative",
                _with(BASE_TARGETS, ("targets", "share_unsafe", "value"), -0.1),
                REFUSED,
                "share_unsafe",
            ),
            (
                "count_negative",
                _with(BASE_TARGETS, ("targets",), {"incidents": {"value": -3, "sd": 1}}),
                REFUSED,
                "incidents",
            ),
            ("sd_tiny_ok", _with(BASE_TARGETS, ("targets", "share_unsafe", "sd"), 1e-6), ACCEPTED, ""),
            ("fit_unknown", _with(BASE_TARGETS, ("fit",), {"zz": {}}), REFUSED, "zz"),
            ("fit_bool_param", _with(BASE_TARGETS, ("fit",), {"police_feedback": {}}), REFUSED, "police_feedback"),
            ("fit_empty", _with(BASE_TARGETS, ("fit",), {}), REFUSED, "fit"),
            (
                "targets_unknown",
                _with(BASE_TARGETS, ("targets",), {"happiness": {"value": 1, "sd": 1}}),
                REFUSED,
                "happiness",
            ),
            ("targets_week", _with(BASE_TARGETS, ("targets",), {"week": {"value": 1, "sd": 1}}), REFUSED, "week"),
            (
                "prior_reversed",
                _with(BASE_TARGETS, ("fit", "fear_decay"), {"low": 0.06, "high": 0.01}),
                REFUSED,
                "fear_decay",
            ),
            ("scenario_missing", _with(BASE_TARGETS, ("scenario",), "nope.toml"), REFUSED, "nope.toml"),
            ("scenario_is_dir", _with(BASE_TARGETS, ("scenario",), "."), REFUSED, "scenario"),
            ("scenario_fifo", _with(BASE_TARGETS, ("scenario",), "fifo.toml"), REFUSED, "fifo.toml"),
            ("extra_field", {**BASE_TARGETS, "colour": 1}, REFUSED, "colour"),
            ("summary_over_weeks", {**BASE_TARGETS, "summary_weeks": 13}, REFUSED, "summary_weeks"),
            ("bom", "\ufeff" + tomli_w.dumps(BASE_TARGETS), ACCEPTED, ""),
            ("empty", "", REFUSED, ""),
            ("truncated", 'scenario = "base.toml"\n[fit\n', REFUSED, ""),
            ("not_utf8", b'scenario = "\xff"', REFUSED, ""),
            ("fifo", FIFO, REFUSED, "FIFO"),
            ("directory", DIRECTORY, REFUSED, ""),
            ("dev_null", DEV_NULL, REFUSED, ""),
            ("dev_zero", DEV_ZERO, REFUSED, ""),
            ("missing", MISSING, REFUSED, ""),
        ]
    ]
    return cases


# --- posterior files -----------------------------------------------------------------------------------
def _post(**columns: Any) -> pd.DataFrame:
    base: dict[str, Any] = {"fear_decay": [0.02, 0.03, 0.04], "weight": [0.2, 0.3, 0.5]}
    base.update(columns)
    return pd.DataFrame({k: v for k, v in base.items() if v is not None})


def posterior_cases() -> list[Case]:
    return [
        Case("posterior", n, d, e, f)
        for n, d, e, f in [
            ("ok", _post(), ACCEPTED, ""),
            ("no_weight", _post(weight=None), REFUSED, "weight"),
            ("no_rows", _post(fear_decay=[], weight=[]), REFUSED, ""),
            ("only_weight", _post(fear_decay=None), REFUSED, ""),
            ("unknown_param", _post(zz=[1.0, 2.0, 3.0]), REFUSED, "zz"),
            ("weight_negative", _post(weight=[-1.0, 1.0, 1.0]), REFUSED, "weight"),
            ("weight_nan", _post(weight=[math.nan, 1.0, 1.0]), REFUSED, "weight"),
            ("weight_zero_sum", _post(weight=[0.0, 0.0, 0.0]), REFUSED, "weight"),
            ("weight_inf", _post(weight=[math.inf, 1.0, 1.0]), REFUSED, "weight"),
            ("weight_text", _post(weight=["a", "b", "c"]), REFUSED, "weight"),
            ("value_nan", _post(fear_decay=[math.nan, 0.02, 0.03]), REFUSED, "fear_decay"),
            ("value_inf", _post(fear_decay=[math.inf, 0.02, 0.03]), REFUSED, "fear_decay"),
            ("value_out_of_range", _post(fear_decay=[5.0, 0.02, 0.03]), REFUSED, "fear_decay"),
            ("value_text", _post(fear_decay=["a", "b", "c"]), REFUSED, "fear_decay"),
            ("value_list", _post(fear_decay=[[1.0], [2.0], [3.0]]), REFUSED, "fear_decay"),
            ("bool_param", _post(police_feedback=[True, False, True]), REFUSED, "police_feedback"),
            ("choice_param", _post(patrol_strategy=["random", "hotspot", "random"]), REFUSED, "patrol_strategy"),
            ("int_nan", _post(width=[20.0, math.nan, 30.0]), REFUSED, "width"),
            ("int_ok", _post(width=[20, 25, 30]), ACCEPTED, ""),
            (
                "shares_over_one",
                _post(initial_share_active=[0.7] * 3, initial_share_withdrawn=[0.6] * 3),
                REFUSED,
                "initial_share",
            ),
            ("garbage", b"PAR1 not really", REFUSED, ""),
            ("empty", b"", REFUSED, ""),
            ("text_file", "a,b\n1,2\n", REFUSED, ""),
            ("fifo", FIFO, REFUSED, "FIFO"),
            ("directory", DIRECTORY, REFUSED, ""),
            ("dev_null", DEV_NULL, REFUSED, ""),
            ("dev_zero", DEV_ZERO, REFUSED, ""),
            ("missing", MISSING, REFUSED, ""),
        ]
    ]


# --- --set values and command-line options -------------------------------------------------------------
def set_cases() -> list[Case]:
    ok = [
        "crime_rate=2",
        "crime_rate=2.5",
        "width=20",
        "police_feedback=true",
        "patrol_strategy=community",
        "crime_rate=0",
        "crime_rate=10",
        "fear_decay=1e-3",
    ]
    bad = {
        "crime_rate=nan": "crime_rate",
        "crime_rate=inf": "crime_rate",
        "crime_rate=-inf": "crime_rate",
        "crime_rate=1e400": "crime_rate",
        "crime_rate=" + "9" * 40: "crime_rate",
        "crime_rate=-1": "crime_rate",
        "width=2.5": "width",
        "width=" + "9" * 40: "width",
        "width=1e3": "width",
        "width=0x10": "width",
        "police_feedback=2": "police_feedback",
        "police_feedback=": "police_feedback",
        "patrol_strategy=everywhere": "patrol_strategy",
        "crime_rate=": "crime_rate",
        "=2": "",
        "crime_rate": "",
        "crime_rat=2": "crime_rat",
        "crime_rate==2": "crime_rate",
        "crime_rate=2=3": "crime_rate",
        "crime_rate=\x1b[31m2": "crime_rate",
        "\x1b[2J=1": "",
        "x" * 10_000 + "=1": "",
        "crime_rate=" + "1" * 10_000: "",
        "crime_rate=[1]": "crime_rate",
        "crime_rate={}": "crime_rate",
        "crime_rate=true": "crime_rate",
        "initial_share_active=0.9": "",
        "mean_degree=1e9": "mean_degree",
    }
    return [Case("set", s, s, ACCEPTED) for s in ok] + [Case("set", s[:40], s, REFUSED, f) for s, f in bad.items()]


CLI: list[tuple[list[str], str]] = [
    (["run", "--weeks", "0"], "--weeks"),
    (["run", "--weeks", "-5"], "--weeks"),
    (["run", "--weeks", "5201"], "--weeks"),
    (["run", "--weeks", "9" * 30], "--weeks"),
    (["run", "--weeks", "nan"], "--weeks"),
    (["run", "--weeks", "ten"], "--weeks"),
    (["run", "--seed", "-1"], "--seed"),
    (["run", "--seed", str(2**63)], "--seed"),
    (["run", "--seed", "9" * 40], "--seed"),
    (["run", "--seed", "1.5"], "--seed"),
    (["run", "--out", "/proc/wijksim"], "--out"),
    (["compare", "S", "--replicates", "0"], "--replicates"),
    (["compare", "S", "--replicates", "10001"], "--replicates"),
    (["compare", "S", "--level", "nan"], "level"),
    (["compare", "S", "--level", "1.5"], "level"),
    (["compare", "S", "--level", "0"], "level"),
    (["compare", "S", "--window", "9:3"], "window"),
    (["compare", "S", "--window", "x"], "window"),
    (["compare", "S", "--workers", "0"], "--workers"),
    (["compare", "S", "--seed", str(2**63 - 1), "--replicates", "2"], "--seed"),
    (["edge", "S", "--multiples", "nan"], "--multiples"),
    (["edge", "S", "--multiples", "inf"], "--multiples"),
    (["edge", "S", "--multiples", "-1"], "--multiples"),
    (["edge", "S", "--multiples", ""], "--multiples"),
    (["edge", "S", "--multiples", "1e400"], "--multiples"),
    (["edge", "S", "--step-weeks", "0"], "--step-weeks"),
    (["edge", "S", "--seeds", "0"], "seeds"),
    (["edge", "S", "--workers", "0"], "--workers"),
    (["edge", "S", "--ramp-levels", "1,nan"], "--ramp-levels"),
    (["sweep", "E", "--workers", "0"], "--workers"),
    (["sweep", "E", "--batch-size", "0"], "--batch-size"),
    (["sweep", "E", "--scheduler", "http://x"], "--scheduler"),
    (["sweep", "E", "--weeks", "0"], "--weeks"),
    (["sweep", "E", "--replicates", "0"], "--replicates"),
    (["sweep", "E", "--workers", "2", "--scheduler", "tcp://x:1"], "--workers"),
    (["layout", "M", "--cell-size", "0"], "cell_size"),
    (["layout", "M", "--cell-size", "-1"], "cell_size"),
    (["layout", "M", "--cell-size", "nan"], "cell_size"),
    (["layout", "M", "--cell-size", "inf"], "cell_size"),
    (["layout", "M", "--cell-size", "1e-9"], "cell_size"),
    (["layout", "M", "--out", "/proc/x/m.txt"], "--out"),
    (["params", "--group", "nosuchgroup"], "nosuchgroup"),
    (["analyze", "/nonexistent-sweep"], "nonexistent-sweep"),
    (["calibrate", "T", "--workers", "0"], "--workers"),
    (["scenarios", "--dir", "/nonexistent"], "nonexistent"),
]


def cli_cases() -> list[Case]:
    return [Case("cli", " ".join(a)[:60], a, REFUSED, f) for a, f in CLI]


