"""Tables in PDF, Word, HTML and Markdown: each row one line with its label and column names."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.chunking import ChunkingConfig, passage_text, split_document
from assistant.ingest.docx import load_docx
from assistant.ingest.html import load_html
from assistant.ingest.markdown import load_markdown
from assistant.ingest.pdf import load_pdf
from assistant.sentences import is_table_row, split_sentences
from assistant.types import Document, DocumentInfo
from tests.support import make_placed_pdf, table_items

GRADES = "ABCDEFGHIJKLMNOP"
PAY_ROWS = [
    [f"KS {g}", f"£{30000 + i * 1000:,}", f"£{31000 + i * 1000:,}", f"£{32000 + i * 1000:,}"]
    for i, g in enumerate(GRADES)
]
INTRO = (60.0, 780.0, "The Council pays its staff on the Kent Scheme pay scale set out below.")


def pay_scale_pdf(rows: list[list[str]] = PAY_ROWS) -> bytes:
    caption = "Table 1: Kent Scheme pay scale"
    return make_placed_pdf([INTRO, *table_items(caption, ["Grade", "Entry", "Middle", "Top"], rows)])


def test_pdf_table_row_keeps_its_label_and_column_names() -> None:
    page = load_pdf(pay_scale_pdf()).pages[0]
    lines = page.text.split("\n")
    assert "KS H — Entry: £37,000; Middle: £38,000; Top: £39,000" in lines
    assert "Grade | Entry | Middle | Top" in lines
    assert lines[0] == INTRO[2]  # the prose above stays as it was
    (table,) = page.tables
    assert table.title == "Table 1: Kent Scheme pay scale"
    assert page.text[table.start : table.body].strip().split("\n") == [
        "Table 1: Kent Scheme pay scale",
        "Grade | Entry | Middle | Top",
    ]
    assert page.text[table.body : table.end].split("\n")[0].startswith("KS A — Entry: £30,000")


def test_pdf_table_drawn_column_by_column_is_read_row_by_row() -> None:
    # every cell a text line of its own, the labels first and then each column's figures (as in the
    # Capital Strategy's "Table 7: ... authorised limit"): PDFium's line order holds no row at all
    rows = [
        ["Authorised limit for borrowing", "1,260.6", "1,200.6"],
        ["Authorised limit for other long-term liabilities", "168.0", "239.9"],
        ["Authorised limit for total external debt", "1,428.6", "1,440.5"],
    ]
    items = table_items("Table 7: Prudential indicator in millions", ["Limit", "2024-25", "2025-26"], rows)
    items = [(x + 150 if x > 60 else x, y, text) for x, y, text in items]  # room for the long labels
    by_column = sorted(items[1:], key=lambda item: (item[0], -item[1]))
    intro = (60.0, 780.0, "The authorised limit is the most the Council may borrow in each year of the plan.")
    text = load_pdf(make_placed_pdf([intro, items[0], *by_column])).pages[0].text
    assert "Authorised limit for total external debt — 2024-25: 1,428.6; 2025-26: 1,440.5" in text.split("\n")


def test_pdf_row_label_wrapped_over_two_lines_stays_with_its_figures() -> None:
    header = [(60.0, 700.0, "Service"), (250.0, 700.0, "12 mths to Dec 24"), (400.0, 700.0, "Quarter to Dec 24")]
    rows = [
        (60.0, 676.0, "Highways and Transportation"),
        (265.0, 676.0, "2,355"),
        (415.0, 676.0, "422"),
        (60.0, 650.0, "Growth & Communities (inc"),
        (60.0, 638.0, "Libraries and Archives)"),
        (265.0, 644.0, "241"),
        (415.0, 644.0, "42"),
        (60.0, 614.0, "Adult Education"),
        (265.0, 614.0, "50"),
        (415.0, 614.0, "5"),
    ]
    text = load_pdf(make_placed_pdf(header + rows)).pages[0].text
    assert "Highways and Transportation — 12 mths to Dec 24: 2,355; Quarter to Dec 24: 422" in text.split("\n")
    wrapped = "Growth & Communities (inc Libraries and Archives) — 12 mths to Dec 24: 241; Quarter to Dec 24: 42"
    assert wrapped in text.split("\n")


def test_pdf_group_names_over_repeated_column_names_name_every_column() -> None:
    # the budget report's Table 3.1: "Table 3.1" beside "2025-26 Final" and "2024-25 Final", each over
    # "Kent" and "England", so the two "Kent" columns are told apart only by the row above them
    columns = [60.0, 280.0, 330.0, 430.0, 480.0]
    groups = [(60.0, 730.0, "Table 3.1"), (285.0, 730.0, "2025-26 Final"), (435.0, 730.0, "2024-25 Final")]
    rows = [["Social Care Grant", "137.1", "5,924.0", "117.0", "5,044.0"], ["Recovery Grant", "0.0", "600.0", "", ""]]
    items = groups + table_items("", ["", "Kent", "England", "Kent", "England"], rows, top=706.0, columns=columns)
    page = load_pdf(make_placed_pdf(items)).pages[0]
    lines = page.text.split("\n")
    assert (
        "Social Care Grant — 2025-26 Final Kent: 137.1; 2025-26 Final England: 5,924.0; "
        "2024-25 Final Kent: 117.0; 2024-25 Final England: 5,044.0"
    ) in lines
    assert "Recovery Grant — 2025-26 Final Kent: 0.0; 2025-26 Final England: 600.0" in lines
    (table,) = page.tables
    assert table.title == "Table 3.1"


def test_pdf_one_name_over_two_columns_stays_with_the_first() -> None:
    # two dates run together into one cell ("31.3.24 31.3.25") are no group of columns
    columns = [60.0, 280.0, 350.0, 430.0]
    dates = [(285.0, 730.0, "31.3.24 31.3.25"), (435.0, 730.0, "31.3.26")]
    rows = [["Total CFR", "1,268.3", "1,304.8", "1,289.9"], ["Loans CFR", "1,117.6", "1,106.3", "1,100.6"]]
    items = dates + table_items("", ["", "Actual", "Estimate", "Forecast"], rows, top=712.0, columns=columns)
    lines = load_pdf(make_placed_pdf(items)).pages[0].text.split("\n")
    assert "Total CFR — 31.3.24 31.3.25 Actual: 1,268.3; Estimate: 1,304.8; 31.3.26 Forecast: 1,289.9" in lines


def test_pdf_row_ending_in_a_hyphen_keeps_the_next_rows_label_whole() -> None:
    # PDFium reads "AA-" ending a row and the next row's label as one hyphenated word ("AA\ufffeTreasury"),
    # as in the mid-year treasury report, where "No Use Empty Loans" had become "Use Empty Loans"
    rows = [["DMADF Deposits", "0.0", "32.7", "AA-"], ["Treasury Bills", "30.8", "18.0", "AA-"]]
    rows.append(["No Use Empty Loans", "16.0", "16.8", "AA"])
    header = ["Investment", "31-Mar-24", "30-Sep-24", "Rating"]
    lines = load_pdf(make_placed_pdf(table_items("Table 2: Investments", header, rows))).pages[0].text.split("\n")
    assert "DMADF Deposits — 31-Mar-24: 0.0; 30-Sep-24: 32.7; Rating: AA-" in lines
    assert "Treasury Bills — 31-Mar-24: 30.8; 30-Sep-24: 18.0; Rating: AA-" in lines
    assert "No Use Empty Loans — 31-Mar-24: 16.0; 30-Sep-24: 16.8; Rating: AA" in lines


def test_pdf_label_wrapped_at_its_hyphen_is_one_word() -> None:
    # "Vice-" over "Chairman" in one cell, which PDFium reads as "Vice\ufffeChairman"
    intro = (60.0, 780.0, "The allowances paid to members of the County Council for each role are set out below.")
    items = [intro, (60.0, 700.0, "Role"), (250.0, 700.0, "2024-25"), (400.0, 700.0, "2025-26")]
    items += [(60.0, 676.0, "Leader"), (250.0, 676.0, "£50,000"), (400.0, 676.0, "£52,000")]
    items += [(60.0, 650.0, "Cabinet Committee Vice-"), (60.0, 638.0, "Chairman")]
    items += [(250.0, 644.0, "£9,000"), (400.0, 644.0, "£9,500")]
    lines = load_pdf(make_placed_pdf(items)).pages[0].text.split("\n")
    assert "Cabinet Committee Vice-Chairman — 2024-25: £9,000; 2025-26: £9,500" in lines


def test_pdf_wrapped_labels_stay_with_their_own_rows() -> None:
    # as in the budget report: "savings" and "26" end the labels above them though they sit nearer
    # the next row's figures
    intro = (60.0, 780.0, "The budget changes for the year are set out in the table below by line.")
    items = [intro, (60.0, 700.0, "Line"), (330.0, 700.0, "2025-26"), (430.0, 700.0, "2024-25")]
    rows = [
        (676.0, "Council Tax", "993.9", "935.7"),
        (634.0, "Removal of one-off and unachieved", "16.7", "1.6"),
        (619.0, "savings", "", ""),
        (608.0, "Reserves", "0.6", "0.7"),
        (594.0, "Net Budget 2025-", "643.2", "449.2"),
        (582.0, "26", "", ""),
        (568.0, "Net Change", "57.3", "19.2"),
    ]
    for y, label, *figures in rows:
        items += [(x, y, text) for x, text in zip((60.0, 330.0, 430.0), (label, *figures), strict=True) if text]
    lines = load_pdf(make_placed_pdf(items)).pages[0].text.split("\n")
    assert "Council Tax — 2025-26: 993.9; 2024-25: 935.7" in lines
    assert "Removal of one-off and unachieved savings — 2025-26: 16.7; 2024-25: 1.6" in lines
    assert "Reserves — 2025-26: 0.6; 2024-25: 0.7" in lines
    assert "Net Budget 2025-26 — 2025-26: 643.2; 2024-25: 449.2" in lines
    assert "Net Change — 2025-26: 57.3; 2024-25: 19.2" in lines


def _numbered_agenda() -> list[tuple[float, float, str]]:
    titles = ["Apologies and Substitutes", "Declarations of Interest", "Minutes of the last meeting", "Budget 2025-26"]
    items = []
    for i, title in enumerate(titles):
        items += [
            (60.0, 700.0 - 24 * i, f"{i + 1}."),
            (90.0, 700.0 - 24 * i, title),
            (450.0, 700.0 - 24 * i, f"(Pages {i + 1} - {i + 9})"),
        ]
    return items


def _attendance_grid() -> list[tuple[float, float, str]]:
    names = [
        "Mr A Booth",
        "Mr T Bond",
        "Mrs P Cole",
        "Mr D Crow",
        "Ms J Hawkins",
        "Mr S Holden",
        "Mr P Lake",
        "Mrs L Game",
    ]
    return [(60.0 + 170 * (i % 3), 700.0 - 16 * (i // 3), name) for i, name in enumerate(names)]


def _two_column_prose() -> list[tuple[float, float, str]]:
    left = [
        "The partnership met in January",
        "to agree its priorities for the",
        "coming year and the budget for",
        "each of the thematic boards.",
    ]
    right = [
        "Members welcomed the report",
        "and asked officers to publish",
        "the figures by the end of the",
        "month, as in previous years.",
    ]
    return [
        (60.0 + 260 * c, 700.0 - 14 * r, text)
        for c, column in enumerate((left, right))
        for r, text in enumerate(column)
    ]


@pytest.mark.parametrize("layout", [_numbered_agenda, _attendance_grid, _two_column_prose])
def test_layouts_that_are_not_tables_stay_text(layout) -> None:
    page = load_pdf(make_placed_pdf(layout())).pages[0]
    assert page.tables == ()
    assert " — " not in page.text
    assert not any(is_table_row(line) for line in page.text.split("\n"))


def test_word_table_rows_are_named_by_its_header_row(tmp_path: Path) -> None:
    import docx

    document = docx.Document()
    document.add_paragraph("Table 5.1 - Dedicated Schools Grant")
    table = document.add_table(rows=3, cols=3)
    for r, cells in enumerate(
        [
            ["Block", "2025-26 £m", "2024-25 £m"],
            ["Schools Block", "1,384.1", "1,275.7"],
            ["Early Years Block", "226.1", "158.6"],
        ]
    ):
        for c, text in enumerate(cells):
            table.cell(r, c).text = text
    document.add_paragraph("The early years block funds the free entitlements.")
    path = tmp_path / "dsg.docx"
    document.save(str(path))
    page = load_docx(path.read_bytes()).pages[0]
    assert "Early Years Block — 2025-26 £m: 226.1; 2024-25 £m: 158.6" in page.text.split("\n")
    assert page.tables[0].title == "Table 5.1 - Dedicated Schools Grant"
    assert page.text.rstrip().endswith("The early years block funds the free entitlements.")


def test_word_column_names_over_two_rows_and_a_merged_cell_name_each_column() -> None:
    import io

    import docx

    document = docx.Document()
    table = document.add_table(rows=4, cols=3)
    table.cell(0, 0).text = "Area"
    table.cell(0, 1).merge(table.cell(0, 2)).text = "2024-25"
    for r, cells in enumerate([["", "Budget", "Actual"], ["Kent", "10", "12"], ["Medway", "3", "4"]], start=1):
        for c, text in enumerate(cells):
            table.cell(r, c).text = text
    data = io.BytesIO()
    document.save(data)
    lines = load_docx(data.getvalue()).pages[0].text.split("\n")
    assert lines[0] == "Area | 2024-25 Budget | 2024-25 Actual"
    assert "Kent — Budget: 10; Actual: 12" in lines  # the shared "2024-25" is said once, above


def test_html_table_rows_use_thead_names_and_caption() -> None:
    html = (
        b"<html><body><p>Complaints by service.</p><table><caption>Complaints monitoring</caption>"
        b"<thead><tr><th>Service</th><th>12 months to Dec 24</th><th>Quarter to Dec 24</th></tr></thead><tbody>"
        b"<tr><th>Highways and<br>Transportation</th><td>2,355</td><td>422</td></tr>"
        b"<tr><td>Adult Education</td><td colspan='2'>50</td></tr></tbody></table><p>After the table.</p></body></html>"
    )
    page = load_html(html).pages[0]
    lines = page.text.split("\n")
    assert "Highways and Transportation — 12 months to Dec 24: 2,355; Quarter to Dec 24: 422" in lines
    assert "Adult Education — 12 months to Dec 24: 50" in lines
    assert page.tables[0].title == "Complaints monitoring"
    assert lines[-1] == "After the table."


def test_markdown_pipe_table_rows_are_named() -> None:
    page = load_markdown(
        b"# Tax base\n\n| District | % change |\n|---|---|\n| Thanet | +3.89% |\n| Swale | +0.30% |\n"
    ).pages[0]
    assert "Thanet — % change: +3.89%" in page.text.split("\n")


def test_a_row_is_one_sentence_however_its_cells_are_punctuated() -> None:
    row = "Reduce suicides — Led by: CPH lead. Public Health; Measure: Fewer admissions. Fewer deaths."
    assert split_sentences(row) == [(0, len(row))]
    prose = "The plan was agreed. Members noted: the report; and the appendix."
    assert len(split_sentences(prose)) == 2


def _pay_document() -> Document:
    extracted = load_pdf(pay_scale_pdf())
    return Document(DocumentInfo("pay", "Pay Policy Statement", "pay.pdf"), tuple(extracted.pages), "hash")


def test_a_table_spanning_chunks_keeps_rows_whole_and_repeats_its_title() -> None:
    document = _pay_document()
    config = ChunkingConfig(chunk_tokens=60, overlap_tokens=0, min_tokens=8, window=120)
    chunks = [c for c in split_document(document, config=config) if "KS " in c.text]
    assert len(chunks) >= 3
    row_lines = [line for line in document.pages[0].text.split("\n") if line.startswith("KS ")]
    quoted = [c.text[s:e] for c in chunks for s, e in c.sentences]
    assert sorted(set(quoted) & set(row_lines)) == sorted(row_lines)  # every row is a whole sentence of a chunk
    assert "Table 1: Kent Scheme pay scale" not in quoted  # caption and column names are context, not quotes
    assert "Grade | Entry | Middle | Top" not in quoted
    for chunk in chunks[1:]:
        assert chunk.section[-1] == "Table 1: Kent Scheme pay scale"
        assert (
            passage_text("Pay Policy Statement", chunk.section, chunk.text)
            .split("\n")[0]
            .endswith("Table 1: Kent Scheme pay scale")
        )
        assert document.pages[0].text[chunk.char_start : chunk.char_end] == chunk.text


DISTRICTS = ["Ashford", "Canterbury", "Dartford", "Dover", "Gravesham", "Maidstone", "Sevenoaks", "Swale", "Thanet"]


def tax_base_pdf() -> bytes:
    rows = [
        [d, f"{40000 + 997 * i:,}.00", f"{41000 + 1013 * i:,}.00", f"+{1 + i * 0.37:.2f}%"]
        for i, d in enumerate(DISTRICTS)
    ]
    header = ["District", "2024-25 Taxbase", "2025-26 Taxbase", "% change"]
    intro = (60.0, 780.0, "The districts notified the council of their tax base estimates for 2025-26.")
    return make_placed_pdf([intro, *table_items("Table 6.2 - Tax base changes", header, rows)])


def test_the_answer_quotes_the_row_for_a_question_about_a_cell(tmp_path: Path, settings, embedder) -> None:
    from assistant.pipeline import Assistant

    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "budget-report.pdf").write_bytes(tax_base_pdf())
    assistant = Assistant(settings, embedder=embedder)
    assistant.index([folder])
    answer = assistant.ask("By what percentage did Thanet's tax base change for 2025-26?")
    row = "Thanet — 2024-25 Taxbase: 47,976.00; 2025-26 Taxbase: 49,104.00; % change: +3.96%"
    assert not answer.abstained
    assert row in answer.text
    assert any(row in c.sentence for c in answer.citations)
