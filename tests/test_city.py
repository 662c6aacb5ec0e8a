"""A city of wijken (issue #27): the file, its refusals, reproducibility, one wijk unchanged, and each coupling
mechanism on its own (fast: tiny wijken or the pure city functions; the statistical runs are test_city_slow.py)."""

from __future__ import annotations

import tomllib
from pathlib import Path

import numpy as np
import pytest
import tomli_w
from typer.testing import CliRunner

from city_helpers import ENGAGEMENT, EXAMPLE, city_data, tiny_city
from wijksim.city import offenders, police, waterbed
from wijksim.city.cityfile import CityError, load_city
from wijksim.city.model import CityModel, wijk_seed
from wijksim.model import WijkModel
from wijksim.params.registry import CITY_PARAMS, PARAMS


def _app():
    import wijksim.city.commands  # noqa: F401  (registers the city sub-app)
    from wijksim.cli import app

    return app


# --- the file --------------------------------------------------------------------------------------------
def test_the_example_city_has_nine_wijken_of_different_kinds_and_symmetric_adjacency() -> None:
    city = load_city(EXAMPLE)
    assert len(city.wijken) >= 9
    kinds = {tuple(sorted(w.params.items())) for w in city.wijken}
    assert len(kinds) >= 6  # different kinds of wijk, not one wijk nine times
    adj = np.array(city.adjacency())
    assert (adj == adj.T).all() and not adj.diagonal().any()
    assert set(load_city(ENGAGEMENT).names) == set(city.names)


def test_the_example_city_is_the_first_city_file_and_scenario_lists_skip_it() -> None:
    from wijksim.scenarios import list_scenarios

    tracked = sorted(p.name for p in (EXAMPLE.parent).rglob("*city*.toml"))
    assert tracked[0] == "city_example.toml"
    assert all("city" not in p.name for p, _ in list_scenarios())


def test_city_constants_are_registered_with_source_but_not_in_the_wijk_registry() -> None:
    for p in CITY_PARAMS.values():
        assert p.source and p.meaning and p.meaning_nl and p.label_nl and p.group == "city"
        assert p.name not in PARAMS  # a single-wijk run's parameters (and summary.json) are unchanged
    # documented in the generated tables (tests/test_docs.py keeps them current) with why they are a group apart
    odd = (EXAMPLE.parents[1] / "docs" / "ODD.md").read_text(encoding="utf-8")
    table = odd.split("<!-- params:city -->")[1].split("<!-- /params -->")[0]
    assert all(f"| `{name}` |" in table for name in CITY_PARAMS)
    assert "byte-identical" in odd.split("### city")[1].split("<!-- params:city -->")[0]


@pytest.mark.parametrize(("edit", "words"), [
    (lambda d: d["wijken"][0].update(x_km="far"), ["wijken[0].x_km", "-1000 to 1000"]),
    (lambda d: d["wijken"][0].update(x_km=5000), ["wijken[0].x_km", "-1000 to 1000"]),
    (lambda d: d["wijken"][1].update(name="centrum"), ["wijken[1].name", "twice"]),
    (lambda d: d["wijken"][0].update(neighbours=["atlantis"]), ["wijken[0].neighbours", "atlantis", "allowed"]),
    (lambda d: d["wijken"][0].update(offender_share=-1), ["wijken[0].offender_share", "0 to 10"]),
    (lambda d: d["params"].update(abandon_share=1.5), ["params.abandon_share", "0 to 1"]),
    (lambda d: d["params"].update(police_rule="random"), ["params.police_rule", "'incidents'"]),
    (lambda d: d["params"].update(nonsense=1), ["unknown city parameter", "abandon_share"]),
    (lambda d: d["wijken"][2]["params"].update(crime_rate=99), ["wijken[2].params", "crime_rate"]),
    (lambda d: d.update(weeks=0), ["weeks", "1 to 5200"]),
    (lambda d: d["wijken"][0].update(scenario="missing.toml"), ["wijken[0].scenario", "missing.toml"]),
    (lambda d: d["wijken"][0].update(colour="red"), ["wijken[0]", "unknown field", "colour"]),
])
def test_a_bad_city_file_is_refused_naming_file_field_and_range(tmp_path: Path, edit, words) -> None:
    data = city_data()
    edit(data)
    f = tmp_path / "bad.toml"
    f.write_text(tomli_w.dumps(data), encoding="utf-8")
    with pytest.raises(CityError) as err:
        load_city(f)
    message = str(err.value)
    assert "\n" not in message and message.startswith(str(f))
    for w in words:
        assert w in message


def test_the_cli_refuses_bad_input_with_one_line_exit_2_and_writes_nothing(tmp_path: Path) -> None:
    data = city_data()
    data["wijken"][0]["y_km"] = True
    bad = tmp_path / "bad.toml"
    bad.write_text(tomli_w.dumps(data), encoding="utf-8")
    out = tmp_path / "out"
    runner = CliRunner()
    for args in (["city", "run", str(bad), "--out", str(out)],
                 ["city", "compare", str(EXAMPLE), str(EXAMPLE), "--target", "atlantis", "--out", str(out)],
                 ["city", "run", str(tmp_path / "none.toml"), "--out", str(out)]):
        result = runner.invoke(_app(), args)
        assert result.exit_code == 2, result.output
        lines = result.output.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("wijksim: error:") and "Traceback" not in result.output
        assert not out.exists()


# --- reproducibility and one wijk -----------------------------------------------------------------------
def test_same_seed_same_bytes_other_seed_other_numbers(tmp_path: Path) -> None:
    city = tiny_city(tmp_path, weeks=6, first=4)
    runner = CliRunner()
    for name, seed in (("a", "3"), ("b", "3"), ("c", "4")):
        result = runner.invoke(_app(), ["city", "run", str(city), "--out", str(tmp_path / name), "--seed", seed])
        assert result.exit_code == 0, result.output
    read = {n: (tmp_path / n / "city.parquet").read_bytes() for n in "abc"}
    assert read["a"] == read["b"] and read["a"] != read["c"]
    for f in ("journeys.csv", "moves.csv"):
        assert (tmp_path / "a" / f).read_bytes() == (tmp_path / "b" / f).read_bytes()


def test_moves_csv_says_where_every_mover_went_and_adds_up_to_the_table(tmp_path: Path) -> None:
    """moves.csv: per week and wijk the households it lost (to other wijken or outside) are its moved_out, and
    the households each wijk gained from the others are its moved_in_city."""
    import pandas as pd

    city = tiny_city(tmp_path, weeks=20, params={"settle_in_city": 0.5})
    result = CliRunner().invoke(_app(), ["city", "run", str(city), "--out", str(tmp_path / "a"), "--seed", "5"])
    assert result.exit_code == 0, result.output
    moves = pd.read_csv(tmp_path / "a" / "moves.csv")
    assert list(moves.columns) == ["week", "from_wijk", "to_wijk", "count"] and (moves["count"] > 0).all()
    table = pd.read_parquet(tmp_path / "a" / "city.parquet")
    assert {"outside"} < set(moves["to_wijk"]) and (moves["from_wijk"] != moves["to_wijk"]).all()
    for output, key, counted in (("moved_out", "from_wijk", moves),
                                 ("moved_in_city", "to_wijk", moves[moves["to_wijk"] != "outside"])):
        want = table[(table["output"] == output) & (table["value"] > 0)].set_index(["week", "wijk"])["value"]
        got = counted.groupby(["week", key])["count"].sum().rename_axis(["week", "wijk"])
        assert want.sum() > 3 and got.astype(float).sort_index().equals(want.sort_index()), output


def test_a_one_wijk_city_without_coupling_is_that_wijk_alone(tmp_path: Path) -> None:
    data = city_data()
    data["wijken"] = [{k: v for k, v in data["wijken"][0].items() if k != "neighbours"}]
    data["params"] = {"risk_sensitivity": 0.0, "moving_house": False, "police_rule": "fixed"}
    data["wijk_params"] = {"width": 10, "height": 10, "burn_in": 4}
    f = tmp_path / "one.toml"
    f.write_text(tomli_w.dumps(data), encoding="utf-8")
    city = load_city(f)
    cm = CityModel(city, 7).run(10)
    alone = WijkModel(rng=wijk_seed(7, "centrum"), **city.wijken[0].params).run(10).timeseries()
    assert cm.models[0].timeseries().equals(alone)  # every output of every week, to the last bit


# --- each mechanism on its own (the pure city functions) ------------------------------------------------
def _line_city(n: int = 5) -> tuple[np.ndarray, np.ndarray]:
    """n wijken on a line 1 km apart, each touching the next: distances (own wijk 0.4 km) and adjacency."""
    x = np.arange(n, dtype=float)
    d = np.abs(x[:, None] - x[None, :])
    np.fill_diagonal(d, 0.4)
    adj = (d == 1.0).astype(float)
    return d, adj


def test_distance_decay_offenders_choose_near_targets_and_decay_zero_removes_it() -> None:
    d, _ = _line_city(7)
    p = offenders.choice_weights(np.ones(7), d, 0.9)
    row = p[3]  # the middle wijk's offenders
    assert row[3] > row[2] > row[1] > row[0]
    assert row[2] / row[1] == pytest.approx(np.exp(0.9))  # exp(−decay·km): one km further, e^0.9 fewer
    flat = offenders.choice_weights(np.ones(7), d, 0.0)
    assert np.allclose(flat, 1 / 7)  # ablation: without decay distance does not matter


def _inflows(abandon: float, reach: float, target_risk: float) -> np.ndarray:
    d, adj = _line_city(5)
    risk = np.full(5, 1.0)
    risk[2] = target_risk
    seen = offenders.perceived_risk(risk, adj, reach)
    p = offenders.choice_weights(np.ones(5), d, 0.9)
    return offenders.flows(np.ones(5), p, seen, 1.0, abandon).sum(axis=0)


def test_abandoning_all_deterred_effort_means_no_displacement() -> None:
    before, after = _inflows(1.0, 0.0, 1.0), _inflows(1.0, 0.0, 2.0)
    assert after[2] < 0.5 * before[2]  # the target gains
    np.testing.assert_array_equal(np.delete(after, 2), np.delete(before, 2))  # nobody else changes, exactly
    moved = _inflows(0.0, 0.0, 2.0)
    assert (np.delete(moved, 2) > np.delete(before, 2) * 1.05).all()  # the ablation: all moved, 5 %+ more next door
    assert moved.sum() == pytest.approx(_inflows(0.0, 0.0, 1.0).sum())  # none abandoned: effort is conserved


def test_risk_perception_that_does_not_reach_past_the_boundary_means_no_diffusion() -> None:
    before = _inflows(1.0, 0.0, 1.0)
    spread = _inflows(1.0, 0.5, 2.0)
    assert spread[1] < 0.9 * before[1] and spread[3] < 0.9 * before[3]  # the buffer gains too: diffusion
    assert spread[0] == pytest.approx(before[0])  # beyond the buffer, nothing
    none = _inflows(1.0, 0.0, 2.0)
    assert none[1] == before[1] and none[3] == before[3]  # reach 0: the buffer is untouched


# --- police and waterbed ------------------------------------------------------------------------------
def test_shared_police_fixed_keeps_each_wijks_own_units_and_priority_thins_the_others() -> None:
    own = np.array([3, 1, 2, 4])
    assert police.allocate(own, np.ones(4), np.zeros(4), "fixed", 0.5).tolist() == own.tolist()
    focused = police.allocate(own, np.array([4.0, 1, 1, 1]), np.zeros(4), "fixed", 0.5)
    assert focused.sum() == own.sum() and focused[0] > own[0] and (focused[1:] <= own[1:]).all()
    by_incidents = police.allocate(own, np.ones(4), np.array([0.0, 0, 0, 30]), "incidents", 0.5)
    assert by_incidents.sum() == own.sum() and by_incidents[3] > own[3]
    assert len(police.beats_for(5, 10, 10)) == 5


def test_wdq_and_total_net_effect_follow_bowers_and_johnson() -> None:
    a = waterbed.Areas(target=0, buffer=(1,), control=(2,))
    before = np.array([[100.0, 50.0, 200.0]])
    after = np.array([[60.0, 60.0, 200.0]])  # target −40, buffer +10, control flat
    m = waterbed.measures(before, after, a)
    assert m["wdq"] == pytest.approx((60 / 200 - 50 / 200) / (60 / 200 - 100 / 200))  # −0.25: displacement < gain
    assert m["tne"] == pytest.approx((100 - 60) + (50 - 60))  # 30 net crimes prevented
    spread = waterbed.measures(before, np.array([[60.0, 40.0, 200.0]]), a)
    assert spread["wdq"] > 0  # buffer fell too: diffusion


def test_city_file_params_section_is_toml_the_docs_show() -> None:
    data = tomllib.loads(EXAMPLE.read_text(encoding="utf-8"))
    assert set(data["params"]) <= set(CITY_PARAMS)


def test_moving_house_is_recorded_and_off_means_nobody_moves(tmp_path: Path) -> None:
    moving = CityModel(load_city(tiny_city(tmp_path, "m.toml", first=4)), 5).run(20).table()
    still = CityModel(load_city(tiny_city(tmp_path, "s.toml", first=4, params={"moving_house": False})), 5).run(20)
    moved = moving[moving["output"] == "moved_out"]["value"]
    assert moved.sum() > 0 and (moved >= 0).all()
    assert still.table().query("output == 'moved_out'")["value"].sum() == 0


# --- GeoJSON import ---------------------------------------------------------------------------------------
CBS_SAMPLE = EXAMPLE.parent / "city" / "cbs_sample.geojson"


def test_a_cbs_shaped_geojson_becomes_a_city_with_shared_edges_as_neighbours(tmp_path: Path) -> None:
    out = tmp_path / "imported.toml"
    result = CliRunner().invoke(_app(), ["city", "import", str(CBS_SAMPLE), "--out", str(out)])
    assert result.exit_code == 0, result.output
    city = load_city(out)
    assert city.names == ("Binnenstad", "Oost", "Zuid", "West")
    adj = dict(zip(city.names, (set(w.neighbours) for w in city.wijken), strict=True))
    assert adj["Binnenstad"] == {"Oost", "Zuid"} and adj["West"] == {"Oost", "Zuid"}  # a shared corner is not an edge
    sizes = [w.params["width"] for w in city.wijken]
    assert sizes[0] > sizes[2] > sizes[1] > sizes[3]  # households 2100 > 1800 > 1500 > 900
    assert city.distances()[0][1] == pytest.approx(1.0)


@pytest.mark.parametrize(("edit", "words"), [
    (lambda d: d["features"][1]["properties"].update(AANTAL_HH=-99999999), ["features[1]", "AANTAL_HH", "secret"]),
    (lambda d: d["features"][0].update(geometry={"type": "Point", "coordinates": [1, 2]}), ["features[0].geometry",
                                                                                           "Polygon"]),
    (lambda d: d.pop("crs"), ["WGS84", "pyproj"]),
    (lambda d: d["crs"]["properties"].update(name="EPSG:3857"), ["crs", "RD New"]),
])
def test_a_bad_geojson_is_refused_in_one_line(tmp_path: Path, edit, words) -> None:
    import json

    pytest.importorskip("tomli_w")
    data = json.loads(CBS_SAMPLE.read_text(encoding="utf-8"))
    edit(data)
    f = tmp_path / "bad.geojson"
    f.write_text(json.dumps(data), encoding="utf-8")
    result = CliRunner().invoke(_app(), ["city", "import", str(f), "--out", str(tmp_path / "c.toml")])
    if "pyproj" in words:
        try:
            import pyproj  # noqa: F401

            pytest.skip("pyproj is installed: WGS84 is reprojected, not refused")
        except ModuleNotFoundError:
            pass
    assert result.exit_code == 2, result.output
    assert len(result.output.strip().splitlines()) == 1 and not (tmp_path / "c.toml").exists()
    for w in words:
        assert w in result.output


def test_compare_writes_the_waterbed_numbers_with_intervals(tmp_path: Path) -> None:
    a = tiny_city(tmp_path, "a.toml", weeks=6, first=4)
    b = tiny_city(tmp_path, "b.toml", weeks=6, first=4, extra_units=3)
    out = tmp_path / "cmp"
    runner = CliRunner()
    result = runner.invoke(_app(), ["city", "compare", str(a), str(b), "--target", "centrum", "--seeds", "2",
                                    "--out", str(out)])
    assert result.exit_code == 0, result.output
    import pandas as pd

    row = pd.read_csv(out / "summary.csv").iloc[0]
    for k in ("wdq", "wdq_lo", "wdq_hi", "tne", "tne_lo", "tne_hi", "target_effect", "buffer_effect"):
        assert k in row.index
    assert row["buffer"] == "noord oost" and row["control"] == "noordoost"
    assert row["verdict"] in {"no_gain", "displacement", "diffusion", "neither"} and "WDQ" in result.output
    bad = runner.invoke(_app(), ["city", "compare", str(a), str(b), "--target", "centrum", "--control", "noord",
                                 "--out", str(tmp_path / "x")])
    assert bad.exit_code == 2 and "buffer" in bad.output and not (tmp_path / "x").exists()


def test_city_outputs_follow_the_out_folder_rules(tmp_path: Path) -> None:
    foreign = tmp_path / "theirs"
    foreign.mkdir()
    (foreign / "notes.txt").write_text("mine", encoding="utf-8")
    runner = CliRunner()
    for args in (["city", "run", str(EXAMPLE), "--out", str(foreign)],
                 ["city", "compare", str(EXAMPLE), str(ENGAGEMENT), "--target", "centrum", "--out", str(foreign)],
                 ["city", "import", str(EXAMPLE.parent / "city" / "cbs_sample.geojson"), "--out",
                  str(foreign / "notes.txt")]):
        result = runner.invoke(_app(), args)
        assert result.exit_code == 2, result.output
        assert len(result.output.strip().splitlines()) == 1
    assert [p.name for p in foreign.iterdir()] == ["notes.txt"]
    assert (foreign / "notes.txt").read_text(encoding="utf-8") == "mine"


def test_movers_settle_inside_the_city_in_other_wijken_mostly_nearby(tmp_path: Path) -> None:
    """Movers who stay in the city go to other wijken, never more than left, mostly to nearby ones when the
    distance decay is steep; with settle_in_city = 0 nobody settles inside (named stream city_moves)."""
    steep = CityModel(load_city(tiny_city(tmp_path, "m.toml", params={"move_distance_decay": 5.0})), 5).run(20)
    out = steep.table().query("output == 'moved_out'").groupby("wijk")["value"].sum().reindex(steep.city.names)
    assert steep.moves.diagonal().sum() == 0 and (steep.moves.sum(axis=1) <= out.to_numpy()).all()
    assert steep.moves.sum() > 0.3 * out.sum()  # about settle_in_city = 0.6 of the movers stay
    adjacent = np.array(steep.city.adjacency())
    assert steep.moves[adjacent].sum() > 0.8 * steep.moves.sum()  # 1.2 km vs ≥ 1.7 km at 5/km
    gone = CityModel(load_city(tiny_city(tmp_path, "g.toml", params={"settle_in_city": 0.0})), 5).run(20)
    assert gone.moves.sum() == 0 and gone.table().query("output == 'moved_in_city'")["value"].sum() == 0
