"""The four parts of a pushback are found in the sentences that show them."""

import pytest

import tactful

GOOD = (
    "Hi Dana,\n\n"
    "Thanks for sending the new brief; I can see why the extra pages matter for the launch.\n\n"
    "We can't fit them into this sprint, because the design hours are committed to checkout.\n\n"
    "What we can do is ship the two most important pages in phase two, starting May 12.\n\n"
    "Could we set up a short call on Thursday to pick which two?\n\n"
    "Best,\nSam"
)


def _present(result):
    return {part: v["present"] for part, v in result["structure"].items()}


def test_a_well_built_pushback_has_all_four_parts_pointing_at_their_sentences():
    result = tactful.analyze(GOOD)
    assert result["pushback"] is True
    assert _present(result) == dict.fromkeys(
        ("acknowledgement", "reason", "alternative", "next_step"), True
    )
    expected = {
        "acknowledgement": "Thanks for sending",
        "reason": "We can't fit",
        "alternative": "What we can do",
        "next_step": "Could we set up",
    }
    for part, start in expected.items():
        s = result["structure"][part]
        assert GOOD[s["offset"] : s["offset"] + s["length"]].startswith(start)


def test_a_bare_refusal_lacks_everything_and_gets_tips():
    result = tactful.analyze("No. We can't do that.")
    assert result["pushback"] is True
    for part in result["structure"].values():
        assert part["present"] is False
        assert len(part["tip"]) > 20


@pytest.mark.parametrize(
    "text",
    [
        "Hi Dana, the report is attached. Let me know if anything is unclear.",
        "No problem at all, the files are on their way.",
        "No changes are needed on your side.",
        "We can't wait to start the project with you!",
    ],
)
def test_ordinary_mail_is_not_a_pushback(text):
    assert tactful.analyze(text)["pushback"] is False


@pytest.mark.parametrize(
    "text",
    [
        "Unfortunately we won't be able to extend the discount.",
        "I'd push back on moving the launch: the data doesn't support it.",
        "That's outside the scope we agreed in the SOW.",
        "We'll have to decline the rush order this time.",
    ],
)
def test_pushbacks_are_recognised(text):
    assert tactful.analyze(text)["pushback"] is True
