"""The social network: who knows whom, and how strongly.

Ties are built from the layout: neighbours within ``tie_radius`` may know each other, much likelier
inside one courtyard (*hofje*), plus a few ties across the wijk (small world). Every pair of nearby
households is kept as a *potential* tie with weight 0, so activities can create new ties without
rebuilding the matrix; the numeric update works on a fixed sparse structure whose data array is
refreshed from the edge weights each week.

Tie dynamics are logistic: a tie is strengthened by meeting in public space in proportion to its own
strength (acquaintances who run into each other become closer) and fades at a constant rate, faster
for withdrawn households. A tie at zero stays at zero until an activity or the street brings the two
households together again, so a lost tie is a slow variable that carries memory (MODEL.md §2.9).
"""

from __future__ import annotations

import networkx as nx
import numpy as np
import scipy.sparse as sp

BREAK_BELOW = 0.02  # a tie weaker than this is considered broken and set to zero
NEW_TIE = 0.1  # strength of a tie that neighbours start by meeting in the street


class SocialNetwork:
    """Edge list (i < j) with weights, and a symmetric CSR matrix that shares their order."""

    def __init__(self, n: int, ei: np.ndarray, ej: np.ndarray, w: np.ndarray, same_court: np.ndarray,
                 local: np.ndarray) -> None:
        self.n = n
        self.ei = ei.astype(np.int32)
        self.ej = ej.astype(np.int32)
        self.w = w.astype(float)
        self.same_court = same_court  # both households on one courtyard: meet more often
        self.local = local  # potential ties between neighbours (the rest are distant ties)
        rows = np.concatenate([self.ei, self.ej])
        cols = np.concatenate([self.ej, self.ei])
        order = np.arange(2 * len(self.ei), dtype=np.int64)
        csr = sp.csr_matrix((order + 1, (rows, cols)), shape=(n, n))
        csr.sort_indices()
        self._slot_edge = (np.asarray(csr.data).astype(np.int64) - 1) % len(self.ei) if len(self.ei) else order
        self.matrix = sp.csr_matrix((np.zeros(len(csr.data)), csr.indices, csr.indptr), shape=(n, n))
        # the two CSR slots of each edge, so that a change to a few edges updates only their slots
        by_edge = np.argsort(self._slot_edge, kind="stable")
        self._edge_slots = (by_edge[0::2], by_edge[1::2])
        self._live: np.ndarray | None = None  # indices of the non-zero ties (None: recompute)
        self._meet_factor: tuple[float, np.ndarray | None] = (float("nan"), None)
        self.initial_strength = max(self.strength().mean(), 1e-9)
        self.sync()

    @property
    def n_edges(self) -> int:
        return len(self.ei)

    def sync(self) -> None:
        """Copy the edge weights into the CSR data array (after any change to ``w``).

        Code that changes ``w`` directly must call this (the methods here do): the weekly update
        refreshes only the slots of the ties it changed.
        """
        self._live = None
        if len(self.w):
            self.matrix.data[:] = self.w[self._slot_edge]

    def _sync_edges(self, edges: np.ndarray) -> None:
        """Copy the weights of ``edges`` (the only ones that changed) into the CSR data array."""
        data, w = self.matrix.data, self.w[edges]
        data[self._edge_slots[0][edges]] = w
        data[self._edge_slots[1][edges]] = w

    def live(self) -> np.ndarray:
        """Indices of the existing (non-zero) ties, cached until the weights change."""
        if self._live is None:
            self._live = np.flatnonzero(self.w > 0)
        return self._live

    def strength(self) -> np.ndarray:
        """Sum of tie weights per household."""
        on = self.live()  # zero ties add nothing: the sums are the same to the last bit
        w = self.w[on]
        s = np.bincount(self.ei[on], weights=w, minlength=self.n)
        s += np.bincount(self.ej[on], weights=w, minlength=self.n)
        return s

    def degree(self) -> np.ndarray:
        """Number of existing (non-zero) ties per household."""
        on = self.live()
        return np.bincount(self.ei[on], minlength=self.n) + np.bincount(self.ej[on], minlength=self.n)

    def weighted_sum(self, x: np.ndarray) -> np.ndarray:
        """Σ_j w_ij x_j for every household i (one sparse mat-vec)."""
        return self.matrix @ x

    def update(self, presence: np.ndarray, withdrawn: np.ndarray, meet_gain: float, decay: float,
               decay_withdrawn: float, courtyard_factor: float) -> None:
        """One week of logistic tie dynamics (meeting strengthens, time and withdrawal fade)."""
        if not len(self.w):
            return
        # a tie at zero stays at zero (w += w·(…)), so only the existing ties are computed
        on = self.live()
        ei, ej = self.ei[on], self.ej[on]
        meet = np.sqrt(presence[ei] * presence[ej])  # chance both are out at once, per encounter slot
        factor = self._meet_factors(courtyard_factor)
        if factor is not None:
            meet = meet * factor[on]  # = the two np.where below, to the last bit
        else:
            meet = np.where(self.same_court[on], meet * courtyard_factor, meet)
            meet = np.where(self.local[on], meet, 0.3 * meet)
        fade = decay + decay_withdrawn * (withdrawn[ei].astype(float) + withdrawn[ej])
        w = self.w[on]
        w += w * (meet_gain * meet * (1.0 - w) - fade)
        np.clip(w, 0.0, 1.0, out=w)
        w[w < BREAK_BELOW] = 0.0
        self.w[on] = w
        self._sync_edges(on)
        self._live = on[w > 0]

    def form(self, presence: np.ndarray, rate: float, courtyard_factor: float, rng: np.random.Generator) -> int:
        """Neighbours who are out at the same time start new ties (weekly chance ``rate`` × meeting).

        Without this, a tie lost to withdrawal or conflict would be lost for good and cohesion could
        only drift down; with it, tie loss and tie formation balance in a steady state, and what a bad
        period destroys comes back only slowly (the memory of the network). Returns the number formed.
        """
        if rate <= 0 or not len(self.w):
            return 0
        cand = np.flatnonzero((self.w == 0) & self.local)
        if not len(cand):
            return 0
        meet = np.sqrt(presence[self.ei[cand]] * presence[self.ej[cand]])
        meet = np.where(self.same_court[cand], meet * courtyard_factor, meet)
        new = cand[rng.random(len(cand)) < rate * meet]
        if len(new):
            self.w[new] = NEW_TIE
            self._sync_edges(new)
            self._live = None
        return len(new)

    def _meet_factors(self, courtyard_factor: float) -> np.ndarray | None:
        """Per tie: ``courtyard_factor`` on one courtyard, 1 for other neighbours, 0.3 for distant ties.

        ``meet · factor`` equals ``where(local, where(same_court, meet·cf, meet), 0.3·meet)`` exactly
        (x·1.0 = x, and 0.3·x = x·0.3), unless a distant tie is on one courtyard (cf·0.3 would round
        differently): then None, and the caller takes the two-step form.
        """
        cached_cf, factor = self._meet_factor
        if cached_cf != courtyard_factor:
            if np.any(self.same_court & ~self.local):
                factor = None
            else:
                factor = np.where(self.local, np.where(self.same_court, courtyard_factor, 1.0), 0.3)
            self._meet_factor = (courtyard_factor, factor)
        return factor

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
        indptr, indices = self.matrix.indptr, self.matrix.indices
        starts = indptr[reporters]
        lens = indptr[reporters + 1] - starts
        seg = np.repeat(np.arange(len(reporters)), lens)
        slot = np.repeat(starts, lens) + (np.arange(lens.sum()) - np.repeat(np.cumsum(lens) - lens, lens))
        edge = self._slot_edge[slot]
        key = np.where((self.w[edge] > 0) & self.local[edge], rng.random(len(slot)), -1.0)
        order = np.lexsort((key, seg))
        last = np.flatnonzero(np.r_[seg[order][1:] != seg[order][:-1], True]) if len(order) else order
        best = order[last]
        best = best[key[best] >= 0]
        targets = indices[slot[best]].astype(np.int64)
        edges = edge[best]
        if not len(edges):
            return np.empty(0, dtype=np.int64)
        np.subtract.at(self.w, edges, amount)
        # only the strained ties (and ties an activity left below the threshold) can be out of range
        w = self.w
        touched = np.union1d(edges, np.flatnonzero((w > 0) & (w < BREAK_BELOW)))
        x = np.clip(w[touched], 0.0, 1.0)
        x[x < BREAK_BELOW] = 0.0
        w[touched] = x
        self._sync_edges(touched)
        self._live = None
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
