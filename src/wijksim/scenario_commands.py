"""CLI commands about scenario files: ``scenarios``, ``check`` and ``compare``."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any

import typer

from .cli import app, atomic_dir, check_compare_args, fail, note_first_compile, parse_sets, progress_bar
from .terminal import clean
from .text.numbers import counted


@app.command("scenarios")
def scenarios_cmd(
    directory: Annotated[Path | None, typer.Option("--dir", help="folder of scenario files")] = None,
) -> None:
    """List the shipped scenarios with their one-line descriptions."""
    from .scenarios import SCENARIO_DIR, ScenarioError, list_scenarios

    d = directory or (SCENARIO_DIR if SCENARIO_DIR.is_dir() else Path("scenarios"))
    try:
        found = list_scenarios(d)
    except ScenarioError as e:
        fail(str(e))
    if not found:
        fail(f"{d}: no scenario files (*.toml) found")
    for path, sc in found:
        first = sc.description.strip().split(". ")[0].rstrip(".")
        typer.echo(clean(f"{path.name:42s} {sc.name}: {first}."))


@app.command("check")
def check_cmd(
    files: Annotated[list[Path], typer.Argument(help="scenario files to validate")],
) -> None:
    """Validate scenario files; exit 2 with one line per problem file."""
    from .scenarios import ScenarioError, is_city_file, load_scenario

    bad = 0
    for f in files:
        if is_city_file(f):  # a city file (scenarios/city_example.toml) is checked as a city
            bad += _check_city(f)
            continue
        try:
            sc = load_scenario(f)
        except ScenarioError as e:
            typer.echo(f"wijksim: error: {clean(e)}", err=True)
            bad += 1
            continue
        n_interventions = counted(len(sc.interventions), "intervention")
        typer.echo(clean(f"ok  {f}: {sc.name} ({counted(sc.weeks, 'week')}, {n_interventions})"))
    if bad:
        raise typer.Exit(2)


def _check_city(f: Path) -> int:
    """Validate a city file (:mod:`wijksim.city`): 0 if it is fine (one ``ok`` line), 1 after its error line."""
    from .city.cityfile import CityError, load_city

    try:
        city = load_city(f)
    except CityError as e:
        typer.echo(f"wijksim: error: {clean(e)}", err=True)
        return 1
    typer.echo(clean(f"ok  {f}: {city.name} (city of {len(city.wijken)} wijken, {counted(city.weeks, 'week')})"))
    return 0


@app.command("compare")
def compare_cmd(
    scenarios: Annotated[list[Path], typer.Argument(help="scenario files; the first is the reference")],
    replicates: Annotated[int, typer.Option(help="replicates per scenario (paired seeds)")] = 10,
    seed: Annotated[int, typer.Option(help="seed of replicate 0; replicate k uses seed + k")] = 1,
    weeks: Annotated[int | None, typer.Option(help="weeks (default: the scenarios' common length)")] = None,
    out: Annotated[Path, typer.Option(help="output directory")] = Path("out/compare"),
    workers: Annotated[int | None, typer.Option(help="parallel processes (default: all cores)")] = None,
    set_: Annotated[list[str] | None, typer.Option("--set", help="override a parameter in every scenario")] = None,
    window: Annotated[list[str] | None, typer.Option(
        "--window", help="also judge weeks START:END (inclusive; repeatable), reported as weeks_START_END")] = None,
    pair: Annotated[list[str] | None, typer.Option(
        "--pair", help="also judge scenario B against A, given as B:A with the names as printed (repeatable)")] = None,
    level: Annotated[float, typer.Option(help="level of the paired t-intervals (0.95 = 95 %)")] = 0.95,
    force: Annotated[bool, typer.Option(help="write into --out even if it holds other files")] = False,
    posterior: Annotated[Path | None, typer.Option(
        help="a calibration's posterior.parquet: each replicate draws its parameters from it (intervals then "
             "include what the calibration left uncertain)")] = None,
) -> None:
    """Run scenarios with common random numbers and judge bonus/malus in windows (end; with a crime
    wave also wave and year_after; any --window): bonus or malus only beyond each outcome's margin,
    negligible within it; write runs.parquet, summary.csv, comparison.png."""
    from . import compare
    from .posterior_file import fit_warning
    from .scenarios import ScenarioError

    overrides = parse_sets(set_)
    check_compare_args(scenarios, seed, replicates, out, force, overrides)
    _check_ranges(replicates, weeks, workers)
    plan = _plan(scenarios, weeks, window or [], pair or [], level, posterior, overrides)
    warning = fit_warning(posterior) if posterior is not None else None
    if warning:
        typer.echo(f"wijksim: {warning}", err=True)
    n_jobs = len(plan.named) * replicates
    uncertainty = ("chance (paired seeds)" if plan.post is None else
                   f"chance and parameters (one draw per replicate from {posterior}, {len(plan.post)} particles)")
    note_first_compile()
    with atomic_dir(out, force, "wijksim compare") as tmp:
        try:
            with progress_bar(n_jobs, "compare") as bar:
                task = bar.add_task("runs", total=n_jobs)
                runs = compare.run_comparison(plan.named, replicates, seed, weeks, workers or os.cpu_count(),
                                              overrides, posterior=plan.post,
                                              progress=lambda done, total: bar.update(task, completed=done))
        except ScenarioError as e:
            fail(str(e))
        summary = _write(tmp, runs, plan, scenarios, uncertainty, seed, replicates)
    typer.echo(compare.explanation(level))
    typer.echo(f"Intervals carry: {uncertainty}.")
    ref = compare.reference_line(summary)
    if ref:
        typer.echo(ref)
    for line in compare.verdict_lines(summary):
        typer.echo(line)
    typer.echo(f"{compare.tally_line(summary)}.")
    typer.echo(f"-> {out}/ (runs.parquet, summary.csv, comparison.png)")


def _check_ranges(replicates: int, weeks: int | None, workers: int | None) -> None:
    """The numeric options of ``compare`` (exit 2 outside their ranges)."""
    if not 1 <= replicates <= 10000:
        fail(f"--replicates {replicates} is invalid: allowed 1 to 10000")
    if weeks is not None and not 1 <= weeks <= 5200:
        fail(f"--weeks {weeks} is invalid: allowed 1 to 5200")
    if workers is not None and not 1 <= workers <= 512:
        fail(f"--workers {workers} is invalid: allowed 1 to 512")


@dataclass
class _Plan:
    """What ``compare`` will run and judge, all checked before the first run."""

    named: list[tuple[str, Any]]
    level: float
    windows: Any
    judged: Any
    post: Any


def _plan(scenarios: list[Path], weeks: int | None, window: list[str], pair: list[str], level: float,
          posterior: Path | None, overrides: dict[str, Any]) -> _Plan:
    """Load the scenarios and check every window, pair, level and the posterior before any run: a bad one
    costs nothing and writes nothing (exit 2)."""
    from . import compare
    from .scenarios import ScenarioError, load_scenario

    try:
        loaded = [load_scenario(f) for f in scenarios]
    except ScenarioError as e:
        fail(str(e))
    labels: list[str] = []
    for f in scenarios:
        labels.append(f.stem if f.stem not in labels else f"{f.stem}-{len(labels)}")
    named = list(zip(labels, loaded, strict=True))
    try:
        n_weeks = compare.run_length(named, weeks)
        wins = compare.windows_for(loaded, n_weeks, window)
        judged = compare.contrasts(labels, pair)
        compare.check_level(level)
        post = compare.read_posterior(posterior) if posterior is not None else None
        both = sorted(set(overrides) & set(post.columns)) if post is not None else []
        if both:
            raise compare.CompareError(f"--set {both[0]} and --posterior: the posterior draws {both[0]} for every "
                                       "replicate; drop one of them")
    except (ScenarioError, compare.CompareError) as e:
        fail(str(e))
    return _Plan(named, level, wins, judged, post)


def _write(tmp: Path, runs: Any, plan: _Plan, scenarios: list[Path], uncertainty: str, seed: int,
           replicates: int) -> Any:
    """The result files of ``compare`` into its temporary folder; returns the summary table."""
    from . import compare, plots

    runs.to_parquet(tmp / "runs.parquet", index=False)
    summary = compare.summarize(runs, plan.windows, plan.judged, plan.level)
    files = {label: str(f) for (label, _), f in zip(plan.named, scenarios, strict=True)}
    summary.insert(1, "file", summary["scenario"].map(files))
    summary["verdict"] = summary.apply(compare.verdict, axis=1)
    summary["uncertainty"] = uncertainty
    summary.to_csv(tmp / "summary.csv", index=False)
    title = (f"{counted(len(plan.named), 'scenario')}, {counted(replicates, 'paired replicate')} "
             f"(seeds {seed}–{seed + replicates - 1})")
    figure_text = [compare.explanation(plan.level), *compare.verdict_blocks(summary),
                   f"{compare.tally_line(summary)}."]
    plots.comparison(runs, title=title, windows=plan.windows, verdicts=figure_text, level=plan.level).savefig(
        tmp / "comparison.png", dpi=110)
    return summary
