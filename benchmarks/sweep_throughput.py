"""Sweep throughput at 2,000 households × 104 weeks: runs per minute on Dask vs the same runs serially.

Not a timed test: a measurement to report (issue #25 target: ≥ 750 runs/min on 2 cores at the registry's
default burn-in; issue #4's was 600). The sweep
timing starts when the local cluster is up (its start-up, a few seconds, is paid once per sweep) and
includes scheduling, transfer and writing the Parquet parts; the serial timing runs the very same runs
(same seeds) in this process with no Dask at all. Results are checked to be identical.

    .venv/bin/python benchmarks/sweep_throughput.py [--runs 24] [--workers 2] [--side 63] [--weeks 104]
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

import pandas as pd

from wijksim.params import PARAMS
from wijksim.sweep import storage
from wijksim.sweep.design import experiment_from_dict
from wijksim.sweep.execute import run_serial, run_sweep

TARGET = 750  # runs a minute on 2 cores (issue #25)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--runs", type=int, default=24, help="runs in the sweep (and serially)")
    ap.add_argument("--workers", type=int, default=os.cpu_count() or 2)
    ap.add_argument("--side", type=int, default=63, help="grid side: 63 x 63 gives about 2,200 households")
    ap.add_argument("--weeks", type=int, default=104)
    ap.add_argument(
        "--burn-in", type=int, default=None, help="override the burn-in (default: the registry's)"
    )
    ap.add_argument("--json", type=Path, default=None, help="also write the figures as JSON here")
    args = ap.parse_args()

    params = {"width": args.side, "height": args.side}
    if args.burn_in is not None:
        params["burn_in"] = args.burn_in
    exp = experiment_from_dict(
        {
            "name": "throughput",
            "weeks": args.weeks,
            "replicates": args.runs // 4,
            "seed": 1,
            "params": params,
            "outputs": ["incidents", "share_withdrawn", "share_active", "collective_efficacy"],
            "design": {"kind": "grid", "factors": {"crime_rate": {"values": [0.5, 1.0, 1.5, 2.0]}}},
        },
        "benchmark",
    )
    from wijksim import WijkModel

    households = WijkModel(
        rng=0, burn_in=0, **{k: v for k, v in params.items() if k != "burn_in"}
    ).n_residents
    with tempfile.TemporaryDirectory() as tmp:
        res = run_sweep(exp, Path(tmp) / "sweep", workers=args.workers)
        swept = storage.read_results(Path(tmp) / "sweep")
    t0 = time.perf_counter()
    serial = run_serial(exp)
    serial_s = time.perf_counter() - t0
    pd.testing.assert_frame_equal(swept, serial, check_dtype=False)
    sweep_rpm = res.runs_per_minute
    serial_rpm = 60.0 * exp.n_runs / serial_s
    out = {
        "households": households,
        "weeks": args.weeks,
        "burn_in": exp.params.get("burn_in", PARAMS["burn_in"].default),
        "runs": exp.n_runs,
        "workers": res.workers,
        "cpu_count": os.cpu_count(),
        "sweep_seconds": round(res.seconds, 2),
        "sweep_runs_per_minute": round(sweep_rpm, 1),
        "serial_seconds": round(serial_s, 2),
        "serial_runs_per_minute": round(serial_rpm, 1),
        "speedup_vs_serial": round(sweep_rpm / serial_rpm, 2),
        "seconds_per_run_serial": round(serial_s / exp.n_runs, 3),
        "target_runs_per_minute": TARGET,
    }
    print(json.dumps(out, indent=2))
    print(
        f"sweep: {sweep_rpm:.1f} runs/min on {res.workers} workers; serial: {serial_rpm:.1f} runs/min; "
        f"ratio {sweep_rpm / serial_rpm:.2f}x; target {TARGET} runs/min needs ≤ "
        f"{60 * res.workers / TARGET:.2f} s per run per core (now {serial_s / exp.n_runs:.2f} s)",
        file=sys.stderr,
    )
    if args.json:
        args.json.write_text(json.dumps(out, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
