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
