"""Draw the example GeoJSON map: a post-war *portiekflat* wijk (strokenbouw), in RD New metres.

The 1950s–60s extension wijken of Dutch cities were built as parallel strips (*stroken*) of four-storey
walk-up flats (*portiekflats*: two flats per floor off each open stairwell) set in communal green, with
rows of single-family houses, a shopping strip, a school and a church. This script writes such a wijk as
building footprints, the form a municipality exports from the BAG, so the example shows the whole route
(footprints → `wijksim layout` → a run). It is invented, not surveyed: the coordinates only place it in
a plausible spot of the RD New grid. Run it again to rewrite `scenarios/maps/portiekflatwijk.geojson`.
"""

from __future__ import annotations

import json
from pathlib import Path

X0, Y0 = 134_000.0, 453_000.0  # south-west corner, RD New (EPSG:28992)
OUT = Path(__file__).resolve().parents[1] / "scenarios" / "maps" / "portiekflatwijk.geojson"


def box(x: float, y: float, w: float, h: float, **props: object) -> dict:
    ring = [[X0 + x, Y0 + y], [X0 + x + w, Y0 + y], [X0 + x + w, Y0 + y + h], [X0 + x, Y0 + y + h],
            [X0 + x, Y0 + y]]
    return {"type": "Feature", "properties": props, "geometry": {"type": "Polygon", "coordinates": [ring]}}


def features() -> list[dict]:
    out: list[dict] = []
    # four fields of strokenbouw: strips of portiekflats 15 m deep, 90 m long, 30 m apart, green between
    for fx, fy, owner in ((0, 0, "social_housing"), (150, 0, "social_housing"),
                          (0, 240, "social_housing"), (150, 240, "dwelling")):
        for k in range(4):
            # 4 floors × 2 flats × 5 stairwells = 40 households per strip; the sold-off field is owner-occupied
            out.append(box(fx, fy + 45 * k, 90, 15, kind=owner, households=40))
        out.append(box(fx + 105, fy + 15, 30, 135, kind="green"))  # the communal green beside the strips
    # rows of single-family houses (eengezinswoningen) along the east side: one household per 15 m cell
    for k in range(6):
        out.append(box(330, 30 * k, 90, 15, kind="dwelling" if k % 3 else "social_housing"))
    for k in range(6):
        out.append(box(330, 240 + 30 * k, 90, 15, kind="dwelling"))
    out.append(box(0, 195, 150, 15, kind="other"))  # the shopping strip (winkelstrip), flats above
    out.append(box(0, 180, 150, 15, kind="social_housing", households=20))  # flats above the shops
    out.append(box(195, 180, 60, 45, kind="other"))  # school
    out.append(box(270, 195, 30, 30, kind="other"))  # church
    out.append(box(195, 405, 120, 30, kind="green"))  # park
    return out


def main() -> None:
    doc = {"type": "FeatureCollection", "name": "portiekflatwijk",
           "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::28992"}},
           "features": features()}
    OUT.write_text(json.dumps(doc, indent=1) + "\n")
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
