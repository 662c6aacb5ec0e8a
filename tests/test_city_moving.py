"""Moving house in a city, end to end over paired seeds (slow: a minute or two each).

Who leaves is each wijk's turnover submodel (hazard move_base + move_fear·fear + move_withdrawn·withdrawn); the
city scales move_base by the wijk's offending pressure to the power ``move_crime_elasticity``. Two questions:
does more fear and withdrawal mean more leaving (and does the ablation of that channel remove it), and does
the resulting response of leaving to crime fall inside the bracket of Cullen & Levitt 1999 (a 10 % rise in
crime, about 1 % fewer residents a year, mostly by more leaving) and Foote 2015 (far smaller, ≈ 0)?
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from city_helpers import tiny_city
from wijksim.city.cityfile import City, load_city
from wijksim.city.model import CityModel

pytestmark = pytest.mark.slow

SEEDS = list(range(300, 310))
WEEKS = 52
SIZE = {"width": 20, "height": 20, "burn_in": 4}


def _city(tmp: Path) -> City:
    path = tiny_city(tmp, weeks=WEEKS)
    text = path.read_text().replace("width = 10", f"width = {SIZE['width']}").replace(
        "height = 10", f"height = {SIZE['height']}")
    path.write_text(text)
    return load_city(path)


def _run(city: City, seed: int, pressure: float = 1.0, overrides: dict[str, Any] | None = None
         ) -> tuple[float, float, int]:
    """(households moved out, incidents, households) of one city run; ``pressure`` multiplies every wijk's
    offending pressure from week 1 (an exogenous rise in offending, the input the city's moving rule reads)."""
    m = CityModel(city, seed, overrides)
    inflow = m._inflow

    def scaled() -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        flow, seen, score = inflow()
        return flow * pressure, seen, score

    m._inflow = scaled  # type: ignore[method-assign]
    t = m.run(WEEKS).table().groupby("output")["value"].sum()
    return float(t["moved_out"]), float(t["incidents"]), sum(x.n_residents for x in m.models)


def _interval(x: np.ndarray) -> tuple[float, float, float]:
    from scipy import stats

    m, se = float(x.mean()), float(x.std(ddof=1) / math.sqrt(len(x)))
    t = float(stats.t.ppf(0.975, len(x) - 1))
    return m, m - t * se, m + t * se


def test_more_fear_and_withdrawal_more_leaving_and_the_ablation_removes_it(tmp_path: Path) -> None:
    """Four times the crime rate in every wijk raises fear and withdrawal; with the fear and withdrawal terms of
    the hazard households leave more (floor: +5 % movers); with both terms at 0 (ablation) the rise must be at
    most a third of that (only move_base is left, and pressure is relative to each wijk's start)."""
    city = _city(tmp_path)
    rises: dict[str, list[float]] = {"on": [], "off": []}
    for seed in SEEDS:
        for key, extra in (("on", {}), ("off", {"move_fear": 0.0, "move_withdrawn": 0.0})):
            low = _run(city, seed, overrides={"crime_rate": 0.5, **extra})[0]
            high = _run(city, seed, overrides={"crime_rate": 2.0, **extra})[0]
            rises[key].append(high / low - 1)
    on, off = _interval(np.array(rises["on"])), _interval(np.array(rises["off"]))
    assert on[1] > 0.05, f"more fear/withdrawal: movers {on[0]:+.1%} [{on[1]:+.1%}, {on[2]:+.1%}]"
    assert off[0] < on[0] / 3, f"ablation: {off[0]:+.1%} [{off[1]:+.1%}, {off[2]:+.1%}] vs {on[0]:+.1%}"


def test_leaving_responds_to_crime_within_the_cullen_levitt_foote_bracket(tmp_path: Path) -> None:
    """Double every wijk's offending pressure; per seed, the extra households leaving a year as a share of all
    households, per 10 % more incidents (log scale). Cullen & Levitt 1999: ≈ 1 % a year; Foote 2015: ≈ 0. The
    interval must lie above 0 and its mean below 1 %."""
    city = _city(tmp_path)
    per10 = []
    for seed in SEEDS:
        mov_a, inc_a, hh = _run(city, seed)
        mov_b, inc_b, _ = _run(city, seed, pressure=2.0)
        crime = math.log(inc_b / inc_a) / math.log(1.1)  # how many "10 % rises" the doubling of pressure gave
        per10.append((mov_b - mov_a) / hh / (WEEKS / 52) / crime)
    m, lo, hi = _interval(np.array(per10))
    assert lo > 0 and m < 0.01, f"extra leaving per 10 % crime: {m:.2%} a year [{lo:.2%}, {hi:.2%}]"
