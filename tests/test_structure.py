"""The four parts of a pushback are found in the sentences that show them."""

import pytest

import tactful
from tactful import structure

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


# ---------------------------------------------------------------- families found on unseen drafts

@pytest.mark.parametrize(
    "text",
    [
        "That won't be possible this quarter, as the integrations team is on the audit.",
        "We'll have to pass on the Rotterdam lane for now.",
        "I'd advise against bringing the go-live forward.",
        "We're not in a position to refund the fee.",
        "A third workshop isn't something the current budget stretches to.",
        "Outlook sync isn't on the roadmap and won't be anytime soon.",
        "Nope. Our day rate is not up for debate.",
        "A 25% discount is something we'd struggle with.",
        "Weekend callouts fall outside your support plan.",
        "The earliest we can redeliver is Tuesday morning.",
        "Unfortunately our hands are tied on the late fee.",
        "You're wrong about the SLA: it starts when the ticket is logged.",
        "We do not reset MFA over the phone.",
        "I know this isn't the answer you were hoping for.",
    ],
)
def test_polite_and_curt_refusals_without_a_no_are_pushbacks(text):
    assert tactful.analyze(text)["pushback"] is True


@pytest.mark.parametrize(
    "text",
    [
        "Unfortunately the SSO login was slow for the first hour, but IT fixed it this morning.",
        "I'm afraid I'll be about ten minutes late to the 3pm, the train is stuck.",
        "We can't deliver to upper floors without a lift booking, so please reserve the lift.",
        "The client said no changes were needed, so we're sending final files today.",
        "Harlow said no to the extra shoot, so we'll stick with the original plan.",
        "The catering will cost about £240. Instead of printed handouts we'll share slides.",
        "Yes, we can do the extra dates. There's no reason to change the venue.",
        "If you can't make Thursday, Friday morning is also free.",
    ],
)
def test_bad_news_and_requirements_in_ordinary_mail_are_not_pushbacks(text):
    assert tactful.analyze(text)["pushback"] is False


@pytest.mark.parametrize(
    ("part", "sentence"),
    [
        ("acknowledgement", "Thanks for walking us through how your dispatch team works."),
        ("acknowledgement", "I'm sorry the wait for your MRI report has been so long."),
        ("acknowledgement", "That was our fault, and the fix went live at 9pm."),
        ("reason", "Our trucks are fully booked through August."),
        ("reason", "Two interfaces have not yet passed user acceptance testing."),
        ("reason", "This is the rule for all students in the programme."),
        ("reason", "Each session takes two consultant days to prepare."),
        ("reason", "A letter to the wrong party would hand them a defamation argument."),
        ("alternative", "In the meantime, the ICS feed can push bookings into Outlook."),
        ("alternative", "You can submit in the next period without any fee."),
        ("alternative", "I've asked the radiology team to upload it to the portal today."),
        ("alternative", "Let's wait for the WHOIS records and decide then."),
        ("alternative", "Happy to loop you in with Hartmann Freight."),
        ("next_step", "I'll phone you tomorrow morning to confirm it's there."),
        ("next_step", "I'm happy to present both options to the board on Thursday."),
        ("next_step", "We'll rerun the job tonight."),
        ("next_step", "lmk if that works"),
    ],
)
def test_each_part_is_seen_in_new_phrasings(part, sentence):
    text = "No. " + sentence
    assert tactful.analyze(text)["structure"][part]["present"] is True


@pytest.mark.parametrize(
    ("part", "sentence"),
    [
        ("acknowledgement", "I'm sorry you feel that way, but that's how it works."),
        ("acknowledgement", "Thanks so much for your fourth email today about the button."),
        ("acknowledgement", "It's not really my fault, the supplier was late."),
        ("reason", "I think a 25% discount is probably something we'd struggle with."),
        ("alternative", "Custom SSO isn't something I can help with."),
        ("alternative", "I wish I could help, I really do."),
        ("alternative", "We can't move the gala to the riverside terrace."),
        ("next_step", "Do you even understand how a retainer works?"),
        ("next_step", "We won't be able to re-ship before Monday."),
        ("next_step", "Does that make sense?"),
    ],
)
def test_look_alikes_do_not_count_as_the_part(part, sentence):
    text = "No. " + sentence
    assert tactful.analyze(text)["structure"][part]["present"] is False


class _Rule:
    def __init__(self, category, severity):
        self.category, self.severity = category, severity


class _Candidate:
    def __init__(self, category, severity, sentence):
        self.rule, self.sentence = _Rule(category, severity), sentence


def test_a_refusal_or_a_high_jab_marks_its_sentence_as_the_pushback():
    cues = structure.Cues(pushback=[], parts={})
    structure.note_refusals(cues, [
        _Candidate("sarcasm", "high", 2), _Candidate("attack", "medium", 3),
        _Candidate("blunt-refusal", "medium", 4), _Candidate("hedge", "high", 5),
    ])
    assert cues.pushback == [2, 4]


def test_findings_never_override_the_cues_or_invent_a_pushback_in_neutral_mail():
    cues = structure.Cues(pushback=[1], parts={})
    structure.note_refusals(cues, [_Candidate("sarcasm", "high", 3)])
    assert cues.pushback == [1]
    quiet = structure.Cues(pushback=[], parts={})
    structure.note_refusals(quiet, [_Candidate("minimizer", "high", 0),
                                    _Candidate("condescension", "low", 1)])
    assert quiet.pushback == []
