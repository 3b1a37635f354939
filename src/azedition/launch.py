"""Sphinx extension: the notebooks' launch buttons (Binder, JupyterHub, Colab) only for a real repository.

The buttons open a notebook from the repository named by ``repository.url`` in ``_config.yml``. Until
the edition is published that address is a placeholder (owner ``edition-owner``, see the README), and
a button would send a reader to a repository that does not exist. While it is one, the build switches
the buttons off and says so, once, in its log; the notebook's download button stays. A hub whose own
address is a placeholder (``jupyterhub_url``) is left out on its own.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlparse

from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.util import logging

logger = logging.getLogger(__name__)

PLACEHOLDER_OWNER = "edition-owner"
HUBS = ("binderhub_url", "jupyterhub_url", "colab_url", "jupyterlite_url", "thebe")


def is_placeholder(url: str) -> bool:
    """True for an empty address or one of the placeholder owner's (github.com/edition-owner/…,
    jupyterhub.edition-owner.org)."""
    parts = urlparse(url or "")
    return not parts.netloc or PLACEHOLDER_OWNER in parts.netloc.split(".") or (
        parts.path.strip("/").split("/")[0] == PLACEHOLDER_OWNER)


def launch_buttons_for_real_addresses(app: Sphinx, config: Config) -> None:
    options = config.html_theme_options
    buttons = dict(options.get("launch_buttons") or {})
    offered = [hub for hub in HUBS if buttons.get(hub) and hub != "thebe"]
    if not offered:
        return
    repository = options.get("repository_url", "")
    if is_placeholder(repository):
        off = offered
        logger.info("azedition: the launch buttons are off: repository.url in _config.yml (%s) is a "
                    "placeholder; set the edition's real repository there to offer them", repository or "unset")
    else:
        off = [hub for hub in offered if is_placeholder(buttons[hub])]
        if off:
            logger.info("azedition: launch buttons left out, their addresses are placeholders: %s",
                        ", ".join(f"{hub} ({buttons[hub]})" for hub in off))
    for hub in off:
        buttons[hub] = ""
    options["launch_buttons"] = buttons


def setup(app: Sphinx) -> dict[str, Any]:
    # after Jupyter Book has put _config.yml's settings into html_theme_options
    app.connect("config-inited", launch_buttons_for_real_addresses, priority=900)
    return {"version": "0.1", "parallel_read_safe": True, "parallel_write_safe": True}
