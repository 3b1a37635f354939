"""The build as the editors' guard (azedition.guard), tried as an editor makes mistakes: on a small book
built by the project's Makefile (tests/support/small_book.py), each mistake made, built, built again, undone.
One clean build serves the module; each test works on a copy of it (make finds the copy up to date).

- a failure stays a failure: the second `make book` fails too, with the same messages, four kinds of
  mistake at once, and make's stamp is touched only once they are gone;
- the build checks the witness: a typo, a paragraph twice, a paragraph missing, an unclosed fence, a
  changed witness file, together in one build, each named in one line with the paragraph, file and line;
- markup that reaches an entry drawn from data is shown as text, on the page and in its hover previews;
- incremental equals clean: a doubled paragraph repaired and a register entry edited and reverted end
  byte-identical to the clean build, the chapter's hover preview and the register's back-links included.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from support.small_book import KHOYSKI_MARKED, edit, make_book, make_small_book, warnings_of

# An editor's usual mistakes on a chapter page, with the first words of the message each must produce.
MISTAKES = {
    "unknown person key": ("Nothing yet.", "Nothing yet, said {person}`Khoyski <khoyskii>`.",
                           "WARNING: unknown person key 'khoyskii': add it to data/persons.csv"),
    "unknown apparatus id": ("Nothing yet.", "Nothing yet{note}`name-khoyskii`.",
                             "WARNING: unknown apparatus entry 'name-khoyskii': add it to data/apparatus.csv"),
    "unknown cite key": ("Nothing yet.", "Nothing yet {cite:p}`swietochowski1958russian`.",
                         'WARNING: could not find bibtex key "swietochowski1958russian"'),
    "unknown chart": ("Nothing yet.", "Nothing yet.\n\n```{chart} membership-by-year\n```\n",
                      "WARNING: unknown chart 'membership-by-year': register it in azedition.charts.CHARTS"),
}


def first_message(result) -> str:
    warnings = warnings_of(result)
    return warnings[0] if warnings else "(no message)"


@pytest.fixture(scope="module")
def clean_small_book(tmp_path_factory):
    """One clean `make book` of the small book for the whole module; each test works on a copy of it."""
    root = make_small_book(tmp_path_factory.mktemp("clean") / "book")
    clean = make_book(root)
    assert clean.returncode == 0 and warnings_of(clean) == [], clean.stdout[-3000:] + clean.stderr[-3000:]
    assert (root / "_build" / "html" / ".built").exists()
    return root


@pytest.fixture
def small_book(clean_small_book, tmp_path):
    """A copy of the clean build, its times kept (copy2), so make finds it up to date."""
    return Path(shutil.copytree(clean_small_book, tmp_path / "book", symlinks=True))


def test_a_failed_build_fails_again_until_the_mistake_is_gone(small_book):
    """All four kinds of mistake in one page, built twice through `make book`: both runs fail, each run
    names every mistake (the second names them again because azedition.guard deleted the environment),
    and make's stamp is not touched until the mistakes are gone."""
    page = small_book / "book" / "editors.md"
    original = page.read_text("utf-8")
    page.write_text(original + "".join("\n" + new + "\n" for _old, new, _message in MISTAKES.values()), "utf-8")
    first, second = make_book(small_book), make_book(small_book)
    for mistake, (_old, _new, message) in MISTAKES.items():
        print(f"{mistake}: exit {first.returncode} then {second.returncode}: "
              f"{next((w for w in warnings_of(first) if message in w), '(no message)')}")
        assert any(message in line for line in warnings_of(first)), (mistake, warnings_of(first))
    assert first.returncode != 0 and second.returncode != 0
    assert warnings_of(second) == warnings_of(first)  # the same messages, not fewer
    assert "Traceback" not in first.stderr + second.stderr
    assert not (small_book / "_build" / "html" / ".built").exists()  # make's stamp is not touched
    page.write_text(original, "utf-8")
    repaired = make_book(small_book)
    assert repaired.returncode == 0 and warnings_of(repaired) == [], warnings_of(repaired)
    assert (small_book / "_build" / "html" / ".built").exists()


def _line_of(path, text: str) -> int:
    return next(number for number, line in enumerate(path.read_text("utf-8").split("\n"), start=1) if text in line)


def test_the_build_checks_the_witness(small_book):
    """Five mistakes at once, in five different paragraphs, one build: each is named on its own line."""
    chapter = small_book / "book" / "witness.md"
    other = small_book / "book" / "editors.md"
    witness = small_book / "data" / "source" / "witness.txt"
    lines = witness.read_text("utf-8").split("\n")
    paragraph_9 = f":::{{witness}} 9\n{lines[18]}\n:::\n"

    mistakes = {
        "a typo in a witness paragraph": lambda: edit(chapter, "took place in April 1920", "took place in Apirl 1920"),
        "a witness paragraph pasted twice": lambda: other.write_text(other.read_text("utf-8") + "\n" + paragraph_9,
                                                                     "utf-8"),
        "a witness paragraph missing": lambda: edit(chapter, f":::{{witness}} 14\n{lines[23]}\n:::\n", ""),
        "an unclosed fence": lambda: edit(chapter, f"{lines[14]}\n:::\n",
                                          f"{lines[14]}\n\n```{{note}}\nA remark.\n```\n"),
        "a changed witness file": lambda: edit(witness, "In early January 1920", "In early February 1920"),
    }
    for make_mistake in mistakes.values():
        make_mistake()
    at = {n: f"book/witness.md:{_line_of(chapter, f':::{{witness}} {n}')}" for n in (1, 2, 5, 6, 9)}
    expected = {
        "a typo in a witness paragraph": [
            f"paragraph 1 at {at[1]} differs from the witness: at word 20 the book reads “Apirl 1920. It was "
            "a military …” where the witness reads “April 1920. It was a military …”"],
        "a witness paragraph pasted twice": [f"paragraph 9 appears twice: book/editors.md:5 and {at[9]}"],
        "a witness paragraph missing": ["paragraph 14 is missing: no chapter has its {witness} 14 directive"],
        "an unclosed fence": [f"paragraph 5 at {at[5]} holds a note besides the witness's words",
                              f"paragraph 6 at {at[6]} is nested inside paragraph 5"],
        "a changed witness file": ["data/source/witness.txt has changed: its SHA-256 is ",
                                   f"paragraph 2 at {at[2]} differs from the witness: at word 3 the book reads "
                                   "“January"],
    }
    result = make_book(small_book)
    warnings = warnings_of(result)
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    for mistake, messages in expected.items():
        print(f"{mistake}: exit {result.returncode}: "
              f"{next((w for w in warnings if messages[0] in w), '(no message)')}")
        for message in messages:
            assert any(message in warning for warning in warnings), (mistake, message, warnings)


INJECTED_ENTRY = """
```{container} register-entry
:name: person-injected

An identification with <script>alert(1)</script> in it.

An image <img src="x" onerror="alert(2)"> and [a link](javascript:alert(3)) and <a href="javascript:alert(4)">a
second link</a>.
```

See [the injected entry](#person-injected).
"""
ACTIVE_MARKUP = re.compile(r"<script>alert|<img[^>]*onerror|href=\"javascript:|<a href=\\?\"javascript", re.IGNORECASE)


def test_markup_that_reaches_an_entry_is_shown_as_text(small_book):
    """The validator keeps such markup out of data/; should any pass, the page and its previews show
    it as words. An entry container written in a page is the same doctree a register entry is."""
    page = small_book / "book" / "editors.md"
    page.write_text(page.read_text("utf-8") + INJECTED_ENTRY, "utf-8")
    result = make_book(small_book)
    assert result.returncode != 0  # made inert, and said: the build is strict
    assert any("markup from data/ made inert in person-injected" in w for w in warnings_of(result)), \
        warnings_of(result)
    html_dir = small_book / "_build" / "html"
    built = (html_dir / "book" / "editors.html").read_text("utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in built  # the words are kept, as text
    tips = [path.read_text("utf-8") for path in (html_dir / "_static" / "tippy").rglob("*.js")]
    assert any("person-injected" in tip for tip in tips)  # the preview of the entry exists
    for text in [built, *tips]:
        assert not ACTIVE_MARKUP.search(text), ACTIVE_MARKUP.search(text)


def test_markup_in_the_data_stops_the_build_in_one_line_each_time(tmp_path):
    root = make_small_book(tmp_path / "book")
    edit(root / "data" / "persons.csv", "Minister of Foreign Affairs of",
         "Minister of Foreign Affairs <img src=x onerror=alert(1)> of")
    for _attempt in range(2):
        result = make_book(root)
        output = result.stdout + result.stderr
        print(f"markup in a data cell: exit {result.returncode}: {first_message(result)}")
        assert result.returncode != 0
        assert warnings_of(result) == [
            "WARNING: data/persons.csv, row 10 (line 11), column 'identification': HTML in a text cell "
            "('<img src=x onerror=alert'): data are text; write the words, and mark them only with the "
            "edition's roles [rule: no html]"], warnings_of(result)
        assert "azedition: 1 problem(s) in the data package; nothing was built" in output
        assert "Traceback" not in output and not (root / "_build" / "html" / "book").exists()


# --- incremental equals clean ------------------------------------------------------------------

UUID_JS = re.compile(r"\.[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\.js")


TIPS = re.compile(r"^selector_to_html = (?P<tips>\{.*\})$", re.MULTILINE)


def _neutral(name: str, content: bytes) -> bytes:
    """sphinx-tippy names its files at random, and writes a page's previews in the order of a Python set
    (which differs from one process to the next); each preview is bound to one link by its exact href, so
    the order means nothing to a reader: sort it."""
    text = UUID_JS.sub(".js", content.decode("utf-8", "surrogateescape"))
    if name.startswith("_static/tippy/"):
        text = TIPS.sub(lambda m: "selector_to_html = " + json.dumps(json.loads(m["tips"]), sort_keys=True), text)
    return text.encode("utf-8", "surrogateescape")


def snapshot(html_dir) -> dict[str, bytes]:
    """Every file of the built book by its path, sphinx-tippy's randomness made neutral."""
    files = {}
    for path in sorted(html_dir.rglob("*")):
        if path.is_file() and path.name not in (".built", ".buildinfo"):
            name = UUID_JS.sub(".js", path.relative_to(html_dir).as_posix())
            files[name] = _neutral(name, path.read_bytes())
    return files


def test_incremental_builds_end_byte_identical_to_a_clean_build(clean_small_book, small_book):
    """Edits and reverts built incrementally by `make book` end byte-identical to the clean build: a
    paragraph doubled then removed (the register's back-links to it), a register entry edited then
    reverted (the chapter's hover preview of it)."""
    html_dir = small_book / "_build" / "html"
    before = snapshot(clean_small_book / "_build" / "html")

    chapter = small_book / "book" / "witness.md"
    persons = small_book / "data" / "persons.csv"
    originals = {path: path.read_bytes() for path in (chapter, persons)}
    paragraph_3 = chapter.read_text("utf-8").split(":::{witness} 3\n", 1)[1].split("\n:::\n", 1)[0]
    assert KHOYSKI_MARKED in paragraph_3  # the register's entry for Khoyski links to ¶3
    # pasted twice in one chapter, at its end (the page's summary, hence its social preview, unchanged)
    chapter.write_text(chapter.read_text("utf-8") + f"\n:::{{witness}} 3\n{paragraph_3}\n:::\n", "utf-8")
    doubled = make_book(small_book)
    assert doubled.returncode != 0
    first_3 = _line_of(chapter, ":::{witness} 3")
    assert any(f"paragraph 3 appears twice: book/witness.md:{first_3} and book/witness.md:" in line
               for line in warnings_of(doubled)), warnings_of(doubled)
    # the paragraph removed and a register entry edited, in one build: it passes with no (false) warning
    chapter.write_bytes(originals[chapter])
    edit(persons, "Minister of Foreign Affairs of the Azerbaijan Democratic Republic",
         "Minister of Foreign Affairs (edited) of the Azerbaijan Democratic Republic")
    edited = make_book(small_book)
    assert edited.returncode == 0 and warnings_of(edited) == [], warnings_of(edited)
    tips = "".join(path.read_text("utf-8") for path in (html_dir / "_static" / "tippy").rglob("witness.*.js"))
    assert "Minister of Foreign Affairs (edited)" in tips  # the chapter's hover preview of Khoyski
    persons.write_bytes(originals[persons])
    reverted = make_book(small_book)
    assert reverted.returncode == 0 and warnings_of(reverted) == [], warnings_of(reverted)

    after = snapshot(html_dir)
    assert sorted(after) == sorted(before)
    differing = [name for name in before if before[name] != after[name]]
    assert differing == [], differing
