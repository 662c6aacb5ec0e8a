"""cells.geojson, the results a GIS user opens next to the BAG layer: it holds the cells docs/own-wijk.md names
(every cell that is not empty street), in the map's own coordinates with the input's CRS, and north stays up
(a map whose only social-housing dwelling is in its north-east corner comes back with that square at the
largest x and y) — checked through ``wijksim run``, the path users take."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from typer.testing import CliRunner

from wijksim.cli import _register_optional_commands, app, cell_results
from wijksim.layout_file import cells_to_geojson, parse_geojson, parse_text_map
from wijksim.neighbourhood import STREET
from wijksim.runner import build_model
from wijksim.scenarios import load_scenario

ROOT = Path(__file__).resolve().parents[1]
RD_CRS = "urn:ogc:def:crs:EPSG::28992"
X0, Y0 = 155_000.0, 463_000.0  # somewhere in RD New (Amersfoort)

_register_optional_commands()

#: a 12 × 10 wijk of owner-occupied homes whose only social-housing dwelling is its north-east corner
NE_MAP = "\n".join(["HHHHHHHHHHHS", *(["HHHH....HHHH"] * 8), "HHHHHHHHHHHH"]) + "\n"


def _square(x0: float, y0: float, w: float, h: float, **props: Any) -> dict[str, Any]:
    ring = [[x0, y0], [x0 + w, y0], [x0 + w, y0 + h], [x0, y0 + h], [x0, y0]]
    return {"type": "Feature", "properties": props, "geometry": {"type": "Polygon", "coordinates": [ring]}}


def _ne_footprints() -> dict[str, Any]:
    """Rows of owner-occupied houses over 150 × 150 m, and one social-housing block in the north-east corner."""
    feats = [_square(X0 + i * 30, Y0 + j * 30, 30, 15, kind="dwelling", households=2)
             for i in range(5) for j in range(5) if (i, j) != (4, 4)]
    feats.append(_square(X0 + 120, Y0 + 120, 30, 30, kind="social_housing", households=8))
    return {"type": "FeatureCollection", "crs": {"type": "name", "properties": {"name": RD_CRS}}, "features": feats}


def _run(tmp_path: Path, map_name: str, map_text: str) -> dict[str, Any]:
    """``wijksim run`` on a scenario that names the map; the cells.geojson it wrote."""
    (tmp_path / map_name).write_text(map_text)
    sc = tmp_path / "sc.toml"
    sc.write_text(f'name = "ne"\nweeks = 6\nlayout = "{map_name}"\n')
    out = tmp_path / "out"
    r = CliRunner().invoke(app, ["run", str(sc), "--set", "burn_in=2", "--out", str(out)])
    assert r.exit_code == 0, r.output
    return json.loads((out / "cells.geojson").read_text())


def _corners(feature: dict[str, Any]) -> np.ndarray:
    return np.array(feature["geometry"]["coordinates"][0], dtype=float)


def _assert_north_east(doc: dict[str, Any]) -> dict[str, Any]:
    """The social-housing square exists once and reaches the largest x and the largest y of the file."""
    social = [f for f in doc["features"] if f["properties"]["kind"] == "social_housing"]
    assert social, "the social-housing dwelling is missing from cells.geojson"
    every = np.concatenate([_corners(f) for f in doc["features"]])
    ne = np.concatenate([_corners(f) for f in social])
    assert ne[:, 0].max() == pytest.approx(every[:, 0].max()), "the north-east cell is not the easternmost"
    assert ne[:, 1].max() == pytest.approx(every[:, 1].max()), "the north-east cell is not the northernmost"
    # and the one furthest south-west among them is still in the north-east quarter of the file
    assert ne[:, 0].min() > np.median(every[:, 0]) and ne[:, 1].min() > np.median(every[:, 1])
    return social[0]


def test_a_text_maps_north_east_cell_stays_north_east(tmp_path: Path) -> None:
    doc = _run(tmp_path, "ne.txt", NE_MAP)
    f = _assert_north_east(doc)
    # cell units, the south-west corner at (0, 0): the corner cell of a 12 × 10 map is the square [11, 12] × [9, 10]
    assert f["properties"]["x"] == 11 and f["properties"]["y"] == 9
    assert _corners(f).min(axis=0).tolist() == [11.0, 9.0] and _corners(f).max(axis=0).tolist() == [12.0, 10.0]
    assert "crs" not in doc  # a text map has no CRS to declare


def test_a_geojson_maps_cells_are_in_rd_new_with_its_crs_and_north_up(tmp_path: Path) -> None:
    doc = _run(tmp_path, "ne.geojson", json.dumps(_ne_footprints()))
    assert doc["crs"] == {"type": "name", "properties": {"name": RD_CRS}}  # the member the input had
    f = _assert_north_east(doc)
    c = _corners(f)
    # the square lies on the footprint it was cut from, in RD New metres (not cell units, not degrees)
    assert X0 + 120 <= c[:, 0].min() < c[:, 0].max() <= X0 + 150 + 15
    assert Y0 + 120 <= c[:, 1].min() < c[:, 1].max() <= Y0 + 150 + 15
    assert f["properties"]["households"] > 0
    every = np.concatenate([_corners(g) for g in doc["features"]])
    assert every[:, 0].min() >= X0 - 15 and every[:, 1].min() >= Y0 - 15  # one street cell of margin at most


def test_rings_run_anticlockwise_as_rfc_7946_asks() -> None:
    m = parse_text_map(NE_MAP)
    doc = cells_to_geojson(m, {})
    for f in doc["features"][:5]:
        x, y = _corners(f).T
        assert 0.5 * float(np.sum(x[:-1] * y[1:] - x[1:] * y[:-1])) > 0  # positive signed area


def test_empty_street_is_left_out_and_a_street_cell_with_an_incident_kept() -> None:
    m = parse_text_map(NE_MAP)
    street = np.argwhere(m.layout.kind == STREET)
    incidents = np.zeros(m.shape)
    incidents[tuple(street[0])] = 2.0  # one street cell saw two incidents
    incidents[0, 0] = 1.0  # and a home one
    disorder = np.full(m.shape, 0.3)  # every cell has some disorder: that alone keeps no street cell
    doc = cells_to_geojson(m, {"incidents": incidents, "disorder": disorder}, street_if=("incidents",))
    kinds = [f["properties"]["kind"] for f in doc["features"]]
    assert kinds.count("street") == 1 and len(kinds) == int((m.layout.kind != STREET).sum()) + 1
    assert sum(f["properties"]["incidents"] for f in doc["features"]) == 3.0
    assert kinds.count("social_housing") == 1 and kinds.count("dwelling") == int(m.households.sum()) - 1
    everything = cells_to_geojson(m, {"incidents": incidents}, only_used=False)
    assert len(everything["features"]) == m.shape[0] * m.shape[1]
    with pytest.raises(ValueError, match="street_if"):
        cells_to_geojson(m, {"disorder": disorder}, street_if=("incidents",))


def test_geojson_kinds_come_back_in_the_inputs_words() -> None:
    doc = _ne_footprints()
    doc["features"] += [_square(X0 + 200, Y0, 30, 30, kind="green"), _square(X0 + 200, Y0 + 60, 30, 30, kind="other")]
    m = parse_geojson(doc)
    kinds = {f["properties"]["kind"] for f in cells_to_geojson(m, {})["features"]}
    assert kinds == {"dwelling", "social_housing", "green", "other"}


def test_the_hofjeswijks_cells_file_holds_what_the_doc_says() -> None:
    """The issue's case: 1,120 squares, 399 of them street. Now every non-street cell (721) and only the street
    cells where an incident happened, so the file's incidents are the run's (docs/own-wijk.md)."""
    sc = load_scenario(ROOT / "scenarios" / "hofjeswijk.toml")
    model = build_model(sc, seed=1, overrides={"burn_in": 5})
    model.incident_log = []
    model.run(30)
    doc = cell_results(model)
    props = [f["properties"] for f in doc["features"]]
    street = [p for p in props if p["kind"] == "street"]
    kind = model.map.layout.kind
    assert len(props) - len(street) == int((kind != STREET).sum()) == 721
    assert street and all(p["incidents"] > 0 for p in street) and len(street) < int((kind == STREET).sum()) == 399
    ts = model.timeseries()
    assert sum(p["incidents"] for p in props) == pytest.approx(float(ts["incidents"].sum()))
    assert sum(p["households"] for p in props) == model.n_residents
    text = (ROOT / "docs" / "own-wijk.md").read_text()
    assert "every cell\nthat is not street, and the street cells where an incident happened" in text
