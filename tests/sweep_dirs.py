"""A finished grid sweep directory made without running the model (made-up outputs through
``storage.write_part`` and a manifest), for tests of ``wijksim analyze`` that need one in a second."""

from __future__ import annotations

import itertools
import json
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from wijksim.sweep import storage
from wijksim.sweep.design import experiment_from_dict

#: two numeric factors (lines, surfaces, slope tests), weekly records (timeseries): the slowest analysis
GRID2: dict[str, Any] = {
    "name": "tiny grid", "weeks": 4, "replicates": 2, "seed": 3, "record": "weekly", "summary_weeks": 2,
    "outputs": ["incidents", "share_withdrawn", "share_unsafe", "share_active"],
    "params": {"width": 12, "height": 12, "burn_in": 2},
    "design": {"kind": "grid", "factors": {"crime_rate": {"values": [0.5, 1.0, 2.0]},
                                           "cooperation": {"values": [0.2, 0.5, 0.8]}}},
}


def finished_sweep(out: Path, raw: dict[str, Any] | None = None) -> Path:
    """Write a complete sweep of ``raw`` (default :data:`GRID2`) into ``out``; returns ``out``."""
    exp = experiment_from_dict(raw or GRID2, "tiny.toml")
    factors = exp.design.factors
    rng = np.random.default_rng(5)
    rows = []
    points = itertools.product(*(f.values for f in factors.values()))
    for point, values in enumerate(points):
        for rep in range(exp.replicates):
            run_id = point * exp.replicates + rep
            for week in range(1, exp.weeks + 1):
                rows.append({"run_id": run_id, "point": point, "replicate": rep, "seed": 100 + run_id,
                             **dict(zip(factors, values, strict=True)), "week": week,
                             **{o: float(rng.random()) for o in exp.outputs}})
    out.mkdir(parents=True, exist_ok=True)
    name, digest = storage.write_part(out, pd.DataFrame(rows))
    manifest = {"experiment": exp.model_dump(mode="json"), "checksums": {Path(name).name: digest},
                "status": "complete"}
    (out / storage.MANIFEST).write_text(json.dumps(manifest), encoding="utf-8")
    return out
