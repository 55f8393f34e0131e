"""TF-IDF (word and character n-grams) and the rule lexicons' matches as features, with
linear models: one logistic regression per theme, its decision threshold tuned on the
training folds, and a multinomial one for stance.

Saved without pickle: vocabularies and settings as JSON, weights as a NumPy ``.npz`` read
with ``allow_pickle=False``; loading rebuilds the scikit-learn objects from those arrays,
so a shared model file cannot run code.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from scipy.sparse import csr_matrix, hstack
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GroupKFold

from pipeline.frameworks import without_grades
from pipeline.nlp.labels import STANCES, THEMES
from pipeline.nlp.rules import rule_features

SECTION = {"analyzer": "word", "ngram_range": (1, 2), "min_df": 1, "sublinear_tf": True, "lowercase": True}
SECTION_WEIGHT = 0.5  # the heading a paragraph sits under, as evidence of its themes (not its stance)
WORD = {"analyzer": "word", "ngram_range": (1, 2), "min_df": 2, "max_features": 20000, "sublinear_tf": True, "lowercase": True}
CHAR = {"analyzer": "char_wb", "ngram_range": (3, 5), "min_df": 2, "max_features": 30000, "sublinear_tf": True, "lowercase": True}
THRESHOLDS = np.round(np.arange(0.1, 0.91, 0.05), 2)
LEXICON_WEIGHT = 0.5  # scale of the rule-lexicon features beside the unit-length TF-IDF rows
MIN_POSITIVES = 3  # a theme with fewer training examples gets no model (never predicted)


def f1(truth: np.ndarray, predicted: np.ndarray) -> float:
    tp = float(np.sum(truth & predicted))
    denominator = float(np.sum(truth) + np.sum(predicted))
    return 2 * tp / denominator if denominator else 1.0


@dataclass
class LinearModel:
    """Fitted vectorizers, per-theme weights and thresholds, stance weights."""

    C: float = 4.0
    word: TfidfVectorizer | None = None
    char: TfidfVectorizer | None = None
    section: TfidfVectorizer | None = None
    theme_coef: np.ndarray | None = None  # (themes, features)
    theme_intercept: np.ndarray | None = None
    thresholds: np.ndarray = field(default_factory=lambda: np.full(len(THEMES), 0.5))
    stance: LogisticRegression | None = None

    def features(self, texts: list[str]):
        """Text features, shared by themes and stance."""
        lexicon = csr_matrix(rule_features(texts) * LEXICON_WEIGHT)
        return hstack([self.word.transform(texts), self.char.transform(texts), lexicon]).tocsr()

    def theme_features(self, X, sections: list[str]):
        """Text features and the section heading's words (grades taken out)."""
        headings = [without_grades(s or "") for s in sections]
        return hstack([X, self.section.transform(headings) * SECTION_WEIGHT]).tocsr()

    def fit(
        self, texts: list[str], themes: list[tuple[str, ...]], stances: list[str], groups: list[str], sections: list[str]
    ) -> "LinearModel":
        self.word = TfidfVectorizer(**WORD).fit(texts)
        self.char = TfidfVectorizer(**CHAR).fit(texts)
        self.section = TfidfVectorizer(**SECTION).fit([without_grades(s or "") for s in sections] + ["recommendation"])
        X = self.features(texts)
        T = self.theme_features(X, sections)
        Y = np.array([[t in labels for t in THEMES] for labels in themes])
        self.theme_coef, self.theme_intercept = fit_themes(T, Y, self.C)
        self.thresholds = tune_thresholds(T, Y, groups, self.C)
        self.stance = LogisticRegression(C=self.C, max_iter=3000, class_weight="balanced").fit(X, stances)
        return self

    def theme_probabilities(self, X) -> np.ndarray:
        return 1 / (1 + np.exp(-(X @ self.theme_coef.T + self.theme_intercept)))

    def predict(self, texts: list[str], sections: list[str]) -> tuple[np.ndarray, np.ndarray]:
        """Theme probabilities (texts x THEMES) and stance probabilities (texts x STANCES)."""
        X = self.features(texts)
        stance = self.stance.predict_proba(X)
        order = [list(self.stance.classes_).index(s) if s in self.stance.classes_ else None for s in STANCES]
        stance = np.column_stack([stance[:, i] if i is not None else np.zeros(len(texts)) for i in order])
        return np.asarray(self.theme_probabilities(self.theme_features(X, sections))), stance

    def save(self, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        settings = {
            "C": self.C,
            "word": {**WORD, "vocabulary": {k: int(v) for k, v in self.word.vocabulary_.items()}},
            "char": {**CHAR, "vocabulary": {k: int(v) for k, v in self.char.vocabulary_.items()}},
            "section": {**SECTION, "vocabulary": {k: int(v) for k, v in self.section.vocabulary_.items()}},
            "stance_classes": [str(c) for c in self.stance.classes_],
            "thresholds": [float(t) for t in self.thresholds],
        }
        (folder / "linear.json").write_text(json.dumps(settings, ensure_ascii=False), encoding="utf-8")
        np.savez_compressed(
            folder / "linear.npz",
            word_idf=self.word.idf_.astype(np.float32),
            char_idf=self.char.idf_.astype(np.float32),
            section_idf=self.section.idf_.astype(np.float32),
            theme_coef=self.theme_coef.astype(np.float16),
            theme_intercept=self.theme_intercept.astype(np.float32),
            stance_coef=self.stance.coef_.astype(np.float16),
            stance_intercept=self.stance.intercept_.astype(np.float32),
        )

    @classmethod
    def load(cls, folder: Path) -> "LinearModel":
        settings = json.loads((folder / "linear.json").read_text(encoding="utf-8"))
        arrays = np.load(folder / "linear.npz", allow_pickle=False)
        model = cls(C=settings["C"])
        model.word = vectorizer(settings["word"], arrays["word_idf"])
        model.char = vectorizer(settings["char"], arrays["char_idf"])
        model.section = vectorizer(settings["section"], arrays["section_idf"])
        model.theme_coef = arrays["theme_coef"].astype(np.float32)
        model.theme_intercept = arrays["theme_intercept"]
        model.thresholds = np.array(settings["thresholds"])
        stance = LogisticRegression()
        stance.classes_ = np.array(settings["stance_classes"])
        stance.coef_ = arrays["stance_coef"].astype(np.float64)
        stance.intercept_ = arrays["stance_intercept"].astype(np.float64)
        model.stance = stance
        return model


def vectorizer(settings: dict, idf: np.ndarray) -> TfidfVectorizer:
    options = {k: (tuple(v) if k == "ngram_range" else v) for k, v in settings.items() if k != "vocabulary"}
    fitted = TfidfVectorizer(**options, vocabulary=settings["vocabulary"])
    fitted.vocabulary_ = settings["vocabulary"]
    fitted.idf_ = idf.astype(np.float64)
    return fitted


def fit_themes(X, Y: np.ndarray, C: float) -> tuple[np.ndarray, np.ndarray]:
    coef = np.zeros((len(THEMES), X.shape[1]))
    intercept = np.full(len(THEMES), -20.0)  # a theme without a model is never predicted
    for index in range(len(THEMES)):
        y = Y[:, index]
        if y.sum() >= MIN_POSITIVES and (~y).sum() >= MIN_POSITIVES:
            model = LogisticRegression(C=C, max_iter=3000, class_weight="balanced").fit(X, y)
            coef[index], intercept[index] = model.coef_[0], model.intercept_[0]
    return coef, intercept


def tune_thresholds(X, Y: np.ndarray, groups: list[str], C: float, folds: int = 3) -> np.ndarray:
    """Per-theme thresholds that maximise F1 on out-of-fold predictions within the training
    data (grouped by authority, like the outer evaluation)."""
    out_of_fold = np.zeros(Y.shape)
    splits = min(folds, len(set(groups)))
    if splits < 2:
        return np.full(len(THEMES), 0.5)
    for train, test in GroupKFold(n_splits=splits).split(X, Y, groups):
        coef, intercept = fit_themes(X[train], Y[train], C)
        out_of_fold[test] = 1 / (1 + np.exp(-(X[test] @ coef.T + intercept)))
    best = []
    for index in range(len(THEMES)):
        scores = [f1(Y[:, index], out_of_fold[:, index] >= t) for t in THRESHOLDS]
        best.append(THRESHOLDS[int(np.argmax(scores))])
    return np.array(best)
