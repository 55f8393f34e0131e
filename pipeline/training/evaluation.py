"""Scores for themes and stance, grouped cross-validation, and agreement between annotators.

Scoring only returns numbers; nothing here writes records or models.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from sklearn.metrics import accuracy_score, cohen_kappa_score, f1_score, precision_recall_fscore_support
from sklearn.model_selection import GroupKFold

from pipeline.training.corpus import Example
from pipeline.nlp.labels import STANCES, THEMES


def theme_matrix(labels: list[tuple[str, ...]]) -> np.ndarray:
    return np.array([[t in row for t in THEMES] for row in labels], dtype=bool).reshape(len(labels), len(THEMES))


def scores(true_themes: np.ndarray, pred_themes: np.ndarray, true_stance: list[str], pred_stance: list[str]) -> dict:
    """Theme micro/macro F1 (macro over the themes present in the reference), per-theme and
    per-stance precision/recall/F1, stance accuracy, macro-F1 and Cohen's kappa."""
    present = [i for i in range(len(THEMES)) if true_themes[:, i].any()]
    p, r, f, support = precision_recall_fscore_support(true_themes, pred_themes, average=None, zero_division=0)
    sp, sr, sf, ssupport = precision_recall_fscore_support(true_stance, pred_stance, labels=list(STANCES), zero_division=0)
    return {
        "theme_micro_f1": float(f1_score(true_themes, pred_themes, average="micro", zero_division=0)),
        "theme_macro_f1": float(np.mean([f[i] for i in present])) if present else 0.0,
        "stance_accuracy": float(accuracy_score(true_stance, pred_stance)),
        "stance_macro_f1": float(f1_score(true_stance, pred_stance, labels=list(STANCES), average="macro", zero_division=0)),
        "stance_kappa": float(cohen_kappa_score(true_stance, pred_stance)),
        "themes": {THEMES[i]: {"precision": float(p[i]), "recall": float(r[i]), "f1": float(f[i]), "support": int(support[i])} for i in range(len(THEMES))},
        "stances": {s: {"precision": float(sp[i]), "recall": float(sr[i]), "f1": float(sf[i]), "support": int(ssupport[i])} for i, s in enumerate(STANCES)},
    }


# A fold runner trains every method on the training examples and returns, per method name,
# its theme 0/1 matrix and stance labels for the test examples.
FoldRunner = Callable[[list[Example], list[Example]], dict[str, tuple[np.ndarray, list[str]]]]


def cross_validate(examples: list[Example], run_fold: FoldRunner, folds: int = 5) -> dict[str, dict]:
    """Out-of-fold predictions of each method with folds grouped by authority (no authority
    in both a training and a test fold), scored against the annotations."""
    groups = [e.group for e in examples]
    texts = [e.text for e in examples]
    predicted: dict[str, tuple[np.ndarray, list[str]]] = {}
    for train, test in GroupKFold(n_splits=folds).split(texts, groups=groups):
        results = run_fold([examples[i] for i in train], [examples[i] for i in test])
        for name, (themes, stances) in results.items():
            if name not in predicted:
                predicted[name] = (np.zeros((len(examples), len(THEMES)), dtype=bool), [""] * len(examples))
            predicted[name][0][test] = themes
            for position, index in enumerate(test):
                predicted[name][1][index] = stances[position]
    truth = theme_matrix([e.themes for e in examples])
    true_stance = [e.stance for e in examples]
    return {name: scores(truth, themes, true_stance, stances) for name, (themes, stances) in predicted.items()}


def agreement(first: dict[tuple, dict], second: dict[tuple, dict]) -> dict:
    """Agreement between two annotation passes over the same items: the ceiling a model
    can be judged against (the first pass is the reference, as for the models)."""
    keys = sorted(set(first) & set(second))
    truth = theme_matrix([tuple(first[k]["themes"]) for k in keys])
    other = theme_matrix([tuple(second[k]["themes"]) for k in keys])
    result = scores(truth, other, [first[k]["stance"] for k in keys], [second[k]["stance"] for k in keys])
    result["items"] = len(keys)
    return result
