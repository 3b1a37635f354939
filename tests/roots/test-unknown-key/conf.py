"""A small book with every role and directive of the edition, on tests/roots/edition-data (given by the
tests through confoverrides: this file is copied to a temporary folder before the build)."""

extensions = ["myst_parser", "sphinxcontrib.bibtex", "azedition"]
myst_enable_extensions = ["colon_fence"]
html_math_renderer = "plain"
# The open edition's outputs (TEI, identifiers, citations, downloads) need files this project lacks.
azedition_open_edition = False
# It holds no complete witness: the build's witness check (azedition.guard) has nothing to check.
azedition_check_witness = False
suppress_warnings = []
# A dict of its own: Sphinx's default one is shared, and extensions of an earlier test project in the
# same process (myst-nb) would otherwise have added their suffixes to it.
source_suffix = {".rst": "restructuredtext", ".md": "markdown"}
