"""A one-notebook project: the notebook cache is reused, and refreshed when the data change."""

extensions = ["myst_nb", "azedition"]
nb_execution_mode = "cache"
nb_execution_raise_on_error = True
html_math_renderer = "plain"
# The open edition's outputs (TEI, identifiers, citations, downloads) need files this project lacks.
azedition_open_edition = False
# It holds no complete witness: the build's witness check (azedition.guard) has nothing to check.
azedition_check_witness = False
exclude_patterns = ["_build"]
# A dict of its own: Sphinx's default one is shared, and extensions of an earlier test project in the
# same process (myst-parser) would otherwise have added their suffixes to it.
source_suffix = {".rst": "restructuredtext"}
