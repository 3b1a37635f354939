"""The book in Debian's Chromium: a reader's journeys work (that every page loads cleanly and locally is
checked with its accessibility, in tests/test_accessibility.py, on the same page load).

Served from _build/html on 127.0.0.1 (fixtures in conftest.py). A test that needs footnotes, figures
or notebooks fails when the build has none of them: a missing chart is a defect, not a reason to skip.
"""

from __future__ import annotations

import base64
import json
import re
from collections import Counter
from urllib.parse import urljoin

import pytest
import yaml

from azedition.paths import BUILD_DIR, PROJECT_ROOT
from tools.browser import book_pages, contrast_ratio, load

PAGES = book_pages(BUILD_DIR / "html") or ["book/index.html"]
CHAPTER = "book/text/03-chicherin-notes.html"
AA_TEXT = 4.5  # WCAG 2.1 AA contrast for body text
AA_GRAPHICS = 3.0  # WCAG 2.1 AA (1.4.11) contrast for the parts of a chart needed to read it


def _target_in_view(page) -> str:
    """The id of the element the URL's fragment points at, asserting that it is on screen."""
    box = page.evaluate("""() => {
        const target = document.querySelector(':target');
        if (!target) return null;
        const rect = target.getBoundingClientRect();
        return {id: target.id, top: rect.top, bottom: rect.bottom, height: window.innerHeight};
    }""")
    assert box is not None, f"no element is the target of {page.url}"
    assert box["top"] < box["height"] and box["bottom"] > 0, f"#{box['id']} is not scrolled into view"
    return box["id"]


def test_theme_icons_are_drawn_without_fontawesome_script(page, site_url):
    load(page, site_url + CHAPTER)
    assert page.locator("script[src*='fontawesome']").count() == 0
    icons = page.locator("i.fa-magnifying-glass:visible, i.fa-circle-half-stroke:visible, i.fa-bars:visible")
    assert icons.count() >= 3
    for icon in icons.all():
        box = icon.bounding_box()
        assert box and box["width"] > 8 and box["height"] > 8
        mask = icon.evaluate(
            "icon => getComputedStyle(icon).maskImage || getComputedStyle(icon).webkitMaskImage"
        )
        assert mask.startswith('url("data:image/svg+xml'), mask


def test_every_icon_the_pages_use_has_a_drawing(html_dir):
    from azedition.reader import ICONS_CSS, icons_used

    stylesheet = (html_dir / "_static" / ICONS_CSS).read_text("utf-8")
    used = icons_used(html_dir)
    assert ("fa-solid", "magnifying-glass") in used and ("fas", "download") in used
    undrawn = [
        f"{style} fa-{name}"
        for style, name in used
        if not re.search(
            rf"\.{style}\.fa-{name} {{ width: [\d.]+em; --edition-icon: url\(\"data:image/svg\+xml,",
            stylesheet,
        )
    ]
    assert not undrawn, undrawn


def test_search_for_a_person_reaches_the_paragraph(page, site_url):
    load(page, site_url + "search.html?q=Khoyski")
    result = page.locator("#search-results li a[href*='book/text/']").first
    result.wait_for(timeout=15000)
    result.click()
    page.wait_for_load_state("networkidle")
    assert "book/text/" in page.url  # Sphinx passes the search terms to the page in localStorage
    highlighted = page.locator(".witness-paragraph span.highlighted, .witness-infobox span.highlighted").first
    highlighted.wait_for(timeout=10000)
    assert highlighted.inner_text().lower() == "khoyski"
    paragraph_id = highlighted.evaluate("mark => mark.closest('[id]').id")
    assert re.fullmatch(r"p\d+|infobox", paragraph_id)
    highlighted.scroll_into_view_if_needed()
    assert highlighted.is_visible()


def test_person_link_leads_to_the_register_and_back(page, site_url):
    load(page, site_url + CHAPTER)
    mention = page.locator("#p3 a:has(> .entity.person)").first
    register_anchor = mention.get_attribute("href").split("#")[1]
    mention.click()
    page.wait_for_url(re.compile(r"apparatus/persons\.html#" + register_anchor))
    assert _target_in_view(page) == register_anchor
    # the entry names the paragraph the reader came from; following it returns there
    page.locator(f"#{register_anchor} .backlinks a[href$='03-chicherin-notes.html#p3']").click()
    page.wait_for_url(re.compile(r"03-chicherin-notes\.html#p3$"))
    assert _target_in_view(page) == "p3"
    page.go_back()
    page.wait_for_url(re.compile(r"persons\.html#" + register_anchor))
    page.go_back()
    page.wait_for_url(re.compile(r"03-chicherin-notes\.html$"))


def test_hovering_a_person_shows_the_register_entry(page, site_url):
    load(page, site_url + CHAPTER)
    mention = page.locator("#p3 a:has(> .entity.person)").first
    key = mention.get_attribute("href").split("#")[1]
    mention.hover()
    tip = page.locator(".tippy-box").first
    tip.wait_for(state="visible", timeout=15000)
    expected = page.evaluate(
        "async ([url, key]) => { const html = await (await fetch(url)).text();"
        " return new DOMParser().parseFromString(html, 'text/html').getElementById(key)"
        ".querySelector('.rubric').textContent; }",
        [urljoin(page.url, mention.get_attribute("href")), key],
    )
    def words(text):  # the tooltip may break the heading before the life dates; compare the words
        return " ".join(text.split())

    assert words(expected) and words(expected) in words(tip.inner_text())


@pytest.fixture(scope="module")
def all_pages(html_dir):
    """Every page of the build, the notebooks' pages included, parsed."""
    from bs4 import BeautifulSoup

    return {
        path: BeautifulSoup((html_dir / path).read_text("utf-8"), "html.parser")
        for path in book_pages(html_dir)
    }


def test_hovering_an_apparatus_mark_shows_the_apparatus_entry(page, site_url):
    load(page, site_url + CHAPTER)
    mark = page.locator("#p3 a[href*='apparatus.html#app-emend-']").first
    mark.hover()
    tip = page.locator(".tippy-box").first
    tip.wait_for(state="visible", timeout=15000)
    assert tip.locator(".apparatus-entry").get_attribute("id") == mark.get_attribute("href").split("#")[1]


def _pages_with(pages, selector):
    return [path for path, soup in pages.items() if soup.select_one(selector)]


def test_footnote_opens_and_returns(browser, site_url, all_pages):
    """The commentary's footnotes are side notes: beside the text on a wide screen; on a narrow one,
    hidden until the reader clicks the note's number, and closed again by a second click."""
    pages = _pages_with(all_pages, "article label.margin-toggle + input.margin-toggle + span.sidenote")
    assert pages, "the chapters have commentary notes, but no page shows a side note"
    for width, opens_on_click in ((1400, False), (800, True)):
        context = browser.new_context(viewport={"width": width, "height": 900})
        try:
            page = context.new_page()
            for page_path in pages:
                load(page, site_url + page_path)
                # the mark: the theme's label, made a button by edition.js (a label may take no role)
                toggle = page.locator("article button.margin-toggle").first
                note = page.locator(f"article input#{toggle.get_attribute('data-for')} + span.sidenote")
                assert note.inner_text().strip(), page_path
                if not opens_on_click:
                    # the theme prints each note twice: in the margin, and inline for narrow screens
                    words = " ".join(note.inner_text().split()[:8])
                    margin = page.locator("article span.sidenote:not(.d-n)", has_text=words).first
                    assert margin.is_visible(), f"{page_path}: side note not shown beside the text"
                    continue
                assert not note.is_visible(), f"{page_path}: side note open before the click"
                toggle.click()
                note.wait_for(state="visible", timeout=15000)
                toggle.click()
                note.wait_for(state="hidden", timeout=15000)
        finally:
            context.close()


def test_copy_link_puts_a_permalink_that_resolves_on_the_clipboard(browser, site_url):
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    try:
        page = context.new_page()
        load(page, site_url + CHAPTER)
        button = page.locator("#p4 button.cite-paragraph")
        assert button.get_attribute("aria-label") == "Copy link to paragraph 4"
        button.click()
        page.wait_for_function(
            "() => document.querySelector('#p4 button.cite-paragraph').textContent === 'copied'"
        )
        copied = page.evaluate("navigator.clipboard.readText()")
        assert copied == site_url + CHAPTER + "#p4"
        reader = context.new_page()
        reader.goto(copied, wait_until="networkidle")
        assert _target_in_view(reader) == "p4"
        assert reader.locator("#p4 a.pnum").inner_text() == "¶4"
    finally:
        context.close()


def test_figures_render_with_alt_text(page, site_url, all_pages):
    pages = _pages_with(all_pages, "article img")
    assert pages, "the book shows no figure: the notebooks' charts are missing"
    for page_path in pages:
        load(page, site_url + page_path)
        # charts load lazily (azedition.speed): each is scrolled to, as a reader does, and awaited
        images = page.evaluate("""async () => {
            const found = [];
            for (const img of document.querySelectorAll('article img')) {
                img.scrollIntoView();
                await Promise.race([img.decode().catch(() => null), new Promise(r => setTimeout(r, 10000))]);
                found.push({src: img.currentSrc, complete: img.complete, width: img.naturalWidth,
                            shown: img.getBoundingClientRect().width, alt: img.getAttribute('alt')});
            }
            return found;
        }""")
        for image in images:
            assert image["complete"] and image["width"] > 0, f"{page_path}: {image['src']} did not load"
            assert image["shown"] > 50, f"{page_path}: {image['src']} is not displayed"
            assert image["alt"] and image["alt"].strip(), f"{page_path}: {image['src']} has no alt text"


def _switch_to_dark(page):
    """Click the colour-mode button until the page is dark: each click moves to the next mode."""
    for _ in range(3):
        if page.evaluate("document.documentElement.dataset.theme") == "dark":
            return
        mode = page.evaluate("document.documentElement.dataset.mode")
        page.locator("button.theme-switch-button").first.click()
        page.wait_for_function(f"document.documentElement.dataset.mode !== {mode!r}", timeout=10000)
    assert page.evaluate("document.documentElement.dataset.theme") == "dark"


def test_a_click_or_shortcut_made_before_the_theme_scripts_have_run_is_not_lost(page, site_url):
    """The theme's scripts come after the first paint: a quick reader's click on the colour-mode button,
    and the search shortcut Ctrl+K, wait for them."""
    held = []
    page.route("**/pydata-sphinx-theme.js*", lambda route: held.append(route))
    load(page, site_url + CHAPTER)
    mode = page.evaluate("document.documentElement.dataset.mode")  # the reader's choice; theme: its result
    page.locator("button.theme-switch-button").first.click()
    page.keyboard.press("Control+k")
    for _ in range(100):
        if held:
            break
        page.wait_for_timeout(100)
    assert held, "the page never asked for the theme's script"
    assert page.evaluate("document.documentElement.dataset.mode") == mode
    assert page.locator("#pst-search-dialog[open]").count() == 0
    held[0].continue_()
    page.wait_for_function(f"document.documentElement.dataset.mode !== {mode!r}", timeout=10000)
    page.locator("#pst-search-dialog[open]").wait_for(timeout=10000)


# The effective colours of an element: its text colour and the first opaque background behind it.
_COLOURS = """element => {
    const rgb = value => value.match(/[\\d.]+/g).map(Number);
    let node = element, background = null;
    while (node && node.nodeType === 1) {
        const colour = rgb(getComputedStyle(node).backgroundColor);
        if (colour.length < 4 || colour[3] > 0.5) { background = colour.slice(0, 3); break; }
        node = node.parentElement;
    }
    return {text: rgb(getComputedStyle(element).color).slice(0, 3),
            background: background || [255, 255, 255]};
}"""

READABLE_IN_BOTH_MODES = [
    "article h1",
    "article p",
    ".witness-paragraph p",
    ".supplied",
    ".corr",
    "a:has(> .entity)",
    "a.pnum",
    "button.cite-paragraph",
    ".bd-sidenav a",
    ".register-entry .rubric",
]


@pytest.mark.parametrize(
    "page_path", [CHAPTER, "book/apparatus/persons.html", "book/apparatus/apparatus.html"]
)
def test_dark_mode_switch_keeps_text_readable(page, site_url, page_path):
    load(page, site_url + page_path)
    _switch_to_dark(page)
    background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    assert background != "rgb(255, 255, 255)", "the switch did not darken the page"
    checked = 0
    for selector in READABLE_IN_BOTH_MODES:
        for element in page.locator(selector).all()[:5]:
            colours = element.evaluate(_COLOURS)
            ratio = contrast_ratio(colours["text"], colours["background"])
            assert ratio >= AA_TEXT, f"{selector} in dark mode: contrast {ratio:.2f} ({colours})"
            checked += 1
    assert checked >= 10


# A chart is readable when its ink stands out from the background it is drawn on: draw each image
# on a canvas filled with its effective background, then compare the dominant (background) colour
# with the darkest or the lightest pixels, whichever differ more (the lines and labels).
_CHART_CONTRAST = """async image => {
    const rgb = value => value.match(/[\\d.]+/g).map(Number);
    let node = image, background = [255, 255, 255];
    while (node && node.nodeType === 1) {
        const colour = rgb(getComputedStyle(node).backgroundColor);
        if (colour.length < 4 || colour[3] > 0.5) { background = colour.slice(0, 3); break; }
        node = node.parentElement;
    }
    await image.decode();
    const canvas = document.createElement('canvas');
    canvas.width = Math.min(image.naturalWidth, 800);
    canvas.height = Math.round(canvas.width * image.naturalHeight / image.naturalWidth);
    const context = canvas.getContext('2d');
    context.fillStyle = `rgb(${background.join(',')})`;
    context.fillRect(0, 0, canvas.width, canvas.height);
    context.drawImage(image, 0, 0, canvas.width, canvas.height);
    const data = context.getImageData(0, 0, canvas.width, canvas.height).data;
    // every fourth pixel's red, green and blue, as one base64 string: a list of lists would cost
    // Playwright seconds per image to hand over
    const sample = new Uint8Array(Math.ceil(data.length / 16) * 3);
    for (let i = 0, j = 0; i < data.length; i += 16, j += 3) sample.set([data[i], data[i + 1], data[i + 2]], j);
    let binary = '';
    for (let i = 0; i < sample.length; i += 8192) {
        binary += String.fromCharCode.apply(null, sample.subarray(i, i + 8192));
    }
    return btoa(binary);
}"""


def test_dark_mode_keeps_charts_readable(page, site_url, all_pages):
    pages = _pages_with(all_pages, "article img")
    assert pages, "the book shows no chart: the notebooks' charts are missing"
    from tools.browser import relative_luminance

    for page_path in pages:
        load(page, site_url + page_path)
        _switch_to_dark(page)
        for image in page.locator("article img").all():
            image.scroll_into_view_if_needed()  # a lazy chart is fetched when the reader comes near it
            raw = base64.b64decode(image.evaluate(_CHART_CONTRAST))
            pixels = sorted((tuple(raw[i:i + 3]) for i in range(0, len(raw), 3)), key=relative_luminance)
            dominant = Counter(map(tuple, pixels)).most_common(1)[0][0]  # the chart's background
            extreme = len(pixels) // 200  # lines and labels are a small part of a chart: 0.5th percentiles
            ink = max(
                (pixels[extreme], pixels[-1 - extreme]), key=lambda colour: contrast_ratio(colour, dominant)
            )
            ratio = contrast_ratio(ink, dominant)
            assert ratio >= AA_GRAPHICS, (
                f"{page_path}: {image.get_attribute('src')} in dark mode, {ratio:.2f}"
            )


# --- notebooks: launch buttons from one setting, a download of each notebook ------------------------


def _notebook_pages(html_dir):
    sources = html_dir / "_sources"
    return (
        sorted(path.relative_to(sources).with_suffix(".html").as_posix() for path in sources.rglob("*.ipynb"))
        if sources.is_dir()
        else []
    )


def test_notebook_pages_offer_an_ipynb_download_and_launch_buttons_only_for_a_real_repository(
        page, site_url, html_dir):
    from azedition.launch import is_placeholder

    notebooks = _notebook_pages(html_dir)
    assert notebooks, "the book has no notebook page"
    config = yaml.safe_load((PROJECT_ROOT / "_config.yml").read_text("utf-8"))
    repository = config["repository"]["url"].removeprefix("https://github.com/")
    buttons = config["launch_buttons"]
    for page_path in notebooks:
        load(page, site_url + page_path)
        links = page.eval_on_selector_all("a[href]", "links => links.map(link => link.href)")
        for hub in ("binderhub_url", "jupyterhub_url", "colab_url"):
            launch = [link for link in links if link.startswith(buttons[hub])]
            if is_placeholder(config["repository"]["url"]) or is_placeholder(buttons[hub]):
                assert not launch, f"{page_path}: a {hub} button to a placeholder address: {launch}"
            else:
                assert launch and repository.split("/")[-1] in launch[0], f"{page_path}: no {hub} button"
        download = [link for link in links if link.startswith(site_url) and link.endswith(".ipynb")]
        assert download, f"{page_path}: no .ipynb download"
        notebook = json.loads(page.request.get(download[0]).text())
        assert notebook["cells"] and notebook["nbformat"] == 4
