"""A table whose cells are paragraphs keeps its text, and each row's figures are named by their columns."""

from __future__ import annotations

from pathlib import Path

from assistant.ingest.pdf import load_pdf
from tests.support import Placed, make_placed_pdf

# Columns as in a budget risks register: short label columns, two of paragraphs, three of figures.
_DIRECTORATE, _TITLE, _CAUSE, _CONSEQUENCE, _LIKELIHOOD, _ANNUAL, _LIFETIME = 30, 80, 160, 290, 440, 490, 545
_STEP = 11.0  # line spacing within a cell


def _header(top: float) -> list[Placed]:
    """The column names, the figures' names stacked over four lines, with a total printed above them."""
    items: list[Placed] = [
        (400.0, top + 30.0, "TOTAL £m"),
        (_ANNUAL, top + 30.0, "64.0"),
        (_LIFETIME, top + 30, "80.0"),
    ]
    first = ["Directorate", "Risk Title", "Source of Risk", "Consequence", "Current", "Estimated", "Estimated"]
    at = [_DIRECTORATE, _TITLE, _CAUSE, _CONSEQUENCE, _LIKELIHOOD, _ANNUAL, _LIFETIME]
    items += [(float(x), top, name) for x, name in zip(at, first, strict=True)]
    stacked = [("Likelihood", "Annual", "Lifetime"), ("(1-5)", "Exposure", "Exposure"), ("", "£m", "£m")]
    for n, names in enumerate(stacked, start=1):
        items += [(float(x), top - _STEP * n, name) for x, name in zip(at[4:], names, strict=True) if name]
    return items


def _row(
    top: float, label: list[str], cause: list[str], consequence: list[str], figures: dict[int, str]
) -> list[Placed]:
    """One risk, drawn cell by cell as the register is (each cell's lines, then the figures level with
    the first line, drawn last, so that PDFium gives them a line of their own)."""
    items: list[Placed] = [(float(_DIRECTORATE), top, "GET")]
    for x, lines in ((_TITLE, label), (_CAUSE, cause), (_CONSEQUENCE, consequence)):
        items += [(float(x), top - _STEP * i, line) for i, line in enumerate(lines)]
    return items + [(float(x), top, figure) for x, figure in figures.items()]


def register_pdf() -> bytes:
    cause = ["Government has previously provided", "full funding for certain green projects", "such as solar farms."]
    consequence = [
        "The Council has to put forward match",
        "funding, which can only come from",
        "borrowing or reserves.",
    ]
    cost = ["Costs of maintaining the highway rise", "faster than the budget set aside for", "them over the period."]
    pressure = ["Additional unfunded cost that leads to", "an overspend on the revenue budget."]
    return make_placed_pdf(
        [
            *_header(760.0),
            *_row(
                700.0,
                ["Changing", "Government focus", "on Net Zero"],
                cause,
                consequence,
                {_LIKELIHOOD: "4", _LIFETIME: "30.0"},
            ),
            *_row(640.0, ["Highways asset", "defects"], cost, pressure, {_LIKELIHOOD: "3", _ANNUAL: "12.5"}),
        ],
        size=8.0,
    )


def test_each_rows_figures_are_named_by_the_column_names_stacked_above_them() -> None:
    lines = load_pdf(register_pdf()).pages[0].text.split("\n")
    assert (
        "GET Changing Government focus on Net Zero — Current Likelihood (1-5): 4; Estimated Lifetime Exposure £m: 30.0"
        in lines
    )
    assert "GET Highways asset defects — Current Likelihood (1-5): 3; Estimated Annual Exposure £m: 12.5" in lines
    assert "4 30.0" not in lines  # the bare figures are gone
    assert "full funding for certain green projects" in " ".join(lines)  # the paragraphs stay text
    assert "TOTAL £m 64.0 80.0" in lines  # a total above the names names nothing


def test_figures_under_a_wrapped_cell_of_a_row_are_left_alone() -> None:
    # a code column whose cell wraps ("SO3,SO4,SO" over "5"): the line above is a row's, not names
    rows: list[Placed] = []
    for n, top in enumerate((700.0, 660.0, 620.0)):
        rows += [(40.0, top, f"Increase numbers entering treatment and reduce deaths, action {n}"), (300.0, top, "CPH")]
        rows += [(340.0, top, "March 2026"), (420.0, top, "SO3,SO4,SO")]
        rows.append((420.0, top - 11.0, "5"))
    lines = load_pdf(make_placed_pdf(rows, size=8.0)).pages[0].text.split("\n")
    assert not any("SO3,SO4,SO: 5" in line for line in lines)


def test_the_answer_to_a_question_naming_a_row_and_a_column_quotes_the_figure(
    tmp_path: Path, settings, embedder
) -> None:
    from assistant.pipeline import Assistant

    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "budget-risks-register.pdf").write_bytes(register_pdf())
    assistant = Assistant(settings, embedder=embedder)
    assistant.index([folder])
    answer = assistant.ask(
        "What estimated lifetime exposure (£m) does the risks register show for changing Government focus on Net Zero?"
    )
    assert not answer.abstained
    assert "Estimated Lifetime Exposure £m: 30.0" in answer.text
    assert answer.citations


def intentions_pdf() -> bytes:
    """A report's intentions: a lead-in, column names over two lines, one row of counted figures."""
    years = ["2025-26", "2026-27", "2027-28", "2028-29"]
    columns = [125.0, 195.0, 265.0, 335.0]
    items: list[Placed] = [(60.0, 780.0, "The Plan sets out the places we will commission in each year.")]
    items.append((107.0, 740.0, "SEND Commissioning Intentions:"))
    items += [(x + 12.0, 720.0, "By") for x in columns]
    items += [(x, 709.0, year) for x, year in zip(columns, years, strict=True)]
    counts = ["0 places", "440 places", "90 places", "0 places"]
    items += [(x, 688.0, count) for x, count in zip(columns, counts, strict=True)]
    items.append((107.0, 660.0, "These intentions are in line with the Safety Valve agreement."))
    return make_placed_pdf(items, size=8.0)


def test_a_row_of_counted_figures_alone_is_named_by_its_columns_and_its_lead_in() -> None:
    lines = load_pdf(intentions_pdf()).pages[0].text.split("\n")
    row = (
        "SEND Commissioning Intentions — By 2025-26: 0 places; By 2026-27: 440 places; By 2027-28: 90 places; "
        "By 2028-29: 0 places"
    )
    assert row in lines
    assert "0 places 440 places 90 places 0 places" not in lines
