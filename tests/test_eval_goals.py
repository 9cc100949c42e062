"""Quality floors on the labelled drafts, so a rule or cue change cannot quietly undo them.
The holdout is only required to stay precise: its recall is the honest measure of how the
rules carry over to drafts nobody tuned on, reported by `make eval`, not a target to fit."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _eval(*args: str) -> dict:
    out = subprocess.run([sys.executable, str(ROOT / "scripts" / "eval.py"), "--json", *args],
                         capture_output=True, text=True, timeout=300, check=True)
    return next(iter(json.loads(out.stdout).values()))


def test_development_set_meets_the_goals():
    m = _eval("--set", "dev")
    assert m["engine_errors"] == 0 and m["bad_offsets"] == 0
    assert m["recall"] >= 0.95
    assert m["must_not_precision"] >= 0.97
    assert m["structure_accuracy"] >= 0.90
    assert m["twin_order"] == 1.0
    assert m["neutral_clean"] == 1.0


# blind_i is about structure: its 11 risky phrases make each miss worth 9 points.
BLIND_RECALL = {"blind_a": 0.90, "blind_b": 0.90, "blind_c": 0.90, "blind_d": 0.90,
                "blind_e": 0.90, "blind_f": 0.90, "blind_g": 0.90, "blind_h": 0.90,
                "blind_i": 0.80, "blind_j": 0.90, "blind_k": 0.90, "blind_l": 0.90,
                "blind_m": 0.90,
                # Round 4: each owner tuned only their own categories; the floors sit just
                # under what the set reaches (r is about structure, p's misses are other kinds).
                "blind_n": 0.90, "blind_o": 0.90, "blind_p": 0.85, "blind_q": 0.90,
                "blind_r": 0.75}


@pytest.mark.parametrize("name", sorted(BLIND_RECALL))
def test_blind_sets_stay_caught_and_precise(name):
    m = _eval("--file", str(ROOT / "tests" / "data" / f"{name}.toml"))
    assert m["engine_errors"] == 0 and m["bad_offsets"] == 0
    assert m["recall"] >= BLIND_RECALL[name]
    assert m["must_not_precision"] >= 0.97
    assert m["neutral_clean"] == 1.0


def test_holdout_stays_precise():
    m = _eval("--set", "holdout")
    assert m["must_not_precision"] >= 0.97
    assert m["twin_order"] == 1.0
    assert m["neutral_clean"] == 1.0
