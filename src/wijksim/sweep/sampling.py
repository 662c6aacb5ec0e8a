"""Design points: grids, and Latin hypercube, Sobol (Saltelli) and Morris samples mapped to factor values.

Sampling draws from a stream derived from the experiment's master seed (:data:`DESIGN_STREAM`), so a
design is reproduced exactly from its file.
"""

from __future__ import annotations

import itertools
import math
from typing import Any

import numpy as np
import pandas as pd

from ..params import PARAMS, coerce
from .base import INTERVENTION_PREFIX, ExperimentError

MAX_POINTS = 2_000_000  # a guard against a typo that asks for a grid of billions of runs
DESIGN_STREAM = 0x5EED  # entropy tag that keeps design sampling independent of the run seeds


def _grid_values(name: str, f: Any) -> list[Any]:
    if f.values is not None:
        return list(f.values)
    assert f.linspace is not None
    start, stop, num = f.linspace
    vals = np.linspace(start, stop, int(num))
    p = PARAMS.get(name)
    if p is not None and p.kind == "int":
        return [round(float(v)) for v in vals]
    return [round(float(v), 12) for v in vals]


def design_size(design: Any) -> tuple[int, str]:
    """The number of points a design has, from its formula, and the formula as text — computed before
    anything is sampled, so that a design too large to run is refused at once (building a Sobol sample of
    four million rows only to refuse it took minutes).

    grid: the product of each factor's number of values; lhs: N; sobol (Saltelli): N·(2k+2) with
    second-order indices, N·(k+2) without; morris: r·(k+1) for r trajectories of k factors.
    """
    k = len(design.factors)
    if design.kind == "grid":
        counts = [len(f.values) if f.values is not None else int(f.linspace[2]) if f.linspace is not None else 1
                  for f in design.factors.values()]
        return math.prod(counts), " × ".join(map(str, counts)) + " values"
    n = int(design.samples or 1)
    if design.kind == "lhs":
        return n, f"N = {n}"
    if design.kind == "sobol":
        if design.second_order:
            return n * (2 * k + 2), f"N·(2k+2) = {n}·{2 * k + 2}"
        return n * (k + 2), f"N·(k+2) = {n}·{k + 2}"
    return n * (k + 1), f"r·(k+1) = {n}·{k + 1}"


def check_design_size(exp: Any) -> None:
    """Refuse a design whose points × replicates exceed :data:`MAX_POINTS`, from the formula alone."""
    points, formula = design_size(exp.design)
    runs = points * int(exp.replicates)
    if points > MAX_POINTS or runs > MAX_POINTS:
        reps = f" × {exp.replicates} replicates = {runs} runs" if exp.replicates > 1 else ""
        raise ExperimentError(f"{exp.source}: design: a {exp.design.kind} design of {points} points ({formula})"
                              f"{reps} is more than the allowed {MAX_POINTS}; fewer samples, values or replicates")


def _make_points(exp: Any) -> pd.DataFrame:
    d = exp.design
    names = exp.factor_names
    check_design_size(exp)
    if d.kind == "grid":
        axes = [[_coerce_any(n, v) for v in _grid_values(n, d.factors[n])] for n in names]
        rows = list(itertools.product(*axes))
        return pd.DataFrame(rows, columns=names)
    rng_seed = np.random.SeedSequence([exp.seed, DESIGN_STREAM])
    n = int(d.samples or 1)
    problem = exp.salib_problem()
    if d.kind == "lhs":
        from scipy.stats import qmc

        unit = qmc.LatinHypercube(d=len(names), rng=np.random.default_rng(rng_seed)).random(n)
    elif d.kind == "sobol":
        from SALib.sample import sobol as sobol_sample

        if n & (n - 1):
            raise ExperimentError(
                f"{exp.source}: design.samples: a sobol design needs a power of 2 (got {n})"
            )
        unit = sobol_sample.sample(
            problem, n, calc_second_order=d.second_order, scramble=True, seed=np.random.default_rng(rng_seed)
        )
    else:
        from SALib.sample import morris as morris_sample

        unit = morris_sample.sample(problem, n, num_levels=d.levels, seed=np.random.default_rng(rng_seed))
    exp._unit = unit
    cols = {name: [_map_unit(exp, name, u) for u in unit[:, j]] for j, name in enumerate(names)}
    return pd.DataFrame(cols, columns=names)


def _coerce_any(name: str, v: Any) -> Any:
    return v if name.startswith(INTERVENTION_PREFIX) else coerce(name, v)


def _map_unit(exp: Any, name: str, u: float) -> Any:
    """Map a unit-cube coordinate to a factor value (floats linearly; ints, bools, choices by bins)."""
    f = exp.design.factors[name]
    u = min(max(float(u), 0.0), 1.0)
    if name.startswith(INTERVENTION_PREFIX):
        if f.values is not None:
            return f.values[min(int(u * len(f.values)), len(f.values) - 1)]
        assert f.low is not None and f.high is not None
        return f.low + u * (f.high - f.low)
    p = PARAMS[name]
    if p.kind in ("float", "int"):
        lo = float(f.low if f.low is not None else p.low or 0.0)
        hi = float(f.high if f.high is not None else p.high or 0.0)
        if p.kind == "float":
            return lo + u * (hi - lo)
        return int(min(math.floor(lo + u * (hi - lo + 1)), hi))
    options = (
        list(f.values) if f.values is not None else ([False, True] if p.kind == "bool" else list(p.choices))
    )
    return coerce(name, options[min(int(u * len(options)), len(options) - 1)])
