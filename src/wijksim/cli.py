"""The ``wijksim`` command line.

Every command reports bad input as one line on stderr and exits with code 2 (no traceback); output
files are written to a temporary directory next to ``--out`` and moved into place only when the run
has finished, so an error never leaves half-written results.

Commands live next to what they drive: ``run``, ``params``, ``scenarios``, ``check`` and ``compare``
here; ``sweep`` and ``analyze`` in :mod:`wijksim.sweep.commands`; ``ui`` in :mod:`wijksim.ui.commands`.
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated, Any, NoReturn

import typer
from typer.core import TyperGroup

try:  # typer >= 0.20 carries its own copy of click; its errors are those classes
    from typer._click import exceptions as click_errors
except ImportError:  # pragma: no cover - older typer on click itself
    from click import exceptions as click_errors  # type: ignore[no-redef]

from .jsonfiles import write_json
from .outdir import KNOWN_OUTPUTS as KNOWN_OUTPUTS  # re-exported: importable from here as before
from .outdir import MARKER, OutputError, check_target, fresh_dir
from .outdir import is_output_dir as is_output_dir


class OneLineErrors(TyperGroup):
    """click's own usage errors (a value that is not a number, an unknown option, a missing argument) as
    one line and exit 2, like every other bad input: typer would draw a usage block and an error box."""

    def main(self, *args: Any, **kwargs: Any) -> Any:
        if not kwargs.get("standalone_mode", True):
            return super().main(*args, **kwargs)
        from .terminal import clean

        try:
            rv = super().main(*args, **{**kwargs, "standalone_mode": False})
        except click_errors.NoArgsIsHelpError:
            return super().main(*args, **kwargs)  # `wijksim` alone: the help, as typer shows it
        except click_errors.ClickException as e:
            where = f"{e.ctx.command_path}: " if isinstance(e, click_errors.UsageError) and e.ctx else ""
            hint = f" (see {e.ctx.command_path} --help)" if isinstance(e, click_errors.UsageError) and e.ctx else ""
            typer.echo(f"wijksim: error: {clean(where + e.format_message())}{hint}", err=True)
            sys.exit(e.exit_code)
        except typer.Abort:
            typer.echo("wijksim: aborted", err=True)
            sys.exit(1)
        sys.exit(rv if isinstance(rv, int) else 0)


app = typer.Typer(
    cls=OneLineErrors,
    name="wijksim",
    help="Agent-based simulation of neighbourhood safety: fear, cohesion, withdrawal and engagement.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

EXIT_BAD_INPUT = 2
#: the output folder's marker and known files live in :mod:`wijksim.outdir`; these names stay importable here
OUTPUT_MARKER = MARKER


class UserError(Exception):
    """Bad input from the user: printed as one line, exit code 2."""


def fail(message: str) -> NoReturn:
    """Print one clear line and exit with code 2 (control characters escaped: see :mod:`wijksim.terminal`)."""
    from .terminal import clean

    typer.echo(f"wijksim: error: {clean(message)}", err=True)
    raise typer.Exit(EXIT_BAD_INPUT)


def check_out_dir(out: Path, force: bool = False, option: str = "--out") -> None:
    """Refuse (exit 2) an ``--out`` wijksim must not write over (see :mod:`wijksim.outdir`): a file, a
    device, FIFO, socket, symlink, ``/``, or a non-empty folder wijksim did not write unless ``force``."""
    try:
        check_target(out, "dir", force, option)
    except OutputError as e:
        fail(str(e))


@contextlib.contextmanager
def atomic_dir(out: Path, force: bool = False, command: str = "wijksim") -> Iterator[Path]:
    """Lock ``out`` and write into a fresh temporary sibling folder swapped in only on success
    (:func:`wijksim.outdir.fresh_dir`): a re-run leaves exactly its own files, and every way the file
    system can refuse (``/proc/x``, read-only, full) ends in one line and exit 2, nothing half-written."""
    try:
        with fresh_dir(out, force, command) as tmp:
            yield tmp
    except OutputError as e:
        fail(str(e))


def check_seed(seed: int, replicates: int = 1) -> None:
    """The one seed rule (exit 2 otherwise): 0 <= seed and seed + replicates - 1 < 2**63."""
    from .validation import seed_problem

    problem = seed_problem(seed, "--seed", seed + replicates - 1 if replicates > 1 else None)
    if problem:
        fail(problem)


def check_compare_args(scenarios: list[Path], seed: int, replicates: int, out: Path, force: bool,
                       overrides: dict[str, Any]) -> None:
    """Up-front checks of ``compare``, before any run: seed range (with every replicate's seed),
    ``--out``, and each scenario's parameters with ``--set`` on top agreeing with each other."""
    from .scenarios import ScenarioError, load_scenario

    check_seed(seed, max(1, replicates))
    check_out_dir(out, force)
    for f in scenarios:
        try:
            sc = load_scenario(f)
        except ScenarioError as e:
            fail(str(e))
        check_params(sc.params, overrides, f)


def distinct_events(events: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """One marker per distinct (week, text), with a count: 1,000 identical crime waves draw one line."""
    counts: dict[tuple[int, str], int] = {}
    for ev in events:
        counts[ev] = counts.get(ev, 0) + 1
    return [(w, text if n == 1 else f"{text} ×{n}") for (w, text), n in counts.items()]


def parse_sets(sets: list[str] | None) -> dict[str, Any]:
    """``--set name=value`` options into validated parameter values (exit 2 on bad input)."""
    from .params import ParamError, parse_assignment

    out: dict[str, Any] = {}
    from .validation import check_consistent

    for s in sets or []:
        try:
            name, value = parse_assignment(s)
        except ParamError as e:
            fail(_short(str(e)))
        out[name] = value
    try:
        check_consistent(out, "--set")
    except ParamError as e:
        fail(str(e))
    return out


def _short(message: str, limit: int = 300) -> str:
    """A message cut to ``limit`` characters (a value given on the command line may be huge)."""
    return message if len(message) <= limit else message[: limit - 3] + "..."


def note_first_compile() -> None:
    """Say so when this run will first compile the model's kernels (else the first run seems to hang)."""
    from . import kernels

    if not kernels.compiled():
        typer.echo("First run on this machine: compiling wijksim's kernels (about 20 s, once).", err=True)


def progress_bar(total: int, label: str):
    """A rich progress bar on stderr (quiet when stderr is not a terminal and CI is set)."""
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    from .terminal import clean_label

    return Progress(TextColumn(f"[bold]{clean_label(label)}"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                    console=Console(stderr=True), transient=False)


# ---------------------------------------------------------------------------------------------
@app.command("params")
def params_cmd(
    group: Annotated[str | None, typer.Option(help="only this group")] = None,
) -> None:
    """List every model parameter: default, allowed range, unit and meaning."""
    from .params import PARAMS

    groups = sorted({p.group for p in PARAMS.values()})
    if group is not None and group not in groups:
        fail(f"--group {group!r} is unknown: choose one of {', '.join(groups)}")
    for p in PARAMS.values():
        if group and p.group != group:
            continue
        default = str(p.default).lower() if p.kind == "bool" else p.default
        typer.echo(f"{p.name:28s} {default!s:>16}  [{p.range_text()}] {p.unit}  {p.meaning}")


@app.command("run")
def run_cmd(
    scenario: Annotated[Path | None,
                        typer.Argument(help="scenario TOML file (default: defaults, no interventions)")] = None,
    weeks: Annotated[int | None, typer.Option(help="weeks to simulate (default: the scenario's, else 156)")] = None,
    seed: Annotated[int, typer.Option(help="random seed")] = 1,
    out: Annotated[Path, typer.Option(help="output directory")] = Path("out/run"),
    set_: Annotated[list[str] | None, typer.Option("--set", help="override a parameter: name=value")] = None,
    agents: Annotated[bool, typer.Option(help="also write agents.parquet (a snapshot of every household)")] = False,
    force: Annotated[bool, typer.Option(help="write into --out even if it holds other files")] = False,
) -> None:
    """Run one scenario and write timeseries.parquet/.csv, summary.json and overview.png to --out."""
    from .model import window_key
    from .runner import build_model
    from .scenarios import ScenarioError, default_scenario, load_scenario
    from .terminal import clean
    from .text.numbers import counted

    overrides = parse_sets(set_)
    if weeks is not None and not (1 <= weeks <= 5200):
        fail(f"--weeks {weeks} is invalid: allowed 1 to 5200")
    check_seed(seed)
    check_out_dir(out, force)
    try:
        sc = load_scenario(scenario) if scenario is not None else default_scenario()
        n_weeks = weeks if weeks is not None else sc.weeks
        sc.check_weeks(n_weeks)
        check_params(sc.params, overrides, scenario)
        note_first_compile()
        model = build_model(sc, seed=seed, overrides=overrides)
    except ScenarioError as e:
        fail(str(e))
    if model.map is not None:  # results per cell go back onto the map: keep where incidents happen
        model.incident_log = []
    from . import plots, provenance
    from .text.events import rendered

    with atomic_dir(out, force, "wijksim run") as tmp:
        with progress_bar(n_weeks, f"{sc.name} (seed {seed})") as bar:
            task = bar.add_task("run", total=n_weeks)
            model.run(n_weeks, progress=lambda done, total: bar.update(task, completed=done))
        ts = model.timeseries()
        ts.to_parquet(tmp / "timeseries.parquet", index=False)
        ts.to_csv(tmp / "timeseries.csv", index=False)
        summary = model.summary()
        summary["scenario"] = {"name": sc.name, "file": str(scenario) if scenario else None}
        summary["wijksim_version"] = provenance.model_version()  # with the git commit, from a checkout
        summary["versions"] = provenance.versions()
        write_json(tmp / "summary.json", summary)
        if agents:
            model.agent_table().to_parquet(tmp / "agents.parquet", index=False)
        if model.map is not None:
            write_json(tmp / "cells.geojson", cell_results(model))
        plots.overview(ts, distinct_events(rendered(model.events_log, "en")),
                       title=f"{clean(sc.name)} — seed {seed}").savefig(tmp / "overview.png", dpi=110)
    f = summary["final"]
    window = summary["window_weeks"]
    incidents = summary[window_key(window)]["incidents"]
    typer.echo(f"{counted(n_weeks, 'week')}, {counted(model.n_residents, 'household')} -> {clean(out)}/  "
               f"(unsafe {f['share_unsafe']:.1%}, withdrawn {f['share_withdrawn']:.1%}, "
               f"active {f['share_active']:.1%}, incidents/week {incidents:.1f} "
               f"over the last {counted(window, 'week')})")


def cell_results(model: Any, weeks: int = 52) -> dict[str, Any]:
    """Results per cell of a wijk read from a map, as GeoJSON in the map's CRS (for QGIS or ArcGIS):
    incidents in the run's last ``weeks`` weeks (the whole run when shorter; by kind), disorder and the share
    of households withdrawn at the end of the run. Every cell that is not street, and the street cells where
    an incident happened (:func:`wijksim.layout_file.cells_to_geojson`), so the file's incidents add up to the
    run's."""
    import numpy as np

    from .layout_file import cells_to_geojson

    shape = model.nb.shape
    counts = np.zeros((3, shape[0] * shape[1]))
    last = model.week - weeks
    for week, cells, kinds in model.incident_log or []:
        if week > last:
            np.add.at(counts, (kinds, cells), 1.0)
    rs = model.residents
    households = np.bincount(rs.home_cell, minlength=counts.shape[1]).astype(float)
    withdrawn = np.bincount(rs.home_cell, weights=rs.withdrawn.astype(float), minlength=counts.shape[1])
    share = np.divide(withdrawn, households, out=np.zeros_like(households), where=households > 0)
    values = {"incidents": counts.sum(axis=0), "nuisance": counts[0], "burglary": counts[1], "street_crime": counts[2],
              "disorder": model.nb.disorder.ravel(), "share_withdrawn": share}
    return cells_to_geojson(model.map, {k: v.reshape(shape) for k, v in values.items()}, street_if=("incidents",))


def check_params(scenario_params: dict[str, Any], overrides: dict[str, Any], source: Any = None) -> None:
    """The scenario's parameters with ``--set`` on top must agree with each other (exit 2 otherwise)."""
    from .params import ParamError
    from .validation import check_consistent

    try:
        check_consistent({**scenario_params, **overrides}, str(source) if source else "--set")
    except ParamError as e:
        fail(str(e))


def main() -> None:
    """Entry point: turn unexpected bad-input exceptions into one clear line as well, and Ctrl-C into
    one line and exit 130 in every command (:mod:`wijksim.interrupt`)."""
    from . import interrupt

    _register_optional_commands()
    interrupt.guard_commands(app)
    try:
        app()
    except KeyboardInterrupt:  # Ctrl-C where no command handles it (e.g. while one was ending)
        interrupt.end_interrupted()
    except SystemExit as e:
        if e.code == interrupt.EXIT_INTERRUPTED and interrupt.pressed():
            interrupt.end_interrupted()  # said its line; nothing left to clean up but the interpreter's shutdown
        if e.code == interrupt.EXIT_INTERRUPTED:
            interrupt.report_if_silent()
        raise
    except UserError as e:
        from .terminal import clean

        typer.echo(f"wijksim: error: {clean(e)}", err=True)
        sys.exit(EXIT_BAD_INPUT)


def _register_optional_commands() -> None:
    """Import the modules that add their own commands (sweep, analyze, ui) to ``app``."""
    import importlib

    for mod in ("wijksim.scenario_commands", "wijksim.sweep.commands", "wijksim.ui.commands",
                "wijksim.wijk_commands", "wijksim.edge_commands", "wijksim.city.commands"):
        try:
            importlib.import_module(mod)
        except ModuleNotFoundError as e:
            if e.name is None or not mod.startswith(e.name):
                raise
