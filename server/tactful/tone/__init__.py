"""How polite a draft reads, as a probability learnt from human ratings, with reasons.

A logistic regression over politeness strategies and general cue words (features.py),
trained by scripts/train_tone.py on the Wikipedia requests of the Stanford Politeness
Corpus (Danescu-Niculescu-Mizil et al., ACL 2013) and stored in model.json. Scoring is a dot
product in plain Python.

- The draft is one unit: the union of its sentences' strategies (requests in the corpus
  are one to five sentences, rated as a whole), so `politeness` is P(polite | polite or
  impolite) Platt-calibrated on out-of-fold scores.
- Each sentence is scored in its draft: its own strategies plus the draft-wide ones
  (a greeting or a thanks anywhere, including a "Thanks," sign-off, frames every sentence).
- Reasons are each feature's share of the score, weight * (value - training mean): the
  exact attribution for a linear model. An impolite sentence lists what pulled it down
  (including what is missing, "no thanks or acknowledgement"); a polite one what lifted it.
- An empty draft (nothing the writer wrote) is 0.5: no evidence either way, so the score's
  tone adjustment is zero.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from . import features as F

MODEL_PATH = Path(__file__).with_name("model.json")
NEUTRAL = 0.5
MAX_REASONS = 3
MIN_SHARE = 0.2  # logit units; smaller shares are noise, not reasons


@dataclass(frozen=True, slots=True)
class Model:
    name: str
    bias: float
    weight: dict[str, float]
    mean: dict[str, float]
    a: float  # Platt calibration: p = sigmoid(a * logit + b)
    b: float
    impolite_threshold: float
    # Each feature's share of the logit when present / absent, w * (x - training mean).
    present: dict[str, float]
    absent: dict[str, float]


@cache
def model() -> Model | None:
    """The trained model, or None when model.json is missing or does not fit this code."""
    try:
        m = json.loads(MODEL_PATH.read_text(encoding="utf-8"))
        if m["features"] != list(F.NAMES):
            return None  # trained on another feature set: never score with mismatched weights
        weight = dict(zip(F.NAMES, map(float, m["weights"]), strict=True))
        mean = dict(zip(F.NAMES, map(float, m["means"]), strict=True))
        return Model(
            name=f"{m['name']}/{m['version']}",
            bias=float(m["bias"]),
            weight=weight,
            mean=mean,
            a=float(m["calibration"]["a"]),
            b=float(m["calibration"]["b"]),
            impolite_threshold=float(m["impolite_threshold"]),
            present={n: weight[n] * (1.0 - mean[n]) for n in F.NAMES},
            absent={n: -weight[n] * mean[n] for n in F.NAMES},
        )
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _sigmoid(z: float) -> float:
    if z >= 0:
        return 1.0 / (1.0 + math.exp(-z))
    e = math.exp(z)
    return e / (1.0 + e)


def probability(m: Model, active: set[str]) -> float:
    """Calibrated P(polite) of a unit, given the features it carries (a sparse dot product)."""
    w = m.weight
    return _sigmoid(m.a * (m.bias + sum(w[n] for n in active)) + m.b)


_ABSENT = tuple(f for f in F.FEATURES if f.absent)  # features whose absence can be a reason


def reasons(m: Model, active: set[str], polite: bool, own: set[str] | None = None) -> list[str]:
    """The two or three features that moved this unit most, phrased for the writer.

    `own`: the features the sentence itself carries; context it merely inherits (a thanks
    elsewhere in the draft) is not credited to it. A cue word that a present strategy
    already names adds its share to that strategy's phrase instead of being said twice.
    """
    shares: dict[str, float] = {}
    pool = active if own is None or not polite else active & own
    sign = 1.0 if polite else -1.0
    for name in pool:
        share = sign * m.present[name]
        if share <= 0:
            continue
        phrase = F.BY_NAME[name].present
        if name.startswith("word:"):
            for strategy in F.CUE_STRATEGY.get(name[5:], ()):
                if strategy in pool and sign * m.present[strategy] > 0:
                    phrase = F.BY_NAME[strategy].present
                    break
        shares[phrase] = shares.get(phrase, 0.0) + share
    if not polite:
        for f in _ABSENT:
            if f.name not in active and m.absent[f.name] < 0:
                shares[f.absent] = shares.get(f.absent, 0.0) - m.absent[f.name]
    ranked = sorted(shares.items(), key=lambda kv: (-kv[1], kv[0]))
    return [phrase for phrase, share in ranked[:MAX_REASONS] if share >= MIN_SHARE]


def estimate(t, seg, view: str | None = None) -> dict | None:
    """The tone reading of a segmented draft (None only when no trained model is shipped)."""
    m = model()
    if m is None:
        return None
    if not seg.sentences:
        return {"politeness": NEUTRAL, "model": m.name, "features": [], "sentences": []}
    sets, context = F.draft_sentence_sets(t.norm, seg, view)
    draft = F.unit_features(sets, context)
    p = probability(m, draft)
    out = []
    several = len(sets) > 1
    for s, own in zip(seg.sentences, sets, strict=True):
        alone = own - {"terse"} if several else own
        active = F.unit_features([alone], context)
        ps = probability(m, active)
        offset, length = t.span_utf16(s.start, s.end)
        out.append({
            "offset": offset,
            "length": length,
            "politeness": round(ps, 3),
            "features": reasons(m, active, ps >= NEUTRAL, alone),
        })
    return {
        "politeness": round(p, 3),
        "model": m.name,
        "features": reasons(m, draft, p >= NEUTRAL),
        "sentences": out,
    }


def impolite_sentences(tone: dict | None, threshold: float | None = None) -> list[int]:
    """Indices into tone["sentences"] that read as impolite and can say why.

    Default threshold: the model's `impolite_threshold`, the cut below which at least 90%
    of held-out requests were rated impolite.
    """
    if not tone:
        return []
    if threshold is None:
        m = model()
        threshold = m.impolite_threshold if m else 0.25
    return [
        i for i, s in enumerate(tone.get("sentences", ()))
        if s["politeness"] < threshold and s["features"]
    ]
