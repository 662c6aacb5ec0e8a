"""The cost of the youth stage (issue 28): a week with ``youth_enabled`` against the same week without, as a
ratio measured in one run (the issue's limit: within 15 %).

    PYTHONPATH=src .venv/bin/python benchmarks/youth.py [--side 44] [--weeks 104] [--rounds 5] [--cpu 0]
    PYTHONPATH=src .venv/bin/python benchmarks/youth.py --hashes   # byte-identity check, no timing

``make bench`` (``benchmarks/run.py``) runs it too, pinned to the core its other single-core jobs use.

Both models are built with the same seed and warmed up, then timed in alternating blocks of weeks (CPU
time, ``process_time``), so drift of a shared machine hits both alike; the ratio is the median of the
rounds' ratios. Writes ``benchmarks/results/youth.json``.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import statistics
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE / "results" / "youth.json"
LIMIT = 1.15  # the bound on (step with youth) / (step without)


def block(model: object, weeks: int) -> float:
    """CPU seconds per week over ``weeks`` steps."""
    c0 = time.process_time()
    for _ in range(weeks):
        model.step()  # type: ignore[attr-defined]
    return (time.process_time() - c0) / weeks


#: the byte-identity check of a speed change (``--hashes``): two youth scenarios, one without programmes (the
#: plain week) and one with a programme from week 26 (the week with programmes), at two seeds
HASH_SCENARIOS = ("youth_reference", "youth_activities_at_risk")
HASH_SEEDS = (1, 2)
HASH_WEEKS = 130


def hashes() -> dict[str, str]:
    """SHA-256 (first 16 hex digits) of the timeseries' column names and float64 bytes per (scenario, seed):
    a change that only makes the youth stage faster must leave every one of them as it was."""
    from wijksim.runner import run_scenario
    from wijksim.scenarios import load_scenario

    out = {}
    for name in HASH_SCENARIOS:
        sc = load_scenario(HERE.parent / "scenarios" / f"{name}.toml")
        for seed in HASH_SEEDS:
            ts = run_scenario(sc, seed, HASH_WEEKS)
            h = hashlib.sha256(",".join(map(str, ts.columns)).encode())
            h.update(ts.to_numpy(dtype=float).tobytes())
            out[f"{name}@{seed}"] = h.hexdigest()[:16]
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--side", type=int, default=44, help="grid side (44: ≈ 1,000 households)")
    ap.add_argument("--weeks", type=int, default=104, help="weeks per timed block")
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--cpu", type=int, default=None,
                    help="pin to this core (benchmarks/run.py passes its faster core: the cores of a shared machine "
                         "differ, and a process that floats between them mixes their speeds into the ratio)")
    ap.add_argument("--hashes", action="store_true", help="print the byte-identity hashes of youth runs and stop")
    args = ap.parse_args()
    if args.hashes:
        print(json.dumps(hashes(), indent=1))
        return
    if args.cpu is not None and hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {args.cpu})
    from wijksim.model import WijkModel

    size = {"width": args.side, "height": args.side, "burn_in": 26}
    off, on = WijkModel(1, **size), WijkModel(1, youth_enabled=True, **size)
    block(off, 10), block(on, 10)  # warm: kernels loaded, caches filled
    rounds = []
    for _ in range(args.rounds):
        t_off, t_on = block(off, args.weeks), block(on, args.weeks)
        rounds.append({"off_ms": 1e3 * t_off, "on_ms": 1e3 * t_on, "ratio": t_on / t_off})
    ratio = statistics.median(r["ratio"] for r in rounds)
    result = {"side": args.side, "cpu": args.cpu, "households": off.n_residents,
              "youths": on.youth.n if on.youth else 0,
              "weeks_per_block": args.weeks, "rounds": rounds, "ratio_median": ratio, "limit": LIMIT,
              "within_limit": ratio <= LIMIT}
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(result, indent=1) + "\n")
    print(f"youth on / off, step time (median of {args.rounds}): {ratio:.3f} (limit {LIMIT})")


if __name__ == "__main__":
    main()
