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
reported as one line naming the file, the entry and the field, with the allowed range.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from .interventions import INTERVENTIONS, Intervention, InterventionSpec
from .params import ParamError, validate

SCENARIO_DIR = Path(__file__).resolve().parents[2] / "scenarios"
DEFAULT_WEEKS = 156


class ScenarioError(ValueError):
    """A scenario file that cannot be used, explained in one line."""


class Scenario(BaseModel):
    """A validated scenario."""

    model_config = ConfigDict(extra="forbid")
    name: str = Field(min_length=1, max_length=200)
    description: str = Field("", max_length=5000)
    weeks: int = Field(DEFAULT_WEEKS, ge=1, le=5200)
    source: str = Field("", max_length=500)
    params: dict[str, Any] = Field(default_factory=dict)
    interventions: list[InterventionSpec] = Field(default_factory=list)

    @field_validator("params")
    @classmethod
    def _params_in_registry(cls, v: dict[str, Any]) -> dict[str, Any]:
        return validate(v)

    def check_weeks(self, weeks: int) -> None:
        """Refuse a run length that would leave an intervention starting after the end."""
        for i, iv in enumerate(self.interventions):
            if iv.start is not None and iv.start > weeks:
                raise ScenarioError(f"{self.name}: interventions[{i}] ({iv.type}).start = {iv.start} is after the "
                                    f"last week ({weeks}): allowed 0 to {weeks}")

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
            parts.append(str(item))
    return ".".join(parts)


def _explain(err: ValidationError, data: dict[str, Any]) -> str:
    e = err.errors()[0]
    where = _location(tuple(e["loc"]), data)
    kind = e["type"]
    msg = e["msg"]
    ctx = e.get("ctx") or {}
    if kind == "extra_forbidden":
        return f"{where}: unknown field"
    if kind == "union_tag_invalid":
        return f"{where}.type: unknown intervention type {ctx.get('tag')!r}: allowed {', '.join(INTERVENTIONS)}"
    if kind == "union_tag_not_found":
        return f"{where}: missing 'type': allowed {', '.join(INTERVENTIONS)}"
    if kind == "missing":
        return f"{where}: required field is missing"
    if kind == "value_error" and "parameter" in msg:
        return msg.removeprefix("Value error, ")
    bounds = []
    for key, sym in (("ge", ">="), ("gt", ">"), ("le", "<="), ("lt", "<")):
        if key in ctx:
            bounds.append(f"{sym} {ctx[key]}")
    got = e.get("input")
    got_text = repr(got) if not isinstance(got, dict | list) else type(got).__name__
    if len(got_text) > 60:
        got_text = got_text[:57] + "..."
    allowed = f": allowed {' and '.join(bounds)}" if bounds else f": {msg[0].lower() + msg[1:]}"
    if kind == "literal_error":
        allowed = f": allowed {ctx.get('expected')}"
    return f"{where} = {got_text} is invalid{allowed}"


def parse_scenario(data: dict[str, Any], source: str) -> Scenario:
    """Validate a scenario given as a dict (from TOML); ``source`` names it in errors."""
    if not isinstance(data, dict) or not data:
        raise ScenarioError(f"{source}: empty scenario: needs at least name = \"...\"")
    try:
        sc = Scenario.model_validate(data)
    except ValidationError as err:
        raise ScenarioError(f"{source}: {_explain(err, data)}") from None
    except ParamError as err:  # pragma: no cover - pydantic wraps it
        raise ScenarioError(f"{source}: {err}") from None
    try:
        sc.check_weeks(sc.weeks)
    except ScenarioError as err:
        raise ScenarioError(f"{source}: {str(err).split(': ', 1)[1]}") from None
    return sc


def parse_scenario_text(text: str, source: str = "<text>") -> Scenario:
    """Parse and validate scenario TOML text."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        raise ScenarioError(f"{source}: not valid TOML ({err})") from None
    return parse_scenario(data, source)


def load_scenario(path: str | Path) -> Scenario:
    """Read and validate a scenario file."""
    path = Path(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise ScenarioError(f"{path}: no such scenario file (`wijksim scenarios` lists the shipped ones)") from None
    except IsADirectoryError:
        raise ScenarioError(f"{path}: is a directory, not a scenario file") from None
    except OSError as err:
        raise ScenarioError(f"{path}: cannot read ({err.strerror})") from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise ScenarioError(f"{path}: not a UTF-8 text file") from None
    return parse_scenario_text(text, str(path))


def default_scenario() -> Scenario:
    """Defaults and no interventions: what ``wijksim run`` does without a file."""
    return Scenario(name="defaults", description="Default parameters, no interventions.")


def list_scenarios(directory: str | Path | None = None) -> list[tuple[Path, Scenario]]:
    """The shipped scenarios (``scenarios/*.toml``), sorted by file name."""
    d = Path(directory) if directory else SCENARIO_DIR
    return [(f, load_scenario(f)) for f in sorted(d.glob("*.toml"))]
