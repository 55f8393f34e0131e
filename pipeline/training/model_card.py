"""MODEL_CARD.md generated from a model folder's ``meta.json`` (never written by hand)."""

from __future__ import annotations

import json
from pathlib import Path

from pipeline.nlp.labels import STANCES, THEMES

HEADLINE = (
    ("theme micro-F1", "theme_micro_f1"),
    ("theme macro-F1", "theme_macro_f1"),
    ("stance accuracy", "stance_accuracy"),
    ("stance macro-F1", "stance_macro_f1"),
    ("stance kappa", "stance_kappa"),
)
METHODS = {
    "linear": "TF-IDF of word uni- and bigrams and the rule lexicons' counts. Themes also read five-letter "
    "word stems (not the section heading: the section is not the topic); each theme's logistic regression weighs the features by their naive "
    "Bayes log-count ratio for that theme (NB-SVM) and has its threshold tuned on out-of-fold predictions "
    "within the training folds. Stance is a multinomial logistic regression that also reads how the "
    "paragraph's sentences lean (a sentence-polarity model). Where sentence labels exist, a sentence model for "
    "those themes gates the decision: a gated theme is kept only where one of the paragraph's sentences reaches "
    "its cut (see the sentence gate below).",
    "textcat": "spaCy's textcat_multilabel (themes) and textcat (stance), bag-of-words, configs in "
    "`pipeline/nlp/configs/`.",
    "ensemble": "the mean of the linear model's and spaCy textcat's probabilities.",
}
TARGETS = {"theme_micro_f1": 0.85, "theme_macro_f1": 0.75, "stance_accuracy": 0.85, "stance_macro_f1": 0.80}


def headline_table(results: dict, ceiling: dict | None) -> list[str]:
    names = list(results)
    header = "| measure | " + " | ".join(names) + (" | agreement ceiling |" if ceiling else " |")
    lines = [header, "|" + " --- |" * (len(names) + 1 + bool(ceiling))]
    for title, key in HEADLINE:
        row = f"| {title} | " + " | ".join(f"{results[n][key]:.3f}" for n in names)
        row += f" | {ceiling[key]:.3f} |" if ceiling else " |"
        lines.append(row)
    return lines


def label_table(results: dict, ceiling: dict | None, part: str, labels: tuple[str, ...]) -> list[str]:
    names = list(results)
    header = "| label | support | " + " | ".join(f"{n} P / R / F1" for n in names) + (" | agreement F1 |" if ceiling else " |")
    lines = [header, "|" + " --- |" * (len(names) + 2 + bool(ceiling))]
    for label in labels:
        cells = [f"{results[n][part][label]['precision']:.2f} / {results[n][part][label]['recall']:.2f} / {results[n][part][label]['f1']:.2f}" for n in names]
        support = results[names[0]][part][label]["support"]
        row = f"| {label} | {support} | " + " | ".join(cells)
        row += f" | {ceiling[part][label]['f1']:.2f} ({ceiling[part][label]['support']}) |" if ceiling else " |"
        lines.append(row)
    return lines


INDEPENDENT_TARGETS = {"theme_micro_f1": 0.85, "theme_macro_f1": 0.82, "stance_accuracy": 0.88}


def independent_section(independent: dict | None) -> list[str]:
    """How the independent set was made and the model's figures on it (issue 15)."""
    if not independent:
        return []
    from pipeline.training.independent import format_frameworks, format_independent

    columns = {**independent["results"], "agreement of the passes (test)": independent["agreement"]}
    headline = independent["results"][f"test, thresholds from {independent.get('shipped', 'the dev half')}"]
    choice = independent.get("threshold_choice")
    low = [t for t in THEMES if headline["themes"][t]["support"] and headline["themes"][t]["precision"] < 0.80]
    split = independent["split"]
    return [
        "## The independent set",
        "",
        f"{independent['items']} paragraphs of archive reports the corpus uses least (`{independent['folder']}`, "
        "see its README), in batches: every framework but the 2012 protection of children (whose one report, the seed, the "
        "corpus uses whole), the area SEND family included, paragraphs the corpus never labelled, drawn at random with a fixed seed. Labelled "
        "twice, independently, by annotators given only `spec/themes.md`, the text and the instructions in that "
        "folder (nothing of the corpus, its guidelines or the model). Never trained on. The reference is both "
        f"passes: {independent['reference']}. Cut by {split['by']} with seed {split['seed']}: development half "
        f"{split['dev_items']} items, test half {split['test_items']} (a later batch's new reports are cut among themselves); theme thresholds may be chosen on the "
        "development half only (a theme with fewer than five positives there keeps its training threshold); "
        "the test half is the headline."
        + (
            f" Shipped: the thresholds from {independent['shipped']}. Chosen on the development half alone: cut in two by report "
            f"with {choice['splits']} seeds, thresholds chosen on one part scored {choice['dev']:.4f} on the other (mean of theme "
            f"micro- and macro-F1) against {choice['training']:.4f} for the training thresholds."
            if choice else ""
        ),
        "",
        *format_independent(columns),
        "",
        *(format_frameworks(independent["by_framework"]) + [""] if "by_framework" in independent else []),
        "Targets (issue 15, test half): " + ", ".join(f"{k} {headline[k]:.3f} (target {v:.2f})" for k, v in INDEPENDENT_TARGETS.items())
        + "; themes with precision below 0.80: " + (", ".join(low) or "none") + ".",
        "",
    ]


def gate_section(gate: dict | None) -> list[str]:
    """How the sentence gate was fitted and chosen, and what it cost or gained on the corpus."""
    if not gate or not gate.get("themes"):
        return []
    lines = [
        "## The sentence gate",
        "",
        f"A sentence model (the linear model's theme features of each sentence read alone) trained on {gate['sentences']} "
        f"sentences of {gate['paragraphs']} corpus paragraphs (`corpus/annotations/sentences/`, each sentence labelled for the "
        "themes it discusses, not names in passing). A gated theme is kept only where one of the paragraph's sentences "
        "scores at least the theme's cut. The cut, and the theme's threshold beside it, are chosen on the corpus alone (no "
        f"independent item spent): over all {gate['scored_paragraphs']} corpus paragraphs, the paragraph "
        "scores out of fold and the sentence scores from sentence models that saw no sentence of the paragraph's authority, "
        "the pair that most raises the theme's F1; a theme no pair helps is not gated. Recommendations, read without "
        "sentences, are not gated.",
        "",
        "| theme | cut | threshold (before) | corpus F1 without | with |",
        "| --- | --- | --- | --- | --- |",
    ]
    for theme, row in gate["themes"].items():
        cut = "not gated" if row["cut"] is None else f"{row['cut']:.2f}"
        threshold = f"{row['threshold']:.2f} ({row['threshold_before']:.2f})"
        lines.append(f"| {theme} | {cut} | {threshold} | {row['f1_without']:.3f} | {row['f1_with']:.3f} |")
    return [*lines, ""]


def write_model_card(folder: Path) -> Path:
    meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
    results = meta["evaluation"]["results"]
    ceiling = meta.get("agreement")
    data = meta["training_data"]
    chosen = results[meta["method"]]
    lines = [
        f"# Model card: {meta['name']} {meta['version']}",
        "",
        "Generated from `meta.json` by `pipeline/training/model_card.py`; do not edit by hand.",
        "",
        "## What it does",
        "",
        f"Tags a paragraph (or a recommendation) of an Ofsted children's services or area SEND inspection report with "
        f"themes ({len(THEMES)} labels, multi-label) and one stance ({', '.join(STANCES)}), as defined in "
        f"`spec/themes.md`. Method shipped: **{meta['method']}** (format {meta['format']}; thresholds per theme "
        "in `meta.json`). Loading checks the format and the label set and refuses a mismatch; nothing in the "
        "folder is a pickle.",
        "",
        f"Method: {METHODS[meta['method']]}",
        "",
        "## Training data",
        "",
        f"{data['items']} annotated paragraphs and recommendations from {data['reports']} reports of "
        f"{data['authorities']} local authorities, every framework from 2012 to 2026 (`{data['annotations']}`, "
        f"SHA-256 `{data['sha256'][:16]}…`). Annotations key each item by report SHA-256 and paragraph number "
        "or recommendation index; training joins them to the text by running extraction on the reports folder. "
        "The first passes (`pass1-*.jsonl`) are trained on with their revisions applied (`revision-*.jsonl`, in "
        "file-name order, a later one over an earlier: a later pass that re-decided named themes of items already "
        "labelled, and the stance where it decided one, by `themes.md` and the boundary decisions of `GUIDELINES.md`; "
        "an item's themes it did not review are kept; see `corpus/annotations/README.md`).",
        "",
        "## Evaluation",
        "",
        f"Cross-validation in {meta['evaluation']['folds']} folds grouped by {meta['evaluation']['grouped_by']} "
        "(no authority in both training and test). The agreement ceiling compares two independent annotation "
        f"passes over {ceiling['items'] if ceiling else 0} items (the first pass, revisions applied, as reference, as for the models; "
        "the second passes were made before the revisions, so where a revision moved a label the two now differ by convention, not by reading).",
        "",
        *headline_table(results, ceiling),
        "",
        "Targets (issue 4): theme micro-F1 ≥ 0.85, macro-F1 ≥ 0.75, stance accuracy ≥ 0.85, macro-F1 ≥ 0.80, "
        "or the agreement ceiling minus 0.05 where the ceiling is lower. Shipped method against them: "
        + ", ".join(
            f"{key} {chosen[key]:.3f} (target {min(target, (ceiling or {}).get(key, 1.0) - 0.05 if ceiling else target):.3f})"
            for key, target in TARGETS.items()
        )
        + ".",
        "",
        *gate_section(meta.get("sentence_gate")),
        *independent_section(meta.get("independent")),
        "### Themes per label (cross-validation)",
        "",
        *label_table(results, ceiling, "themes", THEMES),
        "",
        "### Stance per label (cross-validation)",
        "",
        *label_table(results, ceiling, "stances", STANCES),
        "",
        "## Reproduce",
        "",
        f"`{meta['command']}` — trained with " + ", ".join(f"{k} {v}" for k, v in meta["trained_with"].items()) + ".",
        "",
    ]
    path = folder / "MODEL_CARD.md"
    path.write_text("\n".join(lines), encoding="utf-8")
    return path
