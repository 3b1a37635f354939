"""The TEI P5 export (azedition.tei): valid against tei_all, faithful to the witness, every reference
resolved, and the same ids, identifiers, bibliography keys and version as the book."""

import re
import time

import pytest
from lxml import etree
from pybtex.database import parse_file

from azedition import data
from azedition.authority import identifiers
from azedition.edition import edition
from azedition.paths import BOOK_DIR, PROJECT_ROOT
from azedition.tei import TEI_PATH

NS = {"tei": "http://www.tei-c.org/ns/1.0", "xml": "http://www.w3.org/XML/1998/namespace"}
TEI = "{http://www.tei-c.org/ns/1.0}"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
SCHEMA = PROJECT_ROOT / "tests" / "schemas" / "tei_all.rng"
# What the diplomatic reading leaves out: the editors' corrections, additions and notes.
EDITORIAL_ELEMENTS = {f"{TEI}corr", f"{TEI}supplied", f"{TEI}note", f"{TEI}gap"}


@pytest.fixture(scope="session")
def tei(html_dir):
    path = html_dir / TEI_PATH
    assert path.exists(), "the HTML build writes tei/azedition.xml"
    return etree.parse(str(path))


@pytest.fixture(scope="session")
def tei_all():
    started = time.perf_counter()
    schema = etree.RelaxNG(etree.parse(str(SCHEMA)))
    print(f"tei_all.rng loaded in {time.perf_counter() - started:.1f} s")
    return schema


def reading(element) -> str:
    """The witness's own words under ``element``: sic kept; corr, supplied, note and gap left out."""
    if element.tag in EDITORIAL_ELEMENTS:
        return ""
    if element.tag == f"{TEI}lb":
        return "\n"
    return (element.text or "") + "".join(reading(child) + (child.tail or "") for child in element)


def test_the_tei_is_valid_against_tei_all(tei, tei_all):
    valid = tei_all.validate(tei)
    assert valid, "\n".join(f"line {error.line}: {error.message}" for error in list(tei_all.error_log)[:10])


def test_an_invalid_document_is_caught(tei, tei_all):
    broken = etree.fromstring(etree.tostring(tei))
    broken.find(".//tei:body//tei:p", NS).append(etree.Element(f"{TEI}title"))  # title in a paragraph is fine
    broken.find(".//tei:body//tei:p", NS).append(etree.Element(f"{TEI}listPerson"))  # a list there is not
    assert not tei_all.validate(broken)


def test_the_diplomatic_reading_equals_the_witness(tei):
    body = tei.find(".//tei:text/tei:body", NS)
    rows = [reading(ab) for ab in body.iterfind(".//tei:div[@type='infobox']/tei:ab", NS)]
    paragraphs = sorted(body.iterfind(".//tei:p[@n]", NS), key=lambda p: int(p.get("n")))
    assert [p.get("n") for p in paragraphs] == [str(n) for n in range(1, 15)]
    rebuilt = "\n".join(rows + [reading(p) for p in paragraphs])
    witness = data.witness_text()
    if rebuilt != witness:
        first = next(i for i, (a, b) in enumerate(zip(rebuilt, witness, strict=False)) if a != b)
        pytest.fail(f"differs at character {first}: {rebuilt[first - 40:first + 40]!r} "
                    f"vs {witness[first - 40:first + 40]!r}")


def test_paragraphs_carry_the_html_ids(tei, html_pages):
    html_ids = {element["id"] for soup in html_pages.values() for element in soup.select("[id^=p]")}
    for paragraph in tei.iterfind(".//tei:body//tei:p[@n]", NS):
        assert paragraph.get(XML_ID) == f"p{paragraph.get('n')}"
        assert paragraph.get(XML_ID) in html_ids
    assert tei.find(".//tei:div[@type='infobox']", NS).get(XML_ID) == "infobox"


def test_every_reference_resolves(tei):
    ids = {element.get(XML_ID) for element in tei.iter() if element.get(XML_ID)}
    pointers = []
    for element in tei.iter():
        for attribute in ("ref", "target", "corresp"):
            for pointer in (element.get(attribute) or "").split():
                if pointer.startswith("#"):
                    pointers.append(pointer[1:])
    names = tei.findall(".//tei:body//tei:persName", NS) + tei.findall(".//tei:body//tei:placeName", NS) \
        + tei.findall(".//tei:body//tei:orgName", NS)
    assert len(names) >= 100 and all(name.get("ref") for name in names)
    assert len(pointers) > len(names)
    unresolved = sorted(set(pointers) - ids)
    assert not unresolved, unresolved


def test_the_registers_and_the_bibliography_are_the_projects(tei):
    for kind, tag in (("person", "person"), ("place", "place"), ("org", "org")):
        keys = [element.get(XML_ID) for element in tei.iterfind(f".//tei:standOff//tei:{tag}", NS)]
        assert keys == [f"{kind}-{key}" for key in data.register(kind).index]
        for key, found in identifiers(kind).items():
            entry = tei.find(f".//tei:standOff//tei:{tag}[@xml:id='{kind}-{key}']", NS)
            assert [(i.get("type"), i.text) for i in entry.iterfind("tei:idno", NS)] == \
                [(f.authority, f.value) for f in found]
    baku = tei.find(".//tei:place[@xml:id='place-baku']/tei:location/tei:geo", NS)
    assert baku.text == "40.37767 49.89201"
    keys = [bibl.get(XML_ID) for bibl in tei.iterfind(".//tei:listBibl/tei:bibl", NS)]
    assert keys == list(parse_file(str(BOOK_DIR / "references.bib")).entries)


def test_the_editorial_acts_are_encoded(tei):
    body = tei.find(".//tei:text/tei:body", NS)
    apparatus = data.apparatus()
    assert len(body.findall(".//tei:choice", NS)) == len(apparatus[apparatus["kind"] == "emendation"])
    assert all(choice.find("tei:sic", NS) is not None and choice.find("tei:corr", NS).text
               for choice in body.iterfind(".//tei:choice", NS))
    assert len(body.findall(".//tei:gap[@reason='missing']", NS)) == 3
    markers = [ref.text for ref in body.iterfind(".//tei:ref[@type='lost-reference']", NS)]
    assert sorted(set(markers)) == [f"[{n}]" for n in range(1, 8)]
    assert len(body.findall(".//tei:note[@type='commentary']", NS)) >= 40


def test_the_header_names_the_version_licence_and_witness(tei):
    header = tei.find("tei:teiHeader", NS)
    assert header.find(".//tei:titleStmt/tei:title", NS).text == edition().title
    assert header.find(".//tei:editionStmt/tei:edition", NS).get("n") == edition().version
    assert header.find(".//tei:publicationStmt//tei:licence", NS).get("target").endswith("/by-sa/4.0/")
    source = header.find(".//tei:sourceDesc/tei:bibl", NS)
    assert "Red Army invasion of Azerbaijan" in etree.tostring(source, encoding="unicode")
    assert re.search(r"SHA-256 [0-9a-f]{64}", "".join(source.itertext()))
    assert len(header.findall(".//tei:editorialDecl/tei:p", NS)) >= 4
