"""Generate the parts of the documentation that must not drift from the code.

* the ODD parameter tables, one per registry group, between ``<!-- params:GROUP -->`` and
  ``<!-- /params -->`` in ``docs/ODD.md`` (instant; ``--check`` exits 1 when they are stale);
* the calibration table between ``<!-- calibration -->`` and ``<!-- /calibration -->`` in
  ``docs/calibration.md`` (plus ``docs/data/calibration.csv`` and ``.json``): the Dutch targets of
  the ODD's section 1 (patterns) next to what the default parameters produce over many seeds, with 95 % intervals;
* the guide figures ``docs/img/guide-*.png``, from the shipped scenarios (``scenarios/no_wave.toml``,
  ``wave_no_investment.toml``, ``wave_community_investment.toml``, ``mutual_support.toml``), drawn by
  the ``guide_*`` functions of ``wijksim.plots`` (this script has no plotting code of its own).

Usage::

    .venv/bin/python scripts/make_docs.py              # everything, 30 calibration seeds, 20 per figure
    .venv/bin/python scripts/make_docs.py --quick      # everything in < 2 minutes (10 seeds, 6 per figure)
    .venv/bin/python scripts/make_docs.py --only params
    .venv/bin/python scripts/make_docs.py --check      # are the parameter tables up to date?

Seeds are fixed (1, 2, ...), so the same code gives the same numbers; the tests re-render the parameter
tables on every run and (marked slow) the calibration table.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from scipy import stats

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
ODD = DOCS / "ODD.md"
CALIBRATION = DOCS / "calibration.md"
EXAMPLES = DOCS / "examples"
SCENARIOS = ROOT / "scenarios"
IMG = DOCS / "img"
DATA = DOCS / "data"
sys.path.insert(0, str(ROOT / "src"))

WEEKS = 156  # three years recorded (after the burn-in); the last 52 weeks are averaged
TAIL = 52
MARKER = re.compile(r"(<!-- params:(?P<group>[a-z_]+) -->\n)(?P<body>.*?)(<!-- /params -->)", re.S)
DEFAULTS_MARKER = re.compile(r"(<!-- defaults:(?P<names>[a-z0-9_,]+) -->\n)(?P<body>.*?)(<!-- /defaults -->)", re.S)
CAL_MARKER = re.compile(r"(<!-- calibration -->\n)(?P<body>.*?)(<!-- /calibration -->)", re.S)


# --- parameter tables ---------------------------------------------------------------------------
def _cell(text: str) -> str:
    return str(text).replace("|", "\\|")


def table_groups() -> tuple[str, ...]:
    """Every group with a table: the registry's, then the city's (``CITY_PARAMS``: the same registry, kept out
    of ``PARAMS`` so a single-wijk run stays byte-identical)."""
    from wijksim.params import GROUPS
    from wijksim.params.registry import CITY_PARAMS

    return (*GROUPS, *dict.fromkeys(p.group for p in CITY_PARAMS.values()))


def param_table(group: str) -> str:
    """The markdown table of one registry group (name, default, range, unit, meaning, source)."""
    from wijksim.params import PARAMS
    from wijksim.params.registry import CITY_PARAMS

    rows = ["| parameter | default | allowed | unit | meaning | source |", "|---|---|---|---|---|---|"]
    for p in {**PARAMS, **CITY_PARAMS}.values():
        if p.group != group:
            continue
        default = (
            str(p.default).lower()
            if p.kind == "bool"
            else (repr(p.default) if p.kind == "choice" else f"{p.default:g}")
        )
        rows.append(
            f"| `{p.name}` | {default} | {_cell(p.range_text())} | {_cell(p.unit)} | {_cell(p.meaning)} "
            f"| {_cell(p.source) or '—'} |"
        )
    return "\n".join(rows) + "\n"


def _default_text(name: str) -> str:
    from wijksim.params import PARAMS

    p = PARAMS[name]
    if p.kind == "bool":
        return f"`{name}` = {str(p.default).lower()}"
    if p.kind == "choice":
        return f"`{name}` = {p.default!r} ({' / '.join(p.choices)})"
    unit = "" if p.unit in ("-", "", "0-1", "fraction", "probability", "ratio", "x") else f" {p.unit}"
    return f"`{name}` = {p.default:g}{unit}"


def defaults_line(names: str) -> str:
    """One line listing parameters with their registry defaults (used inside the submodels)."""
    from wijksim.params import PARAMS

    unknown = [n for n in names.split(",") if n not in PARAMS]
    if unknown:
        raise SystemExit(f"docs/ODD.md: '<!-- defaults:... -->' names unknown parameter(s) {', '.join(unknown)}")
    return "*Parameters (defaults):* " + "; ".join(_default_text(n) for n in names.split(",")) + ".\n"


def render_params(text: str) -> str:
    """``text`` with every ``<!-- params:GROUP -->`` table and ``<!-- defaults:a,b -->`` line re-rendered
    from the registry."""
    GROUPS = table_groups()

    text = DEFAULTS_MARKER.sub(lambda m: m.group(1) + defaults_line(m.group("names")) + m.group(4), text)

    def repl(m: re.Match[str]) -> str:
        group = m.group("group")
        if group not in GROUPS:
            raise SystemExit(f"docs/ODD.md: unknown parameter group {group!r} (registry groups: {', '.join(GROUPS)})")
        return m.group(1) + param_table(group) + m.group(4)

    out = MARKER.sub(repl, text)
    missing = [g for g in GROUPS if f"<!-- params:{g} -->" not in out]
    if missing:
        raise SystemExit(
            f"docs/ODD.md: no table for parameter group(s) {', '.join(missing)}: add "
            f"'<!-- params:GROUP -->' / '<!-- /params -->' markers"
        )
    return out


# --- simulation jobs (top level: they run in worker processes) ------------------------------------
def _knox(
    events: np.ndarray, rng: np.random.Generator, d_max: int = 2, t_max: int = 2, n_perm: int = 20
) -> tuple[int, float]:
    """Knox near-repeat test: pairs close in space (≤ d_max cells) and time (≤ t_max weeks), observed
    versus the mean over permutations of the weeks (which keeps the spatial and temporal patterns
    apart). Returns (observed pairs, mean expected pairs)."""
    t, x, y = events[:, 0], events[:, 1], events[:, 2]
    i, j = np.triu_indices(len(t), k=1)
    near = (np.abs(x[i] - x[j]) <= d_max) & (np.abs(y[i] - y[j]) <= d_max)
    i, j = i[near], j[near]

    def count(tt: np.ndarray) -> int:
        return int(np.count_nonzero(np.abs(tt[i] - tt[j]) <= t_max))

    observed = count(t)
    expected = float(np.mean([count(rng.permutation(t)) for _ in range(n_perm)]))
    return observed, expected


def _run(job: tuple[str | None, int, int, bool]) -> dict[str, Any]:
    """One run: a scenario file (None = defaults) for ``weeks`` with ``seed``; optionally the incident list."""
    from wijksim.runner import build_model
    from wijksim.scenarios import default_scenario, load_scenario

    path, seed, weeks, record_events = job
    sc = load_scenario(path) if path else default_scenario()
    model = build_model(sc, seed=seed)
    events = []
    for _ in range(weeks):
        model.step()
        if record_events and model.last_incidents is not None and model.last_incidents.n:
            cx, cy = np.unravel_index(model.last_incidents.cell, model.nb.shape)
            events.append(np.stack([np.full(len(cx), model.week), cx, cy], axis=1))
    out: dict[str, Any] = {"path": path, "seed": seed, "ts": model.timeseries(), "n": model.n_residents}
    if record_events:
        ev = np.concatenate(events) if events else np.empty((0, 3), dtype=int)
        out["knox"] = _knox(ev, np.random.default_rng(seed)) if len(ev) > 1 else (0, 0.0)
    return out


def run_many(jobs: list[tuple[str | None, int, int, bool]], workers: int) -> list[dict[str, Any]]:
    if workers <= 1:
        return [_run(j) for j in jobs]
    with ProcessPoolExecutor(max_workers=workers) as pool:
        return list(pool.map(_run, jobs))


# --- calibration ------------------------------------------------------------------------------------
def _ci(x: np.ndarray) -> tuple[float, float, float]:
    """Mean and 95 % t-interval of the mean over replicates."""
    x = np.asarray(x, dtype=float)
    x = x[np.isfinite(x)]
    m = float(x.mean())
    if len(x) < 2 or x.std(ddof=1) == 0:
        return m, m, m
    half = float(stats.t.ppf(0.975, len(x) - 1) * x.std(ddof=1) / np.sqrt(len(x)))
    return m, m - half, m + half


def _recovery_week(excess: pd.Series, end: int, share: float = 0.5) -> float:
    """Weeks after ``end`` until a (smoothed) excess over the baseline first drops below ``share`` of its
    peak during the shock; nan if it never does."""
    sm = excess.rolling(4, min_periods=1, center=True).mean()
    peak = sm[sm.index <= end].max()
    if not np.isfinite(peak) or peak <= 0:
        return float("nan")
    after = sm[(sm.index > end) & (sm < share * peak)]
    return float(after.index[0] - end) if len(after) else float("nan")


def check_no_wave() -> None:
    """The no-wave baseline of the figures is the default run; make sure scenarios/no_wave.toml is that."""
    from wijksim.scenarios import load_scenario

    sc = load_scenario(SCENARIOS / "no_wave.toml")
    if sc.params or sc.interventions:
        raise SystemExit("scenarios/no_wave.toml is no longer the default wijk: update scripts/make_docs.py")


def wave_window(path: Path) -> tuple[int, int]:
    """(first, last) week of the crime wave in a scenario file."""
    from wijksim.scenarios import load_scenario

    for iv in load_scenario(path).interventions:
        if iv.type == "crime_wave":
            return int(iv.start), int(iv.start) + int(iv.weeks) - 1
    raise SystemExit(f"{path}: no crime_wave intervention")


def calibration_rows(ref: list[dict[str, Any]], wave: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The table rows: target, model mean with 95 % CI, seed range, verdict."""
    tails = pd.DataFrame([r["ts"].tail(TAIL).mean(numeric_only=True) for r in ref])
    n_hh = np.array([r["n"] for r in ref], dtype=float)
    year = pd.DataFrame([r["ts"].tail(TAIL).sum(numeric_only=True) for r in ref])
    victimised = year["victims"].to_numpy() / n_hh
    incidents_1000 = year["incidents"].to_numpy() / n_hh * 1000

    rows: list[dict[str, Any]] = []

    def add(
        quantity: str, target: str, values: np.ndarray, lo: float, hi: float, fmt: str, source: str, scale: float = 1.0
    ) -> None:
        m, a, b = _ci(values)
        ok = lo <= m <= hi
        slack = 0.05 * abs(lo) if not np.isfinite(hi) else 0.25 * (hi - lo)
        near = lo - slack <= m <= hi + slack
        rows.append(
            {
                "quantity": quantity,
                "target": target,
                "mean": m,
                "lo": a,
                "hi": b,
                "min": float(np.nanmin(values)),
                "max": float(np.nanmax(values)),
                "model": f"{fmt.format(m * scale)} [{fmt.format(a * scale)}, {fmt.format(b * scale)}]",
                "seed_range": f"{fmt.format(np.nanmin(values) * scale)}–{fmt.format(np.nanmax(values) * scale)}",
                "verdict": "on target" if ok else ("close" if near else "off target"),
                "source": source,
            }
        )

    add(
        "share feeling unsafe (`share_unsafe`)",
        "15–20 %",
        tails["share_unsafe"].to_numpy(),
        0.15,
        0.20,
        "{:.1f} %",
        "Veiligheidsmonitor 2017, 2023",
        100,
    )
    add(
        "share of incidents reported (`reporting_rate`)",
        "≈ 34 %",
        tails["reporting_rate"].to_numpy(),
        0.31,
        0.37,
        "{:.1f} %",
        "CBS 2017",
        100,
    )
    add(
        "social cohesion, 0–10 (`cohesion`)",
        "6.4 (5.9 very urban)",
        tails["cohesion"].to_numpy(),
        5.9,
        6.6,
        "{:.2f}",
        "CBS 2021",
    )
    add(
        "households complaining in a year (`share_complained_year`)",
        "10–20 %",
        tails["share_complained_year"].to_numpy(),
        0.10,
        0.20,
        "{:.1f} %",
        "design target (docs/ODD.md §7.10)",
        100,
    )
    add(
        "feel unsafe ÷ victimised in a year",
        "> 1 (more fear than victims)",
        tails["share_unsafe"].to_numpy() / np.maximum(victimised, 1e-9),
        1.0,
        np.inf,
        "{:.2f}",
        "Prieto Curiel & Bishop 2017",
    )
    # fear falls more slowly than crime: recovery after the wave, paired with the reference seeds
    _, last = wave_window(SCENARIOS / "wave_no_investment.toml")
    by_seed = {r["seed"]: r["ts"].set_index("week") for r in ref}
    lags, rec_i, rec_f = [], [], []
    for w in wave:
        base = by_seed[w["seed"]]
        ts = w["ts"].set_index("week")
        ri = _recovery_week(ts["incidents"] - base["incidents"], last)
        rf = _recovery_week(ts["share_unsafe"] - base["share_unsafe"], last)
        rec_i.append(ri)
        rec_f.append(rf)
        lags.append(rf - ri)
    lags_a = np.array(lags, dtype=float)
    add(
        "fear lag: weeks fear needs beyond crime to halve its excess after a wave",
        "> 0 (fear outlasts crime)",
        lags_a,
        0.5,
        np.inf,
        "{:.1f}",
        "Prieto Curiel & Bishop 2017",
    )
    knox = np.array([r["knox"][0] / max(r["knox"][1], 1e-9) for r in ref])
    add(
        "near repeat: Knox ratio, ≤ 2 cells (≈ 30 m) and ≤ 2 weeks",
        "> 1",
        knox,
        1.05,
        np.inf,
        "{:.2f}",
        "Johnson et al. 2007",
    )
    # context rows: no Dutch target, but a reader needs them to judge the rest
    for col, label, fmt, scale in (
        ("share_withdrawn", "share withdrawn (`share_withdrawn`)", "{:.1f} %", 100),
        ("share_active", "share active (`share_active`)", "{:.1f} %", 100),
        ("trust_police", "trust in the police, 0–1 (`trust_police`)", "{:.2f}", 1),
        ("disorder_mean", "mean disorder, 0–1 (`disorder_mean`)", "{:.3f}", 1),
    ):
        m, a, b = _ci(tails[col].to_numpy())
        v = tails[col].to_numpy()
        rows.append(
            {
                "quantity": label,
                "target": "—",
                "mean": m,
                "lo": a,
                "hi": b,
                "min": float(v.min()),
                "max": float(v.max()),
                "model": f"{fmt.format(m * scale)} [{fmt.format(a * scale)}, {fmt.format(b * scale)}]",
                "seed_range": f"{fmt.format(v.min() * scale)}–{fmt.format(v.max() * scale)}",
                "verdict": "context",
                "source": "—",
            }
        )
    m, a, b = _ci(incidents_1000)
    rows.append(
        {
            "quantity": "incidents per 1000 households per year",
            "target": "—",
            "mean": m,
            "lo": a,
            "hi": b,
            "min": float(incidents_1000.min()),
            "max": float(incidents_1000.max()),
            "model": f"{m:.0f} [{a:.0f}, {b:.0f}]",
            "seed_range": f"{incidents_1000.min():.0f}–{incidents_1000.max():.0f}",
            "verdict": "context",
            "source": "—",
        }
    )
    m, a, b = _ci(victimised)
    rows.append(
        {
            "quantity": "households victimised per year (per household)",
            "target": "—",
            "mean": m,
            "lo": a,
            "hi": b,
            "min": float(victimised.min()),
            "max": float(victimised.max()),
            "model": f"{100 * m:.1f} % [{100 * a:.1f}, {100 * b:.1f}]",
            "seed_range": f"{100 * victimised.min():.1f}–{100 * victimised.max():.1f} %",
            "verdict": "context",
            "source": "—",
        }
    )
    ri, rf = np.array(rec_i, dtype=float), np.array(rec_f, dtype=float)
    rows.append(
        {
            "quantity": "weeks after the wave until excess incidents / excess unsafe halve",
            "target": "—",
            "mean": float(np.nanmean(rf)),
            "lo": float("nan"),
            "hi": float("nan"),
            "min": float("nan"),
            "max": float("nan"),
            "model": f"incidents {np.nanmean(ri):.1f}, unsafe {np.nanmean(rf):.1f}",
            "seed_range": f"{np.nanmin(ri):.0f}–{np.nanmax(ri):.0f} / {np.nanmin(rf):.0f}–{np.nanmax(rf):.0f}",
            "verdict": "context",
            "source": "—",
        }
    )
    return rows


def calibration_markdown(rows: list[dict[str, Any]], seeds: list[int], wave_seeds: list[int]) -> str:
    lines = [
        f"Default parameters, the 40 × 40 reference wijk, seeds {seeds[0]}–{seeds[-1]} ({len(seeds)} runs of "
        f"{WEEKS} weeks after the burn-in); each run contributes the mean of its last {TAIL} weeks. *model* is "
        "the mean over runs with the 95 % t-interval of that mean; *runs* is the range over single runs. The "
        f"fear-lag row pairs `scenarios/wave_no_investment.toml` with the reference run of the same seed "
        f"(seeds {wave_seeds[0]}–{wave_seeds[-1]}).",
        "",
        "| quantity | Dutch target | model (95 % CI) | runs | verdict | source of the target |",
        "|---|---|---|---|---|---|",
    ]
    for r in rows:
        lines.append(
            f"| {r['quantity']} | {r['target']} | {r['model']} | {r['seed_range']} | {r['verdict']} | {r['source']} |"
        )
    return "\n".join(lines) + "\n"


# --- figures (drawn by wijksim.plots; this script only picks the runs) ----------------------------------
def investment_end(path: Path) -> int | None:
    """Last week of the investment (every non-wave intervention with a duration) in a scenario file."""
    from wijksim.scenarios import load_scenario

    ends = [int(iv.start) + int(iv.weeks) - 1 for iv in load_scenario(path).interventions
            if iv.type != "crime_wave" and iv.start is not None and iv.weeks]
    return max(ends) if ends else None


#: the Dutch words of the bonus/malus guide figure (``docs/img/guide-bonus-malus-nl.png``)
BONUS_MALUS_NL: dict[str, str] = {
    "share_withdrawn": "Teruggetrokken huishoudens (%)",
    "share_active": "Actieve huishoudens (%)",
    "incidents": "Incidenten per week (gemiddelde over 8 weken)",
    "share_unsafe": "Voelt zich onveilig (%)",
    "wave": "criminaliteitsgolf",
    "investment_ends": "einde investering",
    "week": "week",
    "title": "Bonus en malus: één wijk, drie geschiedenissen, gepaarde seeds (mediaan, 10–90 %-band, {n} seeds)",
}


def write_figures(ref: list[dict[str, Any]], wave: list[dict[str, Any]], invest: list[dict[str, Any]],
                  mutual: list[dict[str, Any]]) -> None:
    """The four guide figures (the bonus/malus one also in Dutch), from runs of the same seeds (paired by seed)."""
    from wijksim import plots
    from wijksim.text.numbers import tick_number

    def tables(runs: list[dict[str, Any]]) -> list[pd.DataFrame]:
        return [r["ts"] for r in sorted(runs, key=lambda r: r["seed"])]

    window = wave_window(SCENARIOS / "wave_no_investment.toml")
    figures = {
        "guide-reference.png": plots.guide_reference(tables(ref)),
        "guide-bonus-malus.png": plots.guide_bonus_malus(
            {
                "no wave": tables(ref),
                "wave, no investment": tables(wave),
                "wave + community investment": tables(invest),
            },
            window,
            investment_end(SCENARIOS / "wave_community_investment.toml"),
        ),
        # the Dutch trainers' guide projects this one in the debrief: Dutch words, decimal commas
        "guide-bonus-malus-nl.png": plots.guide_bonus_malus(
            {
                "geen golf": tables(ref),
                "golf, geen investering": tables(wave),
                "golf + investering in de buurt": tables(invest),
            },
            window,
            investment_end(SCENARIOS / "wave_community_investment.toml"),
            words=BONUS_MALUS_NL,
            number=tick_number("nl"),
        ),
        "guide-collaboration.png": plots.guide_collaboration(
            {"blame-shifting (reference)": tables(ref), "mutual support": tables(mutual)}
        ),
        "guide-fear-lag.png": plots.guide_fear_lag(list(zip(tables(ref), tables(wave), strict=True)), window),
    }
    for name, fig in figures.items():
        fig.savefig(IMG / name, dpi=100)


# --- main -------------------------------------------------------------------------------------------
def write_params(check: bool) -> bool:
    text = ODD.read_text()
    new = render_params(text)
    if new == text:
        print("docs/ODD.md: parameter tables up to date")
        return True
    if check:
        print("docs/ODD.md: parameter tables are stale: run `.venv/bin/python scripts/make_docs.py --only params`")
        return False
    ODD.write_text(new)
    print("docs/ODD.md: parameter tables refreshed")
    return True


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--quick", action="store_true", help="10 calibration seeds, 6 per figure (< 2 minutes)")
    ap.add_argument(
        "--only", choices=("params", "calibration", "figures"), action="append", help="only these parts (repeatable)"
    )
    ap.add_argument("--check", action="store_true", help="only check that the parameter tables are current")
    ap.add_argument("--seeds", type=int, help="calibration seeds (default 30, quick 10; at least 10)")
    ap.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    args = ap.parse_args(argv)
    if args.check:
        return 0 if write_params(check=True) else 1
    parts = set(args.only or ("params", "calibration", "figures"))
    if "params" in parts:
        write_params(check=False)
    if not parts & {"calibration", "figures"}:
        return 0
    n_cal = args.seeds or (10 if args.quick else 30)
    if n_cal < 10:
        ap.error("--seeds: the calibration table needs at least 10 seeds")
    n_fig = 6 if args.quick else 20
    seeds = list(range(1, n_cal + 1))
    fig_seeds = seeds[:n_fig] if n_fig <= n_cal else list(range(1, n_fig + 1))
    ref_seeds = sorted(set(seeds) | set(fig_seeds))
    ex = {
        "wave": str(SCENARIOS / "wave_no_investment.toml"),
        "wave_investment": str(SCENARIOS / "wave_community_investment.toml"),
        "mutual_support": str(SCENARIOS / "mutual_support.toml"),
    }
    check_no_wave()
    wave_seeds = seeds if "calibration" in parts else fig_seeds
    jobs: list[tuple[str | None, int, int, bool]] = [(None, s, WEEKS, True) for s in ref_seeds]
    jobs += [(ex["wave"], s, WEEKS, False) for s in sorted(set(wave_seeds) | set(fig_seeds))]
    if "figures" in parts:
        jobs += [(ex[k], s, WEEKS, False) for k in ("wave_investment", "mutual_support") for s in fig_seeds]
    t0 = time.time()
    print(f"{len(jobs)} runs of {WEEKS} weeks on {args.workers} processes ...", flush=True)
    results = run_many(jobs, args.workers)
    print(f"  done in {time.time() - t0:.0f} s")

    def pick(path: str | None, which: list[int]) -> list[dict[str, Any]]:
        return [r for r in results if r["path"] == path and r["seed"] in which]

    if "calibration" in parts:
        rows = calibration_rows(pick(None, seeds), pick(ex["wave"], wave_seeds))
        DATA.mkdir(parents=True, exist_ok=True)
        pd.DataFrame(rows).to_csv(DATA / "calibration.csv", index=False)
        (DATA / "calibration.json").write_text(
            json.dumps({"seeds": seeds, "weeks": WEEKS, "tail": TAIL, "rows": rows}, indent=1) + "\n"
        )
        md = calibration_markdown(rows, seeds, wave_seeds)
        text = CALIBRATION.read_text()
        if not CAL_MARKER.search(text):
            raise SystemExit("docs/calibration.md: missing '<!-- calibration -->' / '<!-- /calibration -->' markers")
        CALIBRATION.write_text(CAL_MARKER.sub(lambda m: m.group(1) + md + m.group(3), text))
        print("docs/calibration.md: calibration table refreshed")
    if "figures" in parts:
        IMG.mkdir(parents=True, exist_ok=True)
        write_figures(
            pick(None, fig_seeds),
            pick(ex["wave"], fig_seeds),
            pick(ex["wave_investment"], fig_seeds),
            pick(ex["mutual_support"], fig_seeds),
        )
        print("docs/img/guide-*.png: figures written")
    return 0


if __name__ == "__main__":
    sys.exit(main())
