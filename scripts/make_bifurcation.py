"""Generate the bifurcation figure of docs/tipping.md: share withdrawn along crime_rate for the reference wijk.

Runs :func:`wijksim.edge.measure` on ``scenarios/reference.toml`` (every other parameter at its default) with
the settings below: the two histories (calm vs a year-long crisis ×3, judged two years after it ended) at
each crime rate of :data:`RATES`, and the slow ramp over the same rates, up and back down. Nothing is typed:
the numbers are saved with the settings that made them in ``docs/data/bifurcation.json``; the figure
(``docs/img/bifurcation.png``) and the table in docs/tipping.md are drawn from that file.

Usage::

    .venv/bin/python scripts/make_bifurcation.py            # run (see the json's runtime_s; ~2 cores)
    .venv/bin/python scripts/make_bifurcation.py --render   # only redraw figure and table from the json

``tests/test_edge.py`` checks that the table matches the json and the json's settings what the code would
run now (scenario, registry defaults, grid, seeds, ramp pace), so a stale figure fails the fast suite; a
slow test re-runs a small version.
"""

from __future__ import annotations

import argparse
import dataclasses
import itertools
import json
import math
import os
import re
import sys
import time
from pathlib import Path
from typing import Any

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from wijksim import edge, plots, provenance  # noqa: E402
from wijksim.params import PARAMS  # noqa: E402
from wijksim.scenarios import Scenario, load_scenario  # noqa: E402

DATA = ROOT / "docs" / "data" / "bifurcation.json"
FIGURE = ROOT / "docs" / "img" / "bifurcation.png"
DOC = ROOT / "docs" / "tipping.md"
MARKER = re.compile(r"(<!-- bifurcation -->\n)(?P<body>.*?)(<!-- /bifurcation -->)", re.S)
#: crime rates of the figure (the reference wijk's crime_rate is 1, so these are also multiples of it)
RATES: tuple[float, ...] = (0.5, 1.0, 1.5, 2.0, 3.0, 4.0, 6.0)
#: 16 paired seeds from 1000 on: the sample of tests/test_validity.py's target-4 test, whose rates 1, 2, 3 are
#: therefore reproduced here exactly
#: the ramp at the quasi-static pace (400 weeks a level: 13 levels up and down fill the longest run, 5200 weeks),
#: repeated at the faster paces of edge.PACES for the pace panel
#: no bisection: the figure's grid is its content (docs/tipping.md's tipping tables bisect, scripts/make_tipping.py)
SETTINGS = edge.EdgeSettings(multiples=RATES, ramp_levels=RATES, seeds=16, seed=1000, bisect=False)
PACES = edge.PACES


def scenario() -> Scenario:
    return load_scenario(ROOT / "scenarios" / "reference.toml")


def settings() -> dict[str, Any]:
    """What the saved numbers must have been made with (compared by the fast test)."""
    return json.loads(json.dumps({**edge.settings_of(scenario(), SETTINGS), "paces": list(PACES)}))


def _pct(m: float, lo: float, hi: float) -> str:
    return f"{m * 100:+.1f} % [{lo * 100:+.1f}, {hi * 100:+.1f}]"


def render(data: dict[str, Any]) -> str:
    """The markdown table of docs/tipping.md from the saved json (the only way its numbers are written)."""
    s = data["settings"]
    hyst = {r["crime_rate"]: r for r in data["hysteresis"]}
    up = {r["crime_rate"]: r for r in data["branches"] if r["leg"] == "up"}
    lines = ["| crime_rate | calm: withdrawn two years on | after the crisis | persistence [95 %] | verdict | "
             "ramp up | ramp down | hysteresis gap (down − up) [95 %] |", "|---|---|---|---|---|---|---|---|"]
    for r in data["histories"]:
        rate = r["crime_rate"]
        h, u = hyst.get(rate), up.get(rate)
        ramp_up = f"{u['mean']:.1%}" if u else "—"
        ramp_down = f"{h['down']:.1%}" if h else "—"
        gap = _pct(h["gap_rel"], h["gap_rel_lo"], h["gap_rel_hi"]) if h else "— (top of the ramp)"
        lines.append(f"| {rate:g} | {r['calm_withdrawn']:.1%} | {r['crisis_withdrawn']:.1%} | "
                     f"{_pct(r['persistence'], r['persistence_lo'], r['persistence_hi'])} | **{r['verdict']}** | "
                     f"{ramp_up} | {ramp_down} | {gap} |")
    edge_ = data["edge"]
    past = edge_.get("past_edge_at_multiple")
    where = (f"tips from crime_rate {edge_['tips_at_multiple'] * s['crime_rate']:g}"
             if edge_["tips_at_multiple"] is not None else
             f"no tipping below crime_rate {past * s['crime_rate']:g}" if past is not None else
             f"no tipping up to crime_rate {edge_['margin_at_least'] * s['crime_rate']:g}")
    if past is not None:
        where += f"; the calm wijk is already past the edge from crime_rate {past * s['crime_rate']:g}"
    lines += ["", f"{s['seeds']} paired seeds ({s['seed']}–{s['seed'] + s['seeds'] - 1}), the reference wijk "
              f"({PARAMS['width'].default} × {PARAMS['height'].default} cells, other parameters at their defaults); "
              f"ramp {s['step_weeks']} weeks a level, measured "
              f"over each level's last {s['measure_weeks']} weeks; judged in weeks {s['judged_weeks'][0]}–"
              f"{s['judged_weeks'][1]}. Verdict along the grid: {where}. Generated in {data['runtime_s']:.0f} s "
              f"with {data['workers']} workers."]
    rates = sorted({r["crime_rate"] for r in data["pace"]})
    ups = sorted((r["crime_rate"], r["mean"]) for r in data["branches"] if r["leg"] == "up")
    el = [f"{a:g}→{b:g}: {math.log(wb / wa) / math.log(b / a):.2f}" for (a, wa), (b, wb)
          in itertools.pairwise(ups) if wa > 0 and wb > 0]
    lines += ["", "Elasticity of share withdrawn to crime_rate on the quasi-static way up (per cent withdrawn per per "
              "cent crime rate, between neighbouring levels): " + ", ".join(el) + "."]
    lines += ["", "The ramp's loop at each pace (gap down − up as a share of the way up, 95 % intervals):", "",
              "| weeks a level | " + " | ".join(f"gap at crime_rate {r:g}" for r in rates) + " |",
              "|---|" + "---|" * len(rates)]
    for pace in sorted({r["step_weeks"] for r in data["pace"]}):
        at = {r["crime_rate"]: r for r in data["pace"] if r["step_weeks"] == pace}
        lines.append(f"| {pace} | " + " | ".join(_pct(at[r]["gap_rel"], at[r]["gap_rel_lo"], at[r]["gap_rel_hi"])
                                               if r in at else "—" for r in rates) + " |")
    return "\n".join(lines) + "\n"


def draw(data: dict[str, Any]) -> None:
    title = f"Reference wijk: is there a tipping region? ({data['settings']['seeds']} paired seeds)"
    fig = plots.bifurcation(pd.DataFrame(data["branches"]), pd.DataFrame(data["histories"]),
                            pd.DataFrame(data["hysteresis"]), title=title, pace=pd.DataFrame(data["pace"]))
    fig.savefig(FIGURE, dpi=110)


def write_doc(data: dict[str, Any]) -> None:
    text = DOC.read_text()
    if not MARKER.search(text):
        raise SystemExit("docs/tipping.md: missing '<!-- bifurcation -->' / '<!-- /bifurcation -->' markers")
    DOC.write_text(MARKER.sub(lambda m: m.group(1) + render(data) + m.group(3), text))


def rerun_histories(workers: int) -> None:
    """Re-run the two histories alone and replace their rows (and the edge summary) in the saved json: they are
    paired runs of their own, independent of the ramp's, so the ramp and pace numbers stay valid as long as the
    settings are unchanged (checked here)."""
    data = json.loads(DATA.read_text())
    if data["settings"] != settings():
        raise SystemExit("the saved settings differ from the code's: run the whole script")
    t0 = time.time()
    result = edge.measure(scenario(), dataclasses.replace(SETTINGS, ramp=False), workers=workers).to_dict()
    data["histories"], data["edge"] = result["histories"], result["edge"]
    data["histories_rerun_s"] = round(time.time() - t0)
    DATA.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--render", action="store_true", help="only redraw the figure and table from the saved json")
    ap.add_argument("--workers", type=int, default=min(2, os.cpu_count() or 1))
    ap.add_argument("--histories", action="store_true",
                    help="re-run only the two histories (their own paired runs), keep the saved ramp and paces")
    args = ap.parse_args(argv)
    if args.histories:
        rerun_histories(args.workers)
    elif not args.render:
        t0 = time.time()
        result = edge.measure(scenario(), SETTINGS, workers=args.workers,
                              progress=lambda k, n: print(f"  {k}/{n} runs", flush=True) if k % 16 == 0 else None)
        print("  paces ...", flush=True)
        pace = edge.pace_series(scenario(), SETTINGS.ramp_levels, PACES, SETTINGS.seeds, SETTINGS.seed, args.workers)
        full = result.hysteresis.assign(step_weeks=SETTINGS.step_weeks)
        data = {**result.to_dict(), "runtime_s": round(time.time() - t0), "workers": args.workers}
        data["settings"]["paces"] = list(PACES)
        data["provenance"] = {"wijksim_version": provenance.model_version(), "versions": provenance.versions()}
        data["pace"] = json.loads(pd.concat([pace, full], ignore_index=True).round(6).to_json(orient="records"))
        DATA.parent.mkdir(parents=True, exist_ok=True)
        DATA.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n")
    data = json.loads(DATA.read_text())
    draw(data)
    write_doc(data)
    print(f"{FIGURE}, {DOC}: written")
    return 0


if __name__ == "__main__":
    sys.exit(main())
