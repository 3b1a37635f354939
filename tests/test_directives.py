"""The book-level directives on small Sphinx projects (tests/roots/), each built in a second or two:
``{chart}`` (a chart glued by a notebook shown as a numbered figure in a chapter), ``{errata}`` (the
errata page generated from the verification table) and ``{edition-citation}`` (the edition's citation,
from the files of its facts beside the configuration). Each renders, and each error gives its typed warning,
shown with its type (``show_warning_types``) so that the test reads the type, not only the words."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from azedition.charts import CHARTS

from conftest import EDITION_CONF, TEST_DATA

TYPED = {**EDITION_CONF, "show_warning_types": True}


def _page(app, name: str) -> BeautifulSoup:
    return BeautifulSoup((Path(app.outdir) / f"{name}.html").read_text("utf-8"), "html.parser")


def _warnings(app) -> list[str]:
    """The build's warnings, one line each, without terminal colours."""
    text = re.sub(r"\x1b\[[0-9;]*m", "", app._warning.getvalue())
    return [line for line in text.splitlines() if "WARNING" in line]


def _copy(rootdir: Path, root: str, destination: Path) -> Path:
    return Path(shutil.copytree(rootdir / f"test-{root}", destination))


# --- {chart} --------------------------------------------------------------------------------------


@pytest.mark.sphinx("html", testroot="chart", confoverrides=TYPED)
def test_a_chart_is_a_numbered_figure_with_its_caption_alt_text_and_notebook(app):
    app.build()
    assert _warnings(app) == []
    figure = _page(app, "index").select_one("figure.azedition-chart")
    assert figure is not None and figure["id"] == "fig-membership"
    # the notebook's glued SVG, pasted into the chapter under the name myst-nb gives its bytes
    image = figure.select_one("img")
    assert image["src"].startswith("_images/") and image["src"].endswith(".svg")
    assert "<rect" in (Path(app.outdir) / image["src"]).read_text("utf-8")
    assert image["alt"] == CHARTS["membership"].alt_text()
    caption = figure.select_one("figcaption").get_text(" ", strip=True)
    assert caption.startswith("Fig. 1")
    assert figure.select_one('a[href="notebooks/party-membership.html"]') is not None
    reference = _page(app, "index").select_one('a.reference[href="#fig-membership"]')
    assert reference is not None and reference.get_text() == "Fig. 1"  # {numref} finds the figure


def test_an_unknown_chart_and_a_chart_without_image_are_typed_warnings(make_app, rootdir, tmp_path):
    srcdir = _copy(rootdir, "chart", tmp_path / "chart")
    index = srcdir / "index.md"
    chart = "```{chart} membership\n```"
    index.write_text(index.read_text("utf-8").replace(chart, chart + "\n\n```{chart} membership-by-year\n```"), "utf-8")
    notebook = srcdir / "notebooks" / "party-membership.ipynb"
    cells = json.loads(notebook.read_text("utf-8"))
    cells["cells"][1]["outputs"] = []  # the notebook was not executed: nothing glued
    notebook.write_text(json.dumps(cells), "utf-8")
    app = make_app("html", srcdir=srcdir, confoverrides=TYPED)
    app.build()
    warnings = _warnings(app)
    assert any("index.md:8: WARNING: unknown chart 'membership-by-year': register it in "
               "azedition.charts.CHARTS [azedition.chart]" in line for line in warnings), warnings
    assert any("chart figure ['fig-membership'] has no image: was its notebook executed? [azedition.chart]"
               in line for line in warnings), warnings
    assert _page(app, "index").select_one("figure.azedition-chart img") is None


# --- {errata} -------------------------------------------------------------------------------------


@pytest.mark.sphinx("html", testroot="errata", confoverrides=TYPED)
def test_the_errata_page_counts_the_verdicts_and_shows_each_change(app):
    app.build()
    assert _warnings(app) == []
    page = _page(app, "index")
    summary = page.select_one("p.errata-summary").get_text()
    assert summary.startswith("This revision checked 3 claims against the works they cite: 1 kept, "
                              "1 corrected, 0 qualified, 0 removed, 1 left unverified."), summary
    assert "1 of the 1 works concerned were read in their own text" in summary
    errata = page.select("div.erratum")
    assert [erratum["id"] for erratum in errata] == ["erratum-note-war"]  # only what changed
    assert page.select_one("div.errata-group p.rubric").get_text() == "book/index.md"
    fields = {field.strong.get_text(): field for field in errata[0].select("p.erratum-field")}
    assert fields["Before: "].get_text() == "Before: The war began in May 1920."
    assert fields["After: "].em.get_text() == "1 May"  # the statement's MyST markup, rendered
    citation = fields["Why: "].select_one("a")  # {cite:t} in the reason, linked to the works cited
    assert citation.get_text() == "Smi99" and page.find(id=citation["href"].lstrip("#")) is not None


def test_markup_in_an_errata_statement_that_names_no_entry_is_a_typed_warning(make_app, rootdir, tmp_path):
    data_dir = Path(shutil.copytree(TEST_DATA, tmp_path / "data"))
    table = data_dir / "verification.csv"
    table.write_text(table.read_text("utf-8").replace("The war began on *1 May* 1920.",
                                                      "{person}`Nobody <nobody>` began the war on 1 May 1920."),
                     "utf-8")
    srcdir = _copy(rootdir, "errata", tmp_path / "errata")
    app = make_app("html", srcdir=srcdir, confoverrides={**TYPED, "azedition_data_dir": str(data_dir)})
    app.build()
    assert any("errata/index.md:6: WARNING: unknown person key 'nobody': add it to data/persons.csv"
               in line and line.endswith("[azedition.unknown-key]") for line in _warnings(app)), _warnings(app)


# --- {edition-citation} ---------------------------------------------------------------------------


@pytest.mark.sphinx("html", testroot="citation", confoverrides=TYPED)
def test_the_edition_citation_states_the_facts_found_beside_the_configuration(app):
    app.build()
    assert _warnings(app) == []
    quote = _page(app, "index").select_one("blockquote.edition-citation")
    assert quote.get_text(" ", strip=True) == (
        "The Test Editors; Ada Example (eds.), A Test Edition , version 9.8.7, 2001-02-03, "
        "https://example.org/test-edition/ .")
    assert quote.em.get_text() == "A Test Edition"
    assert quote.select_one("a")["href"] == "https://example.org/test-edition/"


def test_an_edition_citation_without_its_facts_is_a_typed_warning(make_app, rootdir, tmp_path):
    srcdir = _copy(rootdir, "citation", tmp_path / "citation")
    (srcdir / "CITATION.cff").unlink()
    app = make_app("html", srcdir=srcdir, confoverrides=TYPED)
    app.build()
    warnings = _warnings(app)
    assert len(warnings) == 1, warnings
    assert "citation/index.md:5: WARNING:" in warnings[0] and f"{srcdir / 'CITATION.cff'}: the edition's facts " \
        "cannot be read (No such file or directory) [azedition.edition]" in warnings[0], warnings
    assert _page(app, "index").select_one("blockquote.edition-citation") is None
