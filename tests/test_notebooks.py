"""The notebooks: committed without outputs, free of hand-made paths, and runnable top to bottom in a
fresh kernel started in a folder that is not the project's."""

import re
import time

import nbformat
import pytest
from nbclient import NotebookClient

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


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_notebook_imports_azedition_and_builds_no_path(name):
    notebook = read(name)
    sources = "\n".join(cell.source for cell in notebook.cells if cell.cell_type == "code")
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
