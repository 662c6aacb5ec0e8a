"""The wijk: layout generator and the cell layers that change over time.

A neighbourhood is a grid of cells (one cell ≈ 15 m) cut into blocks by a regular street pattern.
Each block is a dwelling block (owned by the housing corporation or by private owners), a dwelling
block built around a courtyard (*hofje*), or public green with bushes. Layout is drawn from its own
random stream so that two scenarios with one seed share the same wijk.

Cell layers are plain numpy arrays of shape ``(width, height)`` indexed ``[x, y]`` like Mesa's grid;
the model registers the dynamic ones as Mesa property layers for the UI.

Disorder has two parts (docs/ODD.md §7.17): *litter* fades by itself and is tidied
by active residents; *damage* (graffiti, broken lights and locks) leaves only through maintenance,
so a backlog of damage is the neighbourhood's memory of a bad period.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
from mesa.discrete_space import Cell, OrthogonalMooreGrid

from .submodels import grid

# the window sums live in submodels.grid; re-exported here where layers are
from .submodels.grid import local_sum as local_sum
from .submodels.grid import mean_around as mean_around
from .submodels.grid import stamp as stamp
from .submodels.grid import sum_around as sum_around

# cell kinds
DWELLING, COURTYARD, STREET, GREEN = 0, 1, 2, 3
# owners
CORPORATION, PRIVATE, PUBLIC = 0, 1, 2


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

    def __init__(self, layout: Layout, p: dict[str, Any], rng: np.random.Generator) -> None:
        self.layout = layout
        shape = layout.shape
        kind = layout.kind
        self.is_dwelling = kind == DWELLING
        self.is_public = kind != DWELLING  # streets, courtyards and green: where people meet
        self.has_bushes = (kind == GREEN) | (kind == COURTYARD)
        self.litter = np.zeros(shape)
        self.damage = np.zeros(shape)
        bushes, sd = p["initial_bushes"], p["bush_init_sd"]
        self.bushes = np.where(kind == GREEN, np.clip(rng.normal(bushes, sd, shape), 0, 1), 0.0)
        self.bushes[kind == COURTYARD] = np.clip(
            rng.normal(bushes * p["courtyard_bush_factor"], p["courtyard_bush_sd"], shape), 0, 1)[kind == COURTYARD]
        self.hardening = np.where(self.is_dwelling, np.clip(
            rng.normal(p["initial_hardening"], p["hardening_init_sd"], shape), 0, 1), 0.0)
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
        return grid.disorder(self.litter, self.damage)


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
