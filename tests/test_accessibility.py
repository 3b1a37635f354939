"""Accessibility and sharing: every page loads cleanly (no console error, no failed request, nothing
from another host) and passes axe-core at WCAG 2.2 AA in both colour modes; a meta description on every
page, alt text on every image, OpenGraph metadata and a sitemap."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ElementTree

import pytest
import yaml
from axe_playwright_python.sync_playwright import Axe
from bs4 import BeautifulSoup

from azedition.paths import BUILD_DIR, PROJECT_ROOT
from tools.browser import WCAG_22_AA, book_pages, load

PAGES = book_pages(BUILD_DIR / "html") or ["book/index.html"]
AXE = Axe()


# The rules whose verdict depends on the colours: all a page's second colour mode can change. The other
# rules read its structure (names, roles, alt texts, order), which is the same in both modes.
COLOUR_RULES = ["color-contrast", "link-in-text-block"]


def _axe_violations(page, rules: list[str] | None = None) -> list[str]:
    """axe-core's WCAG 2.2 A and AA violations on the page as it stands, or those of the given rules."""
    options = {"runOnly": {"type": "rule", "values": rules} if rules else {"type": "tag", "values": WCAG_22_AA}}
    if page.evaluate("typeof window.axe === 'undefined'"):
        response = AXE.run(page, options=options).response
    else:  # the page's second check (its other colour mode): axe-core is in the page already
        response = page.evaluate("options => axe.run(document, options)", options)
    assert response["passes"], "axe ran no check"
    return [
        f"{violation['id']} ({len(violation['nodes'])}x): {violation['nodes'][0]['target']} "
        f"{violation['nodes'][0]['failureSummary'][:200]}"
        for violation in response["violations"]
    ]


@pytest.mark.parametrize("page_path", PAGES)
def test_page_loads_cleanly_and_has_no_wcag_22_aa_violation_in_light_or_dark_mode(browser, site_url, page_path):
    """Each page is loaded once, until its network is idle, and checked: no console error, no failed
    request, nothing from another host; then axe in both modes: the theme follows the reader's colour
    scheme as it changes, so the dark check sees the page a reader who prefers dark sees. Light mode
    gets every WCAG 2.2 A and AA rule; dark mode the rules that read colours."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme="light")
    try:
        page = context.new_page()
        loaded = load(page, site_url + page_path, until_idle=True)
        assert loaded.console_errors == [], loaded.console_errors
        assert loaded.failed_requests == [], loaded.failed_requests
        assert loaded.foreign_requests == [], loaded.foreign_requests
        assert loaded.requests >= 3  # the page, its stylesheets and scripts were really fetched
        for mode in ("light", "dark"):
            page.emulate_media(color_scheme=mode)
            page.wait_for_function("mode => document.documentElement.dataset.theme === mode", arg=mode,
                                   timeout=10000)
            # the theme fades colours into the new mode: axe reads them once every transition has ended
            page.wait_for_function("() => document.getAnimations().every(a => a.playState !== 'running')",
                                   timeout=10000)
            rules = COLOUR_RULES if mode == "dark" else None
            assert _axe_violations(page, rules) == [], f"{page_path} in {mode} mode"
    finally:
        context.close()


def test_axe_does_find_a_violation(page, site_url):
    """The check above can fail: a page with an image without alt text and a pale text is caught."""
    load(page, site_url + "book/index.html")
    assert _axe_violations(page) == []  # this first check brings axe-core into the page; the next reuses it
    page.evaluate("""() => {
        const article = document.querySelector('article');
        article.insertAdjacentHTML('beforeend',
            '<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" width="20" height="20">' +
            '<p style="color:#eee;background:#fff">pale</p>');
    }""")
    found = " ".join(_axe_violations(page))
    assert "image-alt" in found and "color-contrast" in found
    assert _axe_violations(page, COLOUR_RULES)[0].startswith("color-contrast")  # the dark mode's check


def _soups(html_dir):
    return {
        path: BeautifulSoup((html_dir / path).read_text("utf-8"), "html.parser")
        for path in book_pages(html_dir)
    }


def test_every_page_has_a_meta_description(html_dir):
    missing = []
    for path, soup in _soups(html_dir).items():
        if soup.find("meta", attrs={"http-equiv": "Refresh"}):
            continue  # the root index.html only redirects to book/index.html
        description = soup.find("meta", attrs={"name": "description"})
        if not description or len(description.get("content", "").strip()) < 20:
            missing.append(path)
    assert not missing, missing


FILE_NAME = re.compile(r"(^|/)[\w.-]+\.(png|jpe?g|svg|gif|webp)$", re.IGNORECASE)


def test_every_image_has_alt_text(html_dir):
    """Alt text that says something: myst-nb's default, the image's file name, does not count (give a
    notebook figure its text with the cell metadata `mystnb: image: alt:` or a glued figure's `alt`)."""
    missing = [
        (path, str(img)[:160])
        for path, soup in _soups(html_dir).items()
        for img in soup.find_all("img")
        if not (img.get("alt") or "").strip() or FILE_NAME.search(img["alt"].strip())
    ]
    assert not missing, missing


def test_book_pages_carry_opengraph_metadata(html_pages):
    base_url = yaml.safe_load((PROJECT_ROOT / "_config.yml").read_text("utf-8"))["html"]["baseurl"]
    for path, soup in html_pages.items():
        properties = {
            meta["property"]: meta.get("content", "")
            for meta in soup.find_all("meta", attrs={"property": True})
        }
        assert properties.get("og:title"), path
        assert properties.get("og:description"), path
        assert properties.get("og:url") == base_url + path, path
        assert not any(key.startswith("og:image") for key in properties), "no image is promised"


def test_sitemap_lists_every_book_page(html_dir, html_pages):
    base_url = yaml.safe_load((PROJECT_ROOT / "_config.yml").read_text("utf-8"))["html"]["baseurl"]
    tree = ElementTree.parse(html_dir / "sitemap.xml")
    listed = {element.text for element in tree.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")}
    assert {base_url + path for path in html_pages} <= listed
