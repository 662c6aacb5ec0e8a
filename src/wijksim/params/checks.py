"""Values against the registry: one value (:func:`coerce`), a mapping (:func:`validate`), a run's full set
(:func:`resolve`, with the cross-field rules of :mod:`.rules`) and a ``name=value`` text.

Every way a value reaches the model (command line, scenario file, sweep design, UI control) passes here,
so a value is accepted or refused alike everywhere, with one line naming parameter, value and range.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..text.messages import attach, error
from ..text.params import range_facts
from .core import ParamError
from .registry import PARAMS, defaults
from .rules import inconsistency_problems


def coerce(name: str, value: Any, source: str | None = None) -> Any:
    """Check one value against the registry and return it in its canonical Python type.

    Strings are accepted (they come from `--set name=value` and UI text fields) and parsed by kind.
    """
    if name not in PARAMS:
        close = [n for n in PARAMS if n.startswith(name[:4])] if name else []
        raise error(ParamError, "unknown_param", source, name=name, close=close[:3])
    p = PARAMS[name]
    bad = error(ParamError, "bad_param", source, name=name, value=repr(value), **range_facts(p))
    if p.kind == "bool":
        if isinstance(value, bool):
            return value
        if isinstance(value, str) and value.strip().lower() in {"true", "1", "yes", "on"}:
            return True
        if isinstance(value, str) and value.strip().lower() in {"false", "0", "no", "off"}:
            return False
        if isinstance(value, int | float) and value in (0, 1):
            return bool(value)
        raise bad
    if p.kind == "choice":
        if isinstance(value, str) and value.strip() in p.choices:
            return value.strip()
        raise bad
    if isinstance(value, bool):
        raise bad
    if isinstance(value, str):
        try:
            value = float(value.strip())
        except ValueError:
            raise bad from None
    if not isinstance(value, int | float):
        try:  # numpy scalars
            value = float(value)
        except (TypeError, ValueError):
            raise bad from None
    value = float(value)
    if value != value or value in (float("inf"), float("-inf")):
        raise bad
    if p.kind == "int":
        if value != int(value):
            raise bad
        value = int(value)
    assert p.low is not None and p.high is not None
    if not (p.low <= value <= p.high):
        raise bad
    return value


def validate(values: Mapping[str, Any], source: str | None = None) -> dict[str, Any]:
    """Validate a partial mapping of parameter values; returns the canonical values."""
    return {name: coerce(name, value, source) for name, value in values.items()}


def resolve(values: Mapping[str, Any] | None = None, source: str | None = None) -> dict[str, Any]:
    """Defaults overlaid with validated `values`: the full parameter set of one run."""
    full = defaults()
    full.update(validate(values or {}, source))
    bad = inconsistency_problems(full)
    if bad:
        raise attach(ParamError, bad[0].within(source) if source else bad[0])
    return full


def parse_assignment(text: str, source: str = "--set") -> tuple[str, Any]:
    """Parse a `name=value` assignment from the command line into a validated pair."""
    if "=" not in text:
        raise error(ParamError, "assignment", source, text=text)
    name, _, value = text.partition("=")
    name = name.strip()
    return name, coerce(name, value, source)
