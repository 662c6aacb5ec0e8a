"""How long a calibration takes: ABC-SMC (``wijksim calibrate``) of an 800-household wijk on two workers.

The size the issue names: population 200, 5 generations, 156-week runs (plus the burn-in) of the default
40 × 40 wijk (804 households), fitting ``fear_decay`` and ``report_base`` to a share feeling unsafe and
a reporting rate. Reports wall time, the number of simulations and simulations per second in
``benchmarks/results/calibration.json`` and ``calibration.md`` (a measurement, not a test: nothing
asserts a time).

    .venv/bin/python benchmarks/calibration.py             # the issue's size (minutes)
    .venv/bin/python benchmarks/calibration.py --quick     # population 40, 2 generations, 52 weeks
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import tempfile
import time
from pathlib import Path

RESULTS = Path(__file__).resolve().parent / "results"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="a small calibration (smoke run)")
    ap.add_argument("--workers", type=int, default=2)
    args = ap.parse_args()
    from wijksim.calibrate import load_targets, run_calibration, summarize_posterior, total_simulations

    population, generations, weeks = (40, 2, 52) if args.quick else (200, 5, 156)
    with tempfile.TemporaryDirectory() as d:
        tmp = Path(d)
        (tmp / "base.toml").write_text('name = "bench"\ndescription = "default 40 x 40 wijk"\nweeks = 156\n')
        (tmp / "targets.toml").write_text(
            f'scenario = "base.toml"\nweeks = {weeks}\nsummary_weeks = {min(52, weeks)}\n'
            f"population = {population}\ngenerations = {generations}\nseed = 1\n"
            "[fit]\nfear_decay = { low = 0.01, high = 0.06 }\nreport_base = { low = -1.0, high = 0.5 }\n"
            "[targets]\nshare_unsafe = { value = 0.18, sd = 0.02 }\nreporting_rate = { value = 0.34, sd = 0.03 }\n"
        )
        cal = load_targets(tmp / "targets.toml")
        t0 = time.perf_counter()
        post = run_calibration(cal, tmp / "out", workers=args.workers, log=lambda s: None)
        seconds = time.perf_counter() - t0
        sims = total_simulations(tmp / "out")
        table = summarize_posterior(post, cal)
    from wijksim import WijkModel
    from wijksim.params import PARAMS

    households = WijkModel(rng=1, burn_in=0).n_residents
    result = {
        "mode": "quick" if args.quick else "issue size",
        "households": households, "weeks": weeks, "burn_in": PARAMS["burn_in"].default,
        "population": population, "generations": generations, "workers": args.workers,
        "seconds": round(seconds, 1), "simulations": sims,
        "simulations_per_second": round(sims / seconds, 2) if sims else None,
        "posterior": table.to_dict("records"),
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version(),
                    "load_average_at_end": os.getloadavg()},
        "date": time.strftime("%Y-%m-%d %H:%M"),
    }
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "calibration.json").write_text(json.dumps(result, indent=2) + "\n")
    md = (f"# Calibration benchmark ({result['mode']}, {result['date']})\n\n"
          f"ABC-SMC of the default wijk ({households} households), {weeks}-week runs plus a "
          f"{result['burn_in']}-week burn-in, population {population} × {generations} generations, "
          f"{args.workers} local Dask workers: **{seconds / 60:.1f} min, {sims} simulations** "
          f"({result['simulations_per_second']} per second; load average at the end "
          f"{result['machine']['load_average_at_end'][0]:.1f}).\n")
    (RESULTS / "calibration.md").write_text(md)
    print(md)


if __name__ == "__main__":
    main()
