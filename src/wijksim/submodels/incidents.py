"""Stage 4, incidents (and stage 5b, the traces they leave).

Routine activity theory: an incident needs a motivated offender, a suitable target and the absence of a
capable guardian. Per cell and week, Bernoulli with p = 1 − e^−λ per type, with

    λ_nuisance = rate_nuisance · (1 + disorder_attraction · disorder) · U
    λ_burglary = rate_burglary · burglary_target_factor · (1 − hardening) · U · n   (dwellings only)
    λ_street   = rate_street · (1 + bush_attraction · bushes) · U                 (public space only)
    U = (1 − guardianship_effect · g) · (1 + risk) · m_eff,   m_eff = offender_capacity · tanh(m / offender_capacity)

``n`` is the number of households on the cell (1 on a generated layout; a flat on a map read from a
file stacks several: each front door is a target). ``risk`` is the offender-attractiveness field of
Short et al. (2008), raised by recent *unguarded* success (near repeat, Johnson et al. 2007); ``m`` is
``crime_rate`` times any crime waves, saturating (offenders are finite).

Traces: a nuisance adds ``litter_per_nuisance``, ``litter_on_cell_share`` of it on its cell and the rest
spread over its 3×3 patch, and damage ``damage_per_nuisance·(1 − damage)`` at its cell; every incident raises
the risk at its cell by ``risk_boost · (1 − guardianship_effect · g)``.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
from numba import njit

from ..week_record import BURGLARY, NUISANCE
from .draws import stream_key, uniform

N_KINDS = 3  # nuisance, burglary, street crime
PATCH_CELLS = 9.0  # cells of the 3×3 patch a nuisance's litter spreads over


def effective_multiplier(multiplier: float, capacity: float) -> float:
    """Saturating crime multiplier: ≈ m for small m, never above the offender capacity."""
    return float(capacity * np.tanh(multiplier / capacity))


@njit(cache=True)
def draw_kernel(dis: np.ndarray, bushes: np.ndarray, hardening: np.ndarray, risk: np.ndarray,
                guardianship: np.ndarray, households: np.ndarray, is_public: np.ndarray, m_eff: float,
                guardianship_effect: float, rate_nuisance: float, disorder_attraction: float,
                rate_burglary: float, burglary_factor: float, rate_street: float, bush_attraction: float,
                key: int) -> tuple[np.ndarray, np.ndarray, float]:
    """Bernoulli incidents with p = 1 − e^−λ per cell and type (λ: module docstring).

    Exact and cheap when incidents are rare: lay the hazards end to end (type-major, then row-major)
    and throw a unit-rate Poisson process on that line (exponential gaps), computing each hazard as
    the scan reaches it. A (type, cell) has an incident when at least one point falls in its interval,
    which happens with chance 1 − e^−λ, independently of all others. Random numbers are drawn per
    incident, not per cell. Returns (kind, flat cell, total hazard).
    """
    w, h = dis.shape
    kinds = np.empty(N_KINDS * w * h, np.int8)  # untouched beyond the few incidents written
    cells = np.empty(N_KINDS * w * h, np.int64)
    n_hit = 0
    cum = 0.0
    c = 0  # draws so far (stream ``key``)
    point = -math.log(1.0 - uniform(key, c))
    for k in range(N_KINDS):
        for x in range(w):
            for y in range(h):
                unguarded = (1.0 - guardianship_effect * guardianship[x, y]) * (1.0 + risk[x, y]) * m_eff
                if k == NUISANCE:
                    lam = rate_nuisance * (1.0 + disorder_attraction * dis[x, y]) * unguarded
                elif k == BURGLARY:
                    lam = (rate_burglary * burglary_factor * (1.0 - hardening[x, y]) * unguarded * households[x, y]
                           if households[x, y] > 0.0 else 0.0)
                else:
                    lam = rate_street * (1.0 + bush_attraction * bushes[x, y]) * unguarded if is_public[x, y] else 0.0
                cum += lam
                if point < cum:
                    kinds[n_hit] = k
                    cells[n_hit] = x * h + y
                    n_hit += 1
                    while point < cum:
                        c += 1
                        point -= math.log(1.0 - uniform(key, c))
    return kinds[:n_hit].copy(), cells[:n_hit].copy(), cum


def draw_incidents(disorder: np.ndarray, bushes: np.ndarray, hardening: np.ndarray, risk: np.ndarray,
                   guardianship: np.ndarray, households: np.ndarray, is_public: np.ndarray, multiplier: float,
                   p: dict[str, Any], rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """This week's incidents as (kind, flat cell). Two scenarios with one seed see the same Poisson points,
    so where their hazards agree their incidents do too (common random numbers)."""
    m = effective_multiplier(multiplier, p["offender_capacity"])
    kind, cell, _ = draw_kernel(disorder, bushes, hardening, risk, guardianship, households, is_public, m,
                                p["guardianship_effect"], p["rate_nuisance"], p["disorder_attraction"],
                                p["rate_burglary"], p["burglary_target_factor"], p["rate_street"],
                                p["bush_attraction"], stream_key(rng))
    return kind, cell


@njit(cache=True)
def traces_kernel(cells: np.ndarray, kinds: np.ndarray, litter: np.ndarray, damage: np.ndarray,
                  risk: np.ndarray, guardianship: np.ndarray, litter_per_nuisance: float, on_cell: float,
                  spread: float, damage_per_nuisance: float, guardianship_effect: float, risk_boost: float) -> None:
    """Traces of this week's incidents, in place (formula: module docstring); per incident, not per cell
    (there is at most one incident of a type per cell and week)."""
    w, h = litter.shape
    for k in range(len(cells)):
        cx, cy = cells[k] // h, cells[k] % h
        if kinds[k] == NUISANCE:
            litter[cx, cy] += litter_per_nuisance * on_cell
            for x in range(max(0, cx - 1), min(w - 1, cx + 1) + 1):
                for y in range(max(0, cy - 1), min(h - 1, cy + 1) + 1):
                    litter[x, y] += litter_per_nuisance * spread / PATCH_CELLS
            damage[cx, cy] += damage_per_nuisance * (1.0 - damage[cx, cy])
        risk[cx, cy] += risk_boost * (1.0 - guardianship_effect * guardianship[cx, cy])
    for k in range(len(cells)):  # litter stays within 0–1 (only the patches touched can be outside)
        if kinds[k] == NUISANCE:
            cx, cy = cells[k] // h, cells[k] % h
            for x in range(max(0, cx - 1), min(w - 1, cx + 1) + 1):
                for y in range(max(0, cy - 1), min(h - 1, cy + 1) + 1):
                    litter[x, y] = min(max(litter[x, y], 0.0), 1.0)


def leave_traces(cells: np.ndarray, kinds: np.ndarray, litter: np.ndarray, damage: np.ndarray, risk: np.ndarray,
                 guardianship: np.ndarray, p: dict[str, Any]) -> None:
    """Litter, damage and risk from this week's incidents, in place (formula: module docstring)."""
    on_cell = p["litter_on_cell_share"]
    traces_kernel(cells, kinds, litter, damage, risk, guardianship, p["litter_per_nuisance"], on_cell,
                  1.0 - on_cell, p["damage_per_nuisance"], p["guardianship_effect"], p["risk_boost"])
