"""rewrite(): suggestions applied, missing parts added, quotes untouched, result clean."""

import tactful

QUOTE = "\n\nOn Mon, 3 Mar 2025, Dana <dana@client.com> wrote:\n> Why is this late AGAIN?!"


def test_rewrite_adds_missing_parts_with_placeholders_only_for_facts():
    result = tactful.rewrite("Hi Dana,\n\nNo. We can't do that.\n\nBest,\nSam")
    text = result["text"]
    assert text.startswith("Hi Dana,\n\n")
    assert text.endswith("\n\nBest,\nSam")
    after = tactful.analyze(text)
    assert all(p["present"] for p in after["structure"].values())
    assert not [f for f in after["findings"] if f["severity"] in ("high", "medium")]
    assert "[" in text  # the reason must come from the writer
    rules = {c["rule"] for c in result["changes"]}
    assert {"structure.acknowledgement", "structure.next_step"} <= rules


def test_rewrite_leaves_quoted_history_byte_for_byte():
    draft = "You should have told us earlier. We can't do that." + QUOTE
    result = tactful.rewrite(draft)
    assert result["text"].endswith(QUOTE)


def test_changes_replay_onto_the_original_give_the_rewrite():
    draft = "Hi Dana,\r\n\r\nYou should have told us \U0001f644 earlier. We can\u2019t do that."
    result = tactful.rewrite(draft)
    units = draft.encode("utf-16-le", "surrogatepass")
    # Changes are sorted by offset; applied from last to first they never disturb each other.
    for c in reversed(result["changes"]):
        rep = c["replacement"].encode("utf-16-le", "surrogatepass")
        units = units[: 2 * c["offset"]] + rep + units[2 * (c["offset"] + c["length"]) :]
    assert units.decode("utf-16-le", "surrogatepass") == result["text"]


def test_a_clean_draft_is_returned_unchanged():
    draft = "The report is attached. Let me know if anything is unclear."
    assert tactful.rewrite(draft) == {"text": draft, "changes": []}


def test_a_deleted_jab_takes_its_whole_sentence_with_it():
    draft = ("The fee covers two rounds. Honestly, I\u2019d have thought that was obvious. "
             "Call me on Friday if you want to go through it.")
    result = tactful.rewrite(draft)
    text = result["text"]
    assert "I\u2019d have thought" not in text
    assert "Honestly" not in text and " ." not in text and ". ." not in text
    assert "The fee covers two rounds. Call me on Friday" in text
    # The merged deletion still replays onto the original (UTF-16 offsets).
    units = draft.encode("utf-16-le", "surrogatepass")
    for c in reversed(result["changes"]):
        rep = c["replacement"].encode("utf-16-le", "surrogatepass")
        units = units[: 2 * c["offset"]] + rep + units[2 * (c["offset"] + c["length"]) :]
    assert units.decode("utf-16-le", "surrogatepass") == text


def test_a_deletion_that_leaves_words_keeps_the_sentence():
    draft = "Deposits are non-refundable, which I would have thought was fairly obvious."
    text = tactful.rewrite(draft)["text"]
    assert "Deposits are non-refundable." in text
