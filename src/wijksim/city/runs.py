"""Running cities: one run (its tidy table) and a paired comparison of two cities over many seeds.

The CLI (:mod:`.commands`), the tests and the corroboration script go through here, so a city run means the same
thing everywhere. A comparison runs city A and city B with the same seeds: every wijk gets the same seed in both
(:func:`wijksim.city.model.wijk_seed` keys it by the wijk's name), so where B's change does not reach, the two
cities draw the same numbers (common random numbers).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from . import waterbed
from .cityfile import City, CityError
from .model import CityModel


def run_city(city: City, seed: int, weeks: int | None = None, overrides: dict[str, Any] | None = None,
             params: dict[str, Any] | None = None, progress: Callable[[int, int], None] | None = None) -> CityModel:
    """A city run of ``weeks`` (default: the city's) at ``seed``."""
    return CityModel(city, seed, overrides, params).run(city.weeks if weeks is None else weeks, progress)


def city_timeseries(city: City, seed: int, weeks: int | None = None,
                    overrides: dict[str, Any] | None = None) -> pd.DataFrame:
    """A city run as one wijk's table (what a sweep of cities records): per week, every wijk output averaged
    over the wijken — the mean wijk, so a sweep's outputs read on the scale of a single-wijk sweep's."""
    model = run_city(city, seed, weeks, overrides)
    tables = [m.timeseries() for m in model.models]
    stacked = pd.concat(tables, ignore_index=True)
    return stacked.groupby("week", as_index=False, sort=True).mean(numeric_only=True)


@dataclass
class Comparison:
    """Counts per seed and wijk in both cities, the areas and the waterbed numbers."""

    before: np.ndarray  # counts[seed, wijk] in city A
    after: np.ndarray  # counts[seed, wijk] in city B
    areas: waterbed.Areas
    result: dict[str, float]
    names: tuple[str, ...]
    journeys: np.ndarray | None = None  # incidents by offender home × target wijk, summed over city A's runs
    households: np.ndarray | None = None  # households per wijk (city A, the last seed)
    effort: np.ndarray | None = None  # offenders' effort per home wijk (city A, the last seed)

    def summary(self, outcome: str, seeds: list[int], first: int, last: int) -> pd.DataFrame:
        """The one-row ``summary.csv``: waterbed numbers with intervals, verdict, what was compared."""
        row: dict[str, Any] = {**self.result, "verdict": waterbed.verdict(self.result), "outcome": outcome,
                               "target": self.names[self.areas.target],
                               "buffer": " ".join(self.names[i] for i in self.areas.buffer),
                               "control": " ".join(self.names[i] for i in self.areas.control),
                               "seeds": len(seeds), "first_seed": seeds[0], "from_week": first, "to_week": last}
        return pd.DataFrame([row])

    def per_seed(self, seeds: list[int]) -> pd.DataFrame:
        """Counts per seed, wijk and city (A = without, B = with): the numbers behind every summary value."""
        rows = [(s, name, city, int(m[k, j])) for k, s in enumerate(seeds) for j, name in enumerate(self.names)
                for city, m in (("A", self.before), ("B", self.after))]
        return pd.DataFrame(rows, columns=["seed", "wijk", "city", "count"])


def window_counts(model: CityModel, outcome: str, first: int, last: int) -> np.ndarray:
    """Per wijk, ``outcome`` summed over recorded weeks ``first``..``last``."""
    out = []
    for m in model.models:
        ts = m.timeseries()
        if outcome not in ts.columns:
            raise CityError(f"--outcome {outcome!r}: not an output; allowed e.g. incidents, reports")
        out.append(float(ts.loc[(ts["week"] >= first) & (ts["week"] <= last), outcome].sum()))
    return np.array(out)


def compare(a: City, b: City, target: str, seeds: list[int], *, outcome: str = "incidents", first: int = 1,
            last: int | None = None, control: tuple[str, ...] | None = None,
            overrides: dict[str, Any] | None = None, progress: Callable[[int, int], None] | None = None,
            client: Any = None) -> Comparison:
    """Run both cities at every seed and measure the waterbed around ``target`` (see :mod:`.waterbed`); with a
    Dask ``client`` (:func:`wijksim.sweep.cluster.dask_client`) the pairs run on its workers."""
    if a.names != b.names:
        raise CityError(f"{b.source}: the two cities must have the same wijken in the same order "
                        f"({', '.join(a.names)})")
    t = a.index(target)
    adjacency = np.array(a.adjacency())
    chosen = tuple(a.index(n) for n in control) if control else None
    areas = waterbed.areas(adjacency, t, chosen)
    overlap = [a.names[i] for i in areas.control if i == t or i in areas.buffer]
    if overlap:
        raise CityError(f"--control {overlap[0]}: the target or one of its neighbours (the buffer) cannot be control")
    if not areas.control:
        raise CityError(f"{a.source}: wijk {target!r} leaves no control wijken (every other wijk is its neighbour)")
    weeks = a.weeks if last is None else last
    before: list[np.ndarray] = []
    after: list[np.ndarray] = []
    journeys = np.zeros((len(a.names), len(a.names)), dtype=np.int64)
    pairs = _pairs(a, b, seeds, weeks, overrides, outcome, first, client, progress)
    for before_k, after_k, journeys_k, _, _ in pairs:
        before.append(before_k)
        after.append(after_k)
        journeys += journeys_k
    households, effort = pairs[-1][3], pairs[-1][4]  # the last seed's (a generated layout varies with the seed)
    before_m, after_m = np.array(before), np.array(after)
    return Comparison(before_m, after_m, areas, waterbed.with_intervals(before_m, after_m, areas), a.names,
                      journeys, households, effort)


Pair = tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]


def run_pair(a: City, b: City, seed: int, weeks: int, overrides: dict[str, Any] | None, outcome: str,
             first: int) -> Pair:
    """One paired seed: (counts in A, counts in B, A's journeys, A's households, A's offender effort)."""
    model_a = run_city(a, seed, weeks, overrides)
    model_b = run_city(b, seed, weeks, overrides)
    households = np.array([m.n_residents for m in model_a.models], dtype=float)
    return (window_counts(model_a, outcome, first, weeks), window_counts(model_b, outcome, first, weeks),
            model_a.journeys, households, model_a.state.effort)


def _pairs(a: City, b: City, seeds: list[int], weeks: int, overrides: dict[str, Any] | None, outcome: str,
           first: int, client: Any, progress: Callable[[int, int], None] | None) -> list[Pair]:
    """Every paired seed, here or on a Dask client (the sweeps' cluster); results in seed order either way, so
    the summary's bytes do not depend on where the pairs ran."""
    if client is None:
        out = []
        for k, seed in enumerate(seeds):
            out.append(run_pair(a, b, seed, weeks, overrides, outcome, first))
            if progress is not None:
                progress(k + 1, len(seeds))
        return out
    from distributed import as_completed

    futures = [client.submit(run_pair, a, b, seed, weeks, overrides, outcome, first, pure=False) for seed in seeds]
    for k, _ in enumerate(as_completed(futures)):
        if progress is not None:
            progress(k + 1, len(seeds))
    return [f.result() for f in futures]
