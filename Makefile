# Two commands do all the set-up on a fresh machine: `make book` and `make test`.
# Each creates .venv at the project root and installs the project with its pinned dependencies
# (pyproject.toml is the only list of pins).

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
JB     := $(BIN)/jupyter-book
PORT   ?= 8000
LATEX_DIR := _build/latex
PDF    := $(LATEX_DIR)/azedition.pdf
# The HTML book links to the PDF here (book/index.md): `make pdf` (and `make book`, if a PDF exists)
# copy it in, so that the HTML build itself never depends on TeX.
PDF_IN_HTML := _build/html/azedition.pdf

# What the PDF needs from Debian. A fresh machine has none of it, so `make pdf` installs it when a
# command or font is missing; where all are present (as after the first run) nothing is installed.
TEX_PACKAGES := texlive-xetex texlive-latex-extra texlive-latex-recommended texlive-fonts-recommended \
                texlive-fonts-extra latexmk xindy fonts-freefont-otf fonts-dejavu-core fontconfig \
                poppler-utils
TEX_COMMANDS := xelatex latexmk xindy kpsewhich fc-list pdftotext pdffonts pdfimages pdfinfo
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: book test serve clean pdf lab tex-tools browser bench repro lighthouse

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet "$$($(BIN)/python -c 'import tomllib; \
	  print(tomllib.load(open("pyproject.toml", "rb"))["tool"]["azedition"]["installer"])')"
	$(BIN)/uv pip install --quiet --python $(BIN)/python -e '.[test,lab]'
	$(BIN)/python -m ipykernel install --sys-prefix --name python3 >/dev/null
	touch $(STAMP)

# -W -n --keep-going: every warning, nitpicky reference warnings included, fails the build.
# The HTML is rebuilt only when a source is newer than the last successful build (HTML_STAMP), so a
# `make book` with nothing changed costs make's check, not Jupyter Book's start-up (`make bench`).
HTML_STAMP   := _build/html/.built
BOOK_SOURCES := $(shell find book data notebooks src -type f -not -name '*.pyc' \
                  -not -path '*/.ipynb_checkpoints/*' 2>/dev/null) _config.yml _toc.yml CITATION.cff
book: $(HTML_STAMP)
	@echo "The book is at $(CURDIR)/_build/html/index.html (or run: make serve)"

# A failed build removes the stamp, so the next `make book` runs Jupyter Book again whatever changed;
# the extension (azedition.guard) makes that run re-read every document, so the failure repeats.
$(HTML_STAMP): $(STAMP) $(BOOK_SOURCES)
	$(JB) build . --builder html -W -n --keep-going || { rm -f $@; exit 1; }
	@if [ -f $(PDF) ]; then cp $(PDF) $(PDF_IN_HTML); fi
	touch $@

# The browser and accessibility tests drive Debian's Chromium (Playwright downloads no browser here).
CHROMIUM := /usr/bin/chromium
browser:
	@test -x $(CHROMIUM) || { apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium; }

# The PDF edition (XeLaTeX). A clean _build/latex each time: latexmk may otherwise re-read the log of
# an earlier failed run. The same strictness as the HTML build: any Sphinx warning fails it.
pdf: $(STAMP) tex-tools
	rm -rf $(LATEX_DIR)
	$(JB) build . --builder pdflatex -W -n --keep-going
	test -s $(PDF)
	mkdir -p $(dir $(PDF_IN_HTML)) && cp $(PDF) $(PDF_IN_HTML)
	@echo "The PDF edition is at $(CURDIR)/$(PDF) ($$(pdfinfo $(PDF) | sed -n 's/^Pages: *//p') pages)"

tex-tools:
	@missing=""; \
	for command in $(TEX_COMMANDS); do command -v $$command >/dev/null 2>&1 || missing="$$missing $$command"; done; \
	if command -v kpsewhich >/dev/null 2>&1; then \
	  kpsewhich LibertinusSerif-Regular.otf >/dev/null || missing="$$missing LibertinusSerif-Regular.otf"; fi; \
	if command -v fc-list >/dev/null 2>&1; then \
	  fc-list -q "DejaVu Sans Mono" || missing="$$missing DejaVu-Sans-Mono"; fi; \
	if [ -n "$$missing" ]; then \
	  echo "Missing for the PDF:$$missing; installing Debian's TeX Live packages (apt-get)"; \
	  start=$$(date +%s); \
	  $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends $(TEX_PACKAGES) && \
	  echo "TeX Live installed in $$(( $$(date +%s) - start )) s"; \
	else echo "TeX Live, its fonts and poppler-utils are present: nothing to install"; \
	fi

# The suite runs on two workers (pytest-xdist), a test module to a worker so that a module's fixtures
# (a browser context, the guard's small book) are made once, the longest modules first (the order of
# tests/conftest.py's LONGEST_FIRST); `make test PYTEST_WORKERS=` runs it in one.
PYTEST_WORKERS ?= -n 2 --dist loadscope --no-loadscope-reorder

# CI builds both editions and reads them in a real browser: the tests need all three. The lint
# (ruff, configured in pyproject.toml) runs first: it takes a second.
test: book pdf browser
	$(BIN)/ruff check src tests tools
	$(BIN)/python -m pytest $(PYTEST_WORKERS)

# Times the builds, weighs every page in Chromium and scores the chapters, notebooks and registers with
# Lighthouse; writes book/apparatus/bench-results.md. Two clean builds are compared first (repro).
bench: $(STAMP) browser repro lighthouse
	$(BIN)/python -m tools.bench

# Two clean builds of the same commit, compared file by file: they must be byte-identical.
repro: $(STAMP)
	$(BIN)/python -m tools.repro

# npm's lighthouse, at the version pinned in tools.lighthouse, into .venv/node (Node from Debian).
lighthouse: $(STAMP)
	@command -v npm >/dev/null || { apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends nodejs npm; }
	$(BIN)/python -m tools.lighthouse --install

serve:
	@echo "Serving _build/html at http://127.0.0.1:$(PORT)/ (Ctrl-C to stop)"
	$(BIN)/python -m http.server --bind 127.0.0.1 --directory _build/html $(PORT)

# JupyterLab on the project's own environment, with the three notebooks open (the workspace in
# notebooks/lab-workspace.json lists them; it is imported into .venv so nothing is written to ~/.jupyter).
LAB_WORKSPACES := $(VENV)/share/jupyter/lab/workspaces
LAB_PORT       ?= 8888
# Containers and CI machines often run as root, which JupyterLab refuses without this flag.
LAB_ROOT_FLAG  := $(if $(filter 0,$(shell id -u)),--allow-root)
lab: $(STAMP)
	$(BIN)/jupyter lab workspaces import --LabWorkspaceImportApp.workspaces_dir=$(LAB_WORKSPACES) \
		--name azedition notebooks/lab-workspace.json
	$(BIN)/jupyter lab --ServerApp.root_dir=$(CURDIR) --ServerApp.port=$(LAB_PORT) \
		--LabApp.workspaces_dir=$(LAB_WORKSPACES) --LabApp.default_url=/lab/workspaces/azedition $(LAB_ROOT_FLAG) $(LAB_ARGS)

clean:
	rm -rf _build
