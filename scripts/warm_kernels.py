"""Compile wijksim's kernels once, into numba's on-disk cache, so the first real run starts warm.

The weekly step's loops are compiled by numba on first use (``cache=True``) and loaded from the cache after
that. On a fresh checkout every process that runs a model compiles whatever is not cached yet: two xdist
workers, a Dask cluster's workers and the test suite's CLI server all compiled the same kernels at once
(about 20 s each on the 2-core development machine). ``make`` runs this script once after installing, so
that cost is paid once, serially, where installing is paid.

It runs every shipped scenario on a small wijk for a few weeks, which calls every stage with the types a
real run uses (an argument of another type would compile a second version, so nothing here may differ in
kind from a real run: only the wijk's size and the number of weeks do). What it prints is only for the log;
the model's output does not depend on whether a kernel came from the cache.

    .venv/bin/python scripts/warm_kernels.py
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from wijksim.runner import build_model
from wijksim.scenarios import ScenarioError, load_scenario

ROOT = Path(__file__).resolve().parents[1]
SMALL = {"width": 20, "height": 20, "burn_in": 2}


def main() -> int:
    t0 = time.perf_counter()
    files = sorted((ROOT / "scenarios").glob("*.toml"))
    ran = 0
    for f in files:
        try:
            sc = load_scenario(f)
        except ScenarioError:  # a city file (scenarios/city_example.toml): its wijken run these same kernels
            continue
        if sc.layout is not None:  # a map file fixes the wijk's size: run it as it is, briefly
            model = build_model(sc, seed=1, overrides={"burn_in": 2})
        else:
            model = build_model(sc, seed=1, overrides=SMALL)
        model.run(min(sc.weeks, 30))  # week 30 reaches every shipped intervention's start (26-28)
        ran += 1
    print(f"wijksim kernels compiled and cached ({ran} scenarios, {time.perf_counter() - t0:.0f} s)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
