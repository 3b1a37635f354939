"""`make lab`: JupyterLab starts on the project's environment with the three notebooks open."""

import sys
import urllib.request
from pathlib import Path

from azedition.paths import PROJECT_ROOT

from support.lab import NOTEBOOKS, TOKEN, get_json, lab_server  # noqa: F401 - the fixture `make lab`


def test_make_lab_opens_the_notebooks_on_the_project_environment(lab_server):  # noqa: F811
    workspace = get_json(f"{lab_server}/lab/api/workspaces/azedition?token={TOKEN}")
    open_tabs = workspace["data"]["layout-restorer:data"]["main"]["dock"]["widgets"]
    assert open_tabs == [f"notebook:{path}" for path in NOTEBOOKS]
    with urllib.request.urlopen(f"{lab_server}/?token={TOKEN}", timeout=5) as response:
        assert response.url.split("?")[0].endswith("/lab/workspaces/azedition")
    for path in NOTEBOOKS:
        assert get_json(f"{lab_server}/api/contents/{path}?content=0&token={TOKEN}")["type"] == "notebook"
    kernel = get_json(f"{lab_server}/api/kernelspecs?token={TOKEN}")["kernelspecs"]["python3"]["spec"]
    assert Path(kernel["argv"][0]) == Path(sys.executable)  # the .venv interpreter, not a resolved system one
    assert Path(kernel["argv"][0]).parent.parent == PROJECT_ROOT / ".venv"
