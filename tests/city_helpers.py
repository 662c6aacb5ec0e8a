"""Tiny cities for the city tests: the example city at 10×10 wijken with a short burn-in (runs in about a second)."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

import tomli_w

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "scenarios" / "city_example.toml"
ENGAGEMENT = ROOT / "scenarios" / "city" / "engagement_centrum.toml"
TINY = {"width": 10, "height": 10, "burn_in": 4}


def city_data(path: Path = EXAMPLE) -> dict[str, Any]:
    """The city file as a dict, scenario paths made absolute (so it can be written anywhere)."""
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    for w in data["wijken"]:
        if "scenario" in w:
            w["scenario"] = str((path.parent / w["scenario"]).resolve())
    return data


def tiny_city(tmp: Path, name: str = "city.toml", *, weeks: int = 20, params: dict[str, Any] | None = None,
              target_params: dict[str, Any] | None = None, target: str = "centrum", source: Path = EXAMPLE,
              first: int | None = None, extra_units: int = 0) -> Path:
    """Write a tiny version of a city file: small wijken, ``params`` for the city, ``target_params`` for one wijk,
    only the ``first`` wijken if given."""
    data = city_data(source)
    if first is not None:  # only the first wijken (their neighbours among them)
        data["wijken"] = data["wijken"][:first]
        keep = {w["name"] for w in data["wijken"]}
        for w in data["wijken"]:
            w["neighbours"] = [n for n in w.get("neighbours", []) if n in keep]
    data["weeks"] = weeks
    data["wijk_params"] = dict(TINY)
    data["params"] = {**data.get("params", {}), **(params or {})}
    for w in data["wijken"]:
        if w["name"] == target and target_params:
            w["params"] = {**w.get("params", {}), **target_params}
        if w["name"] == target and extra_units:
            w["extra_patrol_units"] = extra_units
    path = tmp / name
    path.write_text(tomli_w.dumps(data), encoding="utf-8")
    return path
