"""Normalisation matches what the user typed, and offsets map back exactly (UTF-16)."""

import pytest

from tactful.text import Text, utf16_len


def u16_slice(s: str, off: int, length: int) -> str:
    b = s.encode("utf-16-le", "surrogatepass")
    return b[2 * off : 2 * (off + length)].decode("utf-16-le", "surrogatepass")


@pytest.mark.parametrize(
    "original,norm",
    [
        ("can\u2019t", "can't"),
        ("\u201cquoted\u201d", '"quoted"'),
        ("a\u00a0b\u202fc", "a b c"),
        ("a\r\nb\rc", "a\nb\nc"),
        ("zero\u200bwidth", "zerowidth"),
        ("wait\u2026", "wait..."),
        ("tab\there", "tab here"),
    ],
)
def test_normalises_for_matching(original, norm):
    assert Text.of(original).norm == norm


def test_spans_map_back_through_every_reshaping():
    original = "Hi\r\nwe can\u2019t\u200b do\u2026 that \U0001f644 now"
    t = Text.of(original)
    for word in ("can't", "do...", "that", "now"):
        start = t.norm.index(word)
        a, b = t.span_to_original(start, start + len(word))
        assert Text.of(original[a:b]).norm == word
    start = t.norm.index("now")
    off, length = t.span_utf16(start, start + 3)
    assert u16_slice(original, off, length) == "now"


def test_utf16_counts_astral_characters_twice():
    assert utf16_len("a\U0001f600b") == 4
    t = Text.of("\U0001f600\U0001f600x")
    assert t.span_utf16(2, 3) == (4, 1)


def test_lone_surrogates_count_once_like_javascript():
    t = Text.of("\ud800x")
    assert t.span_utf16(1, 2) == (1, 1)
