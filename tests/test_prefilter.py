"""The needle prefilter may only ever skip work, never a match: every sentence where a
rule's regex matches must be one its needle program lets through, and the sentence index
must agree with a plain substring search (hypothesis)."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tactful import match, prefilter
from tactful.analysis import _vocabulary
from tactful.rules import expand, load
from tactful.segment import segment
from tactful.text import Text

DATA = Path(__file__).parent / "data"


def _drafts() -> list[str]:
    texts = []
    for path in sorted(DATA.glob("*.toml")):
        texts += [d["text"] for d in tomllib.loads(path.read_text("utf-8")).get("draft", [])]
    return texts


def _brute(text: str, starts: list[int], ends: list[int], word: str) -> list[int]:
    return [i for i, (s, e) in enumerate(zip(starts, ends, strict=True)) if word in text[s:e]]


def _index(text: str):
    t = Text.of(text)
    seg = segment(t.norm)
    low = match.lower_view(match.writer_view(t.norm, seg))
    starts, ends = [s.start for s in seg.sentences], [s.end for s in seg.sentences]
    return low, starts, ends, prefilter.SentenceIndex(low, starts, ends, _vocabulary(load()))


# ------------------------------------------------------------------ programs


def program(pattern: str) -> prefilter.Program:
    """As the loader builds them: spaces in a rule pattern match any run of spaces."""
    return prefilter.program(expand(pattern, {}))


def test_a_program_asks_for_every_word_of_a_path():
    (alt,) = program("you should have")
    assert set(alt) == {frozenset({"you"}), frozenset({"should"}), frozenset({"have"})}
    assert alt[0] == frozenset({"should"})  # the most selective clause comes first


def test_a_branch_gives_one_clause_when_each_path_is_one_word():
    (alt,) = program("(?:sorry|apologies) for")
    assert frozenset({"sorry", "apologies"}) in alt and frozenset({"for"}) in alt


def test_prefixes_the_parser_factored_out_are_glued_back():
    # re's parser turns "or|otherwise" into "o(?:r|therwise)": "o" alone proves nothing.
    prog = program("(?:or|otherwise|or else),? we")
    words = prefilter.program_words(prog)
    assert {"or", "otherwise", "we"} <= words
    assert "o" not in words and "therwise" not in words


def test_patterns_that_need_no_word_have_no_program():
    assert prefilter.program("[A-Z]{2,}") is None
    assert prefilter.program("(?:sorry|[!?]{2})") is None  # one path needs no word
    assert prefilter.program("x") is None  # a lone ASCII letter selects nothing


def test_caseless_groups_and_flags_prove_nothing():
    assert prefilter.program("(?i)sorry") is None
    assert prefilter.program_words(program("we (?i:never) agreed")) == {"we", "agreed"}


def test_look_aheads_count_and_look_behinds_do_not():
    # A search window ends at the sentence's end, so a look-ahead's words are inside it;
    # a look-behind may read text before the window's start.
    assert prefilter.program_words(program("we(?= never)")) == {"we", "never"}
    assert prefilter.program_words(program("(?<=never )we")) == {"we"}
    assert prefilter.program_words(program("we(?! never)")) == {"we"}


def test_a_path_asking_for_more_than_another_is_dropped():
    prog = program("(?:sorry(?: again)?)")
    assert prog == ((frozenset({"sorry"}),),)


def test_indices_lists_the_set_bits():
    assert prefilter.indices(0) == []
    assert prefilter.indices(0b1010_0001) == [0, 5, 7]
    assert prefilter.indices(1 << 700) == [700]


# ------------------------------------------------------------------ soundness on the pack


@pytest.fixture(scope="module")
def corpus() -> list[str]:
    pack = load()
    texts = _drafts()
    for rule in pack.rules:
        texts += list(rule.flags) + list(rule.passes)
    return texts


def test_no_rule_match_is_ever_filtered_out(corpus):
    """Run every lower-case pattern rule over every sentence by brute force and check that
    the prefilter would have let each matching sentence through."""
    pack = load()
    programs, _always = match._programs(pack.rules)
    checked = 0
    for text in corpus:
        low, starts, ends, index = _index(text)
        judged = programs.masks(index)
        assert judged is not None
        for position, rule in enumerate(pack.rules):
            if rule.source != "pattern" or rule.case_sensitive or rule.needs is not None:
                continue
            if rule.program is None:
                continue
            allowed = judged.get(position, 0)
            assert index.sentences_for(rule.program) == prefilter.indices(allowed)
            for i, (s, e) in enumerate(zip(starts, ends, strict=True)):
                if next(match.scan(rule.regex, low, s, e), None) is not None:
                    checked += 1
                    assert allowed >> i & 1, (rule.id, low[s:e])
    assert checked > 500  # the corpus really exercises the rules


def test_case_sensitive_rules_are_filtered_soundly(corpus):
    pack = load()
    rules = [r for r in pack.rules if r.case_sensitive and r.program is not None]
    for text in corpus:
        t = Text.of(text)
        seg = segment(t.norm)
        view = match.writer_view(t.norm, seg)
        starts, ends = [s.start for s in seg.sentences], [s.end for s in seg.sentences]
        index = prefilter.SentenceIndex(view, starts, ends)
        for rule in rules:
            allowed = set(index.sentences_for(rule.program))
            for i, (s, e) in enumerate(zip(starts, ends, strict=True)):
                if next(match.scan(rule.regex, view, s, e), None) is not None:
                    assert i in allowed, (rule.id, view[s:e])


# ------------------------------------------------------------------ the index (hypothesis)

VOCABULARY = sorted(_vocabulary(load()).all)
pieces = st.one_of(
    st.sampled_from(VOCABULARY),
    st.text(st.sampled_from("abcdefghijklmnopqrstuvwxyz'-é_0 .!?,(*%\n\t"), max_size=8),
    st.sampled_from([" ", ". ", "! ", "\n\n", "'", "İ", "ß", "-", "n't"]),
)
drafts = st.lists(pieces, max_size=40).map("".join)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(drafts)
def test_the_index_agrees_with_a_substring_search(text):
    low, starts, ends, index = _index(text)
    for word in VOCABULARY:
        expected = _brute(low, starts, ends, word)
        assert index.sentences_with(frozenset([word])) == expected, word
        assert (word in index.present) == bool(expected)


@settings(max_examples=200, deadline=None)
@given(st.text(st.sampled_from("abcdefghijklmnopqrstuvwxyzé0_'-%.,(*😒"), max_size=60))
def test_inside_finds_exactly_the_needles_in_a_token(word):
    vocabulary = _vocabulary(load())
    expected = {w for w in vocabulary.solid if w in word}
    assert set(vocabulary.inside(word)) == expected
    assert set(vocabulary.inside(word)) == expected  # and again, from the cache


def test_inside_is_linear_on_a_very_long_word():
    vocabulary = prefilter.Vocabulary(["aab", "ab", "zz", "a b"])
    assert set(vocabulary.inside("a" * 50_000 + "b")) == {"aab", "ab"}
    assert vocabulary.spaced == ("a b",)  # needles with a space are searched for instead


def test_an_index_without_vocabulary_searches_on_demand():
    text = "we never said that. you always do this. fine"
    starts, ends = [0, 20, 40], [19, 39, 44]
    index = prefilter.SentenceIndex(text, starts, ends)
    assert index.present is None
    assert index.sentences_with(frozenset({"never", "always"})) == [0, 1]
    assert index.sentences_for(program("you always")) == [1]
    assert index.sentences_for(program("we always")) == []
    assert index.sentences_with(frozenset({"fine", "nope"})) == [2]
