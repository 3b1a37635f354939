"""The build and the data: bad data stops the strict build with the validator's own lines; the notebook
cache is reused when nothing changed and refreshed when the data did."""

import time

from test_build import _copy_project, _sphinx_warnings, _strict_build


def test_bad_data_stops_the_build_with_one_line_per_problem(tmp_path):
    root = _copy_project(tmp_path)
    congress = root / "data" / "congress.csv"
    congress.write_text(congress.read_text("utf-8").replace("adalat,Adalat,adalat,30,", "adalat,Adalat,adalat,-30,"),
                        "utf-8")
    result = _strict_build(root)
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "congress.csv, row 3 (line 4), column 'delegates': '-30' is below the minimum 0 [rule: minimum 0]" in output
    assert "1 problem(s) in the data package" in output
    assert "Executing notebook" not in output  # it stops before reading anything
    assert "Traceback" not in output  # the problems are said in their lines; nothing follows them


def test_notebook_cache_is_reused_and_refreshed_when_the_data_change(tmp_path):
    root = _copy_project(tmp_path)
    first = _strict_build(root)
    assert first.returncode == 0, first.stdout[-3000:] + first.stderr[-3000:]
    assert first.stdout.count("Executing notebook") == 3

    started = time.perf_counter()
    cached = _strict_build(root)
    seconds = time.perf_counter() - started
    print(f"cached rebuild of the book: {seconds:.1f} s")
    assert cached.returncode == 0 and _sphinx_warnings(cached.stdout + cached.stderr) == []
    assert "Executing notebook" not in cached.stdout

    congress = root / "data" / "congress.csv"
    congress.write_text(congress.read_text("utf-8").replace("Other Communist cells", "Other Communist cells (renamed)"),
                        "utf-8")
    refreshed = _strict_build(root)
    assert refreshed.returncode == 0, refreshed.stdout[-3000:]
    assert "data or chart code changed" in refreshed.stdout
    assert refreshed.stdout.count("Executing notebook") == 3
    page = (root / "_build" / "html" / "notebooks" / "party-membership.html").read_text("utf-8")
    assert "Other Communist cells (renamed)" in page
