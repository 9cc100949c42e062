"""Every rule's own examples: `flags` must be flagged by that rule, `passes` must not, and
the cushioned version of every flagged example must be free of high and medium findings."""

import pytest

import tactful
from tactful.rules import load

PACK = load()
ALL_IDS = [r.id for r in PACK.rules]


def _only(rule_id):
    return [r for r in ALL_IDS if r != rule_id]


def _cases(kind):
    for rule in PACK.rules:
        for n, example in enumerate(getattr(rule, kind)):
            yield pytest.param(rule.id, example, id=f"{rule.id}-{kind}-{n}")


@pytest.mark.parametrize("rule_id,example", list(_cases("flags")))
def test_flags(rule_id, example):
    result = tactful.analyze(example, "strict", disabled_rules=_only(rule_id))
    hits = [f for f in result["findings"] if f["rule"] == rule_id]
    assert hits, f"{rule_id} should flag: {example!r}"
    for f in hits:
        rule = PACK.by_id[rule_id]
        assert f["suggestions"] or rule.draft_lacks or rule.source == "tone"
        for s in f["suggestions"]:
            # A placeholder whose group did not take part leaves a gap or a stray brace.
            assert "{" not in s["text"] and "  " not in s["text"], s["text"]
            if f["text"][:1].isalnum():  # a word replaced by a gap: an empty placeholder
                assert not s["text"].startswith((" ", "'")), s["text"]


@pytest.mark.parametrize("rule_id,example", list(_cases("passes")))
def test_passes(rule_id, example):
    result = tactful.analyze(example, "strict", disabled_rules=_only(rule_id))
    hits = [f["text"] for f in result["findings"] if f["rule"] == rule_id]
    assert not hits, f"{rule_id} should not flag {hits} in: {example!r}"


@pytest.mark.parametrize("rule_id,example", list(_cases("flags")))
def test_cushioned_example_is_clean(rule_id, example):
    cushioned = tactful.rewrite(example, "balanced")["text"]
    left = [
        (f["rule"], f["text"])
        for f in tactful.analyze(cushioned, "balanced")["findings"]
        if f["severity"] in ("high", "medium")
    ]
    assert not left, f"rewrite of {example!r} -> {cushioned!r} still has {left}"


@pytest.mark.parametrize("rule_id,example", list(_cases("flags")))
def test_strict_rewrite_fixes_the_rule_itself(rule_id, example):
    """Low-severity suggestions are only applied at strict: check their templates too."""
    cushioned = tactful.rewrite(example, "strict")["text"]
    after = tactful.analyze(cushioned, "strict")["findings"]
    left = [(f["rule"], f["text"]) for f in after
            if f["rule"] == rule_id or f["severity"] in ("high", "medium")]
    if PACK.by_id[rule_id].source == "tone":
        left = [x for x in left if x[0] != rule_id]  # the tone rule has no phrase to swap
    assert not left, f"strict rewrite of {example!r} -> {cushioned!r} still has {left}"
