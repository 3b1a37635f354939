"""The built book as a reader's browser sees it: a local web server and Debian's Chromium.

Shared by the browser tests (tests/test_browser.py, tests/test_accessibility.py) and by `make bench`,
which both serve ``_build/html`` on 127.0.0.1 at a free port and load pages in Chromium through
Playwright. Playwright downloads no browser here: it drives ``/usr/bin/chromium``, which
`make test` and `make bench` install from Debian when it is missing. ``load`` opens one page;
``load_side_by_side`` opens many at once, each in a context of its own, where a load is mostly waiting.
"""

from __future__ import annotations

import functools
import http.server
import sys
import threading
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

CHROMIUM = "/usr/bin/chromium"
# No sandbox (tests run as root in CI); and nothing of Chromium's own calls home, so that every request
# the tests see is one the page made.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
# WCAG 2.2 AA adds, among axe-core's rules, the target size of controls (2.5.8)
WCAG_22_AA = [*WCAG_21_AA, "wcag22aa"]


def book_pages(html_dir: Path) -> list[str]:
    """Every HTML page of the built book, as a path relative to the HTML root (theme templates that
    Sphinx copies into _static are not pages)."""
    return sorted(
        path.relative_to(html_dir).as_posix()
        for path in html_dir.rglob("*.html")
        if "_static" not in path.relative_to(html_dir).parts
    )


def is_chapter(page: str) -> bool:
    return page.startswith("book/text/")


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - the name is the standard library's
        pass


class _QuietServer(http.server.ThreadingHTTPServer):
    # Pages loaded side by side open many connections at once: with the standard library's queue of 5,
    # the kernel dropped the others' first packets and a page could wait a minute for its HTML.
    request_queue_size = 128

    def handle_error(self, request, client_address):
        # A browser that leaves a page while a file is still being sent closes the connection: normal,
        # not an error, and its traceback would bury a real failure in the test log.
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


@contextmanager
def serve(html_dir: Path):
    """Serve html_dir on 127.0.0.1 at a free port; yields the base URL (ending in a slash)."""
    handler = functools.partial(_QuietHandler, directory=str(html_dir))
    server = _QuietServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/"
    finally:
        server.shutdown()
        server.server_close()


def launch(playwright):
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)


@dataclass
class PageLoad:
    """What happened while one page loaded, until the network was idle."""

    url: str
    console_errors: list[str] = field(default_factory=list)
    failed_requests: list[str] = field(default_factory=list)
    foreign_requests: list[str] = field(default_factory=list)
    requests: int = 0
    bytes: int = 0


def load(page, url: str, *, until_idle: bool = False) -> PageLoad:
    """Open url in a Playwright page and record errors, failures, other hosts, requests and bytes.

    The page is ready when its load event has fired and its fonts are in: what a reader's first click
    meets. Counting every request and byte needs more, ``until_idle``: the network quiet for 500 ms too
    (the page-load and weight tests and `make bench`); the other tests do not pay that half second.
    Bytes are the response bodies as sent (the navigation and every resource, from the browser's
    Resource Timing entries); requests count every request the page made, data: URLs excepted.
    """
    return finish_load(page, start_load(page, url), until_idle=until_idle)


def start_load(page, url: str) -> PageLoad:
    """The first half of :func:`load`: the page starts loading url, and what it fetches is recorded."""
    record = PageLoad(url)
    own_host = urlparse(url).netloc

    def on_request(request):
        if request.url.startswith("data:"):
            return
        record.requests += 1
        if urlparse(request.url).netloc != own_host:
            record.foreign_requests.append(request.url)

    def on_response(response):
        if response.status >= 400:
            record.failed_requests.append(f"{response.status} {response.url}")

    page.on(
        "console",
        lambda message: record.console_errors.append(message.text) if message.type == "error" else None,
    )
    page.on("pageerror", lambda error: record.console_errors.append(str(error)))
    page.on("request", on_request)
    page.on("response", on_response)
    page.on(
        "requestfailed", lambda request: record.failed_requests.append(f"{request.failure} {request.url}")
    )
    page.goto(url, wait_until="commit")
    return record


def finish_load(page, record: PageLoad, *, until_idle: bool = False) -> PageLoad:
    """The second half of :func:`load`: waits until the page is ready (or idle) and weighs it."""
    page.wait_for_load_state("networkidle" if until_idle else "load")
    _follow_refresh(page, record.url)
    page.evaluate("document.fonts.ready.then(() => true)")
    record.bytes = int(
        page.evaluate(
            "performance.getEntriesByType('navigation').concat(performance.getEntriesByType('resource'))"
            ".reduce((total, entry) => total + entry.encodedBodySize, 0)"
        )
    )
    return record


@contextmanager
def load_side_by_side(browser, urls: list[str], *, until_idle: bool = False, prepare=None, **context_options):
    """Each url loaded in a browser context of its own (nothing cached from another page), all at once:
    a page's load is mostly waiting, on the network or on a timer, which the pages then share. Yields
    {url: (page, PageLoad)}; the contexts close at the end. ``prepare(context, page)`` runs before a
    page starts loading (a slow network, say)."""
    contexts, started = [], []
    try:
        for url in urls:
            context = browser.new_context(**context_options)
            contexts.append(context)
            page = context.new_page()
            if prepare is not None:
                prepare(context, page)
            started.append((page, start_load(page, url)))
        yield {record.url: (page, finish_load(page, record, until_idle=until_idle)) for page, record in started}
    finally:
        for context in contexts:
            context.close()


def _follow_refresh(page, url: str) -> None:
    """The root page only redirects (a meta refresh, after its load event): wait for where it leads."""
    from playwright.sync_api import Error as PlaywrightError

    try:
        redirects = page.evaluate("!!document.querySelector('meta[http-equiv=Refresh]')")
    except PlaywrightError:  # the page is already being left for the one it leads to
        redirects = True
    if redirects:
        page.wait_for_url(lambda current: current != url, wait_until="load")


def relative_luminance(rgb: tuple[float, float, float]) -> float:
    def channel(value):
        value /= 255
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

    red, green, blue = (channel(v) for v in rgb)
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast_ratio(foreground, background) -> float:
    """WCAG 2.1 contrast ratio of two sRGB colours given as (r, g, b) in 0..255."""
    lighter, darker = sorted((relative_luminance(foreground), relative_luminance(background)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)
