"""Every package the tests and tools import is declared in pyproject.toml: the runtime dependencies or
the test extra. A fresh clone installs exactly those (`make test`), so an undeclared import would
work here by accident and fail there."""

from __future__ import annotations

import ast
import re
import sys
import tomllib
from importlib.metadata import packages_distributions
from pathlib import Path

from azedition.paths import PROJECT_ROOT

# the project's own modules, the test modules that share fixtures included
LOCAL = {"azedition", "tools", "conftest", "support"} | {path.stem for path in Path(__file__).parent.glob("*.py")}


def _normalized(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _declared() -> set[str]:
    project = tomllib.loads((PROJECT_ROOT / "pyproject.toml").read_text("utf-8"))["project"]
    requirements = project["dependencies"] + project["optional-dependencies"]["test"]
    return {_normalized(re.match(r"[A-Za-z0-9_.-]+", requirement)[0]) for requirement in requirements}


def _imported_modules() -> dict[str, str]:
    """Top-level module -> the first file that imports it, for every file of tests/ and tools/."""
    modules: dict[str, str] = {}
    for path in sorted([*(PROJECT_ROOT / "tests").rglob("*.py"), *(PROJECT_ROOT / "tools").rglob("*.py")]):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            else:
                continue
            for name in names:
                modules.setdefault(name.split(".")[0], path.relative_to(PROJECT_ROOT).as_posix())
    return modules


def test_every_imported_package_is_declared():
    distributions = packages_distributions()
    declared = _declared()
    undeclared = []
    for module, where in _imported_modules().items():
        if module in LOCAL or module in sys.stdlib_module_names:
            continue
        names = {_normalized(name) for name in distributions.get(module, [module])}
        if not names & declared:
            undeclared.append(f"{module} (imported in {where}; distribution {', '.join(sorted(names))})")
    assert undeclared == [], undeclared
