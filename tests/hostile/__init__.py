"""The hostile corpus: inputs a hostile tester tries, per kind of input, each with the outcome the hardening
issue asks for — ``refused`` (exit 2 / the validating function's error: exactly one line naming the file
and, where given, the field) or ``accepted``. Run by ``tests/test_hostile.py``; the cases are in
:mod:`hostile.files` and :mod:`hostile.more`.

Kinds: ``scenario``, ``experiment``, ``map_text``, ``geojson``, ``targets``, ``posterior`` (file contents),
``set`` (one ``--set`` value) and ``cli`` (an argument list refused before any run). A file's content is
text, bytes, a dict (written as TOML or JSON), a DataFrame (Parquet) or a special: :data:`FIFO`,
:data:`DIRECTORY`, :data:`DEV_NULL`, :data:`DEV_ZERO`, :data:`MISSING`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from typing import Any

FIFO, DIRECTORY, DEV_NULL, DEV_ZERO, MISSING = "<fifo>", "<directory>", "<dev-null>", "<dev-zero>", "<missing>"
SPECIALS = (FIFO, DIRECTORY, DEV_NULL, DEV_ZERO, MISSING)
REFUSED, ACCEPTED = "refused", "accepted"
#: either outcome is right (the issue allows both: e.g. overlapping crime waves capped or refused)
EITHER = "refused or accepted"


@dataclass(frozen=True)
class Case:
    kind: str
    name: str
    data: Any
    expect: str
    names: str = ""  # besides the file, the line must name this (a field, an option)

    @property
    def id(self) -> str:
        return f"{self.kind}:{self.name}"


def nested(depth: int) -> Any:
    value: Any = 1
    for _ in range(depth):
        value = [value]
    return value


#: values a hostile file puts into a field
VALUES: dict[str, Any] = {
    "huge_int": 10**30,
    "neg_huge_int": -(10**30),
    "int64_plus": 2**63,
    "nan": math.nan,
    "inf": math.inf,
    "ninf": -math.inf,
    "text": "3",
    "bool": True,
    "array": [1],
    "table": {"a": 1},
    "nested": nested(25),
    "empty_text": "",
    "half": 2.5,
    "neg": -1,
    "zero": 0,
    "subnormal": 5e-324,
    "max_float": 1.7e308,
}


def _valid(value: Any, kind: str, low: Any, high: Any, choices: tuple[str, ...]) -> bool:
    """Would the registry accept ``value`` for a parameter of this kind and range?"""
    if kind == "bool":
        return isinstance(value, bool)
    if kind == "choice":
        return isinstance(value, str) and value in choices
    if isinstance(value, bool) or not isinstance(value, int | float):
        return False
    if kind == "int" and not isinstance(value, int):
        return False
    return math.isfinite(value) and low <= value <= high




def all_cases() -> list[Case]:
    """Every case of the corpus, in a fixed order."""
    from .files import experiment_cases, map_text_cases, scenario_cases
    from .more import cli_cases, geojson_cases, posterior_cases, set_cases, targets_cases

    cases = (scenario_cases() + experiment_cases() + map_text_cases() + geojson_cases() + targets_cases()
             + posterior_cases() + set_cases() + cli_cases())
    # deep nesting is refused for the whole file before any field is read: the line names the file only
    return [replace(c, names="") if c.name.endswith("=nested") else c for c in cases]
