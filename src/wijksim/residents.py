"""Residents: one household per dwelling, with its state held in numpy arrays.

Each household is a Mesa :class:`Resident` (a ``CellAgent`` at its dwelling) for identity and the UI,
but its numbers live in :class:`ResidentState`, one array per variable, so that the weekly update is a
handful of vectorised operations instead of a Python call per household.

The functions here are the resident-side submodels of the weekly step (MODEL.md §2): presence (2),
fear (7) and the engage-or-withdraw decision (8), plus the slow relaxation of trust, fatigue and
awareness (10).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np
from mesa.discrete_space import CellAgent

from . import kernels

if TYPE_CHECKING:
    from .model import WijkModel

WITHDRAWN, PASSIVE, ACTIVE = 0, 1, 2
STATE_NAMES = ("withdrawn", "passive", "active")
POLICE, MUNICIPALITY, HOUSING = 0, 1, 2
PARTNER_NAMES = ("police", "municipality", "housing")


def sigmoid(z: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-z))


class ResidentState:
    """All households' state as arrays of length ``n`` (index = resident index)."""

    def __init__(self, x: np.ndarray, y: np.ndarray, home_owner: np.ndarray, court_block: np.ndarray,
                 p: dict[str, Any], rng: np.random.Generator) -> None:
        n = len(x)
        self.n = n
        self.x = x
        self.y = y
        self.home_owner = home_owner
        self.court_block = court_block
        self.sensitivity = rng.lognormal(-0.5 * p["fear_sensitivity_sigma"] ** 2, p["fear_sensitivity_sigma"], n)
        u = rng.random(n)
        self.state = np.where(u < p["initial_share_withdrawn"], WITHDRAWN,
                              np.where(u > 1 - p["initial_share_active"], ACTIVE, PASSIVE)).astype(np.int8)
        self.fear = np.clip(rng.beta(1.2, 5.0, n) * (0.6 + 0.8 * (self.state == WITHDRAWN)), 0, 1)
        self.trust = np.clip(rng.normal(p["trust_baseline"], 0.1, (n, 3)), 0, 1)
        self.trust_base = self.trust.copy()  # each household's own baseline (heterogeneous)
        self.awareness = np.zeros(n)
        self.fatigue = np.zeros(n)
        self.coordinator = np.zeros(n, dtype=bool)
        self.participating = np.zeros(n)  # weeks of recent participation left (decays)
        self.report_focus = np.zeros(n)  # extra logit of reporting nuisance, from a narrow-goal programme
        self.presence = np.zeros(n)
        self.support = np.zeros(n)
        # this week's exposures
        self.victim = np.zeros(n)
        self.witnessed = np.zeros(n)
        self.heard = np.zeros(n)
        self.reports = np.zeros(n)
        self.complaints = np.zeros(n)

    @property
    def active(self) -> np.ndarray:
        return self.state == ACTIVE

    @property
    def withdrawn(self) -> np.ndarray:
        return self.state == WITHDRAWN

    def share(self, state: int) -> float:
        return float(np.count_nonzero(self.state == state)) / max(self.n, 1)

    def clear_exposures(self) -> None:
        for arr in (self.victim, self.witnessed, self.heard, self.reports, self.complaints):
            arr[:] = 0.0


def update_presence(rs: ResidentState, disorder_home: np.ndarray, p: dict[str, Any]) -> None:
    """Expected share of time each household spends in nearby public space (MODEL.md §2.2).

    An expected share, not a coin flip: guardianship and tie-building use it directly. Disorder and
    overgrown bushes near home keep people in (Branas et al. 2018 found the reverse after greening).
    """
    # presence = σ(presence_base + presence_active·[active] − presence_withdrawn·[withdrawn]
    #              − presence_fear·fear − presence_disorder·neglect + presence_participation·min(participating, 1))
    z = kernels.presence_logit(rs.state, rs.fear, disorder_home, rs.participating, p["presence_base"],
                               p["presence_active"], p["presence_withdrawn"], p["presence_fear"],
                               p["presence_disorder"], p["presence_participation"])
    rs.presence = sigmoid(z)


def update_support(rs: ResidentState, share_active_ties: np.ndarray, coordinator_near: np.ndarray,
                   p: dict[str, Any]) -> None:
    """Community support S̃ in 0–1 (MODEL.md §2.8): the weighted *share* of a household's ties that are
    active, plus recent participation in activities (saturating), plus a best person nearby (capped).

    A share, not a count: more acquaintances do not by themselves make an active community, which
    keeps the ties–engagement loop from running away; saturation and the cap are the diminishing
    returns that keep the bonus from running away.
    """
    # S = min(1, 1 − e^(−x/support_scale) + coordinator_support·[best person near]),
    # x = share of active ties + support_participation·min(participating, 1)
    x = share_active_ties + p["support_participation"] * np.minimum(rs.participating, 1.0)
    rs.support = np.minimum(1.0, -np.expm1(-x / p["support_scale"]) + p["coordinator_support"] * coordinator_near)


def update_fear(rs: ResidentState, disorder_home: np.ndarray, guardianship_home: np.ndarray, worry: np.ndarray,
                p: dict[str, Any]) -> None:
    """Perceived unsafety: raised by victimisation, witnessing, hearing and disorder; fades with reassurance.

    Hearing saturates (1 − e^−heard): ten stories are not ten times one. Fear fades faster for
    households with community support and guardianship around them (MODEL.md §2.7).
    """
    # threat = fear_victim·min(victim, 1) + 2·fear_witness·(1 − e^−witnessed) + 2·fear_hear·(1 − e^−heard)
    #          + fear_disorder·disorder + fear_worry·worry
    # fear += min(1, sensitivity·threat)·(1 − fear)
    # fear −= fear_decay·(1 + reassure_support·support + reassure_guardianship·guardianship)·fear
    seen, told = -np.expm1(-rs.witnessed), -np.expm1(-rs.heard)
    kernels.fear(rs.fear, rs.sensitivity, rs.victim, seen, told, disorder_home, guardianship_home,
                 worry, rs.support, p["fear_victim"], p["fear_witness"], p["fear_hear"], p["fear_disorder"],
                 p["fear_worry"], p["fear_decay"], p["reassure_support"], p["reassure_guardianship"])


def decide(rs: ResidentState, local_norm: np.ndarray, p: dict[str, Any], rng: np.random.Generator,
           split_constant: float) -> None:
    """The engage-or-withdraw decision: a multinomial logit with symmetric fear terms (MODEL.md §2.8).

    Fear enters both exits, split by community support: inside an active community it turns into
    action, alone it turns into withdrawal. With ``community_split`` off, fear is split by a constant
    instead of each household's own support (the ablation used by the tests).
    Coordinators (best persons) stay active while they are coordinators.
    """
    # U_active    = b0_active + b_support·S + b_norm·norm + b_trust·(trust − ½) + b_awareness·awareness
    #               − b_fatigue·fatigue + fear_to_action·fear·split + habit·[active]
    # U_withdrawn = w0_withdrawn + fear_to_withdrawal·fear·(1 − split) + habit·[withdrawn]
    # U_passive   = habit·[passive];  split = S (or a constant in the ablation)
    # a household reconsiders with chance p_reconsider and then draws from the logit; an active one
    # that does not reconsider drops to passive with chance attrition + attrition_crowding·norm
    split = rs.support if p["community_split"] else np.full(rs.n, split_constant)
    rs.state = kernels.decide(
        rs.state, rs.support, split, rs.trust, rs.awareness, rs.fatigue, rs.fear, rs.coordinator, local_norm,
        kernels.stream_key(rng), p["b0_active"], p["b_support"], p["b_norm"], p["b_trust"],
        p["b_awareness"], p["b_fatigue"], p["fear_to_action"], p["habit"], p["w0_withdrawn"],
        p["fear_to_withdrawal"], p["attrition"], p["attrition_crowding"], p["p_reconsider"])


def relax(rs: ResidentState, p: dict[str, Any]) -> None:
    """Slow variables relax: trust to its baseline, fatigue and awareness fade, participation ends."""
    # trust += (baseline − trust)/trust_relax_weeks; fatigue ×(1 − fatigue_recovery);
    # awareness ×(1 − awareness_decay); participating −1 week; report focus ×0.95
    kernels.relax(rs.trust, rs.trust_base, rs.fatigue, rs.awareness, rs.participating, rs.report_focus,
                  p["trust_relax_weeks"], p["fatigue_recovery"], p["awareness_decay"])


class Resident(CellAgent):
    """One household at its dwelling. Its numbers live in the model's :class:`ResidentState`.

    The attributes are read-only views, so the UI and user code can inspect an agent without
    knowing about the arrays, and the vectorised update stays the only writer.
    """

    def __init__(self, model: WijkModel, idx: int, cell: Any) -> None:
        super().__init__(model)
        self.idx = idx
        self.cell = cell

    @property
    def _rs(self) -> ResidentState:
        return self.model.residents  # type: ignore[attr-defined]

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
