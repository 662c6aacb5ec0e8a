"""Residents: one household per dwelling, with its state held in numpy arrays.

Each household is a Mesa :class:`Resident` (a ``CellAgent`` at its dwelling) for identity and the UI,
but its numbers live in :class:`ResidentState`, one array per variable, so that the weekly update is a
handful of compiled passes instead of a Python call per household. The stages that change these arrays
are the submodels in :mod:`wijksim.submodels` (docs/ODD.md §3 and §7).
"""

from __future__ import annotations

from typing import Any

import mesa
import numpy as np
from mesa.discrete_space import CellAgent

WITHDRAWN, PASSIVE, ACTIVE = 0, 1, 2
STATE_NAMES = ("withdrawn", "passive", "active")
POLICE, MUNICIPALITY, HOUSING = 0, 1, 2
PARTNER_NAMES = ("police", "municipality", "housing")
NEVER = -10**6  # the week of "no complaint yet": further back than any run reaches


def sigmoid(z: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-z))


class ResidentState:
    """All households' state, one array of length ``n`` per variable (index = resident index).

    Every per-household array of the model is declared here, once, with its dtype and meaning; the
    submodels receive them by name.
    """

    def __init__(self, x: np.ndarray, y: np.ndarray, home_owner: np.ndarray, court_block: np.ndarray,
                 shape: tuple[int, int], p: dict[str, Any], rng: np.random.Generator) -> None:
        n = len(x)
        self.n = n
        # --- fixed: where and how each household lives ----------------------------------------------
        self.x: np.ndarray = x  # int64: home cell column
        self.y: np.ndarray = y  # int64: home cell row
        self.home_cell: np.ndarray = np.ravel_multi_index((x, y), shape)  # int64: flat index of the home cell
        self.home_owner: np.ndarray = home_owner  # int8: owner of the home (neighbourhood.CORPORATION/PRIVATE/…)
        self.court_block: np.ndarray = court_block  # int: courtyard block the home is on, −1 if none
        #: int64 per *cell* (not per household): the household living there, −1 where none does (on a
        #: stacked cell of a map, the one a burglary strikes this week: ``model.choose_victims``)
        self.resident_at: np.ndarray = np.full(shape[0] * shape[1], -1, dtype=np.int64)
        self.resident_at[self.home_cell[::-1]] = np.arange(n)[::-1]  # the first household of a cell
        #: cells with several households (flats on a map read from a file): (cell, first household, count),
        #: None when every cell holds at most one
        self.stacked: tuple[np.ndarray, np.ndarray, np.ndarray] | None = stacked_cells(self.home_cell)
        self.homes_near: np.ndarray = np.ones(n)  # float: homes within tie_radius (the local norm's base)
        # --- drawn at the start -------------------------------------------------------------------
        sigma = p["fear_sensitivity_sigma"]
        self.sensitivity: np.ndarray = rng.lognormal(-0.5 * sigma ** 2, sigma, n)  # float: threat sensitivity
        u = rng.random(n)
        #: int8: WITHDRAWN / PASSIVE / ACTIVE
        self.state: np.ndarray = np.where(u < p["initial_share_withdrawn"], WITHDRAWN,
                                          np.where(u > 1 - p["initial_share_active"], ACTIVE, PASSIVE)).astype(np.int8)
        scale = p["fear_init_scale"] + p["fear_init_withdrawn"] * (self.state == WITHDRAWN)
        #: float 0–1: perceived unsafety
        self.fear: np.ndarray = np.clip(rng.beta(p["fear_init_alpha"], p["fear_init_beta"], n) * scale, 0, 1)
        #: float 0–1, (n, 3): trust in police, municipality, housing corporation
        self.trust: np.ndarray = np.clip(rng.normal(p["trust_baseline"], p["trust_init_sd"], (n, 3)), 0, 1)
        self.trust_base: np.ndarray = self.trust.copy()  # float (n, 3): each household's own baseline
        # --- slow variables -------------------------------------------------------------------------
        self.awareness: np.ndarray = np.zeros(n)  # float 0–1: action perspective (from campaigns)
        self.fatigue: np.ndarray = np.zeros(n)  # float 0–1: effort that came to nothing
        self.coordinator: np.ndarray = np.zeros(n, dtype=bool)  # bool: a best person
        self.participating: np.ndarray = np.zeros(n)  # float: weeks of recent participation left
        self.report_focus: np.ndarray = np.zeros(n)  # float: extra logit of reporting nuisance (narrow goal)
        self.last_complaint: np.ndarray = np.full(n, NEVER, dtype=np.int64)  # int64: week of the last complaint
        # --- this week's derived quantities -----------------------------------------------------------
        self.presence: np.ndarray = np.zeros(n)  # float 0–1: share of time out nearby
        self.support: np.ndarray = np.zeros(n)  # float 0–1: community support
        self.coordinator_near: np.ndarray = np.zeros(n)  # float 0/1: a best person among ties or near home
        # --- this week's exposures (cleared at the start of every week) -----------------------------
        self.victim: np.ndarray = np.zeros(n)  # float: incidents suffered
        self.witnessed: np.ndarray = np.zeros(n)  # float: incidents seen
        self.heard: np.ndarray = np.zeros(n)  # float: incidents heard about from ties
        self.reports: np.ndarray = np.zeros(n)  # float: reports made to the police
        self.complaints: np.ndarray = np.zeros(n)  # float: complaints made
        self.worry: np.ndarray = np.zeros(n)  # float: warnings without an action perspective (campaigns)

    @property
    def active(self) -> np.ndarray:
        return self.state == ACTIVE

    @property
    def withdrawn(self) -> np.ndarray:
        return self.state == WITHDRAWN

    def clear_exposures(self) -> None:
        for arr in (self.victim, self.witnessed, self.heard, self.reports, self.complaints, self.worry):
            arr[:] = 0.0


class Resident(CellAgent):
    """One household at its dwelling. Its numbers live in the model's :class:`ResidentState`.

    The attributes are read-only views, so the UI and user code can inspect an agent without
    knowing about the arrays, and the vectorised update stays the only writer.
    """

    def __init__(self, model: mesa.Model, idx: int) -> None:
        super().__init__(model)
        self.idx = idx

    @property
    def cell(self) -> Any:
        """The household's dwelling cell on the model's grid (asking builds the grid; see ``WijkModel.grid``)."""
        self.model.grid  # noqa: B018 - builds the grid and places every household on first use
        return CellAgent.cell.fget(self)

    @cell.setter
    def cell(self, cell: Any) -> None:
        CellAgent.cell.fset(self, cell)

    @property
    def _rs(self) -> ResidentState:
        return self.model.residents

    @property
    def fear(self) -> float:
        return float(self._rs.fear[self.idx])

    @property
    def state(self) -> str:
        return STATE_NAMES[int(self._rs.state[self.idx])]

    @property
    def coordinator(self) -> bool:
        return bool(self._rs.coordinator[self.idx])

    @property
    def trust(self) -> dict[str, float]:
        return {k: float(v) for k, v in zip(PARTNER_NAMES, self._rs.trust[self.idx], strict=True)}

    @property
    def awareness(self) -> float:
        return float(self._rs.awareness[self.idx])

    @property
    def fatigue(self) -> float:
        return float(self._rs.fatigue[self.idx])

    @property
    def presence(self) -> float:
        return float(self._rs.presence[self.idx])


def stacked_cells(home_cell: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray] | None:
    """Cells with more than one household: (cell, first household, count), households being numbered
    cell by cell; None when every cell holds at most one (every generated wijk)."""
    cells, first, count = np.unique(home_cell, return_index=True, return_counts=True)
    many = count > 1
    return (cells[many], first[many], count[many]) if many.any() else None
