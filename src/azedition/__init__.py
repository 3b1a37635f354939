"""The shared code of the edition: data loading, the Sphinx extension, the diplomatic text, charts."""

__version__ = "0.1.0"
