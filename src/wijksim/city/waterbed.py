"""The waterbed numbers: weighted displacement quotient and total net effect over paired seeds.

Bowers & Johnson (2003): for a target area R, a buffer D and a control C, before (b) and after (a),

    WDQ = (Da/Ca − Db/Cb) / (Ra/Ca − Rb/Cb)
    TNE = (Rb·Ca/Cb − Ra) + (Db·Ca/Cb − Da)      (crimes prevented net of displacement; > 0 is a gain)

WDQ > 0: diffusion of benefits; 0 to −1: some displacement, smaller than the gain; < −1: displacement larger than
the gain. In a simulation "before" is better than a before period: it is the same city with the same seeds
without the intervention (city A), "after" the city with it (city B), over the same weeks, so the control
wijken's own trend cancels exactly where the intervention does not reach. Point values are computed on the
seeds' summed counts (a ratio of sums is stable where one seed's denominator is near 0); intervals are the
2.5 and 97.5 percentiles of a bootstrap over the paired seeds (fixed bootstrap seed: reproducible).

A WDQ is read only when the target itself improved (``target_effect`` < 0 with its interval below 0): without a
gain there is nothing to displace, and the ratio of two noises is noise.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

BOOTSTRAP = 2000
BOOTSTRAP_SEED = 20030101  # Bowers & Johnson's year: any fixed number; only reproducibility matters


@dataclass(frozen=True)
class Areas:
    """Which wijken (by position) are the target, the buffer and the control."""

    target: int
    buffer: tuple[int, ...]
    control: tuple[int, ...]


def areas(adjacency: np.ndarray, target: int, control: tuple[int, ...] | None = None) -> Areas:
    """Buffer = the target's neighbours; control = every other wijk unless ``control`` names them."""
    buffer = tuple(int(i) for i in np.flatnonzero(adjacency[target]))
    if control is None:
        control = tuple(i for i in range(len(adjacency)) if i != target and i not in buffer)
    return Areas(target, buffer, control)


def _sums(counts: np.ndarray, a: Areas) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(R, D, C) per seed from counts[seed, wijk]."""
    return counts[:, a.target], counts[:, list(a.buffer)].sum(axis=1), counts[:, list(a.control)].sum(axis=1)


def measures(before: np.ndarray, after: np.ndarray, a: Areas) -> dict[str, float]:
    """WDQ, TNE, the target's and the buffer's change relative to control, from counts[seed, wijk] summed."""
    rb, db, cb = (float(x.sum()) for x in _sums(before, a))
    ra, da, ca = (float(x.sum()) for x in _sums(after, a))
    if cb <= 0 or ca <= 0:
        nan = float("nan")
        return {"wdq": nan, "tne": nan, "target_effect": nan, "buffer_effect": nan}
    target_effect = ra / ca - rb / cb
    buffer_effect = da / ca - db / cb
    wdq = buffer_effect / target_effect if target_effect != 0 else float("nan")
    tne = (rb * ca / cb - ra) + (db * ca / cb - da)
    n = len(before)
    return {"wdq": wdq, "tne": tne / n, "target_effect": target_effect, "buffer_effect": buffer_effect}


def with_intervals(before: np.ndarray, after: np.ndarray, a: Areas) -> dict[str, float]:
    """:func:`measures` with ``_lo`` and ``_hi`` bootstrap percentiles over paired seeds (TNE per seed-run)."""
    point = measures(before, after, a)
    rng = np.random.default_rng(BOOTSTRAP_SEED)
    n = len(before)
    draws = {k: [] for k in point}  # type: dict[str, list[float]]
    for _ in range(BOOTSTRAP):
        pick = rng.integers(0, n, n)
        for k, v in measures(before[pick], after[pick], a).items():
            draws[k].append(v)
    out: dict[str, float] = {}
    for k, v in point.items():
        values = np.array(draws[k])
        values = values[np.isfinite(values)]
        lo, hi = (np.percentile(values, [2.5, 97.5]) if len(values) else (np.nan, np.nan))
        out[k], out[k + "_lo"], out[k + "_hi"] = v, float(lo), float(hi)
    return out


def verdict(m: dict[str, float]) -> str:
    """What the numbers say, in the studies' words: no_gain, displacement, diffusion or neither."""
    if not m["target_effect_hi"] < 0:
        return "no_gain"
    if m["buffer_effect_lo"] > 0:
        return "displacement"
    if m["buffer_effect_hi"] < 0:
        return "diffusion"
    return "neither"
