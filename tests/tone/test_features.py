"""Each strategy fires on a sentence written to carry it, and not on a plain one."""

import pytest

from tactful.tone import features as F

CASES = [
    ("gratitude", "Thanks so much for the quick turnaround."),
    ("gratitude", "I really appreciate you flagging this early."),
    ("greeting", "Hi Priya, quick question about the invoice."),
    ("apology", "Sorry for the slow reply on this."),
    ("deference", "Great work on the launch deck."),
    ("please", "Could you send the file, please?"),
    ("please_start", "Please send the signed copy today."),
    ("indirect_opener", "By the way, the venue changed."),
    ("counterfactual", "Would you be able to review it by Friday?"),
    ("indicative", "Can you send it over tonight?"),
    ("wh_start", "What is the status of the order?"),
    ("why_start", "Why is the report still missing?"),
    ("why_any", "I don't understand why the report is late."),
    ("you_start", "You forgot to attach the contract."),
    ("first_singular", "I will check with the vendor."),
    ("first_plural", "We can look at it next week."),
    ("second_person", "The numbers in your sheet look off."),
    ("hedge", "Perhaps the timeline is a little tight."),
    ("indirect_request", "I was wondering if the deadline could move."),
    ("factuality", "Actually, the scope was agreed in March."),
    ("conj_start", "So the budget is gone."),
    ("directive", "You need to finish this by noon."),
    ("repeat_complaint", "The build failed again."),
    ("offer_help", "Happy to walk through the numbers on a call."),
    ("agreement", "That makes sense to me."),
    ("positive_words", "The new design is lovely."),
    ("negative_words", "The rollout was a disaster."),
    ("strong_negative", "This plan is stupid."),
    ("question", "Is the meeting still on?"),
    ("exclaim", "This is due today!!"),
    ("caps", "This is NOT what we agreed."),
    ("text_speak", "Can u check it pls"),
    ("scare_quotes", "Your \"fix\" broke the login page."),
    ("terse", "Fix it."),
    ("negation", "That isn't going to work."),
    ("permission", "May I suggest a different order?"),
    ("ask_help", "I could use your advice on the layout."),
    ("open_question", "Any thoughts on the second option?"),
    ("condition", "Send it today, otherwise we cancel."),
    ("polite_but", "Thanks for the offer, but we will pass."),
    ("imperative_start", "Send me the files now."),
    ("imperative_start", "Please fix the totals before Friday."),
    ("first_start", "I checked the totals twice."),
    ("you_negative", "You still haven't sent the revised quote."),
    ("you_negative", "You did not answer my question."),
    ("reassure", "No rush on this one."),
    ("reassure", "Don't worry if the numbers are rough."),
    ("apology", "Oops, I attached the wrong file."),
]
PLAIN = "The shipment arrived at the warehouse on Tuesday morning."


def test_every_strategy_has_a_case():
    assert {name for name, _ in CASES} == {f.name for f in F.STRATEGIES} - {"multi_question"}


def test_cue_words_are_general_and_fire_as_whole_words():
    assert len(F.CUE_WORDS) == len(set(F.CUE_WORDS)) and len(F.CUE_WORDS) < 150
    assert not {"article", "page", "edit", "wiki", "wikipedia", "url", "talk"} & set(F.CUE_WORDS)
    found = F.sentence_features("Is that really the whole story?")
    assert "word:really" in found
    assert "word:ask" not in F.sentence_features("The task list is long.")
    assert all(w in F.CUE_WORDS for w in F.CUE_STRATEGY)
    assert all(s in F.NAMES for ss in F.CUE_STRATEGY.values() for s in ss)


@pytest.mark.parametrize(("name", "sentence"), CASES)
def test_feature_fires(name, sentence):
    assert name in F.sentence_features(sentence)


def test_plain_sentence_carries_no_tone_cues():
    assert F.sentence_features(PLAIN) == set()


def test_whole_draft_scan_matches_sentence_by_sentence(read):
    """Patterns scan the draft once; each match must land in its own sentence only."""
    text = "Thanks for this. Why is it late? Could you check. By the way, I agree."
    t, seg, view = read(text)
    sets, _ = F.draft_sentence_sets(t.norm, seg, view)
    alone = [F.sentence_features(view[s.start : s.end]) for s in seg.sentences]
    assert sets == alone
    assert "gratitude" in sets[0] and "gratitude" not in sets[1]
    assert "counterfactual" in sets[2] and "indirect_opener" in sets[3]


@pytest.mark.parametrize(
    ("name", "sentence"),
    [
        ("why_start", "Somewhat unclear what happened."),
        ("you_start", "Yours was the first reply."),
        ("text_speak", "Section u2 covers it."),
        ("conj_start", "Sorting the list took an hour."),
        ("please", "The results pleased the board."),
        ("caps", "The NASA and ESA teams met."),
        ("first_singular", "Send me the files now."),
        ("imperative_start", "Let me know if Friday works."),
        ("imperative_start", "Do you have the files?"),
        ("imperative_start", "Feel free to call."),
        ("imperative_start", "Sending the files now."),
        ("imperative_start", "Don't worry about the late reply."),
        ("you_negative", "If you don't mind, I'll take the morning slot."),
        ("you_negative", "Thank you, I can't make Tuesday."),
        ("you_negative", "Your notes do not mention the venue."),
        ("reassure", "Worry about the budget later, not the venue."),
    ],
)
def test_feature_does_not_fire_on_lookalikes(name, sentence):
    assert name not in F.sentence_features(sentence)


def test_why_at_start_is_not_counted_twice():
    found = F.sentence_features("Why did you move the meeting?")
    assert "why_start" in found and "why_any" not in found


def test_negated_positive_word_is_not_warm():
    assert "positive_words" not in F.sentence_features("That is not a good plan.")


def test_greeting_is_stripped_before_reading_the_opening():
    assert "why_start" in F.sentence_features("Hi Sam, why is this late?")


def test_unit_features_are_the_union_plus_unit_level_cues():
    sets = [F.sentence_features("Is it ready?"), F.sentence_features("When will it ship?")]
    unit = F.unit_features(sets)
    assert {"question", "multi_question", "wh_start"} <= unit
    assert "terse" in F.unit_features([F.sentence_features("Fix it.")])
    assert "terse" not in F.unit_features([F.sentence_features("Fix it."),
                                           F.sentence_features(PLAIN)])


def test_thanks_in_the_sign_off_counts_as_gratitude():
    vec = F.request_vector("Can you send the file today?\n\nThanks,\nAna")
    assert vec[F.INDEX["gratitude"]] == 1.0
    vec = F.request_vector("Can you send the file today?\n\nBest,\nAna")
    assert vec[F.INDEX["gratitude"]] == 0.0


def test_lexicon_is_bundled_small_and_loaded():
    lex = F.lexicon()
    assert F.LEXICON_PATH.stat().st_size < 80_000
    assert lex["disaster"] < 0 < lex["lovely"]
    assert "please" not in lex  # strategies carry it, not the word list


def test_gates_only_skip_scans_that_cannot_match(monkeypatch):
    """A gate is a substring every match contains: with or without gates, same features."""
    texts = [text for _, text in CASES] + [
        "If you don't mind, no pressure at all, by the way.",
        "Thanks, but you never replied. Otherwise fine; may I call whenever it suits?",
        PLAIN,
    ]
    gated = [F.sentence_features(t) for t in texts]
    monkeypatch.setattr(F, "_GATES", {})
    assert [F.sentence_features(t) for t in texts] == gated
