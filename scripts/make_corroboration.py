"""Generate the results of docs/corroboration.md's single-wijk section: the held-out patterns P1-P5.

The predictions (band, source, seeds, window, power) were written and committed before this script existed;
this script only measures them with the settings they name and renders what came out, met or not. The
per-run sums are saved in ``docs/data/corroboration.json`` with the settings that made them (seeds, weeks,
bands, the registry's defaults), and the markdown between the results markers is rendered from that file, so
nothing in the table is typed. ``tests/test_corroboration.py`` checks the page against the json and the json
against the code (fast), and (slow) re-runs recorded seeds.

Usage::

    .venv/bin/python scripts/make_corroboration.py              # 64 runs, about 10 minutes on one core
    .venv/bin/python scripts/make_corroboration.py --workers 2  # the same numbers on two cores
    .venv/bin/python scripts/make_corroboration.py --render     # verdicts and page again from the saved per-run sums
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from wijksim.corroboration import DISTANCE_RINGS, TIME_BANDS, observe_run, pooled_ratio  # noqa: E402
from wijksim.params.registry import defaults_sha256  # noqa: E402

PAGE = ROOT / "docs" / "corroboration.md"
DATA = ROOT / "docs" / "data" / "corroboration.json"
MARKER = re.compile(r"(<!-- corroboration-results -->\n)(?P<body>.*?)(<!-- /corroboration-results -->)", re.S)
#: fixed in advance (docs/corroboration.md, "Runs"): a range no test and no earlier experiment uses
SEEDS = tuple(range(7000, 7064))
WEEKS = 104  # recorded weeks after the default burn-in
SURVEY_WEEKS = 52  # the survey at the end asks about the last 12 months
WINDOWS = 2  # 52-week windows for repeat burglary
PERMUTATIONS = 99  # Knox: permutations of the weeks per run
MIN_CASES = 50  # fewer repeat victims (P2) or burglary victim-windows (P4) than this: not testable


def settings() -> dict[str, Any]:
    """What the numbers depend on: seeds, lengths, bands and the registry's defaults."""
    return {"seeds": list(SEEDS), "weeks": WEEKS, "survey_weeks": SURVEY_WEEKS, "windows": WINDOWS,
            "permutations": PERMUTATIONS, "distance_rings_m": [list(r) for r in DISTANCE_RINGS],
            "time_bands_weeks": [list(b) for b in TIME_BANDS],
            "defaults_sha256": defaults_sha256()}


def _observe(seed: int) -> dict[str, Any]:
    return observe_run(seed, weeks=WEEKS, survey_weeks=SURVEY_WEEKS, windows=WINDOWS,
                       permutations=PERMUTATIONS).as_dict()


def measure(workers: int = 1, seeds: tuple[int, ...] = SEEDS) -> list[dict[str, Any]]:
    """One record of sums per seed, in seed order (the same whatever ``workers``)."""
    if workers <= 1:
        return [_observe(s) for s in seeds]
    with ProcessPoolExecutor(workers) as pool:
        return list(pool.map(_observe, seeds))


def _col(runs: list[dict[str, Any]], key: str) -> list[float]:
    return [float(r[key]) for r in runs]


def _knox(runs: list[dict[str, Any]], ring: int, band: int) -> tuple[float, float, float]:
    obs = [r["knox_observed"][ring][band] for r in runs]
    exp = [r["knox_expected"][ring][band] for r in runs]
    return pooled_ratio(obs, exp)


def _in(band: tuple[float, float], m: float) -> bool:
    return band[0] <= m <= band[1]


def _row(key: str, est: tuple[float, float, float], verdict: str, **extra: Any) -> dict[str, Any]:
    return {"pattern": key, "estimate": est[0], "lo": est[1], "hi": est[2], "verdict": verdict, **extra}


def evaluate(runs: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The verdict of each pattern from the per-run sums, by the rules written before the run."""
    out = []
    p1 = pooled_ratio(_col(runs, "victims_unsafe"), _col(runs, "victims"), _col(runs, "nonvictims_unsafe"),
                      _col(runs, "nonvictims"))
    out.append(_row("P1", p1, "met" if _in((1.8, 3.0), p1[0]) and p1[1] > 1 else "not met"))
    shares = {g: pooled_ratio(_col(runs, f"{g}_unsafe"), _col(runs, g)) for g in ("repeat", "once", "nonvictims")}
    p2 = pooled_ratio(_col(runs, "repeat_unsafe"), _col(runs, "repeat"), _col(runs, "once_unsafe"),
                      _col(runs, "once"))
    ordered = shares["repeat"][0] > shares["once"][0] > shares["nonvictims"][0]
    n_repeat = int(sum(_col(runs, "repeat")))
    v2 = ("not testable" if n_repeat < MIN_CASES else
          "met" if ordered and _in((1.2, 2.5), p2[0]) and p2[1] > 1 else "not met")
    out.append(_row("P2", p2, v2, cases=n_repeat, shares={g: list(s) for g, s in shares.items()}))
    p3 = pooled_ratio(_col(runs, "victims_trust"), _col(runs, "victims"), _col(runs, "nonvictims_trust"),
                      _col(runs, "nonvictims"))
    out.append(_row("P3", p3, "met" if _in((0.70, 0.95), p3[0]) and p3[2] < 1 else "not met"))
    p4 = pooled_ratio(_col(runs, "burglary_repeat"), _col(runs, "burglary_victims"))
    n_burgled = int(sum(_col(runs, "burglary_victims")))
    v4 = "not testable" if n_burgled < MIN_CASES else "met" if _in((0.16, 0.28), p4[0]) else "not met"
    out.append(_row("P4", p4, v4, cases=n_burgled, burglaries=int(sum(_col(runs, "burglaries")))))
    knox = {f"{i},{j}": list(_knox(runs, i, j)) for i in range(len(DISTANCE_RINGS)) for j in range(len(TIME_BANDS))}
    a, b, c1, c2, d = knox["0,0"], knox["1,0"], knox["0,0"][0], knox["1,0"][0], knox["0,2"]
    parts = {"a": a[0] >= 1.05 and a[1] > 1, "b": b[0] > 1 and b[1] > 1, "c": c1 > c2 > knox["2,0"][0],
             "d": _in((0.9, 1.1), d[0])}
    out.append(_row("P5", (a[0], a[1], a[2]), "met" if all(parts.values()) else "not met", parts=parts, knox=knox,
                    crimes=int(sum(_col(runs, "crimes")))))
    return out


#: what each pattern states and its band, as written in the predictions table
CLAIMS = {
    "P1": ("victims feel unsafe more often than non-victims", "share unsafe, victims ÷ non-victims",
           "[1.8, 3.0], interval above 1"),
    "P2": ("repeat victims > one-time victims > non-victims", "share unsafe, repeat ÷ one-time victims",
           "ordered; [1.2, 2.5], interval above 1"),
    "P3": ("victims rate the police lower", "mean trust in the police, victims ÷ non-victims",
           "[0.70, 0.95], interval below 1"),
    "P4": ("a fifth of burglary victims are burgled again within a year",
           "share of burglary victims burgled again in the window", "[16 %, 28 %]"),
    "P5": ("near repeats reach ~200 m and fade within ~2 months", "Knox ratio, 0–100 m and 0–2 weeks (part a)",
           "(a) ≥ 1.05 and (b)–(d), see below"),
}


def _num(r: dict[str, Any]) -> str:
    pct = r["pattern"] == "P4"
    f = (lambda v: f"{100 * v:.1f} %") if pct else (lambda v: f"{v:.3f}")
    return f"{f(r['estimate'])} [{f(r['lo'])}, {f(r['hi'])}]"


def _knox_table(r: dict[str, Any]) -> list[str]:
    bands = [f"{lo}–{hi} weeks" for lo, hi in TIME_BANDS]
    lines = ["| distance | " + " | ".join(bands) + " |", "|---" * (len(bands) + 1) + "|"]
    for i, (lo, hi) in enumerate(DISTANCE_RINGS):
        cells = [f"{k[0]:.3f} [{k[1]:.3f}, {k[2]:.3f}]" for k in (r["knox"][f"{i},{j}"] for j in range(len(bands)))]
        lines.append(f"| {lo:.0f}–{hi:.0f} m | " + " | ".join(cells) + " |")
    return lines


def render(data: dict[str, Any]) -> str:
    """The results block: one row per pattern, then P2's shares and P5's Knox table."""
    s = data["settings"]
    rows = {r["pattern"]: r for r in data["results"]}
    lines = [f"Default parameters, 40 × 40 wijk, seeds {s['seeds'][0]}–{s['seeds'][-1]} ({len(s['seeds'])} runs of "
             f"{s['weeks']} weeks after the burn-in); the survey covers the last {s['survey_weeks']} weeks. "
             "Intervals: 95 % percentile bootstrap over runs.", "",
             "| # | pattern | measure | predicted | model (95 % interval) | verdict |", "|---|---|---|---|---|---|"]
    for key, (claim, measure_, band) in CLAIMS.items():
        r = rows[key]
        lines.append(f"| {key} | {claim} | {measure_} | {band} | {_num(r)} | **{r['verdict']}** |")
    p2, p4, p5 = rows["P2"], rows["P4"], rows["P5"]
    sh = p2["shares"]
    lines += ["", f"P2, share feeling unsafe: victims of two crimes or more {100 * sh['repeat'][0]:.1f} % "
              f"({p2['cases']} households over all runs), of one {100 * sh['once'][0]:.1f} %, "
              f"non-victims {100 * sh['nonvictims'][0]:.1f} %. "
              f"P4: {p4['burglaries']} burglaries in all runs, {p4['cases']} burglary victims counted per window.", "",
              f"P5, Knox ratios of {p5['crimes']} crimes (burglary and street crime), observed ÷ expected pairs "
              "(95 % interval); parts: " + ", ".join(f"({k}) {'holds' if v else 'fails'}"
                                                     for k, v in p5["parts"].items()) + ".", ""]
    lines += _knox_table(p5)
    return "\n".join(lines) + "\n"


def write_markdown(data: dict[str, Any]) -> None:
    text = PAGE.read_text()
    if not MARKER.search(text):
        raise SystemExit(f"{PAGE}: the results markers <!-- corroboration-results --> are missing")
    PAGE.write_text(MARKER.sub(lambda m: m.group(1) + render(data) + m.group(3), text))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--render", action="store_true", help="only re-evaluate and re-render from the saved per-run sums")
    ap.add_argument("--workers", type=int, default=1, help="processes (default 1: the numbers do not depend on it)")
    args = ap.parse_args(argv)
    if args.render:  # the verdicts again from the saved per-run sums (cheap), then the page
        data = json.loads(DATA.read_text())
        data["results"] = evaluate(data["runs"])
        DATA.write_text(json.dumps(data, indent=1, sort_keys=True) + "\n")
        write_markdown(data)
        return 0
    t0 = time.time()
    runs = measure(args.workers)
    data = {"settings": settings(), "results": evaluate(runs), "runs": runs}
    DATA.write_text(json.dumps(data, indent=1, sort_keys=True) + "\n")
    write_markdown(data)
    print(f"corroboration: {len(runs)} runs in {time.time() - t0:.0f} s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
