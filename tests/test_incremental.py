"""Incremental builds, on the small markup project: a rebuild with nothing changed reads nothing; an
edited chapter is read again with the register and apparatus pages that list its marks, and no other
page; the sitemap still lists every page afterwards. (How long the builds take is `make bench`'s.)"""

from __future__ import annotations

import re
import shutil
import xml.etree.ElementTree as ElementTree
from io import StringIO

from bs4 import BeautifulSoup

from conftest import EDITION_CONF

SITEMAP_CONF = {
    **EDITION_CONF,
    "extensions": ["myst_parser", "sphinxcontrib.bibtex", "azedition", "sphinx_sitemap"],
    "html_baseurl": "https://example.org/edition/",
    "sitemap_url_scheme": "{link}",
}


def _read(status: str) -> set[str]:
    plain = re.sub(r"\x1b\[[0-9;]*m", "", status)
    return set(re.findall(r"reading sources\.\.\. \[\s*\d+%\] (\S+)", plain))


def test_rebuilds_read_only_what_changed_and_the_sitemap_stays_complete(make_app, rootdir, tmp_path):
    srcdir = shutil.copytree(rootdir / "test-markup", tmp_path / "book")

    def build() -> str:
        status = StringIO()
        make_app("html", srcdir=srcdir, status=status, confoverrides=SITEMAP_CONF).build()
        return status.getvalue()

    assert _read(build()) == {"index", "registers", "bibliography"}
    no_change = build()
    assert "0 added, 0 changed, 0 removed" in no_change and _read(no_change) == set()

    chapter = srcdir / "index.md"
    chapter.write_text(chapter.read_text("utf-8") + "\n% one chapter edited\n", "utf-8")
    assert _read(build()) == {"index", "registers"}  # the registers list the chapter's mentions

    sitemap = ElementTree.parse(srcdir / "_build" / "html" / "sitemap.xml")
    locations = [loc.text for loc in sitemap.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]
    listed = {loc.removeprefix("https://example.org/edition/") for loc in locations}
    assert listed >= {"index.html", "registers.html", "bibliography.html"}, listed


def test_an_edit_of_a_static_file_alone_is_copied_and_announced_to_every_page(make_app, rootdir, tmp_path):
    """Sphinx copies static files only when it writes a page; each page names them with a checksum."""
    srcdir = shutil.copytree(rootdir / "test-markup", tmp_path / "book")
    (srcdir / "_static").mkdir()
    stylesheet = srcdir / "_static" / "edition.css"
    stylesheet.write_text("p { color: black; }\n", "utf-8")
    conf = {**EDITION_CONF, "html_static_path": ["_static"], "html_css_files": ["edition.css"]}

    def build() -> None:
        make_app("html", srcdir=srcdir, status=StringIO(), confoverrides=conf).build()

    def announced() -> set[str]:
        links = set()
        for name in ("index", "registers", "bibliography"):
            page = BeautifulSoup((srcdir / "_build" / "html" / f"{name}.html").read_text("utf-8"), "html.parser")
            links |= {link["href"] for link in page.select('link[href^="_static/edition.css"]')}
        return links

    build()
    first = announced()
    stylesheet.write_text("p { color: navy; }\n", "utf-8")
    build()
    assert (srcdir / "_build" / "html" / "_static" / "edition.css").read_text("utf-8") == "p { color: navy; }\n"
    second = announced()
    assert len(first) == len(second) == 1 and first != second
