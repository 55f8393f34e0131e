"""The agreement of two independent passes over the same area SEND paragraphs
(``corpus/annotations/pass1-send-part1.jsonl``) with the SEND labels proposed in
``GUIDELINES.md`` (``corpus/annotations/send-labels/``): whether readers apply them alike,
before they are adopted.

The model itself is scored on SEND paragraphs by the independent set (``make eval`` prints
its figures per framework); the SEND paragraphs of the corpus are training data since issue 15.

``python -m pipeline.training.send_check``
"""

from __future__ import annotations

import argparse
import json
import tomllib
from pathlib import Path

import numpy as np
from sklearn.metrics import cohen_kappa_score

from pipeline.nlp.linear import f1


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
        rows.append(f"| {label} | {int(a.sum())} | {int(b.sum())} | {f1(a, b):.2f} | {cohen_kappa_score(a, b):.2f} |")
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m pipeline.training.send_check", description=__doc__.splitlines()[0])
    parser.add_argument("--annotations", default="corpus/annotations")
    args = parser.parse_args(argv)
    proposed = Path(args.annotations) / "send-labels"
    if not (proposed / "pass-b.jsonl").exists():
        print(f"no proposed-label passes in {proposed}")
        return 1
    print("\n".join(proposed_agreement(proposed)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
