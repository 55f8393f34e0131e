"""TF-IDF of word n-grams and the rule lexicons' matches as features, with linear models:
one logistic regression per theme, and a multinomial one for stance that also reads how the
paragraph's sentences lean (a sentence-polarity model learnt from the strength and weakness
paragraphs).

Themes also read word stems (a word's first letters, so "assess", "assessed" and
"assessments" count as one) and, where ``section_weight`` is set, the section heading (off by
default since issue 15: the section is not the topic), and each theme's model weighs its
features by how unevenly they fall between that theme's paragraphs and the rest (naive
Bayes log-count ratios, as in Wang and Manning's NB-SVM); its decision threshold is tuned
on the training folds. Where sentence labels exist (``corpus/annotations/sentences``), a
sentence model for those themes gates the paragraph's decision: the theme is kept only where
one of the paragraph's sentences discusses it (issue 15: a paragraph that names leaders reads,
as word counts, like one that judges leadership; its sentences do not).

Saved without pickle: vocabularies and settings as JSON, weights as a NumPy ``.npz`` read
with ``allow_pickle=False``; loading rebuilds the scikit-learn objects from those arrays,
so a shared model file cannot run code.
"""

from __future__ import annotations

import json
import re
from itertools import chain, repeat
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from scipy.sparse import csr_matrix, hstack
from sklearn.feature_extraction.text import TfidfTransformer, TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GroupKFold

from pipeline import errors
from pipeline.frameworks import without_grades
from pipeline.nlp.labels import STANCES, THEMES
from pipeline.nlp.language import build_language, sentence_texts
from pipeline.nlp.rules import rule_features

SECTION = {"analyzer": "word", "ngram_range": (1, 2), "min_df": 1, "sublinear_tf": True, "lowercase": True}
# The heading a paragraph sits under, as evidence of its themes: 0 since issue 15. The section
# is not the topic (spec/themes.md); with it, children_in_care was tagged for most paragraphs
# under the children-in-care judgement (independent set, test half, children_in_care
# precision 0.62 with the heading at weight 0.5, 0.72 without; micro-F1 0.803 -> 0.810).
SECTION_WEIGHT = 0.0
LEGACY_SECTION_WEIGHT = 0.5  # what a model saved before issue 15 (no section_weight in linear.json) read the heading at
WORD = {"analyzer": "word", "ngram_range": (1, 2), "min_df": 2, "max_features": 20000, "sublinear_tf": True, "lowercase": True}
# Stems stand in for character n-grams: about the same gain on themes (grouped CV) at a
# fifth of the cost, since they are one regular expression and a slice per word.
STEM_LENGTH = 5
STEM = {"min_df": 2, "max_features": 20000, "sublinear_tf": True}
THEME_C = 16.0  # themes' regularisation; the NB weighting already damps uninformative words
NB_SMOOTHING = 0.1  # added to each feature's summed TF-IDF weight per side before the ratio
THRESHOLDS = np.round(np.arange(0.1, 0.91, 0.05), 2)
LEXICON_WEIGHT = 0.5  # scale of the rule-lexicon features beside the unit-length TF-IDF rows
THEME_CLASS_WEIGHT = "balanced"
MIN_POSITIVES = 3  # a theme with fewer training examples gets no model (never predicted)
# The sentence gate: the sentence model's regularisation, the folds (by authority) over the
# sentence-labelled paragraphs from which each gate is chosen, and the gates tried.
GATE_C = 4.0
GATE_FOLDS = 5
GATE_CUTS = np.round(np.arange(0.05, 0.96, 0.05), 2)


def f1(truth: np.ndarray, predicted: np.ndarray) -> float:
    tp = float(np.sum(truth & predicted))
    denominator = float(np.sum(truth) + np.sum(predicted))
    return 2 * tp / denominator if denominator else 1.0


@dataclass
class LinearModel:
    """Fitted vectorizers, per-theme weights and thresholds, stance weights."""

    C: float = 4.0
    theme_C: float = THEME_C
    section_weight: float = SECTION_WEIGHT  # 0: themes do not read the heading at all
    word: TfidfVectorizer | None = None
    stem: TfidfVectorizer | None = None
    section: TfidfVectorizer | None = None
    theme_coef: np.ndarray | None = None  # (themes, features)
    theme_intercept: np.ndarray | None = None
    thresholds: np.ndarray = field(default_factory=lambda: np.full(len(THEMES), 0.5))
    stance: LogisticRegression | None = None
    polarity_coef: np.ndarray | None = None  # sentence polarity: praise (1) against criticism (0)
    polarity_intercept: float = 0.0
    # The sentence gate (``fit_gates``): themes kept only where a sentence of the paragraph
    # reaches the theme's cut under the sentence model (its rows, one per gated theme).
    gate_themes: tuple[str, ...] = ()
    gate_cuts: np.ndarray = field(default_factory=lambda: np.zeros(0))
    gate_coef: np.ndarray | None = None
    gate_intercept: np.ndarray = field(default_factory=lambda: np.zeros(0))
    gate_report: dict = field(default_factory=dict)  # how each gate was chosen, for the model card

    def features(self, texts: list[str], docs: list | None = None):
        """Text features, shared by themes and stance (``docs``: the texts already tokenised)."""
        lexicon = csr_matrix(rule_features(docs if docs is not None else texts) * LEXICON_WEIGHT)
        return hstack([self.word.transform(texts), lexicon]).tocsr()

    def sentence_features(self, sentences: list[str], spans: list | None = None):
        """Word and lexicon features: sentences are many and short, so stems are left to themes."""
        lexicon = csr_matrix(rule_features(spans if spans is not None else sentences) * LEXICON_WEIGHT)
        return hstack([self.word.transform(sentences), lexicon]).tocsr()

    def theme_features(self, X, texts: list[str], sections: list[str], stems=None):
        """Text features, the words' stems and the section heading's words (grades taken out).
        ``stems``: the texts' stem rows, when already computed (``report_features``)."""
        parts = [X, self.stem.transform(texts) if stems is None else stems]
        if self.section_weight:
            headings = [without_grades(s or "") for s in sections]
            parts.append(self.section.transform(headings) * self.section_weight)
        return hstack(parts).tocsr()

    def word_lists(self) -> tuple["OnWordLists", "OnWordLists"] | None:
        """The word and stem vectorizers applied to texts already split into words (the same
        vocabularies, idf and weighting), so that a report's words are found once; None where
        the fitted vectorizers do not split as ``WORD_PATTERN`` on lower case."""
        cached = getattr(self, "_word_lists", None)  # made once per pair of fitted vectorizers
        if cached is None or cached[0][0] is not self.word or cached[0][1] is not self.stem:
            splits_as_words = (
                self.word.analyzer == "word" and self.word.token_pattern == WORD_PATTERN.pattern and self.word.lowercase
                and self.word.strip_accents is None and self.word.preprocessor is None and self.word.tokenizer is None
                and self.word.stop_words is None and self.stem.analyzer is word_stems
            )
            twins = (
                (OnWordLists(self.word, self.word.ngram_range), OnWordLists(self.stem, stem_length=STEM_LENGTH))
                if splits_as_words and OnWordLists.counts(self.word.ngram_range)
                else None
            )
            self._word_lists = ((self.word, self.stem), twins)
        return self._word_lists[1]

    def report_features(self, texts: list[str], sentences: list[str], docs: list | None = None, spans: list | None = None):
        """A report's features in one pass: word, lexicon and stem rows of its paragraphs and of
        its sentences, each text's words found once and the TF-IDF done in one transform each
        (the rows are those ``features``, ``sentence_features`` and ``theme_features`` give)."""
        twins = self.word_lists()
        everything = texts + sentences
        if twins is None:
            words, stems = self.word.transform(everything), self.stem.transform(everything)
        else:
            split = [WORD_PATTERN.findall(text.lower()) for text in everything]
            words, stems = twins[0].transform(split), twins[1].transform(split)
        n = len(texts)
        paragraphs = hstack([words[:n], csr_matrix(rule_features(docs if docs is not None else texts) * LEXICON_WEIGHT)]).tocsr()
        lexicon = rule_features(spans if spans is not None else sentences)
        sentence_rows = hstack([words[n:], csr_matrix(lexicon * LEXICON_WEIGHT)]).tocsr()
        return paragraphs, sentence_rows, stems[:n], stems[n:]

    def sentence_theme_features(self, sentences: list[str]):
        """Theme features of sentences read on their own (no heading)."""
        return self.theme_features(self.sentence_features(sentences), sentences, [""] * len(sentences))

    def fit(
        self, texts: list[str], themes: list[tuple[str, ...]], stances: list[str], groups: list[str], sections: list[str],
        sentence_labels: list[tuple[list[str], list[tuple[str, ...]]] | None] | None = None,
    ) -> "LinearModel":
        """``sentence_labels``: per text, None or its sentences and the themes each discusses;
        where given, the sentence gate is fitted (``fit_gates``)."""
        self.word = TfidfVectorizer(**WORD).fit(texts)
        self.stem = TfidfVectorizer(analyzer=word_stems, **STEM).fit(texts)
        self.section = TfidfVectorizer(**SECTION).fit([without_grades(s or "") for s in sections] + ["recommendation"])
        X = self.features(texts)
        T = self.theme_features(X, texts, sections)
        Y = np.array([[t in labels for t in THEMES] for labels in themes])
        self.theme_coef, self.theme_intercept = fit_themes(T, Y, self.theme_C)
        self.thresholds, out_of_fold = tune_thresholds(T, Y, groups, self.theme_C)
        if sentence_labels is not None:
            self.fit_gates(texts, sections, out_of_fold, Y, sentence_labels, groups)
        self.polarity_coef, self.polarity_intercept = fit_polarity(self, texts, stances)
        profile = out_of_fold_profiles(self, texts, stances, groups)
        self.stance = LogisticRegression(C=self.C, max_iter=3000, class_weight="balanced").fit(
            hstack([X, csr_matrix(profile)]).tocsr(), stances
        )
        return self

    def fit_gates(
        self, texts: list[str], sections: list[str], out_of_fold: np.ndarray, Y: np.ndarray,
        sentence_labels: list[tuple[list[str], list[tuple[str, ...]]] | None], groups: list[str],
    ) -> None:
        """A sentence model for the themes with sentence labels, and per theme the score the
        paragraph's best sentence must reach for the paragraph to keep the theme, with the
        theme's threshold chosen again beside it: the pair that most raises the theme's F1 over
        every paragraph of the corpus, the paragraph scores out of fold (``tune_thresholds``)
        and the sentence scores from sentence models that saw no sentence of the paragraph's
        authority, so no gate is chosen on text it was fitted to. A theme no pair helps is not
        gated and keeps its threshold."""
        paragraphs = [i for i, section in enumerate(sections) if section != "recommendation"]
        split = split_sentences([texts[i] for i in paragraphs if not sentence_labels[i]])
        unlabelled = iter(split)
        sentences_of = [sentence_labels[i][0] if sentence_labels[i] else next(unlabelled) for i in paragraphs]
        sizes = np.array([len(group) for group in sentences_of])
        owner = np.repeat(np.arange(len(paragraphs)), sizes)
        labelled = np.array([bool(sentence_labels[i]) for i in paragraphs])
        L = np.zeros((int(sizes.sum()), len(THEMES)), dtype=bool)
        row = 0
        for i, group in zip(paragraphs, sentences_of):
            if sentence_labels[i]:
                L[row : row + len(group)] = [[t in carried for t in THEMES] for carried in sentence_labels[i][1]]
            row += len(group)
        on_labelled = labelled[owner]
        candidates = [k for k in range(len(THEMES)) if L[on_labelled, k].sum() >= MIN_POSITIVES]
        paragraph_groups = [groups[i] for i in paragraphs]
        splits = min(GATE_FOLDS, len(set(g for g, kept in zip(paragraph_groups, labelled) if kept)))
        if not candidates or splits < 2:
            return
        F = self.sentence_theme_features([s for group in sentences_of for s in group])
        scores = np.zeros(L.shape)
        for train, test in GroupKFold(n_splits=splits).split(paragraphs, groups=paragraph_groups):
            fitted = np.isin(owner, train) & on_labelled
            held = np.isin(owner, test)
            coef, intercept = fit_themes(F[fitted], L[fitted], GATE_C)
            scores[held] = 1 / (1 + np.exp(-(F[held] @ coef.T + intercept)))
        best = best_sentence_scores(scores, sizes)
        truth, probabilities = Y[paragraphs], out_of_fold[paragraphs]
        chosen, report = [], {}
        for k in candidates:
            without = f1(truth[:, k], probabilities[:, k] >= self.thresholds[k])
            score, pair = without, None
            for threshold in THRESHOLDS:
                above = probabilities[:, k] >= threshold
                for cut in GATE_CUTS:
                    value = f1(truth[:, k], above & (best[:, k] >= cut))
                    if value > score + 1e-9:
                        score, pair = value, (float(threshold), float(cut))
            report[THEMES[k]] = {"cut": pair and pair[1], "threshold_before": float(self.thresholds[k]),
                                 "threshold": pair[0] if pair else float(self.thresholds[k]),
                                 "f1_without": round(without, 4), "f1_with": round(score, 4)}
            if pair is not None:
                chosen.append((k, pair))
        self.gate_report = {"paragraphs": int(labelled.sum()), "sentences": int(on_labelled.sum()), "scored_paragraphs": len(paragraphs), "themes": report}
        if not chosen:
            return
        coef, intercept = fit_themes(F[on_labelled], L[on_labelled], GATE_C)
        rows = [k for k, _ in chosen]
        self.thresholds = self.thresholds.copy()
        for k, (threshold, _) in chosen:
            self.thresholds[k] = threshold
        self.gate_themes = tuple(THEMES[k] for k in rows)
        self.gate_cuts = np.array([cut for _, (_, cut) in chosen])
        self.gate_coef, self.gate_intercept = coef[rows], intercept[rows]

    def gated(self, themes: np.ndarray, sentence_themes: np.ndarray | None, sizes: list[int]) -> np.ndarray:
        """Theme probabilities with each gated theme set to 0 where no sentence of the paragraph
        reaches its cut (``sentence_themes``: every sentence's theme scores, as
        ``predict_report`` gives them; ``sizes``: each paragraph's number of sentences), so a
        threshold decides as the shipped model does."""
        if not self.gate_themes or sentence_themes is None:
            return themes
        columns = [THEMES.index(t) for t in self.gate_themes]
        best = best_sentence_scores(sentence_themes[:, columns], np.asarray(sizes, dtype=int))
        result = np.array(themes, dtype=float, copy=True)
        result[:, columns] = np.where(best >= self.gate_cuts, result[:, columns], 0.0)
        return result

    def sentence_polarity(self, sentences: list[str], coef=None, intercept=None, spans: list | None = None, features=None) -> np.ndarray:
        coef = self.polarity_coef if coef is None else coef
        intercept = self.polarity_intercept if intercept is None else intercept
        if not sentences:
            return np.zeros(0)
        features = self.sentence_features(sentences, spans) if features is None else features
        return 1 / (1 + np.exp(-(features @ coef + intercept)))

    def polarity_profiles(
        self, texts: list[str], coef=None, intercept=None, sentences: list[list[str]] | None = None, spans: list[list] | None = None,
        features=None,
    ) -> tuple[np.ndarray, list[np.ndarray]]:
        """Per paragraph, how its sentences lean: the most praising and most critical
        sentence, the mean, and the shares that clearly praise, criticise, or do neither
        (a paragraph with both a clearly praising and a clearly critical sentence is what
        "mixed" means); and each sentence's polarity. ``features``: the sentences' rows, when
        already computed."""
        split = sentences if sentences is not None else split_sentences(texts)
        flat_spans = [s for group in spans for s in group] if spans is not None else None
        scores = self.sentence_polarity([s for group in split for s in group], coef, intercept, flat_spans, features)
        rows, per_sentence, start = [], [], 0
        for group in split:
            values = scores[start : start + len(group)]
            start += len(group)
            per_sentence.append(values)
            values = values if len(values) else np.array([0.5])
            rows.append([values.max(), values.min(), values.mean(), np.mean(values > 0.7), np.mean(values < 0.3), np.mean(np.abs(values - 0.5) < 0.15)])
        return np.array(rows).reshape(len(texts), PROFILE_SIZE) * PROFILE_WEIGHT, per_sentence

    def theme_probabilities(self, X) -> np.ndarray:
        return 1 / (1 + np.exp(-(X @ self.theme_coef.T + self.theme_intercept)))

    def predict(
        self, texts: list[str], sections: list[str], sentences: list[list[str]] | None = None
    ) -> tuple[np.ndarray, np.ndarray]:
        """Theme probabilities (texts x THEMES) and stance probabilities (texts x STANCES)."""
        return self.predict_with_sentences(texts, sections, sentences)[:2]

    def predict_themes(self, texts: list[str], sections: list[str]) -> np.ndarray:
        """Theme probabilities only (texts x THEMES)."""
        return np.asarray(self.theme_probabilities(self.theme_features(self.features(texts), texts, sections)))

    def predict_with_sentences(
        self, texts: list[str], sections: list[str], sentences: list[list[str]] | None = None,
        docs: list | None = None, spans: list[list] | None = None,
    ) -> tuple[np.ndarray, np.ndarray, list[np.ndarray]]:
        """As ``predict``, and the polarity (praise against criticism) of each sentence.
        ``docs`` and ``spans`` are the texts and sentences already tokenised, when at hand."""
        X = self.features(texts, docs)
        profiles, polarity = self.polarity_profiles(texts, sentences=sentences, spans=spans)
        stance = self.stance.predict_proba(hstack([X, csr_matrix(profiles)]).tocsr())
        order = [list(self.stance.classes_).index(s) if s in self.stance.classes_ else None for s in STANCES]
        stance = np.column_stack([stance[:, i] if i is not None else np.zeros(len(texts)) for i in order])
        return np.asarray(self.theme_probabilities(self.theme_features(X, texts, sections))), stance, polarity

    def predict_report(
        self, texts: list[str], sections: list[str], sentences: list[list[str]], docs: list | None = None,
        spans: list[list] | None = None,
    ) -> tuple[np.ndarray, np.ndarray, list[np.ndarray], np.ndarray]:
        """As ``predict_with_sentences`` for a report's paragraphs and their sentences, from one
        pass over their words (``report_features``), and each sentence's theme probabilities
        (read under its paragraph's heading; the gated themes' from the sentence model), from
        which the gate decides and the theme evidence is chosen."""
        flat = [s for group in sentences for s in group]
        flat_spans = [s for group in spans for s in group] if spans is not None else None
        X, S, stems, sentence_stems = self.report_features(texts, flat, docs, flat_spans)
        profiles, polarity = self.polarity_profiles(texts, sentences=sentences, spans=spans, features=S)
        stance = self.stance.predict_proba(hstack([X, csr_matrix(profiles)]).tocsr())
        order = [list(self.stance.classes_).index(s) if s in self.stance.classes_ else None for s in STANCES]
        stance = np.column_stack([stance[:, i] if i is not None else np.zeros(len(texts)) for i in order])
        themes = np.asarray(self.theme_probabilities(self.theme_features(X, texts, sections, stems)))
        sentence_sections = [section for section, group in zip(sections, sentences) for _ in group]
        sentence_features = self.theme_features(S, flat, sentence_sections, sentence_stems)
        sentence_themes = np.asarray(self.theme_probabilities(sentence_features)).reshape(len(flat), len(THEMES))
        if self.gate_themes and len(flat):
            columns = [THEMES.index(t) for t in self.gate_themes]
            # the sentence model reads sentences alone, as it was trained (``sentence_theme_features``)
            alone = sentence_features if not self.section_weight else self.theme_features(S, flat, [""] * len(flat), sentence_stems)
            sentence_themes[:, columns] = 1 / (1 + np.exp(-(alone @ self.gate_coef.T + self.gate_intercept)))
        return themes, stance, polarity, sentence_themes

    def save(self, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        settings = {
            "C": self.C,
            "theme_C": self.theme_C,
            "section_weight": self.section_weight,
            "word": {**WORD, "vocabulary": {k: int(v) for k, v in self.word.vocabulary_.items()}},
            "stem": {**STEM, "stem_length": STEM_LENGTH, "vocabulary": {k: int(v) for k, v in self.stem.vocabulary_.items()}},
            "section": {**SECTION, "vocabulary": {k: int(v) for k, v in self.section.vocabulary_.items()}},
            "stance_classes": [str(c) for c in self.stance.classes_],
            "thresholds": [float(t) for t in self.thresholds],
            "gates": {"themes": list(self.gate_themes), "cuts": [float(c) for c in self.gate_cuts], "chosen": self.gate_report},
        }
        (folder / "linear.json").write_text(json.dumps(settings, ensure_ascii=False), encoding="utf-8")
        np.savez_compressed(
            folder / "linear.npz",
            word_idf=self.word.idf_.astype(np.float32),
            stem_idf=self.stem.idf_.astype(np.float32),
            section_idf=self.section.idf_.astype(np.float32),
            theme_coef=self.theme_coef.astype(np.float16),
            theme_intercept=self.theme_intercept.astype(np.float32),
            stance_coef=self.stance.coef_.astype(np.float16),
            stance_intercept=self.stance.intercept_.astype(np.float32),
            polarity_coef=self.polarity_coef.astype(np.float16),
            polarity_intercept=np.array([self.polarity_intercept], dtype=np.float32),
            **({"gate_coef": self.gate_coef.astype(np.float16), "gate_intercept": self.gate_intercept.astype(np.float32)} if self.gate_themes else {}),
        )

    @classmethod
    def load(cls, folder: Path) -> "LinearModel":
        settings = json.loads((folder / "linear.json").read_text(encoding="utf-8"))
        arrays = np.load(folder / "linear.npz", allow_pickle=False)
        if settings.get("stem", {}).get("stem_length") != STEM_LENGTH:
            raise errors.ModelFeatures(folder=folder)
        model = cls(C=settings["C"], theme_C=settings["theme_C"], section_weight=settings.get("section_weight", LEGACY_SECTION_WEIGHT))
        model.word = vectorizer(settings["word"], arrays["word_idf"])
        model.stem = vectorizer(settings["stem"], arrays["stem_idf"], analyzer=word_stems)
        model.section = vectorizer(settings["section"], arrays["section_idf"])
        model.theme_coef = arrays["theme_coef"].astype(np.float32)
        model.theme_intercept = arrays["theme_intercept"]
        model.thresholds = np.array(settings["thresholds"])
        stance = LogisticRegression()
        stance.classes_ = np.array(settings["stance_classes"])
        stance.coef_ = arrays["stance_coef"].astype(np.float64)
        stance.intercept_ = arrays["stance_intercept"].astype(np.float64)
        model.stance = stance
        model.polarity_coef = arrays["polarity_coef"].astype(np.float64)
        model.polarity_intercept = float(arrays["polarity_intercept"][0])
        gates = settings.get("gates", {})  # absent in a model saved before the sentence gate: no gate
        if gates.get("themes"):
            model.gate_themes, model.gate_cuts = tuple(gates["themes"]), np.array(gates["cuts"])
            model.gate_coef, model.gate_intercept = arrays["gate_coef"].astype(np.float32), arrays["gate_intercept"]
        model.gate_report = gates.get("chosen", {})
        return model


PROFILE_SIZE = 6
PROFILE_WEIGHT = 1.0


def split_sentences(texts: list[str]) -> list[list[str]]:
    docs = build_language().pipe(texts, disable=["entity_ruler", "statistics", "themes_stance"])
    return [sentence_texts(doc) for doc in docs]


def fit_polarity(model: LinearModel, texts: list[str], stances: list[str]) -> tuple[np.ndarray, float]:
    """Sentence polarity learnt from the sentences of paragraphs annotated strength (praise)
    and weakness (criticism): the paragraph label stands in for its sentences' labels."""
    sentences, labels = [], []
    for group, stance in zip(split_sentences(texts), stances):
        if stance in ("strength", "weakness"):
            sentences += group
            labels += [stance == "strength"] * len(group)
    if len(set(labels)) < 2:
        return np.zeros(model.sentence_features(["x"]).shape[1]), 0.0
    fitted = LogisticRegression(C=model.C, max_iter=3000, class_weight="balanced").fit(model.sentence_features(sentences), labels)
    return fitted.coef_[0], float(fitted.intercept_[0])


def out_of_fold_profiles(model: LinearModel, texts: list[str], stances: list[str], groups: list[str], folds: int = 3) -> np.ndarray:
    """Sentence profiles of the training paragraphs from polarity models that did not see
    them, so the stance model learns how much to trust the profile on unseen text."""
    profiles = np.zeros((len(texts), PROFILE_SIZE))
    splits = min(folds, len(set(groups)))
    if splits < 2:
        return model.polarity_profiles(texts)[0]
    for train, test in GroupKFold(n_splits=splits).split(texts, groups=groups):
        coef, intercept = fit_polarity(model, [texts[i] for i in train], [stances[i] for i in train])
        profiles[test] = model.polarity_profiles([texts[i] for i in test], coef, intercept)[0]
    return profiles


WORD_PATTERN = re.compile(r"(?u)\b\w\w+\b")  # scikit-learn's default token pattern


def word_stems(text: str) -> list[str]:
    """The text's words, lower-cased and cut to their first ``STEM_LENGTH`` letters."""
    return [word[:STEM_LENGTH] for word in WORD_PATTERN.findall(text.lower())]


class OnWordLists:
    """A fitted TF-IDF vectorizer applied to texts given as word lists (``report_features``
    splits a report's texts once), for word unigrams and bigrams or for stems (``stem_length``): the words
    of all the texts numbered in one pass and their n-grams found in the vocabulary with array
    operations, the weighting by scikit-learn's TfidfTransformer with the fitted idf, so the
    rows are the ones the fitted vectorizer gives, in a fraction of its time (its counting is
    a Python loop over every n-gram's string)."""

    @staticmethod
    def counts(ngram_range: tuple[int, int]) -> bool:
        """Whether n-grams of these lengths are counted here: unigrams and bigrams only."""
        low, high = ngram_range
        return 1 <= low <= high <= 2

    def __init__(self, fitted: TfidfVectorizer, ngram_range: tuple[int, int] = (1, 1), stem_length: int | None = None):
        if not self.counts(ngram_range):
            raise ValueError(f"ngram_range {ngram_range}: only unigrams and bigrams are counted on word lists")
        low, high = ngram_range
        self.unigrams, self.bigrams = low == 1, high == 2
        self.stem_length = stem_length
        self.columns = len(fitted.vocabulary_)
        self.dtype = fitted.dtype
        self.binary = fitted.binary
        self.tfidf = TfidfTransformer(norm=fitted.norm, use_idf=fitted.use_idf, smooth_idf=fitted.smooth_idf, sublinear_tf=fitted.sublinear_tf)
        if fitted.use_idf:
            self.tfidf.idf_ = fitted.idf_
        # every word some feature is made of, numbered; a feature is found from its words' numbers
        features = [(feature.split(" "), column) for feature, column in fitted.vocabulary_.items()]
        self.word_ids: dict[str, int] = {}
        for words, _ in features:
            for word in words:
                self.word_ids.setdefault(word, len(self.word_ids))
        self.unigram_column = np.full(len(self.word_ids) + 1, -1, dtype=np.int64)  # the last: words outside
        pairs = []
        for words, column in features:
            ids = [self.word_ids[word] for word in words]
            if len(ids) == 1:
                self.unigram_column[ids[0]] = column
            else:
                pairs.append((ids[0] * len(self.word_ids) + ids[1], column))
        pairs.sort()
        self.bigram_keys = np.array([key for key, _ in pairs], dtype=np.int64)
        self.bigram_column = np.array([column for _, column in pairs], dtype=np.int64)

    def transform(self, word_lists: list[list[str]]):
        words = list(chain.from_iterable(word_lists))
        if self.stem_length:
            words = [word[: self.stem_length] for word in words]
        known = len(self.word_ids)
        ids = np.fromiter(map(self.word_ids.get, words, repeat(known)), dtype=np.int64, count=len(words))
        rows = np.repeat(np.arange(len(word_lists)), np.fromiter(map(len, word_lists), dtype=np.int64, count=len(word_lists)))
        found_rows, found_columns = [], []
        if self.unigrams:
            columns = self.unigram_column[ids]
            found_rows.append(rows[columns >= 0])
            found_columns.append(columns[columns >= 0])
        if self.bigrams and len(self.bigram_keys) and len(ids) > 1:
            both = (rows[1:] == rows[:-1]) & (ids[1:] < known) & (ids[:-1] < known)
            keys = ids[:-1][both] * known + ids[1:][both]
            places = np.minimum(np.searchsorted(self.bigram_keys, keys), len(self.bigram_keys) - 1)
            hit = self.bigram_keys[places] == keys
            found_rows.append(rows[:-1][both][hit])
            found_columns.append(self.bigram_column[places[hit]])
        found_rows = np.concatenate(found_rows) if found_rows else np.zeros(0, dtype=np.int64)
        found_columns = np.concatenate(found_columns) if found_columns else np.zeros(0, dtype=np.int64)
        matrix = csr_matrix(
            (np.ones(len(found_rows), dtype=self.dtype), (found_rows, found_columns)), shape=(len(word_lists), self.columns)
        )  # repeated (row, column) pairs summed: the counts
        matrix.sum_duplicates()
        matrix.sort_indices()
        if self.binary:
            matrix.data.fill(1)
        return self.tfidf.transform(matrix, copy=False)


def vectorizer(settings: dict, idf: np.ndarray, analyzer=None) -> TfidfVectorizer:
    """A fitted vectorizer rebuilt from saved settings, vocabulary and idf (``analyzer``: a
    function that cannot be saved as JSON, such as ``word_stems``)."""
    options = {k: (tuple(v) if k == "ngram_range" else v) for k, v in settings.items() if k not in ("vocabulary", "stem_length")}
    if analyzer is not None:
        options["analyzer"] = analyzer
    fitted = TfidfVectorizer(**options, vocabulary=settings["vocabulary"])
    fitted.vocabulary_ = settings["vocabulary"]
    fitted.idf_ = idf.astype(np.float64)
    return fitted


def naive_bayes_weights(X, y: np.ndarray) -> np.ndarray:
    """How unevenly each feature falls between the theme's items and the rest: the absolute
    log ratio of its smoothed share of the feature mass on each side."""
    inside = np.asarray(X[y].sum(axis=0)).ravel() + NB_SMOOTHING
    outside = np.asarray(X[~y].sum(axis=0)).ravel() + NB_SMOOTHING
    return np.abs(np.log((inside / inside.sum()) / (outside / outside.sum())))


def fit_themes(X, Y: np.ndarray, C: float) -> tuple[np.ndarray, np.ndarray]:
    """One logistic regression per theme on features scaled by their naive Bayes weights;
    the scale is folded into the coefficients, so prediction is a plain dot product."""
    coef = np.zeros((len(THEMES), X.shape[1]))
    intercept = np.full(len(THEMES), -20.0)  # a theme without a model is never predicted
    for index in range(len(THEMES)):
        y = Y[:, index]
        if y.sum() >= MIN_POSITIVES and (~y).sum() >= MIN_POSITIVES:
            weights = naive_bayes_weights(X, y)
            model = LogisticRegression(C=C, max_iter=3000, class_weight=THEME_CLASS_WEIGHT).fit(X.multiply(weights).tocsr(), y)
            coef[index], intercept[index] = model.coef_[0] * weights, model.intercept_[0]
    return coef, intercept


def tune_thresholds(X, Y: np.ndarray, groups: list[str], C: float, folds: int = 3) -> tuple[np.ndarray, np.ndarray]:
    """Per-theme thresholds that maximise F1 on out-of-fold predictions within the training
    data (grouped by authority, like the outer evaluation), and those predictions."""
    out_of_fold = np.zeros(Y.shape)
    splits = min(folds, len(set(groups)))
    if splits < 2:
        return np.full(len(THEMES), 0.5), out_of_fold
    for train, test in GroupKFold(n_splits=splits).split(X, Y, groups):
        coef, intercept = fit_themes(X[train], Y[train], C)
        out_of_fold[test] = 1 / (1 + np.exp(-(X[test] @ coef.T + intercept)))
    best = []
    for index in range(len(THEMES)):
        scores = [f1(Y[:, index], out_of_fold[:, index] >= t) for t in THRESHOLDS]
        best.append(THRESHOLDS[int(np.argmax(scores))])
    return np.array(best), out_of_fold


def best_sentence_scores(scores: np.ndarray, sizes: np.ndarray) -> np.ndarray:
    """Per paragraph, the highest score among its sentences (rows of ``scores`` in paragraph
    order, ``sizes`` sentences each); 0 for a paragraph without sentences."""
    best = np.zeros((len(sizes), scores.shape[1]))
    filled = sizes > 0
    if filled.any():
        starts = np.concatenate([[0], np.cumsum(sizes)[:-1]])[filled]
        best[filled] = np.maximum.reduceat(scores, starts, axis=0)
    return best
