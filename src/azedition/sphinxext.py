"""The edition's Sphinx extension: MyST roles and directives that say what the witness's words are.

Loaded through ``_config.yml`` (``sphinx: extra_extensions``). It gives the book a light TEI:

- ``{witness} N`` directive: witness paragraph N, with the stable anchor ``pN`` and a visible ``¶N``;
- ``{infobox}`` directive: the witness's flattened infobox rows, printed as a table;
- ``{person}``, ``{place}``, ``{org}`` roles: ``{person}`Khoyski <khoyski>``` links a mention to its
  register entry; the register lists every paragraph that mentions it, computed from this markup;
- ``{emend}`witness reading <apparatus-id>``` (TEI choice/sic/corr), ``{gap}`apparatus-id``` (TEI gap),
  ``{wref}`[1] <apparatus-id>``` (a witness citation marker whose reference list is lost),
  ``{supplied}`text``` or ``{supplied}`text <apparatus-id>``` (editorial addition) and
  ``{note}`apparatus-id``` (a small sign ° where an inconsistency, a normalization or another entry of
  the apparatus concerns the witness's words), each linked to the apparatus; an emendation of a name
  also links the name to its register: ``{emend}`Allied Supreme Court <emend-id|org:key>```;
- ``{para}`N``` role: a cross-reference to witness paragraph N;
- ``{register} person|place|org`` and ``{apparatus}`` directives: the generated apparatus pages.

Everything the editors add carries the class ``editorial``; ``azedition.diplomatic`` relies on that to
strip it and rebuild the witness from the doctrees.
"""

from __future__ import annotations

import re
from collections import defaultdict

from docutils import nodes
from docutils.parsers.rst import directives
from docutils.statemachine import StringList
from sphinx.errors import ExtensionError
from sphinx.util import logging
from sphinx.util.docutils import ReferenceRole, SphinxDirective, SphinxRole
from sphinx.util.nodes import make_refnode

from . import data
from .paths import DATA_DIR

logger = logging.getLogger(__name__)

EDITORIAL = "editorial"
NOTE_SIGN = "°"
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
WITNESS_UNITS = ("infobox",) + tuple(f"p{n}" for n in range(1, 15))
SOURCE_SEPARATOR = ";"
KIND_LABELS = {"person": "Persons", "place": "Places", "org": "Organizations"}
INFOBOX_ROW = re.compile(r"^(?P<key>[A-Za-z0-9]+): \| (?P<value>.*?)(?P<close>\s*\|)$", re.DOTALL)


# --- nodes -------------------------------------------------------------------------------------


class entity_ref(nodes.Inline, nodes.TextElement):
    """A mention of a person, place or organization; becomes a link to its register entry."""


class app_link(nodes.Inline, nodes.TextElement):
    """A link to an apparatus entry (from a mark in the text); resolved like ``entity_ref``."""


class para_ref(nodes.Inline, nodes.TextElement):
    """A cross-reference to a witness paragraph by its number."""


class backlinks(nodes.General, nodes.Element):
    """Placeholder in a register or apparatus entry for the list of places that point at it."""


# --- the environment's records -----------------------------------------------------------------
# targets:   (kind, key)  -> (docname, node id)       kind is person/place/org/app/para
# mentions:  (kind, key)  -> [(docname, anchor id, label, witness spelling)]


def _records(env):
    if not hasattr(env, "azedition_targets"):
        env.azedition_targets = {}
        env.azedition_mentions = defaultdict(list)
        env.azedition_generated_docs = set()
    return env


def _add_target(env, kind, key, docname, node_id, location):
    records = _records(env)
    if (kind, key) in records.azedition_targets and records.azedition_targets[(kind, key)][0] != docname:
        logger.warning("duplicate %s target %r", kind, key, location=location)
    records.azedition_targets[(kind, key)] = (docname, node_id)


def purge_doc(app, env, docname):
    records = _records(env)
    records.azedition_targets = {k: v for k, v in records.azedition_targets.items() if v[0] != docname}
    for key in list(records.azedition_mentions):
        records.azedition_mentions[key] = [m for m in records.azedition_mentions[key] if m[0] != docname]
    records.azedition_generated_docs.discard(docname)


def merge_info(app, env, docnames, other):
    records, theirs = _records(env), _records(other)
    records.azedition_targets.update(
        {k: v for k, v in theirs.azedition_targets.items() if v[0] in docnames})
    for key, mentions in theirs.azedition_mentions.items():
        records.azedition_mentions[key].extend(m for m in mentions if m[0] in docnames)
    records.azedition_generated_docs |= theirs.azedition_generated_docs & set(docnames)


def outdated_generated_docs(app, env, added, changed, removed):
    """A register or apparatus page lists mentions from every chapter: rewrite it when any changes."""
    if added or changed or removed:
        return sorted(_records(env).azedition_generated_docs - set(removed))
    return []


def _current_anchor(env):
    return env.temp_data.get("azedition_anchor")


# --- roles -------------------------------------------------------------------------------------


class EntityRole(ReferenceRole):
    """``{person}`witness spelling <key>```: a mention linked to its register entry."""

    def __init__(self, kind):
        super().__init__()
        self.kind = kind

    def run(self):
        key = self.target if self.has_explicit_title else self.title.lower()
        return [_mention(self, self.kind, key, self.title, self.rawtext)], []


def _mention(role, kind, key, spelling, rawtext=""):
    """An ``entity_ref`` for a register entry, recorded as a mention of the paragraph it stands in."""
    if kind not in data.REGISTER_TABLES:
        logger.warning("unknown register kind %r: use one of %s", kind, ", ".join(data.REGISTER_TABLES),
                       location=role.get_location())
    elif key not in data.register(kind).index:
        msg = f"unknown {kind} key {key!r}: add it to data/{data.REGISTER_TABLES[kind]}.csv"
        logger.warning(msg, location=role.get_location())
    node = entity_ref(rawtext, spelling, kind=kind, key=key)
    anchor = _current_anchor(role.env)
    if anchor:
        _records(role.env).azedition_mentions[(kind, key)].append(
            (role.env.docname, anchor[0], anchor[1], spelling))
    return node


def _apparatus_entry(role, app_id, expected_kind):
    table = data.apparatus()
    if app_id not in table.index:
        logger.warning("unknown apparatus entry %r: add it to data/apparatus.csv", app_id,
                       location=role.get_location())
        return None
    entry = table.loc[app_id]
    if expected_kind and entry["kind"] != expected_kind:
        logger.warning("apparatus entry %r is a %s, not a %s", app_id, entry["kind"], expected_kind,
                       location=role.get_location())
    return entry


def _mark_id(env, app_id):
    """A unique id for one mark of an apparatus entry in the text, so the entry can link back."""
    serial = env.new_serialno(f"azedition-mark-{app_id}")
    return f"mark-{app_id}-{serial}"


def _note_mark(env, app_id, mark_id):
    anchor = _current_anchor(env)
    label = anchor[1] if anchor else env.docname
    _records(env).azedition_mentions[("app", app_id)].append((env.docname, mark_id, label, ""))


class EmendRole(ReferenceRole):
    """``{emend}`witness reading <apparatus-id>```: the witness's reading stays, the correction is shown."""

    def run(self):
        # ``<apparatus-id|kind:key>``: the emended words are also a name, mentioned in the register.
        app_id, _, entity = self.target.partition("|")
        entry = _apparatus_entry(self, app_id, "emendation")
        if entry is None:
            return [nodes.Text(self.title)], []
        if entry["lemma"] != self.title:
            logger.warning("emendation %r: the text reads %r but the apparatus lemma is %r",
                           app_id, self.title, entry["lemma"], location=self.get_location())
        mark_id = _mark_id(self.env, app_id)
        _note_mark(self.env, app_id, mark_id)
        mark = nodes.inline(classes=["emendation"], ids=[mark_id])
        sic = nodes.inline(classes=["sic"])
        if entity:
            kind, _, key = entity.partition(":")
            sic += _mention(self, kind, key, self.title)
        else:
            sic += nodes.Text(self.title)
        mark += sic
        correction = app_link("", "", key=app_id, classes=["corr", EDITORIAL],
                              title=f"emendation: {entry['reading']}")
        correction += nodes.Text(f" [recte: {entry['reading']}]")
        mark += correction
        return [mark], []


class GapRole(SphinxRole):
    """``{gap}`apparatus-id```: a lacuna in the witness, marked and linked to its note."""

    def run(self):
        app_id = self.text.strip()
        _apparatus_entry(self, app_id, "lacuna")
        mark_id = _mark_id(self.env, app_id)
        _note_mark(self.env, app_id, mark_id)
        mark = app_link("", "", key=app_id, classes=["gap", EDITORIAL], ids=[mark_id],
                        title="lacuna: what is known of the missing passage")
        mark += nodes.Text(" [… lacuna …] ")
        return [mark], []


class WitnessRefRole(ReferenceRole):
    """``{wref}`[1] <apparatus-id>```: a citation marker of the witness whose target is lost."""

    def run(self):
        _apparatus_entry(self, self.target, "references")
        mark_id = _mark_id(self.env, self.target)
        _note_mark(self.env, self.target, mark_id)
        mark = app_link("", "", key=self.target, classes=["witness-ref"], ids=[mark_id],
                        title="the witness's reference list is lost")
        mark += nodes.Text(self.title)
        return [mark], []


class AppRefRole(ReferenceRole):
    """``{app}`words <apparatus-id>```: the editors' own link to an apparatus entry."""

    def run(self):
        _apparatus_entry(self, self.target, expected_kind=None)
        link = app_link("", "", key=self.target, classes=["app-ref"])
        link += nodes.Text(self.title)
        return [link], []


class SuppliedRole(ReferenceRole):
    """``{supplied}`text```: words the editors add, printed between angle brackets.

    ``{supplied}`; <apparatus-id>``` also links the addition to the apparatus entry that explains it.
    """

    def run(self):
        text = f"⟨{self.title}⟩"
        if not self.has_explicit_title:
            return [nodes.inline(self.rawtext, text, classes=["supplied", EDITORIAL])], []
        _apparatus_entry(self, self.target, expected_kind=None)
        mark_id = _mark_id(self.env, self.target)
        _note_mark(self.env, self.target, mark_id)
        mark = app_link("", "", key=self.target, classes=["supplied", EDITORIAL], ids=[mark_id],
                        title="supplied by the editors")
        mark += nodes.Text(text)
        return [mark], []


class NoteRole(SphinxRole):
    """``{note}`apparatus-id```: the sign ° where an entry of the apparatus concerns the words before it.

    Used for the entries that change nothing in the text (inconsistencies, normalized names, the
    infobox, cruxes); the sign is the editors', so it carries the ``editorial`` class.
    """

    def run(self):
        app_id = self.text.strip()
        entry = _apparatus_entry(self, app_id, expected_kind=None)
        mark_id = _mark_id(self.env, app_id)
        _note_mark(self.env, app_id, mark_id)
        title = f"apparatus: {entry['kind']}" if entry is not None else "apparatus"
        if entry is not None and entry["lemma"]:
            title += f" ({entry['lemma']})"
        mark = app_link("", "", key=app_id, classes=["app-note", EDITORIAL], ids=[mark_id], title=title)
        mark += nodes.Text(NOTE_SIGN)
        return [mark], []


class ParaRole(SphinxRole):
    """``{para}`5```: a link to witness paragraph 5."""

    def run(self):
        number = self.text.strip()
        return [para_ref(self.rawtext, f"¶{number}", key=number)], []


# --- directives --------------------------------------------------------------------------------


class WitnessDirective(SphinxDirective):
    """``{witness} N``: paragraph N of the witness, with anchor ``pN`` and a visible ``¶N``."""

    required_arguments = 1
    has_content = True

    def run(self):
        number = int(self.arguments[0])
        anchor = f"p{number}"
        container = nodes.container(classes=["witness-paragraph"], ids=[anchor], witness_n=number)
        self.set_source_info(container)
        _add_target(self.env, "para", str(number), self.env.docname, anchor, self.get_location())
        self.env.temp_data["azedition_anchor"] = (anchor, f"¶{number}")
        try:
            self.state.nested_parse(self.content, self.content_offset, container)
        finally:
            self.env.temp_data.pop("azedition_anchor", None)
        paragraphs = [n for n in container.children if isinstance(n, nodes.paragraph)]
        if len(paragraphs) != 1:
            logger.warning("witness paragraph %d must be one paragraph, found %d", number,
                           len(paragraphs), location=self.get_location())
            return [container]
        number_link = nodes.reference("", f"¶{number}", refid=anchor,
                                      classes=["pnum", EDITORIAL])
        paragraphs[0].insert(0, number_link)
        return [container]


class InfoboxDirective(SphinxDirective):
    """``{infobox}``: the witness's infobox rows, ``Key: | value |`` as the witness has them."""

    has_content = True

    def _rows(self):
        rows, current = [], None
        for offset, line in enumerate(self.content):
            if re.match(r"^[A-Za-z0-9]+: \| ", line):
                current = [offset, line]
                rows.append(current)
            elif current is not None:
                current[1] += "\n" + line
            else:
                logger.warning("infobox line %r does not start a row", line, location=self.get_location())
        return rows

    def run(self):
        container = nodes.container(classes=["witness-infobox"], ids=["infobox"])
        self.set_source_info(container)
        _add_target(self.env, "para", "infobox", self.env.docname, "infobox", self.get_location())
        table = nodes.table(classes=["infobox-table"])
        tgroup = nodes.tgroup(cols=2)
        table += tgroup
        tgroup += nodes.colspec(colwidth=25)
        tgroup += nodes.colspec(colwidth=75)
        tbody = nodes.tbody()
        tgroup += tbody
        self.env.temp_data["azedition_anchor"] = ("infobox", "infobox")
        try:
            for offset, text in self._rows():
                match = INFOBOX_ROW.match(text)
                if not match:
                    logger.warning("infobox row %r is not 'Key: | value |'", text,
                                   location=self.get_location())
                    continue
                lineno = self.content_offset + offset + 1
                value_nodes, messages = self.state.inline_text(match["value"], lineno)
                row = nodes.row(classes=["infobox-row"], witness_key=match["key"],
                                witness_close=match["close"])
                row += nodes.entry("", nodes.paragraph("", match["key"], classes=["infobox-key"]))
                row += nodes.entry("", nodes.paragraph("", "", *value_nodes, classes=["infobox-value"]))
                tbody += row
                container += messages
        finally:
            self.env.temp_data.pop("azedition_anchor", None)
        container.insert(0, table)
        return [container]


def _cite_paragraph(directive, label, cell):
    """``Sources: [..]`` for a ``source`` cell: bibliography keys and witness paragraph ids, ``; ``-separated."""
    items = [item.strip() for item in cell.split(SOURCE_SEPARATOR) if item.strip()]
    paragraphs = [item for item in items if item in WITNESS_UNITS]
    keys = [item for item in items if item not in WITNESS_UNITS]
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

    def run(self):
        kind = self.arguments[0]
        if kind not in data.REGISTER_TABLES:
            raise self.error(f"register kind must be one of {sorted(data.REGISTER_TABLES)}")
        name = data.REGISTER_TABLES[kind]
        self.env.note_dependency(str(DATA_DIR / f"{name}.csv"))
        _records(self.env).azedition_generated_docs.add(self.env.docname)
        result = []
        for key, row in data.register(kind).iterrows():
            node_id = f"{kind}-{key}"
            _add_target(self.env, kind, key, self.env.docname, node_id, self.get_location())
            entry = nodes.container(classes=["register-entry"], ids=[node_id])
            heading = nodes.rubric(row["name"], row["name"])
            life = _life_dates(row)
            if life:
                heading += nodes.inline(life, f" ({life})", classes=["life-dates"])
            entry += heading
            if row["identification"]:
                entry += self._field("In 1920" if kind == "person" else "Identification",
                                     row["identification"])
            if row["source"]:
                entry += _cite_paragraph(self, "Sources", row["source"])
            if row.get("dates_source"):  # only persons have it; the dates' own authority, apart from the rest
                entry += _cite_paragraph(self, "Life dates", row["dates_source"])
            entry += backlinks(kind=kind, key=key)
            result.append(entry)
        return result

    def _field(self, label, value):
        paragraph = nodes.paragraph(classes=["register-field"])
        paragraph += nodes.strong(text=label + ": ")
        inline, messages = self.state.inline_text(value, self.lineno)
        paragraph.extend(inline)
        paragraph.extend(messages)
        return paragraph


def _life_dates(row):
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

    def run(self):
        self.env.note_dependency(str(DATA_DIR / "apparatus.csv"))
        _records(self.env).azedition_generated_docs.add(self.env.docname)
        table = data.apparatus()
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
            _add_target(self.env, "app", app_id, self.env.docname, node_id, self.get_location())
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
            self.state.nested_parse(StringList([row["note"]], source=str(DATA_DIR / "apparatus.csv")),
                                    self.content_offset, entry)
            if row["source"]:
                entry += _cite_paragraph(self, "Sources", row["source"])
            entry += backlinks(kind="app", key=app_id)
            result.append(entry)
        return result

    def _report_unknown_kinds(self, table):
        """An entry of an unknown kind would be missing from every group of the page: say so, once."""
        for line, kind in enumerate(table["kind"], start=2):
            if kind not in APPARATUS_KINDS:
                logger.warning("data/apparatus.csv row %d column kind: %r is not one of %s", line, kind,
                               ", ".join(APPARATUS_KINDS), location=self.get_location())


# --- resolution --------------------------------------------------------------------------------


def _link(app, fromdocname, kind, key, child, node, title=None):
    target = _records(app.env).azedition_targets.get((kind, key))
    if target is None:
        logger.warning("no %s entry %r to link to", kind, key, location=node)
        return child
    return make_refnode(app.builder, fromdocname, target[0], target[1], child, title)


def resolve_links(app, doctree, fromdocname):
    """Turn every mention, mark and paragraph reference into a link, and fill in the back-links."""
    for node in list(doctree.findall(entity_ref)):
        child = nodes.inline(node.astext(), node.astext(), classes=["entity", node["kind"]])
        node.replace_self(_link(app, fromdocname, node["kind"], node["key"], child, node))
    for node in list(doctree.findall(app_link)):
        child = nodes.inline("", "", *node.children, classes=node["classes"])
        link = _link(app, fromdocname, "app", node["key"], child, node, node.get("title"))
        node.replace_self(link)
        if isinstance(link, nodes.reference):
            # replace_self copies the mark's ids and classes onto the link; the classes belong to the
            # inner span alone (a second copy would double the styling and the count of signs).
            link["ids"] = node["ids"]
            link["classes"] = ["app-link"]
    for node in list(doctree.findall(para_ref)):
        child = nodes.inline(node.astext(), node.astext(), classes=["para-ref"])
        node.replace_self(_link(app, fromdocname, "para", node["key"], child, node))
    for node in list(doctree.findall(backlinks)):
        node.replace_self(_backlinks(app, fromdocname, node))


def _reading_order(mention):
    """Infobox first, then paragraphs by number: the order of the witness, whatever the read order."""
    label = mention[2]
    number = int(label[1:]) if label.startswith("¶") and label[1:].isdigit() else -1
    return (number, mention[0], mention[1])


def _backlinks(app, fromdocname, node):
    mentions = _records(app.env).azedition_mentions.get((node["kind"], node["key"]), [])
    paragraph = nodes.paragraph(classes=["backlinks"])
    if not mentions:
        paragraph += nodes.emphasis(text="Not marked in the text.")
        return paragraph
    paragraph += nodes.Text("In the witness: " if node["kind"] != "app" else "Marked at: ")
    seen = []
    for docname, anchor, label, _spelling in sorted(mentions, key=_reading_order):
        if (docname, anchor, label) in seen and node["kind"] != "app":
            continue
        seen.append((docname, anchor, label))
        if len(seen) > 1:
            paragraph += nodes.Text(", ")
        # An entry marked several times in one paragraph gets one numbered link per mark.
        repeats = sum(1 for mention in mentions if mention[2] == label)
        if node["kind"] == "app" and repeats > 1:
            label = f"{label} ({sum(1 for s in seen if s[2] == label)})"
        child = nodes.inline(label, label)
        paragraph += make_refnode(app.builder, fromdocname, docname, anchor, child)
    spellings = sorted({m[3] for m in mentions if m[3]})
    if spellings:
        paragraph += nodes.Text(". Spelled: " + "; ".join(f"“{s}”" for s in spellings) + ".")
    return paragraph


def check_data(app):
    """Validate data/ before anything reads it: one warning per problem, then stop with a clear error."""
    problems = data.validate()
    for problem in problems:
        logger.warning(str(problem))
    if problems:
        raise ExtensionError(f"{len(problems)} problem(s) in the data package; "
                             "run `python -m azedition validate` for the list")


# The edition has no mathematics, and MathJax would be loaded from another host: a renderer that
# prints any stray math as plain code keeps the book offline (chosen by html_math_renderer: plain).
def _visit_math_plain(self, node):
    self.body.append(f'<code class="math">{self.encode(node.astext())}</code>')
    raise nodes.SkipNode


def setup(app):
    app.add_html_math_renderer("plain", (_visit_math_plain, None), (_visit_math_plain, None))
    app.add_node(entity_ref)
    app.add_node(app_link)
    app.add_node(para_ref)
    app.add_node(backlinks)
    for kind in ("person", "place", "org"):
        app.add_role(kind, EntityRole(kind))
    app.add_role("emend", EmendRole())
    app.add_role("gap", GapRole())
    app.add_role("wref", WitnessRefRole())
    app.add_role("app", AppRefRole())
    app.add_role("supplied", SuppliedRole())
    app.add_role("note", NoteRole())
    app.add_role("para", ParaRole())
    app.add_directive("witness", WitnessDirective)
    app.add_directive("infobox", InfoboxDirective)
    app.add_directive("register", RegisterDirective)
    app.add_directive("apparatus", ApparatusDirective)
    app.connect("builder-inited", check_data)
    app.connect("env-purge-doc", purge_doc)
    app.connect("env-merge-info", merge_info)
    app.connect("env-get-outdated", outdated_generated_docs)
    app.connect("doctree-resolved", resolve_links)
    return {"version": "0.1", "parallel_read_safe": True, "parallel_write_safe": True, "env_version": 1}
