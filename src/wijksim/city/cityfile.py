"""City files: the wijken of a city, where they lie and which touch, read and checked before anything runs.

Format (TOML; the contract of ``scenarios/city_example.toml``)::

    name = "Voorbeeldstad"
    description = "..."
    weeks = 104                 # recorded weeks of every run (1 to 5200)
    [params]                    # the city's constants (wijksim.params.registry.CITY_PARAMS)
    abandon_share = 0.6
    [wijk_params]               # wijk parameters (the registry) applied to every wijk, under its own
    burn_in = 52
    [[wijken]]
    name = "centrum"            # unique; letters, digits, '-' and '_'
    scenario = "city/centrum.toml"   # optional: a scenario file, relative to the city file (else defaults)
    x_km = 0.0                  # position of the wijk's centre in km (-1000 to 1000)
    y_km = 0.0
    neighbours = ["noord"]      # adjacency (made symmetric: listing it on one side is enough)
    offender_share = 1.0        # offenders living here per household, relative (0 to 10)
    police_priority = 1.0       # weight of this wijk in the police rule (0 to 100)
    extra_patrol_units = 0      # patrol units added to this wijk (not taken from others), from week
    extra_from_week = 1         #   extra_from_week on: a patrol programme with its own capacity
    [wijken.params]             # wijk parameters for this wijk only (over the scenario's)
    width = 20

Every problem is one line naming the file, the field and the allowed range (:class:`CityError`); the CLI turns it
into exit 2. Scenario files are read with :func:`wijksim.scenarios.load_scenario`, so a wijk's scenario means what
it means to ``wijksim run``.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..params import ParamError
from ..params.core import Param
from ..params.registry import CITY_PARAMS
from ..scenarios import Scenario, ScenarioError, default_scenario, load_scenario
from ..validation import InputFileError, check_consistent, clip, parse_toml, read_text, strict_param

MAX_WIJKEN = 500
MAX_WEEKS = 5200
MAX_KM = 1000.0
NAME = re.compile(r"^[A-Za-z0-9_-]{1,40}$")
TOP_FIELDS = {"name", "name_nl", "description", "description_nl", "weeks", "params", "wijk_params", "wijken"}
WIJK_FIELDS = {"name", "scenario", "x_km", "y_km", "neighbours", "offender_share", "police_priority", "params",
               "extra_patrol_units", "extra_from_week"}


class CityError(ValueError):
    """A city file that cannot be used, explained in one line (file, field, allowed range)."""


@dataclass(frozen=True)
class WijkSpec:
    """One wijk of a city: its scenario (timeline and parameters), position and coupling weights."""

    name: str
    scenario: Scenario
    x_km: float
    y_km: float
    neighbours: tuple[str, ...]
    offender_share: float = 1.0
    police_priority: float = 1.0
    params: dict[str, Any] = field(default_factory=dict)
    extra_patrol_units: int = 0
    extra_from_week: int = 1


@dataclass(frozen=True)
class City:
    """A validated city: wijken in file order, symmetric adjacency, the city's constants resolved."""

    name: str
    description: str
    weeks: int
    params: dict[str, Any]
    wijken: tuple[WijkSpec, ...]
    source: str = "<city>"

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(w.name for w in self.wijken)

    def index(self, name: str) -> int:
        """The position of wijk ``name`` (CityError naming the known wijken otherwise)."""
        if name not in self.names:
            raise CityError(f"{self.source}: no wijk named {clip(name)}; the city has {', '.join(self.names)}")
        return self.names.index(name)

    def distances(self) -> list[list[float]]:
        """Distances between the wijken's centres in km (the diagonal is 0)."""
        return [[math.hypot(a.x_km - b.x_km, a.y_km - b.y_km) for b in self.wijken] for a in self.wijken]

    def adjacency(self) -> list[list[bool]]:
        """Whether two wijken touch (symmetric, never a wijk with itself)."""
        return [[b.name in a.neighbours for b in self.wijken] for a in self.wijken]


def city_param(name: str, value: Any, where: str) -> Any:
    """One city constant from a file, checked against :data:`CITY_PARAMS` (type and range)."""
    if name not in CITY_PARAMS:
        raise CityError(f"{where}: unknown city parameter {clip(name)}; allowed {', '.join(CITY_PARAMS)}")
    p: Param = CITY_PARAMS[name]
    bad = CityError(f"{where}.{name}: got {clip(value)}, allowed {p.range_text()}")
    if p.kind == "bool":
        if not isinstance(value, bool):
            raise bad
        return value
    if p.kind == "choice":
        if value not in p.choices:
            raise bad
        return value
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(float(value)):
        raise bad
    assert p.low is not None and p.high is not None
    if not p.low <= value <= p.high or (p.kind == "int" and value != int(value)):
        raise bad
    return int(value) if p.kind == "int" else float(value)


def city_params(given: dict[str, Any], where: str = "params") -> dict[str, Any]:
    """Every city constant: the defaults with ``given`` checked on top."""
    out = {name: p.default for name, p in CITY_PARAMS.items()}
    for name, value in given.items():
        out[name] = city_param(name, value, where)
    return out


def _number(value: Any, where: str, low: float, high: float) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(float(value)) \
            or not low <= value <= high:
        raise CityError(f"{where}: got {clip(value)}, allowed a number from {low:g} to {high:g}")
    return float(value)


def _whole(value: Any, where: str, low: int, high: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise CityError(f"{where}: got {clip(value)}, allowed a whole number from {low} to {high}")
    return value


def _table(value: Any, where: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise CityError(f"{where}: expected a table of name = value, got {clip(value)}")
    return value


def _wijk_params(value: Any, where: str) -> dict[str, Any]:
    out = {}
    for name, v in _table(value, where).items():
        try:
            out[name] = strict_param(name, v)
        except ParamError as err:
            raise CityError(f"{where}: {err}") from None
    return out


def _scenario(value: Any, where: str, base: Path) -> Scenario:
    if value is None:
        return default_scenario()
    if not isinstance(value, str) or not value:
        raise CityError(f"{where}: expected the path of a scenario file, got {clip(value)}")
    path = Path(value) if Path(value).is_absolute() else base / value
    try:
        return load_scenario(path)
    except ScenarioError as err:
        raise CityError(f"{where}: {err}") from None


def _wijk(data: Any, i: int, base: Path, shared: dict[str, Any], weeks: int) -> WijkSpec:
    where = f"wijken[{i}]"
    entry = _table(data, where)
    unknown = sorted(set(entry) - WIJK_FIELDS)
    if unknown:
        raise CityError(f"{where}: unknown field {clip(unknown[0])}; allowed {', '.join(sorted(WIJK_FIELDS))}")
    name = entry.get("name")
    if not isinstance(name, str) or not NAME.match(name):
        raise CityError(f"{where}.name: got {clip(name)}, allowed 1 to 40 letters, digits, '-' or '_'")
    for key in ("x_km", "y_km"):
        if key not in entry:
            raise CityError(f"{where}.{key}: missing (the wijk's position in km, -1000 to 1000)")
    neighbours = entry.get("neighbours", [])
    if not isinstance(neighbours, list) or not all(isinstance(n, str) for n in neighbours):
        raise CityError(f"{where}.neighbours: expected a list of wijk names, got {clip(neighbours)}")
    scenario = _scenario(entry.get("scenario"), f"{where}.scenario", base)
    params = {**shared, **_wijk_params(entry.get("params", {}), f"{where}.params")}
    try:
        check_consistent({**scenario.params, **params}, f"{where}.params")
        scenario.check_weeks(weeks)
    except (ParamError, ScenarioError) as err:
        raise CityError(f"{where}: {err}") from None
    if scenario.layout is not None and ({"width", "height"} & set(params)):
        raise CityError(f"{where}.params: the scenario's map sets the wijk's size; remove width and height")
    return WijkSpec(name=name, scenario=scenario, x_km=_number(entry["x_km"], f"{where}.x_km", -MAX_KM, MAX_KM),
                    y_km=_number(entry["y_km"], f"{where}.y_km", -MAX_KM, MAX_KM), neighbours=tuple(neighbours),
                    offender_share=_number(entry.get("offender_share", 1.0), f"{where}.offender_share", 0, 10),
                    police_priority=_number(entry.get("police_priority", 1.0), f"{where}.police_priority", 0, 100),
                    params=params, extra_patrol_units=_whole(entry.get("extra_patrol_units", 0),
                                                             f"{where}.extra_patrol_units", 0, 1000),
                    extra_from_week=_whole(entry.get("extra_from_week", 1), f"{where}.extra_from_week", 1, MAX_WEEKS))


def _symmetric(wijken: list[WijkSpec]) -> tuple[WijkSpec, ...]:
    """Check the neighbour names and make adjacency symmetric."""
    names = [w.name for w in wijken]
    seen: set[str] = set()
    for i, w in enumerate(wijken):
        if w.name in seen:
            raise CityError(f"wijken[{i}].name: {w.name!r} is used twice; every wijk needs its own name")
        seen.add(w.name)
    links = {w.name: set() for w in wijken}  # type: dict[str, set[str]]
    for i, w in enumerate(wijken):
        for n in w.neighbours:
            if n not in links:
                raise CityError(f"wijken[{i}].neighbours: no wijk named {clip(n)}; allowed {', '.join(names)}")
            if n == w.name:
                raise CityError(f"wijken[{i}].neighbours: {w.name!r} cannot be its own neighbour")
            links[w.name].add(n)
            links[n].add(w.name)
    return tuple(WijkSpec(name=w.name, scenario=w.scenario, x_km=w.x_km, y_km=w.y_km,
                          neighbours=tuple(n for n in names if n in links[w.name]), offender_share=w.offender_share,
                          police_priority=w.police_priority, params=w.params,
                          extra_patrol_units=w.extra_patrol_units, extra_from_week=w.extra_from_week) for w in wijken)


def parse_city(data: dict[str, Any], source: str, base: Path) -> City:
    """Validate a city given as a dict (from TOML); ``source`` names it in every error."""
    try:
        return _parse(data, base, source)
    except CityError as err:
        raise CityError(f"{source}: {err}") from None


def _parse(data: dict[str, Any], base: Path, source: str) -> City:
    unknown = sorted(set(data) - TOP_FIELDS)
    if unknown:
        raise CityError(f"unknown field {clip(unknown[0])}; allowed {', '.join(sorted(TOP_FIELDS))}")
    name = data.get("name", "city")
    if not isinstance(name, str) or not 1 <= len(name) <= 200:
        raise CityError(f"name: got {clip(name)}, allowed text of 1 to 200 characters")
    weeks = data.get("weeks", 156)
    if isinstance(weeks, bool) or not isinstance(weeks, int) or not 1 <= weeks <= MAX_WEEKS:
        raise CityError(f"weeks: got {clip(weeks)}, allowed a whole number from 1 to {MAX_WEEKS}")
    params = city_params(_table(data.get("params", {}), "params"))
    shared = _wijk_params(data.get("wijk_params", {}), "wijk_params")
    raw = data.get("wijken")
    if not isinstance(raw, list) or not 1 <= len(raw) <= MAX_WIJKEN:
        raise CityError(f"wijken: expected 1 to {MAX_WIJKEN} [[wijken]] entries, got "
                        f"{len(raw) if isinstance(raw, list) else clip(raw)}")
    wijken = _symmetric([_wijk(w, i, base, shared, weeks) for i, w in enumerate(raw)])
    description = data.get("description", "")
    return City(name=name, description=description if isinstance(description, str) else "", weeks=weeks,
                params=params, wijken=wijken, source=source)


def load_city(path: str | Path) -> City:
    """Read and validate a city file (CityError, one line, on any problem)."""
    path = Path(path)
    try:
        data = parse_toml(read_text(path, "city"), str(path))
    except InputFileError as err:
        raise CityError(str(err)) from None
    return parse_city(data, str(path), path.parent)
