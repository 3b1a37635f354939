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

import html
import re
import xml.etree.ElementTree as ElementTree
from pathlib import Path
from urllib.parse import quote

ICONS_CSS = "edition-icons.css"
FONT_AWESOME_PACKS = {"fas": "fa-solid", "far": "fa-regular", "fab": "fa-brands"}
# One pack in the theme's fontawesome.js: `var p={name:[width,height,[aliases],"unicode","path"],...};`
# followed shortly by the call that registers it, `d("fas",p)`.
_PACK = re.compile(r'var p=\{(?P<icons>[^{}]*?)\};!function.{0,300}?d\("(?P<prefix>fa[srb])",p\)', re.DOTALL)
_ICON = re.compile(
    r'"?(?P<name>[a-z0-9-]+)"?:\[(?P<width>\d+),(?P<height>\d+),\[[^\]]*\],"[0-9a-f]*",'
    r'(?P<path>"[^"]*"|\[[^\]]*\])\]'
)
_USED_ICON = re.compile(
    r'class="[^"]*?(?<![\w-])(?P<style>fa-solid|fa-regular|fa-brands|fas|far|fab)\s+'
    r"fa-(?P<name>[a-z0-9-]+)"
)
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


def icons_used(html_dir: Path) -> set[tuple[str, str]]:
    """The (style class as written, icon name) pairs that the built pages use: `fas` or `fa-solid`."""
    used = set()
    for page in html_dir.rglob("*.html"):
        for match in _USED_ICON.finditer(page.read_text("utf-8")):
            if f"fa-{match['name']}" not in _SIZE_CLASSES:
                used.add((match["style"], match["name"]))
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

    def canonical(style):
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


def complete_sitemap(app, html_dir: Path) -> None:
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


def finish_html(app, exception) -> None:
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


def complete_root_redirect(app, html_dir: Path) -> None:
    """Jupyter Book's root index.html is a bare refresh tag; a browser that reads it before leaving
    asks for /favicon.ico (a 404 in the console). Make it a small page with the book's empty icon,
    a title, a language and a link for readers whose browser does not follow the refresh."""
    index = html_dir / "index.html"
    if not index.exists():
        return
    match = re.fullmatch(r'\s*<meta http-equiv="Refresh" content="0; url=([^"]+)" />\s*', index.read_text("utf-8"))
    if match is None:
        return
    target, title = html.escape(match[1]), html.escape(app.config.html_title or app.config.project)
    index.write_text(
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8" />'
        f'<meta http-equiv="Refresh" content="0; url={target}" /><link rel="icon" href="data:," />'
        f'<meta name="description" content="{title}" /><title>{title}</title></head>'
        f'<body><main><p><a href="{target}">{title}</a></p></main></body></html>\n',
        "utf-8",
    )


# Asset (file name) -> a pattern that a page's rendered body must contain for the asset to be useful.
_NEEDED_ONLY_FOR = {
    "clipboard.min.js": r"<pre",
    "copybutton.js": r"<pre",
    "copybutton.css": r"<pre",
    "pygments.css": r'class="highlight',
    "togglebutton.js": r'class="[^"]*\b(toggle|dropdown)\b',
    "togglebutton.css": r'class="[^"]*\b(toggle|dropdown)\b',
    "design-tabs.js": r'class="[^"]*\bsd-tab',
    "sphinx-design.min.css": r'class="[^"]*\bsd-',
    "mystnb.css": r'class="[^"]*\b(cell|output|glue)',
}


def _asset_name(asset) -> str:
    name = Path((getattr(asset, "filename", None) or str(asset)).split("?")[0]).name
    return "mystnb.css" if name.startswith("mystnb.") and name.endswith(".css") else name


def _is_needed(asset, body: str) -> bool:
    pattern = _NEEDED_ONLY_FOR.get(_asset_name(asset))
    return pattern is None or re.search(pattern, body) is not None


def _is_thebe(asset) -> bool:
    filename = getattr(asset, "filename", None) or str(asset)
    body = (getattr(asset, "attributes", None) or {}).get("body", "")
    return "thebe" in (filename or "").lower() or "THEBE_JS_URL" in (body or "")


def trim_and_describe_page(app, pagename, templatename, context, doctree) -> None:
    # Sphinx marks each bibliography entry with the DPUB role doc-biblioentry, which ARIA 1.3
    # deprecates (axe: aria-deprecated-role); the entries stand in a role="list", so listitem is right.
    body = context["body"] = context.get("body", "").replace('role="doc-biblioentry"', 'role="listitem"')
    for key in ("script_files", "css_files"):
        if key in context:
            context[key] = [
                asset for asset in context[key] if not _is_thebe(asset) and _is_needed(asset, body)
            ]
    metatags = context.get("metatags", "")
    if 'name="description"' not in metatags:
        title = re.sub(r"<[^>]+>", "", context.get("title", "")) or pagename
        description = f"{title}: {app.config.html_title or app.config.project}"
        context["metatags"] = metatags + f'\n<meta name="description" content="{html.escape(description)}" />'


def share_the_base_url(app, config) -> None:
    """OpenGraph's page addresses come from the one `html.baseurl` setting of `_config.yml`."""
    if not config.ogp_site_url and config.html_baseurl:
        config.ogp_site_url = config.html_baseurl


def setup(app):
    app.setup_extension("sphinxext.opengraph")
    app.connect("config-inited", share_the_base_url)
    app.add_css_file(ICONS_CSS)
    # After sphinx_thebe, sphinx_tippy and sphinxext-opengraph have added their assets and tags.
    app.connect("html-page-context", trim_and_describe_page, priority=900)
    # after sphinx-tippy and sphinx-sitemap have written their files
    app.connect("build-finished", finish_html, priority=900)
    return {"version": "0.1", "parallel_read_safe": True, "parallel_write_safe": True}
