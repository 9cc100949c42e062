"""scan_starts() is scan() cut at a start position: the shortcut for sentence-start rules
must find exactly the matches a whole-sentence search would, up to its limit."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from tactful import match
from tactful.rules import load

PATTERNS = [
    re.compile(p) for p in (r"a+", r"(?:and )?so", r"x*", r"\w+(?: \w+){0,2}? and", r"(?<=o)k")
] + [r.regex for r in load().rules if r.only_sentence_start][:40]

texts = st.text(st.sampled_from("aoks xyAND,.'\n-"), max_size=40)


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(PATTERNS), texts, st.integers(0, 40), st.integers(0, 40))
def test_scan_starts_is_scan_up_to_the_limit(regex, text, a, b):
    pos, limit = sorted((min(a, len(text)), min(b, len(text))))
    end = len(text)
    want = [(m.start(), m.end()) for m in match.scan(regex, text, pos, end) if m.start() <= limit]
    got = [(m.start(), m.end()) for m in match.scan_starts(regex, text, pos, end, limit)]
    assert got == want


def test_sentence_start_rules_fire_at_the_start_and_after_a_lead():
    import tactful

    rules = load().rules
    ids = [r.id for r in rules]
    tried = 0
    for rule in [r for r in rules if r.only_sentence_start and not r.case_sensitive][:12]:
        others = tuple(i for i in ids if i != rule.id)
        example = rule.flags[0]
        if "\n" in example:
            continue  # its phrase opens a paragraph: no prefix puts it mid-sentence
        if not any(f["rule"] == rule.id
                   for f in tactful.analyze(example, "strict", others)["findings"]):
            continue  # its example needs context we do not rebuild here
        tried += 1
        led = tactful.analyze("Well, " + example, "strict", others)["findings"]
        assert any(f["rule"] == rule.id for f in led), rule.id
        mid = tactful.analyze("We met today and " + example, "strict", others)["findings"]
        assert not any(f["rule"] == rule.id and f["offset"] > 0 for f in mid), rule.id
    assert tried >= 5
