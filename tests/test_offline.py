"""The book loads nothing from another host: no script, stylesheet, font or image from outside."""

import re

REMOTE = re.compile(r"^(https?:)?//", re.IGNORECASE)


def test_no_remote_resources_in_html(html_dir):
    offenders = []
    for path in html_dir.rglob("*.html"):
        text = path.read_text("utf-8")
        for tag, attr, url in re.findall(r"<(script|link|img|source|iframe)\b[^>]*?\b(src|href)=\"([^\"]+)\"", text):
            if REMOTE.match(url) and f'rel="canonical" href="{url}"' not in text:  # a name, not a load
                offenders.append((path.name, tag, url))
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
