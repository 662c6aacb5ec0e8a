"""The compiled kernels against plain references: the sums they stand in for, the probabilities their
random draws must have, and the caches they keep in step. Statistical checks use fixed seeds and
bounds of five standard errors, so they are deterministic and can fail when a kernel is wrong."""

from __future__ import annotations

import numpy as np
import pytest
from mesa.discrete_space import OrthogonalMooreGrid
from scipy import ndimage

from wijksim import WijkModel, kernels
from wijksim.neighbourhood import local_sum, mean_around, stamp, sum_around
from wijksim.network import SocialNetwork, live_edges, spread_from, weighted_sum_live, weighted_sums
from wijksim.params import defaults
from wijksim.streams import BURN_IN_KEY, Streams, stream_key
from wijksim.submodels import draws as rnd
from wijksim.submodels import incidents as incident_model
from wijksim.submodels import patrol, ties

BREAK_BELOW = defaults()["tie_break_below"]
NEW_TIE = defaults()["new_tie_strength"]


def _week(net: SocialNetwork, presence: np.ndarray, withdrawn: np.ndarray, gain: float, decay: float, dwd: float,
          cf: float, rate: float, rng: np.random.Generator, active: np.ndarray | None = None) -> int:
    """One tie pass with these levers (the rest at their defaults; no turnover of ties, whose chance
    tests/test_dynamics.py checks)."""
    p = {**defaults(), "tie_meet_gain": gain, "tie_decay": decay, "tie_decay_withdrawn": dwd,
         "courtyard_tie_factor": cf, "tie_formation": rate, "tie_end_rate": 0.0}
    return ties.update_ties(net, presence, withdrawn, np.zeros(net.n, bool) if active is None else active, p, rng)


@pytest.mark.parametrize("radius", [1, 2, 3])
def test_box_sums_match_a_direct_filter(radius: int) -> None:
    rng = np.random.default_rng(1)
    layer = rng.random((37, 23))
    size = 2 * radius + 1
    ref = ndimage.uniform_filter(layer, size=size, mode="constant") * size * size
    np.testing.assert_allclose(local_sum(layer, radius), ref, atol=1e-10)
    counts = (rng.random((37, 23)) < 0.2).astype(float)  # integer layers are summed exactly
    ref_counts = np.rint(ndimage.uniform_filter(counts, size=size, mode="constant") * size * size)
    assert np.array_equal(local_sum(counts, radius), ref_counts)
    x, y = rng.integers(0, 37, 50), rng.integers(0, 23, 50)
    np.testing.assert_allclose(sum_around(layer, x, y, radius), ref[x, y], atol=1e-10)
    inside = ndimage.uniform_filter(np.ones_like(layer), size=size, mode="constant") * size * size
    np.testing.assert_allclose(mean_around(layer, x, y, radius), ref[x, y] / inside[x, y], atol=1e-10)
    assert np.array_equal(stamp(layer.shape, x, y, radius),
                          np.rint(ndimage.uniform_filter(np.bincount(x * 23 + y, minlength=37 * 23)
                                                         .reshape(37, 23).astype(float), size=size,
                                                         mode="constant") * size * size))


def test_incident_draws_have_chance_one_minus_exp_minus_hazard() -> None:
    """The Poisson-line method gives each (type, cell) an incident with chance 1 − e^−λ."""
    rng = np.random.default_rng(7)
    shape = (12, 10)
    dis = rng.random(shape)
    bushes = rng.random(shape)
    hardening = rng.random(shape) * 0.5
    risk = rng.random(shape) * 3.0
    guard = rng.random(shape)
    dwelling = rng.random(shape) < 0.5
    public = ~dwelling
    # one household per dwelling cell, as floats: the model passes household counts (another dtype would
    # compile a test-only version of the kernel in every fresh worker)
    args = (dis, bushes, hardening, risk, guard, dwelling.astype(np.float64), public, 1.3, 0.7, 0.05, 1.0, 0.08,
            2.0, 0.1, 1.0)
    n_cells = shape[0] * shape[1]
    hits = np.zeros(3 * n_cells)
    draws = 4000
    gen = np.random.default_rng(11)
    total = 0.0
    for _ in range(draws):
        kind, cell, total = incident_model.draw_kernel(*args, rnd.stream_key(gen))
        assert len(np.unique(kind.astype(np.int64) * n_cells + cell)) == len(cell)  # one per type and cell
        np.add.at(hits, kind.astype(np.int64) * n_cells + cell, 1.0)
    unguarded = ((1 - 0.7 * guard) * (1 + risk) * 1.3).ravel()
    lam = np.concatenate([0.05 * (1 + dis.ravel()) * unguarded,
                          np.where(dwelling.ravel(), 0.08 * 2 * (1 - hardening.ravel()) * unguarded, 0.0),
                          np.where(public.ravel(), 0.1 * (1 + bushes.ravel()) * unguarded, 0.0)])
    assert total == pytest.approx(lam.sum())
    p = -np.expm1(-lam)
    se = np.sqrt(np.maximum(p * (1 - p), 1e-12) / draws)
    assert np.all(np.abs(hits / draws - p) < 5 * se + 1e-12)
    assert np.all(hits[lam == 0] == 0)
    # and in total: the chance of a hit is 1 − e^−λ, not λ (which would give more)
    assert abs(hits.sum() / draws - p.sum()) < 5 * np.sqrt((p * (1 - p)).sum() / draws)


def _small_network(n: int = 30, seed: int = 3) -> SocialNetwork:
    rng = np.random.default_rng(seed)
    pairs = np.array([(i, j) for i in range(n) for j in range(i + 1, n) if rng.random() < 0.3])
    w = np.where(rng.random(len(pairs)) < 0.5, rng.uniform(0.1, 0.9, len(pairs)), 0.0)
    same = rng.random(len(pairs)) < 0.3
    local = rng.random(len(pairs)) < 0.8
    return SocialNetwork(n, pairs[:, 0], pairs[:, 1], w, same & local, local)


def test_tie_week_matches_the_tie_rules_and_formation_chance() -> None:
    net = _small_network()
    rng = np.random.default_rng(5)
    presence = rng.uniform(0.1, 0.9, net.n)
    withdrawn = rng.random(net.n) < 0.3
    gain, decay, dwd, cf, rate = 0.4, 0.03, 0.05, 3.0, 0.2
    w0 = net.w.copy()
    meet = np.sqrt(presence[net.ei] * presence[net.ej]) * np.where(net.local, np.where(net.same_court, cf, 1.0), 0.3)
    fade = decay + dwd * (withdrawn[net.ei].astype(float) + withdrawn[net.ej])
    expect = np.clip(w0 + w0 * (gain * meet * (1 - w0) - fade), 0, 1)
    expect[expect < BREAK_BELOW] = 0.0
    candidates = (expect == 0) & net.local
    formed = np.zeros(net.n_edges)
    trials = 3000
    for t in range(trials):
        net.w[:] = w0
        net.sync()
        _week(net, presence, withdrawn, gain, decay, dwd, cf, rate, np.random.default_rng(100 + t))
        live = ~candidates & (w0 > 0)
        np.testing.assert_allclose(net.w[live], expect[live])
        assert set(net.live().tolist()) == set(np.flatnonzero(net.w > 0).tolist())
        fresh = np.bincount(net.ei, net.w, net.n) + np.bincount(net.ej, net.w, net.n)
        np.testing.assert_allclose(net.strength(), fresh)
        formed += candidates & (net.w == NEW_TIE)
    p = rate * meet[candidates]
    se = np.sqrt(p * (1 - p) / trials)
    assert np.all(np.abs(formed[candidates] / trials - p) < 5 * se)
    assert np.all(formed[~candidates] == 0)


def test_referral_fatigue_in_one_call_is_bit_identical_to_the_numpy_steps() -> None:
    """SocialNetwork.tire_along_ties gives the very bits of the numpy steps it replaced (tire, count the
    referred, weighted_sum, capped add), on both of weighted_sum's ways (from the sources, over all ties)."""
    net = _small_network(40, seed=9)
    rng = np.random.default_rng(4)
    ways = set()
    for size in (1, 2, 3, 12, 25, 40):
        who = np.sort(rng.choice(net.n, size, replace=False))
        fatigue = rng.uniform(0.0, 1.0, net.n)
        expect = fatigue.copy()
        for i in who:
            expect[i] = min(1.0, expect[i] + 0.15)
        told = np.zeros(net.n)
        np.add.at(told, who, 1.0)
        np.minimum(1.0, expect + 0.15 * 0.3 * net.weighted_sum(told), out=expect)
        net.tire_along_ties(fatigue, who, 0.15, 0.3)
        assert fatigue.tobytes() == expect.tobytes()
        ways.add(4 * size * net.n_edges < net.n * len(net.live()))
    assert ways == {True, False}


def test_live_ties_are_listed_as_numpy_lists_them() -> None:
    """live_edges (SocialNetwork.live after a tie broke) gives np.flatnonzero(w > 0): ascending, the order the
    sums over the live ties run in, with zeros, NaN and the first and last tie."""
    rng = np.random.default_rng(8)
    for m in (0, 1, 7, 500):
        w = np.where(rng.random(m) < 0.4, rng.uniform(0.01, 1.0, m), 0.0)
        if m > 2:
            w[0], w[1], w[-1] = np.nan, 0.5, 0.25
        out = np.full(m, -1, np.int32)
        k = live_edges(w, out)
        assert np.array_equal(out[:k], np.flatnonzero(w > 0))


def test_the_one_column_sum_skipping_silent_ties_is_bit_identical() -> None:
    """weighted_sum_live (weighted_sum's pass over all ties, active_sum) skips ties with nothing at either end:
    the same bits as the full pass of weighted_sums, for sparse, dense, signed and zero-crossing values."""
    net = _small_network(60, seed=5)
    rng = np.random.default_rng(6)
    live = net.live()
    for share in (0.02, 0.3, 1.0):
        x = np.where(rng.random(net.n) < share, rng.normal(0.0, 1.0, net.n), 0.0)
        x[:3] = (-0.0, 1e-300, -1e-300)
        full = weighted_sums(net.ei, net.ej, net.w, live, x[:, None])[:, 0]
        assert weighted_sum_live(net.ei, net.ej, net.w, live, x).tobytes() == full.tobytes()


def test_weighted_sums_and_strain_keep_the_cached_strength_in_step() -> None:
    net = _small_network(40, seed=9)
    rng = np.random.default_rng(2)
    dense = np.zeros((net.n, net.n))
    dense[net.ei, net.ej] = net.w
    dense += dense.T
    x, y = rng.random(net.n), np.where(rng.random(net.n) < 0.1, 1.0, 0.0)
    np.testing.assert_allclose(net.weighted_sum(x), dense @ x)
    sources = np.flatnonzero(y)  # the path that starts from a few sources
    spread = spread_from(net.indptr, net.indices, net._slot_edge, net.w, sources, y, net.n)
    np.testing.assert_allclose(spread, dense @ y)
    trust = rng.random((net.n, 3))
    delta = rng.normal(0, 0.1, len(sources))
    told = dense[:, sources] @ (0.3 * delta)
    t = trust[:, 1].copy()
    expect = np.clip(t + np.where(told > 0, told * (1 - t), told * t), 0, 1)
    net.share_along_ties(sources, delta, 0.3, trust, 1)
    np.testing.assert_allclose(trust[:, 1], expect)
    net.strength()
    reporters = rng.choice(net.n, 15, replace=False)
    targets = net.strain(reporters, rng, 0.5, BREAK_BELOW)
    assert len(targets) == len(reporters) and (targets < net.n).all()
    # the reported neighbours' ties take sides (conflict_side): the caches stay in step as well
    net.strain(reporters, rng, 0.3, BREAK_BELOW, np.full(len(reporters), 1.0))
    fresh = np.bincount(net.ei, net.w, net.n) + np.bincount(net.ej, net.w, net.n)
    np.testing.assert_allclose(net.strength(), fresh)
    assert set(net.live().tolist()) == set(np.flatnonzero(net.w > 0).tolist())


def test_mesa_grid_is_built_on_demand_with_mesas_public_classes() -> None:
    """Building and running a model never builds Mesa's grid (the saving a sweep relies on); the first
    question for it builds a plain OrthogonalMooreGrid with every household and patrol unit on its cell and
    the cell layers as property layers, kept up to date from then on; a pickled model keeps it."""
    import pickle

    m = WijkModel(rng=0, width=13, height=11, burn_in=2).run(3)
    assert m._grid is None
    assert type(m.grid) is OrthogonalMooreGrid
    rs = m.residents
    assert [a.cell.coordinate for a in m.resident_agents] == list(zip(rs.x.tolist(), rs.y.tolist(), strict=True))
    assert m.grid.litter.data is m.nb.litter  # one array: the layer is the model's state
    m.run(2)
    assert np.array_equal(m.disorder_layer.data, m.nb.disorder)
    assert [u.cell.coordinate for u in m.police.units] == [tuple(xy) for xy in m.police.positions.tolist()]
    assert len(m.grid[(5, 5)].connections) == 8 and len(m.grid[(0, 0)].connections) == 3
    fresh = WijkModel(rng=0, width=13, height=11, burn_in=2)
    assert fresh.police.units[0].cell is not None  # asking an agent for its cell builds the grid too
    copy = pickle.loads(pickle.dumps(m))
    assert [c.coordinate for c in copy.grid[(0, 5)].neighborhood] == [(0, 4), (0, 6), (1, 4), (1, 5), (1, 6)]


def test_grid_is_mesas_moore_grid() -> None:
    m = WijkModel(rng=0, width=13, height=11, burn_in=0)
    ref = OrthogonalMooreGrid((13, 11), torus=False, random=m.random)
    for cell in ref.all_cells:
        mine = m.grid[cell.coordinate]
        # in Mesa's order too: a random pick from a neighbourhood depends on it
        assert [(k, c.coordinate) for k, c in mine.connections.items()] == [
            (k, c.coordinate) for k, c in cell.connections.items()]
        assert [c.coordinate for c in mine.neighborhood] == [c.coordinate for c in cell.neighborhood]


def test_weekly_streams_are_fixed_per_name_and_week() -> None:
    s, t = Streams(42), Streams(42)
    a = s.week("incidents", 5).random(4)
    s.week("incidents", 6).random(1000)  # other weeks and other streams in between change nothing
    s.week("decisions", 5).random(10)
    assert np.array_equal(s.week("incidents", 5).random(4), a)
    assert np.array_equal(t.week("incidents", 5).random(4), a)
    assert not np.array_equal(s.week("incidents", 6).random(4), a)
    assert not np.array_equal(s.week("decisions", 5).random(4), a)
    assert not np.array_equal(Streams(43).week("incidents", 5).random(4), a)
    assert not np.array_equal(s.week("incidents", -5).random(4), s.week("incidents", 5).random(4))


def test_a_weeks_stream_starts_where_numpys_advance_puts_it() -> None:
    """Streams.week sets a week's state by its own jump-ahead arithmetic: the same 128-bit state as
    PCG64.advance from the stream's start, for burn-in, recorded and far weeks, after draws in between."""
    s = Streams(9)
    for name in ("incidents", "ties"):
        for week in (-259, -1, 0, 1, 2, 157, 10_000):
            s.week(name, week).random(3)  # a used generator: the next call still starts the week afresh
            mine = s.week(name, week).bit_generator.state
            ref = np.random.PCG64(np.random.SeedSequence(9, spawn_key=(stream_key(name),)))
            ref.advance((week + BURN_IN_KEY if week <= 0 else week) << 64)
            assert mine == ref.state


def test_first_compile_is_announced_on_the_command_line(tmp_path, monkeypatch) -> None:
    """Without compiled kernels in the cache, `wijksim run` says it is compiling (not a silent 20 s)."""
    from typer.testing import CliRunner

    from wijksim.cli import app

    WijkModel(rng=0, width=12, height=12, burn_in=1).run(1)  # the kernels are in the cache now
    assert kernels.compiled()
    monkeypatch.setattr(ties.tie_week._cache, "_cache_path", str(tmp_path))  # an empty cache
    assert not kernels.compiled()
    args = ["run", "--weeks", "2", "--set", "width=12", "--set", "height=12", "--set", "burn_in=1",
            "--out", str(tmp_path / "out")]
    res = CliRunner().invoke(app, args)
    assert res.exit_code == 0, res.output
    assert "compiling wijksim's kernels" in res.output
    monkeypatch.undo()
    res = CliRunner().invoke(app, [*args[:-1], str(tmp_path / "out2")])
    assert res.exit_code == 0 and "compiling" not in res.output


def test_the_active_tie_sums_stay_in_step_through_the_tie_pass_strain_and_a_changed_active_set() -> None:
    net = _small_network(40, seed=4)
    rng = np.random.default_rng(8)
    presence = rng.uniform(0.2, 0.9, net.n)
    withdrawn = rng.random(net.n) < 0.2
    active = rng.random(net.n) < 0.4

    def fresh(a: np.ndarray) -> np.ndarray:
        dense = np.zeros((net.n, net.n))
        dense[net.ei, net.ej] = net.w
        return (dense + dense.T) @ a.astype(float)

    for week in range(20):
        _week(net, presence, withdrawn, 0.4, 0.03, 0.05, 2.0, 0.3, np.random.default_rng(week), active=active)
        kept = net.active_sum(active)  # left by the pass
        np.testing.assert_allclose(kept, fresh(active), atol=1e-12)
        net.strain(rng.choice(net.n, 8, replace=False), rng, 0.3, BREAK_BELOW)  # weights change: kept in step
        np.testing.assert_allclose(net.active_sum(active), fresh(active), atol=1e-12)
        active = active.copy()
        active[rng.integers(net.n)] ^= True  # the active set changes: recomputed
        np.testing.assert_allclose(net.active_sum(active), fresh(active), atol=1e-12)
    net.w[net.live()[:3]] = 0.5  # written directly, then synced: forgotten and recomputed
    net.sync()
    np.testing.assert_allclose(net.active_sum(active), fresh(active), atol=1e-12)


def test_counter_based_uniforms_are_uniform_and_independent_across_keys_and_counters() -> None:
    from scipy import stats

    gen = np.random.default_rng(3)
    keys = [rnd.stream_key(gen) for _ in range(3)]
    assert all(0 <= k < 2**63 for k in keys) and len(set(keys)) == 3
    u = np.array([[rnd.uniform(k, c) for c in range(4000)] for k in keys])
    assert np.all((u >= 0) & (u < 1))
    for row in u:
        assert stats.kstest(row, "uniform").pvalue > 1e-3
    # neighbouring counters and different keys are uncorrelated (|r| < 5/√n)
    assert abs(np.corrcoef(u[0, :-1], u[0, 1:])[0, 1]) < 5 / np.sqrt(4000)
    assert abs(np.corrcoef(u[0], u[1])[0, 1]) < 5 / np.sqrt(4000)
    assert rnd.uniform(keys[0], 7) == u[0, 7]  # stateless: the same number for the same (key, counter)


def test_patrol_strategy_codes_cover_the_registry_choices() -> None:
    from wijksim.params import PARAMS
    from wijksim.partners import STRATEGY_CODE

    assert set(STRATEGY_CODE) == set(PARAMS["patrol_strategy"].choices)
    beats = np.array([[1, 1], [5, 5]], dtype=np.int64)
    hot = np.zeros((8, 8))
    for code in STRATEGY_CODE.values():  # no public cells: the units stay near their beats
        xy = patrol.patrol_positions(code, beats, np.empty(0, np.int64), hot, 2, 0.2, 2, 123)
        assert np.all(np.abs(xy - beats) <= 2)


def test_a_streams_seed_follows_its_name_not_its_place(monkeypatch: pytest.MonkeyPatch) -> None:
    """Adding a stream (anywhere in ``STREAMS``) or reordering them leaves every other stream's numbers alone."""
    import wijksim.streams as model

    before = {name: Streams(7).init(name).random(3) for name in model.STREAMS}
    monkeypatch.setattr(model, "STREAMS", ("a_new_stream", *reversed(model.STREAMS)))
    after = Streams(7)
    for name, draws in before.items():
        assert np.array_equal(after.init(name).random(3), draws), name
    assert not np.array_equal(after.init("a_new_stream").random(3), before["layout"])
    assert len({model.stream_key(n) for n in model.STREAMS}) == len(model.STREAMS)  # no two names share a key


def test_an_activity_strengthens_exactly_the_ties_among_its_members_bit_for_bit() -> None:
    """``strengthen_among`` visits only the members' ties (issue #25); it must give every tie the update and the
    bits of the masked pass over all potential ties that it replaced, and count the same new ties."""
    model = WijkModel(rng=3, width=30, height=30, burn_in=0)
    net = model.network
    assert not np.any(net.ei == net.ej)  # no tie of a household with itself: each tie has one lower end
    rng = np.random.default_rng(5)
    for size in (2, 7, 15, 40):
        i = int(rng.integers(net.n))  # a household, some of its potential ties, and strangers
        near = net.indices[net.indptr[i]: net.indptr[i + 1]][: size // 2]
        members = np.unique(np.concatenate([[i], near, rng.choice(net.n, size=size, replace=False)]))
        w_before = net.w.copy()
        mask = np.zeros(net.n, dtype=bool)
        mask[members] = True
        both = mask[net.ei] & mask[net.ej]
        expected = w_before.copy()
        expected[both] += 0.3 * (1.0 - expected[both])
        new = net.strengthen_among(members, 0.3)
        assert new == int(np.count_nonzero(both & (w_before == 0)))
        assert np.array_equal(net.w.view(np.int64), expected.view(np.int64))
        assert both.any() and not net._members_mark.any()
