"""The safety partners as Mesa agents: police (with its patrol units), municipality and housing corporation.

* The **police** run patrol units on the grid (random, hotspot-by-reports, or community policing with
  fixed faces), follow up reports up to a weekly capacity, and give feedback or not.
* The **municipality** maintains public space and, under mutual support, lends capacity to the
  housing corporation (paying for pruning, locks).
* The **housing corporation** maintains its complexes: damage, bushes in its courtyards, locks.

Between them sits the collaboration mode (source 002): under *blame-shifting* a complaint or a nuisance
report is referred to another partner with probability ``1 − cooperation``, nothing happens, and the
resident's trust in both falls. Under *mutual support* the receiving partner acts, capacity flows to where
the queue is, and trust spills over.

The agents here hold the partners' state (patrol beats and positions, complaint queues); what they do each
week are the submodels :mod:`wijksim.submodels.patrol`, :mod:`~wijksim.submodels.maintenance`,
:mod:`~wijksim.submodels.followup` and :mod:`~wijksim.submodels.complaints`, which read the levers (mode,
cooperation, feedback, strategy, capacities) from the parameters every week, so interventions change
behaviour by changing levers only.
"""

from __future__ import annotations

from typing import Any

import mesa
import numpy as np
from mesa.discrete_space import CellAgent

from .neighbourhood import GREEN, PUBLIC
from .neighbourhood import STREET as STREET_CELL
from .residents import HOUSING, MUNICIPALITY
from .submodels.patrol import STRATEGY_CODE as STRATEGY_CODE  # re-exported: the strategies' codes


class PatrolUnit(CellAgent):
    """One police patrol unit; moves on the grid each week according to the strategy."""

    def __init__(self, model: mesa.Model, beat: tuple[int, int]) -> None:
        super().__init__(model)
        self.beat = beat  # fixed area under community policing

    @property
    def cell(self) -> Any:
        """The unit's cell on the model's grid (asking builds the grid; see ``WijkModel.grid``)."""
        self.model.grid  # noqa: B018 - builds the grid and places the units on first use
        return CellAgent.cell.fget(self)

    @cell.setter
    def cell(self, cell: Any) -> None:
        CellAgent.cell.fset(self, cell)


class Police(mesa.Agent):
    """The police: patrol units with their fixed beats and this week's positions and presence field."""

    def __init__(self, model: mesa.Model, n_units: int, is_public: np.ndarray) -> None:
        super().__init__(model)
        w, h = is_public.shape
        self.public_cells = np.flatnonzero(is_public.ravel())
        # fixed beats: units spread evenly over the wijk (fixed faces under community policing)
        cols = max(1, int(np.ceil(np.sqrt(n_units * w / h)))) if n_units else 1
        rows = max(1, int(np.ceil(n_units / cols))) if n_units else 1
        beats = [(int((i % cols + 0.5) * w / cols), int((i // cols + 0.5) * h / rows)) for i in range(n_units)]
        self.units = [PatrolUnit(model, b) for b in beats]
        self.beats = np.array(beats, dtype=np.int64).reshape(-1, 2)
        self.positions = self.beats.copy()  # this week's unit positions (x, y)
        self.field = np.zeros((w, h))  # this week's patrol presence per cell

    def place_units(self, grid: Any) -> None:
        """Move the patrol agents to this week's planned positions on ``grid`` (for the UI and agent queries)."""
        for unit, (x, y) in zip(self.units, self.positions.tolist(), strict=True):
            unit.cell = grid[(x, y)]


class Maintainer(mesa.Agent):
    """A partner that maintains property: its cells and its queue of residents' complaints."""

    partner: int = HOUSING
    capacity_param: str = "maintenance_capacity"

    def __init__(self, model: mesa.Model, own_cells: np.ndarray) -> None:
        super().__init__(model)
        self.own_cells = own_cells  # flat indices of the cells this partner maintains
        self.queue_res = np.empty(0, dtype=np.int64)
        self.queue_cell = np.empty(0, dtype=np.int64)
        self.queue_week = np.empty(0, dtype=np.int64)

    def enqueue(self, res: np.ndarray, cell: np.ndarray, week: int) -> None:
        self.queue_res = np.concatenate([self.queue_res, res])
        self.queue_cell = np.concatenate([self.queue_cell, cell])
        self.queue_week = np.concatenate([self.queue_week, np.full(len(res), week)])

    def take(self, n: int) -> tuple[np.ndarray, np.ndarray]:
        """Remove and return the ``n`` oldest complaints (res, cell)."""
        res, cell = self.queue_res[:n], self.queue_cell[:n]
        self.queue_res, self.queue_cell, self.queue_week = self.queue_res[n:], self.queue_cell[n:], self.queue_week[n:]
        return res, cell

    def expire(self, week: int, patience: int) -> np.ndarray:
        """Drop complaints that waited ``patience`` weeks; return the households who were ignored."""
        old = self.queue_week <= week - patience
        ignored = self.queue_res[old]
        keep = ~old
        self.queue_res, self.queue_cell = self.queue_res[keep], self.queue_cell[keep]
        self.queue_week = self.queue_week[keep]
        return ignored


class HousingCorporation(Maintainer):
    """Maintains its complexes (dwellings and courtyards): damage, bushes, locks."""

    partner = HOUSING
    capacity_param = "maintenance_capacity"


class Municipality(Maintainer):
    """Maintains public space; convenes partners; may lend capacity to the corporation."""

    partner = MUNICIPALITY
    capacity_param = "municipal_capacity"


def public_cells_of(kind: np.ndarray, owner: np.ndarray) -> np.ndarray:
    """Cells the municipality maintains: streets and public green."""
    return np.flatnonzero(((kind == STREET_CELL) | (kind == GREEN) | (owner == PUBLIC)).ravel())
