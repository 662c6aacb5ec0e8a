"""The city corroboration of docs/corroboration.md ("A city of wijken"): the design fixed there, run as written.

    python scripts/city_corroboration.py --out /tmp/city_corroboration [--generated 3] [--seeds 8]

Writes tests.csv (one row per city × target × intervention: the waterbed numbers of ``wijksim city compare``),
journeys.csv (incidents per offender home × target wijk pair with distance) and summary.json (the predictions'
numbers). Nothing here is tuned: the city constants stay at their registry defaults.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from wijksim.city.cityfile import City, parse_city
from wijksim.city.runs import compare

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "scenarios" / "city_example.toml"
SIZE = {"width": 12, "height": 12, "burn_in": 26}
WEEKS = 52
GENERATOR_SEED = 27  # the number: the generated cities are fixed by it

ENGAGEMENT = """name = "engagement programme from week 1"
[[interventions]]
type = "best_persons"
count = 8
start = 1
weeks = 52
[[interventions]]
type = "community_activities"
goal = "broad"
per_week = 2.0
start = 1
weeks = 52
[[interventions]]
type = "information_campaign"
channel = "community"
action_perspective = true
reach = 0.5
start = 3
weeks = 8
"""
MAINTENANCE = """name = "maintenance with locks from week 1"
[[interventions]]
type = "maintenance"
capacity = 15.0
municipal_support = 0.4
start = 1
weeks = 52
"""


def generated_city(rng: np.random.Generator, k: int) -> dict[str, Any]:
    """A 3 × 3 city with jittered positions, rook adjacency and wijk kinds drawn from ``rng``."""
    wijken = []
    for i in range(9):
        r, c = divmod(i, 3)
        neighbours = [f"w{j}" for j in range(9) if abs(j // 3 - r) + abs(j % 3 - c) == 1]
        wijken.append({
            "name": f"w{i}", "x_km": 1.2 * c + float(rng.uniform(-0.3, 0.3)),
            "y_km": 1.2 * r + float(rng.uniform(-0.3, 0.3)), "neighbours": neighbours,
            "offender_share": float(np.round(rng.uniform(0.5, 2.0), 2)),
            "params": {"share_corporation": float(np.round(rng.uniform(0.1, 0.9), 2)),
                       "share_courtyard": float(np.round(rng.uniform(0.0, 0.5), 2)),
                       "share_green": float(np.round(rng.uniform(0.0, 0.4), 2)),
                       "crime_rate": float(np.round(rng.uniform(0.6, 1.5), 2))}})
    return {"name": f"generated city {k}", "weeks": WEEKS, "params": {}, "wijken": wijken}


def example_city() -> dict[str, Any]:
    import tomllib

    return tomllib.loads(EXAMPLE.read_text(encoding="utf-8"))


def _sized(data: dict[str, Any]) -> dict[str, Any]:
    return {**data, "weeks": WEEKS, "wijk_params": dict(SIZE)}


def variant(data: dict[str, Any], target: str, intervention: str, files: Path) -> tuple[City, City]:
    """City A (as is) and B (the intervention in ``target``), as the design says."""
    a = json.loads(json.dumps(_sized(data)))
    b = json.loads(json.dumps(a))
    if intervention == "hotspot_patrols":  # shared, fixed capacity in both; B concentrates it on the target
        for d in (a, b):
            d["params"] = {**d.get("params", {}), "police_rule": "fixed"}
    for w in b["wijken"]:
        if w["name"] != target:
            continue
        if intervention == "hotspot_patrols":
            w["police_priority"] = 4.0
        else:
            w["scenario"] = str(files / f"{intervention}.toml")
    return parse_city(a, f"{data['name']} (A)", files), parse_city(b, f"{data['name']} ({intervention})", files)


def corner_and_centre(data: dict[str, Any]) -> tuple[str, str]:
    """The centre wijk and the first corner wijk (the one with the fewest neighbours) in file order."""
    names = [w["name"] for w in data["wijken"]]
    if "centrum" in names:
        return "centrum", "noordoost"  # the example city: its first corner
    return "w4", "w0"


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--generated", type=int, default=3)
    ap.add_argument("--seeds", type=int, default=8)
    args = ap.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "engagement.toml").write_text(ENGAGEMENT, encoding="utf-8")
    (args.out / "maintenance.toml").write_text(MAINTENANCE, encoding="utf-8")
    rng = np.random.default_rng(GENERATOR_SEED)
    cities = [example_city()] + [generated_city(rng, k) for k in range(args.generated)]
    seeds = list(range(1000, 1000 + args.seeds))
    rows, journeys = [], []
    for data in cities:
        for target in corner_and_centre(data):
            for intervention in ("engagement", "hotspot_patrols", "maintenance"):
                a, b = variant(data, target, intervention, args.out)
                res = compare(a, b, target, seeds, last=WEEKS)
                row = res.summary("incidents", seeds, 1, WEEKS).iloc[0].to_dict()
                rows.append({"city": data["name"], "intervention": intervention, **row})
                assert res.journeys is not None and res.households is not None and res.effort is not None
                d = np.array(a.distances())
                np.fill_diagonal(d, a.params["within_wijk_km"])
                for h in range(len(a.names)):
                    for j in range(len(a.names)):
                        journeys.append({"city": data["name"], "test": f"{target}/{intervention}", "home": a.names[h],
                                         "target": a.names[j], "distance_km": d[h, j],
                                         "incidents": int(res.journeys[h, j]), "effort_home": res.effort[h],
                                         "households_target": res.households[j]})
                print(f"{data['name']}: {target} {intervention}: {row['verdict']} wdq {row['wdq']:+.2f} "
                      f"target {row['target_effect']:+.4f} buffer {row['buffer_effect']:+.4f}", flush=True)
                pd.DataFrame(rows).to_csv(args.out / "tests.csv", index=False)
    pd.DataFrame(journeys).to_csv(args.out / "journeys.csv", index=False)
    (args.out / "summary.json").write_text(json.dumps(evaluate(pd.DataFrame(rows), pd.DataFrame(journeys)),
                                                      indent=2) + "\n", encoding="utf-8")


def evaluate(tests: pd.DataFrame, journeys: pd.DataFrame) -> dict[str, Any]:
    """The predictions' numbers from the tests and the journeys."""
    gain = tests[tests["target_effect_hi"] < 0]
    n = max(len(gain), 1)
    hot = tests[tests["intervention"] == "hotspot_patrols"]
    return {
        "tests": len(tests), "with_gain": len(gain),
        "share_displacement": float((gain["verdict"] == "displacement").sum() / n),
        "share_diffusion": float((gain["verdict"] == "diffusion").sum() / n),
        "wdq_of_gains": sorted(float(x) for x in gain["wdq"]),
        "share_wdq_above_minus_1": float((gain["wdq"] > -1).sum() / n),
        "share_tne_positive": float((gain["tne"] > 0).sum() / n),
        "hotspot_buffer_effect_mean": float(hot["buffer_effect"].mean()) if len(hot) else None,
        "hotspot_buffer_effects": [float(x) for x in hot["buffer_effect"]],
        "distance_decay": distance_slope(journeys),
    }


def distance_slope(j: pd.DataFrame) -> dict[str, float]:
    """Poisson fit: log E[incidents] = a + b·distance + log(effort at home) + log(households at the target)."""
    import statsmodels.api as sm

    j = j[(j["effort_home"] > 0) & (j["households_target"] > 0)]
    x = sm.add_constant(j["distance_km"].to_numpy())
    offset = np.log(j["effort_home"].to_numpy()) + np.log(j["households_target"].to_numpy())
    fit = sm.GLM(j["incidents"].to_numpy(), x, family=sm.families.Poisson(), offset=offset).fit(cov_type="HC0")
    lo, hi = fit.conf_int()[1]
    return {"slope_per_km": float(fit.params[1]), "slope_lo": float(lo), "slope_hi": float(hi)}


if __name__ == "__main__":
    sys.exit(main())
