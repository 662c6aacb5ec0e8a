"""``wijksim edge``: how far a wijk is from the edge of a spiral of decline (registered on
:data:`wijksim.cli.app`; the measurement is :mod:`wijksim.edge`, the reading guide docs/tipping.md).

Bad input is one line and exit 2, checked before any run; results go to ``--out`` through a temporary
directory (nothing half-written) with the ``.wijksim-output`` marker, as ``run`` and ``compare`` do.
"""

from __future__ import annotations

import contextlib
import json
import os
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from .cli import (
    app,
    atomic_dir,
    check_out_dir,
    check_params,
    check_seed,
    fail,
    note_first_compile,
    parse_sets,
    progress_bar,
)
from .interrupt import workers_ignore_ctrl_c

if TYPE_CHECKING:
    from .edge import EdgeResult


def _floats(text: str, option: str) -> tuple[float, ...]:
    """``"1,1.5,2"`` as numbers (exit 2 on anything else)."""
    try:
        values = tuple(float(v) for v in text.split(",") if v.strip())
    except ValueError:
        fail(f"{option} {text!r} is invalid: expected numbers separated by commas, e.g. 1,1.5,2,3,4")
    if not values or any(not (0 < v < float("inf")) for v in values):
        fail(f"{option} {text!r} is invalid: expected positive numbers separated by commas, e.g. 1,1.5,2,3,4")
    return values


@app.command("edge")
def edge_cmd(
    scenario: Annotated[Path, typer.Argument(help="scenario TOML file: the wijk to test at its own parameters")],
    seeds: Annotated[int, typer.Option(help="paired seeds per history (seed, seed+1, ...)")] = 8,
    seed: Annotated[int, typer.Option(help="seed of the first pair")] = 1000,
    multiples: Annotated[str, typer.Option(
        help="multiples of the wijk's crime_rate at which the two histories run")] = "1,1.5,2,3,4",
    ramp: Annotated[bool, typer.Option(help="also run the slow ramp up and back down (hysteresis)")] = True,
    ramp_levels: Annotated[str, typer.Option(
        help="ramp levels as multiples of the wijk's crime_rate (up, then back down)")] = "0.5,1,1.5,2,3,4",
    step_weeks: Annotated[int, typer.Option(
        help="weeks the ramp holds each level (slow variables need years: faster ramps show slow recovery as a gap)")
    ] = 400,
    bisect: Annotated[bool, typer.Option(
        help="bisect the multiples where 10 % and 50 % of seeds tip (extra paired runs between grid points)")] = True,
    tolerance: Annotated[float, typer.Option(
        help="bisection stops when the bracket is this narrow (multiples of the crime rate)")] = 0.05,
    workers: Annotated[int | None, typer.Option(help="parallel processes (default: all cores)")] = None,
    out: Annotated[Path | None, typer.Option(help="write edge.json, histories.csv, ramp.csv and edge.png here")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="print the result as JSON instead of text")] = False,
    set_: Annotated[list[str] | None, typer.Option("--set", help="override a parameter: name=value")] = None,
    force: Annotated[bool, typer.Option(help="write into --out even if it holds other files")] = False,
) -> None:
    """How far is this wijk from a spiral of decline? Runs it calm and after a year-long crisis (crime x3 for
    52 weeks) at multiples of its crime rate, judges withdrawal two years later (recovers / scarred /
    tipped, or already past the edge when the calm wijk is past the withdrawal norm's threshold), the share of
    seeds that tip at each multiple with its interval, the multiples where 10 % and 50 % of seeds tip (bisected),
    the smallest multiple at which it tips and the hysteresis gap of a slow ramp."""
    from . import edge, edge_report, provenance  # here, not at the top: `wijksim --help` stays fast
    from .scenarios import ScenarioError

    overrides = parse_sets(set_)
    check_seed(seed, max(1, seeds))
    if workers is not None and not 1 <= workers <= 512:
        fail(f"--workers {workers} is invalid: allowed 1 to 512")
    if not 1 <= step_weeks <= 5200:
        fail(f"--step-weeks {step_weeks} is invalid: allowed 1 to 5200 (levels × weeks a level at most 5200)")
    if out is not None:
        check_out_dir(out, force)
    settings = edge.EdgeSettings(multiples=_floats(multiples, "--multiples"), ramp_levels=_floats(ramp_levels,
                                 "--ramp-levels"), seeds=seeds, seed=seed, step_weeks=step_weeks,
                                 measure_weeks=edge.measure_weeks_for(step_weeks), ramp=ramp,
                                 bisect=bisect, tolerance=tolerance)
    sc = _scenario(scenario, overrides, settings)
    note_first_compile()
    n_runs = seeds * (2 * len(settings.multiples) + (1 if ramp else 0))
    # --out is opened before the runs (an unwritable place fails in seconds, not after them); its files are
    # moved into place only when all are written
    with atomic_dir(out, force, "wijksim edge") if out is not None else contextlib.nullcontext() as tmp:
        try:
            with workers_ignore_ctrl_c(), progress_bar(n_runs, "edge") as bar:
                task = bar.add_task("runs", total=n_runs)
                result = edge.measure(sc, settings, workers or os.cpu_count(),
                                      progress=lambda done, total: bar.update(task, completed=done))
                if bisect:  # bisection's runs are not counted in advance: the bar ends full
                    bar.update(task, completed=n_runs)
        except (ScenarioError, edge.EdgeError) as e:
            fail(f"{scenario}: {e}")
        data = result.to_dict()
        data["scenario_file"] = str(scenario)
        data["provenance"] = {"wijksim_version": provenance.model_version(), "versions": provenance.versions(),
                              "command": "wijksim edge"}
        if tmp is not None:
            _write(tmp, result, data, sc.name)
    if as_json:
        typer.echo(json.dumps(data, indent=2, ensure_ascii=False))
        return
    for line in edge_report.report_lines(result):
        typer.echo(line)
    if out is not None:
        typer.echo(f"-> {out}/ (edge.json, histories.csv, " + ("ramp.csv, " if ramp else "") + "edge.png)")


def _scenario(scenario: Path, overrides: dict[str, Any], settings: Any) -> Any:
    """The scenario as ``edge`` runs it: read, overridden, and checked against the settings (exit 2 if not)."""
    from . import edge
    from .scenarios import ScenarioError, load_scenario

    try:
        sc = load_scenario(scenario)
        check_params(sc.params, overrides, scenario)
        sc = sc.model_copy(update={"params": {**sc.params, **overrides}})
        settings.check(edge.base_rate(sc))
        sc.check_weeks(edge.history_weeks())  # the scenario's own interventions must start within the runs
        if settings.ramp:
            sc.check_weeks(edge.ramp_weeks(settings))
    except ScenarioError as e:
        fail(str(e))
    except edge.EdgeError as e:
        fail(f"{scenario}: {e}")
    return sc


def _write(tmp: Path, result: EdgeResult, data: dict[str, Any], name: str) -> None:
    """The result files into the temporary directory of ``--out``."""
    from . import plots
    from .jsonfiles import write_json

    write_json(tmp / "edge.json", data)
    result.histories.to_csv(tmp / "histories.csv", index=False)
    if not result.ramp.empty:
        result.ramp.to_csv(tmp / "ramp.csv", index=False)
    fig = plots.bifurcation(result.branches, result.histories, result.hysteresis, title=f"{name}: distance to the edge")
    _add_p_tip(fig, result)
    fig.savefig(tmp / "edge.png", dpi=110)


def _add_p_tip(fig: Any, result: EdgeResult) -> None:
    """The share of seeds that tip, with its Wilson interval, on a right-hand axis of the persistence panel (the
    bisected crossings as dotted verticals): how likely, beside how much."""
    h = result.histories.sort_values("crime_rate")
    if "p_tip" not in h or len(fig.axes) < 2:
        return
    ax = fig.axes[1].twinx()
    p = h["p_tip"].to_numpy(dtype=float) * 100
    err = [p - h["p_tip_lo"].to_numpy(dtype=float) * 100, h["p_tip_hi"].to_numpy(dtype=float) * 100 - p]
    ax.errorbar(h["crime_rate"], p, yerr=err, fmt="D", color="#8e44ad", capsize=3, ms=5, alpha=0.8,
                label="seeds that tip (%, Wilson 95 %)")
    base = float(result.settings["crime_rate"])
    for c in result.crossings:
        if c.multiple is not None:
            ax.axvline(c.multiple * base, color="#8e44ad", ls=":", lw=1)
    ax.set_ylim(0, 100)
    ax.set_ylabel("seeds that tip (%)", color="#8e44ad")
    ax.legend(fontsize=8, loc="lower right")
