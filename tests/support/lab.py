"""`make lab` started for a test: JupyterLab on a free port with a known token, stopped afterwards."""

import json
import os
import signal
import socket
import subprocess
import time
import urllib.request

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
    with urllib.request.urlopen(url, timeout=30) as response:
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
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:  # a loaded machine: a server that ignores SIGTERM is stopped
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=30)
