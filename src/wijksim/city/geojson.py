"""A city from a GeoJSON of wijk or buurt boundaries (such as CBS's wijk- en buurtkaart): names, positions,
adjacency and households per wijk, written as a city file (:mod:`.cityfile`) that can then be edited.

Coordinates in RD New (EPSG:28992, metres) are read as they are. WGS84 longitude/latitude (EPSG:4326 / CRS84, the
GeoJSON default) are reprojected to RD New with pyproj (the optional extra ``city``: ``pip install
'wijksim[city]'``); without pyproj such a file is refused with that advice, never read in degrees as if metres.

Per feature: a polygon or multipolygon, a name (``--name-field``, CBS: ``WK_NAAM``) and a household count
(``--households-field``, CBS: ``AANTAL_HH``). A wijk's position is the area-weighted centroid of its polygons;
two wijken are neighbours when their boundaries share at least two vertices (CBS's boundaries are one
topology: neighbours share their vertices exactly, to the centimetre); a wijk's size is the square of
generated cells that holds its households at the generator's density (:data:`HOUSEHOLDS_PER_CELL`), within the
registry's 10 to 400 cells a side. CBS codes a secret or missing count as a large negative number: refused,
naming the feature.
"""

from __future__ import annotations

import itertools
import json
import math
import re
from pathlib import Path
from typing import Any

from ..validation import InputFileError, clip, read_text
from .cityfile import CityError

#: households per cell of a generated wijk at the defaults (978 households on 40 × 40 cells)
HOUSEHOLDS_PER_CELL = 0.61
MIN_SIDE, MAX_SIDE = 10, 400
RD_BOX = (-7_000.0, 289_000.0, 300_000.0, 629_000.0)  # x min, x max, y min, y max of RD New (metres)
WGS84 = {"urn:ogc:def:crs:OGC:1.3:CRS84", "urn:ogc:def:crs:EPSG::4326", "EPSG:4326", "CRS84"}
RD_NEW = {"urn:ogc:def:crs:EPSG::28992", "EPSG:28992"}
MAX_BYTES = 200_000_000


def _crs(data: dict[str, Any], source: str) -> str:
    """'rd' or 'wgs84' from the legacy ``crs`` member (absent: GeoJSON's default, WGS84)."""
    name = ((data.get("crs") or {}).get("properties") or {}).get("name")
    if name is None or name in WGS84:
        return "wgs84"
    if name in RD_NEW:
        return "rd"
    raise CityError(f"{source}: crs {clip(name)}: allowed RD New (EPSG:28992) or WGS84 (EPSG:4326 / CRS84)")


def _to_rd(rings: list[list[list[float]]], source: str) -> list[list[list[float]]]:
    try:
        from pyproj import Transformer
    except ModuleNotFoundError:
        raise CityError(f"{source}: coordinates in WGS84 need pyproj to reproject them to RD New: install it with "
                        "pip install 'wijksim[city]', or export the file in RD New (EPSG:28992)") from None
    t = Transformer.from_crs("EPSG:4326", "EPSG:28992", always_xy=True)
    return [[list(t.transform(x, y)) for x, y, *_ in ring] for ring in rings]


def _rings(geometry: Any, where: str) -> list[list[list[float]]]:
    """The outer rings of a Polygon or MultiPolygon (holes do not move a centroid much nor make neighbours)."""
    kind = (geometry or {}).get("type")
    coords = (geometry or {}).get("coordinates")
    if kind == "Polygon" and isinstance(coords, list) and coords:
        rings = [coords[0]]
    elif kind == "MultiPolygon" and isinstance(coords, list) and coords:
        rings = [p[0] for p in coords if isinstance(p, list) and p]
    else:
        raise CityError(f"{where}.geometry: got {clip(kind)}, allowed Polygon or MultiPolygon")
    for ring in rings:
        if not isinstance(ring, list) or len(ring) < 4 or not all(
                isinstance(pt, list) and len(pt) >= 2 and all(isinstance(v, int | float) and math.isfinite(v)
                                                             for v in pt[:2]) for pt in ring):
            raise CityError(f"{where}.geometry: a ring needs at least 4 points of finite x, y")
    return rings


def _centroid(rings: list[list[list[float]]]) -> tuple[float, float, float]:
    """(x, y, area) of the rings together (shoelace; area-weighted)."""
    ax = ay = total = 0.0
    for ring in rings:
        a = cx = cy = 0.0
        for (x0, y0, *_), (x1, y1, *_) in itertools.pairwise(ring):
            cross = x0 * y1 - x1 * y0
            a += cross
            cx += (x0 + x1) * cross
            cy += (y0 + y1) * cross
        if a:
            ax += cx / 3.0
            ay += cy / 3.0
            total += a / 2.0
    if total == 0:
        raise CityError("a polygon has no area")
    return ax / (2.0 * total), ay / (2.0 * total), abs(total)


def _households(props: dict[str, Any], field: str, where: str) -> int:
    value = props.get(field)
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value) or value < 1:
        note = " (CBS codes a secret or missing count as a large negative number)" if (
            isinstance(value, int | float) and value < 0) else ""
        raise CityError(f"{where}.properties.{field}: got {clip(value)}, allowed a count of households ≥ 1{note}")
    return int(value)


def _name(props: dict[str, Any], field: str, where: str, taken: set[str]) -> str:
    raw = props.get(field)
    if not isinstance(raw, str) or not raw.strip():
        raise CityError(f"{where}.properties.{field}: got {clip(raw)}, allowed the wijk's name as text")
    name = re.sub(r"[^A-Za-z0-9_-]+", "_", raw.strip()).strip("_")[:36] or "wijk"
    base, k = name, 2
    while name in taken:
        name, k = f"{base}_{k}", k + 1
    taken.add(name)
    return name


def _side(households: int) -> int:
    return max(MIN_SIDE, min(MAX_SIDE, round(math.sqrt(households / HOUSEHOLDS_PER_CELL))))


def city_from_geojson(path: Path, name_field: str = "WK_NAAM", households_field: str = "AANTAL_HH",
                      weeks: int = 156) -> dict[str, Any]:
    """The city file's content (a dict, as TOML would read it) for the boundaries in ``path``."""
    source = str(path)
    try:
        data = json.loads(read_text(path, "GeoJSON", MAX_BYTES))
    except InputFileError as err:
        raise CityError(str(err)) from None
    except (json.JSONDecodeError, RecursionError) as err:
        raise CityError(f"{source}: not JSON ({clip(str(err), 120)[1:-1]})") from None
    if not isinstance(data, dict) or data.get("type") != "FeatureCollection" or not isinstance(
            data.get("features"), list) or not data["features"]:
        raise CityError(f"{source}: expected a GeoJSON FeatureCollection with at least one feature")
    if len(data["features"]) > 500:
        raise CityError(f"{source}: {len(data['features'])} features, allowed at most 500 wijken in one city")
    crs = _crs(data, source)
    wijken, vertices, taken = [], [], set()  # type: list[dict[str, Any]], list[set[tuple[int, int]]], set[str]
    for i, feature in enumerate(data["features"]):
        where = f"{source}: features[{i}]"
        props = (feature or {}).get("properties") or {}
        rings = _rings(feature.get("geometry") if isinstance(feature, dict) else None, where)
        if crs == "wgs84":
            rings = _to_rd(rings, source)
        x, y, _ = _centroid(rings)
        if not (RD_BOX[0] <= x <= RD_BOX[1] and RD_BOX[2] <= y <= RD_BOX[3]):
            raise CityError(f"{where}: centre ({x:.0f}, {y:.0f}) lies outside the Netherlands in RD New")
        households = _households(props, households_field, where)
        side = _side(households)
        wijken.append({"name": _name(props, name_field, where, taken), "x_km": round(x / 1000, 3),
                       "y_km": round(y / 1000, 3), "params": {"width": side, "height": side}})
        vertices.append({(round(px * 100), round(py * 100)) for ring in rings for px, py, *_ in ring})
    for i, w in enumerate(wijken):
        w["neighbours"] = [o["name"] for j, o in enumerate(wijken) if j != i and len(vertices[i] & vertices[j]) >= 2]
    return {"name": f"city from {path.name}", "weeks": weeks, "wijken": wijken}
