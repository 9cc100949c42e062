"""Only the writer's words are read: quoted history and signatures are set aside."""

import pytest

import tactful
from tactful.segment import segment, split_sentences
from tactful.text import Text

RUDE = "You people are useless and you never read anything!!!"


def _writer_sentences(draft: str) -> list[str]:
    t = Text.of(draft)
    seg = segment(t.norm)
    return [t.norm[s.start : s.end] for s in seg.sentences]


@pytest.mark.parametrize(
    "history",
    [
        "On Mon, 3 Mar 2025 at 10:04, Dana Lee <dana@client.com> wrote:\n> " + RUDE,
        "On Mon, Mar 3, 2025 at 10:04 AM Dana Lee <\ndana@client.com> wrote:\n\n> " + RUDE,
        "On Monday, Dana wrote:\n" + RUDE,
        "-----Original Message-----\nFrom: Dana\nSent: Monday\n\n" + RUDE,
        "From: Dana Lee <dana@client.com>\nSent: Monday, March 3, 2025 10:04 AM\n"
        "To: Sam <sam@agency.com>\nSubject: RE: pages\n\n" + RUDE,
        "---------- Forwarded message ---------\nFrom: Dana\n\n" + RUDE,
        "Le lun. 3 mars 2025 à 10:04, Dana <dana@client.com> a écrit :\n> " + RUDE,
        "________________________________\nFrom: Dana\nSent: Monday\n" + RUDE,
    ],
)
def test_quoted_history_is_ignored(history):
    draft = f"Hi Dana,\n\nThanks, the files are attached.\n\n{history}"
    result = tactful.analyze(draft, "strict")
    quote_at = len(draft) - len(history)
    assert all(f["offset"] + f["length"] <= quote_at for f in result["findings"])
    assert any(i["reason"] == "quoted-reply" for i in result["ignored"])
    assert RUDE not in " ".join(_writer_sentences(draft))


def test_interleaved_quotes_keep_the_writers_lines():
    draft = (
        "On Mon, Dana wrote:\n> Can you add two pages?\n"
        "Sorry, we can't this month.\n> " + RUDE + "\nThanks for your patience."
    )
    sentences = _writer_sentences(draft)
    assert "Sorry, we can't this month." in sentences
    assert "Thanks for your patience." in sentences
    assert not any("useless" in s for s in sentences)


@pytest.mark.parametrize(
    "signature",
    [
        "Best,\nSam Rivera\nAccount Director | Brightline\n+1 555 0100",
        "Kind regards,\nSam",
        "-- \nSam Rivera\n" + RUDE,
        "Sent from my iPhone",
        "Thanks!\nSam",
    ],
)
def test_signatures_are_ignored(signature):
    draft = f"Hi Dana,\n\nThe report is attached.\n\n{signature}"
    result = tactful.analyze(draft, "strict")
    sig = [i for i in result["ignored"] if i["reason"] == "signature"]
    assert sig, result["ignored"]
    assert sig[0]["offset"] == draft.index(signature)
    assert result["findings"] == []


def test_a_thanks_sentence_is_not_a_signature():
    draft = "Hi Dana,\n\nThanks, I appreciate you flagging this early. It helps a lot."
    assert tactful.analyze(draft)["ignored"] == []


@pytest.mark.parametrize(
    "line,expected",
    [
        ("We met Dr. Smith. He agreed.", ["We met Dr. Smith.", "He agreed."]),
        ("Ship it by Mar. 3 in the U.S. office.", ["Ship it by Mar. 3 in the U.S. office."]),
        ("See https://example.com/a.b. Then call.", ["See https://example.com/a.b.", "Then call."]),
        ("Email a.b@c.com. Thanks!", ["Email a.b@c.com.", "Thanks!"]),
        ("Use e.g. the blue one. Fine?", ["Use e.g. the blue one.", "Fine?"]),
        ("No. We can't.", ["No.", "We can't."]),
        ("See No. 5 below. Ok.", ["See No. 5 below.", "Ok."]),
        ("It costs 3.5 hours... Sadly.", ["It costs 3.5 hours...", "Sadly."]),
        ("Really?! Wow.", ["Really?!", "Wow."]),
        # A number ends a sentence; a list number after a full stop or a colon does not.
        ("The call was at 9. No one came.", ["The call was at 9.", "No one came."]),
        ("See section 3.2. It applies.", ["See section 3.2.", "It applies."]),
        ("1. Send the files. 2. Sign.", ["1. Send the files.", "2. Sign."]),
        ("Steps: 1. Log in. 2. Export.", ["Steps: 1. Log in.", "2. Export."]),
    ],
)
def test_sentence_splitting_knows_abbreviations(line, expected):
    assert [line[a:b] for a, b in split_sentences(line, 0, len(line))] == expected
