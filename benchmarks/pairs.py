"""Burn-in once per pair (issue #25): what a paired comparison costs with one shared burn-in per replicate
against one burn-in per arm, measured in one run.

Two figures, each the median of ``--repeats`` alternated rounds (so both sides see the same machine load), in
CPU seconds of this process and its pool's workers (wall-clock ratios are reported beside them):

* **two-scenario / one-scenario compare**: ``run_comparison`` of (reference, engagement programme) against
  ``run_comparison`` of the reference alone, same weeks and replicates (goal ≤ 1.6×). Both run in this
  process (imports done, process pool started per call as ``wijksim compare`` does): start-up is not in it.
* **the bonus/malus trio at 10 replicates**, after (``run_comparison``: one burn-in per replicate) against
  before (one job per scenario × replicate, each building and burning in its own model: the code before
  issue #25, kept here as :func:`before`) (goal ≤ 0.6×). The two tables are checked equal.

    .venv/bin/python benchmarks/pairs.py [--replicates 10] [--workers 2] [--repeats 3] [--json out.json]
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import resource
import statistics
import sys
import time
from pathlib import Path
from typing import Any

import pandas as pd

from wijksim.compare import run_comparison
from wijksim.compare.pool import run_all
from wijksim.runner import run_scenario
from wijksim.scenarios import SCENARIO_DIR, Scenario, load_scenario

TRIO = ("no_wave", "wave_no_investment", "wave_community_investment")
PAIR = ("reference", "engagement_programme")


def _old_one(args: tuple[str, Scenario, int, int, int]) -> pd.DataFrame:
    """One arm of one replicate, built and burned in on its own (``compare.runs._one`` before issue #25)."""
    label, sc, rep, seed, weeks = args
    ts = run_scenario(sc, seed=seed, weeks=weeks)
    ts.insert(0, "seed", seed)
    ts.insert(0, "replicate", rep)
    ts.insert(0, "scenario", label)
    return ts


def before(arms: list[tuple[str, Scenario]], replicates: int, seed: int, weeks: int, workers: int) -> pd.DataFrame:
    """The comparison as it ran before issue #25: a job per (scenario, replicate), every job its own burn-in."""
    jobs = [(label, sc, k, seed + k, weeks) for label, sc in arms for k in range(replicates)]
    runs = pd.concat(run_all(_old_one, jobs, workers), ignore_index=True)
    order = {label: i for i, (label, _) in enumerate(arms)}
    runs["_o"] = runs["scenario"].map(order)
    return runs.sort_values(["_o", "replicate", "week"]).drop(columns="_o").reset_index(drop=True)


def _cpu() -> float:
    """CPU seconds of this process and its finished children (the pool's workers, joined at its shutdown)."""
    me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


def _timed(fn: Any) -> tuple[tuple[float, float], Any]:
    """(CPU seconds, wall seconds) of ``fn()`` and its result. CPU time is the figure compared: on a shared
    machine wall time is mostly the other tenants' load.

    Every measurement starts from a collected heap (``gc.collect()``, not timed). The pool's workers are forked
    from this process and inherit its garbage collector's count of objects awaiting a full collection; a
    worker that crosses the threshold runs one over the whole inherited heap (≈ 0.1 s, its pages copied on
    write). Without the collect, whether that happens depended on what the previous measurement left here:
    the trio's "after", timed right after "before" had left its 30 result tables, paid it in both workers in
    most rounds and "before" in about half (gc callbacks counted it), ≈ +0.03 on the ratio."""
    gc.collect()
    c0, t0 = _cpu(), time.perf_counter()
    out = fn()
    return (_cpu() - c0, time.perf_counter() - t0), out


def measure(replicates: int, workers: int, repeats: int, weeks: int = 156, seed: int = 1) -> dict[str, Any]:
    trio = [(n, load_scenario(SCENARIO_DIR / f"{n}.toml")) for n in TRIO]
    pair = [(n, load_scenario(SCENARIO_DIR / f"{n}.toml")) for n in PAIR]
    times: dict[str, list[tuple[float, float]]] = {"one": [], "two": [], "two_before": [], "trio_before": [],
                                                     "trio_after": []}
    # compiled kernels loaded, caches warm: every measured scenario once, in this process, to its end (its
    # interventions' kernels too), so the forked workers inherit them and neither side pays their loading
    run_comparison(pair + trio, 1, seed, weeks=weeks, workers=1)
    for _ in range(repeats):
        t, _ = _timed(lambda: run_comparison(pair[:1], replicates, seed, weeks=weeks, workers=workers))
        times["one"].append(t)
        t, _ = _timed(lambda: run_comparison(pair, replicates, seed, weeks=weeks, workers=workers))
        times["two"].append(t)
        t, _ = _timed(lambda: before(pair, replicates, seed, weeks, workers))
        times["two_before"].append(t)
        t, old = _timed(lambda: before(trio, replicates, seed, weeks, workers))
        times["trio_before"].append(t)
        t, new = _timed(lambda: run_comparison(trio, replicates, seed, weeks=weeks, workers=workers))
        times["trio_after"].append(t)
        pd.testing.assert_frame_equal(old, new)  # the shared burn-ins change no byte of the result
    med = {k: statistics.median(c for c, _ in v) for k, v in times.items()}
    wall = {k: statistics.median(w for _, w in v) for k, v in times.items()}
    return {
        "replicates": replicates, "workers": workers, "weeks": weeks, "repeats": repeats,
        "loadavg": os.getloadavg(), "seconds_cpu_wall": times, "median_s": med, "median_wall_s": wall,
        "two_before_over_one": med["two_before"] / med["one"], "two_over_one_wall": wall["two"] / wall["one"],
        "trio_after_over_before_wall": wall["trio_after"] / wall["trio_before"],
        "two_over_one": med["two"] / med["one"], "trio_after_over_before": med["trio_after"] / med["trio_before"],
        "goals": {"two_over_one<=1.6": med["two"] / med["one"] <= 1.6,
                  "trio_after_over_before<=0.6": med["trio_after"] / med["trio_before"] <= 0.6},
    }


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--replicates", type=int, default=10)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--weeks", type=int, default=156)
    ap.add_argument("--json", type=Path, default=None)
    args = ap.parse_args()
    r = measure(args.replicates, args.workers, args.repeats, args.weeks)
    print(json.dumps(r, indent=2))
    m = r["median_s"]
    print(f"CPU seconds (this process and its pool's workers). "
          f"compare, {args.replicates} replicates x {args.weeks} weeks on {args.workers} workers: one scenario "
          f"{m['one']:.2f} s, two {m['two']:.2f} s: {r['two_over_one']:.2f}x (goal <= 1.6x; before "
          f"{r['two_before_over_one']:.2f}x); bonus/malus trio "
          f"before {m['trio_before']:.2f} s, after {m['trio_after']:.2f} s: {r['trio_after_over_before']:.2f}x "
          f"(goal <= 0.6x); wall-clock ratios {r['two_over_one_wall']:.2f}x and "
          f"{r['trio_after_over_before_wall']:.2f}x; load average {r['loadavg'][0]:.1f}", file=sys.stderr)
    if args.json:
        args.json.write_text(json.dumps(r, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
