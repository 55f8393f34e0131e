"""``python -m pipeline.training`` (``make train``): compare the rule baseline, the linear
model, spaCy's text categorisers and their ensemble by cross-validation grouped by
authority; measure the annotators' agreement; train the winner on the whole corpus and
write it to ``models/themes-stance`` with ``meta.json`` and ``MODEL_CARD.md``."""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import time
from pathlib import Path

import numpy as np
import sklearn
import spacy

from pipeline.nlp.labels import STANCES, THEMES
from pipeline.nlp.language import build_language
from pipeline.nlp.linear import LinearModel, split_sentences
from pipeline.nlp.model import MODEL_FORMAT
from pipeline.nlp.rules import rule_scores
from pipeline.nlp.textcat import TextcatModel
from pipeline.training.independent import FOLDER, SPLIT_SEED, agreement_both, choose_thresholds, dev_thresholds_generalise, framework_scores, load_independent, score_both
from pipeline.training.corpus import (
    REVISION_PATTERN, SENTENCE_PATTERN, TRAINING_PATTERN, Example, SentenceLabels, join_sentence_labels, join_texts, key_of,
    load_annotations, load_corpus, send_folder,
)
from pipeline.training.evaluation import agreement, cross_validate
from pipeline.training.model_card import write_model_card
from pipeline.training.textcat import fit_textcat
from pipeline.version import __version__

METHODS = ("rules", "linear", "textcat", "ensemble")
# Compared by default: the rule baseline and the linear model (the shipped winner of every run
# since issue 4); spaCy's text categorisers and the ensemble on request (--methods), as they
# take most of a training run's time on a shared machine.
DEFAULT_METHODS = ("rules", "linear")
COMMAND = "make train   # python -m pipeline.training --reports ../shared/reports"


def ensemble_thresholds(linear: LinearModel) -> np.ndarray:
    """The ensemble averages the two models' probabilities, so its thresholds sit between
    the linear model's tuned ones and the text categoriser's 0.5."""
    return (linear.thresholds + 0.5) / 2


def decide(themes: np.ndarray, stances: np.ndarray, thresholds: np.ndarray) -> tuple[np.ndarray, list[str]]:
    return themes >= thresholds, [STANCES[i] for i in np.argmax(stances, axis=1)]


def fit_linear(examples: list[Example], sentence_labels: SentenceLabels) -> LinearModel:
    """The linear model, with the sentence gate fitted from the examples' sentence labels."""
    return LinearModel().fit([e.text for e in examples], [e.themes for e in examples], [e.stance for e in examples],
                             [e.group for e in examples], [e.section for e in examples],
                             [sentence_labels.get((e.sha256, e.key)) for e in examples])


def fit_models(examples: list[Example], sentence_labels: SentenceLabels) -> tuple[LinearModel, TextcatModel]:
    return fit_linear(examples, sentence_labels), fit_textcat([e.text for e in examples], [e.themes for e in examples], [e.stance for e in examples])


def gated_predictions(linear: LinearModel, texts: list[str], sections: list[str]) -> tuple[np.ndarray, np.ndarray]:
    """Theme probabilities (with the sentence gate applied: a gated theme no sentence carries is
    0) and stance probabilities, as a record decides them."""
    sentences = split_sentences(texts)
    themes, stances, _, sentence_themes = linear.predict_report(texts, sections, sentences)
    return linear.gated(themes, sentence_themes, [len(group) for group in sentences]), stances


def fold_runner(methods: tuple[str, ...], sentence_labels: SentenceLabels):
    """A fold runner for the chosen methods (textcat is trained only when asked for); the
    linear model's sentence gate is fitted on the training folds' sentence labels only."""

    def run_fold(training: list[Example], test: list[Example]) -> dict:
        texts, sections = [e.text for e in test], [e.section for e in test]
        with_textcat = bool({"textcat", "ensemble"} & set(methods))
        linear, textcat = fit_models(training, sentence_labels) if with_textcat else (fit_linear(training, sentence_labels), None)
        linear_p = gated_predictions(linear, texts, sections)
        rule_themes, rule_stances = rule_scores(build_language().tokenizer.pipe(texts))
        result = {
            "rules": (
                np.array([[row[t] >= 0.5 for t in THEMES] for row in rule_themes]).reshape(len(texts), len(THEMES)),
                [max(row, key=row.get) for row in rule_stances],
            ),
            "linear": decide(*linear_p, linear.thresholds),
        }
        if with_textcat:
            textcat_p = textcat.predict(texts, sections)
            ungated = linear.predict(texts, sections)  # a shipped ensemble reads no sentence gate
            ensemble_p = ((ungated[0] + textcat_p[0]) / 2, (ungated[1] + textcat_p[1]) / 2)
            result["textcat"] = decide(*textcat_p, np.full(len(THEMES), 0.5))
            result["ensemble"] = decide(*ensemble_p, ensemble_thresholds(linear))
        return {name: result[name] for name in methods}

    return run_fold


def calibrate(linear: LinearModel, folder: Path, reports: str) -> dict | None:
    """Theme thresholds from the independent set's development half (never its test half,
    never trained on) where thresholds chosen on one part of that half beat the training
    thresholds on the other part, else the training thresholds; the figures on both halves
    with either."""
    if not folder.is_dir():
        return None
    data = load_independent([reports, send_folder(reports)], folder)
    themes, stances = gated_predictions(linear, [e.text for e in data.examples], [e.section for e in data.examples])
    labels = [STANCES[i] for i in np.argmax(stances, axis=1)]
    trained = linear.thresholds.copy()
    from_dev = choose_thresholds(data, themes, trained)
    choice = dev_thresholds_generalise(data, themes, trained)
    linear.thresholds = from_dev if choice["use_dev"] else trained
    return {
        "folder": str(folder),
        "items": len(data.examples),
        "split": {"by": "report", "seed": SPLIT_SEED, "dev_items": int(data.dev.sum()), "test_items": int((~data.dev).sum())},
        "reference": "the mean of the scores against pass a and against pass b",
        "training_thresholds": [round(float(t), 3) for t in trained],
        "threshold_choice": choice,
        "shipped": "the dev half" if choice["use_dev"] else "training",
        "results": {
            "test, thresholds from training": score_both(data, themes >= trained, labels, "test"),
            "test, thresholds from the dev half": score_both(data, themes >= from_dev, labels, "test"),
            "dev, thresholds from the dev half": score_both(data, themes >= from_dev, labels, "dev"),
        },
        "agreement": agreement_both(data, "test"),
        "by_framework": framework_scores(data, themes >= linear.thresholds, labels, "test"),
        "left_out": data.problems,
    }


def overall(score: dict) -> float:
    return (score["theme_micro_f1"] + score["theme_macro_f1"] + score["stance_accuracy"] + score["stance_macro_f1"]) / 4


def corpus_hash(folder: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted([*folder.glob(TRAINING_PATTERN), *folder.glob(REVISION_PATTERN), *folder.glob(SENTENCE_PATTERN)]):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m pipeline.training", description=__doc__)
    parser.add_argument("--reports", default="../shared/reports", help="folder holding the annotated reports")
    parser.add_argument("--annotations", default="corpus/annotations")
    parser.add_argument("--out", default="models/themes-stance")
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--methods", default=",".join(DEFAULT_METHODS), help=f"methods compared, of {', '.join(METHODS)}")
    parser.add_argument("--independent", default=FOLDER, help="the independent set: theme thresholds may come from its development half (where they carry over within it)")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    annotations = load_corpus(args.annotations)
    examples, problems = join_texts(annotations, [args.reports, send_folder(args.reports), "corpus"])
    for problem in problems:
        print(f"warning: {problem}", file=sys.stderr)
    if not examples:
        print(f"Error: no annotated text could be joined from {args.reports}", file=sys.stderr)
        return 1
    reports = len({e.sha256 for e in examples})
    authorities = len({e.group for e in examples})
    print(f"corpus: {len(examples)} items from {reports} reports of {authorities} authorities")

    methods = tuple(m.strip() for m in args.methods.split(",") if m.strip())
    if set(methods) - set(METHODS) or "linear" not in methods:
        print(f"Error: --methods takes linear and any of {', '.join(METHODS)}", file=sys.stderr)
        return 1
    sentence_labels, sentence_problems = join_sentence_labels(examples, args.annotations)
    for problem in sentence_problems:
        print(f"warning: {problem}", file=sys.stderr)
    print(f"sentence labels: {sum(len(s) for s, _ in sentence_labels.values())} sentences of {len(sentence_labels)} paragraphs")
    results = cross_validate(examples, fold_runner(methods, sentence_labels), folds=args.folds)
    second = {(a["sha256"], key_of(a)): a for a in load_annotations(args.annotations, "pass2-*.jsonl")}
    joined = {(e.sha256, e.key) for e in examples}  # items whose text extraction still gives
    first = {(a["sha256"], key_of(a)): a for a in annotations if (a["sha256"], key_of(a)) in joined}
    ceiling = agreement(first, second) if second else None
    winner = max((m for m in methods if m != "rules"), key=lambda name: overall(results[name]))

    linear, textcat = fit_models(examples, sentence_labels) if winner != "linear" else (fit_linear(examples, sentence_labels), None)
    independent = calibrate(linear, Path(args.independent), args.reports) if winner == "linear" else None
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    for stale in ("linear.json", "linear.npz"):
        (out / stale).unlink(missing_ok=True)
    if winner in ("linear", "ensemble"):
        linear.save(out)
    if winner in ("textcat", "ensemble"):
        textcat.save(out)
    thresholds = {"linear": linear.thresholds, "textcat": np.full(len(THEMES), 0.5), "ensemble": ensemble_thresholds(linear)}[winner]
    meta = {
        "name": "themes-stance",
        "format": MODEL_FORMAT,
        "version": f"{__version__}+{corpus_hash(Path(args.annotations))[:8]}",
        "method": winner,
        "themes": list(THEMES),
        "stances": list(STANCES),
        "thresholds": [round(float(t), 3) for t in thresholds],
        "trained_with": {"pipeline": __version__, "scikit-learn": sklearn.__version__, "spacy": spacy.__version__},
        "training_data": {
            "annotations": args.annotations,
            "sha256": corpus_hash(Path(args.annotations)),
            "items": len(examples),
            "reports": reports,
            "authorities": authorities,
        },
        "evaluation": {"folds": args.folds, "grouped_by": "local authority", "results": results},
        "agreement": ceiling,
        "sentence_gate": linear.gate_report if winner == "linear" else None,
        "independent": independent,
        "command": COMMAND,
    }
    (out / "meta.json").write_text(json.dumps(meta, indent=1), encoding="utf-8")
    write_model_card(out)
    print(f"winner: {winner}; model written to {out} in {time.perf_counter() - started:.0f} s")
    print((out / "MODEL_CARD.md").read_text(encoding="utf-8"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
