"""The state the edition's markup leaves in the build environment, kept by a Sphinx domain.

- ``targets``: ``(kind, key) -> (docname, node id)`` for every register entry (kind person, place,
  org), apparatus entry (``app``) and witness paragraph (``para``);
- ``mentions``: ``(kind, key) -> [(docname, anchor id, label, witness spelling)]``, every place of the
  text that names an entry or carries a mark of the apparatus, for the back-links;
- ``generated_docs``: the register and apparatus pages, rewritten whenever any chapter changes;
- ``chart_docs``: the pages that show a ``{chart}``, reread when the notebooks' inputs change.

A domain gets ``clear_doc`` and ``merge_domaindata`` called by Sphinx, so an incremental or parallel
build keeps the records right without handlers of its own.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sphinx.application import Sphinx
from sphinx.domains import Domain
from sphinx.environment import BuildEnvironment

from .config import warn

Mention = tuple[str, str, str, str]


class EditionDomain(Domain):
    """The registers', the apparatus' and the witness paragraphs' targets and mentions."""

    name = "azedition"
    label = "Critical edition"
    data_version = 1
    initial_data: dict[str, Any] = {
        "targets": {},
        "mentions": {},
        "generated_docs": set(),
        "chart_docs": set(),
    }

    @property
    def targets(self) -> dict[tuple[str, str], tuple[str, str]]:
        return self.data["targets"]

    @property
    def mentions(self) -> dict[tuple[str, str], list[Mention]]:
        return self.data["mentions"]

    @property
    def generated_docs(self) -> set[str]:
        return self.data["generated_docs"]

    @property
    def chart_docs(self) -> set[str]:
        return self.data["chart_docs"]

    def add_target(self, kind: str, key: str, node_id: str, location: Any = None) -> None:
        """Record that entry ``(kind, key)`` is defined on the current page under ``node_id``."""
        docname = self.env.docname
        known = self.targets.get((kind, key))
        if known is not None and known[0] != docname:
            warn("duplicate-target", "duplicate %s target %r", kind, key, location=location)
        self.targets[(kind, key)] = (docname, node_id)

    def add_mention(self, kind: str, key: str, anchor: str, label: str, spelling: str = "") -> None:
        """Record a mention or mark of ``(kind, key)`` on the current page, at ``anchor``."""
        self.mentions.setdefault((kind, key), []).append((self.env.docname, anchor, label, spelling))

    def clear_doc(self, docname: str) -> None:
        self.data["targets"] = {k: v for k, v in self.targets.items() if v[0] != docname}
        for key in list(self.mentions):
            self.mentions[key] = [m for m in self.mentions[key] if m[0] != docname]
        self.generated_docs.discard(docname)
        self.chart_docs.discard(docname)

    def merge_domaindata(self, docnames: Iterable[str], otherdata: dict[str, Any]) -> None:
        docnames = set(docnames)
        self.targets.update({k: v for k, v in otherdata["targets"].items() if v[0] in docnames})
        for key, mentions in otherdata["mentions"].items():
            self.mentions.setdefault(key, []).extend(m for m in mentions if m[0] in docnames)
        self.generated_docs.update(otherdata["generated_docs"] & docnames)
        self.chart_docs.update(otherdata["chart_docs"] & docnames)

    def resolve_any_xref(self, env, fromdocname, builder, target, node, contnode):  # noqa: ANN001
        return []  # the edition's links are resolved by azedition.resolve, not by {any}


def edition_domain(env: BuildEnvironment) -> EditionDomain:
    """The environment's :class:`EditionDomain`."""
    return env.get_domain(EditionDomain.name)  # type: ignore[return-value]


def outdated_generated_docs(app: Sphinx, env: BuildEnvironment, added: set[str], changed: set[str],
                            removed: set[str]) -> list[str]:
    """A register or apparatus page lists mentions from every chapter: rewrite it when any changes."""
    if added or changed or removed:
        return sorted(edition_domain(env).generated_docs - set(removed))
    return []
