"""The disputes charted (issue 9, item 4): counts and sources of the figures, not their wording.

- membership: at least three figures from at least two sources, each with a date and a qualifier, drawn as
  points only, later years on a panel of their own;
- strength: every row has a source, a qualifier, a school and a unit of count; the witness's "over 30,000"
  stands beside other sources' figures, and the armoured trains are counted by more than one source;
- persons: at least 20 of the 25 persons have both life dates, each from a work of the bibliography; a
  missing date or a disputed one has its reason stated in the register ("living", "unknown", the works'
  disagreement).
"""

import re

import matplotlib
import matplotlib.dates
import pandas as pd

matplotlib.use("Agg")

from azedition import charts, data  # noqa: E402
from azedition.paths import BOOK_DIR  # noqa: E402


def _bibliography_keys():
    return set(re.findall(r"^@\w+\{([^,\s]+),", (BOOK_DIR / "references.bib").read_text("utf-8"), re.M))


def test_membership_has_at_least_three_figures_from_at_least_two_sources_each_dated_and_qualified():
    members = data.table("membership")
    assert len(members) >= 3, len(members)
    assert members["source"].nunique() >= 2
    assert members["date"].notna().all() and (members["qualifier"] != "").all()
    assert set(members["qualifier"]) <= {"exact", "at least", "about", "derived"}
    # the edition's year: more than one source gives a figure for 1920 itself
    assert members.loc[members["date"].dt.year == 1920, "source"].nunique() >= 2


def _panels(figure):
    return [axes for axes in figure.axes if axes.get_lines() or axes.get_title()]


def test_membership_chart_draws_points_and_no_line_between_sources():
    members = data.table("membership")
    figure = charts.membership(members)
    lines = [line for axes in _panels(figure) for line in axes.get_lines()]
    points = [line for line in lines if line.get_linestyle() in ("None", "none", "")]
    joined = [line for line in lines if line.get_linestyle() not in ("None", "none", "")]
    matplotlib.pyplot.close(figure)
    assert sum(len(line.get_xdata()) for line in points) == len(members)
    # a drawn line may only span one figure's own date range ("late April", a year), never two figures
    for line in joined:
        assert len(set(line.get_ydata())) == 1 and len(line.get_xdata()) == 2


def test_membership_chart_keeps_later_years_on_a_panel_of_their_own():
    members = data.table("membership")
    later = members[members["date"].dt.year > 1920]
    figure = charts.membership(members)
    panels = _panels(figure)
    try:
        assert len(panels) == (2 if len(later) else 1)
        first_year_end = matplotlib.dates.date2num(pd.Timestamp("1920-12-31"))
        assert panels[0].get_xlim()[1] <= first_year_end  # the 1920 panel holds 1920 only
        drawn_1920 = sum(len(line.get_xdata()) for line in panels[0].get_lines()
                         if line.get_linestyle() in ("None", "none", ""))
        assert drawn_1920 == len(members) - len(later)
        if len(later):
            # its own scale: the later figures do not set the 1920 panel's height; one row each
            assert panels[0].get_ylim()[1] < later["members"].max()
            assert panels[1].get_xlim()[1] >= later["members"].max()
            assert len(panels[1].get_yticks()) == len(later)
    finally:
        matplotlib.pyplot.close(figure)


def test_every_strength_row_has_a_source_a_qualifier_and_a_school():
    strength = data.table("strength")
    keys = _bibliography_keys() | set(data.PARAGRAPH_IDS)
    for row in strength.itertuples():
        assert row.qualifier in {"exact", "at least", "about", "derived"}, row.id
        assert row.school, row.id
        assert set(row.source.split(data.SOURCE_SEPARATOR)) <= keys, row.id


def test_the_witness_figure_stands_beside_other_sources():
    strength = data.table("strength")
    army = strength[strength["force"] == "11th Red Army"]
    witness = army[army["school"] == "witness"]
    assert len(witness) == 1 and witness.iloc[0]["value"] == 30000 and witness.iloc[0]["qualifier"] == "at least"
    # the witness's "over 30,000" stands beside at least two other works' figures, of two schools or more
    others = army[army["school"] != "witness"]
    assert others["source"].nunique() >= 2, sorted(others["source"])
    assert others["school"].nunique() >= 2, sorted(others["school"])
    assert strength["school"].nunique() >= 3
    azerbaijani = strength[strength["side"] == "azerbaijani"]
    assert azerbaijani["source"].nunique() >= 2


def test_armoured_trains_are_counted_by_more_than_one_source():
    strength = data.table("strength")
    trains = strength[strength["measure"] == "armoured trains"]
    assert trains["source"].nunique() >= 2
    assert (trains["value"] > 0).all()


def test_at_least_twenty_persons_have_both_life_dates_from_a_work_of_the_bibliography():
    persons = data.register("person")
    both = persons[(persons["born"] != "") & (persons["died"] != "")]
    assert len(both) >= 20, len(both)
    dated = persons[(persons["born"] != "") | (persons["died"] != "")]
    keys = _bibliography_keys()
    for key, row in dated.iterrows():
        assert row["dates_source"] and set(row["dates_source"].split(data.SOURCE_SEPARATOR)) <= keys, key


def test_every_missing_life_date_has_its_reason_stated():
    """A person without a birth or a death date says why: living, unknown, no work read gives it."""
    persons = data.register("person")
    missing = persons[(persons["born"] == "") | (persons["died"] == "")]
    unexplained = sorted(missing.index[missing["dates_note"] == ""])
    assert not unexplained, unexplained
    for key, note in missing["dates_note"].items():
        assert re.search(r"\b(living|unknown|no work read|not known)\b", note), (key, note)


def test_a_disputed_life_date_names_both_readings_and_both_works():
    """Where the works disagree, the entry keeps one date, states the other and cites both works."""
    persons = data.register("person")
    disputed = persons[persons["dates_note"].str.startswith("Sources disagree")]
    assert len(disputed) >= 2, list(disputed.index)
    for key, row in disputed.iterrows():
        years = set(re.findall(r"\b1[89]\d\d\b", row["dates_note"]))
        assert len(years) >= 2, (key, row["dates_note"])
        assert row["born"][-4:] in years or row["died"][-4:] in years, key
        assert len(row["dates_source"].split(data.SOURCE_SEPARATOR)) >= 2, key


def test_the_copies_of_the_witness_are_recorded_in_the_apparatus():
    apparatus = data.apparatus()
    copies = apparatus[apparatus["kind"] == "copies"]
    assert len(copies) >= 3
    # the three lost passages each have a finding, positive or negative
    assert {"p7", "p10", "p12"} <= set(copies["paragraph"])
    assert copies["note"].str.contains("Negative result|not established").any()
    assert not pd.isna(copies["note"]).any()
