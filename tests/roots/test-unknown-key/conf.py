"""A small book with every role and directive of the edition, on tests/roots/edition-data (given by the
tests through confoverrides: this file is copied to a temporary folder before the build)."""

extensions = ["myst_parser", "sphinxcontrib.bibtex", "azedition"]
myst_enable_extensions = ["colon_fence"]
html_math_renderer = "plain"
suppress_warnings = []
