"""The data behind the book, as downloads: the data package as a zip, and each table on its own.

At ``build-finished`` (HTML only) the build writes into ``data/`` of the output:

- ``azedition-data.zip``: every CSV of the package, ``datapackage.json`` and a ``README.md`` with the
  licence and the edition's version; ``python -m azedition validate`` accepts the unpacked folder;
- each CSV and ``datapackage.json`` on its own, so that a notebook page can link the tables it reads.

The zip is reproducible: its members are sorted, and their time stamps are the build date of
:func:`azedition.edition.source_date_epoch` (the last commit), not the time of the build.

Each notebook page gets a line under its title naming the tables its code reads (found in the
notebook's code cells: ``data.table("...")``, ``data.register("...")``, ``data.apparatus()``).
"""

from __future__ import annotations

import datetime as dt
import json
import re
import zipfile
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx

from . import config, data, paths
from .edition import LICENCE_NAME, LICENCE_URL, Edition, edition, source_date_epoch

OUTPUT_DIR = "data"
ZIP_NAME = "azedition-data.zip"
TABLE_CALL = re.compile(r"""data\.(table|load_table)\(\s*\\?["'](?P<name>\w+)\\?["']""")
REGISTER_CALL = re.compile(r"""data\.register\(\s*\\?["'](?P<kind>\w+)\\?["']""")
APPARATUS_CALL = re.compile(r"data\.apparatus\(")


def package_files(data_dir: Path | None = None) -> list[Path]:
    """datapackage.json and every CSV it describes, in the package's order (by default the project's)."""
    data_dir = paths.data_dir() if data_dir is None else data_dir
    package = json.loads((data_dir / data.PACKAGE_FILE).read_text("utf-8"))
    return [data_dir / data.PACKAGE_FILE] + [data_dir / resource["path"] for resource in package["resources"]]


def readme(data_dir: Path | None = None, facts: Edition | None = None) -> str:
    """The zip's README: the package's files, its licence and the edition it belongs to."""
    facts = edition() if facts is None else facts
    names = "\n".join(f"- `{path.name}`" for path in package_files(data_dir))
    return f"""# Data of “{facts.title}”

Version {facts.version} ({facts.date_released}). Edition: {facts.url}

The tables behind the edition's registers, apparatus and charts, as CSV files described by a
Frictionless Data Package (`datapackage.json`: types, keys, enumerations, foreign keys, sources):

{names}

Every row of a fact table names its source: a paragraph of the witness (`p1`..`p14`, `infobox`) or a key
of the edition's bibliography (`book/references.bib` in the edition's repository, {facts.repository}).
The edition's validator checks a folder like this one: `python -m azedition validate FOLDER`.

## Licence

{LICENCE_NAME}, {LICENCE_URL}: the data are part of the edition's text, which adapts the Wikipedia
article “Red Army invasion of Azerbaijan” (by its contributors, CC BY-SA 4.0). Cite the edition as
{", ".join(facts.editors)} (eds.), *{facts.title}*, version {facts.version}, {facts.year}, {facts.url}.
"""


def write_zip(target: Path, data_dir: Path | None = None, root: Path | None = None) -> None:
    """The data package in ``data_dir`` as a reproducible zip at ``target``, stamped with the time of the
    last commit of the project at ``root`` and described by its facts (by default the project's)."""
    stamp = dt.datetime.fromtimestamp(max(source_date_epoch(root), 315532800), tz=dt.UTC)  # zip dates start in 1980
    date_time = stamp.timetuple()[:6]
    members = [(path.name, path.read_bytes()) for path in package_files(data_dir)]
    members.append(("README.md", readme(data_dir, edition(root)).encode("utf-8")))
    target.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, content in sorted(members):
            info = zipfile.ZipInfo(f"azedition-data/{name}", date_time=date_time)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, content)


def write_downloads(app: Sphinx, exception: Exception | None) -> None:
    """``build-finished`` (HTML only): the configured data package's files and its zip into the output."""
    if exception is not None or app.builder.format != "html":
        return
    data_dir = config.data_dir(app.env)
    folder = Path(app.outdir) / OUTPUT_DIR
    folder.mkdir(parents=True, exist_ok=True)
    for path in package_files(data_dir):
        (folder / path.name).write_bytes(path.read_bytes())
    write_zip(folder / ZIP_NAME, data_dir, Path(app.confdir))


def tables_read(notebook: Path, data_dir: Path | None = None) -> list[str]:
    """The tables a notebook's code cells read, in the order of the package."""
    cells = json.loads(notebook.read_text("utf-8"))["cells"]
    code = "\n".join("".join(cell["source"]) for cell in cells if cell["cell_type"] == "code")
    names = {match["name"] for match in TABLE_CALL.finditer(code)}
    names |= {data.REGISTER_TABLES.get(match["kind"], match["kind"]) for match in REGISTER_CALL.finditer(code)}
    if APPARATUS_CALL.search(code):
        names.add("apparatus")
    order = [path.stem for path in package_files(data_dir)[1:]]
    return [name for name in order if name in names]


def link_tables(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """``doctree-resolved``: under a notebook's title, links to the tables it reads."""
    if app.builder.format != "html" or not docname.startswith("notebooks/"):
        return
    source = Path(app.env.doc2path(docname))
    if source.suffix != ".ipynb":
        return
    tables = tables_read(source, config.data_dir(app.env))
    if not tables:
        return
    up = "../" * docname.count("/")
    paragraph = nodes.paragraph(classes=["notebook-data"])
    paragraph += nodes.strong(text="Data read by this notebook: ")
    for number, name in enumerate(tables):
        if number:
            paragraph += nodes.Text(", ")
        paragraph += nodes.reference("", f"{name}.csv", refuri=f"{up}{OUTPUT_DIR}/{name}.csv",
                                     classes=["notebook-table"])
    paragraph += nodes.Text(" (described in ")
    paragraph += nodes.reference("", "datapackage.json", refuri=f"{up}{OUTPUT_DIR}/{data.PACKAGE_FILE}")
    paragraph += nodes.Text("; the whole package: ")
    paragraph += nodes.reference("", ZIP_NAME, refuri=f"{up}{OUTPUT_DIR}/{ZIP_NAME}")
    paragraph += nodes.Text(").")
    section = next(doctree.findall(nodes.section), None)
    if section is not None:
        section.insert(1, paragraph)


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("build-finished", config.open_edition_only(write_downloads))
    app.connect("doctree-resolved", config.open_edition_only(link_tables))
    return {"version": "0.1", "parallel_read_safe": True, "parallel_write_safe": True}
