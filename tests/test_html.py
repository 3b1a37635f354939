"""The rendered HTML: every witness sentence, paragraph anchors and numbers, and links that resolve."""

import re
from urllib.parse import urljoin, urlparse

import pytest

from support.sources import witness_sentences


def _witness_text_in_html(pages):
    """The text of every witness container in the book, with the editors' additions removed."""
    chunks = []
    for soup in pages.values():
        for container in soup.select(".witness-paragraph, .witness-infobox"):
            container = container.__copy__()
            for editorial in container.select(".editorial, button"):
                editorial.decompose()
            chunks.append(" ".join(container.get_text().split()))
    return " ".join(chunks)


def test_every_witness_sentence_is_in_the_html(html_pages):
    shown = _witness_text_in_html(html_pages)
    sentences = witness_sentences()
    assert len(sentences) > 60
    missing = [s for s in sentences if " ".join(s.split()) not in shown]
    assert not missing, f"{len(missing)} witness sentences not found in the HTML, first: {missing[:3]}"


def test_every_paragraph_has_anchor_and_visible_number(html_pages):
    found = {}
    for page, soup in html_pages.items():
        for container in soup.select(".witness-paragraph"):
            number = container.select_one("a.pnum")
            assert number is not None and number["href"] == f"#{container['id']}"
            found[container["id"]] = (page, number.get_text())
    assert sorted(found, key=lambda a: int(a[1:])) == [f"p{n}" for n in range(1, 15)]
    assert all(label == f"¶{anchor[1:]}" for anchor, (_, label) in found.items())


def test_paragraphs_follow_reading_order_across_chapters(html_pages):
    chapters = sorted(p for p in html_pages if p.startswith("book/text/"))
    order = [c["id"] for page in chapters for c in html_pages[page].select(".witness-paragraph")]
    assert order == [f"p{n}" for n in range(1, 15)]


def test_every_internal_link_target_exists(html_dir, html_pages):
    broken = []
    for page, soup in html_pages.items():
        for link in soup.select("article a[href]"):
            url = urljoin(page, link["href"])
            parsed = urlparse(url)
            if parsed.scheme or not parsed.path.endswith(".html"):
                continue
            target = html_pages.get(parsed.path)
            if target is None:
                broken.append((page, link["href"]))
            elif parsed.fragment and not target.find(id=parsed.fragment):
                broken.append((page, link["href"]))
    assert not broken, broken[:5]


def test_every_mention_links_to_a_register_entry(html_pages):
    # Resolved against the page, since a name in an apparatus note links within book/apparatus/.
    mentions = [urljoin(page, a["href"]) for page, soup in html_pages.items()
                for a in soup.select("a:has(> .entity)")]
    assert len(mentions) > 100
    assert all(re.search(r"apparatus/(persons|places|organizations)\.html#(person|place|org)-", url)
               for url in mentions)


def test_register_lists_the_paragraphs_that_name_an_entry(html_pages):
    khoyski = html_pages["book/apparatus/persons.html"].find(id="person-khoyski")
    backlinks = [a.get_text() for a in khoyski.select(".backlinks a")]
    assert backlinks == ["¶3", "¶4", "¶8"]


@pytest.mark.parametrize("anchor", ["infobox", "p1", "p14"])
def test_copy_link_script_is_loaded_for_paragraphs(html_pages, anchor):
    page = next(s for s in html_pages.values() if s.find(id=anchor))
    assert page.find("script", src=re.compile(r"edition\.js"))


def test_chapter_titles_are_marked_as_supplied(html_pages):
    for page in (p for p in html_pages if p.startswith("book/text/")):
        heading = html_pages[page].select_one("article h1")
        assert heading.select_one(".supplied"), page
        assert "⟨" in heading.get_text()


def test_infobox_commanders_are_separated_into_persons(html_pages):
    page = html_pages["book/text/01-overview.html"]
    rows = {row.find("td").get_text(strip=True): row for row in page.select(".infobox-table tr")}
    commanders = [a.get_text() for a in rows["Commander1"].select(".entity.person")]
    assert commanders == ["Mikhail Levandovsky", "Mikhail Yefremov", "Anastas Mikoyan",
                          "Gazanfar Musabekov", "Nariman Narimanov", "Chingiz Ildyrym"]
    assert len(rows["Commander1"].select(".supplied")) == 5
