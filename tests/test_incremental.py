"""Incremental builds, on the small markup project: a rebuild with nothing changed reads nothing; an
edited chapter is read again with the register and apparatus pages that list its marks, and no other
page; the sitemap still lists every page afterwards. (How long the builds take is `make bench`'s.)"""

from __future__ import annotations

import re
import shutil
from io import StringIO

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

    sitemap = (srcdir / "_build" / "html" / "sitemap.xml").read_text("utf-8")
    listed = set(re.findall(r"<loc>https://example\.org/edition/([^<]+)</loc>", sitemap))
    assert listed >= {"index.html", "registers.html", "bibliography.html"}, listed
