"""The shipped theme and stance model on area SEND paragraphs (issue 14): paragraphs of the
SEND reports labelled by hand by the children's-services themes (``corpus/annotations/send-*.jsonl``,
never trained on: training reads ``pass1-*`` only), scored as the independent set is.

``python -m pipeline.training.send_check [--reports ../shared/reports-send]``
"""

from __future__ import annotations

import argparse
from pathlib import Path

import numpy as np

from pipeline.nlp.labels import STANCES, THEMES
from pipeline.training.corpus import join_texts, load_annotations
from pipeline.training.evaluation import scores, theme_matrix

PATTERN = "send-*.jsonl"


def evaluate(model, annotations: str | Path, reports: str | Path) -> tuple[dict, list[str], int]:
    """Scores of ``model`` on the SEND annotations joined to their text, what could not be
    joined, and how many items were scored."""
    examples, problems = join_texts(load_annotations(annotations, PATTERN), [reports])
    if not examples:
        return {}, problems, 0
    themes, stances, _ = model.probabilities([e.text for e in examples], [e.section for e in examples])
    chosen = themes >= model.thresholds
    predicted = [STANCES[i] for i in np.argmax(stances, axis=1)]
    truth = theme_matrix([e.themes for e in examples])
    return scores(truth, chosen, [e.stance for e in examples], predicted), problems, len(examples)


def format_scores(result: dict, count: int) -> list[str]:
    lines = [
        f"items: {count}",
        f"theme micro-F1 {result['theme_micro_f1']:.3f}, macro-F1 {result['theme_macro_f1']:.3f}; "
        f"stance accuracy {result['stance_accuracy']:.3f}, macro-F1 {result['stance_macro_f1']:.3f}",
        "| theme | support | P / R / F1 |",
        "| --- | --- | --- |",
    ]
    for theme in THEMES:
        row = result["themes"][theme]
        if row["support"]:
            lines.append(f"| {theme} | {row['support']} | {row['precision']:.2f} / {row['recall']:.2f} / {row['f1']:.2f} |")
    lines += ["| stance | support | P / R / F1 |", "| --- | --- | --- |"]
    for stance in STANCES:
        row = result["stances"][stance]
        lines.append(f"| {stance} | {row['support']} | {row['precision']:.2f} / {row['recall']:.2f} / {row['f1']:.2f} |")
    return lines


def main(argv: list[str] | None = None) -> int:
    from pipeline.nlp.model import default_model

    parser = argparse.ArgumentParser(prog="python -m pipeline.training.send_check", description=__doc__.splitlines()[0])
    parser.add_argument("--annotations", default="corpus/annotations")
    parser.add_argument("--reports", default="../shared/reports-send")
    args = parser.parse_args(argv)
    result, problems, count = evaluate(default_model(), args.annotations, args.reports)
    for problem in problems:
        print("left out: " + problem)
    if not count:
        print("no SEND annotations joined")
        return 1
    print("\n".join(format_scores(result, count)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
