"""What the reader's browser receives: only what the edition uses, every page described, icons local.

A Sphinx extension (``_config.yml``, ``sphinx: extra_extensions``) that trims and completes the theme's
output so that a page is light, reads offline and passes WCAG 2.1 AA:

- Thebe is switched off (``launch_buttons: thebe: false``), yet Jupyter Book still loads the
  ``sphinx_thebe`` extension, which adds a script naming Thebe's CDN address (twice, so the browser
  reports a redeclared constant) and its stylesheet. They are removed from every page.
- The theme draws its icons with Font Awesome's ``fontawesome.js``, 1.4 MB of script on every page for
  about a dozen icons. ``book/_templates/static/webpack-macros.html`` drops that script, and after the
  build this extension writes ``_static/edition-icons.css``: a CSS mask for each icon that the built
  pages actually use, drawn from the same Font Awesome Free data the theme ships (icons CC BY 4.0).
- Scripts and stylesheets that serve one kind of content (code cells, tabs, toggles) are left out of
  a page that has none of it: a chapter of prose does not load the code-copy button's three files.
- Files copied into ``_static`` that no page loads (the Font Awesome script, Thebe's files) are
  deleted from the output after the build.
- ``sitemap.xml`` is completed after an incremental build, when sphinx-sitemap lists only the pages
  that build wrote.
- Pages without a source document (search, general index) get a ``<meta name="description">``; the
  others get theirs from ``sphinxext-opengraph`` (``ogp_enable_meta_description``).
"""

from __future__ import annotations

import hashlib
import html
import re
import xml.etree.ElementTree as ElementTree
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import quote

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.config import Config

ICONS_CSS = "edition-icons.css"
FONT_AWESOME_PACKS = {"fas": "fa-solid", "far": "fa-regular", "fab": "fa-brands"}
# One pack in the theme's fontawesome.js: `var p={name:[width,height,[aliases],"unicode","path"],...};`
# followed shortly by the call that registers it, `d("fas",p)`.
_PACK = re.compile(r'var p=\{(?P<icons>[^{}]*?)\};!function.{0,300}?d\("(?P<prefix>fa[srb])",p\)', re.DOTALL)
_ICON = re.compile(
    r'"?(?P<name>[a-z0-9-]+)"?:\[(?P<width>\d+),(?P<height>\d+),\[[^\]]*\],"[0-9a-f]*",'
    r'(?P<path>"[^"]*"|\[[^\]]*\])\]'
)
_ICON_STYLES = ("fa-solid", "fa-regular", "fa-brands", "fas", "far", "fab")
_SIZE_CLASSES = {"fa-lg", "fa-xs", "fa-sm", "fa-xl", "fa-2xl", "fa-fw"}


def _theme_fontawesome_js() -> Path:
    import pydata_sphinx_theme

    return (
        Path(pydata_sphinx_theme.__file__).parent
        / "theme"
        / "pydata_sphinx_theme"
        / "static"
        / "scripts"
        / "fontawesome.js"
    )


def font_awesome_icons(source: str) -> dict[tuple[str, str], tuple[int, int, str]]:
    """Every icon in the theme's fontawesome.js: (style class, name) -> (width, height, SVG path)."""
    icons = {}
    for pack in _PACK.finditer(source):
        style = FONT_AWESOME_PACKS[pack["prefix"]]
        for icon in _ICON.finditer(pack["icons"]):
            path = icon["path"]
            paths = re.findall(r'"([^"]*)"', path) if path.startswith("[") else [path.strip('"')]
            icons[(style, icon["name"])] = (int(icon["width"]), int(icon["height"]), " ".join(paths))
    return icons


class PageScan(HTMLParser):
    """What the edition needs to know of a page's HTML, read by a parser: the tags, the class lists,
    the text, and a refresh address (``<meta http-equiv="Refresh">``) if it has one."""

    def __init__(self, markup: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: set[str] = set()
        self.class_lists: list[list[str]] = []
        self.text_parts: list[str] = []
        self.refresh: str | None = None
        self.feed(markup)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)
        attributes = {name: value or "" for name, value in attrs}
        if attributes.get("class"):
            self.class_lists.append(attributes["class"].split())
        if tag == "meta" and attributes.get("http-equiv", "").lower() == "refresh":
            self.refresh = attributes.get("content", "")

    def handle_data(self, data: str) -> None:
        self.text_parts.append(data)

    @property
    def text(self) -> str:
        return "".join(self.text_parts)

    @property
    def classes(self) -> set[str]:
        return {name for names in self.class_lists for name in names}


def icons_used(html_dir: Path) -> set[tuple[str, str]]:
    """The (style class as written, icon name) pairs that the built pages use: `fas` or `fa-solid`
    followed by the icon's class (`fa-moon`) in an element's class list."""
    used = set()
    for page in html_dir.rglob("*.html"):
        for names in PageScan(page.read_text("utf-8")).class_lists:
            for style, following in zip(names, names[1:], strict=False):
                if style in _ICON_STYLES and following.startswith("fa-") and following not in _SIZE_CLASSES:
                    used.add((style, following.removeprefix("fa-")))
    return used


def icons_css(used: set[tuple[str, str]], icons: dict[tuple[str, str], tuple[int, int, str]]) -> str:
    """A stylesheet that draws each used icon as a mask filled with the text colour."""
    rules = [
        "/* Icons of the theme, drawn without fontawesome.js: written by azedition.reader at build time.",
        "   Font Awesome Free by Fonticons, Inc.: icons CC BY 4.0 (fontawesome.com/license/free). */",
        ".fa-solid, .fa-regular, .fa-brands, .fas, .far, .fab { display: inline-block; height: 1em;"
        " width: 1em; vertical-align: -0.125em; background-color: currentColor;"
        " -webkit-mask: var(--edition-icon) center / contain no-repeat;"
        " mask: var(--edition-icon) center / contain no-repeat; }",
        # The theme's stylesheet would also draw each icon as a glyph of the Font Awesome web font
        # (152 KiB); the mask replaces it, so the font is fetched only where the theme uses it elsewhere.
        ".fa-solid::before, .fa-regular::before, .fa-brands::before, .fas::before, .far::before,"
        " .fab::before { content: none; }",
        ".fa-lg { font-size: 1.25em; line-height: 0.05em; vertical-align: -0.075em; }",
    ]

    def canonical(style: str) -> str:
        return FONT_AWESOME_PACKS.get(style, style)

    missing = sorted(f"{style} fa-{name}" for style, name in used if (canonical(style), name) not in icons)
    if missing:
        raise ValueError(f"icons used by the pages but absent from the theme's fontawesome.js: {missing}")
    for style, name in sorted(used):
        width, height, path = icons[(canonical(style), name)]
        svg = (
            f"<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 {width} {height}'><path d='{path}'/></svg>"
        )
        rules.append(
            f".{style}.fa-{name} {{ width: {width / height:.4f}em; "
            f'--edition-icon: url("data:image/svg+xml,{quote(svg, safe=" =:/")}"); }}'
        )
    return "\n".join(rules) + "\n"


def remove_stale_tippy_files(html_dir: Path) -> None:
    """sphinx-tippy names each page's tip file afresh on every build and, for a page in a folder,
    fails to delete the old one (it globs the folder's first name part): delete every tip file that
    no page loads, so the output holds only what a reader can receive."""
    loaded = set()
    for page in html_dir.rglob("*.html"):
        loaded.update(re.findall(r'_static/(tippy/[^"?]+\.js)', page.read_text("utf-8")))
    for tip_file in (html_dir / "_static" / "tippy").rglob("*.js"):
        if tip_file.relative_to(html_dir / "_static").as_posix() not in loaded:
            tip_file.unlink()


# Files the theme and Jupyter Book copy into _static that no page of the edition loads (the pages'
# references are checked before anything is deleted): the Font Awesome script with its source map,
# and Thebe's script and stylesheet.
_UNUSED_STATIC = ["scripts/fontawesome.js", "scripts/fontawesome.js.map", "sphinx-thebe.js",
                  "sphinx-thebe.css"]


def remove_unused_static_files(html_dir: Path) -> None:
    pages = [page.read_text("utf-8") for page in html_dir.rglob("*.html") if "_static" not in page.parts]
    for name in _UNUSED_STATIC:
        path = html_dir / "_static" / name
        if path.exists() and not any(f"_static/{name}" in page for page in pages):
            path.unlink()


SITEMAP_NAMESPACE = "http://www.sitemaps.org/schemas/sitemap/0.9"


def complete_sitemap(app: Sphinx, html_dir: Path) -> None:
    """sphinx-sitemap lists only the pages written by the current build, so after an incremental
    build its sitemap.xml lacks every page that did not change: add each document of the book."""
    filename = getattr(app.config, "sitemap_filename", None)  # None without sphinx-sitemap
    if not filename or not app.config.html_baseurl or app.config.sitemap_url_scheme != "{link}":
        return
    sitemap = html_dir / filename
    if not sitemap.exists():
        return
    ElementTree.register_namespace("", SITEMAP_NAMESPACE)
    tree = ElementTree.parse(sitemap)
    listed = {loc.text for loc in tree.iter(f"{{{SITEMAP_NAMESPACE}}}loc")}
    base_url = app.config.html_baseurl.rstrip("/") + "/"
    for docname in sorted(app.env.found_docs):
        link = base_url + app.builder.get_target_uri(docname)
        if link not in listed:
            url = ElementTree.SubElement(tree.getroot(), f"{{{SITEMAP_NAMESPACE}}}url")
            ElementTree.SubElement(url, f"{{{SITEMAP_NAMESPACE}}}loc").text = link
    tree.getroot()[:] = sorted(tree.getroot(), key=lambda url: url[0].text)
    tree.write(sitemap, xml_declaration=True, encoding="utf-8", method="xml")


def finish_html(app: Sphinx, exception: Exception | None) -> None:
    if exception or app.builder.format != "html":
        return
    html_dir = Path(app.outdir)
    icons = font_awesome_icons(_theme_fontawesome_js().read_text("utf-8"))
    (html_dir / "_static" / ICONS_CSS).write_text(icons_css(icons_used(html_dir), icons), "utf-8")
    if (html_dir / "_static" / "tippy").is_dir():
        remove_stale_tippy_files(html_dir)
    remove_unused_static_files(html_dir)
    complete_sitemap(app, html_dir)
    complete_root_redirect(app, html_dir)


def complete_root_redirect(app: Sphinx, html_dir: Path) -> None:
    """Jupyter Book's root index.html is a bare refresh tag; a browser that reads it before leaving
    asks for /favicon.ico (a 404 in the console). Make it a small page with the book's empty icon,
    a title, a language and a link for readers whose browser does not follow the refresh."""
    index = html_dir / "index.html"
    if not index.exists():
        return
    page = PageScan(index.read_text("utf-8"))
    if page.tags != {"meta"} or not (page.refresh or "").startswith("0; url="):
        return  # not Jupyter Book's bare refresh tag (or completed already)
    target = html.escape(page.refresh.removeprefix("0; url="))
    title = html.escape(app.config.html_title or app.config.project)
    index.write_text(
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8" />'
        f'<meta http-equiv="Refresh" content="0; url={target}" /><link rel="icon" href="data:," />'
        f'<meta name="description" content="{title}" /><title>{title}</title></head>'
        f'<body><main><p><a href="{target}">{title}</a></p></main></body></html>\n',
        "utf-8",
    )


def _has_class(pattern: str) -> Callable[[PageScan], bool]:
    return lambda page: any(re.search(pattern, name) for name in page.classes)


def _has_toggle(page: PageScan) -> bool:
    """sphinx-togglebutton's selector: ``.toggle, .admonition.dropdown`` (not the theme's
    ``margin-toggle`` of the side notes)."""
    return any("toggle" in names or {"admonition", "dropdown"} <= set(names) for names in page.class_lists)


# Asset (file name) -> what a page's rendered body must hold for the asset to be useful: an element
# (``<pre>``) or a class name (``highlight-python``, ``sd-tab-set``).
_NEEDED_ONLY_FOR: dict[str, Callable[[PageScan], bool]] = {
    "clipboard.min.js": lambda page: "pre" in page.tags,
    "copybutton.js": lambda page: "pre" in page.tags,
    "copybutton.css": lambda page: "pre" in page.tags,
    "pygments.css": _has_class(r"^highlight"),
    "togglebutton.js": _has_toggle,
    "togglebutton.css": _has_toggle,
    "design-tabs.js": _has_class(r"\bsd-tab"),
    "sphinx-design.min.css": _has_class(r"\bsd-"),
    "mystnb.css": _has_class(r"\b(cell|output|glue)"),
}


def _asset_name(asset: Any) -> str:
    name = Path((getattr(asset, "filename", None) or str(asset)).split("?")[0]).name
    return "mystnb.css" if name.startswith("mystnb.") and name.endswith(".css") else name


def _is_needed(asset: Any, body: PageScan) -> bool:
    needed = _NEEDED_ONLY_FOR.get(_asset_name(asset))
    return needed is None or needed(body)


def _is_thebe(asset: Any) -> bool:
    filename = getattr(asset, "filename", None) or str(asset)
    body = (getattr(asset, "attributes", None) or {}).get("body", "")
    return "thebe" in (filename or "").lower() or "THEBE_JS_URL" in (body or "")


def trim_and_describe_page(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any],
                           doctree: nodes.document | None) -> None:
    # Sphinx marks each bibliography entry with the DPUB role doc-biblioentry, which ARIA 1.3
    # deprecates (axe: aria-deprecated-role); the entries stand in a role="list", so listitem is right.
    body = context["body"] = context.get("body", "").replace('role="doc-biblioentry"', 'role="listitem"')
    scanned = PageScan(body)
    for key in ("script_files", "css_files"):
        if key in context:
            context[key] = [
                asset for asset in context[key] if not _is_thebe(asset) and _is_needed(asset, scanned)
            ]
    metatags = context.get("metatags", "")
    if 'name="description"' not in metatags:
        title = PageScan(context.get("title", "")).text or pagename
        description = f"{title}: {app.config.html_title or app.config.project}"
        context["metatags"] = metatags + f'\n<meta name="description" content="{html.escape(description)}" />'


def share_the_base_url(app: Sphinx, config: Config) -> None:
    """OpenGraph's page addresses come from the one `html.baseurl` setting of `_config.yml`."""
    if not config.ogp_site_url and config.html_baseurl:
        config.ogp_site_url = config.html_baseurl


def fingerprint_static_files(app: Sphinx, config: Config) -> None:
    """Record a digest of the files of ``html_static_path`` as an HTML setting.

    Sphinx copies the static files only when a page is written, and each page names its stylesheets
    and scripts with a checksum (``edition.css?v=…``): an edit to ``book/_static`` alone would be
    neither copied nor announced to the browsers. A setting of the ``html`` kind that changes with the
    files makes Sphinx rewrite every page (without reading the sources again) and copy the files."""
    digest = hashlib.sha256()
    for folder in config.html_static_path:
        root = Path(app.confdir, folder)
        for path in sorted(p for p in root.rglob("*") if p.is_file()):
            digest.update(path.relative_to(root).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    config.azedition_static_fingerprint = digest.hexdigest()


def setup(app: Sphinx) -> dict[str, Any]:
    app.setup_extension("sphinxext.opengraph")
    app.add_config_value("azedition_static_fingerprint", "", "html", types=[str])
    app.connect("config-inited", fingerprint_static_files)
    app.connect("config-inited", share_the_base_url)
    app.add_css_file(ICONS_CSS)
    # After sphinx_thebe, sphinx_tippy and sphinxext-opengraph have added their assets and tags.
    app.connect("html-page-context", trim_and_describe_page, priority=900)
    # after sphinx-tippy and sphinx-sitemap have written their files
    app.connect("build-finished", finish_html, priority=900)
    return {"version": "0.1", "parallel_read_safe": True, "parallel_write_safe": True}
