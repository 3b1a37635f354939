"""The build and the data, on small projects: bad data stops the build with the validator's own lines
before anything is read; the notebook cache is reused when nothing changed and refreshed when the data
did (a real kernel executes the notebook)."""

from __future__ import annotations

import re
import shutil
from io import StringIO
from pathlib import Path

import pytest

from conftest import EDITION_CONF, TEST_DATA


def _data_copy(destination: Path) -> Path:
    shutil.copytree(TEST_DATA, destination)
    return destination


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), "utf-8")


def test_bad_data_stops_the_build_with_one_line_per_problem(make_app, rootdir, tmp_path):
    data_dir = _data_copy(tmp_path / "data")
    _edit(data_dir / "persons.csv", "khoyski,Fatali Khan Khoyski,", "Khoyski!,Fatali Khan Khoyski,")
    srcdir = shutil.copytree(rootdir / "test-markup", tmp_path / "book")
    status, warning = StringIO(), StringIO()
    # SystemExit, not an exception: Jupyter Book would print its traceback after the problem's line.
    with pytest.raises(SystemExit, match=r"1 problem\(s\) in the data package; nothing was built"):
        make_app("html", srcdir=srcdir, status=status, warning=warning,
                 confoverrides={**EDITION_CONF, "azedition_data_dir": str(data_dir)})
    lines = [re.sub(r"\x1b\[[0-9;]*m", "", line) for line in warning.getvalue().splitlines() if "WARNING" in line]
    assert len(lines) == 1, lines
    assert "persons.csv, row 1 (line 2), column 'key': 'Khoyski!' does not match the pattern" in lines[0]
    assert lines[0].endswith("[rule: pattern]")
    assert "reading sources" not in status.getvalue()  # it stops before reading anything


def test_notebook_cache_is_reused_and_refreshed_when_the_data_change(make_app, rootdir, tmp_path, monkeypatch):
    project = tmp_path / "project"
    data_dir = _data_copy(project / "data")
    (project / "book").mkdir()
    shutil.copy2(TEST_DATA / "references.bib", project / "book" / "references.bib")  # the loader's default
    monkeypatch.setenv("AZEDITION_ROOT", str(project))  # the kernel inherits it: the notebook reads this copy
    srcdir = shutil.copytree(rootdir / "test-notebook-cache", project / "book", dirs_exist_ok=True)
    conf = {"azedition_data_dir": str(data_dir), "azedition_witness_path": str(data_dir / "source" / "witness.txt")}

    def build(freshenv: bool) -> str:
        status = StringIO()
        make_app("html", srcdir=srcdir, status=status, confoverrides=conf, freshenv=freshenv).build()
        return status.getvalue()

    first = build(freshenv=True)
    assert first.count("Executing notebook") == 1, first
    page = Path(srcdir, "_build", "html", "organizations.html")
    assert "Red Army; Allied Supreme Council" in page.read_text("utf-8")

    cached = build(freshenv=True)  # the notebook is read again, but its outputs come from the cache
    assert "Executing notebook" not in cached and "Using cached notebook" in cached, cached

    _edit(data_dir / "organizations.csv", "red-army,Red Army,", "red-army,Red Army (renamed),")
    refreshed = build(freshenv=False)
    assert "data or chart code changed" in refreshed
    assert refreshed.count("Executing notebook") == 1
    assert "Red Army (renamed); Allied Supreme Council" in page.read_text("utf-8")
