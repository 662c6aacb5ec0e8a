"""The statistics a sweep's analysis and the stylized-fact tests share: rank correlations (plain and
partial, with a Fisher-z interval) and the slope-change test for a response that steepens past some
level of a factor (stylized fact 8's tipping point). Pure functions of arrays, no sweep objects."""

from __future__ import annotations

import numpy as np


def spearman(x: np.ndarray, y: np.ndarray) -> tuple[float, float]:
    """Spearman's ρ and two-sided p (nan when a variable is constant)."""
    from scipy.stats import spearmanr

    x = np.asarray(x, dtype=float)
    y = np.asarray(y, dtype=float)
    ok = np.isfinite(x) & np.isfinite(y)
    if ok.sum() < 3 or np.ptp(x[ok]) == 0 or np.ptp(y[ok]) == 0:
        return float("nan"), float("nan")
    res = spearmanr(x[ok], y[ok])
    return float(res.statistic), float(res.pvalue)


def partial_spearman(x: np.ndarray, y: np.ndarray, controls: np.ndarray,
                     level: float = 0.95) -> tuple[float, float, float]:
    """Spearman's partial correlation of x and y given the columns of ``controls``, with a Fisher-z
    interval at ``level``: the ranks of x and of y are each regressed on the ranks of the controls and
    the residuals correlated. It asks whether x and y go together *beyond* what the controls explain
    (e.g. collective efficacy and incidents beyond the wijk's layout)."""
    from scipy.stats import norm, rankdata

    x, y = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
    c = np.asarray(controls, dtype=float).reshape(len(x), -1)
    ok = np.isfinite(x) & np.isfinite(y) & np.isfinite(c).all(axis=1)
    x, y, c = x[ok], y[ok], c[ok]
    n, k = len(x), c.shape[1]
    if n - k < 4:
        return float("nan"), float("nan"), float("nan")
    z = np.column_stack([np.ones(n), *(rankdata(col) for col in c.T)])

    def residual(v: np.ndarray) -> np.ndarray:
        r = rankdata(v)
        return r - z @ np.linalg.lstsq(z, r, rcond=None)[0]

    rho = float(np.corrcoef(residual(x), residual(y))[0, 1])
    half = norm.ppf(0.5 + level / 2) / np.sqrt(n - k - 3)
    zr = np.arctanh(np.clip(rho, -0.999999, 0.999999))
    return rho, float(np.tanh(zr - half)), float(np.tanh(zr + half))


def _ols(x: np.ndarray, y: np.ndarray) -> tuple[float, float]:
    """Slope of y on x and its standard error."""
    x = x - x.mean()
    sxx = float((x * x).sum())
    b = float((x * (y - y.mean())).sum() / sxx)
    resid = y - y.mean() - b * x
    dof = max(len(x) - 2, 1)
    return b, float(np.sqrt((resid * resid).sum() / dof / sxx))


def slope_change(x: np.ndarray, y: np.ndarray, min_levels: int = 3) -> dict[str, float]:
    """Does y rise faster than linearly past some level of x? (stylized fact 8's tipping point)

    For every split level c (with at least ``min_levels`` grid levels on each side, sharing c), fit
    a line to the runs below and above c and compare the slopes: z = (b_above − b_below) / se. The
    split with the largest z is reported, with a one-sided p-value Bonferroni-corrected for the
    number of splits tried. A concave or linear response gives z ≤ 0 and p near 1, so the test can
    fail; a steepening response past a threshold gives a large z.
    """
    from scipy.stats import norm

    x = np.asarray(x, dtype=float)
    y = np.asarray(y, dtype=float)
    ok = np.isfinite(x) & np.isfinite(y)
    x, y = x[ok], y[ok]
    levels = np.unique(x)
    splits = range(min_levels - 1, len(levels) - min_levels + 1)
    best: dict[str, float] = {
        "split_at": float("nan"),
        "slope_below": float("nan"),
        "slope_above": float("nan"),
        "z": float("-inf"),
        "p_value": 1.0,
    }
    for k in splits:
        lo, hi = x <= levels[k], x >= levels[k]
        b_lo, se_lo = _ols(x[lo], y[lo])
        b_hi, se_hi = _ols(x[hi], y[hi])
        z = (b_hi - b_lo) / max(float(np.hypot(se_lo, se_hi)), 1e-12)
        if z > best["z"]:
            best = {
                "split_at": float(levels[k]),
                "slope_below": b_lo,
                "slope_above": b_hi,
                "z": z,
                "p_value": 1.0,
            }
    if len(splits):
        best["p_value"] = float(min(1.0, norm.sf(best["z"]) * len(splits)))
    return best
