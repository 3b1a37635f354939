"""The map's geographic data: present-day coasts and borders of the region, cut once and kept in data/.

The map of the invasion (``azedition.charts.region_map``) is drawn from ``data/geography/region.geojson``
and from the coordinates in ``data/places.csv`` (a place's location, or for a region the point where its
name is written, with the source of each); nothing is fetched at build or read time.

``region.geojson`` was cut once from Natural Earth's 1:50 million countries (public domain), as npm's
``world-atlas`` 2.0.2 ships them in TopoJSON (``countries-50m.json``), with::

    npm install --prefix /tmp/atlas world-atlas@2.0.2
    python -m azedition.geography /tmp/atlas/node_modules/world-atlas/countries-50m.json

The cut keeps, inside :data:`REGION` (longitude and latitude bounds), each country's polygon clipped to the
frame, each line shared by two countries (a border: today's, not 1920's) and each line of one country
alone (a coast), coordinates rounded to 0.001° (about 100 m, far below what the map can show).
``data/geography/README.md`` records the provenance and the licence.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

import pandas as pd

from . import paths

Point = tuple[float, float]  # longitude, latitude
Frame = tuple[float, float, float, float]  # west, south, east, north
# west, south, east, north: from Yerevan and Karabakh in the west to the Apsheron peninsula, from
# Karabakh in the south to Petrovsk (Makhachkala) in the north
REGION = (43.4, 38.6, 50.7, 43.5)
SOURCE = "Natural Earth 1:50m countries (public domain), from npm world-atlas 2.0.2 (countries-50m.json)"
PRECISION = 3


def _decode_arcs(topology: dict) -> list[list[Point]]:
    """TopoJSON's quantized, delta-encoded arcs as lists of (longitude, latitude)."""
    (scale_x, scale_y), (move_x, move_y) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * scale_x + move_x, y * scale_y + move_y))
        arcs.append(points)
    return arcs


def _arc(arcs: list[list[Point]], index: int) -> list[Point]:
    return arcs[index] if index >= 0 else list(reversed(arcs[~index]))


def _ring(arcs: list[list[Point]], indexes: list[int]) -> list[Point]:
    points = []
    for number, index in enumerate(indexes):
        part = _arc(arcs, index)
        points.extend(part if number == 0 else part[1:])
    return points


def _inside(point: Point, edge: str, value: float) -> bool:
    x, y = point
    return {"west": x >= value, "east": x <= value, "south": y >= value, "north": y <= value}[edge]


def _crossing(a: Point, b: Point, edge: str, value: float) -> Point:
    (x1, y1), (x2, y2) = a, b
    if edge in ("west", "east"):
        t = (value - x1) / (x2 - x1)
        return (value, y1 + t * (y2 - y1))
    t = (value - y1) / (y2 - y1)
    return (x1 + t * (x2 - x1), value)


def clip_ring(ring: list[Point], region: Frame = REGION) -> list[Point]:
    """A polygon ring clipped to the rectangle (Sutherland–Hodgman); empty if wholly outside."""
    west, south, east, north = region
    points = ring
    for edge, value in (("west", west), ("east", east), ("south", south), ("north", north)):
        if not points:
            break
        clipped = []
        for current, following in zip(points, points[1:] + points[:1], strict=True):
            if _inside(following, edge, value):
                if not _inside(current, edge, value):
                    clipped.append(_crossing(current, following, edge, value))
                clipped.append(following)
            elif _inside(current, edge, value):
                clipped.append(_crossing(current, following, edge, value))
        points = clipped
    return points


def clip_line(line: list[Point], region: Frame = REGION) -> list[list[Point]]:
    """A polyline cut to the rectangle: the pieces inside it, each a list of points."""
    west, south, east, north = region
    pieces, current = [], []
    for a, b in zip(line, line[1:], strict=False):
        segment = _clip_segment(a, b, region)
        if segment is None:
            if current:
                pieces.append(current)
                current = []
            continue
        start, end = segment
        if not current or current[-1] != start:
            if current:
                pieces.append(current)
            current = [start]
        current.append(end)
        if end != b:  # the line leaves the frame here
            pieces.append(current)
            current = []
    if current:
        pieces.append(current)
    return [piece for piece in pieces if len(piece) > 1]


def _clip_segment(a: Point, b: Point, region: Frame) -> tuple[Point, Point] | None:
    """Liang–Barsky: the part of segment a–b inside the rectangle, or None."""
    west, south, east, north = region
    (x1, y1), (x2, y2) = a, b
    dx, dy = x2 - x1, y2 - y1
    low, high = 0.0, 1.0
    for p, q in ((-dx, x1 - west), (dx, east - x1), (-dy, y1 - south), (dy, north - y1)):
        if p == 0:
            if q < 0:
                return None
            continue
        t = q / p
        if p < 0:
            low = max(low, t)
        else:
            high = min(high, t)
        if low > high:
            return None
    start = a if low == 0 else (x1 + low * dx, y1 + low * dy)
    end = b if high == 1 else (x1 + high * dx, y1 + high * dy)
    return start, end


def _rounded(points: list[Point]) -> list[list[float]]:
    return [[round(x, PRECISION), round(y, PRECISION)] for x, y in points]


def cut_region(topology: dict, region: Frame = REGION) -> dict:
    """The region's countries, borders and coasts from a world-atlas countries topology, as GeoJSON."""
    arcs = _decode_arcs(topology)
    countries = topology["objects"]["countries"]["geometries"]
    uses = Counter()
    for country in countries:
        polygons = country["arcs"] if country["type"] == "MultiPolygon" else [country.get("arcs", [])]
        for polygon in polygons:
            for ring in polygon:
                uses.update(index if index >= 0 else ~index for index in ring)
    features = []
    for country in countries:
        polygons = country["arcs"] if country["type"] == "MultiPolygon" else [country.get("arcs", [])]
        clipped = []
        for polygon in polygons:
            rings = [clip_ring(_ring(arcs, ring), region) for ring in polygon]
            if rings and len(rings[0]) >= 3:
                clipped.append([_rounded(ring + ring[:1]) for ring in rings if len(ring) >= 3])
        if clipped:
            features.append({"type": "Feature",
                             "properties": {"kind": "country", "name": country["properties"]["name"]},
                             "geometry": {"type": "MultiPolygon", "coordinates": clipped}})
    for kind, count in (("border", 2), ("coast", 1)):
        lines = [piece for index, used in sorted(uses.items()) if used == count
                 for piece in clip_line(arcs[index], region)]
        if lines:
            features.append({"type": "Feature", "properties": {"kind": kind},
                             "geometry": {"type": "MultiLineString",
                                          "coordinates": [_rounded(line) for line in lines]}})
    return {"type": "FeatureCollection", "bbox": list(region),
            "properties": {"source": SOURCE, "licence": "public domain (Natural Earth)",
                           "borders": "present-day borders, not those of 1920"},
            "features": features}


MAP_FIGURE = "fig-region-map"


def _in_frame(longitude: object, latitude: object, region: Frame) -> bool:
    west, south, east, north = region
    return not pd.isna(latitude) and west <= float(longitude) <= east and south <= float(latitude) <= north


def region_labels(places: pd.DataFrame, region: Frame = REGION) -> dict[str, Point]:
    """key -> (longitude, latitude) where the map writes the name of a region in the frame: a region has no
    location of its own, so the register keeps a label position (``label_latitude``, ``label_longitude``,
    chosen by the editors inside the region; ``coordinates_source`` says how), and no boundary is drawn."""
    if not {"label_latitude", "label_longitude"} <= set(places.columns):
        return {}  # a register without label positions (a small test project's)
    return {key: (float(row["label_longitude"]), float(row["label_latitude"]))
            for key, row in places.iterrows() if _in_frame(row["label_longitude"], row["label_latitude"], region)}


def on_the_map(places: pd.DataFrame, region: Frame = REGION) -> list[str]:
    """The register's places the map shows: those with coordinates in the frame, and the named regions."""
    if not {"latitude", "longitude"} <= set(places.columns):
        return []  # a register without coordinates (a small test project's) has no map
    labelled = region_labels(places, region)
    return [key for key, row in places.iterrows()
            if _in_frame(row["longitude"], row["latitude"], region) or key in labelled]


def region_path(data_dir: Path | None = None) -> Path:
    """Where the region's GeoJSON is kept: ``geography/region.geojson`` of the data package (by default the
    project's, found when called)."""
    return (paths.data_dir() if data_dir is None else Path(data_dir)) / "geography" / "region.geojson"


def load_region(data_dir: Path | None = None) -> dict:
    """The region's GeoJSON as kept in the data package's geography/ folder."""
    return json.loads(region_path(data_dir).read_text("utf-8"))


def main(argv: list[str]) -> int:
    if len(argv) != 1 or not Path(argv[0]).is_file():
        print("usage: python -m azedition.geography PATH/TO/world-atlas/countries-50m.json", file=sys.stderr)
        return 2
    region = cut_region(json.loads(Path(argv[0]).read_text("utf-8")))
    target = region_path()
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps(region, separators=(",", ":")) + "\n", "utf-8")
    print(f"{target}: {len(region['features'])} features, {target.stat().st_size} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
