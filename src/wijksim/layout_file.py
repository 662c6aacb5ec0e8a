"""Your own wijk: a layout read from a text map or from building footprints (GeoJSON).

An advisor's question is about a real wijk, so a scenario may name a map instead of generating a
layout. Two formats:

* **Text map** — one character per cell (≈ 15 m), rows from top (north) to bottom (south)::

      H  owner-occupied dwelling (one household)
      S  social-housing dwelling, owned by the housing corporation (one household)
      .  street or other public space
      G  public green (bushes grow here)
      Y  courtyard (*hofje*), part of the block around it
      #  other building: shops, schools, offices (no households, not public space)

* **GeoJSON** building footprints in a metric projected CRS (the Dutch RD New, EPSG:28992, as BAG
  exports use), each a Polygon or MultiPolygon with a property ``kind`` (``dwelling``,
  ``social_housing``, ``other``; also ``green`` and ``courtyard`` for drawn public spaces) and an
  optional ``households`` count. Footprints are rasterised to the grid at ``cell_size`` metres: a
  cell belongs to a building when its centre lies inside the footprint; everything not covered is
  street. A building's households are spread over its cells as evenly as possible (the first cells in
  row order get the remainder), so a flat puts several households on one cell (*stacked*). Without a
  ``households`` property a dwelling building holds one household per cell it covers, as a text map
  would; a building too small to cover any cell centre keeps its households on the cell of its
  centroid, so none are lost.

Both give a :class:`MapLayout`: the model's :class:`~wijksim.neighbourhood.Layout` (kind, owner,
block) plus the number of households per cell and, for GeoJSON, where the grid lies in the map's CRS
so results can be written back as GeoJSON (:func:`cells_to_geojson`) and opened in QGIS or ArcGIS.

Blocks follow from the map: the 4-connected groups of homes and courtyards are the blocks
(neighbours who share a block and its hofje), each group of other buildings and each green patch is a
block of its own; a courtyard belongs to the block around it and is owned as the majority of that
block's dwellings (a hofje of social housing is kept by the corporation), else by the municipality.

Every error names the file, the place (line and column, or feature number) and what is allowed, and
is raised as :class:`MapError` (the command line turns it into exit code 2).
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from .footprints import parse_geojson as rasterise
from .map_layout import DEFAULT_CELL_SIZE as DEFAULT_CELL_SIZE
from .map_layout import MapError as MapError
from .map_layout import MapLayout as MapLayout
from .map_layout import size_limits, with_blocks
from .neighbourhood import BUILDING, CORPORATION, COURTYARD, DWELLING, GREEN, PRIVATE, PUBLIC, STREET

#: the text map's alphabet: character -> (kind, owner, meaning)
MAP_CHARS: dict[str, tuple[int, int, str]] = {
    "H": (DWELLING, PRIVATE, "owner-occupied dwelling"),
    "S": (DWELLING, CORPORATION, "social-housing dwelling"),
    ".": (STREET, PUBLIC, "street or other public space"),
    "G": (GREEN, PUBLIC, "green"),
    "Y": (COURTYARD, PUBLIC, "courtyard (hofje)"),
    "#": (BUILDING, PRIVATE, "other building (no households)"),
}
MAX_TEXT_BYTES = 1_000_000  # a 400 × 400 map is 160 kB
MAX_GEOJSON_BYTES = 50_000_000


# --- text maps ---------------------------------------------------------------------------------
def _read(path: Path, what: str, limit: int) -> str:
    """The file's text, refusing anything larger than ``limit`` without reading all of it."""
    from .validation import InputFileError, read_text

    try:
        return read_text(path, what, limit)
    except InputFileError as e:
        raise MapError(str(e)) from None


def parse_text_map(text: str, source: str = "<map>") -> MapLayout:
    """A :class:`MapLayout` from the text of a map (see the module docstring for the alphabet)."""
    lines = [line.rstrip("\r\n\t ") for line in text.lstrip("\ufeff").splitlines()]
    while lines and not lines[-1]:
        lines.pop()
    while lines and not lines[0]:
        lines.pop(0)
    if not lines:
        raise MapError(f"{source}: the map is empty")
    width = len(lines[0])
    bad: list[str] = []
    for row, line in enumerate(lines, start=1):
        if len(line) != width:
            raise MapError(f"{source}, line {row}: {len(line)} characters where the first row has {width}; "
                           "every row of a map must be equally long")
        for col, ch in enumerate(line, start=1):
            if ch not in MAP_CHARS and len(bad) < 5:
                bad.append(f"line {row}, column {col}: {ch!r}")
    if bad:
        allowed = ", ".join(f"{c} {m}" for c, (_, _, m) in MAP_CHARS.items())
        raise MapError(f"{source}: unknown character(s) at " + "; ".join(bad) + f" (allowed: {allowed})")
    height = len(lines)
    low, high = size_limits()
    if not (low <= width <= high and low <= height <= high):
        raise MapError(f"{source}: the map is {width} × {height} cells; width and height must be {low} to {high}")
    chars = np.array([list(line) for line in lines])  # (rows, cols), row 0 at the top
    grid = chars.T[:, ::-1]  # [x, y] with y up, like the generated layouts and Mesa's grid
    kind = np.full(grid.shape, STREET, dtype=np.int8)
    owner = np.full(grid.shape, PUBLIC, dtype=np.int8)
    for ch, (k, o, _) in MAP_CHARS.items():
        sel = grid == ch
        kind[sel] = k
        owner[sel] = o
    households = (kind == DWELLING).astype(np.int64)
    if not households.any():
        raise MapError(f"{source}: the map has no dwellings (H or S): a wijk needs households")
    return MapLayout(with_blocks(kind, owner), households, source=source)


def read_text_map(path: str | Path) -> MapLayout:
    """Read a text map file (UTF-8; a byte-order mark is fine)."""
    path = Path(path)
    return parse_text_map(_read(path, "map", MAX_TEXT_BYTES), str(path))


def to_text(m: MapLayout) -> str:
    """The text map of a layout (one character per cell; stacked households do not show)."""
    chars = np.full(m.shape, ".", dtype="<U1")
    kind, owner = m.layout.kind, m.layout.owner
    chars[kind == GREEN] = "G"
    chars[kind == COURTYARD] = "Y"
    chars[kind == BUILDING] = "#"
    chars[(kind == DWELLING) & (owner == CORPORATION)] = "S"
    chars[(kind == DWELLING) & (owner != CORPORATION)] = "H"
    return "\n".join("".join(row) for row in chars[:, ::-1].T) + "\n"


# --- GeoJSON building footprints (rasterised in :mod:`wijksim.footprints`) -----------------------------
def parse_geojson(doc: Any, source: str = "<geojson>", cell_size: float = DEFAULT_CELL_SIZE) -> MapLayout:
    """Rasterise a GeoJSON FeatureCollection of building footprints (:func:`wijksim.footprints.parse_geojson`)."""
    return rasterise(doc, source, cell_size)


def read_geojson(path: str | Path, cell_size: float = DEFAULT_CELL_SIZE) -> MapLayout:
    """Read building footprints from a GeoJSON file and rasterise them."""
    path = Path(path)
    text = _read(path, "GeoJSON", MAX_GEOJSON_BYTES)
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as e:
        raise MapError(f"{path}, line {e.lineno}, column {e.colno}: not valid JSON ({e.msg})") from None
    except RecursionError:
        raise MapError(f"{path}: nested too deeply to be a GeoJSON file") from None
    return parse_geojson(doc, str(path), cell_size)


def read_map(path: str | Path, cell_size: float = DEFAULT_CELL_SIZE) -> MapLayout:
    """A text map or a GeoJSON file, by its ending (``.geojson``/``.json`` or anything else as text)."""
    path = Path(path)
    if path.suffix.lower() in (".geojson", ".json"):
        return read_geojson(path, cell_size)
    return read_text_map(path)


# --- results back to a GIS ------------------------------------------------------------------------
#: a cell's ``kind`` in a results file: the words of the GeoJSON input (a footprints file and its results read
#: alike, so a GIS user styles both by the same values), plus ``street`` for the public space between buildings
KIND_NAMES: dict[tuple[int, bool], str] = {
    (DWELLING, False): "dwelling", (DWELLING, True): "social_housing", (BUILDING, False): "other",
    (GREEN, False): "green", (COURTYARD, False): "courtyard", (STREET, False): "street",
}


def cell_kind(m: MapLayout, x: int, y: int) -> str:
    """The ``kind`` of cell (x, y) as a results file writes it (:data:`KIND_NAMES`)."""
    kind = int(m.layout.kind[x, y])
    social = kind == DWELLING and int(m.layout.owner[x, y]) == CORPORATION
    return KIND_NAMES.get((kind, social), KIND_NAMES.get((kind, False), "other"))


def cells_to_geojson(m: MapLayout, values: Mapping[str, np.ndarray], only_used: bool = True,
                     street_if: Sequence[str] = ()) -> dict[str, Any]:
    """A FeatureCollection with one square per cell and ``values`` (arrays shaped like the grid) as
    properties, for QGIS or ArcGIS.

    Coordinates are the map's own: for a GeoJSON layout its CRS (RD New metres for a BAG export), declared
    with the same ``crs`` member the input had, so the squares fall on the footprints they were cut from; for a
    text map cell units with the grid's south-west corner at (0, 0). North is up either way (y grows to the
    north, as in the map), and each square's ring runs anticlockwise (RFC 7946).

    With ``only_used`` (what docs/own-wijk.md promises: "every cell that is not empty street") the file holds
    every cell that is not street, and a street cell only where one of the ``street_if`` values is above zero
    (``incidents`` for a run's results: the street crime that happened there). Values that every cell has, such
    as disorder, do not make a street cell worth a feature; without this rule the file held every cell (1,120
    squares for the hofjeswijk, 399 of them empty street).
    """
    width, height = m.shape
    arrays = {k: np.asarray(v, dtype=float) for k, v in values.items()}
    for k, v in arrays.items():
        if v.shape != (width, height):
            raise ValueError(f"values[{k!r}] has shape {v.shape}, the grid is {(width, height)}")
    unknown = [k for k in street_if if k not in arrays]
    if unknown:
        raise ValueError(f"street_if names {unknown}, which are not among the values {sorted(arrays)}")
    keep = np.ones((width, height), dtype=bool)
    if only_used:
        keep = (m.layout.kind != STREET) | (m.households > 0)
        for k in street_if:
            keep |= arrays[k] > 0
    s, (ox, oy) = m.cell_size, m.origin
    features = []
    for x, y in zip(*np.nonzero(keep), strict=True):
        x0, y0 = ox + x * s, oy + y * s
        props: dict[str, Any] = {"x": int(x), "y": int(y), "kind": cell_kind(m, int(x), int(y)),
                                 "households": int(m.households[x, y])}
        props.update({k: float(v[x, y]) for k, v in arrays.items()})
        ring = [[x0, y0], [x0 + s, y0], [x0 + s, y0 + s], [x0, y0 + s], [x0, y0]]
        geometry = {"type": "Polygon", "coordinates": [ring]}
        features.append({"type": "Feature", "properties": props, "geometry": geometry})
    doc: dict[str, Any] = {"type": "FeatureCollection", "features": features}
    if m.crs:
        doc["crs"] = {"type": "name", "properties": {"name": m.crs}}
    return doc
