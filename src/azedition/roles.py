"""The MyST roles that say what the witness's words are, and the editors' marks in the text.

- ``{person}``, ``{place}``, ``{org}``: ``{person}`Khoyski <khoyski>``` links a mention to its
  register entry; the register lists every paragraph that mentions it, computed from this markup;
- ``{emend}`witness reading <apparatus-id>``` (TEI choice/sic/corr), ``{gap}`apparatus-id``` (TEI gap),
  ``{wref}`[1] <apparatus-id>``` (a witness citation marker whose reference list is lost),
  ``{supplied}`text``` or ``{supplied}`text <apparatus-id>``` (editorial addition) and
  ``{note}`apparatus-id``` (a small sign ° where an inconsistency, a normalization or another entry of
  the apparatus concerns the witness's words), each linked to the apparatus; an emendation of a name
  also links the name to its register: ``{emend}`Allied Supreme Court <emend-id|org:key>```;
- ``{app}`words <apparatus-id>```: the editors' own link to an apparatus entry;
- ``{para}`N```: a cross-reference to witness paragraph N.
"""

from __future__ import annotations

import pandas as pd
from docutils import nodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util.docutils import ReferenceRole, SphinxRole

from . import config, data
from .config import warn
from .domain import edition_domain
from .nodes import EDITORIAL, NOTE_SIGN, app_link, entity_ref, para_ref

ANCHOR = "azedition_anchor"  # env.temp_data: (anchor id, label) of the witness unit being read

Result = tuple[list[nodes.Node], list[nodes.system_message]]


def current_anchor(env: BuildEnvironment) -> tuple[str, str] | None:
    """The witness paragraph (or infobox) that the text being parsed stands in, if any."""
    return env.temp_data.get(ANCHOR)


class EntityRole(ReferenceRole):
    """``{person}`witness spelling <key>```: a mention linked to its register entry."""

    def __init__(self, kind: str) -> None:
        super().__init__()
        self.kind = kind

    def run(self) -> Result:
        key = self.target if self.has_explicit_title else self.title.lower()
        return [mention(self, self.kind, key, self.title, self.rawtext)], []


def mention(role: SphinxRole, kind: str, key: str, spelling: str, rawtext: str = "") -> entity_ref:
    """An ``entity_ref`` for a register entry, recorded as a mention of the paragraph it stands in."""
    if kind not in data.REGISTER_TABLES:
        warn("unknown-key", "unknown register kind %r: use one of %s", kind, ", ".join(data.REGISTER_TABLES),
             location=role.get_location())
    elif key not in config.register(role.env, kind).index:
        warn("unknown-key", f"unknown {kind} key {key!r}: add it to data/{data.REGISTER_TABLES[kind]}.csv",
             location=role.get_location())
    node = entity_ref(rawtext, spelling, kind=kind, key=key)
    anchor = current_anchor(role.env)
    if anchor:
        edition_domain(role.env).add_mention(kind, key, anchor[0], anchor[1], spelling)
    return node


def apparatus_entry(role: SphinxRole, app_id: str, expected_kind: str | None) -> pd.Series | None:
    """The apparatus row ``app_id``, or None (with a warning) if the apparatus has no such entry."""
    table = config.apparatus(role.env)
    if app_id not in table.index:
        warn("unknown-key", "unknown apparatus entry %r: add it to data/apparatus.csv", app_id,
             location=role.get_location())
        return None
    entry = table.loc[app_id]
    if expected_kind and entry["kind"] != expected_kind:
        warn("apparatus-kind", "apparatus entry %r is a %s, not a %s", app_id, entry["kind"], expected_kind,
             location=role.get_location())
    return entry


def new_mark(env: BuildEnvironment, app_id: str) -> str:
    """A unique id for one mark of an apparatus entry in the text, recorded so the entry links back."""
    mark_id = f"mark-{app_id}-{env.new_serialno(f'azedition-mark-{app_id}')}"
    anchor = current_anchor(env)
    label = anchor[1] if anchor else env.docname
    edition_domain(env).add_mention("app", app_id, mark_id, label)
    return mark_id


class EmendRole(ReferenceRole):
    """``{emend}`witness reading <apparatus-id>```: the witness's reading stays, the correction is shown."""

    def run(self) -> Result:
        # ``<apparatus-id|kind:key>``: the emended words are also a name, mentioned in the register.
        app_id, _, entity = self.target.partition("|")
        entry = apparatus_entry(self, app_id, "emendation")
        if entry is None:
            return [nodes.Text(self.title)], []
        if entry["lemma"] != self.title:
            warn("lemma", "emendation %r: the text reads %r but the apparatus lemma is %r",
                 app_id, self.title, entry["lemma"], location=self.get_location())
        mark_id = new_mark(self.env, app_id)
        mark = nodes.inline(classes=["emendation"], ids=[mark_id])
        sic = nodes.inline(classes=["sic"])
        if entity:
            kind, _, key = entity.partition(":")
            sic += mention(self, kind, key, self.title)
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

    def run(self) -> Result:
        app_id = self.text.strip()
        apparatus_entry(self, app_id, "lacuna")
        mark = app_link("", "", key=app_id, classes=["gap", EDITORIAL], ids=[new_mark(self.env, app_id)],
                        title="lacuna: what is known of the missing passage")
        mark += nodes.Text(" [… lacuna …] ")
        return [mark], []


class WitnessRefRole(ReferenceRole):
    """``{wref}`[1] <apparatus-id>```: a citation marker of the witness whose target is lost."""

    def run(self) -> Result:
        apparatus_entry(self, self.target, "references")
        mark = app_link("", "", key=self.target, classes=["witness-ref"], ids=[new_mark(self.env, self.target)],
                        title="the witness's reference list is lost")
        mark += nodes.Text(self.title)
        return [mark], []


class AppRefRole(ReferenceRole):
    """``{app}`words <apparatus-id>```: the editors' own link to an apparatus entry."""

    def run(self) -> Result:
        apparatus_entry(self, self.target, expected_kind=None)
        link = app_link("", "", key=self.target, classes=["app-ref"])
        link += nodes.Text(self.title)
        return [link], []


class SuppliedRole(ReferenceRole):
    """``{supplied}`text```: words the editors add, printed between angle brackets.

    ``{supplied}`; <apparatus-id>``` also links the addition to the apparatus entry that explains it.
    """

    def run(self) -> Result:
        text = f"⟨{self.title}⟩"
        if not self.has_explicit_title:
            return [nodes.inline(self.rawtext, text, classes=["supplied", EDITORIAL])], []
        apparatus_entry(self, self.target, expected_kind=None)
        mark = app_link("", "", key=self.target, classes=["supplied", EDITORIAL],
                        ids=[new_mark(self.env, self.target)], title="supplied by the editors")
        mark += nodes.Text(text)
        return [mark], []


class NoteRole(SphinxRole):
    """``{note}`apparatus-id```: the sign ° where an entry of the apparatus concerns the words before it.

    Used for the entries that change nothing in the text (inconsistencies, normalized names, the
    infobox, cruxes); the sign is the editors', so it carries the ``editorial`` class.
    """

    def run(self) -> Result:
        app_id = self.text.strip()
        entry = apparatus_entry(self, app_id, expected_kind=None)
        mark_id = new_mark(self.env, app_id)
        title = f"apparatus: {entry['kind']}" if entry is not None else "apparatus"
        if entry is not None and entry["lemma"]:
            title += f" ({entry['lemma']})"
        mark = app_link("", "", key=app_id, classes=["app-note", EDITORIAL], ids=[mark_id], title=title)
        mark += nodes.Text(NOTE_SIGN)
        return [mark], []


class ParaRole(SphinxRole):
    """``{para}`5```: a link to witness paragraph 5."""

    def run(self) -> Result:
        number = self.text.strip()
        return [para_ref(self.rawtext, f"¶{number}", key=number)], []


def add_roles(app: Sphinx) -> None:
    """Register every role of the edition."""
    for kind in data.REGISTER_TABLES:
        app.add_role(kind, EntityRole(kind))
    app.add_role("emend", EmendRole())
    app.add_role("gap", GapRole())
    app.add_role("wref", WitnessRefRole())
    app.add_role("app", AppRefRole())
    app.add_role("supplied", SuppliedRole())
    app.add_role("note", NoteRole())
    app.add_role("para", ParaRole())
