"""The shapes the week's stages work on, as ``Protocol``\\ s: what a stage reads from the households, the
network, the cells, the partners and the model, named once.

Why protocols and not the classes themselves: the stage functions in :mod:`wijksim.submodels` are
imported by the classes they work on (:mod:`wijksim.network` calls the tie kernels of ``ties``,
``gossip`` and ``conflict``), so a stage that imported :class:`wijksim.network.SocialNetwork` would close an
import circle; and :func:`wijksim.model.simulate_week` runs on a :class:`wijksim.model.WijkModel` and on the
benchmark's plain-array kernel (``benchmarks/kernel.py``) alike. A protocol says what both must have and
mypy checks both against it, at every call.

This module is a leaf: it imports numpy and typing only, never anything of wijksim (not even under
``TYPE_CHECKING``: those imports count for the import-circle test too), so every module may import it.
Arrays are ``np.ndarray``; their dtypes and meanings are documented where they are made
(:class:`wijksim.residents.ResidentState`, :class:`wijksim.neighbourhood.Neighbourhood`,
:class:`wijksim.network.SocialNetwork`).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Protocol

import numpy as np


class ResidentStateLike(Protocol):
    """Every household's state, one array per variable (index = household): what
    :class:`wijksim.residents.ResidentState` holds and the stages read and write."""

    n: int
    # fixed: where each household lives
    x: np.ndarray
    y: np.ndarray
    home_cell: np.ndarray
    home_owner: np.ndarray
    resident_at: np.ndarray
    stacked: tuple[np.ndarray, np.ndarray, np.ndarray] | None
    homes_near: np.ndarray
    sensitivity: np.ndarray
    # state and slow variables
    state: np.ndarray
    fear: np.ndarray
    trust: np.ndarray
    trust_base: np.ndarray
    awareness: np.ndarray
    fatigue: np.ndarray
    coordinator: np.ndarray
    participating: np.ndarray
    report_focus: np.ndarray
    last_complaint: np.ndarray
    # this week's derived quantities and exposures
    presence: np.ndarray
    support: np.ndarray
    coordinator_near: np.ndarray
    victim: np.ndarray
    witnessed: np.ndarray
    heard: np.ndarray
    reports: np.ndarray
    complaints: np.ndarray
    worry: np.ndarray

    @property
    def active(self) -> np.ndarray:
        """True per active household."""
        ...

    @property
    def withdrawn(self) -> np.ndarray:
        """True per withdrawn household."""
        ...

    def clear_exposures(self) -> None:
        """Set this week's exposures (victim, witnessed, heard, reports, complaints, worry) to zero."""
        ...


class NeighbourhoodLike(Protocol):
    """The wijk's cells: static masks and the dynamic layers, each a (width, height) array
    (:class:`wijksim.neighbourhood.Neighbourhood`)."""

    households: np.ndarray
    is_public: np.ndarray
    is_dwelling: np.ndarray
    has_bushes: np.ndarray
    litter: np.ndarray
    damage: np.ndarray
    bushes: np.ndarray
    hardening: np.ndarray
    risk: np.ndarray
    incidents_recent: np.ndarray
    reported_recent: np.ndarray
    repaired_recent: np.ndarray

    @property
    def shape(self) -> tuple[int, int]:
        """(width, height) of the grid."""
        ...

    @property
    def disorder(self) -> np.ndarray:
        """Visible disorder 0–1 per cell (from litter and damage)."""
        ...


class NetworkLike(Protocol):
    """The social network: the fixed list of potential ties with their weights, and the sums along ties
    the stages need (:class:`wijksim.network.SocialNetwork`)."""

    n: int
    ei: np.ndarray
    ej: np.ndarray
    w: np.ndarray
    local_edges: np.ndarray
    live_buffer: np.ndarray
    indptr: np.ndarray  # each household's potential ties in CSR form: slots indptr[i]:indptr[i + 1]
    indices: np.ndarray  # the neighbour of each slot

    @property
    def slot_edge(self) -> np.ndarray:
        """The edge (index into ``ei``/``ej``/``w``) of each slot."""
        ...

    @property
    def n_edges(self) -> int:
        """Number of potential ties."""
        ...

    def live(self) -> np.ndarray:
        """Indices of the existing (non-zero) ties."""
        ...

    def strength(self) -> np.ndarray:
        """Σ_j w_ij per household."""
        ...

    def weighted_sum(self, x: np.ndarray) -> np.ndarray:
        """Σ_j w_ij x_j per household."""
        ...

    def active_sum(self, active: np.ndarray) -> np.ndarray:
        """Σ_j w_ij·[j active] per household."""
        ...

    def share_along_ties(self, sources: np.ndarray, delta: np.ndarray, share: float, trust: np.ndarray,
                         partner: int) -> None:
        """Pass ``share`` of each source's trust change to its ties, in place."""
        ...

    def tire_along_ties(self, fatigue: np.ndarray, who: np.ndarray, amount: float, share: float) -> None:
        """Households ``who`` tire by ``amount``, their ties by ``amount·share·w``, in place."""
        ...

    def after_pass(self, n_live: int, strength: np.ndarray, flags: np.ndarray, active_sum: np.ndarray) -> None:
        """Take over the sums the weekly tie pass computed."""
        ...

    def meet_factor(self, p: dict[str, Any]) -> np.ndarray:
        """Per tie, how often the two meet."""
        ...

    def reset_ties(self, households: np.ndarray, strength: float) -> None:
        """The ties of households that moved start over."""
        ...

    def strain(self, reporters: np.ndarray, rng: np.random.Generator, amount: float, break_below: float,
               side: np.ndarray | None = None) -> np.ndarray:
        """Strain a tie of each reporter; per reporter, the household reported about (−1: none)."""
        ...


class NearMatrix(Protocol):
    """Who lives near a cell: a (cells × households) matrix in CSR form (``NearIndex``,
    :func:`wijksim.submodels.reporting.near_matrix`); the stages read its row index arrays only."""

    @property
    def indptr(self) -> np.ndarray:
        """Row ``c``'s households are ``indices[indptr[c]:indptr[c + 1]]``."""
        ...

    @property
    def indices(self) -> np.ndarray:
        """The households of every row, row after row."""
        ...


class PoliceLike(Protocol):
    """What patrol planning reads and writes (:class:`wijksim.partners.Police`)."""

    beats: np.ndarray
    public_cells: np.ndarray
    positions: np.ndarray
    field: np.ndarray


class MaintainerLike(Protocol):
    """A partner that maintains property, with its queue of complaints
    (:class:`wijksim.partners.Maintainer`)."""

    partner: int
    capacity_param: str
    own_cells: np.ndarray
    queue_res: np.ndarray

    def enqueue(self, res: np.ndarray, cell: np.ndarray, week: int) -> None:
        """Queue complaints of households ``res`` about ``cell``, made in ``week``."""
        ...

    def take(self, n: int) -> tuple[np.ndarray, np.ndarray]:
        """Remove and return the ``n`` oldest complaints (households, cells)."""
        ...

    def expire(self, week: int, patience: int) -> np.ndarray:
        """Drop complaints older than ``patience`` weeks; the households ignored."""
        ...


class StreamsLike(Protocol):
    """Named random streams (:class:`wijksim.streams.Streams`)."""

    def week(self, name: str, week: int) -> np.random.Generator:
        """The generator of stream ``name`` for week ``week``."""
        ...


class Programme(Protocol):
    """An intervention that acts every week it runs (activities, campaigns, ...)."""

    def weekly(self, model: Any) -> None:
        """This week's action on ``model``: the model it was attached to (a ``WijkModel``; its hooks use
        more of the model than the week's stages do, so it is not typed as :class:`WeekModel`)."""
        ...


class WeekModel(Protocol):
    """What :func:`wijksim.model.simulate_week` reads and writes: a :class:`wijksim.model.WijkModel`, or
    the benchmark's plain-array kernel (``benchmarks/kernel.py``)."""

    week: int
    guardianship: np.ndarray
    week_complaints: int
    week_referrals: int
    youth: Any  # the youths (wijksim.youth_state.YouthState), or None: stage 11 is skipped (issue 28)

    @property
    def p(self) -> dict[str, Any]:
        """The live parameters."""
        ...

    @property
    def streams(self) -> StreamsLike:
        """The run's named random streams."""
        ...

    @property
    def residents(self) -> ResidentStateLike:
        """The households' state."""
        ...

    @property
    def nb(self) -> NeighbourhoodLike:
        """The wijk's cells."""
        ...

    @property
    def network(self) -> NetworkLike:
        """The social network."""
        ...

    @property
    def near(self) -> NearMatrix:
        """Who lives within ``witness_radius`` of each cell."""
        ...

    @property
    def police(self) -> PoliceLike:
        """The police's beats, positions and patrol field."""
        ...

    @property
    def housing(self) -> MaintainerLike:
        """The housing corporation."""
        ...

    @property
    def municipality(self) -> MaintainerLike:
        """The municipality."""
        ...

    @property
    def programmes(self) -> Sequence[Programme]:
        """Interventions that act every week."""
        ...

    @property
    def crime_multiplier(self) -> float:
        """The multiplier on the base crime rates."""
        ...

    @property
    def split_constant(self) -> float:
        """The community_split ablation's constant."""
        ...
