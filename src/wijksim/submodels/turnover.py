"""Stage 10c, residential turnover (switchable, off by default): the memory of decline (Skogan 1990;
Sampson, Raudenbush & Earls 1997).

Each week household i moves out with chance

    move_base + move_fear·fear_i + move_withdrawn·[i withdrawn]

so those who feel unsafe and have withdrawn leave more. A newcomer takes the dwelling: passive, with a
fresh threat sensitivity (lognormal, mean 1, sd ``fear_sensitivity_sigma`` on the log scale) and a fresh
fear drawn as at the start (Beta(``fear_init_alpha``, ``fear_init_beta``)·``fear_init_scale``), the
dwelling's baseline trust, no fatigue, awareness, participation, report focus or role, and **weak ties**:
every tie of the dwelling drops to at most ``newcomer_tie_strength`` (neighbours known by sight). Ties
regrow only by meeting (stage 9), over a year or two, so a wijk that lost its settled households keeps
less community support for years after crime has fallen.

Off by default (``turnover`` = false): measured, it lowers cohesion to ≈ 5.6 and the share unsafe to ≈ 14 %
(selective out-migration of the fearful lowers fear), and still gives no tipping region (docs/ODD.md).
Draws come from the stream ``turnover`` (appended last, so every other stream keeps its numbers).
"""

from __future__ import annotations

from typing import Any

import numpy as np

from ..residents import NEVER, PASSIVE, WITHDRAWN
from ..types import NetworkLike, ResidentStateLike


def move(rs: ResidentStateLike, network: NetworkLike, p: dict[str, Any], rng: np.random.Generator) -> np.ndarray:
    """Households move out and newcomers move in (module docstring); returns the households that moved."""
    if not p["turnover"]:
        return np.empty(0, dtype=np.int64)
    hazard = p["move_base"] + p["move_fear"] * rs.fear + p["move_withdrawn"] * (rs.state == WITHDRAWN)
    movers = np.flatnonzero(rng.random(rs.n) < hazard)
    if not len(movers):
        return movers
    k = len(movers)
    sigma = p["fear_sensitivity_sigma"]
    rs.sensitivity[movers] = rng.lognormal(-0.5 * sigma * sigma, sigma, k)
    rs.fear[movers] = np.clip(rng.beta(p["fear_init_alpha"], p["fear_init_beta"], k) * p["fear_init_scale"], 0, 1)
    rs.state[movers] = PASSIVE
    rs.trust[movers] = rs.trust_base[movers]
    for arr in (rs.awareness, rs.fatigue, rs.participating, rs.report_focus):
        arr[movers] = 0.0
    rs.coordinator[movers] = False
    rs.last_complaint[movers] = NEVER
    network.reset_ties(movers, p["newcomer_tie_strength"])
    return movers
