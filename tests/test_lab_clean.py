"""`make lab` opens the notebooks unmodified, and saving one leaves the committed file byte for byte.

JupyterLab (started by `make lab`, the fixture of tests/test_lab.py) in Debian's Chromium: the three
notebooks open in the edition's workspace, their kernels start, and no tab is marked as changed; then each
is saved (Ctrl+S) and the file on disk must be what was committed. The file is put back afterwards if not.
"""

from __future__ import annotations

import re

import pytest

from azedition.paths import PROJECT_ROOT

from support.lab import NOTEBOOKS, TOKEN, lab_server  # noqa: F401 - the fixture `make lab`


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
            page.keyboard.press("Control+s")
            page.wait_for_timeout(1500)
            name = re.escape(path.split("/")[-1])
            assert page.locator(".lm-TabBar-tab.jp-mod-dirty", has_text=re.compile(name)).count() == 0
            assert (PROJECT_ROOT / path).read_bytes() == committed[path], f"saving {path} changed the file"
    finally:
        context.close()
