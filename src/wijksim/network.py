"""The social network: who knows whom, and how strongly.

Ties are built from the layout: neighbours within ``tie_radius`` may know each other, much likelier
inside one courtyard (*hofje*), plus a few ties across the wijk (small world). Every pair of nearby
households is kept as a *potential* tie with weight 0, so activities and chance meetings can create
new ties without rebuilding anything; the weekly update is one compiled pass over this fixed edge list
(:mod:`wijksim.kernels`), and sums over a household's ties run over the live ties only.

Tie dynamics are logistic: a tie is strengthened by meeting in public space in proportion to its own
strength (acquaintances who run into each other become closer) and fades at a constant rate, faster
for withdrawn households. A tie at zero stays at zero until an activity or the street brings the two
households together again, so a lost tie is a slow variable that carries memory (MODEL.md §2.9).
"""

from __future__ import annotations

import networkx as nx
import numpy as np
import scipy.sparse as sp

from . import kernels

BREAK_BELOW = 0.02  # a tie weaker than this is considered broken and set to zero
NEW_TIE = 0.1  # strength of a tie that neighbours start by meeting in the street


class SocialNetwork:
    """Edge list (i < j) with weights, the indices of the live (non-zero) ties, and a CSR index of
    each household's potential ties (for picking one of a reporter's neighbours)."""

    def __init__(self, n: int, ei: np.ndarray, ej: np.ndarray, w: np.ndarray, same_court: np.ndarray,
                 local: np.ndarray) -> None:
        self.n = n
        self.ei = ei.astype(np.int64)
        self.ej = ej.astype(np.int64)
        self.w = w.astype(float)
        self.same_court = same_court  # both households on one courtyard: meet more often
        self.local = local  # potential ties between neighbours (the rest are distant ties)
        rows = np.concatenate([self.ei, self.ej])
        cols = np.concatenate([self.ej, self.ei])
        order = np.arange(2 * len(self.ei), dtype=np.int64)
        csr = sp.csr_matrix((order + 1, (rows, cols)), shape=(n, n))
        csr.sort_indices()
        self.indptr, self.indices = csr.indptr, csr.indices
        self._slot_edge = (np.asarray(csr.data).astype(np.int64) - 1) % len(self.ei) if len(self.ei) else order
        self.local_edges = np.flatnonzero(local)  # the pairs that can start a tie by meeting
        self._live_buf = np.empty(len(self.ei), dtype=np.int64)  # live ties first, in no particular order
        self._n_live = -1  # number of live ties in the buffer; -1: recompute from ``w``
        self._strength: np.ndarray | None = None  # Σ_j w_ij, cached until the weights change
        # (active_j as 0/1 floats, Σ_j w_ij·active_j) for the active set it was computed for; kept up to
        # date by the tie pass and strain, forgotten when anything else changes the weights
        self._active: tuple[np.ndarray, np.ndarray] | None = None
        self._meet_factor: tuple[float, np.ndarray] = (float("nan"), np.empty(0))
        self.initial_strength = max(self.strength().mean(), 1e-9)

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
            on = np.flatnonzero(self.w > 0)
            self._n_live = len(on)
            self._live_buf[: len(on)] = on
        return self._live_buf[: self._n_live]

    def strength(self) -> np.ndarray:
        """Sum of tie weights per household (cached until the weights change; do not modify)."""
        if self._strength is None:
            self._strength = kernels.strength(self.ei, self.ej, self.w, self.live(), self.n)
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
        x = np.asarray(x, dtype=float)
        sources = np.flatnonzero(x)
        # going from the sources visits each source's 2E/n potential ties; the full pass reads every live
        # tie once: per tie both cost about the same (measured), so take the sources' way when it visits
        # fewer than half as many
        if 4 * len(sources) * self.n_edges < self.n * len(self.live()):
            return kernels.spread_from(self.indptr, self.indices, self._slot_edge, self.w, sources, x, self.n)
        return kernels.weighted_sums(self.ei, self.ej, self.w, self.live(), x[:, None])[:, 0]

    def active_sum(self, active: np.ndarray) -> np.ndarray:
        """Σ_j w_ij·[j active] for every household (do not modify).

        The weekly tie pass computes it for the active set of that moment and strain keeps it in
        step, so a week costs no extra pass over the ties unless the active set or the weights
        changed some other way since; then it is recomputed in one pass.
        """
        cached = self._active
        if cached is None or not np.array_equal(cached[0], active):
            flags = np.asarray(active, dtype=float)
            sums = kernels.weighted_sums(self.ei, self.ej, self.w, self.live(), flags[:, None])[:, 0]
            self._active = cached = (flags, sums)
        return cached[1]

    def share_along_ties(self, sources: np.ndarray, delta: np.ndarray, share: float, trust: np.ndarray,
                         partner: int) -> None:
        """Pass ``share`` of each source's trust change ``delta`` to its ties (see
        :func:`wijksim.partners.share_experiences`), visiting the sources' ties only."""
        kernels.gossip_trust(self.indptr, self.indices, self._slot_edge, self.w, np.asarray(sources, dtype=np.int64),
                             np.asarray(delta, dtype=float), share, trust, partner)

    def week(self, presence: np.ndarray, withdrawn: np.ndarray, meet_gain: float, decay: float,
             decay_withdrawn: float, courtyard_factor: float, formation: float, rng: np.random.Generator,
             active: np.ndarray | None = None) -> int:
        """One week of tie dynamics; returns the number of new ties.

        *Logistic change of the existing ties*: ``w += w·(gain·meet·(1 − w) − fade)``, where ``meet`` is
        the chance both are out at once, √(presence_i·presence_j), times ``courtyard_factor`` on one
        courtyard and 0.3 for distant ties, and ``fade`` = ``decay`` plus ``decay_withdrawn`` for each
        withdrawn end. A tie below ``BREAK_BELOW`` breaks. A tie at zero stays at zero under this rule.

        *Formation*: neighbours (local pairs) without a tie who are out at the same time start one at
        strength ``NEW_TIE`` with weekly chance ``formation · meet``. Without this, a tie lost to
        withdrawal or conflict would be lost for good and cohesion could only drift down; with it, tie
        loss and formation balance in a steady state, and what a bad period destroys comes back only
        slowly (the memory of the network).

        With ``active`` (the households active now), the pass also leaves :meth:`active_sum` ready.
        """
        if not len(self.w):
            return 0
        n_live = len(self.live())
        strength = np.empty(self.n)
        flags = np.asarray(active, dtype=float) if active is not None else np.empty(0)
        active_sum = np.empty(len(flags))
        factor = self.meet_factor(courtyard_factor)
        self._n_live, formed = kernels.tie_week(
            self.ei, self.ej, self.w, factor, self.local_edges, self._live_buf, n_live, presence, withdrawn,
            meet_gain, decay, decay_withdrawn, max(courtyard_factor, 1.0), max(formation, 0.0), BREAK_BELOW,
            NEW_TIE, kernels.stream_key(rng), strength, flags, active_sum)
        self._strength = strength
        self._active = (flags, active_sum) if active is not None else None
        return formed

    def meet_factor(self, courtyard_factor: float) -> np.ndarray:
        """Per tie, how often the two meet relative to neighbours: ``courtyard_factor`` on one courtyard,
        1 for other neighbours, 0.3 for distant ties (cached per ``courtyard_factor``)."""
        if self._meet_factor[0] != courtyard_factor:
            factor = np.where(self.local, np.where(self.same_court, courtyard_factor, 1.0), 0.3)
            self._meet_factor = (courtyard_factor, factor)
        return self._meet_factor[1]

    def strengthen_among(self, members: np.ndarray, gain: float) -> int:
        """Strengthen (or create) potential ties among a set of households that met at an activity.

        Returns how many ties were newly created.
        """
        if len(members) < 2 or gain <= 0:
            return 0
        mask = np.zeros(self.n, dtype=bool)
        mask[members] = True
        both = mask[self.ei] & mask[self.ej]
        new = int(np.count_nonzero(both & (self.w == 0)))
        self.w[both] += gain * (1.0 - self.w[both])
        self.sync()
        return new

    def strain(self, reporters: np.ndarray, rng: np.random.Generator, amount: float) -> np.ndarray:
        """Each reporter's report about a neighbour strains the tie to one nearby household.

        Returns the households who were reported about (the presumed sources).
        """
        if not len(reporters) or amount <= 0:
            return np.empty(0, dtype=np.int64)
        # the presumed source is a neighbour the reporter knows: one existing local tie, at random
        strength = self._strength if self._strength is not None else np.empty(0)
        flags, active_sum = self._active if self._active is not None else (np.empty(0), np.empty(0))
        targets, broken = kernels.strain(np.asarray(reporters, dtype=np.int64), self.indptr, self.indices,
                                         self._slot_edge, self.ei, self.ej, self.w, self.local, amount,
                                         BREAK_BELOW, strength, flags, active_sum, kernels.stream_key(rng))
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
                  max_degree: int, initial_tie_strength: float, rng: np.random.Generator) -> SocialNetwork:
    """Build the potential-tie structure and draw which ties exist at the start.

    ``court_block`` is the courtyard block id of each household, or -1 when it lives on none.
    The tie probability is scaled so that the expected degree equals ``mean_degree``.
    """
    n = len(x)
    at = np.full(shape, -1, dtype=np.int64)
    at[x, y] = np.arange(n)
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
            dist.append(np.full(int(ok.sum()), max(dx, abs(dy)), dtype=float))
    ei = np.concatenate(src) if src else np.empty(0, np.int64)
    ej = np.concatenate(dst) if dst else np.empty(0, np.int64)
    d = np.concatenate(dist) if dist else np.empty(0)
    # cap the potential degree so that dense grids do not saturate cohesion
    cand_deg = np.bincount(ei, minlength=n) + np.bincount(ej, minlength=n)
    keep_p = np.minimum(1.0, max_degree / np.maximum(1, np.maximum(cand_deg[ei], cand_deg[ej])))
    keep = rng.random(len(ei)) < keep_p
    ei, ej, d = ei[keep], ej[keep], d[keep]
    same = (court_block[ei] >= 0) & (court_block[ei] == court_block[ej])
    affinity = np.where(same, courtyard_tie_factor, 1.0) / d
    target_local = n * mean_degree * (1.0 - share_distant_ties) / 2.0
    scale = target_local / max(affinity.sum(), 1e-9)
    p_tie = np.minimum(1.0, scale * affinity)
    tied = rng.random(len(ei)) < p_tie
    # distant ties: a few random pairs across the wijk (small world)
    n_far = round(n * mean_degree * share_distant_ties / 2.0)
    fi = rng.integers(0, n, n_far) if n > 1 else np.empty(0, np.int64)
    fj = rng.integers(0, n, n_far) if n > 1 else np.empty(0, np.int64)
    lo, hi = np.minimum(fi, fj), np.maximum(fi, fj)
    ok = lo != hi
    far = np.unique(np.stack([lo[ok], hi[ok]], axis=1), axis=0) if ok.any() else np.empty((0, 2), np.int64)
    local_pairs = np.stack([np.minimum(ei, ej), np.maximum(ei, ej)], axis=1)
    if len(far):
        key_local = local_pairs[:, 0] * n + local_pairs[:, 1]
        key_far = far[:, 0] * n + far[:, 1]
        far = far[~np.isin(key_far, key_local)]
    all_i = np.concatenate([local_pairs[:, 0], far[:, 0]])
    all_j = np.concatenate([local_pairs[:, 1], far[:, 1]])
    exists = np.concatenate([tied, np.ones(len(far), dtype=bool)])
    strength = np.clip(rng.beta(4.0, 4.0 * (1 - initial_tie_strength) / initial_tie_strength, len(all_i)), 0.05, 1)
    w = np.where(exists, strength, 0.0)
    same_all = np.concatenate([same, np.zeros(len(far), dtype=bool)])
    local_all = np.concatenate([np.ones(len(local_pairs), dtype=bool), np.zeros(len(far), dtype=bool)])
    return SocialNetwork(n, all_i, all_j, w, same_all, local_all)
