"""The workshop room's debrief figure: the room's bonus or malus against each arm, one panel per output.

Drawn here, with the other charts, so the UI's room pages import no matplotlib of their own; the texts
(arm names, the title) come from the caller in the page's language, the outputs' labels from the registry.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import pandas as pd
from matplotlib.figure import Figure

from ..outputs import output


def room_debrief(debrief: pd.DataFrame, metrics: Sequence[str], arm_names: Mapping[str, str], title: str,
                 lang: str = "en") -> Figure:
    """One panel per metric: the paired difference room − arm (rows ``bonus_malus_<metric>`` of
    :meth:`wijksim.room.Room.debrief`), a dot with its 95 % interval, shares in percentage points."""
    fig = Figure(figsize=(11, 5), layout="constrained")
    axes = fig.subplots(1, len(metrics), sharey=True, squeeze=False)[0]
    rows = debrief[debrief["metric"].str.startswith("bonus_malus_")]
    arms = list(dict.fromkeys(rows["arm"]))
    for ax, m in zip(axes, metrics, strict=True):
        o = output(m)
        scale = 100.0 if o.kind == "share" else 1.0
        sub = rows[rows["metric"] == f"bonus_malus_{m}"].set_index("arm").loc[arms]
        y = list(range(len(arms)))
        err = [(sub["value"] - sub["lo"]) * scale, (sub["hi"] - sub["value"]) * scale]
        ax.errorbar(sub["value"] * scale, y, xerr=err, fmt="o", color="#1f5f99", capsize=3)
        ax.axvline(0, color="#888", lw=1)
        ax.set_title(o.label_nl if lang == "nl" else o.label_en, fontsize=9)
        ax.set_xlabel(("%-punt" if lang == "nl" else "pp") if o.kind == "share" else "", fontsize=8)
        ax.grid(alpha=0.3)
    axes[0].set_yticks(range(len(arms)), [arm_names.get(a, a) for a in arms], fontsize=8)
    fig.suptitle(title, fontsize=11)
    return fig
