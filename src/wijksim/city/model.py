"""CityModel: every wijk a full :class:`~wijksim.model.WijkModel`, stepped week by week in lockstep.

What crosses the boundaries is explicit and small, and set on each wijk before its week:

* offending pressure (:mod:`.offenders`): the city's offenders' effort into the wijk relative to the effort at
  the start, applied through the wijk's own crime-wave hook (``crime_factors[CITY_FACTOR]``, multiplied onto
  ``crime_rate`` like a wave; a factor of exactly 1 leaves the wijk's numbers as they are);
* patrol units (:mod:`.police`): the city's capacity shared by ``police_rule``;
* moving out (``move_base``, with ``turnover`` on under ``moving_house``): the wijk's own chance scaled by its
  offending pressure to the power ``move_crime_elasticity``; who leaves is the wijk's turnover submodel (fear
  and withdrawal), the newcomers arrive with weak ties. Dwellings refill from outside the city.

Randomness: each wijk has its own seed, derived from the city's seed and the wijk's *name*
(:func:`wijk_seed`), so two cities that differ in one wijk's scenario share every other wijk's random numbers
(paired comparisons). The city's one random act, attributing each incident to an offender's home wijk for the
journey-to-crime table, draws from the named stream ``city_journeys``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from ..model import WijkModel
from ..runner import model_kwargs
from ..streams import stream_key
from ..validation import MAX_SEED
from . import offenders, police
from .cityfile import City

#: the key of the city's factor among a wijk's crime waves (interventions use ``id(self)``, always positive)
CITY_FACTOR = -27
#: the city's outputs per wijk and week, next to the wijk model's own
#: where a mover settles when it leaves the city (the ``to_wijk`` of :meth:`CityModel.move_table`)
OUTSIDE = -1
CITY_COLUMNS = ("offender_effort", "perceived_risk", "risk_score", "patrol_units", "moved_out", "moved_in_city")


def wijk_seed(city_seed: int, name: str) -> int:
    """The seed of wijk ``name`` in a city run with ``city_seed``: keyed by the name, not the position."""
    ss = np.random.SeedSequence(city_seed, spawn_key=(stream_key("wijk:" + name),))
    return int(ss.generate_state(1, np.uint64)[0]) % MAX_SEED


@dataclass
class CityState:
    """The city layer's weekly state: what it hands the wijken and what it records."""

    effort: np.ndarray  # offenders' effort per home wijk
    choice: np.ndarray  # p[h, j] before risk
    reference: np.ndarray  # inflow per wijk at the start (the wijk's own calibrated level)
    own_units: np.ndarray  # patrol units each wijk would have alone
    move_base: np.ndarray  # each wijk's own moving-out chance


class CityModel:
    """A city of wijken (see the module docstring); ``overrides`` are wijk parameters applied to every wijk."""

    def __init__(self, city: City, seed: int, overrides: dict[str, Any] | None = None,
                 params: dict[str, Any] | None = None) -> None:
        self.city = city
        self.seed = seed
        self.p = {**city.params, **(params or {})}
        self.week = 0
        self.models = [self._build(w, overrides or {}) for w in city.wijken]
        self.distance = np.array(city.distances())
        np.fill_diagonal(self.distance, self.p["within_wijk_km"])
        self.adjacency = np.array(city.adjacency(), dtype=float)
        households = np.array([m.n_residents for m in self.models], dtype=float)
        shares = np.array([w.offender_share for w in city.wijken])
        self.priority = np.array([w.police_priority for w in city.wijken])
        choice = offenders.choice_weights(households, self.distance, self.p["offender_distance_decay"])
        effort = households * shares
        self.state = CityState(effort=effort, choice=choice, reference=np.ones(len(self.models)),
                               own_units=np.array([len(m.police.beats) for m in self.models], dtype=np.int64),
                               move_base=np.array([m.p["move_base"] for m in self.models]))
        self.state.reference = self._inflow()[0].sum(axis=0)
        self._rows: list[np.ndarray] = []  # per week: (wijk, CITY_COLUMNS) values
        self._recent: list[np.ndarray] = []  # per week: incidents and reports per wijk
        self.journeys = np.zeros((len(self.models), len(self.models)), dtype=np.int64)  # home × target
        self.moves = np.zeros((len(self.models), len(self.models)), dtype=np.int64)  # movers: from × to
        self._move_log: list[tuple[int, int, int, int]] = []  # (week, from, to or OUTSIDE, households)

    def _build(self, wijk: Any, overrides: dict[str, Any]) -> WijkModel:
        params = {**wijk.params, **overrides}
        if self.p["moving_house"]:
            params["turnover"] = True
        return WijkModel(rng=wijk_seed(self.seed, wijk.name), **model_kwargs(wijk.scenario, params))

    def risk(self) -> np.ndarray:
        """Each wijk's risk score as it stands (last week's guardianship, hardening, patrols, disorder)."""
        return np.array([offenders.risk_score(float(m.guardianship.mean()), float(m.nb.hardening.mean()),
                                              float(m.police.field.mean()), float(m.nb.disorder.mean()))
                         for m in self.models])

    def _inflow(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(flow[h, j], perceived risk, risk score) from the wijken's current state."""
        score = self.risk()
        seen = offenders.perceived_risk(score, self.adjacency, self.p["risk_reach"])
        flow = offenders.flows(self.state.effort, self.state.choice, seen, self.p["risk_sensitivity"],
                               self.p["abandon_share"])
        return flow, seen, score

    def step(self) -> None:
        """One week of the city: the city sets pressure, patrol units and moving out, then every wijk steps."""
        self.week += 1
        flow, seen, score = self._inflow()
        inflow = flow.sum(axis=0)
        pressure = np.divide(inflow, self.state.reference, out=np.ones_like(inflow), where=self.state.reference > 0)
        units = self._units()
        counts = np.zeros((len(self.models), 2))
        moved = np.zeros(len(self.models))
        for j, m in enumerate(self.models):
            before = m.residents.sensitivity.copy()
            m.crime_factors[CITY_FACTOR] = float(pressure[j])
            police.set_units(m, int(units[j]))
            if self.p["moving_house"]:
                m.p["move_base"] = float(min(self.state.move_base[j] * pressure[j] ** self.p["move_crime_elasticity"],
                                             0.05))
            m.step()
            # a household that moves out is replaced by a newcomer with a freshly drawn sensitivity (turnover.py);
            # with fear_sensitivity_sigma = 0 every draw is 1 and movers are not counted (the wijk has no mover log)
            moved[j] = np.count_nonzero(m.residents.sensitivity != before)
            inc = m.last_incidents
            assert inc is not None
            counts[j] = (inc.n, int(inc.reported.sum()))
        self._recent.append(counts)
        self._attribute(flow, counts[:, 0])
        settled = self._settle(moved, pressure)
        self._rows.append(np.column_stack([inflow, seen, score, units.astype(float), moved, settled]))

    def _units(self) -> np.ndarray:
        window = self._recent[-self.p["city_window_weeks"]:]
        column = 0 if self.p["police_rule"] == "incidents" else 1
        recent = np.sum([c[:, column] for c in window], axis=0) if window else np.zeros(len(self.models))
        shared = police.allocate(self.state.own_units, self.priority, recent, self.p["police_rule"],
                                 self.p["police_floor_share"])
        extra = [w.extra_patrol_units if self.week >= w.extra_from_week else 0 for w in self.city.wijken]
        return shared + np.array(extra, dtype=np.int64)

    def _attribute(self, flow: np.ndarray, incidents: np.ndarray) -> None:
        """Draw each incident's offender home wijk in proportion to the week's flows (stream ``city_journeys``)."""
        ss = np.random.SeedSequence(self.seed, spawn_key=(stream_key("city_journeys"), self.week))
        rng = np.random.default_rng(ss)
        for j, n in enumerate(incidents.astype(np.int64)):
            col = flow[:, j]
            if n and col.sum() > 0:
                self.journeys[:, j] += rng.multinomial(n, col / col.sum())

    def _settle(self, moved: np.ndarray, pressure: np.ndarray) -> np.ndarray:
        """Where this week's movers settle (stream ``city_moves``): ``settle_in_city`` of them in another wijk,
        chosen by households × exp(−``move_distance_decay``·km) / offending pressure; the rest leave the city.
        Bookkeeping of destinations only: each wijk's dwellings are refilled by its own turnover (newcomers with
        weak ties, whatever their origin), so ``moved_in_city`` (households from other wijken settling here) and
        ``moves`` (from × to) record where the city's movers go without changing any wijk's households."""
        n = len(self.models)
        settled = np.zeros(n)
        if n < 2 or not moved.any():
            self._log_moves(moved, np.zeros((n, n), dtype=np.int64))
            return settled
        ss = np.random.SeedSequence(self.seed, spawn_key=(stream_key("city_moves"), self.week))
        rng = np.random.default_rng(ss)
        households = np.array([m.n_residents for m in self.models], dtype=float)
        weight = households * np.exp(-self.p["move_distance_decay"] * self.distance) / np.maximum(pressure, 1e-9)
        np.fill_diagonal(weight, 0.0)
        week = np.zeros((n, n), dtype=np.int64)
        for h in np.flatnonzero(moved):
            stay = rng.binomial(int(moved[h]), self.p["settle_in_city"])
            if stay and weight[h].sum() > 0:
                to = rng.multinomial(stay, weight[h] / weight[h].sum())
                settled += to
                week[h] = to
        self.moves += week
        self._log_moves(moved, week)
        return settled

    def _log_moves(self, moved: np.ndarray, to: np.ndarray) -> None:
        """Keep this week's moves, from → to, and the rest of each wijk's movers as leaving the city."""
        for h in np.flatnonzero(moved):
            for j in np.flatnonzero(to[h]):
                self._move_log.append((self.week, int(h), int(j), int(to[h, j])))
            outside = int(moved[h]) - int(to[h].sum())
            if outside:
                self._move_log.append((self.week, int(h), OUTSIDE, outside))

    def run(self, weeks: int, progress: Any = None) -> CityModel:
        """Run ``weeks`` more weeks; ``progress(done, total)`` after each if given."""
        for k in range(weeks):
            self.step()
            if progress is not None:
                progress(k + 1, weeks)
        return self

    def table(self) -> pd.DataFrame:
        """The tidy per-wijk weekly table: week, wijk, output, value (the wijk's outputs and the city's)."""
        parts = []
        for j, (spec, m) in enumerate(zip(self.city.wijken, self.models, strict=True)):
            ts = m.timeseries()
            for k, name in enumerate(CITY_COLUMNS):
                ts[name] = [row[j, k] for row in self._rows]
            long = ts.melt(id_vars="week", var_name="output", value_name="value")
            long.insert(1, "wijk", spec.name)
            parts.append(long)
        out = pd.concat(parts, ignore_index=True)
        return out[["week", "wijk", "output", "value"]]

    def move_table(self) -> pd.DataFrame:
        """Households moving house, week by week: week, from_wijk, to_wijk (a wijk of the city or ``outside``),
        count; only the (week, from, to) with at least one household, in week order, then from, then to."""
        names = [*self.city.names, "outside"]
        rows = [(w, names[h], names[j], c) for w, h, j, c in self._move_log]
        return pd.DataFrame(rows, columns=["week", "from_wijk", "to_wijk", "count"]).astype(
            {"week": np.int64, "count": np.int64})

    def journey_table(self) -> pd.DataFrame:
        """Incidents by offender home wijk and target wijk, with the distance between them (km)."""
        names = self.city.names
        h, j = np.nonzero(self.journeys >= 0)
        return pd.DataFrame({"home": [names[i] for i in h], "target": [names[i] for i in j],
                             "distance_km": self.distance[h, j], "incidents": self.journeys[h, j]})


def totals(table: pd.DataFrame) -> pd.DataFrame:
    """City totals per week: the counts (incidents, reports, offender effort, patrol units, moved out) summed
    over the wijken."""
    summed = {"incidents", "reports", "offender_effort", "patrol_units", "moved_out", "moved_in_city"}
    rows = table[table["output"].isin(summed)]
    return rows.groupby(["week", "output"], as_index=False)["value"].sum()
