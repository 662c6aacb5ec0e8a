"""Shared cell arithmetic: window sums over the grid and point layers (numba).

Every "sum (or mean) of a layer within r cells" in the model goes through one summed-area table and one
window lookup (:func:`window_bounds`, :func:`window_sum`), so the edge handling — windows are cut at the
border of the wijk, space is not a torus — is written once.
"""

from __future__ import annotations

import numpy as np
from numba import njit


@njit(cache=True)
def summed_area(a: np.ndarray) -> np.ndarray:
    """Summed-area table: ``s[x, y]`` = Σ a[:x, :y] (one row and column of zeros in front).

    Any window sum is then four look-ups, whatever its radius: two passes over the grid replace the
    (2r+1)-fold work of summing windows directly.
    """
    w, h = a.shape
    s = np.empty((w + 1, h + 1))
    s[0, :] = 0.0
    for x in range(w):
        s[x + 1, 0] = 0.0
        acc = 0.0
        for y in range(h):
            acc += a[x, y]
            s[x + 1, y + 1] = s[x, y + 1] + acc
    return s


@njit(cache=True)
def window_bounds(w: int, h: int, x: int, y: int, r: int) -> tuple[int, int, int, int]:
    """The window of radius ``r`` around (x, y), cut at the border: x0 ≤ x' < x1, y0 ≤ y' < y1."""
    return max(0, x - r), min(w, x + r + 1), max(0, y - r), min(h, y + r + 1)


@njit(cache=True)
def window_sum(s: np.ndarray, x0: int, x1: int, y0: int, y1: int) -> float:
    """Σ of the layer behind summed-area table ``s`` over the window [x0, x1) × [y0, y1)."""
    return s[x1, y1] - s[x0, y1] - s[x1, y0] + s[x0, y0]


@njit(cache=True)
def box_sum(a: np.ndarray, r: int) -> np.ndarray:
    """Sum of ``a`` over the (2r+1)² Chebyshev neighbourhood of every cell, zero outside the grid.

    From a summed-area table: exact on integer-valued layers, within ~1e−11 on others.
    """
    w, h = a.shape
    s = summed_area(a)
    out = np.empty((w, h))
    for x in range(w):
        for y in range(h):
            x0, x1, y0, y1 = window_bounds(w, h, x, y, r)
            out[x, y] = window_sum(s, x0, x1, y0, y1)
    return out


@njit(cache=True)
def window_at(a: np.ndarray, r: int, px: np.ndarray, py: np.ndarray, mean: bool) -> np.ndarray:
    """Per point (``px``, ``py``): the sum of ``a`` within ``r`` — or with ``mean``, its mean over the
    cells of that window that lie inside the grid."""
    w, h = a.shape
    s = summed_area(a)
    out = np.empty(len(px))
    for i in range(len(px)):
        x0, x1, y0, y1 = window_bounds(w, h, px[i], py[i], r)
        v = window_sum(s, x0, x1, y0, y1)
        out[i] = v / ((x1 - x0) * (y1 - y0)) if mean else v
    return out


@njit(cache=True)
def stamp_kernel(w: int, h: int, x: np.ndarray, y: np.ndarray, r: int, weight: np.ndarray) -> np.ndarray:
    """A zero grid plus ``weight[i]`` on every cell within ``r`` of each point (x[i], y[i])."""
    out = np.zeros((w, h))
    for i in range(len(x)):
        for cx in range(max(0, x[i] - r), min(w - 1, x[i] + r) + 1):
            for cy in range(max(0, y[i] - r), min(h - 1, y[i] + r) + 1):
                out[cx, cy] += weight[i]
    return out


@njit(cache=True)
def scatter_to_grid(shape0: int, shape1: int, x: np.ndarray, y: np.ndarray, v: np.ndarray) -> np.ndarray:
    """A zero grid with ``v[i]`` at ``(x[i], y[i])`` (one household per dwelling cell)."""
    g = np.zeros((shape0, shape1))
    for i in range(len(x)):
        g[x[i], y[i]] = v[i]
    return g


@njit(cache=True)
def disorder(litter: np.ndarray, damage: np.ndarray) -> np.ndarray:
    """Visible disorder ``1 − (1 − litter)(1 − damage)`` per cell: litter and damage combined as
    independent signs of neglect (the one place this formula is written)."""
    out = np.empty(litter.shape)
    lf, df, of = litter.ravel(), damage.ravel(), out.ravel()
    for c in range(len(of)):
        of[c] = disorder_at(lf[c], df[c])
    return out


@njit(cache=True)
def disorder_at(litter: float, damage: float) -> float:
    """Visible disorder of one cell (see :func:`disorder`)."""
    return 1.0 - (1.0 - litter) * (1.0 - damage)


def local_sum(layer: np.ndarray, radius: int) -> np.ndarray:
    """Sum of ``layer`` over the (2r+1)² Chebyshev neighbourhood of every cell (zero outside the grid)."""
    if radius <= 0:
        return layer.astype(float, copy=True)
    return box_sum(np.ascontiguousarray(layer, dtype=float), int(radius))


def sum_around(layer: np.ndarray, x: np.ndarray, y: np.ndarray, radius: int) -> np.ndarray:
    """``local_sum`` at the points (x, y) only (e.g. at every home), without filtering the whole grid."""
    return window_at(np.ascontiguousarray(layer, dtype=float), int(max(radius, 0)), x, y, False)


def mean_around(layer: np.ndarray, x: np.ndarray, y: np.ndarray, radius: int) -> np.ndarray:
    """Mean of ``layer`` within ``radius`` of the points (x, y), over the cells inside the grid."""
    return window_at(np.ascontiguousarray(layer, dtype=float), int(max(radius, 0)), x, y, True)


def stamp(shape: tuple[int, int], x: np.ndarray, y: np.ndarray, radius: int,
          weight: np.ndarray | None = None) -> np.ndarray:
    """Sum of (2r+1)² patches centred on a few points: ``local_sum`` of a sparse point layer, exact
    and much cheaper than filtering the whole grid when points are few."""
    w = np.ones(len(x)) if weight is None else np.asarray(weight, dtype=float)
    return stamp_kernel(shape[0], shape[1], np.asarray(x, dtype=np.int64), np.asarray(y, dtype=np.int64),
                        int(radius), w)
