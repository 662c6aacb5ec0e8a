"""``wijksim city``: run a city of wijken, and compare two cities around a target wijk (the waterbed).

Registered on :data:`wijksim.cli.app` as the sub-app ``city`` (see ``cli._register_optional_commands``). Bad
input is one line and exit 2, checked before any run; results go to ``--out`` through a temporary folder with
the ``.wijksim-output`` marker (:mod:`wijksim.outdir`: one writer, atomic, never over what wijksim did not write).
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated, Any

import typer

from ..cli import app, atomic_dir, check_out_dir, check_seed, fail, note_first_compile, parse_sets, progress_bar

city_app = typer.Typer(help="A city of wijken: does crime move next door, or does the benefit spread?",
                       no_args_is_help=True)
app.add_typer(city_app, name="city")

Out = Annotated[Path, typer.Option(help="folder for the results (created; re-runs replace only wijksim's files)")]
Sets = Annotated[list[str] | None, typer.Option("--set", help="wijk parameter for every wijk: name=value")]
Force = Annotated[bool, typer.Option(help="write into --out even if it holds other files")]


def _load(path: Path) -> Any:
    from .cityfile import CityError, load_city

    try:
        return load_city(path)
    except CityError as e:
        fail(str(e))


def _check_weeks(weeks: int | None, city: Any) -> int:
    n = city.weeks if weeks is None else weeks
    if not 1 <= n <= 5200:
        fail(f"--weeks {n} is invalid: allowed 1 to 5200")
    for w in city.wijken:
        try:
            w.scenario.check_weeks(n)
        except ValueError as e:
            fail(f"{city.source}: wijk {w.name}: {e}")
    return n


@city_app.command("run")
def run_cmd(
    city_file: Annotated[Path, typer.Argument(help="city TOML file (see docs/city.md)")],
    out: Out,
    seed: Annotated[int, typer.Option(help="the city's seed (each wijk's seed follows from it and its name)")] = 1,
    weeks: Annotated[int | None, typer.Option(help="recorded weeks (default: the city file's)")] = None,
    set_: Sets = None,
    force: Force = False,
) -> None:
    """Run a city: writes city.parquet (week, wijk, output, value), totals.csv, journeys.csv and moves.csv (week,
    from_wijk, to_wijk or outside, count)."""
    from ..jsonfiles import write_json
    from .model import totals
    from .runs import run_city

    overrides = parse_sets(set_)
    check_seed(seed)
    city = _load(city_file)
    n = _check_weeks(weeks, city)
    check_out_dir(out, force)
    note_first_compile()
    with atomic_dir(out, force, "wijksim city run") as tmp:
        with progress_bar(n, "city") as bar:
            task = bar.add_task("weeks", total=n)
            model = run_city(city, seed, n, overrides, progress=lambda d, t: bar.update(task, completed=d))
        table = model.table()
        table.to_parquet(tmp / "city.parquet", index=False)
        totals(table).to_csv(tmp / "totals.csv", index=False)
        model.journey_table().to_csv(tmp / "journeys.csv", index=False)
        model.move_table().to_csv(tmp / "moves.csv", index=False)
        write_json(tmp / "city.json", {"city": city.name, "city_file": str(city_file), "seed": seed, "weeks": n,
                                       "params": model.p, "overrides": overrides, "wijken": list(city.names)})
    typer.echo(f"{city.name}: {len(city.wijken)} wijken, {n} weeks, seed {seed}")
    typer.echo(f"-> {out}/ (city.parquet, totals.csv, journeys.csv, moves.csv, city.json)")


@city_app.command("compare")
def compare_cmd(
    city_a: Annotated[Path, typer.Argument(help="city without the intervention (before)")],
    city_b: Annotated[Path, typer.Argument(help="the same city with it (after)")],
    target: Annotated[str, typer.Option(help="the wijk the intervention targets")],
    out: Out,
    seeds: Annotated[int, typer.Option(help="paired seeds (seed, seed+1, ...)")] = 20,
    seed: Annotated[int, typer.Option(help="the first seed")] = 1,
    outcome: Annotated[str, typer.Option(help="the count the waterbed is measured on")] = "incidents",
    from_week: Annotated[int, typer.Option(help="first week of the measured window")] = 1,
    weeks: Annotated[int | None, typer.Option(help="recorded weeks (default: the city file's)")] = None,
    control: Annotated[str | None, typer.Option(help="control wijken, comma-separated (default: all not "
                                                     "target or buffer)")] = None,
    workers: Annotated[int | None, typer.Option(help="run the pairs on a local Dask cluster of this many "
                                                     "processes (default: here, one after the other)")] = None,
    scheduler: Annotated[str | None, typer.Option(help="run the pairs on this Dask scheduler (tcp://host:8786)")
                         ] = None,
    set_: Sets = None,
    force: Force = False,
) -> None:
    """Compare two cities over paired seeds around a target wijk: WDQ and total net effect with intervals
    (Bowers & Johnson 2003); writes summary.csv and counts.csv."""
    from .cityfile import CityError
    from .runs import compare

    overrides = parse_sets(set_)
    if not 2 <= seeds <= 10_000:
        fail(f"--seeds {seeds} is invalid: allowed 2 to 10000 (intervals need pairs)")
    check_seed(seed, seeds)
    a, b = _load(city_a), _load(city_b)
    n = _check_weeks(weeks, a)
    _check_weeks(n, b)
    if not 1 <= from_week <= n:
        fail(f"--from-week {from_week} is invalid: allowed 1 to {n}")
    from ..metrics import ALL_COLUMNS

    if outcome not in ALL_COLUMNS or outcome == "week":
        fail(f"--outcome {outcome!r} is invalid: allowed an output of the wijk model, e.g. incidents, reports")
    chosen = tuple(c.strip() for c in control.split(",") if c.strip()) if control else None
    try:
        a.index(target)
        for c in chosen or ():
            a.index(c)
    except CityError as e:
        fail(str(e))
    if workers is not None and not 1 <= workers <= 512:
        fail(f"--workers {workers} is invalid: allowed 1 to 512")
    check_out_dir(out, force)
    note_first_compile()
    seed_list = list(range(seed, seed + seeds))
    with atomic_dir(out, force, "wijksim city compare") as tmp:
        try:
            with _client(workers, scheduler) as client, progress_bar(seeds, "pairs") as bar:
                task = bar.add_task("pairs", total=seeds)
                result = compare(a, b, target, seed_list, outcome=outcome, first=from_week, last=n, control=chosen,
                                 overrides=overrides, progress=lambda d, t: bar.update(task, completed=d),
                                 client=client)
        except CityError as e:
            fail(str(e))
        summary = result.summary(outcome, seed_list, from_week, n)
        summary.to_csv(tmp / "summary.csv", index=False)
        result.per_seed(seed_list).to_csv(tmp / "counts.csv", index=False)
    for line in _report(summary.iloc[0].to_dict()):
        typer.echo(line)
    typer.echo(f"-> {out}/ (summary.csv, counts.csv)")


@contextlib.contextmanager
def _client(workers: int | None, scheduler: str | None) -> Iterator[Any]:
    """The sweeps' Dask client when asked for (``--workers`` or ``--scheduler``), else None (run here)."""
    if workers is None and scheduler is None:
        yield None
        return
    from ..sweep.base import ExperimentError
    from ..sweep.cluster import dask_client

    try:
        with dask_client(workers, scheduler) as client:
            yield client
    except ExperimentError as e:
        fail(str(e))


def _report(r: dict[str, Any]) -> list[str]:
    return [
        f"target {r['target']}, buffer {r['buffer']}, control {r['control']} ({r['seeds']} paired seeds, "
        f"{r['outcome']}, weeks {r['from_week']}-{r['to_week']})",
        f"target change vs control {r['target_effect']:+.4f} [{r['target_effect_lo']:+.4f}, "
        f"{r['target_effect_hi']:+.4f}]",
        f"buffer change vs control {r['buffer_effect']:+.4f} [{r['buffer_effect_lo']:+.4f}, "
        f"{r['buffer_effect_hi']:+.4f}]",
        f"WDQ {r['wdq']:+.2f} [{r['wdq_lo']:+.2f}, {r['wdq_hi']:+.2f}]   total net effect {r['tne']:+.1f} "
        f"[{r['tne_lo']:+.1f}, {r['tne_hi']:+.1f}] {r['outcome']} per run",
        f"verdict: {r['verdict']}",
    ]


@city_app.command("import")
def import_cmd(
    geojson: Annotated[Path, typer.Argument(help="GeoJSON of wijk or buurt boundaries (RD New, or WGS84 with pyproj)")],
    out: Annotated[Path, typer.Option(help="the city file to write (TOML)")],
    name_field: Annotated[str, typer.Option(help="property holding the wijk's name (CBS: WK_NAAM)")] = "WK_NAAM",
    households_field: Annotated[str, typer.Option(help="property holding households (CBS: AANTAL_HH)")] = "AANTAL_HH",
    force: Force = False,
) -> None:
    """Write a city file from wijk boundaries: names, positions, neighbours (shared boundaries) and a wijk size
    per household count; edit it to add scenarios and parameters."""
    import tomli_w

    from ..outdir import OutputError, write_file
    from .cityfile import CityError, parse_city
    from .geojson import city_from_geojson

    try:
        data = city_from_geojson(geojson, name_field, households_field)
        parse_city(data, str(geojson), geojson.parent)  # what is written is a valid city
    except CityError as e:
        fail(str(e))
    text = f"# written by wijksim city import from {geojson.name}\n" + tomli_w.dumps(data)
    try:
        write_file(out, text, force, "wijksim city import")
    except OutputError as e:
        fail(str(e))
    typer.echo(f"{len(data['wijken'])} wijken -> {out}")


def _guard_ctrl_c() -> None:
    """Ctrl-C in a city command ends with one line and exit 130, as in every other command
    (:func:`wijksim.interrupt.guard_commands` wraps only the top-level commands; these live in a sub-app)."""
    from ..interrupt import guarded

    for info in city_app.registered_commands:
        if info.callback is not None and not getattr(info.callback, "_wijksim_guarded", False):
            info.callback = guarded(info.callback)
            info.callback._wijksim_guarded = True  # type: ignore[attr-defined]


_guard_ctrl_c()
