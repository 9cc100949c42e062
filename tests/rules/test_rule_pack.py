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
    ],
)
def test_malformed_rules_are_rejected(over, needle):
    with pytest.raises(RulePackError, match=needle):
        _build(_raw(**over), "blame", "intent", {}, 0)
