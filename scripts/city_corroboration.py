"""The city corroboration of docs/corroboration.md ("A city of wijken"): the design fixed there, run as written.

    python scripts/city_corroboration.py --out /tmp/city_corroboration [--generated 3] [--seeds 8]
    python scripts/city_corroboration.py --moving            # moving house: 448 city runs, ~10 min on one core
    python scripts/city_corroboration.py --moving --render   # its verdicts and page again from the saved sums

The waterbed run writes tests.csv (one row per city × target × intervention: the waterbed numbers of ``wijksim city
compare``), journeys.csv (incidents per offender home × target wijk pair with distance) and summary.json (the
predictions' numbers). Nothing here is tuned: the city constants stay at their registry defaults.

``--moving`` runs the moving-house design (docs/corroboration.md, "Moving house", committed before this code):
its per-run sums go to docs/data/city_moving_corroboration.json with the settings that made them, and the
block between the ``city-moving-results`` markers of docs/corroboration.md is rendered from that file
(tests/test_city_corroboration.py keeps the two current, and re-runs recorded seeds when slow).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from wijksim.city import moving_check
from wijksim.city.cityfile import City, parse_city
from wijksim.city.runs import compare
from wijksim.params.registry import CITY_PARAMS, defaults_sha256

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
    ap.add_argument("--out", type=Path)
    ap.add_argument("--generated", type=int, default=3)
    ap.add_argument("--seeds", type=int, default=8)
    ap.add_argument("--moving", action="store_true", help="the moving-house design instead of the waterbed")
    ap.add_argument("--render", action="store_true", help="with --moving: verdicts and page from the saved sums")
    args = ap.parse_args(argv)
    if args.moving:
        moving_main(args.render)
        return
    if args.out is None:
        ap.error("--out is required (except with --moving)")
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


# --- moving house (docs/corroboration.md, "Moving house": the design fixed there) ---------------------------------

MOVING_DATA = ROOT / "docs" / "data" / "city_moving_corroboration.json"
PAGE = ROOT / "docs" / "corroboration.md"
MOVING_MARKER = re.compile(r"(<!-- city-moving-results -->\n)(?P<body>.*?)(<!-- /city-moving-results -->)", re.S)
MOVING_SEEDS = tuple(range(2700, 2716))
MOVING_SIZE = {"width": 20, "height": 20, "burn_in": 26}


def moving_cities() -> list[City]:
    """The example city and the 3 generated cities of the waterbed design, every wijk 20 × 20 cells."""
    rng = np.random.default_rng(GENERATOR_SEED)
    cities = [example_city()] + [generated_city(rng, k) for k in range(3)]
    return [parse_city({**d, "weeks": WEEKS, "wijk_params": dict(MOVING_SIZE)}, d["name"], EXAMPLE.parent)
            for d in cities]


def moving_settings() -> dict[str, Any]:
    """What the numbers depend on: cities, seeds, window, arms and the registries' defaults."""
    return {"cities": [c.name for c in moving_cities()], "seeds": list(MOVING_SEEDS), "weeks": WEEKS,
            "size": MOVING_SIZE, "generator_seed": GENERATOR_SEED, "rise": moving_check.RISE,
            "arms": {k: [r, w, c] for k, (r, w, c) in moving_check.ARMS.items()},
            "defaults_sha256": defaults_sha256(),
            "city_defaults": {k: p.default for k, p in sorted(CITY_PARAMS.items())}}


def measure_moving(seeds: tuple[int, ...] = MOVING_SEEDS, cities: list[City] | None = None) -> list[dict[str, Any]]:
    """One record per pair (city, seed), cities in order, seeds in order: every arm's sums."""
    out = []
    for city in cities or moving_cities():
        for seed in seeds:
            out.append({"city": city.name, "seed": seed, "arms": moving_check.observe(city, seed, WEEKS)})
            print(f"moving: {city.name} seed {seed}", file=sys.stderr, flush=True)
    return out


CONTRAST_WORDS = {"W": "W (crime wave ×2)", "O": "O (offender effort ×2)",
                  "W_fear_off": "W, fear and withdrawal off", "O − O_elasticity_off": "O − O with elasticity 0"}
CLAIM_WORDS = {"M1": "leaving the city, % of households a year per 10 % more incidents; band (0, 1 %]",
               "M2": "moving out of the wijk, % a year per 10 % more incidents; > 0",
               "M3": "ablation: leaving the city per 10 %"}


def _pct(r: dict[str, Any]) -> str:
    return f"{100 * r['estimate']:+.3f} % [{100 * r['lo']:+.3f}, {100 * r['hi']:+.3f}]"


def render_moving(data: dict[str, Any]) -> str:
    """The results block: one row per verdict, then how much each contrast raised incidents and moving out."""
    s = data["settings"]
    lines = [f"{len(s['cities'])} cities × seeds {s['seeds'][0]}–{s['seeds'][-1]} = {len(data['pairs'])} pairs, "
             f"every wijk {s['size']['width']} × {s['size']['height']} cells, burn-in {s['size']['burn_in']} weeks, "
             f"window weeks 1–{s['weeks']}; 95 % percentile bootstrap over pairs.", "",
             "| # | statistic | contrast | model (95 % interval) | verdict |", "|---|---|---|---|---|"]
    for r in data["results"]:
        lines.append(f"| {r['prediction']} | {CLAIM_WORDS[r['prediction']]} | {CONTRAST_WORDS[r['contrast']]} | "
                     f"{_pct(r)} | **{r['verdict']}** |")
    lines.append("| M4 | mostly more leaving, not fewer arriving | — | — | **not testable** (declared in advance) |")
    lines += ["", "Mean ratios B ÷ A over the pairs: " + "; ".join(
        f"{c}: incidents × {data['rises'][c][0]:.2f}, households moving out × {data['rises'][c][1]:.2f}"
        for c in moving_check.CONTRASTS) + "."]
    return "\n".join(lines) + "\n"


def _moving_results(data: dict[str, Any]) -> dict[str, Any]:
    weeks = data["settings"]["weeks"]
    return {**data, "results": moving_check.evaluate(data["pairs"], weeks),
            "rises": {c: list(v) for c, v in moving_check.rises(data["pairs"]).items()}}


def moving_main(render_only: bool) -> None:
    if render_only:
        data = json.loads(MOVING_DATA.read_text(encoding="utf-8"))
    else:
        t0 = time.process_time()
        data = {"settings": moving_settings(), "pairs": measure_moving()}
        print(f"moving: {len(data['pairs'])} pairs, {time.process_time() - t0:.0f} s CPU", file=sys.stderr)
    data = json.loads(json.dumps(_moving_results(data)))
    MOVING_DATA.write_text(json.dumps(data, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    text = PAGE.read_text(encoding="utf-8")
    if not MOVING_MARKER.search(text):
        raise SystemExit(f"{PAGE}: the markers <!-- city-moving-results --> are missing")
    PAGE.write_text(MOVING_MARKER.sub(lambda m: m.group(1) + render_moving(data) + m.group(3), text),
                    encoding="utf-8")


if __name__ == "__main__":
    main()
