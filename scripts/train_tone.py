"""Train the tone model: logistic regression on politeness-strategy features.

    make train-tone        (or: .venv/bin/python scripts/train_tone.py [--data CSV] [--check])

Data: the Wikipedia part of the Stanford Politeness Corpus (Danescu-Niculescu-Mizil, Sudhof,
Jurafsky, Leskovec and Potts, ACL 2013), read from ../shared/data/politeness/, never copied.
The binary task: top quartile of Normalized Score = polite, bottom quartile = impolite.

Deterministic: fixed fold seed, a solver with no randomness, sorted lexicon. Prints 10-fold
CV accuracy (the L2 strength chosen inside each training fold: nested CV, the honest
figure) and writes server/tactful/tone/lexicon.json (trimmed VADER valences) and
model.json (weights, feature names, the data's sha256, CV figures, calibration, date).
scikit-learn and vaderSentiment are needed here only; the server reads the JSON.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import hashlib
import json
import math
import os
import re
import sys
from pathlib import Path

# One BLAS thread: the fits are tiny, and on a shared machine threads only fight (20x slower).
for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "server"))

from tactful.tone import features  # noqa: E402  (the run-time feature code, not a copy)

DATA = ROOT.parent / "shared" / "data" / "politeness" / "wikipedia.annotated.csv"
TONE = ROOT / "server" / "tactful" / "tone"
MODEL_NAME = "tactful-politeness-strategies"
MODEL_VERSION = 3
C_GRID = (0.2, 0.3, 0.5, 1.0)  # L2 strengths tried; chosen by (nested) CV, ties to the smaller
FOLDS = 10
INNER_FOLDS = 5
SEED = 13
# Extra shuffles for the nested figure: a gain must hold on other fold draws, not one.
EXTRA_SEEDS = (1, 2, 3, 4)
CREDIT = (
    "Trained on the Wikipedia requests of the Stanford Politeness Corpus: Danescu-Niculescu-"
    "Mizil, Sudhof, Jurafsky, Leskovec and Potts, 'A computational approach to politeness "
    "with application to social factors', ACL 2013."
)
# Words whose meaning a strategy feature already carries (or that are grammar, not tone).
_LEXICON_SKIP = frozenset(
    """please pls plz kindly thank thanks thanked thankful thanking thx sorry apologize
    apologise apologized apologised apologies apology appreciate appreciated appreciates
    appreciation grateful kudos pardon forgive unfortunately hope hopes hoping hopeful
    agree agreed agrees ok okay yes yeah no not like likes liked sure""".split()
)


def sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 16), b""):
            h.update(block)
    return h.hexdigest()


def build_lexicon() -> dict:
    """Trim VADER's bundled lexicon to plain words with |valence| >= 1, bucketed by 0.5."""
    import vaderSentiment

    src = Path(vaderSentiment.__file__).with_name("vader_lexicon.txt")
    buckets: dict[str, list[str]] = {}
    for line in src.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) < 2 or not re.fullmatch(r"[a-z]+(?:'[a-z]+)*", parts[0]):
            continue
        word, value = parts[0], float(parts[1])
        if word in _LEXICON_SKIP or abs(value) < 1.0:
            continue
        key = f"{math.copysign(math.floor(abs(value) * 2) / 2, value):.1f}"
        buckets.setdefault(key, []).append(word)
    return {
        "source": "VADER sentiment lexicon (vaderSentiment 3.3.2, MIT licence; Hutto and "
                  "Gilbert, ICWSM 2014), plain words with |valence| >= 1, rounded down to 0.5",
        "buckets": {k: " ".join(sorted(v)) for k, v in sorted(buckets.items(), key=lambda kv:
                                                              float(kv[0]))},
    }


def load_task(path: Path) -> tuple[list[str], list[int]]:
    with path.open(newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    rows.sort(key=lambda r: (float(r["Normalized Score"]), r["Id"]))
    q = math.ceil(len(rows) / 4)
    low, high = rows[:q], rows[-q:]
    return [r["Request"] for r in low + high], [0] * len(low) + [1] * len(high)


def _sigmoid(z: float) -> float:
    return 1 / (1 + math.exp(-z)) if z >= 0 else math.exp(z) / (1 + math.exp(z))


def _fit(X, y, c: float):
    from sklearn.linear_model import LogisticRegression

    return LogisticRegression(C=c, solver="lbfgs", max_iter=5000).fit(X, y)


def cross_validate(X, y, c: float, folds: int = FOLDS) -> dict:
    """Stratified k-fold accuracy at a fixed L2 strength, with out-of-fold scores."""
    import numpy as np
    from sklearn.model_selection import StratifiedKFold

    X, y = np.asarray(X, dtype=float), np.asarray(y)
    split = StratifiedKFold(n_splits=folds, shuffle=True, random_state=SEED)
    accs, oof = [], np.zeros(len(y))
    for train, test in split.split(X, y):
        m = _fit(X[train], y[train], c)
        oof[test] = m.decision_function(X[test])
        accs.append(float((m.predict(X[test]) == y[test]).mean()))
    return _summary(accs) | {"oof": oof}


def _summary(accs: list[float]) -> dict:
    mean = sum(accs) / len(accs)
    sd = math.sqrt(sum((a - mean) ** 2 for a in accs) / (len(accs) - 1))
    return {"accuracy": round(mean, 4), "sd": round(sd, 4), "folds": [round(a, 4) for a in accs]}


def choose_c(X, y, folds: int = FOLDS) -> float:
    """The grid's best L2 strength by k-fold CV accuracy (ties go to stronger regularisation)."""
    scores = [(cross_validate(X, y, c, folds)["accuracy"], -c) for c in C_GRID]
    return -max(scores)[1]


def nested_cv(X, y, seed: int = SEED) -> dict:
    """10-fold CV where each training fold picks its own C by inner 5-fold CV: the test
    fold never influences any choice, so this is the number to quote."""
    import numpy as np
    from sklearn.model_selection import StratifiedKFold

    X, y = np.asarray(X, dtype=float), np.asarray(y)
    split = StratifiedKFold(n_splits=FOLDS, shuffle=True, random_state=seed)
    accs, chosen = [], []
    for train, test in split.split(X, y):
        c = choose_c(X[train], y[train], INNER_FOLDS)
        chosen.append(c)
        m = _fit(X[train], y[train], c)
        accs.append(float((m.predict(X[test]) == y[test]).mean()))
    return _summary(accs) | {"chosen_C": chosen}


def platt(z, y) -> tuple[float, float]:
    """Fit p = sigmoid(a*z + b) on out-of-fold scores: the probability a writer sees."""
    import numpy as np
    from sklearn.linear_model import LogisticRegression

    m = LogisticRegression(C=1e6, solver="lbfgs").fit(np.asarray(z).reshape(-1, 1), y)
    return float(m.coef_[0][0]), float(m.intercept_[0])


def calibration_error(p, y, bins: int = 10) -> float:
    total, err = len(p), 0.0
    for b in range(bins):
        idx = [i for i, v in enumerate(p) if b / bins <= v < (b + 1) / bins or (b == bins - 1
                                                                                 and v == 1)]
        if idx:
            conf = sum(p[i] for i in idx) / len(idx)
            acc = sum(y[i] for i in idx) / len(idx)
            err += len(idx) / total * abs(conf - acc)
    return round(err, 4)


def impolite_threshold(p, y, precision: float = 0.9) -> float:
    """Highest probability cut below which at least `precision` of requests are impolite."""
    best = 0.1
    for k in range(5, 50):
        cut = k / 100
        hit = [y[i] for i, v in enumerate(p) if v < cut]
        if len(hit) >= 50 and hit.count(0) / len(hit) >= precision:
            best = cut
    return best


# For the comparison only: general English function and discourse words, chosen before
# looking at the data (no article, page or edit vocabulary). Not shipped.
GENERAL_WORDS = """i me my mine myself we us our you your yourself he she they them it
this that these those a an the some any all no not never nothing nobody none
don't didn't doesn't isn't aren't
wasn't can't won't wouldn't shouldn't couldn't can could will would shall should may might
must need have has had do did does be is are was were been am what why how who where when
which whether if then so and but or because since though although unless however just only
really very quite too also even still already again yet ever anyway well oh hmm ok okay yes
yeah sure please thanks thank sorry hi hello hey dear great good nice fine bad wrong help
like want wanted wonder wondering think thought know believe guess suppose seem seems feel
hope glad happy welcome mind chance possible perhaps maybe probably actually fact indeed
clearly obviously say said tell told ask asked explain answer question point problem issue
reason idea look looking see saw find found let here there now anything something everything
someone anyone""".split()


def comparisons(texts: list[str], y: list[int], X: list[list[float]]) -> dict:
    """Honest context for the shipped model: the same folds, other feature sets."""
    import numpy as np
    from sklearn.feature_extraction.text import CountVectorizer
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    vader = SentimentIntensityAnalyzer()
    hits = [int(vader.polarity_scores(t)["compound"] > 0) == label for t, label in
            zip(texts, y, strict=True)]
    out = {"vader_compound_gt_0": round(sum(hits) / len(hits), 4)}
    pattern = r"[a-z]+(?:'[a-z]+)?"
    general = CountVectorizer(binary=True, vocabulary=sorted(set(GENERAL_WORDS)),
                              token_pattern=pattern).transform(texts).toarray()
    unigrams = CountVectorizer(binary=True, min_df=2, token_pattern=pattern).fit_transform(
        texts).toarray()
    out["binary_unigrams"] = cross_validate(unigrams, y, 0.5)["accuracy"]
    n = len(features.STRATEGIES)
    strategies = np.asarray(X)[:, :n]
    out["strategies_only"] = cross_validate(strategies, y, 0.5)["accuracy"]
    out["strategies_plus_182_general_words"] = cross_validate(
        np.hstack([strategies, general]), y, c=0.3)["accuracy"]
    out["strategies_plus_all_unigrams"] = cross_validate(
        np.hstack([strategies, unigrams]), y, c=0.3)["accuracy"]
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=DATA)
    ap.add_argument("--check", action="store_true", help="evaluate only, write nothing")
    ap.add_argument("--fast", action="store_true", help="skip the comparison models")
    args = ap.parse_args(argv)
    if not args.data.exists():
        print(f"data not found: {args.data}", file=sys.stderr)
        return 2

    lex = build_lexicon()
    if not args.check:
        (TONE / "lexicon.json").write_text(json.dumps(lex, indent=0) + "\n", encoding="utf-8")
    features.lexicon.cache_clear()
    texts, y = load_task(args.data)
    X = [features.request_vector(t) for t in texts]
    c = choose_c(X, y)
    cv = cross_validate(X, y, c)
    nested = nested_cv(X, y)
    by_seed = {str(SEED): nested["accuracy"]} | {
        str(s): nested_cv(X, y, s)["accuracy"] for s in EXTRA_SEEDS}
    seed_mean = round(sum(by_seed.values()) / len(by_seed), 4)
    a, b = platt(cv["oof"], y)
    p_raw = [_sigmoid(z) for z in cv["oof"]]
    p_cal = [_sigmoid(a * z + b) for z in cv["oof"]]
    threshold = impolite_threshold(p_cal, y)
    print(f"{len(y)} requests ({y.count(1)} polite, {y.count(0)} impolite), "
          f"{len(features.NAMES)} features ({len(features.STRATEGIES)} strategies, "
          f"{len(features.CUE_WORDS)} cue words)")
    print(f"10-fold CV accuracy, nested (C chosen inside each fold): {nested['accuracy']:.1%} "
          f"(sd {nested['sd']:.1%}; C per fold {nested['chosen_C']})")
    print(f"  same protocol over fold shuffles {list(by_seed)}: mean {seed_mean:.1%} "
          f"({', '.join(f'{v:.1%}' for v in by_seed.values())})")
    print(f"10-fold CV accuracy at the shipped C={c}: {cv['accuracy']:.1%} (sd {cv['sd']:.1%})")
    print(f"calibration error (ECE, out-of-fold): raw {calibration_error(p_raw, y):.3f}, "
          f"Platt {calibration_error(p_cal, y):.3f}")
    print(f"impolite threshold (>=90% precision out-of-fold): {threshold:.2f}")
    compare = {} if args.fast else comparisons(texts, y, X)
    for k, v in compare.items():
        print(f"  for comparison, {k.replace('_', ' ')}: {v:.1%}")

    final = _fit(X, y, c)
    weights = [round(float(w), 4) for w in final.coef_[0]]
    means = [round(sum(col) / len(col), 4) for col in zip(*X, strict=True)]
    ranked = sorted(zip(features.NAMES, weights, strict=True), key=lambda nw: nw[1])
    for name, w in ranked[:12] + [("...", 0.0)] + ranked[-12:]:
        print(f"  {w:+.3f}  {name}")
    model = {
        "name": MODEL_NAME,
        "version": MODEL_VERSION,
        "credit": CREDIT,
        "task": "Wikipedia requests, top vs bottom quartile of Normalized Score",
        "data": {"file": "wikipedia.annotated.csv", "sha256": sha256(args.data),
                 "polite": y.count(1), "impolite": y.count(0)},
        "trained": dt.date.today().isoformat(),
        "cv": {"folds": FOLDS, "seed": SEED,
               "accuracy": nested["accuracy"], "sd": nested["sd"], "per_fold": nested["folds"],
               "protocol": "nested: C chosen from C_GRID by inner 5-fold CV in each training "
                           "fold",
               "chosen_C_per_fold": nested["chosen_C"],
               "nested_accuracy_by_shuffle_seed": by_seed,
               "nested_accuracy_mean_over_seeds": seed_mean,
               "accuracy_at_shipped_C": cv["accuracy"], "sd_at_shipped_C": cv["sd"],
               "ece_raw": calibration_error(p_raw, y), "ece_calibrated":
               calibration_error(p_cal, y)},
        "comparison_cv_accuracy": compare,
        "regularisation_C": c,
        "C_grid": list(C_GRID),
        "features": list(features.NAMES),
        "weights": weights,
        "bias": round(float(final.intercept_[0]), 4),
        "means": means,
        "calibration": {"a": round(a, 4), "b": round(b, 4)},
        "impolite_threshold": threshold,
        "lexicon_sha256": hashlib.sha256(json.dumps(lex, sort_keys=True).encode()).hexdigest(),
    }
    if args.check:
        return 0
    (TONE / "model.json").write_text(json.dumps(model, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {TONE / 'model.json'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
