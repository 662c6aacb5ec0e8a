"""A wijk from a map: the model on a layout read from a file, stacked households, scenario files with a
``layout``, results back as GeoJSON."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from wijksim import WijkModel
from wijksim.layout_file import MapLayout, parse_text_map, read_map, to_text
from wijksim.scenarios import ScenarioError, load_scenario, parse_scenario_text

ROOT = Path(__file__).resolve().parents[1]
SMALL = {"width": 20, "height": 20, "burn_in": 10}


def test_a_generated_wijk_written_as_a_map_runs_exactly_as_before():
    """One household per cell: a map gives today's results (the map path adds nothing of its own)."""
    generated = WijkModel(rng=5, **SMALL)
    as_map = parse_text_map(to_text(MapLayout(generated.nb.layout, generated.nb.households.astype(int))))
    assert (as_map.layout.kind == generated.nb.layout.kind).all()
    from_map = WijkModel(rng=5, layout=as_map, burn_in=10)
    generated.run(30)
    from_map.run(30)
    assert from_map.n_residents == generated.n_residents
    assert from_map.timeseries().equals(generated.timeseries())


def test_stacked_cells_hold_several_households_and_burglary_strikes_each_of_them():
    text = "\n".join(["." * 10] * 4 + ["....SS...."] + ["." * 10] * 5) + "\n"
    m = parse_text_map(text)
    m.households[m.households > 0] = 6  # a flat: six households on each of two cells
    model = WijkModel(rng=2, layout=m, burn_in=0, rate_burglary=0.1, initial_hardening=0.0, kappa_residents=0.0,
                      kappa_patrol=0.0)
    assert model.n_residents == 12
    assert model.nb.households.sum() == 12 and model.residents.homes_near.min() >= 6
    struck = []
    for _ in range(150):
        model.step()
        inc = model.last_incidents
        struck.extend(inc.victim[inc.victim >= 0].tolist())
    # every household of the flat is struck sometimes: the victim is drawn among a cell's households
    assert set(struck) == set(range(12)), sorted(set(struck))


def test_burglary_hazard_grows_with_the_households_on_a_cell():
    """Each front door is a target: with guardianship switched off (its eyes would protect the flat more),
    a cell of six households sees about six times the burglaries of a cell with one. The rate is raised so
    that the house expects about 20 burglaries in the 600 weeks (at 0.01 it expected under 2, and a seed whose
    house drew none failed the test by chance)."""
    text = "\n".join(["." * 10] * 3 + ["..S....S.."] + ["." * 10] * 6) + "\n"
    m = parse_text_map(text)
    cells = np.argwhere(m.households > 0)
    m.households[tuple(cells[0])] = 6
    model = WijkModel(rng=3, layout=m, burn_in=0, rate_burglary=0.1, initial_hardening=0.0, kappa_residents=0.0,
                      kappa_patrol=0.0, risk_boost=0.0)
    flat = np.ravel_multi_index(tuple(cells[0]), m.shape)
    house = np.ravel_multi_index(tuple(cells[1]), m.shape)
    n_flat = n_house = 0
    for _ in range(600):
        model.step()
        inc = model.last_incidents
        burg = inc.cell[inc.kind == 1]
        n_flat += int((burg == flat).sum())
        n_house += int((burg == house).sum())
    assert n_flat > 3 * max(n_house, 1) and n_house > 0, (n_flat, n_house)


def test_scenario_layout_is_relative_to_the_file_and_checked_when_loaded(tmp_path):
    (tmp_path / "maps").mkdir()
    (tmp_path / "maps" / "w.txt").write_text(to_text(read_map(ROOT / "scenarios" / "maps" / "hofjeswijk.txt")))
    f = tmp_path / "s.toml"
    f.write_text('name = "w"\nlayout = "maps/w.txt"\n')
    sc = load_scenario(f)
    assert Path(sc.layout) == (tmp_path / "maps" / "w.txt").resolve()
    assert sc.read_layout().summary()["households"] == 337
    for text, words in (
        ('name = "w"\nlayout = "maps/none.txt"\n', ["layout", "no such map file"]),
        ('name = "w"\nlayout = "maps/w.txt"\n[params]\nwidth = 30\n', ["params.width and layout", "remove width"]),
        ('name = "w"\nlayout = "maps/w.txt"\ncell_size = 0.5\n', ["cell_size"]),
        ('name = "w"\nlayout = 3\n', ["layout"]),
    ):
        with pytest.raises(ScenarioError) as e:
            parse_scenario_text(text, "x.toml", tmp_path)
        for w in words:
            assert w in str(e.value), str(e.value)


def test_shipped_example_maps_run_and_write_results_per_cell(tmp_path, warm_wijksim):
    for name in ("hofjeswijk", "portiekflatwijk"):
        sc = load_scenario(ROOT / "scenarios" / f"{name}.toml")
        layout = sc.read_layout()
        assert layout is not None and layout.summary()["households"] > 300
    r = warm_wijksim("run", str(ROOT / "scenarios" / "portiekflatwijk.toml"), "--weeks", "60", "--set", "burn_in=5",
                     "--out", str(tmp_path / "o"), timeout=300)
    assert r.returncode == 0, r.stderr[-2000:]
    summary = json.loads((tmp_path / "o" / "summary.json").read_text())
    assert summary["n_residents"] == 732
    cells = json.loads((tmp_path / "o" / "cells.geojson").read_text())
    assert "28992" in cells["crs"]["properties"]["name"]
    props = [f["properties"] for f in cells["features"]]
    assert sum(p["households"] for p in props) == 732
    assert sum(p["incidents"] for p in props) > 0
    assert all(0.0 <= p["share_withdrawn"] <= 1.0 for p in props)
    # a map sets the size: --set width is refused with one line
    r = warm_wijksim("run", str(ROOT / "scenarios" / "hofjeswijk.toml"), "--weeks", "5", "--set", "width=30",
                     "--out", str(tmp_path / "w"), timeout=300)
    assert r.returncode == 2 and "Traceback" not in r.stderr and "map" in r.stderr, r.stderr


def test_comparison_under_parameter_uncertainty_draws_one_set_per_replicate(tmp_path):
    import pandas as pd

    from wijksim.compare import CompareError, posterior_draws, read_posterior, run_comparison
    from wijksim.scenarios import default_scenario

    post = pd.DataFrame({"fear_decay": [0.01, 0.03, 0.05], "mean_degree": [4.2, 5.0, 6.1],
                         "weight": [0.2, 0.3, 0.5]})
    f = tmp_path / "posterior.parquet"
    post.to_parquet(f)
    got = read_posterior(f)
    draws = posterior_draws(got, 40, seed=7)
    assert draws[:5] == posterior_draws(got, 5, seed=7)  # more replicates keep the earlier draws
    assert {d["fear_decay"] for d in draws} <= {0.01, 0.03, 0.05} and len({d["fear_decay"] for d in draws}) > 1
    sc = default_scenario().model_copy(update={"weeks": 4})
    runs = run_comparison([("a", sc), ("b", sc)], replicates=3, seed=7, workers=1, posterior=got,
                          overrides={"width": 12, "height": 12, "burn_in": 2})
    per = runs.groupby(["scenario", "replicate"])["posterior_fear_decay"].first().unstack(0)
    assert (per["a"] == per["b"]).all()  # paired: the same draw for every scenario of a replicate
    assert list(per["a"]) == [d["fear_decay"] for d in posterior_draws(got, 3, seed=7)]
    a, b = (runs[runs["scenario"] == s].drop(columns="scenario").reset_index(drop=True) for s in "ab")
    assert a.equals(b)  # same scenario, same seeds and draws: identical
    for bad, words in (
        (pd.DataFrame({"fear_decay": [0.01]}), "weight"),
        (pd.DataFrame({"no_such": [1.0], "weight": [1.0]}), "no_such"),
        (pd.DataFrame({"fear_decay": [5.0], "weight": [1.0]}), "fear_decay"),
        (pd.DataFrame({"fear_decay": [0.01], "weight": [-1.0]}), "weights"),
    ):
        bad.to_parquet(tmp_path / "bad.parquet")
        with pytest.raises(CompareError, match=words):
            read_posterior(tmp_path / "bad.parquet")
