"""`make repro` compares two clean builds file by file (the builds themselves run in `make bench`, not
here); this checks that the comparison names every kind of difference, and that the reproducible
names of sphinx-tippy's scripts depend on the page and the commit, not on chance."""

import uuid

from azedition import reproducible
from tools import repro


def test_the_comparison_names_changed_and_missing_files(tmp_path):
    first, second = tmp_path / "a", tmp_path / "b"
    for folder in (first, second):
        (folder / "sub").mkdir(parents=True)
        (folder / "same.html").write_text("x")
    (first / "sub" / "page.js").write_text("1")
    (second / "sub" / "page.js").write_text("2")
    (first / "only.txt").write_text("")
    assert repro.compare(repro.digests(first), repro.digests(second)) == ["sub/page.js", "only.txt (only in one build)"]
    assert repro.compare(repro.digests(first), repro.digests(first)) == []


def test_tip_script_names_are_a_function_of_page_and_commit(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    names = []
    for page in ("book/index", "book/index", "book/text/01-overview"):
        reproducible.remember_page(None, page, None, {}, None)
        names.append(reproducible._page_uuid())
    assert names[0] == names[1] != names[2]
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000001")
    reproducible.remember_page(None, "book/index", None, {}, None)
    assert reproducible._page_uuid() != names[0]
    assert isinstance(names[0], uuid.UUID)
