"""Stage 10, slow variables and physical layers.

Households: trust relaxes to each household's own baseline, ``trust += (baseline − trust)/trust_relax_weeks``;
fatigue ×(1 − fatigue_recovery); awareness ×(1 − awareness_decay); a week of participation ends; a
narrow-goal report focus ×(1 − report_focus_decay).

Cells: active residents out of doors tidy litter within one cell of home, litter ×e^(−tidy_rate·Σ presence
of the active nearby); litter fades by itself (×(1 − litter_decay)); wear adds damage that stays
(``damage_wear``·(1 − damage)) and wears locks down (×(1 − lock_wear)) — only maintenance restores them;
bushes regrow (+``bush_growth``, at most 1); the near-repeat field spreads ``risk_spread`` to the eight
neighbours and decays (×(1 − risk_decay)); the incident, report and repair maps keep ``map_memory`` of
themselves (the patrols' and partners' picture of where things happen).
"""

from __future__ import annotations

from typing import Any

import numpy as np
from numba import njit

from ..types import NeighbourhoodLike, ResidentStateLike
from .grid import box_sum

MOORE_NEIGHBOURS = 8.0  # the risk field spreads evenly over a cell's eight neighbours


@njit(cache=True)
def relax_kernel(trust: np.ndarray, trust_base: np.ndarray, fatigue: np.ndarray, awareness: np.ndarray,
                 participating: np.ndarray, report_focus: np.ndarray, relax_weeks: float, fatigue_recovery: float,
                 awareness_decay: float, focus_decay: float) -> None:
    """Slow household variables relax in place (module docstring)."""
    for i in range(len(fatigue)):
        for k in range(trust.shape[1]):
            t = trust[i, k] + (trust_base[i, k] - trust[i, k]) / relax_weeks
            trust[i, k] = min(max(t, 0.0), 1.0)
        fatigue[i] *= 1.0 - fatigue_recovery
        awareness[i] *= 1.0 - awareness_decay
        participating[i] = max(0.0, participating[i] - 1.0)
        report_focus[i] *= 1.0 - focus_decay


def relax(rs: ResidentStateLike, p: dict[str, Any]) -> None:
    """The households' slow variables, in place (module docstring)."""
    relax_kernel(rs.trust, rs.trust_base, rs.fatigue, rs.awareness, rs.participating, rs.report_focus,
                 p["trust_relax_weeks"], p["fatigue_recovery"], p["awareness_decay"], p["report_focus_decay"])


@njit(cache=True)
def tidy_effort(hx: np.ndarray, hy: np.ndarray, out_active: np.ndarray, w: int, h: int, scale: float) -> np.ndarray:
    """Per cell: ``scale`` × the Σ of ``out_active`` over the households living within one cell (scaled here,
    not by a numpy pass over the grid: issue #25)."""
    tidy = np.zeros((w, h))
    for i in range(len(hx)):
        if out_active[i] != 0.0:
            for x in range(max(0, hx[i] - 1), min(w - 1, hx[i] + 1) + 1):
                for y in range(max(0, hy[i] - 1), min(h - 1, hy[i] + 1) + 1):
                    tidy[x, y] += out_active[i]
    for x in range(w):
        for y in range(h):
            tidy[x, y] = scale * tidy[x, y]
    return tidy


@njit(cache=True)
def wear(litter_kept: np.ndarray, litter: np.ndarray, damage: np.ndarray, hardening: np.ndarray,
         bushes: np.ndarray, has_bushes: np.ndarray, risk: np.ndarray, recent: np.ndarray, reported: np.ndarray,
         repaired: np.ndarray, litter_decay: float, bush_growth: float, damage_wear: float, lock_wear: float,
         risk_decay: float, risk_spread: float, map_memory: float) -> None:
    """The physical layers' week in one pass, in place (module docstring); ``litter_kept`` is the share of
    litter the residents left."""
    w, h = litter.shape
    neighbours = box_sum(risk, 1) if risk_spread > 0.0 else risk
    for x in range(w):
        for y in range(h):
            litter[x, y] = litter[x, y] * litter_kept[x, y] * (1.0 - litter_decay)
            damage[x, y] += damage_wear * (1.0 - damage[x, y])
            hardening[x, y] *= 1.0 - lock_wear
            if has_bushes[x, y]:
                bushes[x, y] = min(1.0, bushes[x, y] + bush_growth)
            r = risk[x, y]
            if risk_spread > 0.0:
                r = (1.0 - risk_spread) * r + risk_spread * (neighbours[x, y] - r) / MOORE_NEIGHBOURS
            risk[x, y] = r * (1.0 - risk_decay)
            recent[x, y] *= map_memory
            reported[x, y] *= map_memory
            repaired[x, y] *= map_memory


def physical_week(nb: NeighbourhoodLike, x: np.ndarray, y: np.ndarray, out_active: np.ndarray,
                  p: dict[str, Any]) -> None:
    """The physical layers of ``nb``, in place (module docstring); ``x``, ``y``: homes, ``out_active``:
    presence of the active households, 0 for the rest."""
    w, h = nb.litter.shape
    kept = np.exp(tidy_effort(x, y, out_active, w, h, -float(p["tidy_rate"])))
    wear(kept, nb.litter, nb.damage, nb.hardening, nb.bushes, nb.has_bushes, nb.risk, nb.incidents_recent,
         nb.reported_recent, nb.repaired_recent, p["litter_decay"], p["bush_growth"], p["damage_wear"],
         p["lock_wear"], p["risk_decay"], p["risk_spread"], p["map_memory"])
