"""``wijksim sweep`` and ``wijksim analyze``: registered on :data:`wijksim.cli.app` at import.

Bad input (experiment file, overrides, a ``--out`` that holds another sweep) is one line and exit 2,
like every other command. Ctrl-C stops cleanly with exit 130 and says how to resume; runs that
failed inside the model are listed in the manifest and give exit 1 (run again to retry them).
"""

from __future__ import annotations

import contextlib
import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from ..cli import app, fail, note_first_compile, parse_sets, progress_bar
from ..interrupt import caused_by_ctrl_c
from ..terminal import clean
from ..text.numbers import counted

EXIT_RUNS_FAILED = 1
EXIT_INTERRUPTED = 130


@app.command("sweep")
def sweep_cmd(
    experiment: Annotated[Path, typer.Argument(help="experiment TOML file (see experiments/README.md)")],
    out: Annotated[
        Path,
        typer.Option(
            help="results directory (Parquet parts + manifest.json); the same command again resumes it"
        ),
    ] = Path("out/sweep"),
    workers: Annotated[
        int | None,
        typer.Option(
            help="worker processes of the embedded local cluster (default: the number of CPU cores)"
        ),
    ] = None,
    scheduler: Annotated[
        str | None, typer.Option(help="address of an existing Dask scheduler, e.g. tcp://127.0.0.1:8786")
    ] = None,
    weeks: Annotated[int | None, typer.Option(help="override the experiment's weeks")] = None,
    replicates: Annotated[int | None, typer.Option(help="override the experiment's replicates")] = None,
    set_: Annotated[
        list[str] | None, typer.Option("--set", help="fix a parameter for every run: name=value")
    ] = None,
    batch_size: Annotated[
        int | None, typer.Option(help="runs per task (default: sized to ≈ 0.5 s per task)")
    ] = None,
    quiet: Annotated[bool, typer.Option(help="no progress bar")] = False,
    allow_version_change: Annotated[
        bool, typer.Option(help="resume even if the sweep was started with another wijksim version or commit")
    ] = False,
    posterior: Annotated[
        Path | None,
        typer.Option(help="a calibration's posterior.parquet: every run draws its parameters from it by its seed"),
    ] = None,
) -> None:
    """Run an experiment's design on Dask (local cluster or --scheduler); resumable."""
    from ..outdir import OutputError, OutputLock, check_target
    from .design import ExperimentError, load_experiment

    _check_options(workers, scheduler, weeks, replicates, batch_size)
    try:
        exp = load_experiment(experiment, weeks=weeks, replicates=replicates, sets=parse_sets(set_))
    except ExperimentError as e:
        fail(str(e))
    if posterior is not None:
        exp = with_posterior(exp, posterior)
    try:
        check_target(out, "dir", foreign_ok=True)  # what is inside, the sweep's own check judges
        with OutputLock(out, "wijksim sweep"):
            result = _sweep(exp, out, workers, scheduler, str(experiment), batch_size, quiet, allow_version_change)
    except OutputError as e:
        fail(str(e))
    except OSError as e:  # a full or read-only disk: the parts written so far are whole, the manifest too
        fail(f"--out {out}: cannot write there ({e.strerror or e}); finished runs are kept: free space and run "
             "the same command again to resume")
    _report(result, out)


def _check_options(workers: int | None, scheduler: str | None, weeks: int | None, replicates: int | None,
                   batch_size: int | None) -> None:
    """The numeric and address options of ``sweep`` (exit 2 outside their ranges)."""
    if workers is not None and scheduler is not None:
        fail("give either --workers (local cluster) or --scheduler (existing cluster), not both")
    if workers is not None and not (1 <= workers <= 1024):
        fail(f"--workers {workers} is invalid: allowed 1 to 1024")
    if weeks is not None and not (1 <= weeks <= 5200):
        fail(f"--weeks {weeks} is invalid: allowed 1 to 5200")
    if replicates is not None and not (1 <= replicates <= 100_000):
        fail(f"--replicates {replicates} is invalid: allowed 1 to 100000")
    if batch_size is not None and not (1 <= batch_size <= 100_000):
        fail(f"--batch-size {batch_size} is invalid: allowed 1 to 100000")
    if scheduler is not None and not scheduler.startswith(("tcp://", "tls://", "inproc://", "ucx://")):
        fail(f"--scheduler {scheduler!r} is invalid: expected an address like tcp://127.0.0.1:8786")


def _sweep(exp: Any, out: Path, workers: int | None, scheduler: str | None, experiment_file: str,
           batch_size: int | None, quiet: bool, allow_version_change: bool) -> Any:
    """The sweep itself, holding ``out``'s lock: check the folder, say what runs where, run with a
    progress bar; bad input exits 2, Ctrl-C exits 130 saying how to resume."""
    import os

    from .design import ExperimentError
    from .execute import check_out, run_sweep

    try:
        check_out(out)
    except ExperimentError as e:
        fail(str(e))
    n_workers = workers if workers is not None else (os.cpu_count() or 1)
    where = scheduler or f"{counted(n_workers, 'local worker')}"
    typer.echo(
        f"{clean(exp.name)}: {exp.design.kind} design, {counted(exp.n_points, 'point')} × "
        f"{counted(exp.replicates, 'replicate')} = {counted(exp.n_runs, 'run')} of {counted(exp.weeks, 'week')} "
        f"on {where} -> {out}/",
        err=True,
    )
    if not quiet and scheduler is None:
        note_first_compile()  # the local workers compile while warming up; a remote cluster has its own cache
    bar = None if quiet else progress_bar(exp.n_runs, exp.name)
    task = None

    def progress(done: int, total: int) -> None:
        nonlocal task
        if bar is None:
            return
        if task is None:
            task = bar.add_task("runs", total=total, completed=done)
        bar.update(task, completed=done)

    try:
        with bar if bar is not None else contextlib.nullcontext():
            return run_sweep(exp, out, workers=None if scheduler else n_workers, scheduler=scheduler,
                             experiment_file=experiment_file, batch_size=batch_size, progress=progress,
                             allow_version_change=allow_version_change)
    except ExperimentError as e:
        fail(str(e))
    except BaseException as e:  # Ctrl-C, also where compiled code turned it into another error
        if not caused_by_ctrl_c(e):
            raise
        typer.echo(
            f"wijksim: interrupted; finished runs are kept in {out}/ — run the same command again to resume",
            err=True,
        )
        raise typer.Exit(EXIT_INTERRUPTED) from None


def _report(result: Any, out: Path) -> None:
    """The summary line, damaged parts and failed runs (exit 1 when runs failed)."""
    if result.damaged:
        typer.echo(
            f"wijksim: {counted(len(result.damaged), 'damaged part')} failed their checksum and were set aside in "
            f"{out}/damaged/ ({', '.join(result.damaged[:3])}{' ...' if len(result.damaged) > 3 else ''}); "
            "their runs were run again",
            err=True,
        )
    rate = f", {result.runs_per_minute:.0f} runs/min" if result.ran else ""
    typer.echo(
        f"{result.done}/{counted(result.total, 'run')} done ({result.ran} this session in {result.seconds:.1f} s"
        f"{rate} on {counted(result.workers, 'worker')}), {len(result.failed)} failed -> {out}/manifest.json"
    )
    if result.failed:
        first = next(iter(result.failed.items()))
        typer.echo(
            f"wijksim: {counted(len(result.failed), 'run')} failed (first: run {first[0]}: {first[1]}); "
            "run the same command again to retry them",
            err=True,
        )
        raise typer.Exit(EXIT_RUNS_FAILED)


@app.command("analyze")
def analyze_cmd(
    directory: Annotated[Path, typer.Argument(help="a sweep's results directory (with manifest.json)")],
    out: Annotated[
        Path | None, typer.Option(help="where to write figures and tables (default: DIRECTORY/analysis)")
    ] = None,
) -> None:
    """Figures (PNG) and tables (CSV) for a sweep: response surfaces, line plots, sensitivity indices."""
    from ..outdir import OutputError, OutputLock, check_target
    from .analysis import AnalysisError, analyze

    target = out or directory / "analysis"
    if directory.exists() and not directory.is_dir():  # the input first: its own words, not --out's
        fail(f"{directory}: not a directory; give a sweep's results directory (the one with manifest.json)")
    try:  # never into a device, FIFO, symlink or /; one writer at a time
        check_target(target, "dir", foreign_ok=True)
        with OutputLock(target, "wijksim analyze"):
            written = analyze(directory, out)
    except (AnalysisError, OutputError) as e:
        fail(str(e))
    except OSError as e:
        fail(f"--out {target}: cannot write there ({e.strerror or e})")
    noise = target / "noise.csv"
    if noise.exists():
        import pandas as pd

        for row in pd.read_csv(noise).itertuples():
            if "dominates" in row.verdict or "cannot" in row.verdict:
                typer.echo(f"{row.output}: {row.verdict}")
    typer.echo(
        f"{counted(len(written), 'file')} -> {target}/: "
        + ", ".join(p.name for p in written[:8])
        + (" ..." if len(written) > 8 else "")
    )


if __name__ == "__main__":  # pragma: no cover
    sys.exit(app())


def with_posterior(exp: Any, path: Path) -> Any:
    """The experiment with a calibration's posterior attached (exit 2 on a bad file or a parameter that the
    design also sets: a factor or a fixed value cannot be drawn from the posterior as well)."""
    from ..compare import CompareError, read_posterior
    from ..posterior_file import fit_warning

    try:
        post = read_posterior(path)
    except CompareError as e:
        fail(str(e))
    names = [c for c in post.columns if c != "weight"]
    clash = [n for n in names if n in exp.factor_names or n in exp.params]
    if clash:
        fail(f"--posterior {path}: {clash[0]} is also a factor or a fixed value of the experiment; the "
             "posterior draws it for every run, so drop one of them")
    warning = fit_warning(path)
    if warning:
        typer.echo(f"wijksim: {warning}", err=True)
    records = [{k: float(v) for k, v in r.items()} for r in post.to_dict("records")]
    return exp.model_copy(update={"posterior": records})
