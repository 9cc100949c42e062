"""The labelled drafts behind `make eval` are well-formed, and scripts/eval.py measures them
correctly (UTF-16 offsets, overlap, twin order) and always reports numbers.

The data checks are written independently of eval.py's own loader, so a bug in one cannot
hide a bug in the other.
"""

from __future__ import annotations

import importlib.util
import json
import re
import subprocess
import sys
import tomllib
from collections import Counter
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data"
FILES = {"dev": DATA / "devset.toml", "holdout": DATA / "holdout.toml"}
CATEGORIES = {
    "attack", "blame", "blunt-refusal", "condescension", "dismissive", "passive-aggressive",
    "absolute", "threat", "sarcasm", "shouting", "hedge", "over-apology", "minimizer",
    "overpromise", "excuse",
}
PARTS = {"acknowledgement", "reason", "alternative", "next_step"}
# name -> (min twins, min neutral drafts)
MINIMUMS = {"dev": (22, 8), "holdout": (8, 4)}


def _load(name: str) -> list[dict]:
    with FILES[name].open("rb") as fh:
        return tomllib.load(fh)["draft"]


SETS = {name: _load(name) for name in FILES}
ALL = [(name, d) for name, drafts in SETS.items() for d in drafts]


def _ids(param):
    name, d = param
    return f"{name}:{d.get('id')}"


def _find_all(text: str, phrase: str) -> list[int]:
    return [m.start() for m in re.finditer(re.escape(phrase), text)]


def _spans(text: str, item, default_all: bool) -> list[tuple[int, int]]:
    phrase = item["text"] if isinstance(item, dict) else item
    found = _find_all(text, phrase)
    occ = item.get("occurrence") if isinstance(item, dict) else None
    if occ is None and not default_all:
        occ = 1
    chosen = found if occ is None else [found[occ - 1]]
    return [(i, i + len(phrase)) for i in chosen]


@pytest.mark.parametrize("entry", ALL, ids=_ids)
def test_draft_fields(entry):
    _, d = entry
    assert isinstance(d.get("id"), str) and d["id"]
    assert isinstance(d.get("industry"), str) and d["industry"]
    assert d.get("variant") in {"risky", "cushioned", "neutral"}
    assert isinstance(d.get("text"), str) and d["text"].strip()
    assert d.get("pushback") is (d["variant"] != "neutral")
    if d["variant"] == "neutral":
        assert "twin" not in d and "structure" not in d
        assert not d.get("must_flag"), "neutral drafts have nothing that must be flagged"
    else:
        assert isinstance(d.get("twin"), str)
        assert set(d.get("structure", {})) == PARTS
        assert all(isinstance(v, bool) for v in d["structure"].values())
    unknown = set(d) - {"id", "industry", "twin", "variant", "pushback", "text", "must_flag",
                        "must_not_flag", "structure"}
    assert not unknown, f"unknown keys {unknown}"


@pytest.mark.parametrize("entry", ALL, ids=_ids)
def test_labelled_phrases_are_in_the_text(entry):
    _, d = entry
    text = d["text"]
    for item in d.get("must_flag", []):
        assert set(item) <= {"text", "category", "occurrence"}
        assert item["category"] in CATEGORIES, item
        found = _find_all(text, item["text"])
        assert found, f"must_flag {item['text']!r} not in text"
        if len(found) > 1:
            assert "occurrence" in item, f"{item['text']!r} occurs {len(found)}x: say which"
        assert 1 <= item.get("occurrence", 1) <= len(found)
    for item in d.get("must_not_flag", []):
        phrase = item["text"] if isinstance(item, dict) else item
        found = _find_all(text, phrase)
        assert found, f"must_not_flag {phrase!r} not in text"
        if isinstance(item, dict) and "occurrence" in item:
            assert 1 <= item["occurrence"] <= len(found)


@pytest.mark.parametrize("entry", ALL, ids=_ids)
def test_labels_do_not_contradict_each_other(entry):
    """No phrase may be both must-flag and must-not-flag (their spans never overlap)."""
    _, d = entry
    flag = [s for it in d.get("must_flag", []) for s in _spans(d["text"], it, False)]
    keep = [s for it in d.get("must_not_flag", []) for s in _spans(d["text"], it, True)]
    for a, b in flag:
        for c, e in keep:
            assert not (a < e and c < b), d["text"][a:b]


@pytest.mark.parametrize("entry", ALL, ids=_ids)
def test_each_variant_is_labelled_enough(entry):
    _, d = entry
    if d["variant"] == "risky":
        assert len(d.get("must_flag", [])) >= 2
        assert not all(d["structure"].values()), "a risky draft lacks some part"
    else:
        assert len(d.get("must_not_flag", [])) >= 3
    if d["variant"] == "cushioned":
        assert not d.get("must_flag"), "a cushioned draft is the well-built version"
        assert all(d["structure"].values())


@pytest.mark.parametrize("name", FILES)
def test_ids_unique_and_twins_paired(name):
    drafts = SETS[name]
    ids = Counter(d["id"] for d in drafts)
    assert not [i for i, n in ids.items() if n > 1]
    pairs: dict[str, list[str]] = {}
    for d in drafts:
        if "twin" in d:
            pairs.setdefault(d["twin"], []).append(d["variant"])
    bad = {t: v for t, v in pairs.items() if sorted(v) != ["cushioned", "risky"]}
    assert not bad
    by_twin = {}
    for d in drafts:
        if "twin" in d:
            by_twin.setdefault(d["twin"], set()).add(d["industry"])
    assert all(len(v) == 1 for v in by_twin.values()), "twins share one situation"
    min_twins, min_neutral = MINIMUMS[name]
    assert len(pairs) >= min_twins
    assert sum(d["variant"] == "neutral" for d in drafts) >= min_neutral


def test_dev_set_covers_the_ground():
    drafts = SETS["dev"]
    cats = {it["category"] for d in drafts for it in d.get("must_flag", [])}
    assert cats == CATEGORIES, f"no example of {CATEGORIES - cats}"
    industries = {d["industry"] for d in drafts if "twin" in d}
    assert {"agency", "saas", "consulting", "freelance", "finance", "it",
            "construction", "sales"} <= industries
    texts = [d["text"] for d in drafts]
    assert any("\r\n" in t for t in texts), "one draft uses CRLF"
    assert sum(bool(re.search("[\U00010000-\U0010ffff]", t)) for t in texts) >= 3, "emoji"
    assert sum("\u2019" in t for t in texts) >= 5, "curly apostrophes"
    assert sum(bool(re.search(r"^On .+ wrote:$", t, re.M)) for t in texts) >= 3, "Gmail quote"
    assert any("-----Original Message-----" in t for t in texts)
    assert any(re.search(r"^From: .+\nSent: .+\nTo: ", t, re.M) for t in texts)
    assert any("\n-- \n" in t for t in texts) and any("Sent from my iPhone" in t for t in texts)
    traps = ["just now", "just in time", "laid out so clearly", "No changes are needed",
             "Please bring your laptop", "you always have the option to",
             "As discussed on Monday", "I never expected", "100% of invoices attached",
             "ASAP", "SOW", "Q3", "That was my mistake"]
    neutral_keep = {p if isinstance(p, str) else p["text"]
                    for d in drafts if d["variant"] == "neutral"
                    for p in d.get("must_not_flag", [])}
    missing = [t for t in traps if not any(t.lower() in k.lower() for k in neutral_keep)]
    assert not missing


def _sentences(text: str) -> set[str]:
    return {s.strip() for s in re.split(r"[.!?\n]", text) if len(s.strip()) >= 40}


def test_holdout_is_written_separately():
    dev_ids = {d["id"] for d in SETS["dev"]}
    assert not dev_ids & {d["id"] for d in SETS["holdout"]}
    dev_sentences = set().union(*(_sentences(d["text"]) for d in SETS["dev"]))
    shared = [s for d in SETS["holdout"] for s in _sentences(d["text"]) & dev_sentences]
    assert not shared


# ---------------------------------------------------------------- scripts/eval.py


def _eval_module():
    spec = importlib.util.spec_from_file_location("tactful_eval", ROOT / "scripts" / "eval.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def _u16(text: str, phrase: str) -> tuple[int, int]:
    """UTF-16 offset and length of phrase, computed the way JavaScript would see it."""
    i = text.index(phrase)
    return len(text[:i].encode("utf-16-le")) // 2, len(phrase.encode("utf-16-le")) // 2


EMOJI_DRAFT = """
[[draft]]
id = "x-risky"
industry = "test"
twin = "x"
variant = "risky"
pushback = true
text = "Hi 🙂🙂 Jo,\\r\\nYou should have told us. We’re done here."
must_flag = [ { text = "You should have told us", category = "blame" },
              { text = "We’re done here", category = "dismissive" } ]
must_not_flag = ["Hi"]
[draft.structure]
acknowledgement = false
reason = false
alternative = false
next_step = false

[[draft]]
id = "x-cushioned"
industry = "test"
twin = "x"
variant = "cushioned"
pushback = true
text = "Hi Jo, thanks. 🙂 No changes are needed."
must_not_flag = ["No changes are needed"]
[draft.structure]
acknowledgement = true
reason = true
alternative = true
next_step = true
"""


def test_eval_measures_in_utf16(tmp_path):
    ev = _eval_module()
    path = tmp_path / "set.toml"
    path.write_text(EMOJI_DRAFT, encoding="utf-8")
    drafts = ev.load(path)
    risky = drafts[0]

    def fake_analyze(text, strictness):
        assert strictness == "balanced"
        if "told us" not in text:
            return {"score": 90, "pushback": True, "findings": [],
                    "structure": {p: {"present": True} for p in ev.PARTS}}
        off, length = _u16(text, "should have told")  # inside the first label only
        return {"score": 40, "pushback": True,
                "findings": [{"offset": off, "length": length, "category": "blame",
                              "rule": "r", "severity": "high", "text": "should have told"}],
                "structure": {p: {"present": p == "reason"} for p in ev.PARTS}}

    report = ev.evaluate(drafts, fake_analyze)
    assert risky.must_flag[0].start == _u16(risky.text, "You should")[0]
    assert report["recall"] == 0.5 and report["recall_category"] == 0.5
    assert report["must_not_precision"] == 1.0
    assert report["twin_order"] == 1.0
    assert report["pushback_accuracy"] == 1.0
    assert report["structure_accuracy"] == 7 / 8
    kinds = Counter(m["kind"] for m in report["misses"])
    assert kinds == {"missed": 1, "structure": 1}


def test_eval_counts_a_code_point_offset_as_a_miss(tmp_path):
    """An engine that reported code points instead of UTF-16 units would be caught."""
    ev = _eval_module()
    path = tmp_path / "set.toml"
    path.write_text(EMOJI_DRAFT, encoding="utf-8")
    drafts = ev.load(path)

    def code_point_analyze(text, strictness):
        i = text.find("We’re done here")
        findings = [{"offset": i, "length": 2, "category": "dismissive", "text": "We"}]
        findings = findings if i >= 0 else []
        return {"score": 50, "pushback": True, "structure": {}, "findings": findings}

    report = ev.evaluate(drafts, code_point_analyze)
    assert report["recall"] == 0.0  # two emoji shift UTF-16 by 2: the span lands on ". "
    assert report["bad_offsets"] == 1  # and its text no longer matches the slice


def test_eval_rejects_malformed_data(tmp_path):
    ev = _eval_module()
    bad = EMOJI_DRAFT.replace('must_not_flag = ["Hi"]', 'must_not_flag = ["Bye"]')
    path = tmp_path / "bad.toml"
    path.write_text(bad, encoding="utf-8")
    with pytest.raises(ev.DataError, match="Bye"):
        ev.load(path)


def test_eval_exits_2_on_malformed_data(tmp_path, monkeypatch, capsys):
    ev = _eval_module()
    path = tmp_path / "bad.toml"
    path.write_text(EMOJI_DRAFT.replace('variant = "cushioned"', 'variant = "risky"'), "utf-8")
    monkeypatch.setitem(ev.SETS, "dev", path)
    assert ev.main(["--set", "dev"]) == 2
    assert "twin x" in capsys.readouterr().err


def test_eval_json_reports_numbers():
    proc = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "eval.py"), "--json"],
        capture_output=True, text=True, timeout=600, cwd=ROOT,
    )
    assert proc.returncode == 0, proc.stderr
    reports = json.loads(proc.stdout)
    assert set(reports) == {"dev", "holdout"}
    for name, report in reports.items():
        assert report["drafts"] == len(SETS[name])
        for key in ("recall", "recall_category", "must_not_precision", "structure_accuracy",
                    "pushback_accuracy", "twin_order", "neutral_clean"):
            value = report[key]
            assert isinstance(value, float | int) and 0.0 <= value <= 1.0, (name, key, value)
