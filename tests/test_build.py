"""Strictness: the book builds with zero warnings, and a broken reference does fail the build."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from azedition.paths import PROJECT_ROOT

JUPYTER_BOOK = Path(sys.executable).with_name("jupyter-book")
# CITATION.cff and pyproject.toml give the edition its version, date and editors (azedition.edition)
BOOK_PARTS = ["book", "data", "notebooks", "_config.yml", "_toc.yml", "CITATION.cff", "pyproject.toml"]


def _copy_project(destination: Path) -> Path:
    for part in BOOK_PARTS:
        source = PROJECT_ROOT / part
        if source.is_dir():
            shutil.copytree(source, destination / part)
        elif source.exists():
            shutil.copy2(source, destination / part)
    return destination


def _strict_build(root: Path) -> subprocess.CompletedProcess:
    env = dict(os.environ, AZEDITION_ROOT=str(root))
    return subprocess.run([str(JUPYTER_BOOK), "build", str(root), "--builder", "html", "-W", "-n",
                           "--keep-going"], capture_output=True, text=True, env=env, timeout=900)


def _sphinx_warnings(output: str) -> list[str]:
    # ipykernel's "[IPKernelApp] WARNING | Kernel is running over TCP" is not a Sphinx warning.
    return [line for line in output.splitlines() if "WARNING" in line and "IPKernelApp" not in line]


@pytest.fixture(scope="module")
def clean_build(tmp_path_factory):
    return _strict_build(_copy_project(tmp_path_factory.mktemp("book")))


def test_clean_build_has_zero_warnings(clean_build):
    assert clean_build.returncode == 0, clean_build.stdout[-3000:] + clean_build.stderr[-3000:]
    assert _sphinx_warnings(clean_build.stdout + clean_build.stderr) == []


def test_an_unknown_register_key_fails_the_strict_build(tmp_path):
    root = _copy_project(tmp_path)
    chapter = root / "book" / "text" / "08-end-and-interpretation.md"
    chapter.write_text(chapter.read_text("utf-8").replace("<shirokorad>", "<nobody>"), "utf-8")
    result = _strict_build(root)
    assert result.returncode != 0
    assert "unknown person key 'nobody'" in result.stdout + result.stderr

