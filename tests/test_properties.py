"""Properties that hold for any string (hypothesis): never raises, offsets exact, findings
sorted and disjoint, strictness nests (gentle ⊆ balanced ⊆ strict)."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import tactful
from tactful.rules import load

PHRASES = sorted({ex for rule in load().rules for ex in rule.flags})[:400] + [
    "\u2019", "\u201c", "\r\n", "\u00a0", "\u200b", "\U0001f644", "\U0001f600", "...",
    "\u2026", "!!!", "?!", "> ", "\nOn Mon, Dana wrote:\n> ", "\n-- \n", "\nBest,\nSam",
    "\ud800", "\udfff", "-----Original Message-----\n", "Hi Sam,\n",
]

any_char = st.characters(min_codepoint=0, max_codepoint=0x10FFFF, blacklist_categories=())
drafts = st.lists(
    st.one_of(st.sampled_from(PHRASES), st.text(any_char, max_size=12)), max_size=14
).map("".join)


def u16_slice(s: str, off: int, length: int) -> str:
    b = s.encode("utf-16-le", "surrogatepass")
    return b[2 * off : 2 * (off + length)].decode("utf-16-le", "surrogatepass")


def u16_len(s: str) -> int:
    return len(s.encode("utf-16-le", "surrogatepass")) // 2


def _key(f):
    return (f["rule"], f["offset"], f["length"])


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(drafts)
def test_analysis_invariants(text):
    results = {s: tactful.analyze(text, s) for s in ("gentle", "balanced", "strict")}
    for result in results.values():
        assert 0 <= result["score"] <= 100
        previous_end = -1
        for f in result["findings"]:
            assert f["text"] == u16_slice(text, f["offset"], f["length"])
            assert f["length"] > 0
            assert f["offset"] >= previous_end, "findings overlap or are unsorted"
            previous_end = f["offset"] + f["length"]
        for ig in result["ignored"]:
            assert ig["offset"] >= 0 and ig["offset"] + ig["length"] <= u16_len(text)
        for part in result["structure"].values():
            if part["present"]:
                assert part["offset"] + part["length"] <= u16_len(text)
    gentle, balanced, strict = (
        {_key(f) for f in results[s]["findings"]} for s in ("gentle", "balanced", "strict")
    )
    assert gentle <= balanced <= strict


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(drafts)
def test_rewrite_never_raises_and_changes_point_into_the_original(text):
    result = tactful.rewrite(text)
    assert isinstance(result["text"], str)
    for change in result["changes"]:
        assert change["offset"] >= 0 and change["offset"] + change["length"] <= u16_len(text)
