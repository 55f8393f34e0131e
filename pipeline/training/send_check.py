"""The shipped theme and stance model on area SEND paragraphs (issue 14): paragraphs of the
SEND reports labelled by hand by the children's-services themes (``corpus/annotations/send-*.jsonl``,
never trained on: training reads ``pass1-*`` only), scored as the independent set is.

Also the agreement of two independent passes over the same paragraphs with the SEND labels
proposed in ``GUIDELINES.md`` (``corpus/annotations/send-labels/``): whether readers apply them
alike, before they are adopted.

``python -m pipeline.training.send_check [--reports ../shared/reports-send]``
"""

from __future__ import annotations

import argparse
import json
import tomllib
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


def proposed_agreement(folder: str | Path) -> list[str]:
    """Per proposed label, how often each pass gives it, the F1 of one pass against the other
    and Cohen's kappa, over the items both passes labelled."""
    folder = Path(folder)
    labels = tomllib.loads((folder / "labels.toml").read_text(encoding="utf-8"))["labels"]
    passes = []
    for name in ("pass-a.jsonl", "pass-b.jsonl"):
        lines = [json.loads(line) for line in (folder / name).read_text(encoding="utf-8").splitlines() if line.strip()]
        passes.append({(item["sha256"], item["text_hash"]): set(item["labels"]) for item in lines})
    keys = sorted(set(passes[0]) & set(passes[1]))
    rows = [f"proposed SEND labels, two independent passes over {len(keys)} paragraphs:", "| label | pass a | pass b | F1 (b against a) | kappa |", "| --- | --- | --- | --- | --- |"]
    for label in labels:
        a = np.array([label in passes[0][k] for k in keys])
        b = np.array([label in passes[1][k] for k in keys])
        both = int((a & b).sum())
        f1 = 2 * both / (a.sum() + b.sum()) if a.sum() + b.sum() else float("nan")
        observed = float((a == b).mean())
        expected = float(a.mean() * b.mean() + (1 - a.mean()) * (1 - b.mean()))
        kappa = (observed - expected) / (1 - expected) if expected < 1 else float("nan")
        rows.append(f"| {label} | {int(a.sum())} | {int(b.sum())} | {f1:.2f} | {kappa:.2f} |")
    return rows


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
    proposed = Path(args.annotations) / "send-labels"
    if (proposed / "pass-b.jsonl").exists():
        print()
        print("\n".join(proposed_agreement(proposed)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
