"""The notebooks: committed without outputs, free of hand-made paths, and runnable top to bottom in a
fresh kernel started in a folder that is not the project's, and alone, with a fresh Python that has no
azedition and no data: their first code cell fetches the edition (azedition.bootstrap)."""

import os
import re
import shutil
import subprocess
import sys
import time
import venv
from pathlib import Path

import nbformat
import pytest
import yaml
from nbclient import NotebookClient

from azedition.bootstrap import first_cell
from azedition.charts import CHARTS
from azedition.paths import PROJECT_ROOT

NOTEBOOK_DIR = PROJECT_ROOT / "notebooks"
NOTEBOOKS = ["party-membership", "army-composition", "chronology"]
# A notebook reaches data only through azedition: no file opened, no path built, no CSV read by hand.
HAND_MADE_PATHS = re.compile(r"\bopen\(|Path\(|os\.path|read_csv|\.csv\b|\.\./|chdir")


def read(name):
    return nbformat.read(NOTEBOOK_DIR / f"{name}.ipynb", as_version=4)


def test_the_notebook_folder_holds_exactly_the_three_notebooks():
    assert sorted(p.stem for p in NOTEBOOK_DIR.glob("*.ipynb")) == sorted(NOTEBOOKS)


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_notebook_is_committed_without_outputs(name):
    notebook = read(name)
    nbformat.validate(notebook)
    code = [cell for cell in notebook.cells if cell.cell_type == "code"]
    assert code, "a notebook without code"
    for cell in code:
        assert cell.outputs == [] and cell.execution_count is None, cell.source[:60]


def _bootstrap_cell():
    repository = yaml.safe_load((PROJECT_ROOT / "_config.yml").read_text("utf-8"))["repository"]["url"]
    return first_cell(repository)


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_first_code_cell_is_the_same_fetch_of_the_edition_in_every_notebook(name):
    """One cell, identical in every notebook, with the repository address of _config.yml."""
    code = [cell for cell in read(name).cells if cell.cell_type == "code"]
    assert code[0].source == _bootstrap_cell(), "run the snippet in the README to rewrite the first cell"
    assert "remove-cell" in code[0].metadata.get("tags", [])  # the book's page shows the analysis only
    assert not any("bootstrap" in cell.source for cell in code[1:])


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_notebook_imports_azedition_and_builds_no_path(name):
    notebook = read(name)
    # the first cell fetches the edition before azedition exists: it alone may build a path
    sources = "\n".join(cell.source for cell in notebook.cells[1:] if cell.cell_type == "code"
                        and cell.source != _bootstrap_cell())
    assert "from azedition import" in sources
    assert not HAND_MADE_PATHS.search(sources), HAND_MADE_PATHS.search(sources).group(0)
    assert "!pip" not in sources and "%pip" not in sources


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_chart_cells_carry_the_registered_caption_and_alt_text(name):
    published = 0
    for cell in read(name).cells:
        match = re.search(r'charts\.publish\(.*, "([a-z-]+)"\)', cell.source)
        if not match:
            continue
        published += 1
        chart = CHARTS[match.group(1)]
        assert chart.notebook == f"notebooks/{name}"
        # the alt text is written from the data at build time (azedition.figures gives it to the figure
        # named here), so the notebook does not carry a copy that could fall behind the data
        assert cell.metadata["mystnb"]["figure"]["name"] == f"nb-{chart.key}"
        assert cell.metadata["mystnb"]["figure"]["caption"] == chart.caption
    assert published == sum(chart.notebook == f"notebooks/{name}" for chart in CHARTS.values())


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_notebook_runs_in_a_fresh_kernel_from_another_folder(name, tmp_path, record_property):
    notebook = read(name)
    client = NotebookClient(notebook, timeout=300, kernel_name="python3",
                            resources={"metadata": {"path": str(tmp_path)}})
    started = time.perf_counter()
    client.execute()  # raises CellExecutionError on the first failing cell
    seconds = time.perf_counter() - started
    record_property("seconds", round(seconds, 1))
    print(f"{name}: executed in {seconds:.1f} s")
    glued = {output.get("metadata", {}).get("scrapbook", {}).get("name")
             for cell in notebook.cells if cell.cell_type == "code" for output in cell.outputs}
    expected = {key for key, chart in CHARTS.items() if chart.notebook == f"notebooks/{name}"}
    assert expected <= glued
    for cell in notebook.cells:
        for output in cell.get("outputs", []):
            assert output.output_type != "error"
            if output.output_type == "stream":
                assert output.name == "stdout", output.text  # no warnings on stderr
    assert list(tmp_path.iterdir()) == []  # the notebook wrote nothing into its working folder


def test_a_notebook_alone_in_an_empty_folder_fetches_the_edition_and_runs(tmp_path):
    """The notebook copied alone into an empty folder, run top to bottom by a fresh Python where
    `import azedition` fails, with the repository address pointing at a local clone of the project.

    To stay cheap, the fresh venv sees the project venv's third-party packages through a .pth line
    (pandas, matplotlib, the kernel), which Python adds without running the .pth files found there:
    azedition's own editable-install hook among them. So nothing is downloaded, and the notebook has
    to fetch the edition itself."""
    if shutil.which("git") is None:
        pytest.fail("git is missing")
    fresh = tmp_path / "venv"
    venv.EnvBuilder(with_pip=False).create(fresh)
    python = fresh / "bin" / "python"
    site_packages = subprocess.run([python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                                   capture_output=True, text=True, check=True).stdout.strip()
    purelib = "import sysconfig; print(sysconfig.get_paths()['purelib'])"
    project_packages = subprocess.run([sys.executable, "-c", purelib],
                                      capture_output=True, text=True, check=True).stdout.strip()
    (Path(site_packages) / "project-packages.pth").write_text(project_packages + "\n", "utf-8")
    probe = subprocess.run([python, "-c", "import pandas, matplotlib, ipykernel; import azedition"],
                           capture_output=True, text=True)
    assert "No module named 'azedition'" in probe.stderr, probe.stderr  # a Python without the edition

    # The repository: a local one holding the working tree's package, data and settings (what a clone of
    # the project holds, uncommitted changes included, so the test tries the code as it is now).
    origin = tmp_path / "origin"
    for part in ("src", "data", "book"):
        shutil.copytree(PROJECT_ROOT / part, origin / part, ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
    for part in ("pyproject.toml", "_config.yml", "README.md"):
        shutil.copy(PROJECT_ROOT / part, origin / part)
    git = ["git", "-C", str(origin), "-c", "user.name=test", "-c", "user.email=test@localhost"]
    for command in (["init", "--quiet"], ["add", "."], ["commit", "--quiet", "-m", "the edition"]):
        subprocess.run(git + command, check=True)
    folder = tmp_path / "alone"
    folder.mkdir()
    notebook = folder / "party-membership.ipynb"
    shutil.copy(NOTEBOOK_DIR / "party-membership.ipynb", notebook)
    cache = tmp_path / "cache" / "azedition"
    environment = {key: value for key, value in os.environ.items() if not key.startswith(("AZEDITION_", "PYTHON"))}
    environment.update(AZEDITION_REPOSITORY=str(origin), AZEDITION_CACHE=str(cache), HOME=str(tmp_path / "home"),
                       MPLBACKEND="Agg")
    executed = folder / "executed.ipynb"
    result = subprocess.run(
        [python, "-m", "nbconvert", "--to", "notebook", "--execute", "--output", executed.name, str(notebook)],
        cwd=folder, env=environment, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr[-3000:]
    assert (cache / "data" / "datapackage.json").exists()  # the edition was fetched into the cache
    ran = nbformat.read(executed, as_version=4)
    glued = {output.get("metadata", {}).get("scrapbook", {}).get("name")
             for cell in ran.cells if cell.cell_type == "code" for output in cell.outputs}
    assert {"congress-composition", "membership"} <= glued
    assert not [output for cell in ran.cells if cell.cell_type == "code" for output in cell.outputs
                if output.output_type == "error"]
