"""Who proposed and seconded a motion or amendment, read from the minutes' own paragraphs."""

from __future__ import annotations

from assistant.answer.movers import asked_kind, chosen_movers, describe_mover, read_movers

# As the PDF loader gives printed minutes: an amendment the motion's proposers accepted (never put to
# the vote), numbered sub-paragraphs inside the motion's words, and a procedural motion.
MINUTES = """17. Motion for Time Limited Debate - Disposable Vapes (Item 17)
1) Mr Hood proposed, and Ms Hawkins seconded the motion that
This Council believes that:
(1) Immediate action is needed on disposable vapes.
(2) Any ban must be robust.
2) Mr Watkins proposed and Mr Brazier seconded the following amendment:
This Council agrees to encourage proper disposal of vapes and promote recycling.
3) The proposer and seconder of the original motion agreed to the amendment, which became the substantive motion.
4) Following further debate, Mr Rayner proposed and Mr Meade seconded that the substantive motion (as amended)
in paragraph 3 be put to the vote.
18. Local Transport Plan (Item 18)
1) Mr Baker proposed, and Mr Robey seconded the motion that County Council adopts Local Transport Plan 5.
"""


def test_every_paragraph_naming_its_movers_is_read_but_a_procedural_motion() -> None:
    found = read_movers(MINUTES)
    assert [(m.moved, m.kind) for m in found] == [
        ("Mr Hood proposed, and Ms Hawkins seconded", "motion"),
        ("Mr Watkins proposed and Mr Brazier seconded", "amendment"),
        ("Mr Baker proposed, and Mr Robey seconded", "motion"),
    ]
    assert "Any ban must be robust" in found[0].text  # the motion's own (1), (2) stay in its paragraph
    assert found[1].item == "Motion for Time Limited Debate - Disposable Vapes (Item 17)"


def test_the_kind_asked_and_the_words_that_fit_choose_the_paragraph() -> None:
    movers = read_movers(MINUTES)
    assert asked_kind("Who proposed the amendment to the disposable vapes motion?") == "amendment"
    (chosen,) = chosen_movers("Who proposed the amendment to the disposable vapes motion?", movers)
    assert describe_mover(chosen) == (
        "Motion for Time Limited Debate - Disposable Vapes (Item 17): "
        "Mr Watkins proposed and Mr Brazier seconded the amendment."
    )
    (plan,) = chosen_movers("Who seconded the motion to adopt the Local Transport Plan?", movers)
    assert plan.moved.startswith("Mr Baker")
    assert chosen_movers("Who proposed the amendment on libraries?", movers) == []
