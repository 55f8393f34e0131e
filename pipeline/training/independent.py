"""The theme and stance model on the independent set (issue 15): paragraphs labelled twice,
independently, from the label guide alone (``corpus/annotations/independent``, in batches:
``BATCHES``), never trained on.

The reference is both passes: every figure is the mean of the figure against pass a and the
figure against pass b (no adjudication, so neither pass's reading of the guide wins). The
set is cut by report into a development half and a test half with a fixed seed; thresholds
may only be chosen on the development half and the test half gives the headline.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np

from pipeline.nlp.labels import STANCES, THEMES
from pipeline.nlp.linear import f1, split_sentences
from pipeline.training.corpus import Example, join_texts, key_of, load_annotations, load_corpus, send_folder
from pipeline.training.evaluation import scores, theme_matrix

FOLDER = "corpus/annotations/independent"
# Each batch is two passes over the same items. A later batch never moves an earlier one's
# cut: its reports already cut keep their half, and only its new reports are cut, among themselves.
BATCHES = (
    ("pass-a.jsonl", "pass-b.jsonl"),
    ("batch2-pass-a.jsonl", "batch2-pass-b.jsonl"),
    ("batch3-pass-a.jsonl", "batch3-pass-b.jsonl"),
)
SPLIT_SEED = 15  # the number: the development/test cut by report never moves
MIN_DEV_POSITIVES = 5  # a theme rarer than this in the development half keeps its training threshold
INNER_SPLITS = 10  # cuts of the development half that test whether thresholds chosen on it carry over


@dataclass(frozen=True)
class IndependentSet:
    """The joined items (text and section from pass a's lines) and each pass's labels."""

    examples: list[Example]  # pass a's labels
    second: list[Example]  # pass b's labels, same items in the same order
    dev: np.ndarray  # boolean mask: the item's report is in the development half
    problems: list[str]

    def half(self, name: str) -> np.ndarray:
        return {"dev": self.dev, "test": ~self.dev, "all": np.ones(len(self.dev), dtype=bool)}[name]


def development_reports(reports: list[str], seed: int = SPLIT_SEED) -> set[str]:
    """Half of the reports (by SHA-256), drawn with a fixed seed: the development half."""
    ordered = sorted(set(reports))
    random.Random(seed).shuffle(ordered)
    return set(ordered[: len(ordered) // 2])


def development_halves(batches: list[list[str]], seed: int = SPLIT_SEED) -> set[str]:
    """The development half over several batches of reports: each batch's reports not cut
    before are cut among themselves, so a new batch never moves an earlier report's half."""
    chosen: set[str] = set()
    cut: set[str] = set()
    for reports in batches:
        new = set(reports) - cut
        chosen |= development_reports(list(new), seed)
        cut |= new
    return chosen


def load_independent(folders: list[str | Path], folder: str | Path = FOLDER) -> IndependentSet:
    """Every batch's two passes joined to their text (reports found under ``folders``); items
    either pass lacks, or whose text no longer joins, are left out (and listed)."""
    examples: list[Example] = []
    second_labels: list[Example] = []
    batches: list[list[str]] = []
    problems: list[str] = []
    for first_name, second_name in BATCHES:
        if not (Path(folder) / first_name).exists():
            continue
        first = load_annotations(folder, first_name)
        second = {(a["sha256"], key_of(a)): a for a in load_annotations(folder, second_name)}
        joined, missing = join_texts(first, [*folders, "corpus"])
        kept = [e for e in joined if (e.sha256, e.key) in second]
        problems += missing + [f"{e.sha256[:16]} {e.key}: not in {second_name}" for e in joined if (e.sha256, e.key) not in second]
        examples += kept
        second_labels += [
            Example(e.sha256, e.key, e.text, e.section, e.group, tuple(second[(e.sha256, e.key)]["themes"]),
                    second[(e.sha256, e.key)]["stance"], second[(e.sha256, e.key)].get("annotator", ""), e.framework)
            for e in kept
        ]
        batches.append([e.sha256 for e in kept])
    dev_reports = development_halves(batches)
    dev = np.array([e.sha256 in dev_reports for e in examples], dtype=bool)
    return IndependentSet(examples, second_labels, dev, problems)


def mean_scores(parts: list[dict]) -> dict:
    """The mean of score dicts (as ``evaluation.scores`` gives), number by number."""
    first = parts[0]
    if isinstance(first, dict):
        return {k: mean_scores([p[k] for p in parts]) for k in first}
    return float(np.mean(parts))


def score_both(data: IndependentSet, themes: np.ndarray, stances: list[str], half: str | np.ndarray) -> dict:
    """A prediction scored against each pass on one half (or any mask of items), and the mean of the two."""
    mask = data.half(half) if isinstance(half, str) else half
    picked = [s for s, keep in zip(stances, mask) if keep]
    per_pass = []
    for examples in (data.examples, data.second):
        chosen = [e for e, keep in zip(examples, mask) if keep]
        per_pass.append(with_weakness(scores(theme_matrix([e.themes for e in chosen]), themes[mask], [e.stance for e in chosen], picked)))
    result = mean_scores(per_pass)
    result["items"] = int(mask.sum())
    result["reports"] = len({e.sha256 for e, keep in zip(data.examples, mask) if keep})
    return result


def with_weakness(result: dict) -> dict:
    result["weakness_f1"] = result["stances"]["weakness"]["f1"]
    return result


def agreement_both(data: IndependentSet, half: str) -> dict:
    """Pass b scored against pass a and pass a against pass b, averaged: the ceiling, on the
    same footing as the model's figures."""
    mask = data.half(half)
    a = [e for e, keep in zip(data.examples, mask) if keep]
    b = [e for e, keep in zip(data.second, mask) if keep]
    parts = []
    for truth, other in ((a, b), (b, a)):
        parts.append(with_weakness(scores(theme_matrix([e.themes for e in truth]), theme_matrix([e.themes for e in other]),
                                          [e.stance for e in truth], [e.stance for e in other])))
    result = mean_scores(parts)
    result["items"] = len(a)
    return result


def reference_rates(data: IndependentSet) -> np.ndarray:
    """Per theme, the share of items carrying it, the mean of the two passes."""
    return (theme_matrix([e.themes for e in data.examples]).mean(axis=0) + theme_matrix([e.themes for e in data.second]).mean(axis=0)) / 2


def choose_thresholds(data: IndependentSet, probabilities: np.ndarray, fallback: np.ndarray, grid: np.ndarray | None = None) -> np.ndarray:
    """Per theme, the threshold that maximises F1 (the mean over both passes) on the
    development half only; a theme with fewer than ``MIN_DEV_POSITIVES`` there keeps ``fallback``."""
    grid = np.round(np.arange(0.1, 0.96, 0.05), 2) if grid is None else grid
    mask = data.dev
    truths = [theme_matrix([e.themes for e, keep in zip(ex, mask) if keep]) for ex in (data.examples, data.second)]
    chosen = np.array(fallback, dtype=float).copy()
    for index in range(len(THEMES)):
        if min(t[:, index].sum() for t in truths) < MIN_DEV_POSITIVES:
            continue
        best, best_score = chosen[index], -1.0
        for cut in grid:
            predicted = probabilities[mask, index] >= cut
            value = np.mean([f1(t[:, index], predicted) for t in truths])
            if value > best_score + 1e-9:
                best, best_score = cut, value
        chosen[index] = best
    return chosen


def dev_thresholds_generalise(data: IndependentSet, probabilities: np.ndarray, fallback: np.ndarray, splits: int = INNER_SPLITS) -> dict:
    """Whether thresholds chosen on part of the development half beat the training thresholds
    on the rest of it: the development half's reports cut in two with ``splits`` seeds, each
    part choosing for the other; the figure is the mean of theme micro- and macro-F1. Decided
    on the development half alone, so the test half stays unseen."""
    reports = sorted({e.sha256 for e, keep in zip(data.examples, data.dev) if keep})
    items = np.array([e.sha256 for e in data.examples])
    labels = [e.stance for e in data.examples]  # stance is not thresholded: any labels do, these warn least
    totals = {"training": [], "dev": []}
    for seed in range(splits):
        ordered = reports[:]
        random.Random(seed).shuffle(ordered)
        first = np.isin(items, ordered[: len(ordered) // 2]) & data.dev
        for choose, score in ((first, data.dev & ~first), (data.dev & ~first, first)):
            chosen = choose_thresholds(replace(data, dev=choose), probabilities, fallback)
            for name, cut in (("training", fallback), ("dev", chosen)):
                result = score_both(data, probabilities >= cut, labels, score)
                totals[name].append((result["theme_micro_f1"] + result["theme_macro_f1"]) / 2)
    means = {name: round(float(np.mean(values)), 4) for name, values in totals.items()}
    return {"splits": splits, **means, "use_dev": means["dev"] > means["training"]}


HEADLINE = (
    ("theme micro-F1", "theme_micro_f1"),
    ("theme macro-F1", "theme_macro_f1"),
    ("stance accuracy", "stance_accuracy"),
    ("stance macro-F1", "stance_macro_f1"),
    ("weakness F1", "weakness_f1"),
)


def format_independent(columns: dict[str, dict], themes: bool = True) -> list[str]:
    """Headline rows and per-theme precision / recall for named score columns."""
    names = list(columns)
    lines = ["| measure | " + " | ".join(names) + " |", "|" + " --- |" * (len(names) + 1)]
    for title, key in HEADLINE:
        lines.append(f"| {title} | " + " | ".join(f"{columns[n][key]:.3f}" for n in names) + " |")
    lines.append("| items (reports) | " + " | ".join(f"{columns[n]['items']}" + (f" ({columns[n]['reports']})" if "reports" in columns[n] else "") for n in names) + " |")
    if themes:
        lines += ["", "| theme | support | " + " | ".join(f"{n} P / R" for n in names) + " |", "|" + " --- |" * (len(names) + 2)]
        first = columns[names[0]]["themes"]
        for theme in THEMES:
            cells = [f"{columns[n]['themes'][theme]['precision']:.2f} / {columns[n]['themes'][theme]['recall']:.2f}" for n in names]
            lines.append(f"| {theme} | {first[theme]['support']:.1f} | " + " | ".join(cells) + " |")
        lines += ["", "| stance | support | " + " | ".join(f"{n} P / R" for n in names) + " |", "|" + " --- |" * (len(names) + 2)]
        for stance in STANCES:
            cells = [f"{columns[n]['stances'][stance]['precision']:.2f} / {columns[n]['stances'][stance]['recall']:.2f}" for n in names]
            lines.append(f"| {stance} | {columns[names[0]]['stances'][stance]['support']:.1f} | " + " | ".join(cells) + " |")
    return lines


def read_items(model, data: IndependentSet) -> tuple[np.ndarray, list[str], np.ndarray | None, list[list[str]]]:
    """Every item read as in a record (text and section as the records give them, with its
    sentences): theme probabilities, stance, the sentences' theme scores, the sentences."""
    texts = [e.text for e in data.examples]
    sentences = split_sentences(texts)
    themes, stances, _, sentence_themes = model.report_probabilities(texts, [e.section for e in data.examples], sentences)
    return themes, [STANCES[i] for i in np.argmax(stances, axis=1)], sentence_themes, sentences


def decisions(model, data: IndependentSet) -> tuple[np.ndarray, list[str]]:
    """The model's themes (the sentence gate applied) and stance for every item, as in a record."""
    themes, labels, sentence_themes, sentences = read_items(model, data)
    return model.theme_choices(themes, sentence_themes, sentences), labels


def evaluate_model(model, data: IndependentSet) -> tuple[dict[str, dict], dict[str, dict]]:
    """The shipped model with its own thresholds on each half beside the agreement ceiling
    (and, where it has a sentence gate, the test half without it), and its test half per
    framework."""
    themes, labels, sentence_themes, sentences = read_items(model, data)
    chosen = model.theme_choices(themes, sentence_themes, sentences)
    columns = {
        "model test (headline)": score_both(data, chosen, labels, "test"),
        "model dev": score_both(data, chosen, labels, "dev"),
    }
    if model.linear is not None and model.linear.gate_themes:
        columns["test, no sentence gate"] = score_both(data, model.theme_choices(themes), labels, "test")
    columns["agreement test"] = agreement_both(data, "test")
    return columns, framework_scores(data, chosen, labels, "test")


def framework_scores(data: IndependentSet, chosen: np.ndarray, labels: list[str], half: str = "test") -> dict[str, dict]:
    """The headline figures of one half per framework: a family the model reads worse than
    the others shows here, not only in the mean."""
    frameworks = np.array([e.framework for e in data.examples])
    result = {}
    for framework in sorted(set(frameworks)):
        mask = data.half(half) & (frameworks == framework)
        if mask.any():
            scored = score_both(data, chosen, labels, mask)
            result[framework] = {key: scored[key] for key in ("items", "theme_micro_f1", "theme_macro_f1", "stance_accuracy")}
    return result


def format_frameworks(scores: dict[str, dict], half: str = "test") -> list[str]:
    lines = [f"| framework ({half} half) | items | theme micro-F1 | theme macro-F1 | stance accuracy |", "| --- | --- | --- | --- | --- |"]
    for framework, row in scores.items():
        lines.append(f"| {framework} | {row['items']} | {row['theme_micro_f1']:.3f} | {row['theme_macro_f1']:.3f} | {row['stance_accuracy']:.3f} |")
    return lines


def rate_table(corpus: list[Example], data: IndependentSet) -> list[str]:
    """Per theme, the share of paragraphs carrying it in the corpus and in the independent set
    (mean of the passes): where the corpus's convention and the guide's part ways."""
    paragraphs = [e for e in corpus if not e.key.startswith("r")]
    rates = theme_matrix([e.themes for e in paragraphs]).mean(axis=0)
    reference = reference_rates(data)
    lines = [f"| theme | corpus ({len(paragraphs)} paragraphs) | independent ({len(data.examples)}) | ratio |", "| --- | --- | --- | --- |"]
    for index, theme in enumerate(THEMES):
        ratio = rates[index] / reference[index] if reference[index] else float("inf")
        lines.append(f"| {theme} | {rates[index]:.3f} | {reference[index]:.3f} | {ratio:.2f} |")
    return lines


def disagreements(model, data: IndependentSet, half: str = "dev") -> list[str]:
    """The items of one half where the model's themes differ from what both passes agree on
    (a theme both passes give that the model misses, or one neither gives that it adds)."""
    themes = decisions(model, data)[0]
    lines = []
    for index in np.flatnonzero(data.half(half)):
        a, b = set(data.examples[index].themes), set(data.second[index].themes)
        chosen = {t for t, keep in zip(THEMES, themes[index]) if keep}
        extra, missed = chosen - (a | b), (a & b) - chosen
        if extra or missed:
            e = data.examples[index]
            lines.append(f"{e.sha256[:12]} {e.key} [{e.section[:40]}] extra: {', '.join(sorted(extra)) or '-'}; missed: {', '.join(sorted(missed)) or '-'}")
    return lines


def main(argv: list[str] | None = None) -> int:
    """``python -m pipeline.training.independent``: the corpus's and the independent set's rate
    per theme, and the development half's items where the model and both passes disagree."""
    import argparse

    from pipeline.nlp.model import default_model

    parser = argparse.ArgumentParser(prog="python -m pipeline.training.independent", description=main.__doc__)
    parser.add_argument("--reports", default="../shared/reports")
    parser.add_argument("--annotations", default="corpus/annotations")
    args = parser.parse_args(argv)
    data = load_independent([args.reports, send_folder(args.reports)], Path(args.annotations) / "independent")
    corpus, _ = join_texts(load_corpus(args.annotations), [args.reports, send_folder(args.reports), "corpus"])
    print("\n".join(rate_table(corpus, data)))
    print()
    print("\n".join(disagreements(default_model(), data)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
