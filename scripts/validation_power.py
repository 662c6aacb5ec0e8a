"""Seeds and power of the evidence table: beside each experiment's seeds, the power calculation that fixed them.

Each experiment of ``scripts/make_validation.py`` carries its seeds and, as text, the calculation that fixed them
in advance (``power``). Under the evidence table this renders that text with, per row, the n80 on the numbers
just saved: n80 = ((z.975 + z.80) · sd / gap)², where sd is the per-seed sd of the paired difference (recovered
from the row's t-interval) and gap the distance of the estimate from the floor -- the seeds the next re-run
would need for 80 % power that its interval clears the floor (or shows the shortfall) if the true effect is the
saved one. A row whose n80 exceeds its seeds is flagged: it hangs on its floor.
"""

from __future__ import annotations

import math
from typing import Any

from scipy import stats

Z = float(stats.norm.ppf(0.975) + stats.norm.ppf(0.80))


def per_seed_sd(effect: list[float], n: int) -> float:
    """The per-seed sd of a paired difference from its 95 % t-interval over ``n`` seeds."""
    _, lo, hi = effect
    return (hi - lo) / 2.0 * math.sqrt(n) / float(stats.t.ppf(0.975, n - 1))


def gap(floor: tuple[Any, ...], m: float) -> float:
    """How far the estimate ``m`` lies from the nearest bound of its floor (0 when on it)."""
    kind = floor[0]
    if kind == "band":
        return min(abs(m - floor[1]), abs(m - floor[2]))
    if kind == "steady":
        return max(floor[2] - abs(m), 0.0)
    if kind == "within":
        return max(floor[1] - abs(m), 0.0)
    return abs(m - floor[1])


def n80(row: dict[str, Any], saved: dict[str, Any]) -> float | None:
    """The row's n80 on the saved numbers (None for rows that are not paired differences)."""
    if saved["unit"] not in ("pp", "rel") or saved["seeds"] < 2:
        return None
    g = gap(row["floor"], saved["effect"][0])
    return math.inf if g == 0 else (Z * per_seed_sd(saved["effect"], saved["seeds"]) / g) ** 2


def render(experiments: dict[str, Any], rows: list[dict[str, Any]], data: dict[str, Any]) -> list[str]:
    """The markdown lines of the power section: experiment, seeds, the calculation, each row's n80."""
    lines = ["", "**Seeds and power** (issue 26; generated with the table). Each experiment's seeds were fixed "
             "in advance from the calculation beside them; the last column is each row's n80 on the numbers "
             "above (the seeds for 80 % power that the interval clears the floor, or shows the shortfall), "
             "flagged ⚠ where it exceeds the seeds.", "",
             "| experiment | seeds | power calculation that fixed them | n80 per row on the saved numbers |",
             "|---|---|---|---|"]
    spec = {r["claim"]: r for r in rows}
    for name, e in experiments.items():
        cells = []
        for saved in (r for r in data["rows"] if r["experiment"] == name):
            n = n80(spec[saved["claim"]], saved)
            if n is not None:
                flag = " ⚠" if n > saved["seeds"] else ""
                cells.append(f"{saved['column']} ({saved['a'][0]} vs {saved['b'][0]}): "
                             f"{'∞' if math.isinf(n) else math.ceil(n)}{flag}")
        lines.append(f"| {name} | {e['seeds']} | {e.get('power', '—')} | {'; '.join(cells) or '—'} |")
    return lines
