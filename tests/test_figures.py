"""The charts: one accessible style, and the figures in the built book next to the passages they chart."""

import io

import matplotlib.colors as mcolors
import matplotlib.pyplot as plt
import numpy as np
import pytest

from azedition import charts

CHAPTER_FIGURES = {  # chart key -> (chapter page, the paragraph it charts, the paragraph after it or None)
    "congress-composition": ("book/text/02-communist-party.html", "p2", None),
    "membership": ("book/text/04-communists-and-karabakh.html", "p5", "p6"),
    "order-of-battle": ("book/text/06-cabinet-crisis-and-invasion.html", "p10", None),
    "forces-by-source": ("book/text/04-communists-and-karabakh.html", "p6", None),
}
NOTEBOOK_PAGES = ["notebooks/party-membership.html", "notebooks/army-composition.html",
                  "notebooks/chronology.html"]


def contrast(foreground: str, background: str) -> float:
    """WCAG 2 contrast ratio of two colours."""
    def luminance(colour):
        channels = np.array(mcolors.to_rgb(colour))
        linear = np.where(channels <= 0.03928, channels / 12.92, ((channels + 0.055) / 1.055) ** 2.4)
        return float(linear @ [0.2126, 0.7152, 0.0722])
    high, low = sorted([luminance(foreground), luminance(background)], reverse=True)
    return (high + 0.05) / (low + 0.05)


# --- the style -----------------------------------------------------------------------------------


def test_palette_is_okabe_ito_and_text_is_high_contrast():
    assert set(charts.SERIES_COLOURS) <= set(charts.OKABE_ITO.values())
    assert contrast(charts.INK, charts.PAPER) >= 7
    assert contrast(charts.MUTED, charts.PAPER) >= 4.5


def test_every_chart_has_a_caption_and_alt_text_and_a_drawing_function():
    for key, chart in charts.CHARTS.items():
        assert len(chart.caption) > 80 and len(chart.alt_text()) > 80, key
        assert chart.alt_text() != chart.caption
        assert callable(getattr(charts, key.replace("-", "_")))


@pytest.mark.parametrize("key", list(charts.CHARTS))
def test_chart_is_labelled_and_printed_on_an_opaque_card(key):
    figure = charts.draw(key)
    axes = figure.axes[0]
    assert axes.get_title() and axes.get_xlabel()
    assert figure._supxlabel is not None and "Source" in figure._supxlabel.get_text()
    png = charts.png_bytes(figure)
    plt.close(figure)
    image = plt.imread(io.BytesIO(png))
    assert image.shape[2] == 3 or (image[..., 3] == 1).all()  # no transparency: readable on a dark page
    assert image.shape[1] >= 1000  # print resolution: at least 1000 px wide


def test_series_are_told_apart_without_colour():
    figure = charts.congress_composition()
    hatches = [patch.get_hatch() for patch in figure.axes[0].patches]
    plt.close(figure)
    assert len(set(hatches)) == len(hatches) == 4
    markers = [style["marker"] for style in charts.CORROBORATION_STYLE.values()]
    assert len(set(markers)) == len(markers)


def test_a_lower_bound_is_not_drawn_as_a_point_value():
    figure = charts.order_of_battle()
    texts = [t.get_text() for t in figure.axes[0].texts]
    arrows = [a for a in figure.axes[0].texts if getattr(a, "arrow_patch", None) is not None]
    plt.close(figure)
    assert any(t.startswith("over 30,000") for t in texts)
    assert arrows, "the open end of 'over 30,000' must be drawn"


# --- the built book --------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def notebook_pages(html_pages):
    """The notebooks' pages in the built book."""
    pages = {page: soup for page, soup in html_pages.items() if page.startswith("notebooks/")}
    assert sorted(pages) == sorted(NOTEBOOK_PAGES)
    return pages


@pytest.mark.parametrize("key", list(CHAPTER_FIGURES))
def test_chapter_shows_the_chart_next_to_its_paragraph(key, html_dir, html_pages):
    page, paragraph, following = CHAPTER_FIGURES[key]
    soup = html_pages[page]
    figure = soup.find("figure", id=f"fig-{key}")
    assert figure is not None, f"no figure fig-{key} in {page}"
    anchor = soup.find(id=paragraph)
    assert anchor in figure.find_all_previous(), "the figure must follow the paragraph it charts"
    if following:
        assert soup.find(id=following) in figure.find_all_next()
    image = figure.find("img")
    assert image["alt"] == charts.CHARTS[key].alt_text()
    shown = (html_dir / page).parent.joinpath(image["src"]).resolve().read_bytes()
    if charts.html_format(key) == "svg":  # vector, its text kept as text
        assert image["src"].endswith(".svg") and b"<svg" in shown[:400] and b"<text" in shown
    else:
        assert shown[:8] == b"\x89PNG\r\n\x1a\n"
    caption = figure.find("figcaption")
    assert caption.select_one(".caption-number").get_text().startswith("Fig. ")
    assert " ".join(charts.CHARTS[key].caption.split()) in " ".join(caption.get_text().split())
    notebook_link = caption.select_one(".legend a")
    assert notebook_link["href"].endswith(charts.CHARTS[key].notebook.split("/")[-1] + ".html")


@pytest.mark.parametrize("page", NOTEBOOK_PAGES)
def test_notebook_page_shows_its_executed_figures(page, html_dir, notebook_pages):
    soup = notebook_pages[page]
    keys = [k for k, chart in charts.CHARTS.items() if page.startswith(chart.notebook)]
    assert keys
    for key in keys:
        figure = soup.find("figure", id=f"nb-{key}")
        assert figure is not None and figure.find("img")["alt"] == charts.CHARTS[key].alt_text()
        assert (html_dir / page).parent.joinpath(figure.find("img")["src"]).resolve().exists()
    assert not soup.select(".output.error, .output.traceback")


def test_chronology_page_links_each_event_to_its_paragraph(html_dir, notebook_pages):
    table = notebook_pages["notebooks/chronology.html"].select_one("table.chronology-table")
    links = table.select("tbody a")
    assert len(links) == len(table.select("tbody tr")) >= 15
    for link in links:
        path, anchor = link["href"].split("#")
        target = (html_dir / "notebooks" / path).resolve()
        assert target.exists() and f'id="{anchor}"' in target.read_text("utf-8"), link["href"]
