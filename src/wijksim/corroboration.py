"""Measures for the held-out patterns of docs/corroboration.md (the single wijk): read-only observers of a run.

The evidence table checks what the model was calibrated to; these measures check patterns it was not tuned to
(pattern-oriented modelling's output corroboration). Each measure reads what a run already produces -- the
week's incidents with their victims (:attr:`WijkModel.last_incidents`), households' fear and trust at the end --
and changes nothing in the dynamics: :func:`observe_run` steps an ordinary :class:`WijkModel` and copies, so a
run observed here is the very run ``wijksim run`` makes with the same seed.

Everything a verdict needs is reduced per run to sums (:class:`RunRecord`), saved per seed in
``docs/data/corroboration.json``; the pooled ratios and their intervals are computed from those sums by
:func:`pooled_ratio` (a percentile bootstrap over seeds, because households of one wijk are not independent).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

import numpy as np

from .map_layout import DEFAULT_CELL_SIZE
from .model import WijkModel
from .week_record import BURGLARY, STREET

#: the kinds of incident with a victim: a survey's "victim of crime" (nuisance has no victim in the model)
CRIME_KINDS = (BURGLARY, STREET)
#: Knox distance rings in metres, (lower, upper]; the first ring includes 0 (pairs on one cell)
DISTANCE_RINGS: tuple[tuple[float, float], ...] = ((0.0, 100.0), (100.0, 200.0), (200.0, 400.0))
#: Knox time bands in whole weeks between two crimes, inclusive
TIME_BANDS: tuple[tuple[int, int], ...] = ((0, 2), (3, 8), (9, 26))


@dataclass
class RunRecord:
    """The sums one run contributes to each pattern (JSON-ready: plain ints and floats)."""

    seed: int
    households: int
    # P1-P3: the survey at the end of the run about the last ``survey_weeks`` weeks
    victims: int = 0
    victims_unsafe: int = 0
    nonvictims: int = 0
    nonvictims_unsafe: int = 0
    once: int = 0
    once_unsafe: int = 0
    repeat: int = 0
    repeat_unsafe: int = 0
    victims_trust: float = 0.0
    nonvictims_trust: float = 0.0
    # P4: burglary victims per 52-week window and those burgled again in it
    burglary_victims: int = 0
    burglary_repeat: int = 0
    burglaries: int = 0
    crimes: int = 0
    # P5: Knox pair counts per (ring, band), observed and expected (mean over permutations)
    knox_observed: list[list[int]] = field(default_factory=list)
    knox_expected: list[list[float]] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def observe_run(seed: int, weeks: int = 104, survey_weeks: int = 52, windows: int = 2, permutations: int = 99,
                **params: Any) -> RunRecord:
    """Run one default wijk (``params`` override defaults) for ``weeks`` recorded weeks and reduce it to sums.

    The crimes' weeks, cells, kinds and victims are copied each week; nothing of the model is changed.
    """
    m = WijkModel(seed, **params)
    week, cell, kind, victim = record_crimes(m, weeks)
    rs = m.residents
    rec = RunRecord(seed=seed, households=int(rs.n), burglaries=int((kind == BURGLARY).sum()), crimes=len(week))
    survey(rec, week, victim, rs.fear > m.p["unsafe_threshold"], rs.trust[:, 0], weeks - survey_weeks + 1, weeks)
    repeat_burglary(rec, week, victim, kind, int(rs.n), weeks, windows)
    x, y = np.unravel_index(cell, m.nb.shape)
    obs, exp = knox(week, np.column_stack([x, y]) * DEFAULT_CELL_SIZE, permutations, np.random.default_rng(seed))
    rec.knox_observed, rec.knox_expected = obs.tolist(), exp.tolist()
    return rec


def record_crimes(m: WijkModel, weeks: int) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Step ``m`` ``weeks`` weeks and return every crime's (week, flat cell, kind, victim or −1): a copy of what
    each week's :attr:`WijkModel.last_incidents` holds, so the run is exactly the unobserved run."""
    parts: list[tuple[np.ndarray, ...]] = []
    for _ in range(weeks):
        m.step()
        inc = m.last_incidents
        assert inc is not None  # set by every step
        crime = np.isin(inc.kind, CRIME_KINDS)
        parts.append((np.full(int(crime.sum()), m.week, np.int64), inc.cell[crime].astype(np.int64),
                      inc.kind[crime].astype(np.int64), inc.victim[crime].astype(np.int64)))
    if not parts:
        empty = np.zeros(0, np.int64)
        return empty, empty, empty, empty
    week, cell, kind, victim = (np.concatenate(col) for col in zip(*parts, strict=True))
    return week, cell, kind, victim


def victim_counts(week: np.ndarray, victim: np.ndarray, n: int, lo: int, hi: int,
                  kind: np.ndarray | None = None, only: int | None = None) -> np.ndarray:
    """Per household, how many crimes (of kind ``only``, if given) it suffered in weeks ``lo``..``hi``."""
    keep = (week >= lo) & (week <= hi) & (victim >= 0)
    if only is not None and kind is not None:
        keep &= kind == only
    return np.bincount(victim[keep], minlength=n)


def survey(rec: RunRecord, week: np.ndarray, victim: np.ndarray, unsafe: np.ndarray, trust: np.ndarray,
           lo: int, hi: int) -> None:
    """P1-P3: unsafe and trust by victimisation in weeks ``lo``..``hi`` (a survey's 'last 12 months')."""
    count = victim_counts(week, victim, len(unsafe), lo, hi)
    groups = {"nonvictims": count == 0, "victims": count >= 1, "once": count == 1, "repeat": count >= 2}
    for name, mask in groups.items():
        setattr(rec, name, int(mask.sum()))
        setattr(rec, f"{name}_unsafe", int((mask & unsafe).sum()))
    rec.victims_trust = float(trust[groups["victims"]].sum())
    rec.nonvictims_trust = float(trust[groups["nonvictims"]].sum())


def repeat_burglary(rec: RunRecord, week: np.ndarray, victim: np.ndarray, kind: np.ndarray, n: int, weeks: int,
                    windows: int) -> None:
    """P4: over the last ``windows`` 52-week windows, households burgled at least once and those burgled again."""
    for k in range(windows):
        hi = weeks - 52 * k
        count = victim_counts(week, victim, n, hi - 51, hi, kind, BURGLARY)
        rec.burglary_victims += int((count >= 1).sum())
        rec.burglary_repeat += int((count >= 2).sum())


def band_counts(dist: np.ndarray, gap: np.ndarray) -> np.ndarray:
    """Pairs per (distance ring, time band) from the pairs' distances (m) and week gaps."""
    out = np.zeros((len(DISTANCE_RINGS), len(TIME_BANDS)), np.int64)
    for i, (d_lo, d_hi) in enumerate(DISTANCE_RINGS):
        in_ring = (dist <= d_hi) & ((dist > d_lo) if d_lo > 0 else True)
        for j, (t_lo, t_hi) in enumerate(TIME_BANDS):
            out[i, j] = int(np.count_nonzero(in_ring & (gap >= t_lo) & (gap <= t_hi)))
    return out


def knox(week: np.ndarray, xy: np.ndarray, permutations: int, rng: np.random.Generator) -> tuple[np.ndarray,
                                                                                                   np.ndarray]:
    """Knox counts: observed pairs per band, and their mean when the weeks are permuted among the crimes.

    Permuting the weeks keeps where crimes happen (fixed hotspots) and how many happen each week, and breaks
    only their link: a ratio above 1 is clustering in space *and* time beyond that (Johnson et al. 2007).
    """
    n = len(week)
    if n < 2:
        zero = np.zeros((len(DISTANCE_RINGS), len(TIME_BANDS)))
        return zero.astype(np.int64), zero
    i, j = np.triu_indices(n, k=1)
    dist = np.hypot(*(xy[i] - xy[j]).T)
    near = dist <= DISTANCE_RINGS[-1][1]  # pairs beyond every ring never count: drop them once
    i, j, dist = i[near], j[near], dist[near]
    observed = band_counts(dist, np.abs(week[i] - week[j]))
    expected = np.zeros(observed.shape)
    for _ in range(permutations):
        w = rng.permutation(week)
        expected += band_counts(dist, np.abs(w[i] - w[j]))
    return observed, expected / max(permutations, 1)


def pooled_ratio(num_a: Sequence[float], den_a: Sequence[float], num_b: Sequence[float] | None = None,
                 den_b: Sequence[float] | None = None, resamples: int = 4000,
                 seed: int = 2026) -> tuple[float, float, float]:
    """(Σnum_a/Σden_a) ÷ (Σnum_b/Σden_b) over runs (or Σnum_a/Σden_a alone), with a 95 % percentile interval
    from resampling whole runs: households and crimes of one wijk share its layout, so runs are the units."""
    a_n, a_d = np.asarray(num_a, float), np.asarray(den_a, float)
    two = num_b is not None and den_b is not None
    b_n = np.asarray(num_b if two else np.ones_like(a_n), float)
    b_d = np.asarray(den_b if two else np.ones_like(a_n), float)

    def ratio(sums: list[np.ndarray]) -> np.ndarray:
        top, bottom = sums[0] / np.maximum(sums[1], 1e-300), sums[2] / np.maximum(sums[3], 1e-300)
        with np.errstate(divide="ignore", invalid="ignore"):
            return np.where(bottom > 0, top / np.where(bottom > 0, bottom, 1.0), np.nan)

    idx = np.random.default_rng(seed).integers(0, len(a_n), (resamples, len(a_n)))
    boots = ratio([v[idx].sum(axis=1) for v in (a_n, a_d, b_n, b_d)])
    lo, hi = np.nanpercentile(boots, [2.5, 97.5]) if np.isfinite(boots).any() else (np.nan, np.nan)
    return float(ratio([np.array(v.sum()) for v in (a_n, a_d, b_n, b_d)])), float(lo), float(hi)
