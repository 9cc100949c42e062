"""Carry-over sanity on the product's domain: email requests, not Wikipedia talk pages.

Each pair is the same request written curtly and courteously (written for this test, not
taken from any corpus). The model was trained on another community's text, so a few pairs
may go the wrong way; most must not, and the failures are listed when they do.
"""

from tactful.tone import estimate

PAIRS = [
    ("Send me the files now.",
     "Could you send me the files when you have a moment?"),
    ("Why is this late again?",
     "Could you let me know when to expect it?"),
    ("Fix the invoice before Friday.",
     "Would you mind correcting the invoice before Friday? Thanks!"),
    ("You forgot to attach the contract.",
     "I think the contract may not have been attached. Could you resend it?"),
    ("Stop changing the scope every week.",
     "I was wondering if we could agree the scope for the next few weeks."),
    ("Why didn't you reply to my last email?",
     "Hi Dana, I just wanted to follow up on my last email when you get a chance."),
    ("This report is wrong.",
     "Thanks for the report. I think a couple of the figures may need another look."),
    ("Answer my question.",
     "Would you be able to help me with the question below?"),
    ("What is taking so long?",
     "Sorry to chase, but is there any news on the timeline?"),
    ("You need to update the slides today.",
     "Would it be possible to update the slides today? I really appreciate it."),
    ("Call me back.",
     "Could you give me a call when you are free? Thank you."),
    ("I told you twice already, the budget is fixed.",
     "I understand the concern. Unfortunately the budget is fixed, but happy to look at "
     "options with you."),
    ("Resend the signed copy.",
     "Hi Sam, could you resend the signed copy, please?"),
    ("Where are the meeting notes?",
     "Would you mind sharing the meeting notes when you have a minute?"),
    ("Don't book the venue yet.",
     "Perhaps we could hold off on booking the venue for now?"),
    ("Explain why the costs went up.",
     "Could you help me understand what changed in the costs? Thanks so much."),
    ("Seriously, how hard is it to follow the template?",
     "Would you mind using the template for the next one? It helps the team a lot."),
    ("Review my draft by noon.",
     "If you have time before noon, I would appreciate your thoughts on my draft."),
    ("Who approved this change?",
     "Do you happen to know who approved this change? Just trying to understand the "
     "history."),
    ("Make sure it's done by Monday.",
     "Great work so far. Do you think it could be ready by Monday?"),
    ("Check the numbers again.",
     "Sorry to ask again, but could you double-check the numbers?"),
    ("Your team missed the deadline.",
     "We noticed the deadline slipped. Is there anything we can do to help?"),
]


def test_courteous_version_reads_more_polite(read):
    failures = []
    for curt, courteous in PAIRS:
        low = estimate(*read(curt))["politeness"]
        high = estimate(*read(courteous))["politeness"]
        if not high > low:
            failures.append(f"{curt!r} {low:.3f} >= {courteous!r} {high:.3f}")
    share = 1 - len(failures) / len(PAIRS)
    assert share >= 0.9, "curt reads as polite as courteous in:\n" + "\n".join(failures)


def test_curt_requests_read_impolite_and_courteous_ones_polite(read):
    """Not just ordered: on the whole, curt sits below even odds and courteous above."""
    curt = [estimate(*read(a))["politeness"] for a, _ in PAIRS]
    kind = [estimate(*read(b))["politeness"] for _, b in PAIRS]
    assert sum(p < 0.5 for p in curt) >= 0.8 * len(PAIRS), curt
    assert sum(p > 0.5 for p in kind) >= 0.8 * len(PAIRS), kind


def test_bare_order_is_not_credited_as_speaking_for_yourself(read):
    tone = estimate(*read("Send me the files now."))
    assert tone["politeness"] < 0.5
    assert not any("yourself" in f for f in tone["features"])
