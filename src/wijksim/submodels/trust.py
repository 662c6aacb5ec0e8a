"""Trust and fatigue changes shared by every stage where a partner answers a resident (patrols, follow-up,
maintenance, complaints, conflict): written once here, per household (for use inside other kernels) and
per group of households.

* raise: ``trust += a·(1 − trust)`` for the partner, ``spill·a`` for the others (saturating, within 0–1);
* lower: ``trust −= a·trust`` (proportional to what is left);
* tire: ``fatigue += a``, at most 1: effort that came to nothing;
* referral fatigue (blame-shifting felt): a household whose complaint or report was referred on to another
  partner tires by ``referral_fatigue`` on top of what silence costs, and each of its ties by
  ``referral_fatigue_ties·referral_fatigue·w`` (w the tie strength: they hear the story); fatigue weighs
  against being active in the decision (``b_fatigue``), so the tired drop out (source 002: residents drop out
  when partners point at each other). Switch: ``referral_fatigue`` = 0.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from numba import njit

from ..types import NetworkLike


@njit(cache=True)
def raise_one(trust: np.ndarray, i: int, partner: int, amount: float, spill: float) -> None:
    """Household ``i``'s trust in ``partner`` rises by amount·(1 − trust); the others by spill·amount·(…)."""
    for q in range(trust.shape[1]):
        a = amount if q == partner else spill * amount
        if a != 0.0:
            trust[i, q] = min(max(trust[i, q] + a * (1.0 - trust[i, q]), 0.0), 1.0)


@njit(cache=True)
def lower_one(trust: np.ndarray, i: int, partner: int, amount: float) -> None:
    """Household ``i``'s trust in ``partner`` falls by amount·trust."""
    trust[i, partner] -= amount * trust[i, partner]


@njit(cache=True)
def tire_one(fatigue: np.ndarray, i: int, amount: float) -> None:
    """Household ``i``'s fatigue rises by ``amount``, at most 1."""
    fatigue[i] = min(1.0, fatigue[i] + amount)


@njit(cache=True)
def _raise_all(trust: np.ndarray, who: np.ndarray, partner: int, amount: float, spill: float) -> None:
    for k in range(len(who)):
        raise_one(trust, who[k], partner, amount, spill)


@njit(cache=True)
def _lower_all(trust: np.ndarray, who: np.ndarray, partner_a: int, partner_b: int, amount: float) -> None:
    for k in range(len(who)):
        lower_one(trust, who[k], partner_a, amount)
        if partner_b >= 0:
            lower_one(trust, who[k], partner_b, amount)


@njit(cache=True)
def _tire_all(fatigue: np.ndarray, who: np.ndarray, amount: float) -> None:
    for k in range(len(who)):
        tire_one(fatigue, who[k], amount)


def raise_trust(trust: np.ndarray, who: np.ndarray, partner: int, amount: float, spill: float) -> None:
    """Raise the trust of households ``who`` in ``partner`` (see the module docstring)."""
    if len(who) and amount != 0:
        _raise_all(trust, np.asarray(who, dtype=np.int64), partner, amount, spill)


def lower_trust(trust: np.ndarray, who: np.ndarray, partners: tuple[int, ...], amount: float) -> None:
    """Lower the trust of households ``who`` in each of ``partners`` (one or two)."""
    if len(who) and amount != 0:
        _lower_all(trust, np.asarray(who, dtype=np.int64), partners[0],
                   partners[1] if len(partners) > 1 else -1, amount)


def tire(fatigue: np.ndarray, who: np.ndarray, amount: float) -> None:
    """Add ``amount`` of fatigue (at most 1) to households ``who``."""
    if len(who):
        _tire_all(fatigue, np.asarray(who, dtype=np.int64), amount)


def referral_fatigue(fatigue: np.ndarray, who: np.ndarray, network: NetworkLike, p: dict[str, Any]) -> None:
    """Households ``who`` were referred on: they and (weighted by tie strength) their ties tire (module
    docstring), in one compiled call of ``network`` (``tire_along_ties``: the tie-weighted sum over each
    household's ties as ``weighted_sum`` gives it)."""
    amount = p["referral_fatigue"]
    if amount <= 0 or not len(who):
        return
    network.tire_along_ties(fatigue, who, amount, p["referral_fatigue_ties"])
