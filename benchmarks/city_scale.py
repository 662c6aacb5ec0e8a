"""What the city layer costs (issue #27): a city's week against the same wijken's weeks alone, in one run.

    .venv/bin/python benchmarks/city_scale.py [--wijken 9] [--size 30] [--weeks 10]

Builds a city of ``--wijken`` generated wijken of ``--size``² cells on a grid 1.2 km apart and the same wijken as
lone ``WijkModel``s (same seeds), then times, in the same process and interleaved week by week, one city week
against the lone wijken's weeks (CPU time). Prints households, CPU ms per city week, the ratio city / alone (the
city layer's overhead: offender flows, police allocation, journeys) and household-weeks per CPU second, and writes
them to ``benchmarks/results/city_scale.json``. The 100 k and 470 k household targets are *not* measured here: the
line printed for them is an extrapolation from the measured throughput, labelled as such.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

import numpy as np

from wijksim.city.cityfile import parse_city
from wijksim.city.model import CityModel, wijk_seed
from wijksim.model import WijkModel

RESULTS = Path(__file__).resolve().parent / "results" / "city_scale.json"


def city_data(n: int, size: int) -> dict:
    side = int(np.ceil(np.sqrt(n)))
    wijken = []
    for i in range(n):
        r, c = divmod(i, side)
        nb = [f"w{j}" for j in range(n) if abs(j // side - r) + abs(j % side - c) == 1]
        wijken.append({"name": f"w{i}", "x_km": 1.2 * c, "y_km": 1.2 * r, "neighbours": nb})
    return {"name": "bench", "weeks": 10, "params": {"moving_house": False},
            "wijk_params": {"width": size, "height": size, "burn_in": 5}, "wijken": wijken}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--wijken", type=int, default=9)
    ap.add_argument("--size", type=int, default=30)
    ap.add_argument("--weeks", type=int, default=10)
    ap.add_argument("--full-run", action="store_true",
                    help="instead: one whole city run (burn-in 260 + 156 weeks), wall and CPU time and peak memory")
    args = ap.parse_args()
    if args.full_run:
        full_run(args.wijken, args.size)
        return
    city = parse_city(city_data(args.wijken, args.size), "bench", Path.cwd())
    cm = CityModel(city, 1)
    alone = [WijkModel(rng=wijk_seed(1, w.name), **w.params) for w in city.wijken]
    cm.step()
    for m in alone:
        m.step()  # warm-up week
    t_city = t_alone = 0.0
    for _ in range(args.weeks):
        t0 = time.process_time()
        cm.step()
        t1 = time.process_time()
        for m in alone:
            m.step()
        t2 = time.process_time()
        t_city += t1 - t0
        t_alone += t2 - t1
    households = sum(m.n_residents for m in cm.models)
    per_week = t_city / args.weeks
    out = {"wijken": args.wijken, "size": args.size, "weeks": args.weeks, "households": households,
           "city_ms_per_week": 1000 * per_week, "alone_ms_per_week": 1000 * t_alone / args.weeks,
           "city_over_alone": t_city / t_alone, "household_weeks_per_cpu_s": households / per_week}
    for target in (100_000, 470_000):
        out[f"extrapolated_s_{target}_156_plus_260"] = target / out["household_weeks_per_cpu_s"] * (156 + 260)
    RESULTS.parent.mkdir(exist_ok=True)
    RESULTS.write_text(json.dumps(out, indent=2) + "\n", encoding="utf-8")
    for k, v in out.items():
        print(f"{k}: {v:.4g}" if isinstance(v, float) else f"{k}: {v}")


def full_run(n: int, size: int) -> None:
    """One city of ``n`` wijken of ``size``² cells, built (260-week burn-in) and run 156 weeks with the city's
    default constants (moving house on): measured, not extrapolated. Written to
    ``results/city_full_<households>.json``."""
    import os
    import platform
    import resource

    load_before = os.getloadavg()[0]
    data = city_data(n, size)
    data["params"] = {}  # the registry's defaults: moving house on
    data["wijk_params"]["burn_in"] = 260
    city = parse_city(data, "bench", Path.cwd())
    w0, c0 = time.perf_counter(), time.process_time()
    cm = CityModel(city, 1)
    w1, c1 = time.perf_counter(), time.process_time()
    cm.run(156)
    w2, c2 = time.perf_counter(), time.process_time()
    households = sum(m.n_residents for m in cm.models)
    out = {"wijken": n, "size": size, "households": households, "build_wall_s": w1 - w0, "build_cpu_s": c1 - c0,
           "run_wall_s": w2 - w1, "run_cpu_s": c2 - c1, "total_wall_s": w2 - w0, "total_cpu_s": c2 - c0,
           "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
           "moving_house": bool(cm.p["moving_house"]), "cpus": os.cpu_count(),
           "load_average_1min_before": load_before, "load_average_1min": os.getloadavg()[0],
           "cpu_share_of_wall": (c2 - c0) / (w2 - w0), "python": platform.python_version(),
           "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())}
    path = RESULTS.with_name(f"city_full_{households}.json")
    path.parent.mkdir(exist_ok=True)
    path.write_text(json.dumps(out, indent=2) + "\n", encoding="utf-8")
    for k, v in out.items():
        print(f"{k}: {v:.4g}" if isinstance(v, float) else f"{k}: {v}")


if __name__ == "__main__":
    main()
