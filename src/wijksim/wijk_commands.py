"""``wijksim layout`` and ``wijksim calibrate``: your own wijk (registered on :data:`wijksim.cli.app`).

``layout`` turns building footprints (GeoJSON) into a text map and prints what the map holds;
``calibrate`` fits parameters to local survey figures with ABC-SMC on Dask (see :mod:`wijksim.calibrate`).
Bad input is one line and exit 2, as everywhere; a stopped calibration resumes with the same command.
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Annotated, Any

import typer

from .cli import app, fail, note_first_compile, parse_sets
from .interrupt import caused_by_ctrl_c, report_if_silent
from .text.numbers import counted

EXIT_INTERRUPTED = 130


def _describe(summary: dict) -> str:
    s = summary
    return (f"{s['width']} × {s['height']} cells, {counted(s['households'], 'household')} "
            f"({s['share_social_housing']:.0%} social housing"
            + (f", {counted(s['stacked_cells'], 'cell')} with several households" if s["stacked_cells"] else "")
            + f"), {counted(s['green_cells'], 'green cell')}, {counted(s['courtyards'], 'courtyard')}, "
            f"{counted(s['other_building_cells'], 'cell')} of other buildings")


@app.command("layout")
def layout_cmd(
    map_file: Annotated[Path, typer.Argument(help="a text map (.txt) or building footprints (.geojson)")],
    out: Annotated[Path | None, typer.Option(help="write the layout as a text map to this file")] = None,
    cell_size: Annotated[float, typer.Option(help="metres per cell for GeoJSON footprints")] = 15.0,
    force: Annotated[bool, typer.Option(help="replace an existing --out file (never a device, FIFO or symlink)")
                     ] = False,
) -> None:
    """Read a map, print what it holds (households, social housing, green, courtyards); convert to text."""
    from .layout_file import MapError, read_map, to_text
    from .outdir import OutputError, check_target, write_file

    try:
        if out is not None:  # before reading: a bad --out costs nothing
            check_target(out, "file", force)
        m = read_map(map_file, cell_size=cell_size)
    except (MapError, OutputError) as e:
        fail(str(e))
    if out is not None:  # written before anything is printed: a refusal is the command's only line
        try:
            write_file(out, to_text(m), force, "wijksim layout")
        except OutputError as e:
            fail(str(e))
    typer.echo(f"{map_file}: {_describe(m.summary())}")
    for note in m.notes:
        typer.echo(f"  note: {note}; a text map holds one household per dwelling cell, so use the GeoJSON "
                   "file itself as the scenario's layout to keep them")
    if out is not None:
        typer.echo(f"text map -> {out}")


@app.command("calibrate")
def calibrate_cmd(
    targets: Annotated[Path, typer.Argument(help="targets TOML file: base scenario, parameters to fit, figures")],
    out: Annotated[Path, typer.Option(help="output directory; the same command again resumes")] = Path(
        "out/calibration"),
    workers: Annotated[int | None, typer.Option(help="worker processes of the local Dask cluster")] = None,
    scheduler: Annotated[str | None, typer.Option(help="address of a Dask scheduler, e.g. tcp://host:8786")] = None,
    set_: Annotated[list[str] | None, typer.Option("--set", help="fix a base parameter: name=value")] = None,
) -> None:
    """Fit parameters to local survey figures with ABC-SMC (pyabc) on Dask; resumable."""
    import os

    from . import calibrate as C

    if workers is not None and scheduler is not None:
        fail("give either --workers (local cluster) or --scheduler (existing cluster), not both")
    if workers is not None and not (1 <= workers <= 1024):
        fail(f"--workers {workers} is invalid: allowed 1 to 1024")
    try:
        import pyabc  # noqa: F401
    except ModuleNotFoundError:
        fail("calibration needs pyabc: pip install 'wijksim[calibrate]'")
    from .outdir import OutputError, OutputLock, check_target

    try:
        cal = C.load_targets(targets, parse_sets(set_))
        check_target(out, "dir", option="--out", foreign_ok=True)  # what is in it, check_out_dir judges
    except (C.CalibrationError, OutputError) as e:
        fail(str(e))
    try:
        with OutputLock(out, "wijksim calibrate"):
            _calibrate(cal, out, workers or os.cpu_count() or 1, scheduler)
    except OutputError as e:
        fail(str(e))
    except OSError as e:  # a full or read-only disk: the database keeps the finished generations
        fail(f"--out {out}: cannot write there ({e.strerror or e}); finished generations are kept: free space "
             "and run the same command again to resume")


def _calibrate(cal, out: Path, workers: int, scheduler: str | None) -> None:
    """The calibration itself, holding ``out``'s lock: resume or start, fit, check, write, report."""
    from . import calibrate as C
    from .calibrate_report import Verdict, check_line, check_record, edge_of, verdict_record, verdict_text

    try:
        resume = C.check_out_dir(cal, out)
    except C.CalibrationError as e:
        fail(str(e))
    note_first_compile()
    versions = _versions()
    C.write_spec(cal, out, {"versions": versions, "status": "running"}, keep_results=True)
    burn_in = {**cal.scenario.params, **cal.overrides}.get("burn_in", _default("burn_in"))
    typer.echo(f"{'resuming' if resume else 'calibrating'} {counted(len(cal.priors), 'parameter')} to "
               f"{counted(len(cal.targets), 'figure')}: {cal.population} particles × {cal.generations} generations, "
               f"each simulation {cal.weeks} weeks after a burn-in of {burn_in} -> {out}/")
    try:
        with _progress_display(cal.generations) as show:
            post = C.run_calibration(cal, out, workers=workers, scheduler=scheduler,
                                     log=lambda s: typer.echo(s, err=True), progress=show)
    except BaseException as e:  # Ctrl-C, also where compiled code turned it into another error
        if not caused_by_ctrl_c(e):
            raise
        report_if_silent()  # the line of interrupt.interrupted_line: what is kept and how to resume
        raise typer.Exit(EXIT_INTERRUPTED) from None
    table = C.summarize_posterior(post, cal, C.generation_posteriors(out)[:-1])
    typer.echo(f"posterior predictive check: {C.PREDICTIVE_DRAWS} draws simulated again …", err=True)
    check = C.predictive_check(post, cal, draws=C.PREDICTIVE_DRAWS)
    n_sims = C.total_simulations(out)
    _write_results(cal, out, post, table, check, n_sims)
    C.write_spec(cal, out, {"versions": versions, "status": "done", "simulations": n_sims,
                            "predictive_check": check_record(check, C.PREDICTIVE_DRAWS),
                            "verdicts": verdict_record(table)})
    for r in table.itertuples():
        said = verdict_text(Verdict(r.verdict, edge_of(r.edge)), r.can_widen)
        typer.echo(f"{r.parameter:24s} median {r.median:.4g}  90 % [{r.lo90:.4g}, {r.hi90:.4g}]  prior "
                   f"[{r.prior_low:.4g}, {r.prior_high:.4g}]  {said}")
    typer.echo("posterior predictive check (95 % intervals):")
    for r in check.itertuples():
        typer.echo("  " + check_line(r))
    if not check["inside"].all():
        typer.echo("FIT FAILED: the model does not reproduce every target at any fitted value; see calibration.md "
                   "before using this posterior")
    typer.echo(f"{n_sims} simulations; posterior.parquet, calibration.md, posterior_*.png -> {out}/")


@contextlib.contextmanager
def _progress_display(generations: int) -> Iterator[Callable[[Any], None]]:
    """Where the line per generation goes: above a rich progress bar when stderr is a terminal, else a plain
    line on stderr (logs, CI, tests)."""
    from .calibrate_report import progress_line

    if not sys.stderr.isatty():
        yield lambda p: typer.echo(progress_line(p), err=True)
        return
    from .cli import progress_bar

    with progress_bar(generations, "calibrate") as bar:
        task = bar.add_task("generations", total=generations)

        def show(p: Any) -> None:
            bar.console.print(progress_line(p), highlight=False)
            bar.update(task, completed=p.generation)

        yield show


def _default(name: str) -> Any:
    from .params import PARAMS

    return PARAMS[name].default


def _write_results(cal, out: Path, post, table, check, n_sims) -> None:
    """Write the result files next to the database, each through a temporary name."""
    from . import plots
    from .calibrate import PREDICTIVE_DRAWS
    from .calibrate_report import report_markdown

    def put(name: str, write) -> None:
        tmp = out / f".{name}.tmp"
        try:
            write(tmp)
            tmp.replace(out / name)
        finally:
            tmp.unlink(missing_ok=True)

    put("posterior.parquet", lambda p: post.to_parquet(p, index=False))
    report = report_markdown(cal, table, check, n_sims, PREDICTIVE_DRAWS)
    put("calibration.md", lambda p: p.write_text(report, encoding="utf-8"))
    put("posterior_marginals.png", lambda p: plots.posterior_marginals(post, cal.priors, "Posterior").savefig(
        p, dpi=110, format="png"))
    if len(cal.priors) > 1:
        put("posterior_pairs.png", lambda p: plots.posterior_pairs(post, cal.priors).savefig(p, dpi=110, format="png"))


def _versions() -> dict[str, Any]:
    """What produced the calibration: wijksim's version and git commit, and the packages' versions
    (:func:`wijksim.provenance.versions`) with pyabc's."""
    import importlib.metadata as md

    from .provenance import versions

    out = versions()
    try:
        out["pyabc"] = md.version("pyabc")
    except md.PackageNotFoundError:
        pass
    return out
