"""The edition's one bibliography reader: book/references.bib through pybtex, and works named as the book
names them.

The chapters cite through sphinxcontrib-bibtex, whose author–year labels name a work by its authors'
(or, failing them, its editors') surnames and its year: "Swietochowski 1985", "Kvashonkin et al. 1996",
"Great Soviet Encyclopedia n.d.". Whatever else names a work outside a ``{cite}`` role (a chart's source
line, the bibliography's labels) asks :func:`author_year` here, so that no reader ever meets a
bibliography key such as ``kvashonkin1996bolshevistskoe``.
"""

from __future__ import annotations

from collections import Counter
from functools import lru_cache
from pathlib import Path
from string import ascii_lowercase

from pybtex.database import BibliographyData, Entry

from . import paths


def _version(bib_path: Path | str | None) -> tuple[Path, int]:
    """The bibliography's file and its modification time: what the caches below are keyed on."""
    path = Path(bib_path or paths.bibliography_path()).resolve()
    return path, path.stat().st_mtime_ns


def read_bibliography(bib_path: Path | str | None = None) -> BibliographyData:
    """The parsed bibliography (a pybtex ``BibliographyData``), read once per version of the file."""
    return _parsed(*_version(bib_path))


@lru_cache(maxsize=4)
def _parsed(path: Path, _mtime: int) -> BibliographyData:
    from pybtex.database import parse_file

    return parse_file(str(path), bib_format="bibtex")


@lru_cache(maxsize=1)
def _plain_text():
    """pybtex's plain-text backend, made once: ``render_as("text")`` looks it up among the installed
    packages' entry points at every call, which made a chart's source line cost seconds."""
    from pybtex.backends.plaintext import Backend

    return Backend()


def surnames(entry: Entry) -> list[str]:
    """The surnames a citation names: the authors', or the editors' where the work has no author."""
    from pybtex.richtext import Text

    people = entry.persons.get("author") or entry.persons.get("editor") or []
    # the "von" part belongs to the surname as cited: "van der Leeuw 2000"
    return [" ".join(Text(name).render(_plain_text())
                     for name in person.rich_prelast_names + person.rich_last_names) for person in people]


def names_and_year(entry: Entry) -> str:
    """"Smith 2001", "Smith and Jones 2001", "Smith et al. 2001": the label of one entry."""
    names = surnames(entry)
    shown = f"{names[0]} et al." if len(names) > 2 else " and ".join(names)
    return f"{shown} {entry.fields.get('year', 'n.d.')}".strip()


def told_apart(labels: list[str]) -> list[str]:
    """Labels shared by several works (two undated articles of one encyclopedia) get a, b, ... in the
    order given, as author-year references tell them apart: "n.d.a", "n.d.b"."""
    counts, seen = Counter(labels), Counter()
    result = []
    for label in labels:
        if counts[label] > 1:
            seen[label] += 1
            result.append(f"{label}{ascii_lowercase[seen[label] - 1]}")
        else:
            result.append(label)
    return result


def _title(entry: Entry) -> str:
    return entry.fields.get("title", "").replace("{", "").replace("}", "").lower()


def author_year(key: str, bib_path: Path | str | None = None) -> str:
    """The work with bibliography key ``key`` named as the chapters cite it, e.g. "Mikoian 1999".

    Works sharing a label are told apart in the order of their titles, as the bibliography sorts them
    (pybtex's author_year_title sorting) and labels them (azedition.commentary)."""
    path, mtime = _version(bib_path)
    labels = _labels(path, mtime)
    if key not in labels:
        raise KeyError(f"{key!r} is not a key of {path.name}")
    return labels[key]


@lru_cache(maxsize=4)
def _labels(path: Path, mtime: int) -> dict[str, str]:
    """Every key's label, worked out once per version of the file."""
    entries = _parsed(path, mtime).entries
    plain = {key: names_and_year(entry) for key, entry in entries.items()}
    labels = {}
    for label in set(plain.values()):
        namesakes = sorted((key for key in entries if plain[key] == label), key=lambda k: _title(entries[k]))
        labels.update(zip(namesakes, told_apart([label] * len(namesakes)), strict=True))
    return labels


def keys(bib_path: Path | str | None = None) -> frozenset[str]:
    """Every key of the bibliography."""
    return frozenset(read_bibliography(bib_path).entries.keys())
