"""Young people (12–23) in the wijk's households: who they are and where they stand towards undermining crime.

One array per variable, index = youth (as :class:`wijksim.residents.ResidentState` is for households). Built
only with ``youth_enabled``, from its own random stream ``youth`` (so no other stream draws a number more or
less), after the households and the network exist. The weekly update is :mod:`wijksim.submodels.youth`.

Why these variables: the practitioner texts (source 003) and the risk-factor literature name family
(a suspected relative, a weak family bond), school, peers and the community around home; each is one
array here, and the submodel's uptake formula reads them, so a programme acts on a variable, never on the
outcome. Involvement is three levels (none, on the edge, involved), the steps Dutch practice names.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from numba import njit

from .submodels.grid import sum_around

NONE, EDGE, INVOLVED = 0, 1, 2
AGE_MIN, AGE_MAX = 12.0, 24.0  # a youth is 12 up to (not including) 24: aged 12–23
#: programme reach draws per youth: mentoring, family support, school programme, activities, peer education
REACH_COLUMNS = 5
FAMILY_BOND = (4.0, 2.0)  # Beta(a, b) of the family bond at the start: mean 0.67, most youths well attached
SCHOOL_BOND = (3.0, 2.0)  # Beta(a, b) of the school bond: mean 0.6


class YouthState:
    """The youths of the wijk and the household-level traces of undermining (intimidation felt)."""

    def __init__(self, households: int, home_cell: np.ndarray, x: np.ndarray, y: np.ndarray,
                 shape: tuple[int, int], ties: tuple[np.ndarray, np.ndarray], strength0: float, p: dict[str, Any],
                 rng: np.random.Generator) -> None:
        per = rng.poisson(p["youth_per_household"], households)
        self.home = np.repeat(np.arange(households, dtype=np.int64), per)
        n = self.n = len(self.home)
        # family risk per household: a suspected adult living with them, or a suspected relative elsewhere
        u = rng.random(households)
        inside = u < p["youth_share_suspected_household"]
        relative = u < max(p["youth_share_suspected_relative"], p["youth_share_suspected_household"])
        self.suspected_household = inside[self.home]
        self.suspected_relative = relative[self.home]  # includes those living with one
        self.age = rng.uniform(AGE_MIN, AGE_MAX, n)
        self.family_base = np.zeros(n)
        self.school_base = np.zeros(n)
        self.reach = np.zeros((n, REACH_COLUMNS))
        self.fresh(np.arange(n), p, rng)
        self.family = self.family_base.copy()
        self.school = self.school_base.copy()
        self.level = np.zeros(n, dtype=np.int64)
        self.ever = np.zeros(n, dtype=bool)  # was ever on the edge or involved (initiation, abstinence)
        self.exposure = np.zeros(n)  # this week's exposure to deviant peers (0–1)
        self.at_risk = np.zeros(n, dtype=bool)
        self.mentored = np.zeros(n, dtype=bool)
        self.participant = np.zeros(n, dtype=bool)
        self.reached = False  # did a programme reach anyone last week (else mentored and participant are clear)
        # household level: intimidation felt (decays); fixed: households around each youth's home
        self.intimidation = np.zeros(households)
        self.home_x, self.home_y = x[self.home], y[self.home]
        count = np.bincount(home_cell, minlength=shape[0] * shape[1]).reshape(shape).astype(float)
        self.homes_around = np.maximum(sum_around(count, self.home_x, self.home_y, p["youth_efficacy_radius"]), 1.0)
        self.strength0 = max(strength0, 1e-9)
        # compact index of the households with youths (issue 28's speed bound: a week's peer sums touch only
        # these, never a pass over every household): slot per youth, ascending with ``home``
        self.slot = np.unique(self.home, return_inverse=True)[1].astype(np.int64)
        self.tie_ptr, self.tie_nbr, self.tie_edge = youth_ties(self.home, self.slot, households, *ties)
        self.signal_info = 0.0  # reported undermining signals per week, smoothed: what the police know
        self.week_out = np.zeros(6)  # this week's outputs (see outputs())
        # the kernels' parameters as one array, and the values it was built from (submodels.youth.weights)
        self.weight_key: tuple[Any, ...] = ()
        self.weight_array = np.zeros(0)
        # the compiled week's arguments that stay the same objects all run (submodels.youth.fixed_args)
        self.kernel_args: tuple[Any, ...] = ()

    def fresh(self, who: np.ndarray, p: dict[str, Any], rng: np.random.Generator) -> None:
        """Baseline bonds and programme reach for new youths ``who`` (at the start, and 12-year-olds who
        take an aged-out youth's place): a suspected adult at home starts the family bond lower."""
        k = len(who)
        gap = p["youth_bond_gap_suspected"] * self.suspected_household[who]
        self.family_base[who] = np.clip(rng.beta(*FAMILY_BOND, k) - gap, 0.0, 1.0)
        self.school_base[who] = rng.beta(*SCHOOL_BOND, k)
        self.reach[who] = rng.random((k, REACH_COLUMNS))

    def outputs(self) -> tuple[float, ...]:
        """This week's youth outputs, in the order of :data:`wijksim.outputs.YOUTH_OUTPUTS`."""
        return tuple(self.week_out.tolist())  # Python floats, the same values


def youth_ties(home: np.ndarray, slot: np.ndarray, households: int, ei: np.ndarray,
               ej: np.ndarray) -> tuple[np.ndarray, ...]:
    """The potential ties between households with youths, as a CSR index over their slots (pointer per slot,
    the neighbour's slot, edge): the list of potential ties never changes (only their weights), so a week's
    peer sums visit these few households' ties instead of every tie of the wijk. A tie to a household
    without youths is left out: deviance spread there is never read (each youth reads its own home's sum),
    and the sums that are read get the same additions in the same order."""
    where = np.full(households, -1, dtype=np.int64)  # slot of each household, -1 without youths
    where[home] = slot
    a = (where[ei] >= 0) & (where[ej] >= 0)
    own = np.concatenate([where[ei[a]], where[ej[a]]])
    nbr = np.concatenate([where[ej[a]], where[ei[a]]])
    edge = np.concatenate([np.flatnonzero(a), np.flatnonzero(a)])
    order = np.argsort(own, kind="stable")
    slots = int(slot[-1]) + 1 if len(slot) else 0
    ptr = np.searchsorted(own[order], np.arange(slots + 1)).astype(np.int64)
    return ptr, nbr[order].astype(np.int64), edge[order].astype(np.int64)


def initial(model: Any) -> YouthState | None:
    """The youths of a new model, or None when ``youth_enabled`` is off (then nothing is drawn at all)."""
    p = model.p
    if not p["youth_enabled"]:
        return None
    rs = model.residents
    net = model.network
    return YouthState(rs.n, rs.home_cell, rs.x, rs.y, model.nb.shape, (net.ei, net.ej), float(net.strength().mean()),
                      p, model.streams.init("youth"))


def grow_up(ys: YouthState, leaving: int, p: dict[str, Any], rng: np.random.Generator) -> None:
    """The ``leaving`` youths who turn 24 (this week's birthday is in :func:`undermining_week`) leave and
    12-year-olds take their places in the households: the same draws, in the same order, as
    :meth:`YouthState.fresh` makes for them, then one compiled pass (:func:`renew`) instead of a dozen small
    array operations (issue 28's speed bound: this ran in almost every other week)."""
    family = rng.beta(*FAMILY_BOND, leaving)
    school = rng.beta(*SCHOOL_BOND, leaving)
    reach = rng.random((leaving, REACH_COLUMNS))
    renew(ys.age, ys.level, ys.ever, ys.family, ys.family_base, ys.school, ys.school_base, ys.reach,
          ys.suspected_household, float(p["youth_bond_gap_suspected"]), family, school, reach)


@njit(cache=True)
def renew(age: np.ndarray, level: np.ndarray, ever: np.ndarray, family: np.ndarray, family_base: np.ndarray,
          school: np.ndarray, school_base: np.ndarray, reach: np.ndarray, suspected_household: np.ndarray,
          gap: float, new_family: np.ndarray, new_school: np.ndarray, new_reach: np.ndarray) -> None:
    """Every youth aged 24 or more, in index order, becomes a 12-year-old with the next of the new bonds
    and reach draws (the family bond ``gap`` lower with a suspected adult at home, kept within 0–1)."""
    j = 0
    for i in range(len(age)):
        if age[i] < AGE_MAX:
            continue
        age[i] = AGE_MIN
        level[i] = NONE
        ever[i] = False
        f = min(max(new_family[j] - gap * suspected_household[i], 0.0), 1.0)
        family_base[i] = family[i] = f
        school_base[i] = school[i] = new_school[j]
        reach[i, :] = new_reach[j, :]
        j += 1
