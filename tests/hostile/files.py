"""Hostile files, part 1: scenarios, experiments and text maps (see :mod:`hostile`)."""

from __future__ import annotations

import copy
from typing import Any

import tomli_w

from . import ACCEPTED, DEV_NULL, DEV_ZERO, DIRECTORY, EITHER, FIFO, MISSING, REFUSED, VALUES, Case, _valid

# --- scenario files ------------------------------------------------------------------------------------
BASE_SCENARIO: dict[str, Any] = {
    "name": "hostile",
    "weeks": 20,
    "params": {"width": 12, "height": 12, "burn_in": 2},
    "interventions": [{"type": "crime_wave", "start": 3, "weeks": 4, "multiplier": 2.0}],
}
SCENARIO_PARAMS = (
    "crime_rate",
    "width",
    "height",
    "burn_in",
    "police_feedback",
    "patrol_strategy",
    "fear_decay",
    "cooperation",
)


def _with(base: dict[str, Any], path: tuple[Any, ...], value: Any) -> dict[str, Any]:
    raw = copy.deepcopy(base)
    node = raw
    for key in path[:-1]:
        node = node[key]
    node[path[-1]] = value
    return raw


def scenario_cases() -> list[Case]:
    from wijksim.params import PARAMS

    cases: list[Case] = []
    for pname in SCENARIO_PARAMS:
        p = PARAMS[pname]
        values = {**VALUES, "choice": "community", "low": p.low, "high": p.high}
        for vname, value in values.items():
            if value is None:
                continue
            ok = _valid(value, p.kind, p.low, p.high, tuple(getattr(p, "choices", ()) or ()))
            cases.append(
                Case(
                    "scenario",
                    f"{pname}={vname}",
                    _with(BASE_SCENARIO, ("params", pname), value),
                    ACCEPTED if ok else REFUSED,
                    "" if ok else pname,
                )
            )
    for field_, _good in (("weeks", (20, 5200)), ("name", ("text",))):
        for vname, value in VALUES.items():
            ok = (
                field_ == "weeks" and isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= 5200
            ) or (field_ == "name" and isinstance(value, str) and value != "")
            cases.append(
                Case(
                    "scenario",
                    f"{field_}={vname}",
                    _with(BASE_SCENARIO, (field_,), value),
                    ACCEPTED if ok else REFUSED,
                    "" if ok else field_,
                )
            )
    for field_ in ("start", "weeks", "multiplier"):
        for vname in ("huge_int", "neg_huge_int", "nan", "inf", "text", "bool", "array", "table", "nested"):
            cases.append(
                Case(
                    "scenario",
                    f"wave.{field_}={vname}",
                    _with(BASE_SCENARIO, ("interventions", 0, field_), VALUES[vname]),
                    REFUSED,
                    field_,
                )
            )
    return cases + scenario_file_cases()


def _waves(n: int) -> dict[str, Any]:
    return {
        **BASE_SCENARIO,
        "weeks": 40,
        "interventions": [{"type": "crime_wave", "start": 3, "weeks": 30, "multiplier": 2.0}] * n,
    }


def scenario_file_cases() -> list[Case]:
    ok = 'name = "x"\nweeks = 10\n'
    return [
        Case("scenario", n, d, e, f)
        for n, d, e, f in [
            ("empty", "", REFUSED, ""),
            ("bom", "\ufeff" + ok, ACCEPTED, ""),
            ("bom_twice", "\ufeff\ufeff" + ok, ACCEPTED, ""),
            ("truncated", ok[:-6], REFUSED, ""),
            ("not_utf8", b'name = "\xff"\n', REFUSED, ""),
            ("nul_bytes", 'name = "x\x00"\n', REFUSED, ""),
            ("crlf", ok.replace("\n", "\r\n"), ACCEPTED, ""),
            ("too_large", ok + "#" * 1_000_001 + "\n", REFUSED, ""),
            ("nested_arrays", 'name = "x"\nsource = ' + "[" * 500 + "]" * 500 + "\n", REFUSED, ""),
            ("nested_tables", 'name = "x"\n' + "[" + ".".join(["a"] * 200) + "]\n", REFUSED, ""),
            ("long_key", 'name = "x"\n[params]\n' + "p" * 20_000 + " = 1\n", REFUSED, ""),
            ("unknown_field", ok + "colour = 3\n", REFUSED, "colour"),
            ("duplicate_key", ok + "weeks = 11\n", REFUSED, ""),
            ("params_array", ok + "params = [1]\n", REFUSED, "params"),
            ("interventions_table", ok + "[interventions]\na = 1\n", REFUSED, "interventions"),
            ("unknown_type", ok + '[[interventions]]\ntype = "teleport"\n', REFUSED, "teleport"),
            ("ansi_name", 'name = "\\u001b[31mred\\u001b[0m"\n', ACCEPTED, ""),
            ("bidi_name", 'name = "\\u202egnp.exe"\n', ACCEPTED, ""),
            ("newline_name", 'name = "a\\nb"\n', ACCEPTED, ""),
            ("huge_name", 'name = "' + "n" * 900_000 + '"\n', REFUSED, "name"),
            ("waves_10000_overlapping", _waves(10_000), EITHER, ""),
            ("waves_10001", _waves(10_001), REFUSED, "interventions"),
            ("layout_fifo_name", ok + 'layout = "/dev/stdin"\n', REFUSED, "layout"),
            ("layout_missing", ok + 'layout = "nope.txt"\n', REFUSED, "nope.txt"),
            ("layout_is_dir", ok + 'layout = "."\n', REFUSED, "layout"),
            ("cell_size_nan", ok + 'layout = "m.geojson"\ncell_size = nan\n', REFUSED, "cell_size"),
            ("fifo", FIFO, REFUSED, "FIFO"),
            ("directory", DIRECTORY, REFUSED, ""),
            ("dev_null", DEV_NULL, REFUSED, ""),
            ("dev_zero", DEV_ZERO, REFUSED, ""),
            ("missing", MISSING, REFUSED, ""),
        ]
    ]


# --- experiment files ----------------------------------------------------------------------------------
BASE_EXPERIMENT: dict[str, Any] = {
    "name": "hostile",
    "weeks": 5,
    "replicates": 2,
    "seed": 7,
    "params": {"width": 12, "height": 12, "burn_in": 2},
    "design": {"kind": "grid", "factors": {"crime_rate": {"values": [0.5, 1.0, 2.0]}}},
}


def _design(kind: str, size: int, factors: int = 4) -> dict[str, Any]:
    names = ["crime_rate", "fear_decay", "cooperation", "tie_decay", "complaint_rate", "report_base"][:factors]
    ranges = {
        "crime_rate": (0.5, 2.0),
        "fear_decay": (0.01, 0.06),
        "cooperation": (0.2, 0.8),
        "tie_decay": (0.004, 0.016),
        "complaint_rate": (0.002, 0.01),
        "report_base": (-1.0, 0.5),
    }
    design: dict[str, Any] = {"kind": kind, "factors": {n: {"low": ranges[n][0], "high": ranges[n][1]} for n in names}}
    design["levels" if kind == "morris" else "samples"] = 4 if kind == "morris" else size
    if kind == "morris":
        design["samples"] = size
    return {**BASE_EXPERIMENT, "design": design}


def experiment_cases() -> list[Case]:
    cases: list[Case] = []
    for field_ in ("weeks", "replicates", "seed", "summary_weeks"):
        for vname in (
            "huge_int",
            "neg_huge_int",
            "int64_plus",
            "nan",
            "inf",
            "text",
            "bool",
            "array",
            "table",
            "nested",
            "half",
        ):
            cases.append(
                Case(
                    "experiment", f"{field_}={vname}", _with(BASE_EXPERIMENT, (field_,), VALUES[vname]), REFUSED, field_
                )
            )
    for vname in ("huge_int", "neg_huge_int", "nan", "inf", "text", "bool", "array", "table", "nested"):
        cases.append(
            Case(
                "experiment",
                f"params.crime_rate={vname}",
                _with(BASE_EXPERIMENT, ("params", "crime_rate"), VALUES[vname]),
                REFUSED,
                "crime_rate",
            )
        )
        cases.append(
            Case(
                "experiment",
                f"grid.values={vname}",
                _with(BASE_EXPERIMENT, ("design", "factors", "crime_rate", "values"), [VALUES[vname]]),
                REFUSED,
                "crime_rate",
            )
        )
    cases += [
        Case("experiment", n, d, e, f)
        for n, d, e, f in [
            ("sobol_524288", _design("sobol", 524_288), REFUSED, "samples"),
            ("sobol_small", _design("sobol", 8), ACCEPTED, ""),
            ("morris_1000000", _design("morris", 1_000_000), REFUSED, "samples"),
            # 1,000,000 points x 2 replicates is exactly the 2,000,000-run cap (accepted, as documented); the
            # hostile tester's case had 3 replicates: 3,000,000 runs, refused from the formula
            ("lhs_1000000", {**_design("lhs", 1_000_000), "replicates": 3}, REFUSED, "samples"),
            ("lhs_small", _design("lhs", 10), ACCEPTED, ""),
            (
                "grid_huge_product",
                {
                    **BASE_EXPERIMENT,
                    "design": {
                        "kind": "grid",
                        "factors": {
                            n: {"linspace": [lo, hi, 200]}
                            for n, lo, hi in [
                                ("crime_rate", 0.5, 2.0),
                                ("fear_decay", 0.01, 0.06),
                                ("cooperation", 0.2, 0.8),
                            ]
                        },
                    },
                },
                REFUSED,
                "",
            ),
            ("replicates_times_points", _with(BASE_EXPERIMENT, ("replicates",), 100_000), ACCEPTED, ""),
            ("ok", BASE_EXPERIMENT, ACCEPTED, ""),
            ("empty", "", REFUSED, ""),
            ("bom", "\ufeff" + tomli_w.dumps(BASE_EXPERIMENT), ACCEPTED, ""),
            ("not_utf8", b"\xff\xfe", REFUSED, ""),
            ("truncated", 'name = "x"\n[design\n', REFUSED, ""),
            ("nested", 'name = "x"\nq = ' + "[" * 400 + "]" * 400 + "\n", REFUSED, ""),
            ("fifo", FIFO, REFUSED, "FIFO"),
            ("directory", DIRECTORY, REFUSED, ""),
            ("dev_null", DEV_NULL, REFUSED, ""),
            ("dev_zero", DEV_ZERO, REFUSED, ""),
            ("missing", MISSING, REFUSED, ""),
        ]
    ]
    return cases


# --- text maps -----------------------------------------------------------------------------------------
MAP_OK = "\n".join([".........."] + [".HHH.SSS.G"] * 3 + [".........."] * 6) + "\n"


def map_text_cases() -> list[Case]:
    rows = MAP_OK.splitlines()
    return [
        Case("map_text", n, d, e, f)
        for n, d, e, f in [
            ("ok", MAP_OK, ACCEPTED, ""),
            ("bom", "\ufeff" + MAP_OK, ACCEPTED, ""),
            ("crlf", MAP_OK.replace("\n", "\r\n"), ACCEPTED, ""),
            ("empty", "", REFUSED, ""),
            ("only_newlines", "\n\n\n", REFUSED, ""),
            ("only_streets", ".......\n" * 12, REFUSED, ""),
            ("unknown_char", MAP_OK.replace("G", "Q", 1), REFUSED, "Q"),
            ("ansi", MAP_OK.replace("G", "\x1b[31m", 1), REFUSED, ""),
            ("nul", MAP_OK.replace("G", "\x00", 1), REFUSED, ""),
            ("tab", MAP_OK.replace(".", "\t", 1), REFUSED, ""),
            ("ragged", "\n".join([*rows[:5], rows[5][:4], *rows[6:]]) + "\n", REFUSED, ""),
            ("one_row", ".HHH.SSS.G\n", REFUSED, ""),
            ("one_column", ".\nH\n.\n" * 4, REFUSED, ""),
            ("too_large", ("." * 999 + "\n") * 1001, REFUSED, ""),
            ("too_wide", "." * 5000 + "H\n" + "." * 5001 + "\n", REFUSED, ""),
            ("not_utf8", b"..HH\xff\n", REFUSED, ""),
            ("truncated_utf8", MAP_OK.encode() + b"\xe2\x82", REFUSED, ""),
            ("fifo", FIFO, REFUSED, "FIFO"),
            ("directory", DIRECTORY, REFUSED, ""),
            ("dev_null", DEV_NULL, REFUSED, ""),
            ("dev_zero", DEV_ZERO, REFUSED, ""),
            ("missing", MISSING, REFUSED, ""),
        ]
    ]


