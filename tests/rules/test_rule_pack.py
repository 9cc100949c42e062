"""The rule pack loads, covers every category, and rejects malformed rules clearly."""

import pytest

from tactful.rules import CATEGORIES, RulePackError, _build, load


def test_every_category_has_rules():
    pack = load()
    covered = {r.category for r in pack.rules}
    assert covered == set(CATEGORIES), f"missing: {set(CATEGORIES) - covered}"


def test_ids_are_unique_and_prefixed():
    pack = load()
    assert len(pack.by_id) == len(pack.rules)
    for rule in pack.rules:
        assert rule.id.startswith(rule.category + ".")


def _raw(**over):
    raw = {
        "id": "blame.test", "severity": "high", "patterns": ["you broke"],
        "message": "m", "explanation": "e", "flags": ["you broke it"], "passes": ["fine"],
        "suggestions": ["it broke"],
    }
    raw.update(over)
    return raw


@pytest.mark.parametrize(
    "over,needle",
    [
        ({"severity": "urgent"}, "severity"),
        ({"id": "attack.test"}, "id must start"),
        ({"patterns": ["(unclosed"]}, "bad pattern"),
        ({"flags": []}, "at least one"),
        ({"suggestions": []}, "suggestions"),
        ({"patterns": ["{nosuchmacro}"]}, "unknown macro"),
        ({"colour": "red"}, "unknown keys"),
        ({"patterns": ["{harm2}"]}, "unknown macro"),
        ({"draft_count": {"pattern": "sorry"}}, "draft_count must be"),
        ({"draft_count": {"pattern": "sorry", "min": 0}}, "draft_count must be"),
        ({"draft_count": {"pattern": "(sorry", "min": 2}}, "bad draft_count"),
    ],
)
def test_malformed_rules_are_rejected(over, needle):
    with pytest.raises(RulePackError, match=needle):
        _build(_raw(**over), "blame", "intent", {}, 0)


def _pack_with(raw):
    from tactful.rules import RulePack

    pack = load()
    rule = _build(raw, raw["id"].split(".")[0], "understanding", pack.macros, len(pack.rules))
    return RulePack([*pack.rules, rule], {**pack.by_id, rule.id: rule}, pack.macros,
                    pack.structure)


def test_draft_count_fires_only_when_the_pattern_is_frequent_enough():
    from tactful.analysis import read

    pack = _pack_with({
        "id": "over-apology.test-third-sorry", "severity": "medium", "patterns": ["sorry"],
        "draft_count": {"pattern": "sorry|apologi[sz]e", "min": 3},
        "message": "m", "explanation": "e", "flags": ["x"], "passes": ["y"],
        "suggestions": ["thanks"],
    })

    def hits(text):
        draft = read(text, "strict", frozenset(), pack)
        return [c for c in draft.findings if c.rule.id == "over-apology.test-third-sorry"]

    assert not hits("Sorry for the delay. The report is attached.")
    assert not hits("Sorry for the delay. I apologise. Not sorrysorry.")  # inside a word
    assert hits("Sorry for the delay. I apologise. Sorry again, the file is attached.")
    # Quoted history is not the writer's: its apologies do not count.
    quoted = (
        "Sorry for the delay.\n\n"
        "On Mon, 3 Mar 2025, Ann wrote:\n> sorry\n> sorry, I apologise\n"
    )
    assert not hits(quoted)
