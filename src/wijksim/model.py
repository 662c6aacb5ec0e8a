"""WijkModel: assembles the neighbourhood, residents, network and partners, and orders the week.

One step is one week: :func:`simulate_week` runs the stages of the ODD's process overview
(docs/ODD.md §3) in order, each a submodel of :mod:`wijksim.submodels` (a test checks that the ODD
lists the same stages in the same order).

Randomness: every submodel draws from its own named stream (:mod:`wijksim.streams`). Each stream is a
``SeedSequence`` of the run's seed keyed by the stream's name, and each week it hands out a fresh generator
keyed by (stream, week). Two scenarios run with one seed therefore share their random numbers wherever an
intervention does not act, even when an intervention changes how many numbers another week or submodel draws
(common random numbers, as in Starsim) — this is what makes the bonus/malus comparison sharp.
"""

from __future__ import annotations

import hashlib
import pickle
from collections.abc import Iterable
from typing import Any, Protocol

import mesa
import numpy as np
import pandas as pd
from mesa.discrete_space import OrthogonalMooreGrid, PropertyLayer

from . import metrics, residents
from .map_layout import MapLayout
from .neighbourhood import CORPORATION, COURTYARD, Neighbourhood, generate_layout, local_sum
from .network import build_network
from .params import resolve
from .partners import HousingCorporation, Municipality, Police, public_cells_of
from .provenance import wijksim_version
from .residents import Resident, ResidentState
from .streams import Streams
from .submodels import (
    complaints,
    conflict,
    decision,
    fear,
    followup,
    gossip,
    guardianship,
    incidents,
    maintenance,
    patrol,
    presence,
    reporting,
    slow,
    support,
    ties,
    turnover,
    withdrawal_norm,
    youth,
)
from .text.events import Event
from .text.messages import error
from .types import Programme, WeekModel
from .validation import MAX_SEED
from .week_record import WeekIncidents
from .youth_state import initial as initial_youth

#: the largest combined crime multiplier (``crime_rate`` × every wave in force): offending saturates at
#: ``offender_capacity`` (at most 50) long before, tanh(1e6 / 50) is 1 to the last bit, so the cap changes no
#: incident; it keeps thousands of overlapping waves from recording 1.8e308 and overflowing numpy
MAX_CRIME_MULTIPLIER = 1e6
#: weeks at the end of a run whose means ``summary.json`` records (a year, over which the weekly noise averages out)
SUMMARY_WINDOW = 52


def window_key(weeks: int) -> str:
    """The key of ``summary.json``'s means over the last ``weeks`` weeks: ``mean_last_<weeks>_weeks``. A reader
    that wants the means whatever the run's length reads ``summary[window_key(summary["window_weeks"])]``."""
    return f"mean_last_{weeks}_weeks"


def burn_in_key(seed: int, p: dict[str, Any], layout: MapLayout | None) -> str:
    """What the state at week 0 depends on: the seed, every resolved parameter, the map's cells and households
    (a digest; arms share a burn-in exactly when their keys are equal; :mod:`wijksim.burn_in` says why)."""
    h = hashlib.blake2b(digest_size=16)
    h.update(repr(int(seed)).encode())
    h.update(repr(sorted(p.items())).encode())
    if layout is not None:
        h.update(pickle.dumps((layout.layout, layout.households), protocol=5))
    return h.hexdigest()


class BurnedIn(Protocol):
    """A shared burn-in (:class:`wijksim.burn_in.BurnIn`): puts a copy of its state into a new model."""

    def restore(self, model: WijkModel, layout: MapLayout | None) -> None:
        """Give ``model`` (Mesa's side initialised, nothing built) a copy of the shared state."""


def seed_from(rng: Any) -> int:
    """Turn the ``rng`` argument (int, Generator, None) into the run's integer seed."""
    if rng is None:
        return int(np.random.SeedSequence().generate_state(1)[0])
    if isinstance(rng, bool):
        raise TypeError("rng must be an integer seed, a numpy Generator or None")
    if isinstance(rng, int | np.integer):
        if not 0 <= rng <= MAX_SEED:
            raise error(ValueError, "seed_range", most=MAX_SEED)  # English: "the seed must be a whole ..."
        return int(rng)
    if isinstance(rng, np.random.Generator):
        return int(rng.integers(0, MAX_SEED))
    raise TypeError("rng must be an integer seed, a numpy Generator or None")


class WijkModel(mesa.Model):
    """Agent-based model of neighbourhood safety (see ``docs/ODD.md``).

    Args:
        rng: the run's seed (int), a numpy Generator to draw one from, or None for a fresh one.
        interventions: intervention objects (see :mod:`wijksim.interventions`) forming the timeline.
        **params: any parameter of the registry (:mod:`wijksim.params`); the rest take defaults.
    """

    def __init__(self, rng: Any = None, *, interventions: Iterable[Any] = (), log_incidents: bool = False,
                 layout: MapLayout | None = None, burned: BurnedIn | None = None, **params: Any) -> None:
        if layout is not None:  # a wijk read from a map file: its size is the map's
            params = {**params, "width": layout.shape[0], "height": layout.shape[1]}
        p = resolve(params)
        seed = seed_from(rng)
        super().__init__(rng=seed)
        self._mesa_attrs = frozenset(vars(self))  # Mesa's own attributes: never part of a shared burn-in
        self.seed = seed
        self.p: dict[str, Any] = p  # the live levers; interventions change them and restore them
        self.base_params: dict[str, Any] = dict(p)  # as given, for summaries
        self.streams = Streams(seed)
        self.week = -p["burn_in"]
        self._rows: list[tuple[float, ...]] = []
        #: per recorded week, (week, flat cell, kind) of every incident; only with ``log_incidents``
        self.incident_log: list[tuple[int, np.ndarray, np.ndarray]] | None = [] if log_incidents else None
        self.crime_factors: dict[int, float] = {}  # active crime waves: id -> multiplier
        self.programmes: list[Programme] = []  # active weekly programmes (activities, campaigns)
        self.events_log: list[Event] = []  # intervention starts, ends, removals, extensions, phases
        if burned is None:
            self._build(layout, p)
        else:  # continue from a copy of a burn-in with the same key (wijksim.burn_in): byte-identical, cheaper
            burned.restore(self, layout)
        self.attach_timeline(interventions)

    def attach_timeline(self, interventions: Iterable[Any]) -> None:
        """Attach the run's interventions (its timeline), once, after the burn-in: ``__init__`` does it, and so
        does a shared burn-in that hands its own model to the last arm (:meth:`wijksim.burn_in.BurnIn.handover`)."""
        self.interventions = list(interventions)
        for intervention in self.interventions:
            intervention.attach(self)

    def _build(self, layout: MapLayout | None, p: dict[str, Any]) -> None:
        """Build the wijk (cells, households, ties, partners) and run the burn-in: everything that happens
        before week 1 and before any intervention is attached, so it depends on (seed, parameters, map) only
        (:func:`wijksim.burn_in.burn_in_key`)."""
        # --- neighbourhood -------------------------------------------------------------------
        self.map = layout  # the map it was read from, or None for a generated wijk
        self.nb = self._neighbourhood(layout, p)
        cells = self.nb.layout
        self._grid: OrthogonalMooreGrid | None = None  # Mesa's view of the wijk, built when first asked for
        self._disorder_layer: PropertyLayer | None = None
        self.guardianship = np.zeros(self.nb.shape)

        # --- residents: one household per dwelling cell (a map may stack several on one) ---------
        # np.nonzero's two arrays are strided views of one (n, 2) array: own contiguous copies give every kernel
        # that reads homes one compiled version for all wijken (a stacked map's np.repeat, a burn-in's copy and a
        # plain map alike) instead of two, and unit-stride reads
        x, y = (np.ascontiguousarray(a) for a in np.nonzero(self.nb.households > 0))
        count = self.nb.households[x, y].astype(np.int64)
        if (count > 1).any():  # each household of a stacked cell is a resident of its own
            x, y = np.repeat(x, count), np.repeat(y, count)
        self.n_residents = len(x)
        block = cells.block[x, y]
        block_has_court = np.zeros(max(int(cells.block.max()) + 1, 1), dtype=bool)
        court = cells.kind == COURTYARD
        block_has_court[np.unique(cells.block[court])] = True
        court_block = np.where(block_has_court[block], block, -1)
        self.residents = rs = ResidentState(x, y, cells.owner[x, y], court_block, self.nb.shape, p,
                                            self.streams.init("residents"))
        self.resident_agents = [Resident(self, i) for i in range(self.n_residents)]
        rs.homes_near = np.maximum(local_sum(self.nb.households, p["tie_radius"]).ravel()[rs.home_cell], 1.0)

        # --- social network -------------------------------------------------------------------
        self.network = build_network(
            x, y, court_block, self.nb.shape, tie_radius=p["tie_radius"], mean_degree=p["mean_degree"],
            courtyard_tie_factor=p["courtyard_tie_factor"], share_distant_ties=p["share_distant_ties"],
            max_degree=p["max_degree"], initial_tie_strength=p["initial_tie_strength"],
            tie_concentration=p["tie_concentration"], min_initial_tie=p["min_initial_tie"],
            rng=self.streams.init("network"))
        self.near = reporting.near_matrix(x, y, self.nb.shape, p["witness_radius"])

        # --- partners ---------------------------------------------------------------------------
        n_units = round(p["patrols_per_1000"] * self.n_residents / 1000.0)
        if p["patrols_per_1000"] > 0 and self.n_residents:
            n_units = max(1, n_units)
        self.police = Police(self, n_units, self.nb.is_public)
        corp_cells = np.flatnonzero(((cells.owner == CORPORATION)).ravel())
        self.housing = HousingCorporation(self, corp_cells)
        self.municipality = Municipality(self, public_cells_of(cells.kind, cells.owner))
        self.week_complaints = self.week_referrals = 0
        self.last_incidents: WeekIncidents | None = None
        self.youth = initial_youth(self)  # young people (stage 11): None unless ``youth_enabled``

        # --- burn-in towards a steady state (the timeline is attached by __init__) ---------------------
        self.split_constant = 0.5  # used only by the community_split ablation; set from the wijk below
        for _ in range(p["burn_in"]):
            self._advance(record=False)
        self.split_constant = float(self.residents.support.mean()) if self.n_residents else 0.5

    def _neighbourhood(self, given: MapLayout | None, p: dict[str, Any]) -> Neighbourhood:
        """The wijk's cells: generated from the layout stream, or read from a map (with its households)."""
        if given is None:
            layout = generate_layout(p["width"], p["height"], p["block_size"], p["share_corporation"],
                                     p["share_courtyard"], p["share_green"], self.streams.init("layout"))
            return Neighbourhood(layout, p, self.streams.init("layout"))
        nb = Neighbourhood(given.layout, p, self.streams.init("layout"))
        nb.households = given.households.astype(float)
        return nb

    # --- public API ---------------------------------------------------------------------------
    def step(self) -> None:
        """Simulate one week and record its outputs."""
        self._advance(record=True)

    def run(self, weeks: int, progress: Any = None) -> WijkModel:
        """Run ``weeks`` more weeks; ``progress(done, total)`` is called after each week if given."""
        for k in range(int(weeks)):
            self.step()
            if progress is not None:
                progress(k + 1, weeks)
        return self

    def timeseries(self) -> pd.DataFrame:
        """One row per simulated week with every output (see :data:`wijksim.metrics.COLUMNS`)."""
        columns, values = self.recorded()
        df = pd.DataFrame(values, columns=list(columns))
        df["week"] = df["week"].astype("int64")
        return df

    def recorded(self) -> tuple[tuple[str, ...], np.ndarray]:
        """The recorded weeks as (columns, a float array of one row per week): :meth:`timeseries` without the
        table, for a caller that puts many runs into one table (a comparison's arms: :mod:`wijksim.compare.runs`)."""
        columns = metrics.columns_of(self)  # every output is a float: one array, not row-wise parsing
        return columns, np.array(self._rows, dtype=float).reshape(-1, len(columns))

    # --- Mesa's grid ---------------------------------------------------------------------------------
    @property
    def grid(self) -> OrthogonalMooreGrid:
        """Mesa's Moore grid of the wijk, with the cell layers as property layers and every household and
        patrol unit on its cell: built with Mesa's public classes the first time anything asks for it.

        Why on demand: a run never walks the grid (households, patrols and layers are arrays), and building
        Mesa's grid costs more than a whole small run (about 50 ms at 40×40, 2.6 s at 310×310); the UI and
        user code that ask for it get the same grid, kept up to date every recorded week from then on.
        """
        if self._grid is None:
            p = self.p
            grid = OrthogonalMooreGrid((p["width"], p["height"]), torus=False, capacity=None, random=self.random)
            layers = {}
            for name in ("litter", "damage", "bushes", "hardening", "risk", "incidents_recent"):
                layers[name] = grid.create_property_layer(name, 0.0).data
            self.nb.bind(layers)  # the neighbourhood now works on the property layers' arrays, in place
            self._disorder_layer = grid.create_property_layer("disorder", 0.0)
            self._grid = grid
            for agent in self.resident_agents:
                agent.cell = grid[(int(self.residents.x[agent.idx]), int(self.residents.y[agent.idx]))]
            self._show_on_grid()
        return self._grid

    @property
    def disorder_layer(self) -> PropertyLayer | None:
        """The disorder property layer of :attr:`grid` (updated every recorded week)."""
        self.grid  # noqa: B018 - built on first use
        return self._disorder_layer

    def _show_on_grid(self) -> None:
        """Patrol agents to this week's positions, disorder to its layer (only once the grid exists)."""
        grid = self.grid
        self.police.place_units(grid)
        assert self._disorder_layer is not None  # made with the grid
        self._disorder_layer.data[...] = self.nb.disorder

    # --- names kept for interventions and user code: the arrays live in ResidentState -------------
    @property
    def worry(self) -> np.ndarray:
        """This week's warnings without an action perspective per household (``residents.worry``)."""
        return self.residents.worry

    @property
    def home_cell(self) -> np.ndarray:
        """Flat home cell per household (``residents.home_cell``)."""
        return self.residents.home_cell

    @property
    def coordinator_near(self) -> np.ndarray:
        """1.0 where a best person is near (``residents.coordinator_near``)."""
        return self.residents.coordinator_near

    @property
    def dwelling_resident(self) -> np.ndarray:
        """Per cell, the household living there or −1 (``residents.resident_at``)."""
        return self.residents.resident_at

    @property
    def crime_multiplier(self) -> float:
        """Current multiplier on base rates: ``crime_rate`` times every active crime wave."""
        m = float(self.p["crime_rate"])
        for f in self.crime_factors.values():
            # many waves at once would overflow to inf (and inf × 0 to nan): capped at MAX_CRIME_MULTIPLIER,
            # far beyond where the offender capacity saturates (submodels.incidents.effective_multiplier)
            m = min(m * f, MAX_CRIME_MULTIPLIER)
        return m

    def agent_table(self) -> pd.DataFrame:
        """A snapshot of every household now (on request only: not collected every week)."""
        rs = self.residents
        return pd.DataFrame({
            "week": self.week, "resident": np.arange(rs.n), "x": rs.x, "y": rs.y,
            "state": np.array(residents.STATE_NAMES)[rs.state], "fear": rs.fear, "presence": rs.presence,
            "support": rs.support, "coordinator": rs.coordinator, "trust_police": rs.trust[:, 0],
            "trust_municipality": rs.trust[:, 1], "trust_housing": rs.trust[:, 2], "awareness": rs.awareness,
            "fatigue": rs.fatigue, "ties": self.network.degree(), "owner": rs.home_owner,
        })

    def add_intervention(self, intervention: Any) -> Any:
        """Add an intervention to a running model (e.g. live from the UI); ``start=None`` means next week."""
        if intervention.start is not None and intervention.start <= self.week:
            intervention.start = self.week + 1
        self.interventions.append(intervention)
        intervention.attach(self)
        return intervention

    def log_event(self, kind: str, verb: str, **fields: str) -> None:
        """Record what happened to an intervention of type ``kind`` at the current week (shown as markers on
        charts): data, rendered per language by :func:`wijksim.text.events.render`."""
        self.events_log.append(Event(kind, verb, self.week + 1, tuple(sorted(fields.items()))))

    # --- the week ------------------------------------------------------------------------------
    def _advance(self, record: bool) -> None:
        """One week; with ``record`` also what only an observer needs: patrol agents moved on the Mesa
        grid, the disorder property layer, the row of outputs (the burn-in is not observed)."""
        week_inc = simulate_week(self)
        self.last_incidents = week_inc
        if record:
            if self._grid is not None:
                self._show_on_grid()
            self._rows.append(metrics.collect(self, week_inc))
            if self.incident_log is not None:
                self.incident_log.append((self.week, week_inc.cell.copy(), week_inc.kind.copy()))

    def summary(self) -> dict[str, Any]:
        """Parameters, seed, version, final values and the means over the run's last year: what ``summary.json``
        holds.

        The means cover the last :data:`SUMMARY_WINDOW` weeks, or the whole run when it is shorter, and their key
        says which: ``mean_last_52_weeks`` for a run of a year or more (the key readers have always used),
        ``mean_last_20_weeks`` for a 20-week run, with ``window_weeks`` the number (see :func:`window_key`). A
        short run's means are then never read under a year's name: an old reader fails instead of being misled.
        """
        ts = self.timeseries()
        final = {k: (None if pd.isna(v) else float(v)) for k, v in ts.iloc[-1].items()} if len(ts) else {}
        window = min(SUMMARY_WINDOW, len(ts))
        last_year = ts.tail(window).mean(numeric_only=True).to_dict() if len(ts) else {}
        return {
            "wijksim_version": wijksim_version(),
            "seed": self.seed,
            "weeks": len(ts),
            "n_residents": self.n_residents,
            "params": self.base_params,
            "interventions": [iv.describe() for iv in self.interventions],
            "final": final,
            "window_weeks": window,
            window_key(window): {k: (None if pd.isna(v) else float(v)) for k, v in last_year.items()},
        }


def simulate_week(m: WeekModel) -> WeekIncidents:
    """One week of the numeric update on ``m``'s state: the stages of docs/ODD.md §3, in that order.

    Each stage is one submodel function that names its inputs; this function is the list of stages and
    the only place that knows where each input lives on the model. ``m`` is anything of the shape
    :class:`wijksim.types.WeekModel` names: a :class:`WijkModel` (mypy checks it against the protocol where
    :meth:`WijkModel._advance` calls this), or the benchmark's kernel, which runs this very function on plain
    arrays. Mesa-side work — moving the patrol agents, the property-layer copy for the UI and data
    collection — is done by :meth:`WijkModel._advance`.
    """
    m.week += 1
    w = m.week
    stream = m.streams.week
    rs, nb, net, p = m.residents, m.nb, m.network, m.p
    rs.clear_exposures()
    # 1. partners plan: patrols (1a), maintenance (1b), interventions' weekly programmes (1c)
    m.police.positions, m.police.field = patrol.plan_patrols(
        m.police.beats, m.police.public_cells, nb.incidents_recent, nb.reported_recent, rs.home_cell, rs.trust, p,
        stream("patrol", w))
    maintenance.maintain(m.housing, m.municipality, nb, rs.trust, rs.fatigue, rs.n, w, p,
                         stream("maintenance_housing", w), stream("maintenance_municipality", w))
    for programme in list(m.programmes):
        programme.weekly(m)
    # 2. presence
    dis = nb.disorder
    neglect_home = presence.neglect_at_homes(dis, nb.bushes, rs.x, rs.y, p)
    rs.presence = presence.presence(rs.state, rs.fear, neglect_home, rs.participating, p)
    # 3. guardianship
    active = rs.active  # the states of last week's decision hold until stage 8b (computed once, not per stage)
    m.guardianship = guardianship.guardianship(rs.x, rs.y, rs.presence, active, nb.bushes, m.police.field, p)
    # 4. incidents
    kind, cell = incidents.draw_incidents(dis, nb.bushes, nb.hardening, nb.risk, m.guardianship, nb.households,
                                          nb.is_public, m.crime_multiplier, p, stream("incidents", w))
    # 5. witnessing and reporting (5a), traces (5b), follow-up and feedback (5c), conflict (5d),
    #    complaints and referrals (5e); on a stacked cell, a burglary strikes one of its households
    if rs.stacked is not None:
        reporting.choose_victims(rs.resident_at, *rs.stacked, stream("victims", w))
    inc = reporting.witness_and_report(kind, cell, m.near, rs.resident_at, rs, nb.bushes, nb.incidents_recent,
                                       nb.reported_recent, p, stream("reporting", w),
                                       None if m.youth is None else m.youth.intimidation)  # the quiet wijk
    incidents.leave_traces(inc.cell, inc.kind, nb.litter, nb.damage, nb.risk, m.guardianship, p)
    followup.follow_up(inc, rs.trust, rs.fatigue, nb.risk, net, m.near, rs.n, p, stream("police", w))
    conflict.conflict(inc, rs.report_focus, rs.trust, net, p, stream("conflict", w))
    c_rng = stream("complaints", w)
    complainers = complaints.who_complains(rs, nb.disorder, p, c_rng)
    rs.complaints[complainers] += 1
    rs.last_complaint[complainers] = w
    m.week_referrals = complaints.route_complaints(complainers, rs.home_owner, rs.home_cell, rs.coordinator_near,
                                                   rs.trust, rs.fatigue, net, m.housing, m.municipality, w, p, c_rng)
    m.week_complaints = len(complainers)
    # 6. gossip: witnesses and victims tell their ties
    rs.heard = gossip.hear(rs.witnessed, rs.victim, net, p)
    active_sum = net.active_sum(active)  # kept by last week's tie pass unless the actives changed
    # 7. community support (7a) and fear (7b)
    rs.coordinator_near[:] = support.coordinators_near(rs.coordinator, rs.x, rs.y, nb.shape, net, p)
    rs.support = support.support(active_sum, net.strength(), rs.participating, rs.coordinator_near, p)
    fear.update_fear(rs, neglect_home, m.guardianship.ravel()[rs.home_cell], p)
    # 8. the buurt's withdrawal norm (8a), decision (8b)
    pull = withdrawal_norm.withdrawal_pull(rs.withdrawn, rs.x, rs.y, nb.shape, p)
    norm = decision.local_norm(active, rs.x, rs.y, nb.shape, rs.homes_near, p)
    rs.state = decision.decide(rs, norm, pull, m.split_constant, p, stream("decisions", w))
    # 9. ties and cohesion
    active = rs.active  # this week's decision
    ties.update_ties(net, rs.presence, rs.withdrawn, active, p, stream("ties", w))
    # 10. slow variables (10a), physical layers (10b), residential turnover (10c, off by default)
    slow.relax(rs, p)
    slow.physical_week(nb, rs.x, rs.y, rs.presence * active, p)
    turnover.move(rs, net, p, stream("turnover", w))
    # 11. youth and undermining crime (off by default: skipped, no stream touched)
    if m.youth is not None:
        youth.youth_week(m.youth, rs, net, m.near, nb.damage, nb.shape, p, stream("youth", w))
    return inc

