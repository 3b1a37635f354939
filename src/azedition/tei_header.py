"""The TEI export's header (file, encoding and profile descriptions), its registers (``listPerson``,
``listPlace``, ``listOrg`` in ``standOff``) and its bibliography (``listBibl``).

They are methods of :class:`HeaderAndLists`, which the encoder of :mod:`azedition.tei` inherits: they use
its build environment (``env``), the edition's facts (``edition``), its bibliography, its walk of the
editors' prose (``prose``) and its element counts (``_count``).
"""

from __future__ import annotations

import hashlib
import re

from docutils import nodes
from lxml import etree

from . import authority, config
from .edition import LICENCE_NAME, LICENCE_URL, WITNESS_TITLE, WITNESS_URL
from .tei_xml import NAME_ELEMENTS, TEI_NS, TEI_PATH, XML_ID, tei_child

PRINCIPLES_DOC = "book/front/principles"
MYST_ROLE = re.compile(r"\{[a-z:-]+\}`([^`<]*?)\s*(?:<[^>`]*>)?`")


def _plain(markup: str) -> str:
    """A register cell's MyST markup as plain words: ``{term}`ADR``` -> ``ADR``."""
    return MYST_ROLE.sub(lambda match: match.group(1), markup)


def _unbrace(value: str) -> str:
    return value.replace("{", "").replace("}", "").replace("--", "–")


def _inline_paragraph(paragraph: nodes.paragraph) -> nodes.inline:
    """A principle's paragraph inside the <p> of its group: its inline content, without a second <p>."""
    inline = nodes.inline()
    inline.extend(child.deepcopy() for child in paragraph.children)
    inline += nodes.Text(" ")
    return inline


class HeaderAndLists:
    """The parts of the TEI document outside its text body, for the encoder of :mod:`azedition.tei`."""

    def header(self, root: etree._Element) -> None:
        facts = self.edition
        header = tei_child(root, "teiHeader")
        file_desc = tei_child(header, "fileDesc")
        title_stmt = tei_child(file_desc, "titleStmt")
        tei_child(title_stmt, "title", facts.title, type_="main")
        for editor in facts.editors:
            tei_child(title_stmt, "editor", editor)
        resp = tei_child(title_stmt, "respStmt")
        tei_child(resp, "resp", "TEI encoding generated from the edition's markup by the build")
        tei_child(resp, "name", f"azedition {facts.version}")
        edition_stmt = tei_child(file_desc, "editionStmt")
        edition_el = tei_child(edition_stmt, "edition", f"Version {facts.version}, ", n=facts.version)
        tei_child(edition_el, "date", facts.date_released, when=facts.date_released)
        publication = tei_child(file_desc, "publicationStmt")
        tei_child(publication, "publisher", "; ".join(facts.editors))
        tei_child(publication, "date", facts.date_released, when=facts.date_released)
        tei_child(publication, "idno", f"{facts.url}{TEI_PATH}", type_="URL")
        availability = tei_child(publication, "availability")
        licence = tei_child(availability, "licence", target=LICENCE_URL)
        licence.text = (f"{LICENCE_NAME}: the edition's text, like the witness's. The code that generated this "
                        "file is under the MIT licence.")
        source_desc = tei_child(file_desc, "sourceDesc")
        bibl = tei_child(source_desc, "bibl", type_="witness")
        tei_child(bibl, "title", WITNESS_TITLE, level="a")
        tei_child(bibl, "title", "Wikipedia, The Free Encyclopedia", level="m")
        tei_child(bibl, "author", "Wikipedia contributors")
        tei_child(bibl, "edition", "An early revision of the English article (also titled “Sovietization of "
                                   "Azerbaijan”); its revision number and date are not known to the editors.")
        tei_child(bibl, "ref", WITNESS_URL, target=WITNESS_URL)
        tei_child(bibl, "note", "The edition's only witness is a plain-text copy of that revision: the infobox "
                                "flattened to rows of the form “Key: | value |”, the section headings lost, the "
                                "citation markers [1]–[7] kept without the reference list they point to, and three "
                                "announced passages missing. The copy entered the project byte for byte as "
                                "data/source/witness.txt (SHA-256 "
                                f"{hashlib.sha256(config.witness_path(self.env).read_bytes()).hexdigest()}).")
        tei_child(bibl, "availability").append(self._licence_element())
        encoding = tei_child(header, "encodingDesc")
        project = tei_child(encoding, "projectDesc")
        tei_child(project, "p", "A digital critical edition of one text, generated from the same markup as the "
                                f"HTML book ({facts.url}) and its PDF.")
        editorial = tei_child(encoding, "editorialDecl")
        for section in self.env.get_doctree(PRINCIPLES_DOC).findall(nodes.section):
            if section.parent is None or not isinstance(section.parent, nodes.section):
                continue  # the page's own title; its sections are the principles
            group = tei_child(editorial, "p")
            tei_child(group, "label", section[0].astext())
            for child in section.children[1:]:
                if not isinstance(child, nodes.section):
                    self.prose(group, child if not isinstance(child, nodes.paragraph) else _inline_paragraph(child))
        profile = tei_child(header, "profileDesc")
        languages = tei_child(profile, "langUsage")
        tei_child(languages, "language", "English", ident="en")

    def _licence_element(self) -> etree._Element:
        licence = etree.Element(f"{{{TEI_NS}}}licence", target=LICENCE_URL)
        licence.text = LICENCE_NAME
        return licence

    def registers(self, stand_off: etree._Element) -> None:
        lists = {"person": ("listPerson", "person"), "place": ("listPlace", "place"), "org": ("listOrg", "org")}
        for kind, (list_tag, entry_tag) in lists.items():
            listing = tei_child(stand_off, list_tag)
            found = authority.identifiers(kind, self.env)
            for key, row in config.register(self.env, kind).iterrows():
                entry = tei_child(listing, entry_tag)
                entry.set(XML_ID, f"{kind}-{key}")
                tei_child(entry, NAME_ELEMENTS[kind], row["name"])
                if kind == "person":
                    if row.get("born"):
                        tei_child(entry, "birth", row["born"])
                    if row.get("died"):
                        tei_child(entry, "death", row["died"])
                coordinates = authority.coordinates(key, self.env) if kind == "place" else None
                if coordinates:
                    latitude, longitude = coordinates
                    location = tei_child(entry, "location")
                    tei_child(location, "geo", f"{latitude} {longitude}")
                for identifier in found.get(key, []):
                    tei_child(entry, "idno", identifier.value, type_=identifier.authority)
                if row["identification"]:
                    tei_child(entry, "note", _plain(row["identification"]))
                self._count(entry_tag)

    def bibliography_list(self, back: etree._Element) -> None:
        div = tei_child(back, "div", type_="bibliography")
        listing = tei_child(div, "listBibl")
        for key, entry in self.bibliography.entries.items():
            bibl = tei_child(listing, "bibl", type_=entry.type)
            bibl.set(XML_ID, key)
            for role in ("author", "editor"):
                for person in entry.persons.get(role, []):
                    tei_child(bibl, role, " ".join(person.last_names) + ", "
                              + " ".join(person.first_names + person.middle_names))
            fields = entry.fields
            level = "a" if entry.type in ("article", "incollection") else "m"
            tei_child(bibl, "title", _unbrace(fields.get("title", "")), level=level)
            for field, level in (("journal", "j"), ("booktitle", "m")):
                if field in fields:
                    tei_child(bibl, "title", _unbrace(fields[field]), level=level)
            for field, tag in (("edition", "edition"), ("publisher", "publisher"), ("school", "publisher"),
                               ("address", "pubPlace"), ("year", "date"), ("volume", "biblScope"),
                               ("pages", "biblScope")):
                if field in fields:
                    element = tei_child(bibl, tag, _unbrace(fields[field]))
                    if tag == "biblScope":
                        element.set("unit", "volume" if field == "volume" else "page")
            for field, kind in (("isbn", "ISBN"), ("doi", "DOI")):
                if field in fields:
                    tei_child(bibl, "idno", fields[field], type_=kind)
            if "url" in fields:
                tei_child(bibl, "ref", fields["url"], target=fields["url"])
            self._count("bibl")
