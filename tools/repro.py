"""`make repro`: two clean builds of the same commit must give byte-identical HTML, TEI and downloads.

The project's sources are copied once into a fixed temporary folder (absolute paths are then the same in
both builds) with a link to the project's .venv; the book is built there from clean (`make book`), the
HTML output is set aside, ``_build`` is removed, the book is built again, and every file of the two
outputs is compared by SHA-256. ``SOURCE_DATE_EPOCH`` is the time of the project's last commit, so the
dates the build stamps are the commit's. Exit status 1, with the list of differing files, if any differ.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from azedition.edition import source_date_epoch
from tools.bench import BenchError, copy_project


def digests(folder: Path) -> dict[str, str]:
    return {str(path.relative_to(folder)): hashlib.sha256(path.read_bytes()).hexdigest()
            for path in sorted(folder.rglob("*")) if path.is_file()}


def build(root: Path, epoch: int) -> float:
    env = dict(os.environ, AZEDITION_ROOT=str(root), SOURCE_DATE_EPOCH=str(epoch))
    start = time.perf_counter()
    result = subprocess.run(["make", "book"], cwd=root, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        raise BenchError(f"`make book` failed in {root}: {(result.stdout + result.stderr)[-2000:]}")
    return time.perf_counter() - start


def compare(first: dict[str, str], second: dict[str, str]) -> list[str]:
    differing = sorted(name for name in first.keys() & second.keys() if first[name] != second[name])
    only = sorted(first.keys() ^ second.keys())
    return differing + [f"{name} (only in one build)" for name in only]


def main() -> int:
    epoch = source_date_epoch()
    workspace = Path(tempfile.gettempdir()) / "azedition-repro"
    shutil.rmtree(workspace, ignore_errors=True)
    root = copy_project(workspace / "project")
    seconds = []
    outputs = []
    for number in (1, 2):
        shutil.rmtree(root / "_build", ignore_errors=True)
        seconds.append(build(root, epoch))
        kept = workspace / f"html-{number}"
        shutil.move(str(root / "_build" / "html"), kept)
        outputs.append(digests(kept))
    differences = compare(*outputs)
    print(f"two clean builds ({seconds[0]:.0f} s and {seconds[1]:.0f} s, SOURCE_DATE_EPOCH={epoch}): "
          f"{len(outputs[0])} files, {len(differences)} differ")
    for name in differences[:50]:
        print(f"  differs: {name}")
    if not differences:
        shutil.rmtree(workspace, ignore_errors=True)
    return 1 if differences else 0


if __name__ == "__main__":
    sys.exit(main())
