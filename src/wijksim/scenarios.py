"""Scenario files: a named, described timeline of interventions on top of parameter values.

Format (TOML; the contract of ``scenarios/*.toml``)::

    name = "Invest in the community after a burglary wave"
    description = "One paragraph a policy advisor understands."
    weeks = 156
    source = "002"          # optional: the source text(s) it is traceable to
    [params]                # any registry parameter
    crime_rate = 1.0
    [[interventions]]
    type = "crime_wave"
    start = 20
    weeks = 12
    multiplier = 3.0

Validated on load with pydantic (``extra="forbid"``) and the parameter registry: every problem is
reported as one line naming the file, the entry and the field, with the allowed range. Types are
strict (:mod:`wijksim.validation`): a number is not ``true`` and not ``"10"``; the parameters must
also agree with each other (``initial_share_active + initial_share_withdrawn <= 1``, ...). A file
holds at most :data:`MAX_INTERVENTIONS` interventions and 1 MB.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from .interventions import INTERVENTIONS, Intervention, InterventionSpec
from .layout_file import DEFAULT_CELL_SIZE, MapError, MapLayout, read_map
from .params import ParamError
from .text.messages import Problem, attach, error, problem_of
from .validation import (
    InputFileError,
    Number,
    WholeNumber,
    check_consistent,
    clip,
    parse_toml,
    read_text,
    strict_param,
)

SCENARIO_DIR = Path(__file__).resolve().parents[2] / "scenarios"
DEFAULT_WEEKS = 156
#: interventions per scenario at most: applying and drawing them costs per distinct week, but each
#: entry is an object with its own events (10 000 take about a second and 100 MB)
MAX_INTERVENTIONS = 10_000


class ScenarioError(ValueError):
    """A scenario file that cannot be used, explained in one line."""


class Scenario(BaseModel):
    """A validated scenario."""

    model_config = ConfigDict(extra="forbid")
    name: str = Field(min_length=1, max_length=200)
    description: str = Field("", max_length=5000)
    #: the title and description in Dutch, for the UI's Dutch mode (optional; English is the fallback)
    name_nl: str | None = Field(None, min_length=1, max_length=200)
    description_nl: str | None = Field(None, max_length=5000)
    weeks: WholeNumber = Field(DEFAULT_WEEKS, ge=1, le=5200)
    source: str = Field("", max_length=500)
    params: dict[str, Any] = Field(default_factory=dict)
    interventions: list[InterventionSpec] = Field(default_factory=list, max_length=MAX_INTERVENTIONS)
    #: a map of the wijk (text map or GeoJSON footprints), relative to the scenario file; None = generated
    layout: str | None = Field(None, min_length=1, max_length=1000)
    #: metres per cell when ``layout`` is GeoJSON footprints
    cell_size: Number = Field(DEFAULT_CELL_SIZE, ge=1, le=100)

    @field_validator("params")
    @classmethod
    def _params_in_registry(cls, v: dict[str, Any]) -> dict[str, Any]:
        out = {name: strict_param(name, value) for name, value in v.items()}
        check_consistent(out, "params")
        return out

    def check_weeks(self, weeks: int) -> None:
        """Refuse a run length that would leave an intervention starting after the end."""
        for i, iv in enumerate(self.interventions):
            if iv.start is not None and iv.start > weeks:
                raise error(ScenarioError, "after_end", self.name, self.name_nl, i=i, type=iv.type, start=iv.start,
                            last=weeks)

    def read_layout(self) -> MapLayout | None:
        """The wijk's map (``layout``, already resolved to a path when the scenario was loaded), or None."""
        if self.layout is None:
            return None
        path = Path(self.layout)
        try:
            return _read_map_cached(str(path.resolve()), float(self.cell_size), path.stat().st_mtime_ns)
        except (MapError, OSError) as err:
            raise ScenarioError(f"{self.name}: layout: {err}") from None

    def build_interventions(self) -> list[Intervention]:
        """Fresh intervention objects (each model needs its own)."""
        return [type(iv).model_validate(iv.model_dump()) for iv in self.interventions]


def _location(loc: tuple[Any, ...], data: dict[str, Any]) -> str:
    parts: list[str] = []
    for item in loc:
        if isinstance(item, int):
            parts[-1:] = [f"{parts[-1]}[{item}]" if parts else f"[{item}]"]
        elif item in INTERVENTIONS and parts and parts[-1].startswith("interventions["):
            continue  # pydantic's discriminator tag: not a field
        else:
            parts.append(clip(str(item))[1:-1] if len(str(item)) > 40 else str(item))
    return ".".join(parts)


def _explain(err: ValidationError, data: dict[str, Any]) -> Problem:
    e = err.errors()[0]
    where = _location(tuple(e["loc"]), data)
    kind = e["type"]
    msg = e["msg"]
    ctx = e.get("ctx") or {}
    if kind == "extra_forbidden":
        return Problem("unknown_field", {"field": where})
    if kind == "union_tag_invalid":
        return Problem("unknown_type", {"field": where, "tag": ctx.get("tag"), "allowed": list(INTERVENTIONS)})
    if kind == "union_tag_not_found":
        return Problem("missing_type", {"field": where, "allowed": list(INTERVENTIONS)})
    if kind == "missing":
        return Problem("missing", {"field": where})
    inner = problem_of(ctx["error"]) if isinstance(ctx.get("error"), Exception) else None
    if kind == "value_error" and inner is not None:  # the registry's own problem (a ParamError)
        return inner
    if kind == "value_error" and "expected a number" in msg:
        got = "text" if msg.endswith("text") else "true/false"
        return Problem("not_number", {"field": where, "value": clip(e.get("input")), "got": got})
    if kind == "bool_type":
        return Problem("not_bool", {"field": where, "value": clip(e.get("input"))})
    if kind == "too_long":
        return Problem("too_many", {"field": where, "most": ctx.get("max_length")})
    bounds = [(sym, ctx[key]) for key, sym in (("ge", ">="), ("gt", ">"), ("le", "<="), ("lt", "<")) if key in ctx]
    got = e.get("input")
    got_text = clip(got) if not isinstance(got, dict | list) else type(got).__name__
    expected = str(ctx.get("expected")) if kind == "literal_error" else None
    return Problem("invalid", {"field": where, "got": got_text, "bounds": bounds, "reason": msg[0].lower() + msg[1:],
                               "expected": expected, "ptype": kind, "limit": ctx.get("max_length")})


def parse_scenario(data: dict[str, Any], source: str, base_dir: Path | None = None) -> Scenario:
    """Validate a scenario given as a dict (from TOML); ``source`` names it in errors; a relative
    ``layout`` is found from ``base_dir`` (the scenario file's folder; else the working directory)."""
    if not isinstance(data, dict) or not data:
        raise error(ScenarioError, "empty_scenario", source)
    try:
        sc = Scenario.model_validate(data)
    except ValidationError as err:
        raise attach(ScenarioError, _explain(err, data).within(source)) from None
    except ParamError as err:  # pragma: no cover - pydantic wraps it
        raise ScenarioError(f"{source}: {err}") from None
    try:
        sc.check_weeks(sc.weeks)
    except ScenarioError as err:
        found = problem_of(err)
        assert found is not None
        raise attach(ScenarioError, Problem(found.kind, found.args, source)) from None
    return _with_layout(sc, source, base_dir)


def _with_layout(sc: Scenario, source: str, base_dir: Path | None) -> Scenario:
    """Resolve ``layout`` against the scenario file's folder and check the map now, so that a bad map is
    an error of this file (naming its line and column) before anything runs."""
    if sc.layout is None:
        return sc
    sized = [k for k in ("width", "height") if k in sc.params]
    if sized:
        raise error(ScenarioError, "map_and_size", source, sized=sized)
    path = Path(sc.layout)
    if not path.is_absolute():
        path = (base_dir or Path.cwd()) / path
    try:
        _read_map_cached(str(path.resolve()), float(sc.cell_size), path.stat().st_mtime_ns)
    except FileNotFoundError:
        raise error(ScenarioError, "no_map", source, path=path) from None
    except OSError as err:
        raise error(ScenarioError, "map_unreadable", source, path=path, reason=err.strerror or err,
                    errno=err.errno) from None
    except MapError as err:
        raise error(ScenarioError, "bad_map", source, detail=err) from None
    return sc.model_copy(update={"layout": str(path.resolve())})


@functools.lru_cache(maxsize=16)
def _read_map_cached(path: str, cell_size: float, mtime_ns: int) -> MapLayout:
    """Maps are read once per process (a comparison builds many models of one map); a changed file
    (another modification time) is read again."""
    del mtime_ns
    return read_map(path, cell_size)


def parse_scenario_text(text: str, source: str = "<text>", base_dir: Path | None = None) -> Scenario:
    """Parse and validate scenario TOML text (a leading byte-order mark is dropped)."""
    try:
        data = parse_toml(text, source)
    except InputFileError as err:
        raise _as_scenario_error(err) from None
    return parse_scenario(data, source, base_dir)


def _as_scenario_error(err: InputFileError, hint: bool = False) -> ScenarioError:
    """A file error as a scenario error, keeping its problem (and adding the hint to `wijksim scenarios`)."""
    found = problem_of(err)
    if found is None:  # pragma: no cover - every InputFileError carries its problem
        return ScenarioError(str(err))
    if hint:
        found = Problem(found.kind, {**found.args, "hint": True}, found.where)
    return attach(ScenarioError, found)


def load_scenario(path: str | Path) -> Scenario:
    """Read and validate a scenario file."""
    path = Path(path)
    try:
        text = read_text(path, "scenario")
    except InputFileError as err:
        found = problem_of(err)
        raise _as_scenario_error(err, hint=found is not None and found.kind == "no_file") from None
    return parse_scenario_text(text, str(path), path.parent)


def default_scenario() -> Scenario:
    """Defaults and no interventions: what ``wijksim run`` does without a file."""
    return Scenario.model_validate({"name": "defaults", "description": "Default parameters, no interventions."})


def list_scenarios(directory: str | Path | None = None) -> list[tuple[Path, Scenario]]:
    """The shipped scenarios (``scenarios/*.toml``), sorted by file name."""
    d = Path(directory) if directory else SCENARIO_DIR
    return [(f, load_scenario(f)) for f in sorted(d.glob("*.toml")) if not is_city_file(f)]


def is_city_file(path: Path) -> bool:
    """A city file (:mod:`wijksim.city`, e.g. ``scenarios/city_example.toml``), not a scenario: a regular TOML file
    with a ``wijken`` list. Anything else (unreadable, not TOML) is left to the scenario reader to explain."""
    import tomllib

    try:
        if not path.is_file() or path.stat().st_size > 1_000_000:  # never open a FIFO or a device here
            return False
        return isinstance(tomllib.loads(path.read_text(encoding="utf-8-sig")).get("wijken"), list)
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError, RecursionError):
        return False
