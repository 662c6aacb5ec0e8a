"""Tipping as a probability: the share of seeds that tip at a crime rate, its Wilson interval, and the crime
rates where that share crosses 10 % and 50 %, found by bisection.

Whether one wijk tips after a crisis is mostly a matter of its generated layout and its chance events (issue 26:
at crime_rate 2, 5 of 20 seeds tip and the median seed recovers), so a mean two-year gap hides what an advisor
needs: *how likely* is it that this wijk does not come back? Per paired seed ``k`` and crime rate:

* the seed **tips** when its crisis history ends (mean share withdrawn over the judged half-year, weeks 144-169)
  at or above the withdrawal norm's threshold (``withdrawal_norm_threshold``, 30 %) while its calm history, the
  same wijk and seed without the crisis, ends below it;
* the seed is **already past** when its calm history ends at or above the threshold: nothing left to tip, so it
  counts neither as tipping nor as recovering;
* ``p_tip`` = tipping seeds / all seeds, with a Wilson score interval (:func:`wilson`), which stays inside
  0-1 and keeps a width at 0 of n and n of n, where the normal approximation collapses to a point.

The threshold is the wijk-wide share withdrawn: where the norm reads a buurt smaller than the wijk
(``withdrawal_norm_radius`` below the wijk's size), one buurt can tip without the wijk's average crossing 30 %;
docs/tipping.md measures that case per buurt.

The crossing multiples (:func:`bisect_crossing`) are not read off the grid: the grid only brackets them (the last
multiple below the target and the first at or above it), and bisection on fresh paired runs narrows the bracket
to ``tolerance``. With the same seeds at every multiple ``p_tip`` is a deterministic step function of the crime
rate, so the bracket always holds a crossing of the *measured* share; with n seeds that share moves in steps of
1/n, which is the resolution the crossings have.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd
from scipy.stats import norm

#: the shares of seeds whose crossing multiples the edge reports
TARGETS: tuple[float, ...] = (0.10, 0.50)
#: bisection stops when the bracket is this narrow (in multiples of the wijk's crime rate)
TOLERANCE = 0.05


def wilson(k: int, n: int, level: float = 0.95) -> tuple[float, float, float]:
    """Share ``k / n`` and its Wilson score interval at ``level`` (Wilson 1927; Brown, Cai & DasGupta 2001
    recommend it over the normal 'Wald' interval for small n and shares near 0 or 1). NaNs for n = 0."""
    if n <= 0:
        return (float("nan"),) * 3
    if not 0 <= k <= n:
        raise ValueError(f"k = {k} must lie between 0 and n = {n}")
    z = float(norm.ppf(0.5 + level / 2))
    p = k / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z / (1 + z * z / n) * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n))
    # at k = 0 and k = n the bounds are exactly 0 and 1 (rounding would otherwise leave 1e-17)
    lo = 0.0 if k == 0 else max(0.0, centre - half)
    hi = 1.0 if k == n else min(1.0, centre + half)
    return p, lo, hi


def seed_states(calm: pd.Series, crisis: pd.Series, threshold: float) -> pd.DataFrame:
    """Per replicate (the index of both series: share withdrawn over the judged weeks): whether the calm history is
    already past ``threshold`` and whether the seed tips (crisis at or above it, calm below)."""
    both = pd.DataFrame({"calm": calm, "crisis": crisis.reindex(calm.index)}).dropna()
    past = both["calm"] >= threshold
    return pd.DataFrame({"past": past, "tips": (both["crisis"] >= threshold) & ~past})


def tip_summary(states: pd.DataFrame, level: float = 0.95) -> dict[str, Any]:
    """The counts and ``p_tip`` with its Wilson interval from :func:`seed_states`'s table."""
    n, k = len(states), int(states["tips"].sum())
    p, lo, hi = wilson(k, n, level)
    return {"seeds": n, "tipped": k, "past": int(states["past"].sum()), "p_tip": p, "p_tip_lo": lo, "p_tip_hi": hi}


@dataclass
class Crossing:
    """Where the share of seeds that tip reaches ``target``: a bracket [lo, hi] no wider than the tolerance with
    the measured share at both ends, and every multiple bisection evaluated (``steps``: multiple, share)."""

    target: float
    lo: float | None
    hi: float | None
    p_lo: float | None = None
    p_hi: float | None = None
    steps: list[tuple[float, float]] = field(default_factory=list)
    note: str = ""

    @property
    def multiple(self) -> float | None:
        """The bracket's midpoint (None when the grid did not bracket the crossing)."""
        return None if self.lo is None or self.hi is None else (self.lo + self.hi) / 2

    def to_dict(self) -> dict[str, Any]:
        """For edge.json (rounded so the text is stable)."""
        def r(v: float | None) -> float | None:
            return None if v is None else round(float(v), 6)

        return {"target": self.target, "multiple": r(self.multiple), "lo": r(self.lo), "hi": r(self.hi),
                "p_lo": r(self.p_lo), "p_hi": r(self.p_hi), "steps": [[r(m), r(p)] for m, p in self.steps],
                "note": self.note}


def bisect_crossing(f: Callable[[float], float], lo: float, hi: float, target: float, tolerance: float,
                    f_lo: float | None = None, f_hi: float | None = None) -> Crossing:
    """Narrow ``[lo, hi]`` with ``f(lo) < target <= f(hi)`` to a bracket at most ``tolerance`` wide by bisection.

    ``f`` needs no monotonicity for the result to hold a crossing (each halving keeps one end below the target and
    one at or above it); the known end values may be given to save two evaluations. Raises ValueError when the
    ends do not bracket the target."""
    if not (tolerance > 0 and hi > lo):
        raise ValueError(f"need lo < hi and tolerance > 0 (got {lo}, {hi}, {tolerance})")
    a = f(lo) if f_lo is None else f_lo
    b = f(hi) if f_hi is None else f_hi
    if not (a < target <= b):
        raise ValueError(f"f({lo:g}) = {a:g} and f({hi:g}) = {b:g} do not bracket {target:g}")
    out = Crossing(target, lo, hi, a, b)
    while out.hi - out.lo > tolerance:  # type: ignore[operator]
        mid = round((out.lo + out.hi) / 2, 10)  # type: ignore[operator]
        v = f(mid)
        out.steps.append((mid, v))
        if v < target:
            out.lo, out.p_lo = mid, v
        else:
            out.hi, out.p_hi = mid, v
    return out


def grid_bracket(multiples: np.ndarray, shares: np.ndarray, target: float) -> tuple[int, int] | str:
    """Indices of the grid's bracket of ``target`` (the multiple before the first whose share reaches it, and that
    one), or a sentence saying why there is none: reached already at the smallest multiple, or never."""
    order = np.argsort(multiples)
    m, p = multiples[order], shares[order]
    reached = np.flatnonzero(p >= target)
    if not len(reached):
        return f"no multiple up to x{m[-1]:g} reaches {target:.0%}"
    first = int(reached[0])
    if first == 0:
        return f"already {p[0]:.0%} at x{m[0]:g}, the smallest multiple tested"
    return int(order[first - 1]), int(order[first])


def crossings(multiples: np.ndarray, shares: np.ndarray, measure_at: Callable[[float], float],
              targets: tuple[float, ...] = TARGETS, tolerance: float = TOLERANCE) -> list[Crossing]:
    """For every target share: bracket it on the grid, then bisect with ``measure_at`` (a fresh paired
    measurement of the share of seeds that tip at a multiple). Evaluations are cached across targets."""
    seen: dict[float, float] = dict(zip((float(v) for v in multiples), (float(v) for v in shares), strict=True))

    def cached(m: float) -> float:
        if m not in seen:
            seen[m] = measure_at(m)
        return seen[m]

    out = []
    for t in targets:
        b = grid_bracket(multiples, shares, t)
        if isinstance(b, str):
            out.append(Crossing(t, None, None, note=b))
            continue
        i, j = b
        out.append(bisect_crossing(cached, float(multiples[i]), float(multiples[j]), t, tolerance,
                                   float(shares[i]), float(shares[j])))
    return out


def crossing_line(c: Crossing, seeds: int, tolerance: float) -> str:
    """One line for the terminal: where the share of seeds that tip reaches the target."""
    if c.multiple is None:
        return f"  {c.target:.0%} of seeds tip: {c.note}."
    return (f"  {c.target:.0%} of seeds tip from about x{c.multiple:.3g} of the crime rate (bisected between "
            f"x{c.lo:.4g}, {c.p_lo:.0%} tip, and x{c.hi:.4g}, {c.p_hi:.0%} tip; tolerance {tolerance:g}, "
            f"{seeds} seeds).")
