"""The social network: who knows whom, and how strongly.

Ties are built from the layout: neighbours within ``tie_radius`` may know each other, much likelier
inside one courtyard (*hofje*), plus a few ties across the wijk (small world). Every pair of nearby
households is kept as a *potential* tie with weight 0, so activities and chance meetings can create
new ties without rebuilding anything; the weekly update is one compiled pass over this fixed edge list
(:mod:`wijksim.submodels.ties`), and sums over a household's ties run over the live ties only.

Tie dynamics are logistic: a tie is strengthened by meeting in public space in proportion to its own
strength (acquaintances who run into each other become closer) and fades at a constant rate, faster
for withdrawn households. A tie at zero stays at zero until an activity or the street brings the two
households together again, so a lost tie is a slow variable that carries memory (docs/ODD.md §7.16).
The weekly dynamics themselves are the stage functions of :mod:`wijksim.submodels.ties` (growth, fading,
formation) and :mod:`wijksim.submodels.conflict` (strain); this module is the data structure they work on,
with the sums along ties that several stages need.
"""

from __future__ import annotations

from typing import Any

import networkx as nx
import numpy as np
from numba import njit

from .submodels import conflict, gossip, ties
from .submodels.draws import stream_key


@njit(cache=True)
def weighted_sums(ei: np.ndarray, ej: np.ndarray, w: np.ndarray, live: np.ndarray, x: np.ndarray) -> np.ndarray:
    """Σ_j w_ij x_jc for every household i and column c of ``x`` (n × m), in one pass over the live ties."""
    n, m = x.shape
    out = np.zeros((n, m))
    for k in range(len(live)):
        e = live[k]
        i, j, we = ei[e], ej[e], w[e]
        for c in range(m):
            out[i, c] += we * x[j, c]
            out[j, c] += we * x[i, c]
    return out


@njit(cache=True)
def strengthen_kernel(members: np.ndarray, indptr: np.ndarray, indices: np.ndarray, slot_edge: np.ndarray,
                      w: np.ndarray, gain: float, mark: np.ndarray) -> int:
    """w ← w + gain·(1 − w) on every potential tie between two of ``members`` (distinct households); returns how
    many of those ties were 0 before. Each tie is reached once, from its lower end's slots, so it gets the
    same single update (and the same bits) as a masked pass over all ties would give it. ``mark`` is a
    scratch flag per household, all False before and after."""
    for i in members:
        mark[i] = True
    new = 0
    for i in members:
        for slot in range(indptr[i], indptr[i + 1]):
            j = indices[slot]
            if j > i and mark[j]:
                e = slot_edge[slot]
                if w[e] == 0.0:
                    new += 1
                w[e] += gain * (1.0 - w[e])
    for i in members:
        mark[i] = False
    return new


@njit(cache=True)
def weighted_sum_live(ei: np.ndarray, ej: np.ndarray, w: np.ndarray, live: np.ndarray, x: np.ndarray) -> np.ndarray:
    """Σ_j w_ij x_j for every household i in one pass over the live ties: :func:`weighted_sums` for one
    column, bit for bit, skipping the ties with x = 0 at both ends. Why that changes no bit: their terms are
    w·0 = ±0 (w is a weight in [0, 1]), and a sum that starts at +0.0 is never −0.0, so adding ±0 leaves
    it as it is. Why skip them: most households have nothing to pass on (a witness, an active
    neighbour), and a skipped tie costs no scattered write (issue #25)."""
    out = np.zeros(len(x))
    for k in range(len(live)):
        e = live[k]
        i, j = ei[e], ej[e]
        xi, xj = x[i], x[j]
        if xi != 0.0 or xj != 0.0:
            we = w[e]
            out[i] += we * xj
            out[j] += we * xi
    return out


@njit(cache=True)
def strength_kernel(ei: np.ndarray, ej: np.ndarray, w: np.ndarray, live: np.ndarray, n: int) -> np.ndarray:
    """Σ_j w_ij for every household."""
    out = np.zeros(n)
    for k in range(len(live)):
        e = live[k]
        out[ei[e]] += w[e]
        out[ej[e]] += w[e]
    return out


@njit(cache=True)
def spread_from(indptr: np.ndarray, indices: np.ndarray, slot_edge: np.ndarray, w: np.ndarray,
                sources: np.ndarray, value: np.ndarray, n: int) -> np.ndarray:
    """Σ_i w_ij value_i over a few ``sources`` i, for every household j: a weighted sum along ties
    when only a few households have something to pass on (cost per source tie, not per tie)."""
    out = np.zeros(n)
    for k in range(len(sources)):
        i = sources[k]
        v = value[i]
        for slot in range(indptr[i], indptr[i + 1]):
            we = w[slot_edge[slot]]
            if we > 0.0:
                out[indices[slot]] += we * v
    return out


@njit(cache=True)
def weighted_sum_either(x: np.ndarray, n_edges: int, ei: np.ndarray, ej: np.ndarray, w: np.ndarray,
                        live: np.ndarray, indptr: np.ndarray, indices: np.ndarray, slot_edge: np.ndarray) -> np.ndarray:
    """Σ_j w_ij x_j for every household i, the cheaper way round (:meth:`SocialNetwork.weighted_sum`).

    Going from the sources (households with x ≠ 0) visits each source's 2E/n potential ties; the full pass
    reads every live tie once: per tie both cost about the same (measured), so take the sources' way when it
    visits fewer than half as many. The two ways add in different orders, so the rule itself is part of the
    model's numbers: it is written here once."""
    sources = np.flatnonzero(x)
    if 4 * len(sources) * n_edges < len(x) * len(live):
        return spread_from(indptr, indices, slot_edge, w, sources, x, len(x))
    return weighted_sum_live(ei, ej, w, live, x)


@njit(cache=True)
def tire_along_ties(fatigue: np.ndarray, who: np.ndarray, amount: float, share: float, n_edges: int,
                    ei: np.ndarray, ej: np.ndarray, w: np.ndarray, live: np.ndarray, indptr: np.ndarray,
                    indices: np.ndarray, slot_edge: np.ndarray) -> None:
    """Households ``who`` tire by ``amount`` (at most 1), and every household by ``amount·share`` times the
    tie-weighted count of ``who`` among its ties (:func:`wijksim.submodels.trust.referral_fatigue`), in one
    call.

    The same floating-point operations in the same order as the numpy version it replaces: the count per
    household is summed the way :meth:`SocialNetwork.weighted_sum` would sum it (from the sources, or over
    the live ties in their order, by the same rule), and the full-pass branch skips only ties with nothing to
    pass on either way (adding +0.0 to a non-negative sum changes no bit).
    """
    n = len(fatigue)
    for k in range(len(who)):
        fatigue[who[k]] = min(1.0, fatigue[who[k]] + amount)
    if share <= 0.0:
        return
    told = np.zeros(n)
    for k in range(len(who)):
        told[who[k]] += 1.0
    heard = weighted_sum_either(told, n_edges, ei, ej, w, live, indptr, indices, slot_edge)
    scale = amount * share
    for i in range(n):
        fatigue[i] = np.minimum(1.0, fatigue[i] + scale * heard[i])


@njit(cache=True)
def live_edges(w: np.ndarray, out: np.ndarray) -> int:
    """Write the ties with ``w > 0`` into ``out`` in ascending order (``np.flatnonzero(w > 0)``) and return how
    many. Branch-free, without the mask and index temporaries: about twice numpy's speed at every size, and
    it runs whenever a conflict breaks a tie (issue #25)."""
    k = 0
    for e in range(len(w)):
        out[k] = e  # written every time, kept only when the tie is live: no branch to mispredict
        k += w[e] > 0.0
    return k


def tie_index(ei: np.ndarray, ej: np.ndarray, n: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Each household's potential ties in CSR form: (indptr, neighbour per slot, edge per slot), the
    slots of a row ordered by neighbour (what ``scipy.sparse`` gives for the symmetric (n × n) pattern, built
    here by one sort of the slot keys, without a matrix's values and conversion copies)."""
    m = len(ei)
    rows = np.concatenate([ei, ej]).astype(np.int64)
    key = rows * n
    key[:m] += ej
    key[m:] += ei
    del rows
    perm = np.argsort(key, kind="stable")
    del key
    indices = np.concatenate([ej, ei]).astype(np.int32)[perm]
    counts = np.bincount(ei, minlength=n) + np.bincount(ej, minlength=n)
    indptr = np.zeros(n + 1, np.int32)
    np.cumsum(counts, out=indptr[1:])
    slot_edge = (perm % max(m, 1)).astype(np.int32)
    return indptr, indices, slot_edge


class SocialNetwork:
    """Edge list (i < j) with weights, the indices of the live (non-zero) ties, and a CSR index of
    each household's potential ties (for picking one of a reporter's neighbours)."""

    def __init__(self, n: int, ei: np.ndarray, ej: np.ndarray, w: np.ndarray, same_court: np.ndarray,
                 local: np.ndarray) -> None:
        self.n = n
        self.ei = np.asarray(ei, dtype=np.int32)  # households fit in int32 (the registry caps the grid)
        self.ej = np.asarray(ej, dtype=np.int32)
        self.w = np.asarray(w, dtype=float)
        self.same_court = same_court  # both households on one courtyard: meet more often
        self.local = local  # potential ties between neighbours (the rest are distant ties)
        self.indptr, self.indices, self._slot_edge = tie_index(self.ei, self.ej, n)
        self.local_edges = np.flatnonzero(local).astype(np.int32)  # the pairs that can start a tie by meeting
        self.live_buffer = np.empty(len(self.ei), dtype=np.int32)  # live ties first, in no particular order
        self._n_live = -1  # number of live ties in the buffer; -1: recompute from ``w``
        self._strength: np.ndarray | None = None  # Σ_j w_ij, cached until the weights change
        # (active_j as 0/1 floats, Σ_j w_ij·active_j) for the active set it was computed for; kept up to
        # date by the tie pass and strain, forgotten when anything else changes the weights
        self._active: tuple[np.ndarray, np.ndarray] | None = None
        self._meet_factor: tuple[tuple[float, float], np.ndarray] = ((float("nan"), float("nan")), np.empty(0))
        self._members_mark = np.zeros(n, dtype=np.bool_)  # scratch flags of strengthen_among, all False at rest
        self.initial_strength = max(self.strength().mean(), 1e-9)

    @property
    def slot_edge(self) -> np.ndarray:
        """The edge of each slot of the CSR index (:func:`tie_index`; do not modify)."""
        return self._slot_edge

    @property
    def n_edges(self) -> int:
        return len(self.ei)

    def sync(self) -> None:
        """Forget what was derived from the weights; code that changes ``w`` directly must call this."""
        self._n_live = -1
        self._strength = None
        self._active = None

    def live(self) -> np.ndarray:
        """Indices of the existing (non-zero) ties (a view, valid until the weights change)."""
        if self._n_live < 0:
            self._n_live = live_edges(self.w, self.live_buffer)
        return self.live_buffer[: self._n_live]

    def strength(self) -> np.ndarray:
        """Sum of tie weights per household (cached until the weights change; do not modify)."""
        if self._strength is None:
            self._strength = strength_kernel(self.ei, self.ej, self.w, self.live(), self.n)
        return self._strength

    def mean_weight(self) -> float:
        """Mean strength of the existing ties (each tie counted once)."""
        n_live = len(self.live())
        return float(self.strength().sum() / 2.0 / n_live) if n_live else 0.0

    def degree(self) -> np.ndarray:
        """Number of existing (non-zero) ties per household."""
        on = self.live()
        return np.bincount(self.ei[on], minlength=self.n) + np.bincount(self.ej[on], minlength=self.n)

    def weighted_sum(self, x: np.ndarray) -> np.ndarray:
        """Σ_j w_ij x_j for every household i."""
        return weighted_sum_either(np.asarray(x, dtype=float), self.n_edges, self.ei, self.ej, self.w, self.live(),
                                   self.indptr, self.indices, self._slot_edge)

    def active_sum(self, active: np.ndarray) -> np.ndarray:
        """Σ_j w_ij·[j active] for every household (do not modify).

        The weekly tie pass computes it for the active set of that moment and strain keeps it in
        step, so a week costs no extra pass over the ties unless the active set or the weights
        changed some other way since; then it is recomputed in one pass.
        """
        cached = self._active
        if cached is None or not np.array_equal(cached[0], active):
            flags = np.asarray(active, dtype=float)
            sums = weighted_sum_live(self.ei, self.ej, self.w, self.live(), flags)
            self._active = cached = (flags, sums)
        return cached[1]

    def tire_along_ties(self, fatigue: np.ndarray, who: np.ndarray, amount: float, share: float) -> None:
        """Households ``who`` tire by ``amount`` and their ties by ``amount·share·w`` (what referral fatigue
        does, :func:`wijksim.submodels.trust.referral_fatigue`), in one compiled call (:func:`tire_along_ties`)."""
        tire_along_ties(fatigue, np.asarray(who, dtype=np.int64), amount, share, self.n_edges, self.ei, self.ej,
                        self.w, self.live(), self.indptr, self.indices, self._slot_edge)

    def share_along_ties(self, sources: np.ndarray, delta: np.ndarray, share: float, trust: np.ndarray,
                         partner: int) -> None:
        """Pass ``share`` of each source's trust change ``delta`` to its ties (see
        :mod:`wijksim.submodels.gossip`), visiting the sources' ties only."""
        gossip.gossip_trust(self.indptr, self.indices, self._slot_edge, self.w, np.asarray(sources, dtype=np.int64),
                             np.asarray(delta, dtype=float), share, trust, partner)

    def after_pass(self, n_live: int, strength: np.ndarray, flags: np.ndarray, active_sum: np.ndarray) -> None:
        """Take over what the weekly tie pass (:func:`wijksim.submodels.ties.update_ties`) computed: the
        number of live ties (compacted in :attr:`live_buffer`), Σ_j w_ij and Σ_j w_ij·[j active]."""
        self._n_live = n_live
        self._strength = strength
        self._active = (flags, active_sum)

    def meet_factor(self, p: dict[str, Any]) -> np.ndarray:
        """Per tie, how often the two meet (:func:`wijksim.submodels.ties.meet_factor`), cached per
        parameter values."""
        key = (p["courtyard_tie_factor"], p["distant_meet_factor"])
        if self._meet_factor[0] != key:
            self._meet_factor = (key, ties.meet_factor(self.local, self.same_court, p))
        return self._meet_factor[1]

    def reset_ties(self, households: np.ndarray, strength: float) -> None:
        """The ties of ``households`` start over (they moved out; the newcomers know their neighbours at
        most by sight): every existing tie is set to ``strength`` (at most its old value); 0 cuts them."""
        if not len(households) or not len(self.w):
            return
        slots = np.concatenate([np.arange(self.indptr[i], self.indptr[i + 1]) for i in households])
        edges = self._slot_edge[slots]
        self.w[edges] = np.minimum(self.w[edges], strength)
        self.sync()

    def strengthen_among(self, members: np.ndarray, gain: float) -> int:
        """Strengthen (or create) potential ties among a set of households that met at an activity.

        Returns how many ties were newly created. The members' own ties are visited (:func:`strengthen_kernel`),
        not every potential tie of the wijk: an activity holds at most a few dozen households (issue #25).
        """
        if len(members) < 2 or gain <= 0:
            return 0
        new = strengthen_kernel(np.asarray(members, dtype=np.int64), self.indptr, self.indices, self._slot_edge,
                                self.w, float(gain), self._members_mark)
        self.sync()
        return int(new)

    def strain(self, reporters: np.ndarray, rng: np.random.Generator, amount: float, break_below: float,
               side: np.ndarray | None = None) -> np.ndarray:
        """Each reporter's report about a neighbour strains the tie to one nearby household, whose ties
        take sides by ``side`` (one per reporter; none: nobody takes sides;
        :func:`wijksim.submodels.conflict.strain`). Returns, per reporter, the household reported about
        (−1: the reporter knows no neighbour, or nothing is strained)."""
        if not len(reporters) or amount <= 0:
            return np.full(len(reporters), -1, dtype=np.int64)
        strength = self._strength if self._strength is not None else np.empty(0)
        flags, active_sum = self._active if self._active is not None else (np.empty(0), np.empty(0))
        sides = np.empty(0) if side is None else np.asarray(side, dtype=float)
        targets, broken = conflict.strain(np.asarray(reporters, dtype=np.int64), self.indptr, self.indices,
                                          self._slot_edge, self.ei, self.ej, self.w, self.local, amount,
                                          break_below, sides, strength, flags, active_sum, stream_key(rng))
        if broken:
            self._n_live = -1  # the live list holds existing ties only
        return targets

    def to_networkx(self, positions: np.ndarray | None = None) -> nx.Graph:
        """The existing ties as a weighted networkx graph (for the UI and for analysis)."""
        g = nx.Graph()
        g.add_nodes_from(range(self.n))
        on = self.w > 0
        g.add_weighted_edges_from(zip(self.ei[on].tolist(), self.ej[on].tolist(), self.w[on].tolist(),
                                      strict=True))
        if positions is not None:
            nx.set_node_attributes(g, {i: (float(p[0]), float(p[1])) for i, p in enumerate(positions)}, "pos")
        return g


def build_network(x: np.ndarray, y: np.ndarray, court_block: np.ndarray, shape: tuple[int, int], *,
                  tie_radius: int, mean_degree: float, courtyard_tie_factor: float, share_distant_ties: float,
                  max_degree: int, initial_tie_strength: float, tie_concentration: float, min_initial_tie: float,
                  rng: np.random.Generator) -> SocialNetwork:
    """Build the potential-tie structure and draw which ties exist at the start.

    ``court_block`` is the courtyard block id of each household, or -1 when it lives on none.
    The tie probability is scaled so that the expected degree equals ``mean_degree``. Initial strengths of
    existing ties are Beta(c, c·(1 − s)/s) with mean ``initial_tie_strength`` s and c = ``tie_concentration``,
    at least ``min_initial_tie``.
    """
    n = len(x)
    ei, ej, d = _candidate_pairs(x, y, shape, tie_radius)
    # cap the potential degree so that dense grids do not saturate cohesion
    cand_deg = np.bincount(ei, minlength=n) + np.bincount(ej, minlength=n)
    keep_p = np.minimum(1.0, max_degree / np.maximum(1, np.maximum(cand_deg[ei], cand_deg[ej])))
    keep = rng.random(len(ei)) < keep_p
    del keep_p
    ei, ej, d = ei[keep], ej[keep], d[keep]
    del keep
    same = (court_block[ei] >= 0) & (court_block[ei] == court_block[ej])
    affinity = np.where(same, courtyard_tie_factor, 1.0) / d
    del d
    target_local = n * mean_degree * (1.0 - share_distant_ties) / 2.0
    scale = target_local / max(affinity.sum(), 1e-9)
    p_tie = np.minimum(1.0, scale * affinity)
    del affinity
    tied = rng.random(len(ei)) < p_tie
    del p_tie
    # distant ties: a few random pairs across the wijk (small world)
    n_far = round(n * mean_degree * share_distant_ties / 2.0)
    fi = rng.integers(0, n, n_far) if n > 1 else np.empty(0, np.int64)
    fj = rng.integers(0, n, n_far) if n > 1 else np.empty(0, np.int64)
    lo, hi = np.minimum(fi, fj), np.maximum(fi, fj)
    ok = lo != hi
    far = np.unique(np.stack([lo[ok], hi[ok]], axis=1), axis=0) if ok.any() else np.empty((0, 2), np.int64)
    lo_local, hi_local = np.minimum(ei, ej), np.maximum(ei, ej)
    del ei, ej
    if len(far):
        key_local = lo_local.astype(np.int64) * n + hi_local
        key_far = far[:, 0] * n + far[:, 1]
        far = far[~np.isin(key_far, key_local)]
        del key_local
    all_i = np.concatenate([lo_local, far[:, 0]]).astype(np.int32)
    all_j = np.concatenate([hi_local, far[:, 1]]).astype(np.int32)
    del lo_local, hi_local
    exists = np.concatenate([tied, np.ones(len(far), dtype=bool)])
    c = tie_concentration
    s0 = initial_tie_strength
    strength = np.clip(rng.beta(c, c * (1 - s0) / s0, len(all_i)), min_initial_tie, 1)
    w = np.where(exists, strength, 0.0)
    same_all = np.concatenate([same, np.zeros(len(far), dtype=bool)])
    local_all = np.concatenate([np.ones(len(same), dtype=bool), np.zeros(len(far), dtype=bool)])
    return SocialNetwork(n, all_i, all_j, w, same_all, local_all)


def _candidate_pairs(x: np.ndarray, y: np.ndarray, shape: tuple[int, int],
                     tie_radius: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Every pair of households within ``tie_radius`` (Chebyshev) of each other, offset by offset:
    (i, j, distance) in int32, int32, int8 (the narrowest types that hold them: at 50 k households this
    list has millions of pairs and was the peak of a wijk's memory)."""
    n = len(x)
    at = np.full(shape, -1, dtype=np.int32)
    at[x, y] = np.arange(n, dtype=np.int32)
    src, dst, dist = [], [], []
    for dx in range(0, tie_radius + 1):
        for dy in range(-tie_radius, tie_radius + 1):
            if dx == 0 and dy <= 0:
                continue
            a = at[: shape[0] - dx, max(0, -dy): shape[1] - max(0, dy)]
            b = at[dx:, max(0, dy): shape[1] + min(0, dy)]
            ok = (a >= 0) & (b >= 0)
            src.append(a[ok])
            dst.append(b[ok])
            dist.append(np.full(len(src[-1]), max(dx, abs(dy)), dtype=np.int8))
    ei = np.concatenate(src) if src else np.empty(0, np.int32)
    del src
    ej = np.concatenate(dst) if dst else np.empty(0, np.int32)
    del dst
    d = np.concatenate(dist) if dist else np.empty(0, np.int8)
    return ei, ej, d
