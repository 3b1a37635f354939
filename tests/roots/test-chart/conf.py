"""A chapter showing one chart with ``{chart}``, and the notebook that glued it (its output stored in the
file: nothing is executed), on tests/roots/edition-data (given by the tests through confoverrides)."""

# sphinxcontrib-bibtex for its bibtex_bibfiles: the data's sources cite the test bibliography
extensions = ["myst_nb", "sphinxcontrib.bibtex", "azedition"]
nb_execution_mode = "off"
numfig = True
html_math_renderer = "plain"
# The open edition's outputs (TEI, identifiers, citations, downloads) need files this project lacks.
azedition_open_edition = False
# It holds no complete witness: the build's witness check (azedition.guard) has nothing to check.
azedition_check_witness = False
exclude_patterns = ["_build"]
suppress_warnings = []
# A dict of its own: Sphinx's default one is shared, and extensions of an earlier test project in the
# same process would otherwise have added their suffixes to it.
source_suffix = {".rst": "restructuredtext"}
