"""How much of a sensitivity design's output variance is seed noise (see :mod:`.analysis`)."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

#: noise share of the variance of the point means above which the indices mostly measure noise
NOISE_DOMINATES = 0.5


def noise_table(exp: Any, runs: pd.DataFrame) -> pd.DataFrame:
    """Per output: how much of the variance of the design's point means is replicate (seed) noise.

    ``within`` is the mean variance between replicates of a design point; the noise in a point mean
    is ``within / replicates``; ``noise_share`` is that as a share of the variance of the point
    means (capped at 1). Needs at least two replicates.
    """
    rows = []
    for o in exp.outputs:
        g = runs.groupby("point")[o]
        n = g.count()
        row: dict[str, Any] = {"output": o, "replicates": int(n.min()) if len(n) else 0}
        if row["replicates"] < 2:
            row.update(within_variance=float("nan"), variance_of_point_means=float(g.mean().var(ddof=1)),
                       noise_share=float("nan"),
                       verdict="cannot be estimated with one replicate per design point: the indices may "
                               "measure seed noise (run with replicates >= 2)")
        else:
            within = float(g.var(ddof=1).mean())
            between = float(g.mean().var(ddof=1))
            share = min(1.0, within / float(n.mean()) / between) if between > 0 else 1.0
            row.update(within_variance=within, variance_of_point_means=between, noise_share=share,
                       verdict=(f"seed noise dominates ({share:.0%} of the variance of the point means): "
                                "the indices mostly measure noise; use more replicates or a longer window")
                       if share > NOISE_DOMINATES else f"seed noise is {share:.0%} of the variance of the point means")
        rows.append(row)
    return pd.DataFrame(rows)


def _noise_notes(table: pd.DataFrame) -> dict[str, str]:
    notes = {}
    for r in table.itertuples():
        if not np.isfinite(r.noise_share):
            notes[r.output] = "noise: not estimable (1 replicate)"
        elif r.noise_share > NOISE_DOMINATES:
            notes[r.output] = f"NOISE DOMINATES ({r.noise_share:.0%})"
        else:
            notes[r.output] = f"noise {r.noise_share:.0%}"
    return notes
