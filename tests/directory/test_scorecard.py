"""The scorecard: figures per ambition, dated and cited, results first, each measure once."""

from __future__ import annotations

from assistant.directory import OTHER, build_scorecard, merge_entries


def scorecard(report, report_entries, **options):
    return build_scorecard(merge_entries([report_entries], {report.doc_id: report.info}), **options)


def test_one_row_per_ambition_in_the_documents_order(report, report_entries) -> None:
    assert [row.ambition for row in scorecard(report, report_entries)][:2] == ["Keep people well", "Grow the economy"]


def test_a_highlight_is_counted_under_the_ambition_that_reports_it(report, report_entries) -> None:
    rows = {row.ambition: row for row in scorecard(report, report_entries)}
    trained = [f for f in rows["Grow the economy"].figures if f.value == "8,000"]
    assert len(trained) == 1
    assert trained[0].date == "2019"


def test_achievements_come_first_then_targets_then_context(report, report_entries) -> None:
    kinds = [f.kind for f in scorecard(report, report_entries)[0].figures]
    order = {"achievement": 0, "target": 1, "context": 2}
    assert kinds == sorted(kinds, key=order.__getitem__)
    assert {"achievement", "context"} <= set(kinds)


def test_context_can_be_left_out(report, report_entries) -> None:
    rows = scorecard(report, report_entries, include_context=False)
    assert all(f.kind == "achievement" for row in rows for f in row.figures)


def test_figures_outside_every_ambition_go_to_no_single_ambition(report, report_entries) -> None:
    rows = scorecard(report, report_entries, ambitions=["Keep people well"])
    assert rows[-1].ambition == OTHER == "No single ambition"
    assert any(f.value == "£2m" for f in rows[-1].figures)


def test_rows_list_the_ambitions_initiatives(report, report_entries) -> None:
    assert "Skills Fund" in scorecard(report, report_entries)[1].initiatives
