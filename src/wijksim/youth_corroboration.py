"""The youth corroboration runs (docs/corroboration.md, "Youth and undermining crime"): the design written there
before any run, executed as written, and the results table generated from what came out.

    PYTHONPATH=src nice -n 10 .venv/bin/python -m wijksim.youth_corroboration [--seeds 16] [--workers 2]

Writes ``docs/data/youth_corroboration.json`` (every statistic with its interval) and prints the results table
in Markdown. Nothing here chooses a parameter: arms are the shipped scenarios, ablations set the named
mechanism's parameters to zero, and the bands and floors are the ones committed before the runs.
"""

from __future__ import annotations

import argparse
import json
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "docs" / "data" / "youth_corroboration.json"
WEEKS = 208
WINDOW = (105, 208)  # weeks of the window, inclusive
BOOT = 2000
FAMILY_OFF = {"youth_recruit_household": 0.0, "youth_recruit_relative": 0.0, "youth_uptake_relative": 0.0,
              "youth_bond_gap_suspected": 0.0}
BONDS_OFF = {"youth_uptake_family": 0.0, "youth_uptake_school": 0.0}
CONTAGION_OFF = {"youth_group_contact": 0.0}
#: arm name -> (scenario file stem, parameter overrides)
ARMS: dict[str, tuple[str, dict[str, Any]]] = {
    "reference": ("youth_reference", {}),
    "coalition": ("youth_coalition", {}),
    "mentoring": ("youth_mentoring", {}),
    "mentoring_plain": ("youth_mentoring_plain", {}),
    "open": ("youth_activities_open", {}),
    "at_risk": ("youth_activities_at_risk", {}),
    "reference_family_off": ("youth_reference", FAMILY_OFF),
    "reference_bonds_off": ("youth_reference", BONDS_OFF),
    "coalition_bonds_off": ("youth_coalition", BONDS_OFF),
    "at_risk_contagion_off": ("youth_activities_at_risk", CONTAGION_OFF),
}


def run_arm(job: tuple[str, int]) -> dict[str, Any]:
    """One arm at one seed: the window's tallies the statistics need (per seed, so they can be resampled)."""
    from .runner import build_model
    from .scenarios import load_scenario
    from .youth_state import EDGE

    arm, seed = job
    stem, overrides = ARMS[arm]
    m = build_model(load_scenario(ROOT / "scenarios" / f"{stem}.toml"), seed, overrides)
    ys = m.youth
    assert ys is not None
    groups = {"household": ys.suspected_household, "elsewhere": ys.suspected_relative & ~ys.suspected_household,
              "none": ~ys.suspected_relative}
    tally = {f"{g}_{k}": 0.0 for g in groups for k in ("edge", "weeks")}
    level_sum = np.zeros(ys.n)
    mentored = np.zeros(ys.n, dtype=bool)
    initiations = never_weeks = edge_share = 0.0
    for week in range(1, WEEKS + 1):
        never = float(np.count_nonzero(~ys.ever))
        m.step()
        if not WINDOW[0] <= week <= WINDOW[1]:
            continue
        on = ys.level >= EDGE
        for g, mask in groups.items():
            tally[f"{g}_edge"] += float(np.count_nonzero(on & mask))
            tally[f"{g}_weeks"] += float(np.count_nonzero(mask))
        level_sum += ys.level
        mentored |= ys.mentored
        initiations += round(ys.week_out[2] * never / 52.0)
        never_weeks += never
        edge_share += float(on.mean())
    weeks = WINDOW[1] - WINDOW[0] + 1
    aged = (ys.age >= 19.0) & (ys.age < 21.0)
    return {"arm": arm, "seed": seed, **tally, "initiations": initiations, "never_weeks": never_weeks,
            "edge_share": edge_share / weeks, "level": (level_sum / weeks).tolist(), "mentored": mentored.tolist(),
            "aged19": float(np.count_nonzero(aged)), "aged19_never": float(np.count_nonzero(aged & ~ys.ever))}


def boot(stat: Any, n: int) -> tuple[float, float, float]:
    """The statistic on all seeds and its 95 % percentile bootstrap interval over seeds."""
    rng = np.random.default_rng(0)
    idx = np.arange(n)
    values = [stat(rng.choice(idx, n)) for _ in range(BOOT)]
    return float(stat(idx)), float(np.nanpercentile(values, 2.5)), float(np.nanpercentile(values, 97.5))


def table(res: dict[str, list[dict[str, Any]]]) -> dict[str, Any]:
    """Every prediction's statistic with its interval, from the per-seed results of each arm."""
    n = len(res["reference"])

    def col(arm: str, key: str) -> np.ndarray:
        return np.array([r[key] for r in res[arm]], dtype=float)

    def rr(arm: str, group: str) -> Any:
        return lambda i: ((col(arm, f"{group}_edge")[i].sum() / col(arm, f"{group}_weeks")[i].sum())
                          / (col(arm, "none_edge")[i].sum() / col(arm, "none_weeks")[i].sum()))

    def reduction(a: str, b: str) -> Any:  # 1 - rate_b / rate_a
        return lambda i: 1.0 - ((col(b, "initiations")[i].sum() / col(b, "never_weeks")[i].sum())
                                / (col(a, "initiations")[i].sum() / col(a, "never_weeks")[i].sum()))

    def arr(i: np.ndarray) -> float:
        def never(arm: str) -> float:
            return col(arm, "aged19_never")[i].sum() / col(arm, "aged19")[i].sum()
        return never("coalition") / never("reference")

    def diff(a: str, b: str) -> Any:
        return lambda i: float((col(a, "edge_share")[i] - col(b, "edge_share")[i]).mean())

    def d(arm: str) -> Any:
        ment = [np.array(r["mentored"]) for r in res[arm]]
        treated = [np.array(r["level"])[k] for r, k in zip(res[arm], ment, strict=True)]
        control = [np.array(r["level"])[k] for r, k in zip(res["reference"], ment, strict=True)]

        def stat(i: np.ndarray) -> float:
            t = np.concatenate([treated[j] for j in i])
            c = np.concatenate([control[j] for j in i])
            sd = c.std(ddof=1)
            return float((c.mean() - t.mean()) / sd) if sd > 0 else float("nan")
        return stat

    return {
        "seeds": n,
        "Y1_rr_household": boot(rr("reference", "household"), n),
        "Y1_rr_elsewhere": boot(rr("reference", "elsewhere"), n),
        "Y1_rr_household_family_off": boot(rr("reference_family_off", "household"), n),
        "Y2a_reduction": boot(reduction("reference", "coalition"), n),
        "Y2a_reduction_bonds_off": boot(reduction("reference_bonds_off", "coalition_bonds_off"), n),
        "Y2b_arr": boot(arr, n),
        "Y3_d_emotional": boot(d("mentoring"), n),
        "Y3_d_plain": boot(d("mentoring_plain"), n),
        "Y4_at_risk_minus_reference": boot(diff("at_risk", "reference"), n),
        "Y4_open_minus_reference": boot(diff("open", "reference"), n),
        "Y4_at_risk_minus_open": boot(diff("at_risk", "open"), n),
        "Y4_at_risk_minus_reference_contagion_off": boot(diff("at_risk_contagion_off", "reference"), n),
        "edge_share_reference": boot(lambda i: float(col("reference", "edge_share")[i].mean()), n),
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--seeds", type=int, default=16)
    ap.add_argument("--workers", type=int, default=2)
    args = ap.parse_args()
    jobs = [(arm, seed) for seed in range(1, args.seeds + 1) for arm in ARMS]
    res: dict[str, list[dict[str, Any]]] = {arm: [] for arm in ARMS}
    with ProcessPoolExecutor(args.workers) as pool:
        for r in pool.map(run_arm, jobs):
            res[r["arm"]].append(r)
            print(r["arm"], r["seed"], round(r["edge_share"], 4), flush=True)
    stats = table(res)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(stats, indent=1) + "\n")
    for k, v in stats.items():
        print(k, v)


if __name__ == "__main__":
    main()
