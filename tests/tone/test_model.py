"""The shipped model: what it was trained on, how, and that training and run time agree."""

import hashlib
import importlib.util
import json

from tactful.tone import MODEL_PATH, estimate, model
from tactful.tone import features as F

ROOT = MODEL_PATH.parents[3]

SHIPPED = json.loads(MODEL_PATH.read_text(encoding="utf-8"))


def _train_tone():
    """scripts/train_tone.py as a module (scripts/ is not a package)."""
    path = ROOT / "scripts" / "train_tone.py"
    spec = importlib.util.spec_from_file_location("train_tone", path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_model_file_is_complete_and_credits_the_corpus():
    m = SHIPPED
    assert m["features"] == list(F.NAMES)
    assert len(m["weights"]) == len(m["means"]) == len(F.NAMES)
    assert "Danescu-Niculescu-Mizil" in m["credit"] and "ACL 2013" in m["credit"]
    assert m["data"]["polite"] == m["data"]["impolite"] == 1089
    assert 0.5 < m["cv"]["accuracy"] <= 1 and len(m["cv"]["per_fold"]) == 10
    assert len(m["data"]["sha256"]) == 64 and m["trained"][:2] == "20"
    assert MODEL_PATH.stat().st_size < 20_000  # small enough to read and explain
    assert len(F.NAMES) < 200
    assert model() is not None


def test_sha256_matches_the_data_file(needs_data):
    assert hashlib.sha256(needs_data.read_bytes()).hexdigest() == SHIPPED["data"]["sha256"]


def test_training_uses_the_runtime_feature_code(read):
    train = _train_tone()
    assert train.features is F  # one module, not a copy
    text = ("Hi Jo,\nWhy is the order late again? Could you check with the courier?\n\n"
            "Thanks,\nAmi")
    t, seg, view = read(text)
    sets, context = F.draft_sentence_sets(t.norm, seg, view)
    runtime = F.unit_vector(sets, context)
    assert train.features.request_vector(text) == runtime
    # ...and the runtime probability is the model's dot product on that same vector.
    m = model()
    active = {n for n, v in zip(F.NAMES, runtime, strict=True) if v}
    z = m.bias + sum(w * v for w, v in zip(SHIPPED["weights"], runtime, strict=True))
    expected = 1 / (1 + pow(2.718281828459045, -(m.a * z + m.b)))
    assert abs(estimate(t, seg, view)["politeness"] - round(expected, 3)) <= 0.001
    assert active == F.unit_features(sets, context)


def test_retraining_reproduces_the_shipped_weights(needs_data):
    """`make train-tone` is deterministic: same C choice, same weights, same CV figure."""
    train = _train_tone()
    texts, y = train.load_task(needs_data)
    X = [F.request_vector(t) for t in texts]
    c = train.choose_c(X, y)
    assert c == SHIPPED["regularisation_C"]
    final = train._fit(X, y, c)
    assert [round(float(w), 4) for w in final.coef_[0]] == SHIPPED["weights"]
    assert train.cross_validate(X, y, c)["accuracy"] == SHIPPED["cv"]["accuracy_at_shipped_C"]


def test_quoted_accuracy_is_the_nested_figure():
    cv = SHIPPED["cv"]
    assert "nested" in cv["protocol"] and len(cv["chosen_C_per_fold"]) == 10
    assert set(cv["chosen_C_per_fold"]) <= set(SHIPPED["C_grid"])
    assert abs(sum(cv["per_fold"]) / 10 - cv["accuracy"]) < 1e-3


def test_quoted_accuracy_is_checked_on_other_fold_shuffles():
    """A gain must hold when the folds are drawn differently, not on one lucky shuffle."""
    cv = SHIPPED["cv"]
    by_seed = cv["nested_accuracy_by_shuffle_seed"]
    assert len(by_seed) >= 3 and by_seed[str(cv["seed"])] == cv["accuracy"]
    mean = sum(by_seed.values()) / len(by_seed)
    assert abs(mean - cv["nested_accuracy_mean_over_seeds"]) < 1e-3
    assert max(by_seed.values()) - min(by_seed.values()) < 0.03  # shuffles agree closely
