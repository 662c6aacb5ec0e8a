"""The one parameter registry.

Every model parameter is declared once, with its type, default, allowed range, unit, a one-line
meaning in English and Dutch and the group (stage of the week) it belongs to. The command line
(`--set name=value`), the scenario files (`[params]`), the sweep designs, the EMA Workbench adapter,
the browser UI and the ODD parameter table all read this registry, so a default or a range can never
disagree between them.

Layout of the package: :mod:`.core` (``Param``, ``Group``, the builder ``param``), one module per stage
holding that stage's levers and advanced constants (``run``, ``layout``, ``network``, ``residents``,
``presence``, ``guardianship``, ``incidents``, ``disorder``, ``partners``, ``police``, ``reporting``,
``fear``, ``decision``, ``turnover``, ``cohesion``), :mod:`.registry` (``PARAMS`` in the registry's
order, ``GROUPS``, the Dutch group names), :mod:`.checks` (values) and :mod:`.rules` (cross-field rules).

Values are validated by :func:`validate`, which raises :class:`ParamError` with one line naming the
parameter, the offending value and the allowed range.
"""

from __future__ import annotations

from .checks import coerce, parse_assignment, resolve, validate
from .core import Kind, Param, ParamError
from .registry import GROUPS, PARAMS, defaults

__all__ = ["GROUPS", "PARAMS", "Kind", "Param", "ParamError", "coerce", "defaults", "parse_assignment", "resolve",
           "validate"]
