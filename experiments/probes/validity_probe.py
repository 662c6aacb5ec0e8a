"""Probe the validity targets of issue 14 with paired seeds (common random numbers).

Each target is a pair (or set) of arms run with the same seeds; the paired difference per seed is
averaged and given a 95 % t-interval. Arms are built from scenario files in ``scenarios/`` plus
overrides, so the shipped files are what is measured.

Usage::

    nice .venv/bin/python experiments/probes/validity_probe.py --seeds 12 --targets cal,drift,eng \
        --set kappa_residents=0.4 --set vigilance_active=5

Targets: cal (calibration of the reference), drift (year 3 vs year 1 of the reference),
eng (engagement programme vs reference), fb (police feedback vs none), partners (blame vs mutual,
and mode alone at equal cooperation), spiral (year-long crisis x3 vs none, two years after, at
several crime rates), voor (voorlichting 2 x 2).
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
from wijksim.scenarios import load_scenario  # noqa: E402

SC = ROOT / "scenarios"


def arm(name: str, params: dict[str, Any] | None = None, extra: list[dict[str, Any]] | None = None,
        weeks: int | None = None) -> dict[str, Any]:
    sc = load_scenario(SC / f"{name}.toml")
    return {"params": {**sc.params, **(params or {})},
            "interventions": [iv.model_dump() for iv in sc.interventions] + list(extra or []),
            "weeks": weeks or sc.weeks}


def _run(job: tuple[str, dict[str, Any], int, dict[str, Any]]) -> tuple[str, int, pd.DataFrame]:
    label, a, seed, overrides = job
    ivs = [make(dict(d)) for d in a["interventions"]]
    m = WijkModel(rng=seed, interventions=ivs, **{**a["params"], **overrides})
    return label, seed, m.run(a["weeks"]).timeseries()


def run_arms(arms: dict[str, dict[str, Any]], seeds: int, overrides: dict[str, Any], seed0: int = 1000,
             workers: int = 2) -> dict[str, dict[int, pd.DataFrame]]:
    jobs = [(label, a, seed0 + k, overrides) for label, a in arms.items() for k in range(seeds)]
    out: dict[str, dict[int, pd.DataFrame]] = {label: {} for label in arms}
    with ProcessPoolExecutor(max_workers=workers) as pool:
        for label, seed, ts in pool.map(_run, jobs, chunksize=1):
            out[label][seed] = ts
    return out


def win(ts: pd.DataFrame, col: str, lo: int, hi: int) -> float:
    """Mean of ``col`` over weeks lo < week <= hi."""
    return float(ts.loc[(ts["week"] > lo) & (ts["week"] <= hi), col].mean())


def ci(d: np.ndarray) -> tuple[float, float, float]:
    d = np.asarray(d, dtype=float)
    m = float(d.mean())
    if len(d) < 2 or d.std(ddof=1) == 0:
        return m, m, m
    h = float(stats.t.ppf(0.975, len(d) - 1) * d.std(ddof=1) / np.sqrt(len(d)))
    return m, m - h, m + h


def paired(res, a: str, b: str, col: str, lo: int, hi: int, rel: bool = False) -> tuple[float, float, float]:
    """Paired a − b over seeds of the window mean; with ``rel`` divided by the reference's mean over seeds
    (a relative effect whose interval is that of the paired difference, safe for rare counts)."""
    seeds = sorted(res[a])
    xa = np.array([win(res[a][s], col, lo, hi) for s in seeds])
    xb = np.array([win(res[b][s], col, lo, hi) for s in seeds])
    m, lo_, hi_ = ci(xa - xb)
    if rel:
        base = float(xb.mean())
        return m / base, lo_ / base, hi_ / base
    return m, lo_, hi_


def fmt(t: tuple[float, float, float], scale: float = 100.0, unit: str = "%") -> str:
    return f"{t[0] * scale:+.2f}{unit} [{t[1] * scale:+.2f}, {t[2] * scale:+.2f}]"


def mean_of(res, a: str, col: str, lo: int, hi: int) -> float:
    return float(np.mean([win(ts, col, lo, hi) for ts in res[a].values()]))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--seeds", type=int, default=12)
    ap.add_argument("--targets", default="cal,drift,eng,fb,partners")
    ap.add_argument("--set", action="append", default=[])
    ap.add_argument("--size", type=int, default=40)
    ap.add_argument("--rates", default="1,2,3")
    ap.add_argument("--json", default="")
    args = ap.parse_args()
    ov: dict[str, Any] = {}
    for s in args.set:
        k, _, v = s.partition("=")
        ov[k] = coerce(k, v)
    if args.size != 40:
        ov.update(width=args.size, height=args.size)
    targets = args.targets.split(",")
    t0 = time.time()
    out: dict[str, Any] = {"overrides": ov, "seeds": args.seeds}
    lines = [f"overrides {ov}, seeds {args.seeds}, size {args.size}"]

    if "cal" in targets or "drift" in targets:
        res = run_arms({"ref": arm("reference")}, args.seeds, ov)
        last = (104, 156)
        cal = {c: mean_of(res, "ref", c, *last) for c in
               ("share_unsafe", "reporting_rate", "cohesion", "share_complained_year", "share_active",
                "share_withdrawn", "incidents", "incidents_burglary", "guardianship_mean", "presence_mean")}
        out["cal"] = cal
        lines.append("CAL " + ", ".join(f"{k}={v:.3f}" for k, v in cal.items()))
        drift = {}
        for c in ("share_withdrawn", "share_active", "incidents", "cohesion"):
            seeds = sorted(res["ref"])
            y1 = np.array([win(res["ref"][s], c, 0, 52) for s in seeds])
            y3 = np.array([win(res["ref"][s], c, 104, 156) for s in seeds])
            drift[c] = (float(y3.mean() / y1.mean() - 1), ci(y3 / y1 - 1))
        out["drift"] = {k: v[0] for k, v in drift.items()}
        lines.append("DRIFT y3/y1-1 (ratio of means; per-seed CI): " + ", ".join(
            f"{k}={v[0] * 100:+.1f}% {fmt(v[1])}" for k, v in drift.items()))

    if "eng" in targets:
        res = run_arms({"ref": arm("reference"), "eng": arm("engagement_programme")}, args.seeds, ov)
        run_w, after_w = (52, 104), (117, 156)
        r = {
            "active_pp": paired(res, "eng", "ref", "share_active", *run_w),
            "incidents_rel": paired(res, "eng", "ref", "incidents", *run_w, rel=True),
            "burglary_rel": paired(res, "eng", "ref", "incidents_burglary", *run_w, rel=True),
            "reporting_pp": paired(res, "eng", "ref", "reporting_rate", *run_w),
            "incidents_after_rel": paired(res, "eng", "ref", "incidents", *after_w, rel=True),
            "active_after_pp": paired(res, "eng", "ref", "share_active", *after_w),
        }
        mx = max(float(ts["share_active"].max()) for ts in res["eng"].values())
        out["eng"] = {k: v for k, v in r.items()} | {"max_active": mx}
        lines.append("ENG (weeks 53-104) " + ", ".join(f"{k}={fmt(v)}" for k, v in r.items())
                     + f", max share_active={mx:.3f}, ref active={mean_of(res, 'ref', 'share_active', *run_w):.3f}")

    if "fb" in targets:
        res = run_arms({"silence": arm("police_feedback_none"), "feedback": arm("police_feedback")}, args.seeds, ov)
        r = {"reporting_pp_y2": paired(res, "feedback", "silence", "reporting_rate", 52, 104),
             "reporting_pp_y1": paired(res, "feedback", "silence", "reporting_rate", 0, 52),
             "trust_police_y2": paired(res, "feedback", "silence", "trust_police", 52, 104)}
        out["fb"] = r
        lines.append("FB " + ", ".join(f"{k}={fmt(v)}" for k, v in r.items()))

    if "partners" in targets:
        arms = {"mutual": arm("mutual_support"), "blame": arm("blame_shifting"),
                "mode_mutual": arm("reference", {"collaboration": "mutual_support", "cooperation": 0.5}),
                "mode_blame": arm("reference", {"collaboration": "blame_shifting", "cooperation": 0.5})}
        res = run_arms(arms, args.seeds, ov)
        w = (52, 156)
        r = {"active_pp": paired(res, "mutual", "blame", "share_active", *w),
             "withdrawn_pp": paired(res, "mutual", "blame", "share_withdrawn", *w),
             "trust_pol": paired(res, "mutual", "blame", "trust_police", *w),
             "disorder": paired(res, "mutual", "blame", "disorder_mean", *w),
             "mode_active_pp": paired(res, "mode_mutual", "mode_blame", "share_active", *w),
             "mode_withdrawn_pp": paired(res, "mode_mutual", "mode_blame", "share_withdrawn", *w)}
        out["partners"] = r
        lines.append("PARTNERS (weeks 53-156, mutual-blame) " + ", ".join(f"{k}={fmt(v)}" for k, v in r.items()))

    if "spiral" in targets:
        rates = [float(x) for x in args.rates.split(",")]
        arms = {}
        crisis = [{"type": "crime_wave", "start": 13, "weeks": 52, "multiplier": 3.0}]
        for cr in rates:
            arms[f"calm{cr}"] = arm("reference", {"crime_rate": cr}, weeks=169)
            arms[f"crisis{cr}"] = arm("reference", {"crime_rate": cr}, crisis, weeks=169)
        res = run_arms(arms, args.seeds, ov)
        r = {}
        for cr in rates:
            # two years after the crisis ended (week 64): weeks 117-169 vs same weeks calm, relative
            r[cr] = (paired(res, f"crisis{cr}", f"calm{cr}", "share_withdrawn", 143, 169, rel=True),
                     mean_of(res, f"calm{cr}", "share_withdrawn", 143, 169),
                     paired(res, f"crisis{cr}", f"calm{cr}", "share_withdrawn", 65, 117, rel=True))
        out["spiral"] = {str(k): v for k, v in r.items()}
        lines.append("SPIRAL withdrawn crisis/calm-1 in weeks 144-169 (2 y after) [year after]: " + "; ".join(
            f"cr={k}: {fmt(v[0])} (calm wd {v[1]:.3f}) [{fmt(v[2])}]" for k, v in r.items()))

    if "voor" in targets:
        names = ["voorlichting_flyer_action", "voorlichting_flyer_no_action", "voorlichting_community_action",
                 "voorlichting_community_no_action"]
        arms = {"none": arm("reference", weeks=78)} | {n: arm(n, weeks=78) for n in names}
        res = run_arms(arms, args.seeds, ov)
        r = {}
        for n in names:
            r[n] = (paired(res, n, "none", "share_active", 26, 78), paired(res, n, "none", "fear_mean", 26, 78))
        out["voor"] = r
        lines.append("VOOR (weeks 27-78 vs none) " + "; ".join(
            f"{k}: active {fmt(v[0])} fear {fmt(v[1])}" for k, v in r.items()))

    lines.append(f"({time.time() - t0:.0f} s)")
    print("\n".join(lines), flush=True)
    if args.json:
        with open(args.json, "a") as f:
            f.write(json.dumps(out, default=str) + "\n")


if __name__ == "__main__":
    main()
