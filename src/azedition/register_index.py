"""The registers' A–Z list, written into the page at build time.

The registers (persons, places, organizations) list their entries in the order of first mention; an
A–Z list under the page's heading finds a name by its initial: persons by their key, which is the
surname (``levandovsky``, ``khoyski``), places and organizations by their name. It was once built by
a script after the page had loaded, which pushed every entry down under a first paint already made
(Lighthouse counted a layout shift of 0.64 on the organizations' register, on a phone); laid out with
the page, it moves nothing.

A Sphinx extension, HTML only: it edits the rendered body in ``html-page-context`` after sphinx-tippy
has collected the page's links, so that the list's links to the entries get no hover preview of their
own (each would repeat an entry of the page in the page's preview file).
"""

from __future__ import annotations

import html
import unicodedata
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx

MIN_ENTRIES = 5  # a shorter register is read at a glance
LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def sort_key(entry_id: str, name: str) -> str:
    """The letters and digits of a person's key or another entry's name, accents dropped, upper case."""
    text = entry_id.removeprefix("person-") if entry_id.startswith("person-") else name or entry_id
    return "".join(char for char in unicodedata.normalize("NFD", text)
                   if unicodedata.category(char)[0] in "LN").upper()


def a_to_z(entries: list[tuple[str, str]]) -> str:
    """The list for the (id, shown name) entries of a register: a line of letters, each leading to the
    names under it, each name to its entry."""
    groups: dict[str, list[tuple[str, str]]] = {}
    for entry_id, name in sorted(entries, key=lambda entry: sort_key(*entry)):
        groups.setdefault(sort_key(entry_id, name)[:1] or "#", []).append((entry_id, name))
    letters = "".join(
        f'<li><a href="#az-{letter}">{letter}</a></li>' if letter in groups
        else f'<li><span aria-hidden="true">{letter}</span></li>'
        for letter in LETTERS
    )
    index = "".join(
        f'<dt id="az-{html.escape(letter)}">{html.escape(letter)}</dt><dd>'
        + "".join(f'<a href="#{html.escape(entry_id)}">{html.escape(name)}</a> ' for entry_id, name in group)
        + "</dd>"
        for letter, group in sorted(groups.items())
    )
    return (f'<nav class="edition-az" aria-label="Entries from A to Z"><ol>{letters}</ol>'
            f'<dl class="edition-az-index">{index}</dl></nav>')


def register_entries(body: str) -> list[tuple[str, str]]:
    """The (id, name) of each register entry of a page's body: the name is the entry's rubric as shown."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(body, "html.parser")
    entries = []
    for entry in soup.select("div.register-entry[id]"):
        rubric = entry.select_one(".rubric")
        entries.append((entry["id"], " ".join(rubric.get_text().split()) if rubric else entry["id"]))
    return entries


def add_a_to_z(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any],
               doctree: nodes.document | None) -> None:
    body = context.get("body", "")
    if "register-entry" not in body or "</h1>" not in body:
        return
    entries = register_entries(body)
    if len(entries) < MIN_ENTRIES:
        return
    end = body.index("</h1>") + len("</h1>")
    context["body"] = body[:end] + "\n" + a_to_z(entries) + body[end:]


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("html-page-context", add_a_to_z, priority=600)  # after sphinx-tippy's (500)
    return {"version": "0.1", "parallel_read_safe": True, "parallel_write_safe": True}
