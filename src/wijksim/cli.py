"""The ``wijksim`` command line.

Every command reports bad input as one line on stderr and exits with code 2 (no traceback); output
files are written to a temporary directory next to ``--out`` and moved into place only when the run
has finished, so an error never leaves half-written results.

Commands live next to what they drive: ``run``, ``params``, ``scenarios``, ``check`` and ``compare``
here; ``sweep`` and ``analyze`` in :mod:`wijksim.sweep.commands`; ``ui`` in :mod:`wijksim.ui.commands`.
"""

from __future__ import annotations

import contextlib
import shutil
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated, Any, NoReturn

import typer

from .jsonfiles import write_json

app = typer.Typer(
    name="wijksim",
    help="Agent-based simulation of neighbourhood safety: fear, cohesion, withdrawal and engagement.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

EXIT_BAD_INPUT = 2


class UserError(Exception):
    """Bad input from the user: printed as one line, exit code 2."""


def fail(message: str) -> NoReturn:
    """Print one clear line and exit with code 2."""
    typer.echo(f"wijksim: error: {message}", err=True)
    raise typer.Exit(EXIT_BAD_INPUT)


@contextlib.contextmanager
def atomic_dir(out: Path) -> Iterator[Path]:
    """Write into a temporary sibling directory; move its files into ``out`` only on success."""
    out = Path(out)
    parent = out.resolve().parent
    try:
        parent.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        fail(f"--out {out}: cannot create the directory ({e.strerror})")
    if out.exists() and not out.is_dir():
        fail(f"--out {out}: exists and is not a directory")
    tmp = Path(tempfile.mkdtemp(prefix=f".{out.name}.tmp-", dir=parent))
    try:
        yield tmp
        out.mkdir(parents=True, exist_ok=True)
        for f in tmp.iterdir():
            target = out / f.name
            if target.is_dir():
                shutil.rmtree(target)
            f.replace(target)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def parse_sets(sets: list[str] | None) -> dict[str, Any]:
    """``--set name=value`` options into validated parameter values (exit 2 on bad input)."""
    from .params import ParamError, parse_assignment

    out: dict[str, Any] = {}
    for s in sets or []:
        try:
            name, value = parse_assignment(s)
        except ParamError as e:
            fail(str(e))
        out[name] = value
    return out


def note_first_compile() -> None:
    """Say so when this run will first compile the model's kernels (else the first run seems to hang)."""
    from . import kernels

    if not kernels.compiled():
        typer.echo("First run on this machine: compiling wijksim's kernels (about 20 s, once).", err=True)


def progress_bar(total: int, label: str):
    """A rich progress bar on stderr (quiet when stderr is not a terminal and CI is set)."""
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    return Progress(TextColumn(f"[bold]{label}"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                    console=Console(stderr=True), transient=False)


# ---------------------------------------------------------------------------------------------
@app.command("params")
def params_cmd(
    group: Annotated[str | None, typer.Option(help="only this group")] = None,
) -> None:
    """List every model parameter: default, allowed range, unit and meaning."""
    from .params import PARAMS

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
) -> None:
    """Run one scenario and write timeseries.parquet/.csv, summary.json and overview.png to --out."""
    from .runner import build_model
    from .scenarios import ScenarioError, default_scenario, load_scenario

    overrides = parse_sets(set_)
    if weeks is not None and not (1 <= weeks <= 5200):
        fail(f"--weeks {weeks} is invalid: allowed 1 to 5200")
    if seed < 0:
        fail(f"--seed {seed} is invalid: allowed a non-negative whole number")
    try:
        sc = load_scenario(scenario) if scenario is not None else default_scenario()
        n_weeks = weeks if weeks is not None else sc.weeks
        sc.check_weeks(n_weeks)
        note_first_compile()
        model = build_model(sc, seed=seed, overrides=overrides)
    except ScenarioError as e:
        fail(str(e))
    from . import plots

    with atomic_dir(out) as tmp:
        with progress_bar(n_weeks, f"{sc.name} (seed {seed})") as bar:
            task = bar.add_task("run", total=n_weeks)
            model.run(n_weeks, progress=lambda done, total: bar.update(task, completed=done))
        ts = model.timeseries()
        ts.to_parquet(tmp / "timeseries.parquet", index=False)
        ts.to_csv(tmp / "timeseries.csv", index=False)
        summary = model.summary()
        summary["scenario"] = {"name": sc.name, "file": str(scenario) if scenario else None}
        write_json(tmp / "summary.json", summary)
        if agents:
            model.agent_table().to_parquet(tmp / "agents.parquet", index=False)
        plots.overview(ts, model.events_log, title=f"{sc.name} — seed {seed}").savefig(tmp / "overview.png", dpi=110)
    f = summary["final"]
    typer.echo(f"{n_weeks} weeks, {model.n_residents} households -> {out}/  "
               f"(unsafe {f['share_unsafe']:.1%}, withdrawn {f['share_withdrawn']:.1%}, "
               f"active {f['share_active']:.1%}, incidents/week {summary['mean_last_52_weeks']['incidents']:.1f})")


def main() -> None:
    """Entry point: turn unexpected bad-input exceptions into one clear line as well."""
    _register_optional_commands()
    try:
        app()
    except UserError as e:
        typer.echo(f"wijksim: error: {e}", err=True)
        sys.exit(EXIT_BAD_INPUT)


def _register_optional_commands() -> None:
    """Import the modules that add their own commands (sweep, analyze, ui) to ``app``."""
    import importlib

    for mod in ("wijksim.scenario_commands", "wijksim.sweep.commands", "wijksim.ui.commands",
                "wijksim.wijk_commands"):
        try:
            importlib.import_module(mod)
        except ModuleNotFoundError as e:
            if e.name is None or not mod.startswith(e.name):
                raise
