"""Building footprints (GeoJSON) into a wijk's layout: every check a map must pass, then the rasterising.

The format is described in :mod:`wijksim.layout_file` (and for users in docs/own-wijk.md). This module
holds the rules a footprints file must meet, each refused with one line naming the file and the feature
(its number and, when it has one, its GeoJSON ``id``):

* each feature: a Polygon or MultiPolygon with finite coordinates (no NaN, ``Infinity`` or ``1e400``) and
  an area (a degenerate footprint, all corners on one line, is refused instead of becoming a home);
  ``properties`` an object with a known ``kind`` and at most 5,000 ``households``;
* the whole: coordinates in metres (degrees refused with the advice to reproject); with RD New
  (EPSG:28992) declared, the footprints inside its box (:data:`RD_NEW_BOX`: x 0–300 km, y 300–625 km);
  at most 400 × 400 cells; at most :data:`MAX_MAP_HOUSEHOLDS` households and :data:`MAX_FOOTPRINT_CELLS`
  cells of rasterising work, checked before any cell is drawn;
* **households are conserved**: the households the file holds are the households the grid holds. Homes
  whose footprints overlap at a cell centre would lose the households of the one drawn first (two
  identical 100-household flats gave 100); such a map is refused naming the overlapping features. Homes
  smaller than a cell that do not overlap but fall on one cell (two narrow row houses) are stacked on it.
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np

from .map_layout import DEFAULT_CELL_SIZE, MapError, MapLayout, size_limits, with_blocks
from .neighbourhood import BUILDING, CORPORATION, COURTYARD, DWELLING, GREEN, PRIVATE, PUBLIC, STREET
from .validation import clip

#: GeoJSON ``kind`` property -> (kind, owner)
GEO_KINDS: dict[str, tuple[int, int]] = {
    "dwelling": (DWELLING, PRIVATE),
    "social_housing": (DWELLING, CORPORATION),
    "other": (BUILDING, PRIVATE),
    "green": (GREEN, PUBLIC),
    "courtyard": (COURTYARD, PUBLIC),
}
_DEGREE_CRS = ("4326", "crs84", "wgs84", "wgs 84", "4258", "etrs89")


#: the codes of RD New, the Dutch national grid in metres: the one declared CRS footprints may be in
_RD_NEW = ("28992", "7415")


def _crs_name(doc: Mapping[str, Any]) -> str | None:
    crs = doc.get("crs")
    if isinstance(crs, Mapping):
        props = crs.get("properties")
        if isinstance(props, Mapping) and isinstance(props.get("name"), str):
            return props["name"]
    return None


#: what a map may hold in total: more households than a 400 × 400 text map of houses is a typo or a whole
#: city, and building a model of millions of households takes minutes (1,000 footprints × 5,000 households)
MAX_MAP_HOUSEHOLDS = 200_000
#: the rasterising work a map may ask for: grid cells under the footprints' bounding boxes, summed over
#: footprints (each footprint tests every cell centre in its box); 12.5 times a full 400 × 400 grid
MAX_FOOTPRINT_CELLS = 2_000_000
#: RD New (EPSG:28992): where coordinates in that CRS can lie, x and y in metres (the Netherlands and a margin)
RD_NEW_BOX = (0.0, 300_000.0, 300_000.0, 625_000.0)


@dataclass(frozen=True)
class _Footprint:
    """One validated feature: where it is named in messages, its kind, households (None: one per cell), shape."""

    label: str
    kind: str
    households: int | None
    geom: Any


@dataclass(frozen=True)
class _Frame:
    """The grid laid over the footprints: its south-west corner in map units, cell size and size in cells."""

    origin: tuple[float, float]
    cell_size: float
    width: int
    height: int

    def box(self, bounds: tuple[float, float, float, float]) -> tuple[int, int, int, int]:
        """The cells (x0, x1, y0, y1; ends exclusive) under a bounding box, clipped to the grid."""
        s, (ox, oy) = self.cell_size, self.origin
        return (max(int((bounds[0] - ox) // s), 0), min(int((bounds[2] - ox) // s) + 1, self.width),
                max(int((bounds[1] - oy) // s), 0), min(int((bounds[3] - oy) // s) + 1, self.height))


def _label(feat: Mapping[str, Any], i: int, source: str) -> str:
    """How messages name a feature: its number in the file and, when it has one, its GeoJSON ``id``."""
    fid = feat.get("id")
    named = isinstance(fid, str | int) and not isinstance(fid, bool)
    return f"{source}, feature {i}" + (f" (id {str(fid)[:40]!r})" if named else "")


def _footprint(feat: Any, i: int, source: str) -> _Footprint:
    """Check one feature: a Polygon or MultiPolygon with finite coordinates and an area, a known ``kind`` and
    a whole number of ``households`` that only homes may hold."""
    from shapely import get_coordinates
    from shapely.geometry import shape

    if not isinstance(feat, Mapping) or not isinstance(feat.get("geometry"), Mapping):
        raise MapError(f"{source}, feature {i}: not a GeoJSON Feature with a geometry")
    where = _label(feat, i, source)
    gtype = feat["geometry"].get("type")
    if gtype not in ("Polygon", "MultiPolygon"):
        raise MapError(f"{where}: geometry {str(gtype)[:40]!r}; building footprints must be Polygon or MultiPolygon")
    props = feat.get("properties")
    if props is None:
        props = {}
    if not isinstance(props, Mapping):
        raise MapError(f"{where}: 'properties' is {str(props)[:40]!r}; allowed: an object such as "
                       '{"kind": "dwelling", "households": 12}')
    kind = props.get("kind")
    if kind not in GEO_KINDS:
        raise MapError(f"{where}: property 'kind' is {str(kind)[:40]!r}; allowed: " + ", ".join(GEO_KINDS))
    hh = props.get("households")
    if hh is not None and (isinstance(hh, bool) or not isinstance(hh, int) or not 0 <= hh <= 5000):
        raise MapError(f"{where}: property 'households' is {str(hh)[:40]!r}; allowed: a whole number 0 to 5000")
    if hh and GEO_KINDS[kind][0] != DWELLING:
        raise MapError(f"{where}: a {kind!r} feature cannot hold households (only dwelling or social_housing)")
    try:
        with warnings.catch_warnings():  # NaN coordinates: refused below by feature, not as a warning
            warnings.simplefilter("ignore", RuntimeWarning)
            geom = shape(feat["geometry"])
            coords = get_coordinates(geom)
    except Exception as e:  # shapely's errors name the malformed coordinates
        raise MapError(f"{where}: malformed geometry ({str(e)[:80]})") from None
    if geom.is_empty:
        raise MapError(f"{where}: empty geometry")
    if not np.isfinite(coords).all():
        raise MapError(f"{where}: coordinates must be finite numbers (found NaN, Infinity or a number too large "
                       "for a float)")
    if not geom.area > 0 or not math.isfinite(geom.area):
        raise MapError(f"{where}: a degenerate footprint with no area (its corners lie on one line or point); "
                       "draw the building's outline or remove the feature")
    return _Footprint(where, kind, hh, geom)


def _collection(doc: Any, source: str) -> tuple[list[Any], str | None]:
    """The features and CRS name of a FeatureCollection (a single Feature counts as one)."""
    if isinstance(doc, Mapping) and doc.get("type") == "Feature":
        doc = {"type": "FeatureCollection", "features": [doc]}
    if not (isinstance(doc, Mapping) and doc.get("type") == "FeatureCollection"
            and isinstance(doc.get("features"), list)):
        raise MapError(f"{source}: expected a GeoJSON FeatureCollection of building footprints")
    return doc["features"], _crs_name(doc)


def _reproject(source: str) -> MapError:
    return MapError(f"{source}: coordinates in degrees (WGS84) cannot be cut into metre cells; reproject the file "
                    "to a metric CRS such as RD New (EPSG:28992), e.g. in QGIS (Export → Save Features As, "
                    "CRS EPSG:28992) or with ogr2ogr -t_srs EPSG:28992")


def _frame(feet: list[_Footprint], crs: str | None, source: str, cell_size: float) -> _Frame:
    """The grid over the footprints' extent, after checking that extent fits the declared CRS and the grid
    fits the registry's largest wijk."""
    bounds = np.array([f.geom.bounds for f in feet])
    minx, miny = float(bounds[:, 0].min()), float(bounds[:, 1].min())
    maxx, maxy = float(bounds[:, 2].max()), float(bounds[:, 3].max())
    if crs is None and -180 <= minx and maxx <= 180 and -90 <= miny and maxy <= 90:
        raise _reproject(source)
    if crs is not None and "28992" in crs:
        x0, y0, x1, y1 = RD_NEW_BOX
        if not (x0 <= minx and maxx <= x1 and y0 <= miny and maxy <= y1):
            raise MapError(f"{source}: the footprints lie at x {minx:.6g} to {maxx:.6g}, y {miny:.6g} to {maxy:.6g}, "
                           f"outside RD New (EPSG:28992: x 0 to 300 km, y 300 to 625 km), the CRS the file declares; "
                           "reproject the coordinates to EPSG:28992 (degrees are not metres) or declare their CRS")
    # one street cell of margin on every side, so the wijk has an edge to walk around
    # (the grid is aligned to the south-west corner of the buildings' extent)
    origin = (minx - cell_size, miny - cell_size)
    width = math.ceil((maxx - origin[0]) / cell_size) + 1
    height = math.ceil((maxy - origin[1]) / cell_size) + 1
    low, high = size_limits()
    if width > high or height > high:
        raise MapError(f"{source}: at {cell_size:g} m per cell the map is {width} × {height} cells, more than "
                       f"{high} × {high}; choose a larger cell size or a smaller area")
    return _Frame(origin, float(cell_size), max(width, low), max(height, low))


def _check_size(feet: list[_Footprint], frame: _Frame, source: str) -> None:
    """Refuse, before rasterising, a map that asks for more households or more work than a wijk can be."""
    given = sum(f.households or 0 for f in feet)
    if given > MAX_MAP_HOUSEHOLDS:
        raise MapError(f"{source}: the footprints hold {given} households, more than {MAX_MAP_HOUSEHOLDS}, the most a "
                       "map may hold; a wijk, not a city (split the area or check the 'households' values)")
    work = 0
    for f in feet:
        x0, x1, y0, y1 = frame.box(f.geom.bounds)
        work += max(x1 - x0, 0) * max(y1 - y0, 0)
    if work > MAX_FOOTPRINT_CELLS:
        raise MapError(f"{source}: the footprints cover {work} grid cells in all (counting overlaps once per "
                       f"footprint), more than {MAX_FOOTPRINT_CELLS}, the most a map may cover; remove duplicated or "
                       "huge footprints, or choose a larger cell size")


def _cells(f: _Footprint, frame: _Frame, cx: np.ndarray, cy: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The cells whose centre lies inside a footprint; one smaller than a cell gets the cell of its centroid."""
    from shapely import contains_xy, prepare

    prepare(f.geom)
    x0, x1, y0, y1 = frame.box(f.geom.bounds)
    gx, gy = np.meshgrid(np.arange(x0, x1), np.arange(y0, y1), indexing="ij")
    inside = contains_xy(f.geom, cx[gx], cy[gy])
    xs, ys = gx[inside], gy[inside]
    if not len(xs):
        c, s, (ox, oy) = f.geom.centroid, frame.cell_size, frame.origin
        xs = np.array([min(max(int((c.x - ox) // s), 0), frame.width - 1)])
        ys = np.array([min(max(int((c.y - oy) // s), 0), frame.height - 1)])
    return xs, ys


def _overlap(a: Any, b: Any) -> bool:
    """Whether two footprints share area (touching along a wall is not overlapping)."""
    return bool(a.intersects(b) and a.intersection(b).area > 0)


def _rasterise(feet: list[_Footprint], frame: _Frame, source: str) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Kind, owner and households per cell; households read must equal households placed (else refused,
    naming the footprints that overlap)."""
    w, h, s = frame.width, frame.height, frame.cell_size
    cx = frame.origin[0] + (np.arange(w) + 0.5) * s
    cy = frame.origin[1] + (np.arange(h) + 0.5) * s
    kind_grid = np.full((w, h), STREET, dtype=np.int8)
    owner_grid = np.full((w, h), PUBLIC, dtype=np.int8)
    households = np.zeros((w, h), dtype=np.int64)
    drawn_by = np.full((w, h), -1, dtype=np.int64)  # which footprint a cell's households came from
    read = 0
    lost: list[tuple[int, int]] = []  # (footprint whose households were drawn over, footprint drawn)
    # dwellings are drawn last, so where footprints overlap a home wins over a shop or a lawn
    order = sorted(range(len(feet)), key=lambda i: GEO_KINDS[feet[i].kind][0] == DWELLING)
    for i in order:
        f, (k, o) = feet[i], GEO_KINDS[feet[i].kind]
        xs, ys = _cells(f, frame, cx, cy)
        held, prev = households[xs, ys], drawn_by[xs, ys]
        # a home drawn over another's households: lost if their footprints overlap (a duplicate, a house
        # drawn inside a flat); two buildings smaller than a cell that merely share it are stacked instead
        over = [int(j) for j in np.unique(prev[held > 0]) if _overlap(feet[int(j)].geom, f.geom)]
        lost.extend((j, i) for j in over)
        kept = np.where(np.isin(prev, over), 0, held)
        kind_grid[xs, ys], owner_grid[xs, ys], households[xs, ys] = k, o, 0
        if k == DWELLING:
            n = len(xs) if f.households is None else int(f.households)
            read += n
            # row order from the top (north) down, west to east, as a text map is read
            rank = np.lexsort((xs, -ys))
            share = np.full(len(xs), n // len(xs), dtype=np.int64)
            share[rank[: n % len(xs)]] += 1
            households[xs, ys], drawn_by[xs, ys] = share + kept, i
    placed = int(households.sum())
    if placed != read:
        pairs = "; ".join(f"{feet[a].label.removeprefix(source + ', ')} and {feet[b].label.removeprefix(source + ', ')}"
                          for a, b in lost[:3])
        raise MapError(f"{source}: households are not conserved: the footprints hold {read}, the grid would hold "
                       f"{placed}, because homes overlap at cell centres ({pairs}); every household must be "
                       "placed: merge overlapping homes into one feature with the sum of their households, or "
                       "move them apart")
    if placed > MAX_MAP_HOUSEHOLDS:
        raise MapError(f"{source}: the footprints hold {placed} households, more than {MAX_MAP_HOUSEHOLDS}, the most "
                       "a map may hold")
    return kind_grid, owner_grid, households


def parse_geojson(doc: Any, source: str = "<geojson>", cell_size: float = DEFAULT_CELL_SIZE) -> MapLayout:
    """Rasterise a GeoJSON FeatureCollection of building footprints (see the module docstring).

    Every footprint is checked first, then the whole (its extent in the declared CRS, the grid's size, the
    total of households and of work), and only then are cells drawn, so a bad map fails fast and whole."""
    if not (isinstance(cell_size, int | float) and not isinstance(cell_size, bool) and 1.0 <= cell_size <= 100.0):
        raise MapError(f"{source}: cell_size must be a number of metres from 1 to 100 (got {cell_size!r})")
    features, crs = _collection(doc, source)
    if crs is not None and any(t in crs.lower().replace(":", "") or t in crs.lower() for t in _DEGREE_CRS):
        raise _reproject(source)
    if crs is not None and not any(code in crs for code in _RD_NEW):
        # a CRS wijksim cannot check: its units might be feet or degrees, and cells of the wrong size would
        # pass every other rule
        raise MapError(f"{source}: crs {clip(crs)} is not one wijksim reads: allowed RD New (EPSG:28992, also "
                       "as EPSG:7415 with NAP heights) or no crs member (coordinates taken as metres); reproject "
                       "the file to EPSG:28992, e.g. in QGIS or with ogr2ogr -t_srs EPSG:28992")
    feet = [_footprint(feat, i, source) for i, feat in enumerate(features, start=1)]
    if not feet:
        raise MapError(f"{source}: no features: a wijk needs buildings")
    frame = _frame(feet, crs, source, float(cell_size))
    _check_size(feet, frame, source)
    kind_grid, owner_grid, households = _rasterise(feet, frame, source)
    kind_grid[(kind_grid == DWELLING) & (households == 0)] = BUILDING  # a dwelling cell nobody lives on
    if not households.any():
        raise MapError(f"{source}: no households: give some features kind 'dwelling' or 'social_housing'")
    notes = []
    if (households > 1).any():
        notes.append(f"{int((households > 1).sum())} cells hold more than one household (flats)")
    return MapLayout(with_blocks(kind_grid, owner_grid), households, source=source, cell_size=float(cell_size),
                     origin=frame.origin, crs=crs, notes=notes)
