"""Layouts from files: text maps and GeoJSON building footprints, their errors, and the way back."""

from __future__ import annotations

import json

import numpy as np
import pytest

from wijksim.layout_file import (
    BUILDING,
    MapError,
    cells_to_geojson,
    parse_geojson,
    parse_text_map,
    read_map,
    to_text,
)
from wijksim.neighbourhood import CORPORATION, COURTYARD, DWELLING, GREEN, PRIVATE, PUBLIC, STREET

MAP = """\
############
#HHH.SSS.HH#
#HYH.SYS.HH#
#HHH.SSS.HH#
#..........#
#HHH.GGG.SS#
#HHH.GGG.SS#
#..........#
#SSSS.HHHH.#
############
"""


def test_text_map_one_household_per_dwelling_character_and_north_up():
    m = parse_text_map(MAP, "t.txt")
    assert m.shape == (12, 10)
    assert int(m.households.sum()) == sum(MAP.count(c) for c in "HS")
    assert set(np.unique(m.households)) == {0, 1}
    # row 0 of the text is the top of the map: the largest y
    assert m.layout.kind[1, 9 - 1] == DWELLING and m.layout.owner[1, 8] == PRIVATE
    assert m.layout.kind[5, 8] == DWELLING and m.layout.owner[5, 8] == CORPORATION
    assert m.layout.kind[0, 0] == BUILDING and m.layout.kind[4, 5] == STREET
    assert m.layout.kind[5, 4] == GREEN and m.layout.owner[5, 4] == PUBLIC
    assert to_text(m) == MAP  # the way back is exact


def test_courtyard_belongs_to_its_block_and_takes_the_majority_owner():
    m = parse_text_map(MAP)
    k, o, b = m.layout.kind, m.layout.owner, m.layout.block
    court_private, court_social = (2, 7), (6, 7)
    assert k[court_private] == COURTYARD and k[court_social] == COURTYARD
    assert o[court_private] == PRIVATE and o[court_social] == CORPORATION
    assert b[court_private] == b[1, 8] and b[court_social] == b[5, 8]
    assert b[court_private] != b[court_social]  # a street runs between them
    assert (b[k == STREET] == -1).all() and (b[k != STREET] >= 0).all()
    green = k == GREEN
    assert len(np.unique(b[green])) == 1 and b[green][0] not in b[k == DWELLING]


@pytest.mark.parametrize("text, words", [
    (MAP.replace("GGG", "GQG", 1), ["line 6, column 7", "'Q'", "allowed"]),
    (MAP.replace("H", ".").replace("S", "."), ["no dwellings"]),
    ("#HH\n#H\n" + "#" * 3 + "\n", ["line 2", "equally long"]),
    ("", ["empty"]),
    ("H" * 401 + "\n", ["401", "10 to 400"]),
    ("HHH\nHHH\n", ["3 × 2", "10 to 400"]),
])
def test_bad_text_maps_name_the_place_and_what_is_allowed(text, words):
    with pytest.raises(MapError) as e:
        parse_text_map(text, "bad.txt")
    msg = str(e.value)
    assert msg.startswith("bad.txt")
    for w in words:
        assert w in msg, msg


def test_text_map_files_bom_size_and_missing(tmp_path):
    f = tmp_path / "m.txt"
    f.write_bytes("\ufeff".encode() + MAP.replace("\n", "\r\n").encode())
    assert to_text(read_map(f)) == MAP
    big = tmp_path / "big.txt"
    big.write_bytes(b"H" * 1_100_000)
    with pytest.raises(MapError, match="larger than 1 MB"):
        read_map(big)
    with pytest.raises(MapError, match="no such map file"):
        read_map(tmp_path / "none.txt")
    (tmp_path / "bin.txt").write_bytes(b"\xff\xfe\x00H")
    with pytest.raises(MapError, match="UTF-8"):
        read_map(tmp_path / "bin.txt")


def _square(x0, y0, w, h, **props):
    ring = [[x0, y0], [x0 + w, y0], [x0 + w, y0 + h], [x0, y0 + h], [x0, y0]]
    return {"type": "Feature", "properties": props, "geometry": {"type": "Polygon", "coordinates": [ring]}}


def _collection(*features, crs="urn:ogc:def:crs:EPSG::28992"):
    doc = {"type": "FeatureCollection", "features": list(features)}
    if crs:
        doc["crs"] = {"type": "name", "properties": {"name": crs}}
    return doc


RD = (155_000.0, 463_000.0)  # somewhere in RD New (Amersfoort)


def test_geojson_rasterises_footprints_and_spreads_households_over_cells():
    x, y = RD
    doc = _collection(
        _square(x, y, 60, 30, kind="social_housing", households=24),   # a flat: 4 × 2 cells, 3 each
        _square(x + 90, y, 30, 30, kind="dwelling"),                   # 2 × 2 cells, one per cell
        _square(x, y + 60, 45, 15, kind="other"),                      # a school
        _square(x + 90, y + 60, 30, 30, kind="green"),
    )
    m = parse_geojson(doc, "w.geojson", cell_size=15.0)
    assert m.crs and "28992" in m.crs
    assert int(m.households.sum()) == 24 + 4
    flat = (m.layout.kind == DWELLING) & (m.layout.owner == CORPORATION)
    assert flat.sum() == 8 and set(m.households[flat]) == {3}
    homes = (m.layout.kind == DWELLING) & (m.layout.owner == PRIVATE)
    assert homes.sum() == 4 and set(m.households[homes]) == {1}
    assert (m.layout.kind == BUILDING).sum() == 3 and (m.households[m.layout.kind == BUILDING] == 0).all()
    assert (m.layout.kind == GREEN).sum() == 4
    s = m.summary()
    assert s["households"] == 28 and s["stacked_cells"] == 8 and s["share_social_housing"] == pytest.approx(24 / 28)
    # a margin of street around the buildings, and the grid is at least the registry's minimum size
    assert (m.layout.kind[0, :] == STREET).all() and m.shape[0] >= 10 and m.shape[1] >= 10


def test_geojson_uneven_households_and_buildings_smaller_than_a_cell():
    x, y = RD
    m = parse_geojson(_collection(_square(x, y, 45, 15, kind="dwelling", households=7),
                                  _square(x + 100, y + 3, 4, 4, kind="dwelling", households=2)))
    counts = sorted(m.households[m.households > 0].tolist())
    assert sum(counts) == 9 and counts == [2, 2, 2, 3]  # 7 over 3 cells, and the tiny building keeps its 2


@pytest.mark.parametrize("doc, words", [
    (_collection(_square(5.1, 52.0, 0.001, 0.001, kind="dwelling"), crs=None), ["degrees", "EPSG:28992"]),
    (_collection(_square(*RD, 30, 30, kind="dwelling"), crs="urn:ogc:def:crs:OGC:1.3:CRS84"), ["reproject"]),
    (_collection(_square(*RD, 30, 30, kind="castle")), ["feature 1", "'kind'", "social_housing"]),
    (_collection(_square(*RD, 30, 30, kind="dwelling", households=-2)), ["feature 1", "households", "0 to 5000"]),
    (_collection(_square(*RD, 30, 30, kind="dwelling", households=True)), ["households"]),
    (_collection(_square(*RD, 30, 30, kind="other", households=3)), ["cannot hold households"]),
    (_collection(_square(*RD, 30, 30, kind="other")), ["no households"]),
    (_collection(), ["no features"]),
    ({"type": "Feature", "geometry": {"type": "Point", "coordinates": [1, 2]}, "properties": {}}, ["Point"]),
    ([1, 2], ["FeatureCollection"]),
    (_collection(_square(*RD, 9000, 30, kind="dwelling")), ["more than 400 × 400", "larger cell size"]),
])
def test_bad_geojson_gets_a_clear_error(doc, words):
    with pytest.raises(MapError) as e:
        parse_geojson(doc, "b.geojson")
    for w in words:
        assert w in str(e.value), str(e.value)


def test_geojson_file_errors(tmp_path):
    f = tmp_path / "x.geojson"
    f.write_text('{"type": "FeatureCollection", "features": [')
    with pytest.raises(MapError, match=r"x.geojson, line 1, column \d+: not valid JSON"):
        read_map(f)
    f.write_text("[" * 100_000 + "]" * 100_000)
    with pytest.raises(MapError):
        read_map(f)


def test_results_back_to_geojson_in_the_maps_crs():
    x, y = RD
    m = parse_geojson(_collection(_square(x, y, 30, 15, kind="dwelling", households=2)))
    incidents = np.zeros(m.shape)
    incidents[m.households > 0] = [1.0, 3.0]
    doc = cells_to_geojson(m, {"incidents": incidents})
    assert doc["crs"]["properties"]["name"] == m.crs
    homes = [f for f in doc["features"] if f["properties"]["households"]]
    assert sorted(f["properties"]["incidents"] for f in homes) == [1.0, 3.0]
    # the squares lie where the buildings were, in metres
    xs = [c[0] for f in homes for c in f["geometry"]["coordinates"][0]]
    ys = [c[1] for f in homes for c in f["geometry"]["coordinates"][0]]
    assert min(xs) == pytest.approx(x) and max(xs) == pytest.approx(x + 30)
    assert min(ys) == pytest.approx(y) and max(ys) == pytest.approx(y + 15)
    json.dumps(doc)  # plain JSON all the way
    with pytest.raises(ValueError, match="shape"):
        cells_to_geojson(m, {"bad": np.zeros((2, 2))})
