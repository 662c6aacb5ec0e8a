"""``wijksim edge``'s result in words: the edge line, the report an advisor reads, the tipping lines.

Kept beside :mod:`wijksim.edge` (the measurement) so each stays one concept: this module only renders an
:class:`~wijksim.edge.EdgeResult` and computes nothing."""

from __future__ import annotations

from .edge import (
    CRISIS_MULTIPLIER,
    CRISIS_WEEKS,
    PAST_EDGE,
    RECOVERS_BELOW,
    TIPPED_FROM,
    EdgeResult,
    caveat,
    norm_threshold,
    tipping_dict,
)
from .tipping import crossing_line


def _pct(m: float, lo: float, hi: float) -> str:
    return f"{m * 100:+.1f} % [{lo * 100:+.1f}, {hi * 100:+.1f}]"


def edge_line(result: EdgeResult) -> str:
    """Where the edge lies: the smallest multiple at which a crisis tips the wijk, the smallest at which the calm
    wijk is already past the withdrawal norm's threshold without one, or the margin tested (a lower bound)."""
    tips, past = result.tips_at(), result.past_edge_at()
    base = float(result.settings["crime_rate"])
    top = float(result.histories["multiple"].max())
    parts = []
    if tips is not None:
        parts.append(f"the wijk tips at x{tips:g} of its crime rate (crime_rate {tips * base:g})")
    if past is not None and (tips is None or past > tips):
        h = result.histories
        calm = float(h.loc[h["multiple"] == past, "calm_withdrawn"].iloc[0])
        threshold = norm_threshold(result.settings["scenario"].get("params", {}))
        below = "" if tips is not None else f"no tipping below x{past:g}; "
        parts.append(f"{below}from x{past:g} (crime_rate {past * base:g}) the calm wijk is already past the edge: "
                     f"{calm:.1%} withdrawn without any crisis, at or above the withdrawal norm's threshold of "
                     f"{threshold or 0:.0%}")
    if not parts:
        return f"Edge: no tipping up to x{top:g} of its crime rate; margin at least x{top:g}."
    return "Edge: " + "; ".join(parts) + "."


def report_lines(result: EdgeResult) -> list[str]:
    """What an advisor reads: persistence at the wijk's own rate and its verdict, where it tips (or the margin
    tested), the persistence at every multiple and the ramp's largest hysteresis gap."""
    own, h = result.own(), result.histories
    base = float(result.settings["crime_rate"])
    n = int(own["pairs"])
    lines = [f"Persistence = share withdrawn two years after a year-long crisis (crime x{CRISIS_MULTIPLIER:g} for "
             f"{CRISIS_WEEKS} weeks), relative to the same wijk without it; {n} paired seeds, 95 % intervals.",
             f"At its own crime rate ({own['crime_rate']:g}): persistence "
             f"{_pct(own['persistence'], own['persistence_lo'], own['persistence_hi'])} -> {own['verdict']}"
             f" (recovers < {RECOVERS_BELOW:.0%}, tipped >= {TIPPED_FROM:.0%} with the interval above 0; "
             f"{PAST_EDGE}: withdrawn at or above the withdrawal norm's threshold without a crisis)."]
    note = caveat(own["verdict"], own["persistence_lo"], own["persistence_hi"])
    if note:
        lines.append(f"  ({note})")
    lines.append(edge_line(result))
    room = result.headroom()
    if room["norm_on"]:
        lines.append(f"Withdrawn without a crisis: {room['withdrawn']:.1%}; the buurt's withdrawal norm starts at "
                     f"{room['threshold']:.0%} withdrawn (withdrawal_norm_threshold): headroom "
                     f"{room['headroom'] * 100:+.1f} points (a buurt above the wijk's average reaches it sooner).")
    else:
        lines.append(f"Withdrawn without a crisis: {room['withdrawn']:.1%}; the buurt's withdrawal norm is off in this "
                     "scenario (b_norm_withdrawn = 0), so nothing holds a wijk in decline.")
    for r in h.itertuples():
        lines.append(f"  x{r.multiple:<4g} crime_rate {r.crime_rate:<5g} calm {r.calm_withdrawn:.1%} withdrawn, "
                     f"after crisis {r.crisis_withdrawn:.1%}: {_pct(r.persistence, r.persistence_lo, r.persistence_hi)}"
                     f"  {r.verdict}; {r.tipped} of {r.pairs} seeds tip: p_tip {r.p_tip:.0%} "
                     f"[{r.p_tip_lo:.0%}, {r.p_tip_hi:.0%}]")
    lines += tipping_lines(result)
    gap = result.largest_gap()
    if gap is not None:
        s = result.settings
        lines.append(f"Slow ramp (crime_rate {min(s['ramp_levels']) * base:g} up to {max(s['ramp_levels']) * base:g} "
                     "and back, "
                     f"{s['step_weeks']} weeks a level): largest hysteresis gap (down - up) at crime_rate "
                     f"{gap['crime_rate']:g}: {_pct(gap['gap_rel'], gap['gap_rel_lo'], gap['gap_rel_hi'])} of the way "
                     f"up ({gap['up']:.1%} up, {gap['down']:.1%} down).")
    return lines


def tipping_lines(result: EdgeResult) -> list[str]:
    """How likely the wijk is to tip: the definition, and the bisected multiples where 10 % and 50 % of seeds tip."""
    if not result.crossings:
        return []
    t = tipping_dict(result)
    n = int(result.settings["seeds"])
    first, last = t["judged_weeks"]
    head = (f"Tipping: a seed tips when its crisis history ends (weeks {first}-{last}) at "
            f"or above {t['threshold']:.0%} withdrawn while its calm history does not; p_tip = share of seeds, "
            "95 % Wilson interval.")
    return [head, *(crossing_line(c, n, t["tolerance"]) for c in result.crossings)]
