"""Launch buttons only for a real repository (azedition.launch), and what the build says about them."""

from __future__ import annotations

import logging
from types import SimpleNamespace

import pytest

from azedition.launch import is_placeholder, launch_buttons_for_real_addresses

HUBS = {"binderhub_url": "https://mybinder.org", "jupyterhub_url": "https://jupyterhub.edition-owner.org",
        "colab_url": "https://colab.research.google.com", "notebook_interface": "jupyterlab"}


def _config(repository):
    return SimpleNamespace(html_theme_options={"repository_url": repository, "launch_buttons": dict(HUBS)})


@pytest.mark.parametrize("url, placeholder", [
    ("https://github.com/edition-owner/azedition", True),
    ("https://jupyterhub.edition-owner.org", True),
    ("", True),
    ("https://github.com/azedition-editors/azedition", False),
    ("https://mybinder.org", False),
])
def test_placeholder_addresses_are_recognised(url, placeholder):
    assert is_placeholder(url) is placeholder


def test_a_placeholder_repository_switches_every_launch_button_off_and_says_so_once(caplog):
    config = _config("https://github.com/edition-owner/azedition")
    with caplog.at_level(logging.INFO):
        launch_buttons_for_real_addresses(None, config)
    buttons = config.html_theme_options["launch_buttons"]
    assert not any(buttons[hub] for hub in ("binderhub_url", "jupyterhub_url", "colab_url"))
    assert buttons["notebook_interface"] == "jupyterlab"
    said = [record.getMessage() for record in caplog.records if "launch buttons are off" in record.getMessage()]
    assert len(said) == 1 and "edition-owner" in said[0]


def test_a_real_repository_keeps_the_buttons_but_not_a_placeholder_hub(caplog):
    config = _config("https://github.com/azedition-editors/azedition")
    with caplog.at_level(logging.INFO):
        launch_buttons_for_real_addresses(None, config)
    buttons = config.html_theme_options["launch_buttons"]
    assert buttons["binderhub_url"] == "https://mybinder.org"
    assert buttons["colab_url"] == "https://colab.research.google.com"
    assert buttons["jupyterhub_url"] == ""
    assert any("jupyterhub.edition-owner.org" in record.getMessage() for record in caplog.records)


def test_built_notebook_pages_have_no_launch_button_while_the_address_is_a_placeholder(html_dir, project_root):
    import yaml

    config = yaml.safe_load((project_root / "_config.yml").read_text("utf-8"))
    if not is_placeholder(config["repository"]["url"]):
        pytest.skip("the edition's repository address is set: the buttons are offered")
    pages = sorted((html_dir / "notebooks").glob("*.html"))
    assert len(pages) == 3
    for page in pages:
        text = page.read_text("utf-8")
        assert "mybinder.org" not in text and "colab.research.google.com" not in text, page.name
