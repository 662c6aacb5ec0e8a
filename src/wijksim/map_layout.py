"""A map's layout as the model takes it: what a text map and a GeoJSON of footprints both become.

Kept apart from the readers (:mod:`wijksim.layout_file` for text maps, :mod:`wijksim.footprints` for
GeoJSON) so that each reader imports only this, never the other: the two formats share the result type,
its error, the size limits and how blocks follow from a map.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
from scipy import ndimage

from .neighbourhood import BUILDING, CORPORATION, COURTYARD, DWELLING, GREEN, PRIVATE, PUBLIC, Layout
from .params import PARAMS

DEFAULT_CELL_SIZE = 15.0  # metres: the model's cell (about a house front and its garden)


class MapError(ValueError):
    """A map file the model cannot use (one clear message naming the file and the place)."""


@dataclass
class MapLayout:
    """A layout read from a file: the model's layout, households per cell and where the grid lies."""

    layout: Layout
    households: np.ndarray  # int (W, H): households living on each cell (0 off dwellings)
    source: str = ""
    cell_size: float = 1.0  # map units per cell (metres for GeoJSON, 1 for a text map)
    origin: tuple[float, float] = (0.0, 0.0)  # map coordinates of the grid's south-west corner
    crs: str | None = None  # the GeoJSON's CRS name, when it gave one
    notes: list[str] = field(default_factory=list)

    @property
    def shape(self) -> tuple[int, int]:
        return self.layout.shape

    def summary(self) -> dict[str, Any]:
        """What an advisor checks first: size, households, social housing, green, courtyards."""
        kind, owner, hh = self.layout.kind, self.layout.owner, self.households
        dwelling = kind == DWELLING
        n_hh = int(hh.sum())
        social = int(hh[dwelling & (owner == CORPORATION)].sum())
        courts, n_courts = ndimage.label(kind == COURTYARD)
        del courts
        return {
            "width": int(kind.shape[0]), "height": int(kind.shape[1]), "cell_size": self.cell_size,
            "households": n_hh, "dwelling_cells": int(dwelling.sum()),
            "stacked_cells": int((hh > 1).sum()), "max_households_per_cell": int(hh.max()) if hh.size else 0,
            "share_social_housing": social / n_hh if n_hh else 0.0,
            "green_cells": int((kind == GREEN).sum()), "courtyards": int(n_courts),
            "courtyard_cells": int((kind == COURTYARD).sum()), "other_building_cells": int((kind == BUILDING).sum()),
            "blocks": int(self.layout.block.max()) + 1 if self.layout.block.size else 0,
        }


def size_limits() -> tuple[int, int]:
    """The registry's range for width and height: a map must fit what a generated wijk may be."""
    width, height = PARAMS["width"], PARAMS["height"]
    return int(max(width.low or 1, height.low or 1)), int(min(width.high or 400, height.high or 400))


def with_blocks(kind: np.ndarray, owner: np.ndarray) -> Layout:
    """Blocks from the map: 4-connected groups of homes with their courtyards, of other buildings, and
    of green; a courtyard takes the majority owner of its block's dwellings."""
    block = np.full(kind.shape, -1, dtype=np.int32)
    n = 0
    for members in ((DWELLING, COURTYARD), (BUILDING,), (GREEN,)):
        labels, count = ndimage.label(np.isin(kind, members))
        block[labels > 0] = labels[labels > 0] - 1 + n
        n += count
    owner = owner.copy()
    court = kind == COURTYARD
    if court.any():
        n_blocks = int(block.max()) + 1
        dwell = kind == DWELLING
        corp = np.bincount(block[dwell & (owner == CORPORATION)], minlength=n_blocks)
        priv = np.bincount(block[dwell & (owner != CORPORATION)], minlength=n_blocks)
        b = block[court]
        owner[court] = np.where(corp[b] + priv[b] == 0, PUBLIC, np.where(corp[b] > priv[b], CORPORATION, PRIVATE))
    return Layout(kind=kind, owner=owner, block=block)
