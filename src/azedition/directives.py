"""The directives of the edition: the witness's units in the chapters, and the generated pages.

- ``{witness} N``: witness paragraph N, with the stable anchor ``pN`` and a visible ``¶N``;
- ``{infobox}``: the witness's flattened infobox rows, printed as a table;
- ``{register} person|place|org`` and ``{apparatus}``: the register and apparatus pages, generated from
  data/ with the back-links filled in at resolution (``azedition.resolve``).
"""

from __future__ import annotations

import re

import pandas as pd
from docutils import nodes
from docutils.parsers.rst import directives
from docutils.statemachine import StringList
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

from . import config, data, geography
from .config import warn
from .domain import edition_domain
from .nodes import EDITORIAL, backlinks, para_ref
from .roles import ANCHOR
from .witness import INFOBOX_ROW_START

# The kinds of apparatus entry, in the order the apparatus page groups them, with its headings.
APPARATUS_KINDS = {
    "emendation": "Emendations",
    "lacuna": "Lacunae",
    "references": "The lost references",
    "infobox": "The flattened infobox",
    "inconsistency": "Inconsistencies in names and dates",
    "normalization": "Normalized names",
    "supplied": "Editorial additions",
    "copies": "The witness among its copies",
}
INFOBOX_ROW = re.compile(r"^(?P<key>[A-Za-z0-9]+): \| (?P<value>.*?)(?P<close>\s*\|)$", re.DOTALL)


class WitnessDirective(SphinxDirective):
    """``{witness} N``: paragraph N of the witness, with anchor ``pN`` and a visible ``¶N``."""

    required_arguments = 1
    has_content = True

    def run(self) -> list[nodes.Node]:
        number = int(self.arguments[0])
        anchor = f"p{number}"
        container = nodes.container(classes=["witness-paragraph"], ids=[anchor], witness_n=number)
        self.set_source_info(container)
        self.env.note_dependency(str(config.witness_path(self.env)))  # checked against it (azedition.guard)
        edition_domain(self.env).add_target("para", str(number), anchor, self.get_location())
        self.env.temp_data[ANCHOR] = (anchor, f"¶{number}")
        try:
            self.state.nested_parse(self.content, self.content_offset, container)
        finally:
            self.env.temp_data.pop(ANCHOR, None)
        paragraphs = [n for n in container.children if isinstance(n, nodes.paragraph)]
        if len(paragraphs) != 1:
            warn("witness-markup", "witness paragraph %d must be one paragraph, found %d", number,
                 len(paragraphs), location=self.get_location())
            return [container]
        number_link = nodes.reference("", f"¶{number}", refid=anchor, classes=["pnum", EDITORIAL])
        paragraphs[0].insert(0, number_link)
        return [container]


class InfoboxDirective(SphinxDirective):
    """``{infobox}``: the witness's infobox rows, ``Key: | value |`` as the witness has them."""

    has_content = True

    def _rows(self) -> list[list]:
        rows: list[list] = []
        current = None
        for offset, line in enumerate(self.content):
            if INFOBOX_ROW_START.match(line):
                current = [offset, line]
                rows.append(current)
            elif current is not None:
                current[1] += "\n" + line
            else:
                warn("witness-markup", "infobox line %r does not start a row", line,
                     location=self.get_location())
        return rows

    def run(self) -> list[nodes.Node]:
        container = nodes.container(classes=["witness-infobox"], ids=["infobox"])
        self.set_source_info(container)
        self.env.note_dependency(str(config.witness_path(self.env)))
        edition_domain(self.env).add_target("para", "infobox", "infobox", self.get_location())
        table = nodes.table(classes=["infobox-table"])
        tgroup = nodes.tgroup(cols=2)
        table += tgroup
        tgroup += nodes.colspec(colwidth=25)
        tgroup += nodes.colspec(colwidth=75)
        tbody = nodes.tbody()
        tgroup += tbody
        self.env.temp_data[ANCHOR] = ("infobox", "infobox")
        try:
            for offset, text in self._rows():
                match = INFOBOX_ROW.match(text)
                if not match:
                    warn("witness-markup", "infobox row %r is not 'Key: | value |'", text,
                         location=self.get_location())
                    continue
                # MyST gives the fence's line as ``lineno`` and the content's distance from it as
                # ``content_offset`` (its nested_parse adds the two): the row's line in the chapter.
                lineno = self.lineno + self.content_offset + offset
                value_nodes, messages = self.state.inline_text(match["value"], lineno)
                row = nodes.row(classes=["infobox-row"], witness_key=match["key"], witness_close=match["close"])
                row += nodes.entry("", nodes.paragraph("", match["key"], classes=["infobox-key"]))
                row += nodes.entry("", nodes.paragraph("", "", *value_nodes, classes=["infobox-value"]))
                tbody += row
                container += messages
        finally:
            self.env.temp_data.pop(ANCHOR, None)
        container.insert(0, table)
        return [container]


def cite_paragraph(directive: SphinxDirective, label: str, cell: str) -> nodes.paragraph:
    """``Sources: [..]`` for a ``source`` cell: bibliography keys and witness paragraph ids, ``; ``-separated."""
    items = data.split_sources(cell)
    units = config.unit_ids(directive.env)
    paragraphs = [item for item in items if item in units]
    keys = [item for item in items if item not in units]
    markup = " ".join("{para}`" + item.removeprefix("p") + "`" for item in paragraphs)
    if keys:
        markup += (" " if markup else "") + "{cite}`" + ",".join(keys) + "`"
    paragraph = nodes.paragraph(classes=["register-field", "sources"])
    paragraph += nodes.strong(text=f"{label}: ")
    inline, messages = directive.state.inline_text(markup, directive.lineno)
    paragraph.extend(inline)
    paragraph.extend(messages)
    return paragraph


class RegisterDirective(SphinxDirective):
    """``{register} person``: one entry per row of the register table, with its mentions.

    Each entry shows the normalized name, the role in 1920, life dates where they are sure, the
    sources, and then (filled in at resolution) the paragraphs that name it and the witness's spellings.
    """

    required_arguments = 1

    def run(self) -> list[nodes.Node]:
        kind = self.arguments[0]
        if kind not in data.REGISTER_TABLES:
            raise self.error(f"register kind must be one of {sorted(data.REGISTER_TABLES)}")
        name = data.REGISTER_TABLES[kind]
        config.note_data_dependency(self.env, name)
        domain = edition_domain(self.env)
        domain.generated_docs.add(self.env.docname)
        result = []
        table = config.register(self.env, kind)
        on_map = set(geography.on_the_map(table)) if kind == "place" else set()
        for key, row in table.iterrows():
            node_id = f"{kind}-{key}"
            domain.add_target(kind, key, node_id, self.get_location())
            entry = nodes.container(classes=["register-entry"], ids=[node_id])
            heading = nodes.rubric(row["name"], row["name"])
            life = life_dates(row)
            if life:
                heading += nodes.inline(life, f" ({life})", classes=["life-dates"])
            entry += heading
            if row["identification"]:
                entry += self._field("In 1920" if kind == "person" else "Identification", row["identification"])
            if row["source"]:
                entry += cite_paragraph(self, "Sources", row["source"])
            if row.get("dates_source"):  # only persons have it; the dates' own authority, apart from the rest
                entry += cite_paragraph(self, "Life dates", row["dates_source"])
            if row.get("dates_note"):  # a missing date's reason, or the works' disagreement, shown not hidden
                entry += self._field("On the dates", row["dates_note"])
            if kind == "place" and key in on_map:
                entry += self._field("On the map", "{numref}`" + geography.MAP_FIGURE + "`")
            entry += backlinks(kind=kind, key=key)
            result.append(entry)
        return result

    def _field(self, label: str, value: str) -> nodes.paragraph:
        paragraph = nodes.paragraph(classes=["register-field"])
        paragraph += nodes.strong(text=label + ": ")
        inline, messages = self.state.inline_text(value, self.lineno)
        paragraph.extend(inline)
        paragraph.extend(messages)
        return paragraph


def life_dates(row: pd.Series) -> str:
    """``1870–1924``, ``born 1870``, ``died 1924`` or nothing: only what the table holds."""
    born, died = row.get("born", ""), row.get("died", "")
    if born and died:
        return f"{born}–{died}"
    if born:
        return f"born {born}"
    if died:
        return f"died {died}"
    return ""


class ApparatusDirective(SphinxDirective):
    """``{apparatus}``: every entry of data/apparatus.csv, linked to its paragraph and its marks.

    With ``:kind: lacuna`` it shows the entries of one kind only, so the page can group them.
    """

    option_spec = {"kind": directives.unchanged}

    def run(self) -> list[nodes.Node]:
        source = str(config.data_dir(self.env) / "apparatus.csv")
        config.note_data_dependency(self.env, "apparatus")
        domain = edition_domain(self.env)
        domain.generated_docs.add(self.env.docname)
        table = config.apparatus(self.env)
        kind = self.options.get("kind")
        if kind:
            if kind not in APPARATUS_KINDS:
                raise self.error(f"apparatus kind must be one of {', '.join(APPARATUS_KINDS)}")
            if kind == next(iter(APPARATUS_KINDS)):
                self._report_unknown_kinds(table)
            table = table[table["kind"] == kind]
        result = []
        for app_id, row in table.iterrows():
            node_id = f"app-{app_id}"
            domain.add_target("app", app_id, node_id, self.get_location())
            entry = nodes.container(classes=["apparatus-entry", f"apparatus-{row['kind']}"], ids=[node_id])
            head = nodes.paragraph(classes=["apparatus-head"])
            paragraph_key = row["paragraph"].removeprefix("p")
            head += para_ref("", "infobox" if paragraph_key == "infobox" else f"¶{paragraph_key}",
                             key=paragraph_key)
            if not kind:  # on a page grouped by kind, the section heading already names it
                head += nodes.Text(" ")
                head += nodes.emphasis(text=row["kind"])
            if row["lemma"]:
                head += nodes.Text(" — " if not kind else " ")
                head += nodes.inline(row["lemma"], row["lemma"], classes=["lemma"])
                head += nodes.Text("]" if not row["reading"] else "] ")
            if row["reading"]:
                head += nodes.inline(row["reading"], row["reading"], classes=["reading"])
            entry += head
            self.state.nested_parse(StringList([row["note"]], source=source), self.content_offset, entry)
            if row["source"]:
                entry += cite_paragraph(self, "Sources", row["source"])
            entry += backlinks(kind="app", key=app_id)
            result.append(entry)
        return result

    def _report_unknown_kinds(self, table: pd.DataFrame) -> None:
        """An entry of an unknown kind would be missing from every group of the page: say so, once."""
        for line, kind in enumerate(table["kind"], start=2):
            if kind not in APPARATUS_KINDS:
                warn("apparatus-kind", "data/apparatus.csv row %d column kind: %r is not one of %s", line, kind,
                     ", ".join(APPARATUS_KINDS), location=self.get_location())


def add_directives(app: Sphinx) -> None:
    """Register every directive of the edition (the ``{chart}`` figure is ``azedition.figures``')."""
    app.add_directive("witness", WitnessDirective)
    app.add_directive("infobox", InfoboxDirective)
    app.add_directive("register", RegisterDirective)
    app.add_directive("apparatus", ApparatusDirective)
