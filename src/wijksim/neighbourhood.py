"""The wijk: layout generator and the cell layers that change over time.

A neighbourhood is a grid of cells (one cell ≈ 15 m) cut into blocks by a regular street pattern.
Each block is a dwelling block (owned by the housing corporation or by private owners), a dwelling
block built around a courtyard (*hofje*), or public green with bushes. Layout is drawn from its own
random stream so that two scenarios with one seed share the same wijk.

Cell layers are plain numpy arrays of shape ``(width, height)`` indexed ``[x, y]`` like Mesa's grid;
the model registers the dynamic ones as Mesa property layers for the UI.

Disorder has two parts (MODEL.md "Dynamics that must hold"): *litter* fades by itself and is tidied
by active residents; *damage* (graffiti, broken lights and locks) leaves only through maintenance,
so a backlog of damage is the neighbourhood's memory of a bad period.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
from mesa.discrete_space import Cell, OrthogonalMooreGrid

from . import kernels

# cell kinds
DWELLING, COURTYARD, STREET, GREEN = 0, 1, 2, 3
KIND_NAMES = ("dwelling", "courtyard", "street", "green")
# owners
CORPORATION, PRIVATE, PUBLIC = 0, 1, 2
OWNER_NAMES = ("housing corporation", "private", "public")


def local_sum(layer: np.ndarray, radius: int) -> np.ndarray:
    """Sum of ``layer`` over the (2r+1)² Chebyshev neighbourhood of every cell (zero outside the grid)."""
    if radius <= 0:
        return layer.astype(float, copy=True)
    return kernels.box_sum(np.ascontiguousarray(layer, dtype=float), int(radius))


def sum_around(layer: np.ndarray, x: np.ndarray, y: np.ndarray, radius: int) -> np.ndarray:
    """``local_sum`` at the points (x, y) only (e.g. at every home), without filtering the whole grid."""
    return kernels.window_at(np.ascontiguousarray(layer, dtype=float), int(max(radius, 0)), x, y, False)


def mean_around(layer: np.ndarray, x: np.ndarray, y: np.ndarray, radius: int) -> np.ndarray:
    """Mean of ``layer`` within ``radius`` of the points (x, y), over the cells inside the grid."""
    return kernels.window_at(np.ascontiguousarray(layer, dtype=float), int(max(radius, 0)), x, y, True)


def stamp(shape: tuple[int, int], x: np.ndarray, y: np.ndarray, radius: int,
          weight: np.ndarray | None = None) -> np.ndarray:
    """Sum of (2r+1)² patches centred on a few points: ``local_sum`` of a sparse point layer, exact
    and much cheaper than filtering the whole grid when points are few."""
    w = np.ones(len(x)) if weight is None else np.asarray(weight, dtype=float)
    return kernels.stamp(shape[0], shape[1], np.asarray(x, dtype=np.int64), np.asarray(y, dtype=np.int64),
                         int(radius), w)


@dataclass
class Layout:
    """The static part of a wijk: what each cell is and who owns it."""

    kind: np.ndarray  # int8 (W, H)
    owner: np.ndarray  # int8 (W, H)
    block: np.ndarray  # int32 (W, H), -1 on streets

    @property
    def shape(self) -> tuple[int, int]:
        return self.kind.shape  # type: ignore[return-value]


def generate_layout(width: int, height: int, block_size: int, share_corporation: float, share_courtyard: float,
                    share_green: float, rng: np.random.Generator) -> Layout:
    """Cut the grid into blocks by streets and give every block a use and an owner.

    Streets run along every ``block_size + 1``-th row and column (with a random offset), so the
    street pattern is regular, as in most post-war Dutch wijken; the use of each block is drawn.
    """
    kind = np.full((width, height), STREET, dtype=np.int8)
    owner = np.full((width, height), PUBLIC, dtype=np.int8)
    block = np.full((width, height), -1, dtype=np.int32)
    pitch = block_size + 1
    ox, oy = (int(v) for v in rng.integers(0, pitch, size=2))
    street_x = (np.arange(width) - ox) % pitch == 0
    street_y = (np.arange(height) - oy) % pitch == 0
    bx = np.cumsum(street_x)  # block column index
    by = np.cumsum(street_y)
    n_by = int(by.max()) + 1
    ids = bx[:, None] * n_by + by[None, :]
    inside = ~street_x[:, None] & ~street_y[None, :]
    uniq, inv = np.unique(ids[inside], return_inverse=True)
    block[inside] = inv
    n_blocks = len(uniq)
    use = rng.random(n_blocks)
    is_green = use < share_green
    own_corp = rng.random(n_blocks) < share_corporation
    has_court = rng.random(n_blocks) < share_courtyard
    for_kind = np.where(is_green, GREEN, DWELLING)
    kind[inside] = for_kind[inv]
    owner[inside] = np.where(is_green[inv], PUBLIC, np.where(own_corp[inv], CORPORATION, PRIVATE))
    # courtyards: the interior of a dwelling block, one cell in from its edge
    if n_blocks:
        xs, ys = np.nonzero(inside)
        b = block[xs, ys]
        xmin = np.full(n_blocks, 1 << 30)
        xmax = np.full(n_blocks, -1)
        ymin = np.full(n_blocks, 1 << 30)
        ymax = np.full(n_blocks, -1)
        np.minimum.at(xmin, b, xs)
        np.maximum.at(xmax, b, xs)
        np.minimum.at(ymin, b, ys)
        np.maximum.at(ymax, b, ys)
        interior = (xs > xmin[b]) & (xs < xmax[b]) & (ys > ymin[b]) & (ys < ymax[b])
        court = interior & has_court[b] & ~is_green[b] & ((xmax[b] - xmin[b]) >= 3) & ((ymax[b] - ymin[b]) >= 3)
        kind[xs[court], ys[court]] = COURTYARD
    return Layout(kind=kind, owner=owner, block=block)


class Neighbourhood:
    """Layout plus the dynamic cell layers: litter, damage, bushes, hardening and risk."""

    def __init__(self, layout: Layout, initial_bushes: float, initial_hardening: float,
                 rng: np.random.Generator) -> None:
        self.layout = layout
        shape = layout.shape
        kind = layout.kind
        self.is_dwelling = kind == DWELLING
        self.is_public = kind != DWELLING  # streets, courtyards and green: where people meet
        self.has_bushes = (kind == GREEN) | (kind == COURTYARD)
        self.litter = np.zeros(shape)
        self.damage = np.zeros(shape)
        self.bushes = np.where(kind == GREEN, np.clip(rng.normal(initial_bushes, 0.15, shape), 0, 1), 0.0)
        self.bushes[kind == COURTYARD] = np.clip(rng.normal(initial_bushes * 0.6, 0.1, shape), 0, 1)[
            kind == COURTYARD]
        self.hardening = np.where(self.is_dwelling, np.clip(rng.normal(initial_hardening, 0.15, shape), 0, 1), 0.0)
        self.risk = np.zeros(shape)  # near-repeat attractiveness (Short et al. 2008)
        self.incidents_recent = np.zeros(shape)  # decaying incident map (for the UI and shared measurement)
        self.reported_recent = np.zeros(shape)  # decaying map of incidents reported to the police
        self.repaired_recent = np.zeros(shape)  # decaying map of maintenance work (for the UI)

    def bind(self, arrays: dict[str, np.ndarray]) -> None:
        """Make this neighbourhood use the given arrays (Mesa property layers) for its layers, in place."""
        for name, arr in arrays.items():
            arr[...] = getattr(self, name)
            setattr(self, name, arr)

    @property
    def shape(self) -> tuple[int, int]:
        return self.layout.shape

    @property
    def disorder(self) -> np.ndarray:
        """Visible disorder 0–1: litter and damage combined as independent signs of neglect."""
        return kernels.disorder(self.litter, self.damage)

    def visibility(self, bush_sightline: float) -> np.ndarray:
        """Share of sight lines left open at each cell (bushes block them)."""
        return 1.0 - bush_sightline * self.bushes

    def physical_week(self, x: np.ndarray, y: np.ndarray, out_active: np.ndarray, p: dict) -> None:
        """The slow physical dynamics of one week, in place.

        Active residents out of doors tidy litter within one cell of home (``x``, ``y``: homes,
        ``out_active``: presence of the active, 0 for the rest): litter × e^(−tidy_rate·Σ). Then litter
        fades by itself (``litter_decay``), wear adds damage that stays (``damage_wear``) and wears locks
        down (``lock_wear``) — only maintenance and residents' own effort restore them — bushes regrow
        (``bush_growth``), and the near-repeat field diffuses to the eight neighbours (``risk_spread``)
        and decays (``risk_decay``). The decaying maps for the UI fade by a fifth.
        """
        kept = np.exp(-p["tidy_rate"] * kernels.tidy_effort(x, y, out_active, *self.shape))
        kernels.wear(kept, self.litter, self.damage, self.hardening, self.bushes, self.has_bushes, self.risk,
                     self.incidents_recent, self.reported_recent, self.repaired_recent, p["litter_decay"],
                     p["bush_growth"], p["damage_wear"], p["lock_wear"], p["risk_decay"], p["risk_spread"])


#: the slot in which a Mesa cell keeps its neighbours (read and written under the property below)
_CONNECTIONS = Cell.__dict__["connections"]


class LazyCell(Cell):
    """A Mesa cell whose grid connects every cell the first time any cell's neighbours are read.

    A sweep run never walks the grid (households, patrols and the physical layers are arrays), so
    connecting 1,600–160,000 cells up front (a third of building a small model) is only done when a
    user, the UI or a Mesa neighbourhood query asks. ``_pending_grid`` is set on the grid's own cell
    class (Mesa makes one per grid) while the grid is unconnected.
    """

    __slots__ = ()
    _pending_grid: Any = None

    @property  # type: ignore[override]
    def connections(self) -> dict[tuple[int, int], Cell]:
        grid = type(self)._pending_grid
        if grid is not None:
            grid._connect_now()
        return _CONNECTIONS.__get__(self)

    @connections.setter
    def connections(self, value: dict[tuple[int, int], Cell]) -> None:
        _CONNECTIONS.__set__(self, value)


class WijkGrid(OrthogonalMooreGrid):
    """Mesa's Moore grid (cells know their eight neighbours), connected when first asked.

    Mesa connects cells one call at a time while building the grid and clears each cell's
    neighbourhood cache on every call; here the cells get the same ``connections`` (same keys, same
    order) in one pass, on the first read of any cell's connections (see :class:`LazyCell`).
    """

    def __init__(self, dimensions: Any, torus: bool = False, capacity: Any = None, random: Any = None) -> None:
        super().__init__(dimensions, torus=torus, capacity=capacity, random=random, cell_klass=LazyCell)
        # a plain reference (not a weak one): a cell kept after its model is gone can still connect
        self.cell_klass._pending_grid = self

    def _connect_cells_2d(self) -> None:
        """Mesa calls this while building the grid: deferred to the first read (see LazyCell)."""

    def _connect_now(self) -> None:
        self.cell_klass._pending_grid = None
        width, height = self.dimensions
        cells = self._celllist  # in Mesa's product order: cell (i, j) at index i * height + j
        offsets = ((-1, -1), (-1, 0), (-1, 1), (0, -1), (0, 1), (1, -1), (1, 0), (1, 1))
        steps = np.array([di * height + dj for di, dj in offsets])
        index = np.arange(width * height).reshape(width, height)
        inner = index[1:-1, 1:-1].ravel()  # all eight neighbours exist: one dict each, by index
        get = cells.__getitem__
        for k, row in zip(inner.tolist(), (inner[:, None] + steps).tolist(), strict=True):
            cells[k].connections = dict(zip(offsets, map(get, row), strict=True))
        border = np.ones((width, height), dtype=bool)
        border[1:-1, 1:-1] = False
        for k in index[border].tolist():  # the edge: only the neighbours that exist
            i, j = divmod(k, height)
            connections = cells[k].connections
            for di, dj in offsets:
                if 0 <= i + di < width and 0 <= j + dj < height:
                    connections[(di, dj)] = cells[k + di * height + dj]
