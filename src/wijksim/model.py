"""WijkModel: assembles the neighbourhood, residents, network and partners, and orders the week.

One step is one week. The order of the stages is MODEL.md §2 and the ODD's process overview:

1. partners plan (patrols, maintenance, this week's activities and campaigns)
2. presence           3. guardianship        4. incidents
5. witnessing, reporting, complaints, follow-up and feedback
6. gossip             7. fear                8. engage-or-withdraw decision
9. cohesion (ties)    10. slow variables, physical layers, data

Randomness: every submodel draws from its own named stream. Each stream is a ``SeedSequence`` spawned
from the run's seed, and each week it hands out a fresh generator keyed by (stream, week). Two
scenarios run with one seed therefore share their random numbers wherever an intervention does not
act, even when an intervention changes how many numbers another week or submodel draws (common
random numbers, as in Starsim) — this is what makes the bonus/malus comparison sharp.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import mesa
import numpy as np
import pandas as pd

from . import incidents as inc_mod
from . import kernels, metrics, residents
from .neighbourhood import (
    CORPORATION,
    COURTYARD,
    DWELLING,
    Neighbourhood,
    WijkGrid,
    generate_layout,
    local_sum,
    mean_around,
    sum_around,
)
from .network import build_network
from .params import resolve
from .partners import (
    HousingCorporation,
    Municipality,
    Police,
    handle_complaints,
    maintain,
    public_cells_of,
    who_complains,
)
from .residents import Resident, ResidentState

STREAMS: tuple[str, ...] = (
    "layout", "network", "residents", "patrol", "incidents", "reporting", "police", "complaints",
    "maintenance", "decisions", "activities", "campaigns", "coordinators", "ties",
)
BURN_IN_KEY = 1_000_000  # week keys of the burn-in are offset so they never meet recorded weeks


class Streams:
    """Named random streams derived from one seed (common random numbers).

    Each name gets its own PCG64 stream from a ``SeedSequence`` child of the run's seed. Week ``w`` of a
    stream starts at that stream's initial state advanced by ``key(w)·2⁶⁴`` draws, so every (stream,
    week) pair has its own non-overlapping substream and no week's draws depend on how many numbers
    another week used. Advancing a PCG64 is cheap, so handing out a week's generator costs microseconds.
    """

    def __init__(self, seed: int) -> None:
        self.seed = seed
        self.root = np.random.SeedSequence(seed)
        self._children = {name: child for name, child in zip(STREAMS, self.root.spawn(len(STREAMS)), strict=True)}
        self._weekly: dict[str, tuple[np.random.PCG64, np.random.Generator, dict[str, Any]]] = {}

    def init(self, name: str) -> np.random.Generator:
        """The stream's generator for building the model (layout, network, initial state)."""
        return np.random.Generator(np.random.PCG64(self._children[name]))

    def week(self, name: str, week: int) -> np.random.Generator:
        """The generator for stream ``name`` in week ``week``, at the start of that week's substream.

        One generator object per stream is reused: it is valid until the next call for the same name.
        """
        entry = self._weekly.get(name)
        if entry is None:
            bits = np.random.PCG64(self._children[name])
            entry = self._weekly[name] = (bits, np.random.Generator(bits), bits.state)
        bits, gen, start = entry
        key = week + BURN_IN_KEY if week <= 0 else week
        bits.state = start
        bits.advance(key << 64)
        return gen


def seed_from(rng: Any) -> int:
    """Turn the ``rng`` argument (int, Generator, None) into the run's integer seed."""
    if rng is None:
        return int(np.random.SeedSequence().generate_state(1)[0])
    if isinstance(rng, bool):
        raise TypeError("rng must be an integer seed, a numpy Generator or None")
    if isinstance(rng, int | np.integer):
        if rng < 0:
            raise ValueError("the seed must be a non-negative integer")
        return int(rng)
    if isinstance(rng, np.random.Generator):
        return int(rng.integers(0, 2**63 - 1))
    raise TypeError("rng must be an integer seed, a numpy Generator or None")


class WijkModel(mesa.Model):
    """Agent-based model of neighbourhood safety (see ``docs/ODD.md``).

    Args:
        rng: the run's seed (int), a numpy Generator to draw one from, or None for a fresh one.
        interventions: intervention objects (see :mod:`wijksim.interventions`) forming the timeline.
        **params: any parameter of the registry (:mod:`wijksim.params`); the rest take defaults.
    """

    def __init__(self, rng: Any = None, *, interventions: Iterable[Any] = (), log_incidents: bool = False,
                 **params: Any) -> None:
        p = resolve(params)
        seed = seed_from(rng)
        super().__init__(rng=seed)
        self.seed = seed
        self.p: dict[str, Any] = p  # the live levers; interventions change them and restore them
        self.base_params: dict[str, Any] = dict(p)  # as given, for summaries
        self.streams = Streams(seed)
        self.week = -p["burn_in"]
        self._rows: list[tuple[float, ...]] = []
        #: per recorded week, (week, flat cell, kind) of every incident; only with ``log_incidents``
        self.incident_log: list[tuple[int, np.ndarray, np.ndarray]] | None = [] if log_incidents else None
        self.crime_factors: dict[int, float] = {}  # active crime waves: id -> multiplier
        self.programmes: list[Any] = []  # active weekly programmes (activities, campaigns)
        self.events_log: list[tuple[int, str]] = []  # (week, text): intervention starts and ends

        # --- neighbourhood -------------------------------------------------------------------
        layout = generate_layout(p["width"], p["height"], p["block_size"], p["share_corporation"],
                                 p["share_courtyard"], p["share_green"], self.streams.init("layout"))
        self.nb = Neighbourhood(layout, p["initial_bushes"], p["initial_hardening"], self.streams.init("layout"))
        self.grid = WijkGrid((p["width"], p["height"]), torus=False, capacity=None, random=self.random)
        layers = {}
        for name in ("litter", "damage", "bushes", "hardening", "risk", "incidents_recent"):
            layers[name] = self.grid.create_property_layer(name, 0.0).data
        self.nb.bind(layers)
        self.disorder_layer = self.grid.create_property_layer("disorder", 0.0)
        self.guardianship = np.zeros(self.nb.shape)

        # --- residents: one household per dwelling cell ---------------------------------------
        x, y = np.nonzero(layout.kind == DWELLING)
        self.n_residents = len(x)
        self.home_cell = np.ravel_multi_index((x, y), self.nb.shape)
        block = layout.block[x, y]
        block_has_court = np.zeros(max(int(layout.block.max()) + 1, 1), dtype=bool)
        court = layout.kind == COURTYARD
        block_has_court[np.unique(layout.block[court])] = True
        court_block = np.where(block_has_court[block], block, -1)
        self.residents = ResidentState(x, y, layout.owner[x, y], court_block, p, self.streams.init("residents"))
        self.dwelling_resident = np.full(self.nb.shape[0] * self.nb.shape[1], -1, dtype=np.int64)
        self.dwelling_resident[self.home_cell] = np.arange(self.n_residents)
        self.resident_agents = [Resident(self, i, self.grid[(int(a), int(b))])
                                for i, (a, b) in enumerate(zip(x, y, strict=True))]
        self._is_home = np.zeros(self.nb.shape)
        self._is_home[x, y] = 1.0
        self.homes_near = np.maximum(local_sum(self._is_home, p["tie_radius"]).ravel()[self.home_cell], 1.0)
        self.residents.last_complaint = np.full(self.n_residents, -10**6, dtype=np.int64)

        # --- social network -------------------------------------------------------------------
        self.network = build_network(
            x, y, court_block, self.nb.shape, tie_radius=p["tie_radius"], mean_degree=p["mean_degree"],
            courtyard_tie_factor=p["courtyard_tie_factor"], share_distant_ties=p["share_distant_ties"],
            max_degree=p["max_degree"], initial_tie_strength=p["initial_tie_strength"],
            rng=self.streams.init("network"))
        self.near = inc_mod.near_matrix(x, y, self.nb.shape, p["witness_radius"])

        # --- partners ---------------------------------------------------------------------------
        n_units = round(p["patrols_per_1000"] * self.n_residents / 1000.0)
        if p["patrols_per_1000"] > 0 and self.n_residents:
            n_units = max(1, n_units)
        self.police = Police(self, n_units)
        corp_cells = np.flatnonzero(((layout.owner == CORPORATION)).ravel())
        self.housing = HousingCorporation(self, corp_cells)
        self.municipality = Municipality(self, public_cells_of(layout.kind, layout.owner))
        self.coordinator_near = np.zeros(self.n_residents)
        self.worry = np.zeros(self.n_residents)
        self.week_complaints = 0
        self.week_referrals = 0
        self.last_incidents: inc_mod.WeekIncidents | None = None

        # --- burn-in towards a steady state, then the timeline ----------------------------------
        self.split_constant = 0.5  # used only by the community_split ablation; set from the wijk below
        for _ in range(p["burn_in"]):
            self._advance(record=False)
        self.police.place_units()
        self.disorder_layer.data[...] = self.nb.disorder
        self.split_constant = float(self.residents.support.mean()) if self.n_residents else 0.5
        self.interventions = list(interventions)
        for intervention in self.interventions:
            intervention.attach(self)

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
        columns = list(metrics.ALL_COLUMNS)  # every output is a float: one array, not row-wise parsing
        df = pd.DataFrame(np.array(self._rows, dtype=float).reshape(-1, len(columns)), columns=columns)
        df["week"] = df["week"].astype("int64")
        return df

    @property
    def crime_multiplier(self) -> float:
        """Current multiplier on base rates: ``crime_rate`` times every active crime wave."""
        m = float(self.p["crime_rate"])
        for f in self.crime_factors.values():
            m *= f
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

    def log_event(self, text: str) -> None:
        """Record an intervention start or end at the current week (shown as markers on charts)."""
        self.events_log.append((self.week + 1, text))

    # --- the week ------------------------------------------------------------------------------
    def _advance(self, record: bool) -> None:
        """One week; with ``record`` also what only an observer needs: patrol agents moved on the Mesa
        grid, the disorder property layer, the row of outputs (the burn-in is not observed)."""
        week_inc = simulate_week(self)
        self.last_incidents = week_inc
        if record:
            self.police.place_units()
            self.disorder_layer.data[...] = self.nb.disorder
            self._rows.append(metrics.collect(self, week_inc))
            if self.incident_log is not None:
                self.incident_log.append((self.week, week_inc.cell.copy(), week_inc.kind.copy()))

    def summary(self) -> dict[str, Any]:
        """Parameters, seed, version and final values: what ``summary.json`` holds."""
        from . import __version__

        ts = self.timeseries()
        final = {k: (None if pd.isna(v) else float(v)) for k, v in ts.iloc[-1].items()} if len(ts) else {}
        last_year = ts.tail(52).mean(numeric_only=True).to_dict() if len(ts) else {}
        return {
            "wijksim_version": __version__,
            "seed": self.seed,
            "weeks": len(ts),
            "n_residents": self.n_residents,
            "params": self.base_params,
            "interventions": [iv.describe() for iv in self.interventions],
            "final": final,
            "mean_last_52_weeks": {k: (None if pd.isna(v) else float(v)) for k, v in last_year.items()},
        }


def simulate_week(m: Any) -> inc_mod.WeekIncidents:
    """One week of the numeric update, stages 1–10 of the module docstring, on ``m``'s state.

    ``m`` is a :class:`WijkModel` or anything with the same state attributes (the benchmark kernel
    runs this very function on plain arrays). Mesa-side work — moving the patrol agents, the
    property-layer copy for the UI and data collection — is done by :meth:`WijkModel._advance`.
    """
    m.week += 1
    rng = m.streams.week
    w = m.week
    rs = m.residents
    p = m.p
    nb = m.nb
    rs.clear_exposures()
    m.worry[:] = 0.0
    # 1. partners plan: patrols, maintenance, programmes due this week
    m.police.plan(rng("patrol", w))
    maintain(m, rng("maintenance", w))
    for prog in list(getattr(m, "programmes", ())):  # interventions' weekly work (none in the kernel)
        prog.weekly(m)
    # 2. presence
    dis = nb.disorder
    neglect = dis + 0.5 * nb.bushes
    neglect_home = mean_around(neglect, rs.x, rs.y, 2)
    residents.update_presence(rs, neglect_home, p)
    # 3. guardianship
    # g = 1 − exp(−(κ_r·Σ_near presence·vigilance·visibility + κ_p·patrol)); visibility = 1 − sightline·bushes
    vigilance = 1.0 + (p["vigilance_active"] - 1.0) * rs.active
    m.guardianship = -np.expm1(-kernels.guardianship_exponent(
        rs.x, rs.y, rs.presence * vigilance, p["guardianship_radius"], nb.bushes, p["bush_sightline"],
        m.police.field, p["kappa_residents"], p["kappa_patrol"]))
    # 4. incidents
    kind, cell = inc_mod.draw_incidents(nb, m.guardianship, m.crime_multiplier, p, rng("incidents", w), dis)
    # 5. witnessing, reporting, complaints, follow-up and feedback
    week_inc = inc_mod.witness_and_report(nb, rs, kind, cell, m.near, m.dwelling_resident, p, rng("reporting", w))
    inc_mod.apply_physical_effects(nb, week_inc, m.guardianship, p)
    m.police.follow_up(week_inc, rng("police", w))
    conflict(m, week_inc, rng("reporting", w + 7919))
    disorder_home = mean_around(nb.disorder, rs.x, rs.y, 1)
    c_rng = rng("complaints", w)
    complainers = who_complains(m, disorder_home, c_rng)
    rs.complaints[complainers] += 1
    rs.last_complaint[complainers] = w
    before = m.housing.queue_res.size + m.municipality.queue_res.size
    handle_complaints(m, complainers, c_rng)
    m.week_complaints = len(complainers)
    m.week_referrals = len(complainers) - (m.housing.queue_res.size + m.municipality.queue_res.size - before)
    # 6. gossip: witnesses and victims tell their ties (heard incidents weigh less than seen ones)
    told = rs.witnessed + 2.0 * rs.victim
    rs.heard = p["gossip_rate"] * m.network.weighted_sum(told)  # from the few who saw something
    active_sum = m.network.active_sum(rs.active)  # kept by last week's tie pass unless the actives changed
    # 7. fear
    strength = m.network.strength()
    active_ties = np.divide(active_sum, strength, out=np.zeros(rs.n), where=strength > 0)  # weighted share
    coordinators_near(m)
    residents.update_support(rs, active_ties, m.coordinator_near, p)
    g_home = m.guardianship.ravel()[m.home_cell]
    residents.update_fear(rs, neglect_home, g_home, m.worry, p)
    # 8. decision
    active_grid = kernels.scatter_to_grid(*nb.shape, rs.x, rs.y, rs.active.astype(float))
    norm = sum_around(active_grid, rs.x, rs.y, p["tie_radius"]) / m.homes_near
    residents.decide(rs, norm, p, rng("decisions", w), m.split_constant)
    # 9. cohesion: ties grow by meeting, fade with time and withdrawal
    m.network.week(rs.presence, rs.withdrawn, p["tie_meet_gain"], p["tie_decay"], p["tie_decay_withdrawn"],
                   p["courtyard_tie_factor"], p["tie_formation"], rng("ties", w), active=rs.active)
    # 10. slow variables, physical layers, tidying by active residents, data
    residents.relax(rs, p)
    nb.physical_week(rs.x, rs.y, rs.presence * rs.active, p)
    return week_inc


def conflict(m: Any, week_inc: inc_mod.WeekIncidents, rng: np.random.Generator) -> None:
    """Nuisance reports that point at a neighbour strain that tie and that neighbour's trust.

    A household focused on reporting nuisance (a narrow-goal programme) reads more of what it sees as
    its neighbours' doing: its reports point at a neighbour with chance
    ``conflict_share · (1 + report_focus)`` (source 001: the narrow goal created opposition).
    """
    nuis = week_inc.kind[week_inc.report_inc] == inc_mod.NUISANCE
    reporters = week_inc.report_res[nuis]
    if not len(reporters):
        return
    p_about = np.minimum(1.0, m.p["conflict_share"] * (1.0 + m.residents.report_focus[reporters]))
    about = reporters[rng.random(len(reporters)) < p_about]
    targets = m.network.strain(about, rng, m.p["conflict_strain"])
    if len(targets):  # the neighbour reported about trusts the police less
        kernels.lower_trust(m.residents.trust, targets, residents.POLICE, -1, m.p["conflict_strain"] * 0.5)


def coordinators_near(m: Any) -> None:
    """Which households have a best person among their ties or within two cells of home."""
    rs = m.residents
    if not rs.coordinator.any():
        m.coordinator_near[:] = 0.0
        return
    via_ties = m.network.weighted_sum(rs.coordinator.astype(float)) > 0
    grid = kernels.scatter_to_grid(*m.nb.shape, rs.x, rs.y, rs.coordinator.astype(float))
    via_home = sum_around(grid, rs.x, rs.y, 2) > 0.5
    m.coordinator_near[:] = (via_ties | via_home) & ~rs.coordinator
