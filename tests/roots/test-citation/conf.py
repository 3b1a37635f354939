"""The front matter's ``{edition-citation}``, whose facts come from the files beside this configuration
(CITATION.cff, pyproject.toml, _config.yml: a test edition's, not the project's); its data package is
tests/roots/edition-data (given by the tests through confoverrides)."""

# sphinxcontrib-bibtex for its bibtex_bibfiles: the data's sources cite the test bibliography
extensions = ["myst_parser", "sphinxcontrib.bibtex", "azedition"]
html_math_renderer = "plain"
# The open edition's outputs (TEI, identifiers, citations on every page, downloads) are the whole book's.
azedition_open_edition = False
# It holds no witness: the build's witness check (azedition.guard) has nothing to check.
azedition_check_witness = False
suppress_warnings = []
# A dict of its own: Sphinx's default one is shared, and extensions of an earlier test project in the
# same process (myst-nb) would otherwise have added their suffixes to it.
source_suffix = {".rst": "restructuredtext", ".md": "markdown"}
