"""The ``{errata}`` directive: the errata page, generated from the verification table.

``data/verification.csv`` records every claim of the edition that was checked against a work it cites:
the old statement, the verdict and, where the check changed something, the new statement and why. The
errata page lists the rows whose verdict is *correct*, *qualify* or *remove*, grouped by the file they
changed, so that a reader of an earlier build sees what this revision changed; it opens with the counts
of every verdict, computed from the same table, so the page and the data cannot disagree.

The statements are parsed as MyST inline markup, because many of them are quotations of notes that
carry roles (``{cite}``, ``{para}``, ``{term}``); a statement is shown as the reader saw it.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

import pandas as pd
from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

from . import config, data

CHANGED = ("correct", "qualify", "remove")
VERDICT_WORDS = {"keep": "kept", "correct": "corrected", "qualify": "qualified", "remove": "removed",
                 "unverified": "left unverified"}


def verdict_counts(table: pd.DataFrame) -> Counter:
    """How many checked claims ended with each verdict."""
    return Counter(table["verdict"])


class ErrataDirective(SphinxDirective):
    """``{errata}``: the counts of the verification pass, then each change with its old and new statement."""

    def run(self) -> list[nodes.Node]:
        config.note_data_dependency(self.env, "verification")
        table = data.table("verification", config.data_dir(self.env), config.bibliography_path(self.env),
                           config.witness_path(self.env))
        result = [self._summary(table)]
        changed = table[table["verdict"].isin(CHANGED)]
        for path, group in changed.groupby(changed["place"].str.split(":").str[0], sort=True):
            section = nodes.container(classes=["errata-group"])
            section += nodes.rubric(path, path)
            for _, row in group.iterrows():
                section += self._entry(row)
            result.append(section)
        return result

    def _summary(self, table: pd.DataFrame) -> nodes.paragraph:
        counts = verdict_counts(table)
        works = table.groupby("work")["reading"].agg(set)
        read = sorted(key for key, readings in works.items() if "work" in readings)
        paragraph = nodes.paragraph(classes=["errata-summary"])
        paragraph += nodes.Text(
            f"This revision checked {len(table)} claims against the works they cite: "
            + ", ".join(f"{counts.get(verdict, 0)} {VERDICT_WORDS[verdict]}" for verdict in VERDICT_WORDS)
            + f". {len(read)} of the {len(works)} works concerned were read in their own text. "
            f"Below are the {sum(counts.get(v, 0) for v in CHANGED)} changes: the old statement, the new, and why.")
        return paragraph

    def _entry(self, row: pd.Series) -> nodes.container:
        entry = nodes.container(classes=["erratum"], ids=[f"erratum-{row['id']}"])
        head = nodes.paragraph(classes=["erratum-head"])
        head += nodes.strong(text=row["place"].split(":", 1)[1].strip())
        head += nodes.Text(f" — {row['verdict']}; work: ")
        head += nodes.literal(text=row["work"])
        entry += head
        for label, value in (("Before", row["claim"]), ("After", row["new_statement"]), ("Why", row["reason"])):
            paragraph = nodes.paragraph(classes=["erratum-field"])
            paragraph += nodes.strong(text=f"{label}: ")
            inline, messages = self.state.inline_text(value, self.lineno)
            paragraph.extend(inline)
            paragraph.extend(messages)
            entry += paragraph
        return entry


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_directive("errata", ErrataDirective)
    return {"version": "0.1", "parallel_read_safe": True, "parallel_write_safe": True}
