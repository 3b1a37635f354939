"""The book loads nothing from another host: no script, stylesheet, font or image from outside."""

import re

from bs4 import BeautifulSoup

REMOTE = re.compile(r"^(https?:)?//", re.IGNORECASE)


def test_no_remote_resources_in_html(html_dir):
    offenders = []
    for path in html_dir.rglob("*.html"):
        page = BeautifulSoup(path.read_text("utf-8"), "html.parser")
        for element in page.find_all(["script", "link", "img", "source", "iframe"]):
            if element.name == "link" and "canonical" in element.get("rel", []):
                continue  # the page's published address: a name, not a load
            url = element.get("src") or element.get("href") or ""
            if REMOTE.match(url):
                offenders.append((path.name, element.name, url))
    assert not offenders, offenders[:5]


def test_no_remote_urls_in_css_or_js(html_dir):
    offenders = []
    for path in list(html_dir.rglob("*.css")) + list(html_dir.rglob("*.js")):
        for url in re.findall(r"url\(\s*['\"]?((?:https?:)?//[^'\")]+)", path.read_text("utf-8", "replace")):
            offenders.append((path.name, url))
    assert not offenders, offenders[:5]


def test_no_mathjax(html_dir):
    for path in html_dir.rglob("*.html"):
        assert "mathjax" not in path.read_text("utf-8").lower(), path
