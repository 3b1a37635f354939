"""The data behind the book as downloads, and the links to them and to the TEI from the pages."""

import subprocess
import sys
import zipfile

from test_data import TABLE_COUNT

from azedition.downloads import ZIP_NAME, tables_read
from azedition.edition import edition
from azedition.paths import PROJECT_ROOT
from azedition.tei import TEI_PATH


def test_the_front_page_and_every_chapter_link_the_tei_and_the_data(html_dir, html_pages):
    for name, soup in html_pages.items():
        if name == "book/index.html" or name.startswith("book/text/"):
            base = (html_dir / name).parent
            links = {a.get_text(): (base / a["href"]).resolve() for a in soup.select(".edition-exports a.export-link")}
            assert links["TEI XML"] == (html_dir / TEI_PATH).resolve(), name
            assert links["Data (zip)"] == (html_dir / "data" / ZIP_NAME).resolve(), name
            assert all(path.exists() for path in links.values()), name


def test_the_data_zip_unpacks_and_validates(html_dir, tmp_path):
    with zipfile.ZipFile(html_dir / "data" / ZIP_NAME) as archive:
        names = archive.namelist()
        archive.extractall(tmp_path)
    folder = tmp_path / "azedition-data"
    assert "azedition-data/datapackage.json" in names and "azedition-data/README.md" in names
    assert sum(name.endswith(".csv") for name in names) == TABLE_COUNT
    readme = (folder / "README.md").read_text("utf-8")
    assert "CC BY-SA 4.0" in readme and edition().version in readme
    result = subprocess.run([sys.executable, "-m", "azedition", "validate", str(folder)], capture_output=True,
                            text=True, cwd=tmp_path, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"valid: {TABLE_COUNT} tables" in result.stdout
    # and the validator would have said so if the unpacked data were broken
    places = folder / "places.csv"
    places.write_text(places.read_text("utf-8").replace(",587084,", ",Baku587084,"), "utf-8")
    broken = subprocess.run([sys.executable, "-m", "azedition", "validate", str(folder)], capture_output=True,
                            text=True, cwd=tmp_path, timeout=120)
    assert broken.returncode == 1 and "geonames_id" in broken.stdout + broken.stderr


def test_each_notebook_page_links_the_tables_it_reads(html_dir, html_pages):
    notebooks = sorted((PROJECT_ROOT / "notebooks").glob("*.ipynb"))
    assert notebooks
    for notebook in notebooks:
        expected = tables_read(notebook)
        assert expected, notebook.name
        page = f"notebooks/{notebook.stem}.html"
        soup = html_pages[page]
        links = soup.select(".notebook-data a.notebook-table")
        assert [a.get_text() for a in links] == [f"{name}.csv" for name in expected], page
        for link in links:
            assert (html_dir / "notebooks" / link["href"]).resolve().exists()
