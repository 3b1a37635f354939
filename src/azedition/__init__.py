"""The shared code of the edition: data loading, the Sphinx extension, the diplomatic text, charts.

``azedition`` is also the Sphinx extension's one entry point (``_config.yml``: ``extra_extensions``);
its setup is imported only when Sphinx calls it, so ``import azedition.data`` stays light.
"""

from __future__ import annotations

from typing import Any

__version__ = "0.1.0"


def setup(app: Any) -> dict[str, Any]:
    """Sphinx's entry point: set up the whole edition extension (``azedition.extension``)."""
    from .extension import setup as setup_extension

    return setup_extension(app)
