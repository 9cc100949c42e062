"""The score is monotone: a high-severity phrase never raises it, and a well-cushioned twin
scores above its risky twin."""

from hypothesis import assume, given, settings
from hypothesis import strategies as st

import tactful
from tactful.rules import load

# Phrase rules only: a draft-level rule ("a refusal with no reason anywhere") is rightly
# lifted when the added text brings a reason, so its examples are not "phrases".
HIGH = sorted({
    ex for r in load().rules if r.severity == "high" and not r.draft_lacks for ex in r.flags
})
BASES = [
    "Hi Dana,\n\nThanks for the brief. We can't add the pages this sprint because design is "
    "booked. We could do two of them in phase two. Could we talk on Thursday?\n\nBest,\nSam",
    "No. We can't do that.",
    "The report is attached. Let me know if you have questions.",
    "",
]


def _highs(result) -> int:
    return sum(f["severity"] == "high" for f in result["findings"])


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(BASES), st.sampled_from(HIGH), st.integers(min_value=0, max_value=4),
       st.sampled_from(["gentle", "balanced", "strict"]))
def test_adding_a_high_severity_phrase_never_raises_the_score(base, phrase, where, strictness):
    sentences = base.split(". ")
    where = min(where, len(sentences))
    worse = ". ".join(sentences[:where] + [phrase.rstrip(".")] + sentences[where:])
    before = tactful.analyze(base, strictness)
    after = tactful.analyze(worse, strictness)
    # The property is about adding a high-severity finding: phrases whose rule needs context
    # the splice removed (a final stop, a sentence start) do not count.
    assume(_highs(after) > _highs(before))
    assert after["score"] <= before["score"], (worse, before["score"], after["score"])


def test_cushioned_twin_scores_higher_and_labels_follow():
    risky = "No. You should have told us earlier!!! We can't do that."
    cushioned = (
        "Thanks for flagging this; I understand the date matters to you. We can't move the "
        "launch because the QA cycle needs 5 days. What we can do is ship the core pages "
        "first. Could we talk tomorrow at 10?"
    )
    r, c = tactful.analyze(risky), tactful.analyze(cushioned)
    assert c["score"] > r["score"]
    assert r["label"] == "risky"
    assert c["label"] == "ready"
    assert all(0 <= v <= 100 for v in c["principles"].values())
    assert r["principles"]["understanding"] < c["principles"]["understanding"]
