"""The week's record: the three incident kinds, and what happened to each incident this week.

How incidents are drawn, witnessed, reported and followed up are the submodels
:mod:`wijksim.submodels.incidents` (stage 4), :mod:`~wijksim.submodels.reporting` and
:mod:`~wijksim.submodels.followup` (docs/ODD.md §7.7–7.9); this module holds what they, the metrics and
the model share. It is named for what it holds (not ``incidents``) so that one module name means one thing:
``incidents`` is the stage.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

NUISANCE, BURGLARY, STREET = 0, 1, 2


@dataclass
class WeekIncidents:
    """What happened this week: one entry per incident, plus the witness/report pairs."""

    cell: np.ndarray  # flat cell index
    kind: np.ndarray  # NUISANCE / BURGLARY / STREET
    victim: np.ndarray  # resident index or -1
    reported: np.ndarray  # bool per incident: reported to the police by at least one household
    report_inc: np.ndarray  # for each individual report: the incident
    report_res: np.ndarray  # for each individual report: the reporting household

    @property
    def n(self) -> int:
        return len(self.cell)

    def count(self, kind: int | None = None) -> int:
        return self.n if kind is None else int(np.count_nonzero(self.kind == kind))
