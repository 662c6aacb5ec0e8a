"""The wijk: layout generator and the cell layers that change over time.

A neighbourhood is a grid of cells (one cell ≈ 15 m) cut into blocks by a regular street pattern.
Each block is a dwelling block (owned by the housing corporation or by private owners), a dwelling
block built around a courtyard (*hofje*), or public green with bushes. Layout is drawn from its own
random stream so that two scenarios with one seed share the same wijk.

Cell layers are plain numpy arrays of shape ``(width, height)`` indexed ``[x, y]`` like Mesa's grid;
when anything asks for the model's Mesa grid, the dynamic ones become its property layers (``bind``).

Disorder has two parts (docs/ODD.md §7.17): *litter* fades by itself and is tidied
by active residents; *damage* (graffiti, broken lights and locks) leaves only through maintenance,
so a backlog of damage is the neighbourhood's memory of a bad period.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from .submodels import grid

# the window sums live in submodels.grid; re-exported here where layers are
from .submodels.grid import local_sum as local_sum
from .submodels.grid import mean_around as mean_around
from .submodels.grid import stamp as stamp
from .submodels.grid import sum_around as sum_around

# cell kinds
DWELLING, COURTYARD, STREET, GREEN = 0, 1, 2, 3
#: a cell of another building (shop, school, office): only in maps read from a file (layout_file.py)
BUILDING = 4
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
        return self.kind.shape


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
        #: households per cell (float, for the burglary hazard): one per dwelling unless a map stacks more
        self.households = self.is_dwelling.astype(float)
        self.is_public = np.isin(kind, (STREET, COURTYARD, GREEN))  # where people meet (not buildings)
        self.has_bushes = (kind == GREEN) | (kind == COURTYARD)
        self.litter = np.zeros(shape)
        self.damage = np.full(shape, float(p["initial_damage"]))  # near the backlog maintenance holds (issue 25)
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
