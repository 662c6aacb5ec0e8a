"""Readable names of a sweep's factors and outputs, for the figures of ``wijksim analyze``.

A figure labelled ``interventions.0.per_week = 0.0`` or ``share_unsafe`` reads as code: the names come from
the registries instead (outputs, parameters, intervention types), in English like the rest of the analysis.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..outputs import output
from ..params import PARAMS
from ..text.interventions import type_label
from .base import INTERVENTION_PREFIX, load_base_scenario

if TYPE_CHECKING:
    from .design import Experiment


def readable_names(exp: Experiment) -> dict[str, str]:
    """Factor and output names as the figures write them: an output by its registry label (a share with
    "(%)"), a parameter with spaces and its unit ("crime rate (×)"), an intervention field by its
    intervention ("community activities: per week" for ``interventions.0.per_week``; its place in the
    list is added when two interventions share a type). Raw column names read as code, not as a figure."""
    names: dict[str, str] = {}
    for o in exp.outputs:
        entry = output(o)
        names[o] = entry.label_en + (" (%)" if entry.percent else "")
    types = _intervention_types(exp)
    for f in exp.factor_names:
        if f.startswith(INTERVENTION_PREFIX):
            _, index, field = f.split(".", 2)
            kind = types[int(index)] if int(index) < len(types) else f"intervention {int(index) + 1}"
            twice = types.count(kind) > 1
            names[f] = f"{kind}{f' {int(index) + 1}' if twice else ''}: {field.replace('_', ' ')}"
        else:
            p = PARAMS.get(f)
            unit = "" if p is None or p.unit in ("-", "") else f" ({'×' if p.unit == 'x' else p.unit})"
            names[f] = f.replace("_", " ") + unit
    return names


def _intervention_types(exp: Experiment) -> list[str]:
    """The English names of the base scenario's interventions in order (none if it cannot be loaded: the
    figure then says "intervention 1")."""
    try:
        base = load_base_scenario(exp)
    except (ValueError, OSError):
        return []
    return [type_label(iv.type, "en") for iv in base.interventions]
