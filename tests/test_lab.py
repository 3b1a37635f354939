"""`make lab`: JupyterLab starts on the project's environment with the three notebooks open."""

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from azedition.paths import PROJECT_ROOT

TOKEN = "azedition-test"
NOTEBOOKS = ["notebooks/party-membership.ipynb", "notebooks/army-composition.ipynb",
             "notebooks/chronology.ipynb"]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def get_json(url: str):
    with urllib.request.urlopen(url, timeout=5) as response:
        return json.load(response)


@pytest.fixture
def lab_server():
    port = free_port()
    args = f"--no-browser --ServerApp.ip=127.0.0.1 --IdentityProvider.token={TOKEN}"
    process = subprocess.Popen(["make", "--no-print-directory", "lab", f"LAB_PORT={port}", f"LAB_ARGS={args}"],
                               cwd=PROJECT_ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                               start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(120):
            if process.poll() is not None:
                pytest.fail("make lab stopped: " + process.stdout.read().decode(errors="replace")[-2000:])
            try:
                get_json(f"{base}/api/status?token={TOKEN}")
                break
            except OSError:
                time.sleep(0.5)
        else:
            pytest.fail("JupyterLab did not answer within 60 s")
        yield base
    finally:
        os.killpg(process.pid, signal.SIGTERM)  # the server and make, which this fixture started
        process.wait(timeout=30)


def test_make_lab_opens_the_notebooks_on_the_project_environment(lab_server):
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
