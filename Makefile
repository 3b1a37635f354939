# Two commands do all the set-up on a fresh machine: `make book` and `make test`.
# Each creates .venv at the project root and installs the project with its pinned dependencies
# (pyproject.toml is the only list of pins).

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
JB     := $(BIN)/jupyter-book
PORT   ?= 8000

.PHONY: book test serve clean pdf lab browser bench

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test,lab]'
	$(BIN)/python -m ipykernel install --sys-prefix --name python3 >/dev/null
	touch $(STAMP)

# -W -n --keep-going: every warning, nitpicky reference warnings included, fails the build.
# The HTML is rebuilt only when a source is newer than the last successful build (HTML_STAMP), so a
# `make book` with nothing changed costs make's check, not Jupyter Book's start-up (`make bench`).
HTML_STAMP   := _build/html/.built
BOOK_SOURCES := $(shell find book data notebooks src -type f -not -name '*.pyc' \
                  -not -path '*/.ipynb_checkpoints/*' 2>/dev/null) _config.yml _toc.yml
book: $(HTML_STAMP)
	@echo "The book is at $(CURDIR)/_build/html/index.html (or run: make serve)"

$(HTML_STAMP): $(STAMP) $(BOOK_SOURCES)
	$(JB) build . --builder html -W -n --keep-going
	touch $@

# The browser and accessibility tests drive Debian's Chromium (Playwright downloads no browser here).
CHROMIUM := /usr/bin/chromium
browser:
	@test -x $(CHROMIUM) || { apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium; }

test: book browser
	$(BIN)/python -m pytest

# Times the builds and weighs every page in Chromium; writes book/apparatus/bench-results.md.
bench: $(STAMP) browser
	$(BIN)/python -m azedition.bench

serve:
	@echo "Serving _build/html at http://127.0.0.1:$(PORT)/ (Ctrl-C to stop)"
	$(BIN)/python -m http.server --bind 127.0.0.1 --directory _build/html $(PORT)

clean:
	rm -rf _build
