"""The pure kernel bound: wijksim's weekly numeric update without Mesa objects, plumbing or data.

:func:`extract` takes a constructed :class:`wijksim.model.WijkModel` and copies its state into a
:class:`Kernel`: plain numpy arrays, the scipy sparse tie matrix, the complaint queues, the named random
streams. :func:`kernel_week` then runs the model's own ``simulate_week`` on them, but leaves out everything that
is not arithmetic on the state:

* no Mesa agents (patrol units are not moved as ``CellAgent`` objects, the patrol field is computed
  from their coordinates), no property-layer copy, no ``mesa.Model`` bookkeeping;
* no data collection (``metrics.collect``), no event log, no programmes or interventions.

Because it draws from the same streams in the same order, a kernel run reproduces the model's state
bit for bit (``tests/test_reference_model.py`` checks this), so the time it takes is a lower bound for
the model's step written with the same numpy operations: the difference is framework overhead.
The week itself is the model's own ``simulate_week``: nothing here repeats the step.
"""

from __future__ import annotations

import copy
from typing import Any

import numpy as np

from wijksim import week_record
from wijksim.model import WijkModel, simulate_week
from wijksim.partners import Maintainer, Police


class KMaintainer:
    """A maintenance queue without the Mesa agent: the same methods as wijksim's ``Maintainer``."""

    enqueue = Maintainer.enqueue
    take = Maintainer.take
    expire = Maintainer.expire

    def __init__(self, src: Maintainer) -> None:
        self.partner = src.partner
        self.capacity_param = src.capacity_param
        self.own_cells = src.own_cells
        self.queue_res = src.queue_res.copy()
        self.queue_cell = src.queue_cell.copy()
        self.queue_week = src.queue_week.copy()


class KPolice:
    """The police without the Mesa agent: the units as a coordinate array (nothing moves ``CellAgent``
    objects)."""

    def __init__(self, src: Police) -> None:
        self.public_cells = src.public_cells
        self.beats = src.beats
        self.positions = src.positions.copy()
        self.field = src.field.copy()


class Kernel:
    """The model's state as plain arrays (attribute names as on ``WijkModel``, so the stage functions
    that take the model accept it)."""

    def __init__(self, m: WijkModel) -> None:
        self.p = dict(m.p)
        self.week = m.week
        self.streams = m.streams
        self.nb = copy.deepcopy(m.nb)  # its layers become plain arrays, detached from the Mesa grid
        self.residents = copy.deepcopy(m.residents)
        self.network = copy.deepcopy(m.network)
        self.near = m.near
        self.n_residents = m.n_residents
        self.split_constant = m.split_constant
        self.crime_multiplier = m.crime_multiplier
        self.guardianship = m.guardianship.copy()
        self.police = KPolice(m.police)
        self.housing = KMaintainer(m.housing)
        self.municipality = KMaintainer(m.municipality)
        self.programmes: list[Any] = []  # no interventions in the kernel
        self.week_complaints = self.week_referrals = 0
        self.youth = None  # no youths: stage 11 is skipped


def extract(m: WijkModel) -> Kernel:
    """A kernel holding a copy of the model's current state (the model itself is not touched)."""
    return Kernel(m)


def kernel_week(k: Kernel) -> week_record.WeekIncidents:
    """One week: the model's own :func:`wijksim.model.simulate_week` on the kernel's plain state."""
    return simulate_week(k)


def run_kernel(k: Kernel, weeks: int) -> Kernel:
    for _ in range(weeks):
        kernel_week(k)
    return k


def state_fingerprint(obj: Any) -> dict[str, np.ndarray]:
    """The dynamic state of a model or a kernel, for an exact comparison."""
    rs, nb = obj.residents, obj.nb
    return {
        "fear": rs.fear, "state": rs.state, "trust": rs.trust, "presence": rs.presence, "fatigue": rs.fatigue,
        "support": rs.support, "ties": obj.network.w, "litter": np.asarray(nb.litter),
        "damage": np.asarray(nb.damage), "bushes": np.asarray(nb.bushes), "risk": np.asarray(nb.risk),
        "hardening": np.asarray(nb.hardening), "guardianship": obj.guardianship,
    }
