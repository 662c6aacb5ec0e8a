"""Generate the tipping-probability tables of docs/tipping.md: how likely a wijk is to tip, across wijk sizes, the
shipped map wijken and a buurt-sized withdrawal norm (issue 26).

For every configuration of :data:`CONFIGS` it runs :func:`wijksim.edge.measure` without the ramp: the two
histories (calm, and a year-long crisis ×3, judged two years after) at :data:`MULTIPLES` of the wijk's crime
rate, the share of seeds that tip with its Wilson interval, and the multiples where 10 % and 50 % of seeds
tip, bisected to :data:`TOLERANCE`. Then three smaller measurements:

* **buurten** — in the 80 × 80 wijk (1.2 km square, about four buurten) with the buurt-sized norm, the share
  withdrawn per quarter (a 40 × 40 block ≈ one buurt) over the judged weeks, calm and after the crisis;
* **levels** — the tipped state's unsafety, cohesion, incidents per 1,000 households, reporting and trust in
  the police, against the calm wijk (for the comparison with the worst Dutch wijken);
* **reach** — the engagement programme's effect on the share active at each wijk size, as shipped (its reach
  is a count, so it grows as the wijk shrinks; issue 26, point 7) and with its reach given per 1,000
  households (:data:`REACH_PER_1000`, the fields ``per_1000`` and ``per_week_per_1000``).

Nothing is typed: numbers go to ``docs/data/tipping.json`` with the settings that made them, and the tables in
docs/tipping.md are rendered from that file only. ``tests/test_tipping.py`` fails when the rendering or the
saved settings are stale.

Usage::

    nice -n 10 .venv/bin/python scripts/make_tipping.py --workers 2   # everything (runtime in the json)
    nice -n 10 .venv/bin/python scripts/make_tipping.py --reach       # only the reach table (settings kept)
    .venv/bin/python scripts/make_tipping.py --render                 # only re-render the tables
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from wijksim import edge, provenance  # noqa: E402
from wijksim.compare import interval, paired_diffs, run_comparison, window_values  # noqa: E402
from wijksim.compare.windows import Window  # noqa: E402
from wijksim.runner import build_model  # noqa: E402
from wijksim.scenarios import Scenario, load_scenario  # noqa: E402
from wijksim.tipping import seed_states  # noqa: E402

DATA = ROOT / "docs" / "data" / "tipping.json"
DOC = ROOT / "docs" / "tipping.md"
MARKERS = {key: re.compile(rf"(<!-- tipping:{key} -->\n)(?P<body>.*?)(<!-- /tipping:{key} -->)", re.S)
           for key in ("sizes", "buurten", "levels", "reach")}
#: one cell is about 15 m (docs/ODD.md, "Scales")
CELL_M = 15
#: the buurt-sized norm radius: a window of 2·20 + 1 = 41 cells ≈ 615 m square ≈ 0.38 km², about 800 households at
#: the default density (≈ 0.5 households a cell): a Dutch buurt of average size (docs/tipping.md, "A norm the size
#: of a buurt")
BUURT_RADIUS = 20
MULTIPLES: tuple[float, ...] = (1.0, 2.0, 3.0)
SEEDS = 8
SEED = 5000  # seeds no test uses (issue 26 re-ran at seeds ≥ 5000)
TOLERANCE = 0.25
#: (label, scenario file, parameter overrides)
CONFIGS: tuple[tuple[str, str, dict[str, Any]], ...] = (
    ("30 × 30", "reference.toml", {"width": 30, "height": 30}),
    ("40 × 40 (default)", "reference.toml", {}),
    ("50 × 50", "reference.toml", {"width": 50, "height": 50}),
    ("80 × 80", "reference.toml", {"width": 80, "height": 80}),
    ("Hofjeswijk (map)", "hofjeswijk.toml", {}),
    ("Portiekflatwijk (map)", "portiekflatwijk.toml", {}),
    ("80 × 80, norm radius 20 (a buurt)", "reference.toml",
     {"width": 80, "height": 80, "withdrawal_norm_radius": BUURT_RADIUS}),
    ("80 × 80, norm radius 10 (−50 %)", "reference.toml", {"width": 80, "height": 80, "withdrawal_norm_radius": 10}),
    ("80 × 80, norm radius 30 (+50 %)", "reference.toml", {"width": 80, "height": 80, "withdrawal_norm_radius": 30}),
)
BUURT_CONFIG = CONFIGS[6]
BUURT_MULTIPLES: tuple[float, ...] = (1.0, 2.0)
LEVEL_MULTIPLES: tuple[float, ...] = (1.0, 2.0, 3.0)
LEVEL_COLUMNS = ("share_unsafe", "cohesion", "incidents", "reporting_rate", "trust_police", "share_withdrawn")
REACH_SIZES: tuple[int, ...] = (30, 40, 50, 80)
REACH_SEEDS = 8
REACH_WINDOW = Window("programme", 53, 104)
#: the engagement programme's reach per 1,000 households: intervention type -> (field given, value, field it
#: replaces). 8 best persons and 2 activities a week in a 40 × 40 wijk of average size (890 households over
#: 390 generated layouts, 636-1,074 by seed) are 9.0 and 2.25 per 1,000 households: there they resolve to 8
#: and 2.0 again, elsewhere in proportion to the wijk's households
REACH_PER_1000: dict[str, tuple[str, float, str]] = {"best_persons": ("per_1000", 9.0, "count"),
                                                     "community_activities": ("per_week_per_1000", 2.25, "per_week")}


def scenario(file: str, overrides: dict[str, Any]) -> Scenario:
    sc = load_scenario(ROOT / "scenarios" / file)
    return sc.model_copy(update={"params": {**sc.params, **overrides}})


def edge_settings() -> edge.EdgeSettings:
    return edge.EdgeSettings(multiples=MULTIPLES, seeds=SEEDS, seed=SEED, ramp=False, tolerance=TOLERANCE)


def settings() -> dict[str, Any]:
    """What the saved numbers must have been made with (compared by the fast test)."""
    s = {"configs": [[label, file, ov, edge.settings_of(scenario(file, ov), edge_settings())["defaults_sha256"]]
                     for label, file, ov in CONFIGS],
         "multiples": list(MULTIPLES), "seeds": SEEDS, "seed": SEED, "tolerance": TOLERANCE,
         "buurt_radius": BUURT_RADIUS, "buurt_multiples": list(BUURT_MULTIPLES),
         "level_multiples": list(LEVEL_MULTIPLES), "reach_sizes": list(REACH_SIZES), "reach_seeds": REACH_SEEDS,
         "reach_window": [REACH_WINDOW.first, REACH_WINDOW.last], "reach_per_1000": REACH_PER_1000}
    return json.loads(json.dumps(s))


def households(sc: Scenario) -> int:
    """Households of the wijk (its layout does not depend on the seed's dynamics; seed 0's count)."""
    return len(build_model(sc.model_copy(update={"params": {**sc.params, "burn_in": 0}}), 0).residents.x)


# --- measurements -----------------------------------------------------------------------------------
def measure_config(label: str, file: str, ov: dict[str, Any], workers: int) -> dict[str, Any]:
    t0 = time.time()
    sc = scenario(file, ov)
    r = edge.measure(sc, edge_settings(), workers=workers)
    d = r.to_dict()
    print(f"  {label}: {time.time() - t0:.0f} s", flush=True)
    return {"label": label, "households": households(sc), "histories": d["histories"],
            "crossings": d["tipping"]["crossings"], "runtime_s": round(time.time() - t0)}


def quarter_shares(sc: Scenario, seed: int) -> list[float]:
    """Share withdrawn per quarter of the wijk (a 40 × 40 block of an 80 × 80 wijk: about one buurt), averaged over
    the judged weeks of a two-history run."""
    m = build_model(sc, seed)
    win = edge.judge_window()
    m.run(win.first - 1)
    rs = m.residents
    w, h = m.nb.shape
    q = (rs.x >= w // 2).astype(int) * 2 + (rs.y >= h // 2).astype(int)
    acc = np.zeros(4)
    for _ in range(win.last - win.first + 1):
        m.step()
        acc += np.bincount(q, weights=rs.withdrawn.astype(float), minlength=4) / np.bincount(q, minlength=4)
    return [round(float(v), 6) for v in acc / (win.last - win.first + 1)]


def measure_buurten(workers: int) -> list[dict[str, Any]]:
    """Per multiple, seed and history: the four quarters' share withdrawn (buurt-sized norm, 80 × 80)."""
    from concurrent.futures import ProcessPoolExecutor

    _, file, ov = BUURT_CONFIG
    jobs = []
    for mult in BUURT_MULTIPLES:
        for arm, extra in (("calm", []), ("crisis", [edge.crisis()])):
            sc = edge.with_rate(scenario(file, ov), mult, extra).model_copy(update={"weeks": edge.history_weeks()})
            jobs += [(mult, arm, k, sc) for k in range(SEEDS)]
    with ProcessPoolExecutor(workers) as pool:
        shares = list(pool.map(quarter_shares, [j[3] for j in jobs], [SEED + j[2] for j in jobs]))
    return [{"multiple": m, "arm": a, "replicate": k, "quarters": s}
            for (m, a, k, _), s in zip(jobs, shares, strict=True)]


def measure_levels(workers: int) -> dict[str, Any]:
    """Judged-week levels per seed, calm and after the crisis, on the default wijk (for the plausibility table)."""
    sc = scenario("reference.toml", {})
    arms = edge.history_arms(sc, LEVEL_MULTIPLES)
    runs = run_comparison(arms, SEEDS, SEED, weeks=edge.history_weeks(), workers=workers)
    v = window_values(runs, edge.judge_window())[list(LEVEL_COLUMNS)].reset_index()
    return {"households": households(sc), "rows": json.loads(v.round(6).to_json(orient="records"))}


def per_1000_programme(sc: Scenario) -> Scenario:
    """The programme with its reach per 1,000 households (:data:`REACH_PER_1000`) instead of counts."""
    from wijksim.interventions import make

    ivs = []
    for iv in sc.interventions:
        spec = iv.model_dump()
        if iv.type in REACH_PER_1000:
            per, value, fixed = REACH_PER_1000[iv.type]
            spec = {k: v for k, v in spec.items() if k != fixed} | {per: value}
        ivs.append(make(spec))
    return sc.model_copy(update={"interventions": ivs})


def measure_reach(workers: int) -> list[dict[str, Any]]:
    """The engagement programme's paired effect on the share active (weeks 53-104) at each wijk size, with its
    reach as shipped (counts) and per 1,000 households."""
    ref = load_scenario(ROOT / "scenarios" / "reference.toml")
    prog = load_scenario(ROOT / "scenarios" / "engagement_programme.toml")
    out = []
    for n in REACH_SIZES:
        size = {"width": n, "height": n}
        arms = [(lbl, sc.model_copy(update={"params": {**sc.params, **size}}))
                for lbl, sc in (("ref", ref), ("prog", prog), ("per_1000", per_1000_programme(prog)))]
        v = window_values(run_comparison(arms, REACH_SEEDS, SEED, workers=workers), REACH_WINDOW)
        row: dict[str, Any] = {"size": n, "households": households(arms[0][1])}
        for arm, key in (("prog", ""), ("per_1000", "per_1000_")):
            m, lo, hi = interval(paired_diffs(v, arm, "ref", "share_active"))
            row |= {f"{key}effect_pp": round(m * 100, 3), f"{key}lo_pp": round(lo * 100, 3),
                    f"{key}hi_pp": round(hi * 100, 3)}
        out.append(row)
        print(f"  reach {n} x {n}: {row}", flush=True)
    return out


def rerun_reach(workers: int) -> None:
    """Only the reach table, into the saved json; refused when any other setting changed (then it is stale)."""
    data, new = json.loads(DATA.read_text()), settings()
    reach_keys = {"reach_sizes", "reach_seeds", "reach_window", "reach_per_1000"}
    if {k: v for k, v in data["settings"].items() if k not in reach_keys} != {
            k: v for k, v in new.items() if k not in reach_keys}:
        raise SystemExit("--reach: settings other than the reach's changed; re-run everything")
    t0 = time.time()
    data["reach"], data["settings"] = measure_reach(workers), new
    data["runtime_s"] += round(time.time() - t0)
    DATA.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n")


# --- rendering --------------------------------------------------------------------------------------
def _pct(v: float | None) -> str:
    return "—" if v is None or not np.isfinite(v) else f"{v:.0%}"


def render_sizes(data: dict[str, Any]) -> str:
    head = ["| wijk | households | " + " | ".join(f"×{m:g}: seeds that tip, p_tip [95 %]" for m in MULTIPLES)
            + " | 10 % tip from | 50 % tip from | verdict at ×1 (persistence [95 %]) |",
            "|---|---|" + "---|" * len(MULTIPLES) + "---|---|---|"]
    for c in data["configs"]:
        by = {r["multiple"]: r for r in c["histories"]}
        cells = [f"{by[m]['tipped']}/{by[m]['pairs']}" + (f" (+{by[m]['past']} past)" if by[m]["past"] else "")
                 + f", {_pct(by[m]['p_tip'])} [{_pct(by[m]['p_tip_lo'])}, {_pct(by[m]['p_tip_hi'])}]"
                 for m in MULTIPLES]
        cross = [f"×{x['multiple']:.2f} [{x['lo']:.3g}, {x['hi']:.3g}]" if x["multiple"] is not None else x["note"]
                 for x in c["crossings"]]
        own = by[1.0]
        verdict = (f"{own['verdict']} ({own['persistence'] * 100:+.1f} % [{own['persistence_lo'] * 100:+.1f}, "
                   f"{own['persistence_hi'] * 100:+.1f}])")
        head.append(f"| {c['label']} | {c['households']} | " + " | ".join(cells) + " | " + " | ".join(cross)
                    + f" | {verdict} |")
    s = data["settings"]
    head += ["", f"{s['seeds']} paired seeds ({s['seed']}–{s['seed'] + s['seeds'] - 1}) per multiple; crossings "
             f"bracketed by the grid and bisected to a tolerance of {s['tolerance']:g} (the bracket is shown); "
             f"judged in weeks {edge.judge_window().first}–{edge.judge_window().last}. Generated in "
             f"{data['runtime_s']:.0f} s with {data['workers']} workers."]
    return "\n".join(head) + "\n"


def _excess(qs: list[tuple[int, np.ndarray]], calm: dict[tuple[float, int], np.ndarray], mult: float,
            threshold: float, which: str) -> list[float]:
    """Withdrawn minus the same quarter in the seed's calm run, for the untipped quarters of wijken with a tipped
    quarter (``which``: "side" shares an edge with a tipped one, "corner" only touches it) or, with "none", for the
    quarters of wijken where no quarter tipped (the crisis's own scar: the control)."""
    out = []
    for k, q in qs:
        tipped = {i for i in range(4) if q[i] >= threshold}
        for i in range(4):
            if i in tipped:
                continue
            side = any(i ^ j in (1, 2) for j in tipped)  # quarter index = 2·(right half) + (upper half)
            kind = "none" if not tipped else "side" if side else "corner"
            if kind == which:
                out.append(float(q[i] - calm[(mult, k)][i]))
    return out


def buurt_summary(rows: list[dict[str, Any]], threshold: float) -> list[dict[str, Any]]:
    """Per multiple and history: seeds with at least one tipped quarter, with some but not all, the highest quarter,
    and (after the crisis) how much the untipped quarters rose over their calm run: beside a tipped quarter,
    diagonal to one, and in wijken where none tipped."""
    out = []
    calm = {(r["multiple"], r["replicate"]): np.array(r["quarters"]) for r in rows if r["arm"] == "calm"}
    for mult in BUURT_MULTIPLES:
        for arm in ("calm", "crisis"):
            qs = [(r["replicate"], np.array(r["quarters"])) for r in rows if r["multiple"] == mult and r["arm"] == arm]
            tipped = [int((q >= threshold).sum()) for _, q in qs]
            row: dict[str, Any] = {"multiple": mult, "arm": arm, "seeds": len(qs),
                                   "any": sum(t > 0 for t in tipped), "some_not_all": sum(0 < t < 4 for t in tipped),
                                   "quarters_tipped": sum(tipped), "max_quarter": float(max(q.max() for _, q in qs))}
            for which in ("side", "corner", "none"):
                e = _excess(qs, calm, mult, threshold, which) if arm == "crisis" else []
                row[which] = (float(np.mean(e) * 100), len(e)) if e else None
            out.append(row)
    return out


def render_buurten(data: dict[str, Any]) -> str:
    lines = ["| crime rate | history | seeds with a quarter past 30 % | some quarters but not all | quarters past 30 % "
             "(of 4 per seed) | highest quarter | untipped quarter beside a tipped one: − calm | diagonal to one: "
             "− calm | no quarter tipped: − calm |", "|---|---|---|---|---|---|---|---|---|"]
    for r in buurt_summary(data["buurten"], data["threshold"]):
        ex = ["—" if r[w] is None else f"{r[w][0]:+.1f} points (n = {r[w][1]})" for w in ("side", "corner", "none")]
        lines.append(f"| ×{r['multiple']:g} | {r['arm']} | {r['any']} of {r['seeds']} | {r['some_not_all']} | "
                     f"{r['quarters_tipped']} | {r['max_quarter']:.1%} | " + " | ".join(ex) + " |")
    return "\n".join(lines) + "\n"


def render_levels(data: dict[str, Any]) -> str:
    lv = data["levels"]
    per_k = 52 * 1000 / lv["households"]
    df = pd.DataFrame(lv["rows"])
    df["state"] = np.where(df["scenario"].str.startswith("calm"), "calm", "after crisis")
    df["rate"] = df["scenario"].str.split("@").str[1].astype(float)
    calm = df[df["state"] == "calm"].set_index(["rate", "replicate"])["share_withdrawn"]
    crisis = df[df["state"] != "calm"].set_index(["rate", "replicate"])["share_withdrawn"]
    tips = seed_states(calm, crisis, data["threshold"])["tips"]
    df["tipped"] = [bool(tips.get((r, k), False)) if s != "calm" else False
                    for s, r, k in zip(df["state"], df["rate"], df["replicate"], strict=True)]
    groups = [("calm, ×1", (df["state"] == "calm") & (df["rate"] == 1.0))]
    groups += [(f"calm, ×{m:g}", (df["state"] == "calm") & (df["rate"] == m)) for m in LEVEL_MULTIPLES[1:]]
    groups += [("tipped seeds (after the crisis, any rate)", df["tipped"])]
    lines = ["| state | seeds | withdrawn | feels unsafe | cohesion (0–10) | incidents per 1,000 households a year | "
             "reporting rate | trust in the police |", "|---|---|---|---|---|---|---|---|"]
    for name, mask in groups:
        g = df[mask]
        if not len(g):
            lines.append(f"| {name} | 0 | — | — | — | — | — | — |")
            continue
        lines.append(f"| {name} | {len(g)} | {g['share_withdrawn'].mean():.1%} | {g['share_unsafe'].mean():.1%} | "
                     f"{g['cohesion'].mean():.2f} | {g['incidents'].mean() * per_k:.0f} | "
                     f"{g['reporting_rate'].mean():.2f} | {g['trust_police'].mean():.2f} |")
    lines += ["", f"The default wijk (40 × 40, {lv['households']} households), seeds {data['settings']['seed']}–"
              f"{data['settings']['seed'] + data['settings']['seeds'] - 1}, weeks "
              f"{edge.judge_window().first}–{edge.judge_window().last}; incidents are the model's weekly count × 52."]
    return "\n".join(lines) + "\n"


def render_reach(data: dict[str, Any]) -> str:
    def cell(r: dict[str, Any], key: str) -> str:
        return f"{r[key + 'effect_pp']:+.1f} points [{r[key + 'lo_pp']:+.1f}, {r[key + 'hi_pp']:+.1f}]"

    per = data["settings"]["reach_per_1000"]
    lines = ["| wijk | households | as shipped (8 best persons, 2 activities a week) | per 1,000 households "
             f"({per['best_persons'][1]:g} best persons, {per['community_activities'][1]:g} activities a week) |",
             "|---|---|---|---|"]
    for r in data["reach"]:
        lines.append(f"| {r['size']} × {r['size']} | {r['households']} | {cell(r, '')} | {cell(r, 'per_1000_')} |")
    lines += ["", "The programme's paired effect on the share active, weeks 53–104 [95 %]: "
              "scenarios/engagement_programme.toml, as shipped and with its reach per 1,000 households "
              "(`per_1000`, `per_week_per_1000`), against scenarios/reference.toml at each size, "
              f"{data['settings']['reach_seeds']} paired seeds from {data['settings']['seed']}; households: "
              "seed 0's layout."]
    return "\n".join(lines) + "\n"


RENDER = {"sizes": render_sizes, "buurten": render_buurten, "levels": render_levels, "reach": render_reach}


def write_doc(data: dict[str, Any]) -> None:
    text = DOC.read_text()
    for key, rx in MARKERS.items():
        if not rx.search(text):
            raise SystemExit(f"docs/tipping.md: missing '<!-- tipping:{key} -->' / '<!-- /tipping:{key} -->' markers")
        body = RENDER[key](data) if key == "sizes" or key in data else "(not measured yet: run the script)\n"

        def put(m: re.Match[str], b: str = body) -> str:
            return m.group(1) + b + m.group(3)

        text = rx.sub(put, text)
    DOC.write_text(text)


def run_extras(workers: int, path: Path) -> None:
    """Only the buurt, level and reach measurements, into ``path`` (to run beside the configurations; merge
    with ``--merge``)."""
    t0 = time.time()
    out: dict[str, Any] = {}
    for key, fn in (("buurten", measure_buurten), ("levels", measure_levels), ("reach", measure_reach)):
        print(f"  {key} ...", flush=True)
        out[key] = fn(workers)
        out["runtime_s"] = round(time.time() - t0)
        path.write_text(json.dumps(out, indent=1) + "\n")


def add_configs(indices: list[int], workers: int, path: Path) -> None:
    """Measure only the configurations ``CONFIGS[i]`` into ``path`` (to run beside the others; ``--merge``)."""
    t0 = time.time()
    out: dict[str, Any] = {"configs": []}
    for i in indices:
        out["configs"].append(measure_config(*CONFIGS[i][:2], CONFIGS[i][2], workers))
        out["runtime_s"] = round(time.time() - t0)
        path.write_text(json.dumps(out, indent=1, ensure_ascii=False) + "\n")


def merge_extras(path: Path) -> None:
    """Put the measurements of :func:`run_extras` into the saved json (their runtime added to its runtime)."""
    data, extra = json.loads(DATA.read_text()), json.loads(path.read_text())
    for key in ("buurten", "levels", "reach"):
        if key in extra:
            data[key] = extra[key]
    have = {c["label"] for c in data["configs"]}
    data["configs"] += [c for c in extra.get("configs", []) if c["label"] not in have]
    order = {c[0]: i for i, c in enumerate(CONFIGS)}
    data["configs"].sort(key=lambda c: order[c["label"]])
    data["runtime_s"] += extra["runtime_s"]
    data["complete"] = all(k in data for k in ("buurten", "levels", "reach")) and len(data["configs"]) == len(CONFIGS)
    DATA.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n")


def run_all(workers: int) -> None:
    """Every measurement, saving after each (an interrupted run keeps what it finished: ``complete`` false)."""
    t0 = time.time()
    data: dict[str, Any] = {"settings": settings(), "threshold": edge.tip_threshold({}), "configs": [],
                            "workers": workers, "complete": False,
                            "provenance": {"wijksim_version": provenance.model_version()}}

    def save() -> None:
        data["runtime_s"] = round(time.time() - t0)
        DATA.parent.mkdir(parents=True, exist_ok=True)
        DATA.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n")

    # the sizes, the maps and the buurt-sized norm first, then the buurt, level and reach measurements, then the
    # radius's sensitivity: an interrupted run has the most asked-for numbers
    stages: list[tuple[str, Any]] = [(f"config {i}", c) for i, c in enumerate(CONFIGS[:7])]
    stages += [("buurten", measure_buurten), ("levels", measure_levels), ("reach", measure_reach)]
    stages += [(f"config {i}", c) for i, c in enumerate(CONFIGS[7:], start=7)]
    for key, what in stages:
        print(f"  {key} ...", flush=True)
        if key.startswith("config"):
            label, file, ov = what
            data["configs"].append(measure_config(label, file, ov, workers))
        else:
            data[key] = what(workers)
        save()
    data["complete"] = True
    save()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    ap.add_argument("--render", action="store_true", help="only re-render the tables from the saved json")
    ap.add_argument("--workers", type=int, default=min(2, os.cpu_count() or 1))
    ap.add_argument("--extras", type=Path, help="run only the buurt, level and reach measurements into this file")
    ap.add_argument("--merge", type=Path, action="append",
                    help="merge a file written by --extras into the saved json, then render (repeatable)")
    ap.add_argument("--configs", help="with --extras: measure only these CONFIGS indices (e.g. 7,8) into that file")
    ap.add_argument("--reach", action="store_true", help="re-measure only the reach table into the saved json")
    args = ap.parse_args(argv)
    if args.reach:
        rerun_reach(args.workers)
        write_doc(json.loads(DATA.read_text()))
        return 0
    if args.extras and args.configs:
        add_configs([int(i) for i in args.configs.split(",")], args.workers, args.extras)
        return 0
    if args.extras:
        run_extras(args.workers, args.extras)
        return 0
    if args.merge:
        for path in args.merge:
            merge_extras(path)
    elif not args.render:
        run_all(args.workers)
    write_doc(json.loads(DATA.read_text()))
    print(f"{DATA}, {DOC}: written")
    return 0


if __name__ == "__main__":
    sys.exit(main())
