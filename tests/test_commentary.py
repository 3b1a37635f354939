"""The historiographical commentary and the bibliography.

- enough notes, each referenced exactly once and defined in its own chapter;
- every note either cites a work or says plainly what the editors could not establish;
- every ``{cite}`` key is in ``book/references.bib`` and every entry there is cited;
- the cited works cover the four historiographical schools the commentary attributes readings to;
- every note renders in the HTML as a side note, marked as the editors', with its citations resolved;
- the bibliography page lists each work exactly once;
- the diplomatic text still equals the witness with all the note references in place.
"""

import re
from collections import Counter

import pytest
from docutils import nodes
from pybtex.database import parse_file

from azedition.data import witness_text
from azedition.diplomatic import DOCTREE_DIR, diplomatic_text
from azedition.paths import BOOK_DIR, BUILD_DIR

from support.sources import cited_keys, commentary_notes, footnote_references

MINIMUM_NOTES = 30
CHAPTERS = sorted((BOOK_DIR / "text").glob("*.md"))
BIBLIOGRAPHY = BOOK_DIR / "references.bib"
SCHOOLS = {"soviet", "azerbaijani-post1991", "western", "russian-postsoviet"}
# A note without a citation must say what the editors could not establish, in so many words.
HONEST_UNCERTAINTY = re.compile(
    r"does not say|cannot|have not (found|verified|seen|checked|fixed)|not known|unverified|unclear|lost")


def _all_notes():
    return {(path.name, name): text for path in CHAPTERS for name, text in commentary_notes(path).items()}


def _bibliography_entries():
    return parse_file(str(BIBLIOGRAPHY), bib_format="bibtex").entries


def _markdown_sources():
    return {path: path.read_text("utf-8") for path in BOOK_DIR.rglob("*.md")}


def test_there_are_enough_commentary_notes():
    assert len(_all_notes()) >= MINIMUM_NOTES


@pytest.mark.parametrize("chapter", CHAPTERS, ids=lambda p: p.name)
def test_each_note_is_referenced_exactly_once_in_its_chapter(chapter):
    references = Counter(footnote_references(chapter))
    definitions = set(commentary_notes(chapter))
    assert set(references) == definitions, set(references) ^ definitions
    assert all(count == 1 for count in references.values()), references


def test_every_note_cites_a_work_or_states_what_is_not_known():
    unsupported = [key for key, text in _all_notes().items()
                   if not cited_keys(text) and not HONEST_UNCERTAINTY.search(text)]
    assert not unsupported, unsupported


def test_most_notes_cite_a_work():
    notes = _all_notes()
    citing = [key for key, text in notes.items() if cited_keys(text)]
    assert len(citing) >= 0.8 * len(notes), f"only {len(citing)} of {len(notes)} notes cite a work"


def test_every_cited_key_is_in_the_bibliography():
    entries = _bibliography_entries()
    unknown = {(path.name, key) for path, text in _markdown_sources().items()
               for key in cited_keys(text) if key not in entries}
    assert not unknown, unknown


def test_every_bibliography_entry_is_cited():
    cited = {key for text in _markdown_sources().values() for key in cited_keys(text)}
    uncited = set(_bibliography_entries()) - cited
    assert not uncited, uncited


def test_the_cited_works_cover_every_school():
    cited = {key for text in _markdown_sources().values() for key in cited_keys(text)}
    schools = Counter()
    for key, entry in _bibliography_entries().items():
        if key in cited:
            for keyword in entry.fields.get("keywords", "").split(","):
                schools[keyword.strip()] += 1
    assert SCHOOLS <= set(schools), SCHOOLS - set(schools)
    assert all(schools[school] >= 2 for school in SCHOOLS), schools


def test_partial_entries_keep_their_gaps():
    """The two entries known without a year stay ``n.d.``; nothing was filled in by guess."""
    entries = _bibliography_entries()
    for key in ("arutyunov_dosie", "shirokorad_piraty"):
        assert entries[key].fields["year"] == "n.d."
        assert "publisher" not in entries[key].fields


def test_added_entries_record_how_they_were_verified():
    shared = {"swietochowski1985russian", "altstadt1992azerbaijani", "kazemzadeh1951struggle",
              "pipes1964formation", "suny1972baku", "smith2001anatomy", "brinegar2014baku",
              "smele2015russian", "vanderleeuw2000azerbaijan", "gasimov2007lost", "hasanli2014foreign",
              "hasanli2018sovietization", "balayev2009rasulzade", "maxwell1999last", "tokarzhevsky1957iz",
              "kadishev1960interventsiia", "mikoyan1999tak", "kvashonkin1996bolshevistskoe",
              "veselov2021bolsheviki", "arutyunov_dosie", "shirokorad_piraty", "brinegar2017oil"}
    for key, entry in _bibliography_entries().items():
        if key not in shared:
            assert "search tool" in entry.fields.get("verification", ""), key


@pytest.mark.parametrize("chapter", CHAPTERS, ids=lambda p: p.name)
def test_every_note_renders_as_an_editorial_side_note(chapter, html_pages):
    page = html_pages[f"book/text/{chapter.stem}.html"]
    article = page.select_one("article")
    notes = commentary_notes(chapter)
    toggles = article.select("input.margin-toggle[id^=sidenote-role-]")
    assert len(toggles) == len(notes)
    shown = article.select("span.sidenote:not(.d-n)")
    assert len(shown) == len(notes)
    assert all("editorial" in note["class"] for note in shown)
    text = " ".join(" ".join(note.get_text().split()) for note in shown)
    for name, body in notes.items():
        opening = " ".join(re.sub(r"\{[a-z:]+\}`[^`]*`", "", body).split()[:6])
        assert opening in text, (name, opening)
    assert not article.select("aside.footnote, .footnote-list"), "a note was left as a plain footnote"
    assert "pending_xref" not in str(article)


@pytest.mark.parametrize("chapter", CHAPTERS, ids=lambda p: p.name)
def test_side_notes_inside_witness_frames_are_marked_editorial(chapter, html_pages):
    article = html_pages[f"book/text/{chapter.stem}.html"].select_one("article")
    for frame in article.select(".witness-paragraph"):
        for note in frame.select(".sidenote, .marginnote"):
            assert "editorial" in note["class"]
        assert not frame.select(".sidenote.witness-paragraph"), "a note took over its frame's class"
    ids = [tag["id"] for tag in article.select("[id]")]
    assert len(ids) == len(set(ids)), "duplicate ids on the page"


def test_citations_resolve_to_the_bibliography_page(html_pages):
    links = [a for page, soup in html_pages.items() if page.startswith("book/text/")
             for a in soup.select("span.bibtex-citation a")]
    assert len(links) >= MINIMUM_NOTES
    assert all(a["href"].startswith("../apparatus/bibliography.html#") for a in links)
    assert all(re.search(r"\d{4}|n\.d\.", a.get_text()) for a in links)


def test_a_citation_names_one_work_only(html_pages):
    """Works that share author and year (undated articles of one encyclopedia) are cited with the
    bibliography's letters, "Wikipedia, n.d.a" and "Wikipedia, n.d.b": the same words never lead to two
    works, anywhere in the book."""
    works_by_text = {}
    for soup in html_pages.values():
        for citation in soup.select("span.bibtex-citation"):
            links = citation.select("a")
            for link in links:
                # a textual citation, Smith (2001), links the year alone: its words are the whole citation's
                words = (citation if len(links) == 1 else link).get_text()
                works_by_text.setdefault(" ".join(words.split()), set()).add(link["href"].rsplit("#", 1)[1])
    assert len(works_by_text) >= 40
    ambiguous = {text: targets for text, targets in works_by_text.items() if len(targets) > 1}
    assert not ambiguous, ambiguous
    assert {"Wikipedia, n.d.a", "Wikipedia, n.d.b"} <= set(works_by_text)


def test_bibliography_page_lists_each_work_once(html_pages):
    page = html_pages["book/apparatus/bibliography.html"]
    entries = page.select("article div.citation, article dl.citation > dt")
    labels = [" ".join(entry.get_text().split()) for entry in entries]
    assert len(labels) == len(_bibliography_entries())
    assert len(set(labels)) == len(labels)


def test_diplomatic_text_holds_with_the_note_references_in_place(html_dir):
    import pickle

    references = 0
    for path in DOCTREE_DIR.rglob("*.doctree"):
        doctree = pickle.loads(path.read_bytes())
        for frame in doctree.findall(nodes.container):
            if "witness-paragraph" in frame.get("classes", []):
                references += len(list(frame.findall(nodes.footnote_reference)))
    assert references >= MINIMUM_NOTES - 3  # the infobox notes stand in the editors' introduction
    assert diplomatic_text(DOCTREE_DIR) == witness_text()


def test_notes_are_real_footnotes_in_the_latex_edition():
    """The side notes are an HTML matter: the LaTeX (PDF) edition keeps every note as a footnote.
    Read from the LaTeX source that `make pdf` (run by `make test` first) wrote."""
    tex_path = BUILD_DIR / "latex" / "azedition.tex"
    if not tex_path.exists():
        pytest.fail(f"{tex_path} is not built: run `make test`, which runs `make pdf` first")
    tex = tex_path.read_text("utf-8")
    assert tex.count(r"\begin{footnote}") >= len(_all_notes())
    assert "sidenote" not in tex
