"""The alt text of each chart, written from the data with the numbers the chart shows, and the
chronology as a linked table for its notebook (HTML links to the paragraphs' pages, PDF page numbers)."""

from __future__ import annotations

import html
from typing import Any

import pandas as pd

from . import data
from .chart_drawings import CORROBORATION_STYLE, MEN, SCHOOL_STYLE
from .chart_style import cite, paragraph_label
from .notebook_table import NotebookTable, table


def congress_composition_alt(congress: pd.DataFrame | None = None) -> str:
    congress = data.table("congress") if congress is None else congress
    total = int(congress["delegates"].sum())
    parts = ", ".join(f"{row.name} {int(row.delegates)}" for row in congress.itertuples())
    return (f"Stacked horizontal bar of {total} delegates by origin: {parts}; a dashed line at "
            f"{total / 2:g}, half of the total. Source: the witness, {cite('; '.join(congress['source'].unique()))}.")


def membership_alt(members: pd.DataFrame | None = None) -> str:
    members = data.table("membership") if members is None else members
    members = members.sort_values("date", kind="stable")
    later = members["date"] > pd.Timestamp("1920-12-31")
    count, sources = len(members), members["source"].nunique()
    text = (f"{count} sourced membership figure{'' if count == 1 else 's'} from {sources} "
            f"source{'' if sources == 1 else 's'}, each source in its own marker and labelled with it. "
            f"A timeline of 1920: {_membership_points(members[~later])}.")
    if later.any():
        text += (" Beside it, a second panel with its own scale for later years: "
                 f"{_membership_points(members[later])}.")
    return text + " No line joins figures of different sources, so no trend is drawn."


def _membership_points(members: pd.DataFrame) -> str:
    return "; ".join(f"{row.qualifier} {int(row.members):,} members, {_precision(row)} ({cite(row.source)})"
                     for row in members.itertuples()) or "no figure"


def _precision(row: Any) -> str:  # a row of DataFrame.itertuples()
    if row.date_precision == "year":
        return f"{row.date:%Y}"
    if row.date_precision == "late month":
        return f"late {row.date:%B %Y}"
    if row.date_precision == "early month":
        return f"early {row.date:%B %Y}"
    if row.date_precision == "month":
        return f"{row.date:%B %Y}"
    return f"{row.date.day} {row.date:%B %Y}"


def order_of_battle_alt(units: pd.DataFrame | None = None) -> str:
    units = data.table("order_of_battle") if units is None else units
    numbered = units[units["strength"].notna()]
    with_numbers = "; ".join(
        f"{row.name}: {'over' if row.qualifier == 'at least' else row.qualifier} {int(row.strength):,} "
        f"({row.corroboration}, {cite(row.source)})" for row in numbered.itertuples())
    without = units[units["strength"].isna()]
    by_corroboration = "; ".join(
        f"{look['label']}: {', '.join(without.loc[without['corroboration'] == name, 'name'])}"
        for name, look in CORROBORATION_STYLE.items() if (without["corroboration"] == name).any())
    return (f"Horizontal chart of {len(units)} units. With a number, drawn as a bar: {with_numbers or 'none'}. "
            f"Without a number in any source ({len(without)} rows), by how far they are confirmed: "
            f"{by_corroboration}.")


def forces_by_source_alt(strength: pd.DataFrame | None = None) -> str:
    strength = data.table("strength") if strength is None else strength

    def figure_text(row: Any) -> str:  # a row of DataFrame.itertuples()
        qualifier = {"at least": "over ", "exact": ""}.get(row.qualifier, row.qualifier + " ")
        amount = f"{qualifier}{int(row.value):,}"
        return f"{row.force} {amount} {row.measure} ({cite(row.source)}, {SCHOOL_STYLE[row.school]['label']})"

    men = strength[strength["measure"].isin(MEN)]
    trains = strength[strength["measure"] == "armoured trains"]
    return (f"Two panels of horizontal bars, one bar per figure and source, colour and hatching naming the "
            f"source's school. Left, men ({len(men)} figures): "
            + "; ".join(figure_text(row) for row in men.itertuples())
            + f". Right, armoured trains ({len(trains)} figures): "
            + "; ".join(figure_text(row) for row in trains.itertuples())
            + ". A lower bound is drawn as an open-ended arrow; nothing is summed.")


def chronology_alt(events: pd.DataFrame | None = None) -> str:
    events = data.table("chronology") if events is None else events
    events = events.sort_values("date", kind="stable")
    from_works = sum(not all(t in data.PARAGRAPH_IDS for t in s.split(data.SOURCE_SEPARATOR))
                     for s in events["source"])
    months = events["date"].dt.strftime("%B").value_counts()
    busiest = months.index[0]
    return (f"Timeline of {len(events)} dated events from {events['date'].min():%-d %B} to "
            f"{events['date'].max():%-d %B %Y}, each labelled with the witness paragraph that tells it; "
            f"{len(events) - from_works} from the witness, {from_works} from works of the bibliography. "
            f"{months[busiest]} of them fall in {busiest}: "
            + "; ".join(f"{row.date:%-d %b}, {paragraph_label(row.paragraph)}: {row.event}"
                        for row in events.itertuples()) + ".")


# --- tables for the notebooks ------------------------------------------------------------------


def linked_events_html(events: pd.DataFrame | None = None) -> str:
    """The chronology as an HTML table whose paragraph column links to the paragraph in the book."""
    events = data.table("chronology") if events is None else events
    pages = data.paragraph_pages()
    rows = []
    for row in events.sort_values("date", kind="stable").itertuples():
        page = pages[row.paragraph]
        label = paragraph_label(row.paragraph)
        link = f'<a href="../{html.escape(page)}.html#{row.paragraph}">{label}</a>'
        rows.append(f"<tr><td>{row.date:%Y-%m-%d}</td><td>{html.escape(row.date_precision)}</td>"
                    f"<td>{html.escape(row.event)}</td><td>{link}</td><td>{html.escape(cite(row.source))}</td>"
                    f"<td>{html.escape(row.qualifier)}</td></tr>")
    head = "".join(f"<th>{h}</th>" for h in ("Date", "Precision", "Event", "Told in", "Source", "Qualifier"))
    return (f'<table class="chronology-table"><thead><tr>{head}</tr></thead>'
            f"<tbody>{''.join(rows)}</tbody></table>")


def linked_events(events: pd.DataFrame | None = None) -> NotebookTable:
    """The chronology as a notebook table whose "Told in" column links to each paragraph: to its page
    in the HTML book, to its label in the PDF, with the page number after it."""
    events = data.table("chronology") if events is None else events
    pages = data.paragraph_pages()
    ordered = events.sort_values("date", kind="stable").reset_index(drop=True)
    frame = pd.DataFrame({
        "Date": ordered["date"], "Precision": ordered["date_precision"], "Event": ordered["event"],
        "Told in": ordered["paragraph"].map(paragraph_label),
        "Source": ordered["source"].map(cite), "Qualifier": ordered["qualifier"],
    })
    targets = {"Told in": [f"{pages[p]}:{p}" for p in ordered["paragraph"]]}
    return table(frame, html=linked_events_html(events), targets=targets)
