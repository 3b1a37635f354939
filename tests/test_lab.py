"""`make lab`: JupyterLab starts on the project's environment with the three notebooks open; they open
unmodified, and saving one leaves the committed file byte for byte.

The second test drives JupyterLab in Debian's Chromium: the three notebooks open in the edition's
workspace, their kernels start, and no tab is marked as changed; then each is saved (Ctrl+S) and the file
on disk must be what was committed (it is put back afterwards if not). Both tests are in one module so that
the suite's two workers never run two JupyterLabs on the same notebooks at once.
"""

from __future__ import annotations

import re
import sys
import urllib.request
from pathlib import Path

import pytest

from azedition.paths import PROJECT_ROOT

from support.lab import NOTEBOOKS, TOKEN, get_json, lab_server  # noqa: F401 - the fixture `make lab`


def test_make_lab_opens_the_notebooks_on_the_project_environment(lab_server):  # noqa: F811
    workspace = get_json(f"{lab_server}/lab/api/workspaces/azedition?token={TOKEN}")
    open_tabs = workspace["data"]["layout-restorer:data"]["main"]["dock"]["widgets"]
    assert open_tabs == [f"notebook:{path}" for path in NOTEBOOKS]
    with urllib.request.urlopen(f"{lab_server}/?token={TOKEN}", timeout=30) as response:
        assert response.url.split("?")[0].endswith("/lab/workspaces/azedition")
    for path in NOTEBOOKS:
        assert get_json(f"{lab_server}/api/contents/{path}?content=0&token={TOKEN}")["type"] == "notebook"
    kernel = get_json(f"{lab_server}/api/kernelspecs?token={TOKEN}")["kernelspecs"]["python3"]["spec"]
    assert Path(kernel["argv"][0]) == Path(sys.executable)  # the .venv interpreter, not a resolved system one
    assert Path(kernel["argv"][0]).parent.parent == PROJECT_ROOT / ".venv"


@pytest.fixture
def committed():
    """The notebooks' bytes before the test; written back at its end whatever happened."""
    originals = {path: (PROJECT_ROOT / path).read_bytes() for path in NOTEBOOKS}
    yield originals
    for path, content in originals.items():
        if (PROJECT_ROOT / path).read_bytes() != content:
            (PROJECT_ROOT / path).write_bytes(content)


def test_lab_opens_the_notebooks_clean_and_saving_changes_no_byte(lab_server, browser, committed):  # noqa: F811
    context = browser.new_context(viewport={"width": 1440, "height": 900})
    try:
        page = context.new_page()
        page.goto(f"{lab_server}/lab/workspaces/azedition?token={TOKEN}", wait_until="domcontentloaded")
        tabs = page.locator(".lm-DockPanel-tabBar .lm-TabBar-tab")
        page.wait_for_function("n => document.querySelectorAll('.lm-DockPanel-tabBar .lm-TabBar-tab').length >= n",
                               arg=len(NOTEBOOKS), timeout=60000)
        for index, path in enumerate(NOTEBOOKS):
            tabs.nth(index).click()
            # the kernel has started and told the notebook its language: what marked them changed before
            page.wait_for_function(
                "() => { const s = document.querySelector('.lm-DockPanel-widget:not(.lm-mod-hidden) "
                ".jp-Notebook-ExecutionIndicator'); return s && s.getAttribute('data-status') === 'idle'; }",
                timeout=90000)
            page.wait_for_timeout(1000)
            dirty = page.locator(".lm-DockPanel-tabBar .lm-TabBar-tab.jp-mod-dirty")
            assert dirty.count() == 0, f"{path} is marked as changed on opening: {dirty.all_inner_texts()}"
            contents = f"{lab_server}/api/contents/{path}?content=0&token={TOKEN}"
            before = get_json(contents)["last_modified"]
            page.keyboard.press("Control+s")
            for _ in range(300):  # the save has reached the disk when the file's time changes
                if get_json(contents)["last_modified"] != before:
                    break
                page.wait_for_timeout(200)
            else:
                pytest.fail(f"Ctrl+S did not save {path} within a minute")
            name = re.escape(path.split("/")[-1])
            assert page.locator(".lm-TabBar-tab.jp-mod-dirty", has_text=re.compile(name)).count() == 0
            assert (PROJECT_ROOT / path).read_bytes() == committed[path], f"saving {path} changed the file"
    finally:
        context.close()
