"""The map of the invasion (chart ``region-map``): today's coasts and borders cut to the region
(``azedition.geography``), the places of the register at their GeoNames coordinates, the railway and the
cavalry's route as the Soviet encyclopedia gives them; and its alt text, written from the register."""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from . import data
from .chart_style import INK, MUTED, OKABE_ITO, legend_below, new_figure, source_line, source_note, style

RAILWAY = ("petrovsk", "derbent", "baku")  # the Petrovsk–Baku railway by its stations (gse_azerbaijan_railroad)
CAVALRY_ROUTE = ("kusary", "kuba", "shemakha", "kurdamir")  # as the Soviet encyclopedia lists them
WATER = "#d6ebf5"
LAND = "#fbfaf6"


MAP_DETAIL_DEGREES = 0.06  # about 3 points of the drawn map: finer turns of a coast or border are not seen


def _thinned(points: list) -> list:
    """A line or ring without the points closer than MAP_DETAIL_DEGREES to the last one kept: the map
    looks the same and its SVG, which writes every point, weighs less than half."""
    kept = [points[0]]
    for x, y in points[1:-1]:
        if abs(x - kept[-1][0]) + abs(y - kept[-1][1]) >= MAP_DETAIL_DEGREES:
            kept.append((x, y))
    return [*kept, points[-1]] if len(points) > 1 else kept


def _map_point(places: pd.DataFrame, key: str) -> tuple[float, float]:
    return float(places.loc[key, "longitude"]), float(places.loc[key, "latitude"])


def region_map(places: pd.DataFrame | None = None, region: dict | None = None) -> Figure:
    """The region with today's coasts and borders, the railway, the cavalry's route and the places."""
    from . import geography

    places = data.register("place") if places is None else places
    region = geography.load_region() if region is None else region
    west, south, east, north = region["bbox"]
    figure, axes = new_figure(7.5, 7.4, legend_row=True)
    with style():
        axes.set_facecolor(WATER)
        for feature in region["features"]:
            kind, geometry = feature["properties"]["kind"], feature["geometry"]
            if kind == "country":
                for polygon in geometry["coordinates"]:
                    ring = _thinned(polygon[0])
                    axes.fill([x for x, _ in ring], [y for _, y in ring], color=LAND, zorder=1, linewidth=0)
            elif kind == "coast":
                for line in geometry["coordinates"]:
                    axes.plot(*zip(*_thinned(line), strict=True), color=MUTED, linewidth=0.7, zorder=2)
            elif kind == "border":
                for line in geometry["coordinates"]:
                    axes.plot(*zip(*_thinned(line), strict=True), color=MUTED, linewidth=0.9,
                              linestyle=(0, (4, 2)), zorder=2)

        railway = [_map_point(places, key) for key in RAILWAY]
        longitudes, latitudes = zip(*railway, strict=True)
        axes.plot(longitudes, latitudes, color=INK, linewidth=2.2, zorder=4, label="railway Petrovsk–Derbent–Baku")
        axes.plot(longitudes, latitudes, color=INK, linewidth=0, marker="|", markersize=9, zorder=4)
        route = [_map_point(places, key) for key in CAVALRY_ROUTE]
        for start, end in zip(route, route[1:], strict=False):
            axes.annotate("", xy=end, xytext=start, zorder=5,
                          arrowprops=dict(arrowstyle="-|>", color=OKABE_ITO["vermillion"], linewidth=2,
                                          linestyle="--", shrinkA=4, shrinkB=4))
        axes.plot([], [], color=OKABE_ITO["vermillion"], linewidth=2, linestyle="--",
                  label="2nd Cavalry Corps: Kusary, Kuba, Shemakha, Kurdamir")
        axes.plot([], [], color=MUTED, linewidth=0.9, linestyle=(0, (4, 2)), label="present-day border")
        offsets = {"kuba": (6, -10), "kusary": (6, 4), "derbent": (-8, 0), "petrovsk": (-8, 0),
                   "baku": (6, -8), "shemakha": (6, 2), "kurdamir": (-8, -10)}
        for key in _places_on_map(places):
            x, y = _map_point(places, key)
            axes.plot(x, y, marker="o", markersize=6, color=OKABE_ITO["blue"], markeredgecolor=INK, zorder=6)
            dx, dy = offsets.get(key, (6, 4))
            axes.annotate(places.loc[key, "name"], (x, y), xytext=(dx, dy), textcoords="offset points",
                          ha="right" if dx < 0 else "left", fontsize=10, zorder=7,
                          bbox=dict(boxstyle="round,pad=0.1", fc=LAND, ec="none", alpha=0.8))
        for key, (x, y) in geography.region_labels(places).items():
            axes.text(x, y, places.loc[key, "name"].upper(), fontsize=10, fontstyle="italic", color=INK,
                      ha="center", va="center", zorder=3)
        axes.text(50.2, 41.3, "Caspian\nSea", fontsize=10, fontstyle="italic", color=INK, ha="center")
        axes.set_xlim(west, east)
        axes.set_ylim(south, north)
        axes.set_aspect(1 / np.cos(np.radians((south + north) / 2)))  # equirectangular, true at mid-latitude
        axes.grid(False)
        axes.set_xlabel("Longitude (°E)")
        axes.set_ylabel("Latitude (°N)")
        axes.set_title("Where the invasion went, April 1920")
        legend_below(axes, ncols=1)
        # the register's sources of every place shown: those of the railway's stations and of the route
        # are the encyclopedia articles that give the railway and the cavalry's advance
        shown_sources = places.loc[geography.on_the_map(places), "source"].dropna()
        shown_sources = shown_sources[shown_sources != ""]
        source_note(axes, source_line(shown_sources, "Sources of the places, railway and route")[:-1]
                    + ". Coordinates: GeoNames (region names placed by the editors); coasts and today's borders: "
                    "Natural Earth.")
    return figure


def _places_on_map(places: pd.DataFrame) -> list[str]:
    """The places of the register the map marks with a dot (regions are named, not dotted)."""
    from . import geography

    labelled = geography.region_labels(places)
    return [key for key in geography.on_the_map(places) if key not in labelled]


def region_map_alt(places: pd.DataFrame | None = None) -> str:
    """The map's alt text, naming the places it marks from the register."""
    from . import geography

    places = data.register("place") if places is None else places
    names = [places.loc[key, "name"] for key in _places_on_map(places)]
    stations = [places.loc[key, "name"] for key in RAILWAY]
    railway = f"{stations[0]} by {', '.join(stations[1:-1])} to {stations[-1]}"
    route = ", ".join(places.loc[key, "name"] for key in CAVALRY_ROUTE)
    regions = " and ".join(places.loc[key, "name"] for key in geography.region_labels(places))
    return (f"Map of the eastern Caucasus and the Caspian coast, with present-day borders dashed. A solid line "
            f"with cross-ties runs down the coast from {railway}; a dashed line with arrows runs through "
            f"{route}. Dots mark {', '.join(names[:-1])} and {names[-1]}; the regions {regions} are named "
            f"in italics.")
