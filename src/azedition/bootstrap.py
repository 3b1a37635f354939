"""Notebooks that run where their launch buttons open them: Colab, a JupyterHub, a folder of their own.

There, a notebook stands alone: ``import azedition`` fails and ``data/`` is absent. The first cell of every
notebook (the same cell in each, :data:`FIRST_CELL`; a test keeps them identical) does nothing when the
package can be imported, as inside the project or on Binder. Otherwise it clones the edition's repository
(the ``repository: url:`` of ``_config.yml``) into a cache folder, puts the clone's ``src/`` on the path
and calls :func:`install_dependencies`, the one function that does the rest. The clone holds ``data/``
beside ``src/``, where :mod:`azedition.paths` looks for it.

The repository's address is written in the cell, because the cell runs before anything of the edition
can be read; a test checks that it is the address of ``_config.yml``. Two environment variables change
what the cell does, for a test or a mirror: ``AZEDITION_REPOSITORY`` (another address or a local clone)
and ``AZEDITION_CACHE`` (another folder for the clone).
"""

from __future__ import annotations

import importlib.metadata
import re
import subprocess
import sys
import tomllib

from .paths import DATA_DIR, PROJECT_ROOT

FIRST_CELL = """\
# The edition's package and data. Inside the project this cell does nothing; where this notebook was opened
# alone (Colab, a JupyterHub), it fetches the edition from its repository, `repository: url:` in _config.yml.
import importlib.util, os, subprocess, sys
if importlib.util.find_spec("azedition") is None:
    EDITION = os.environ.get("AZEDITION_CACHE") or os.path.expanduser("~/.cache/azedition")
    if not os.path.isdir(EDITION):
        REPOSITORY = os.environ.get("AZEDITION_REPOSITORY", "{repository}")
        subprocess.run(["git", "clone", "--quiet", "--depth", "1", REPOSITORY, EDITION], check=True)
    sys.path.insert(0, os.path.join(EDITION, "src"))
    from azedition.bootstrap import install_dependencies
    install_dependencies()"""


class BootstrapError(RuntimeError):
    """The fetched edition is incomplete, or its dependencies could not be installed."""


def first_cell(repository: str) -> str:
    """The notebooks' first cell, for the repository address of _config.yml."""
    return FIRST_CELL.replace("{repository}", repository)


def missing_dependencies(pyproject_text: str) -> list[str]:
    """The edition's runtime requirements (pyproject.toml, the one list of pins) not installed here."""
    missing = []
    for requirement in tomllib.loads(pyproject_text)["project"]["dependencies"]:
        name = re.match(r"[A-Za-z0-9_.-]+", requirement).group(0)
        try:
            importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            missing.append(requirement)
    return missing


def install_dependencies() -> list[str]:
    """Make the fetched edition usable: check its data, pip-install what its pins require and this
    Python lacks (nothing, where the kernel already has them). Returns what was installed."""
    if not (DATA_DIR / "datapackage.json").exists():
        raise BootstrapError(f"{PROJECT_ROOT}: no data/datapackage.json: is this a clone of the edition?")
    missing = missing_dependencies((PROJECT_ROOT / "pyproject.toml").read_text("utf-8"))
    if missing:
        print(f"azedition: installing {len(missing)} package(s): {', '.join(missing)}", flush=True)
        result = subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", *missing])
        if result.returncode != 0:
            raise BootstrapError(f"pip could not install {', '.join(missing)} (exit {result.returncode})")
        importlib.invalidate_caches()
    return missing


def rewrite_notebooks() -> list[str]:
    """Write the first cell of every notebook anew from the `repository: url:` of _config.yml (after the
    address changes); returns the notebooks changed."""
    import nbformat
    import yaml

    repository = yaml.safe_load((PROJECT_ROOT / "_config.yml").read_text("utf-8"))["repository"]["url"]
    changed = []
    for path in sorted((PROJECT_ROOT / "notebooks").glob("*.ipynb")):
        notebook = nbformat.read(path, as_version=4)
        cell = next(cell for cell in notebook.cells if cell.cell_type == "code")
        if cell.source != first_cell(repository):
            cell.source = first_cell(repository)
            nbformat.write(notebook, path)
            changed.append(path.name)
    return changed
