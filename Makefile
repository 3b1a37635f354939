# Two commands do all the set-up on a fresh machine: `make book` and `make test`.
# Each creates .venv at the project root and installs the project with its pinned dependencies
# (pyproject.toml is the only list of pins).

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
JB     := $(BIN)/jupyter-book
PORT   ?= 8000

.PHONY: book test serve clean pdf lab

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test,lab]'
	$(BIN)/python -m ipykernel install --sys-prefix --name python3 >/dev/null
	touch $(STAMP)

# -W -n --keep-going: every warning, nitpicky reference warnings included, fails the build.
book: $(STAMP)
	$(JB) build . --builder html -W -n --keep-going
	@echo "The book is at $(CURDIR)/_build/html/index.html (or run: make serve)"

test: book
	$(BIN)/python -m pytest

serve:
	@echo "Serving _build/html at http://127.0.0.1:$(PORT)/ (Ctrl-C to stop)"
	$(BIN)/python -m http.server --bind 127.0.0.1 --directory _build/html $(PORT)

clean:
	rm -rf _build
