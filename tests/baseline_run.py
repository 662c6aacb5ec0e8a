"""The one rich run behind the fixed-seed baseline test: a crime wave with community investment."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from wijksim.runner import run_scenario
from wijksim.scenarios import load_scenario

ROOT = Path(__file__).resolve().parents[1]
BASELINE_FILE = ROOT / "tests" / "baseline" / "baseline.json"
COLUMNS = ("fear_mean", "share_unsafe", "cohesion", "collective_efficacy", "share_withdrawn", "share_active",
           "incidents", "reports", "trust_police", "trust_municipality", "trust_housing", "disorder_mean",
           "cooperation", "damage_mean", "ties_per_household")


def baseline_summary() -> dict[str, Any]:
    """Every 8th week of the rich scenario at a reduced size, rounded to 10 significant digits."""
    sc = load_scenario(ROOT / "scenarios" / "wave_community_investment.toml")
    ts = run_scenario(sc, seed=20261122, weeks=96, overrides={"width": 30, "height": 30, "burn_in": 26})
    rows = ts[ts["week"] % 8 == 0]
    return {
        "scenario": "wave_community_investment", "seed": 20261122, "weeks": 96,
        "overrides": {"width": 30, "height": 30, "burn_in": 26},
        "weekly": [{"week": int(r["week"]), **{c: float(f"{r[c]:.10g}") for c in COLUMNS}}
                   for _, r in rows.iterrows()],
    }
