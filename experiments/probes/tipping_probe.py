"""Probe issue 14's target 4 (spiral and tipping) for candidate feedback loops, with paired seeds.

For each crime_rate, two histories of the reference wijk are run with the same seeds: calm, and a
year-long crisis (crime ×3 for 52 weeks from week 13) without investment. The gap is the paired
relative difference of share withdrawn in weeks 143–169 (two years after the crisis ended), with its
95 % t-interval — the measure of tests/test_validity.py's spiral test. It also prints the level of the
calm runs and the diagnostics that tell a loop's gain (presence, guardianship, fear, disorder, ties), in
the crisis's last quarter and two years after.

Usage::

    nice .venv/bin/python experiments/probes/tipping_probe.py --seeds 8 --size 30 --rates 0.5,1,2,3,4 \
        --set b_norm=1.2 --label baseline

Each call appends one JSON line to ``--out`` (default /tmp/tipping_probe.jsonl) so variants can be
compared afterwards.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from scipy import stats

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "src"))

from wijksim.interventions import make  # noqa: E402
from wijksim.model import WijkModel  # noqa: E402
from wijksim.params import coerce  # noqa: E402

WEEKS = 169
CRISIS = {"type": "crime_wave", "start": 13, "weeks": 52, "multiplier": 3.0}
LATE = (143, 169)  # two years after the crisis ended (weeks 65 + 78 .. 65 + 104)
CRISIS_END = (52, 65)  # the crisis's last quarter
DIAG = ("share_withdrawn", "share_active", "share_unsafe", "fear_mean", "presence_mean", "guardianship_mean",
        "disorder_mean", "damage_mean", "incidents", "support_mean", "tie_strength_mean", "cohesion")


def _run(job: tuple[float, bool, int, dict[str, Any]]) -> tuple[float, bool, int, pd.DataFrame]:
    rate, crisis, seed, ov = job
    ivs = [make(dict(CRISIS))] if crisis else []
    m = WijkModel(rng=seed, interventions=ivs, **{**ov, "crime_rate": rate})
    return rate, crisis, seed, m.run(WEEKS).timeseries()


def win(ts: pd.DataFrame, col: str, lo: int, hi: int) -> float:
    return float(ts.loc[(ts["week"] > lo) & (ts["week"] <= hi), col].mean())


def ci(d: np.ndarray) -> tuple[float, float, float]:
    m = float(np.mean(d))
    if len(d) < 2 or np.std(d, ddof=1) == 0:
        return m, m, m
    h = float(stats.t.ppf(0.975, len(d) - 1) * np.std(d, ddof=1) / np.sqrt(len(d)))
    return m, m - h, m + h


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--seeds", type=int, default=8)
    ap.add_argument("--seed0", type=int, default=1000)
    ap.add_argument("--size", type=int, default=30)
    ap.add_argument("--rates", default="0.5,1,1.5,2,3,4")
    ap.add_argument("--set", action="append", default=[])
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--label", default="")
    ap.add_argument("--out", default="/tmp/tipping_probe.jsonl")
    args = ap.parse_args()
    ov: dict[str, Any] = {"width": args.size, "height": args.size}
    for s in args.set:
        k, _, v = s.partition("=")
        ov[k] = coerce(k, v)
    rates = [float(r) for r in args.rates.split(",")]
    jobs = [(r, c, args.seed0 + k, ov) for r in rates for c in (False, True) for k in range(args.seeds)]
    t0 = time.time()
    res: dict[tuple[float, bool], dict[int, pd.DataFrame]] = {}
    with ProcessPoolExecutor(max_workers=args.workers) as pool:
        for rate, crisis, seed, ts in pool.map(_run, jobs, chunksize=1):
            res.setdefault((rate, crisis), {})[seed] = ts
    out: dict[str, Any] = {"label": args.label, "overrides": {k: v for k, v in ov.items()}, "seeds": args.seeds,
                           "size": args.size, "rates": {}}
    print(f"{args.label}: overrides {ov}, seeds {args.seeds}")
    for r in rates:
        calm, cris = res[(r, False)], res[(r, True)]
        seeds = sorted(calm)
        xc = np.array([win(calm[s], "share_withdrawn", *LATE) for s in seeds])
        xk = np.array([win(cris[s], "share_withdrawn", *LATE) for s in seeds])
        gap = tuple(v / xc.mean() for v in ci(xk - xc))
        row = {"gap": gap, "calm_withdrawn": float(xc.mean())}
        for col in DIAG:
            row[f"calm_{col}"] = float(np.mean([win(calm[s], col, *LATE) for s in seeds]))
            row[f"end_{col}"] = float(np.mean([win(cris[s], col, *CRISIS_END) for s in seeds]))
            row[f"late_{col}"] = float(np.mean([win(cris[s], col, *LATE) for s in seeds]))
        out["rates"][str(r)] = row
        print(f"  rate {r:g}: gap {gap[0] * 100:+.1f}% [{gap[1] * 100:+.1f}, {gap[2] * 100:+.1f}]  "
              f"withdrawn calm {row['calm_share_withdrawn']:.3f} end {row['end_share_withdrawn']:.3f} "
              f"late {row['late_share_withdrawn']:.3f} | unsafe {row['calm_share_unsafe']:.3f} "
              f"fear {row['calm_fear_mean']:.3f}/{row['end_fear_mean']:.3f}/{row['late_fear_mean']:.3f} "
              f"pres {row['calm_presence_mean']:.3f}/{row['end_presence_mean']:.3f} "
              f"g {row['calm_guardianship_mean']:.3f}/{row['end_guardianship_mean']:.3f} "
              f"dis {row['calm_disorder_mean']:.3f}/{row['end_disorder_mean']:.3f}/{row['late_disorder_mean']:.3f} "
              f"inc {row['calm_incidents']:.1f}/{row['end_incidents']:.1f}/{row['late_incidents']:.1f} "
              f"sup {row['calm_support_mean']:.3f}/{row['end_support_mean']:.3f}/{row['late_support_mean']:.3f}")
    print(f"  ({time.time() - t0:.0f} s)")
    with open(args.out, "a") as fh:
        fh.write(json.dumps(out) + "\n")


if __name__ == "__main__":
    main()
