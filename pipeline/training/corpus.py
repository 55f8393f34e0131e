"""The annotated corpus: labels keyed by report SHA-256 and paragraph number (or
recommendation index), joined to their text by running extraction on the reports folder,
so no report text is stored in the repository (the seed excepted)."""

from __future__ import annotations

import hashlib
import json
import re
from itertools import chain
from dataclasses import dataclass
from pathlib import Path

from pipeline import errors
from pipeline.api import find_inputs
from pipeline.extract import extract
from pipeline.facts import read_facts
from pipeline.nlp.labels import STANCES, THEMES
from pipeline.nlp.linear import split_sentences
from pipeline.segment import segment

TRAINING_PATTERN = "pass1-*.jsonl"  # never the independent set, which sits in its own folder
# Later passes over items already labelled: each line names the themes it reviewed and those of
# them the item carries, and may decide the stance; they apply in file-name order.
REVISION_PATTERN = "revision-*.jsonl"
# Sentence labels (issue 15): per paragraph of the corpus, the themes each of its sentences
# discusses, for the themes the sentence gate reads.
SENTENCE_PATTERN = "sentences/*.jsonl"
GROUP_NOISE = re.compile(r"\b(?:council|borough|city|county|metropolitan|london|royal|of|the|district)\b")


@dataclass(frozen=True)
class Example:
    sha256: str
    key: str  # "p12" for paragraph 12, "r3" for the third recommendation
    text: str
    section: str  # the heading it sits under; "recommendation" for recommendations
    group: str  # the local authority: no authority is in both a training and a test fold
    themes: tuple[str, ...]
    stance: str
    annotator: str
    framework: str = ""  # the report's framework slug, as its record gives it


def text_hash(text: str) -> str:
    """What an annotation line keeps of its text: enough to find the text again and to see that
    extraction still gives the text that was labelled, no more."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]


def key_of(item: dict) -> str:
    """"p12" for paragraph 12, "r3" for the third recommendation, "h<text hash>" for a
    paragraph without a number."""
    key = item["key"]
    if "recommendation" in key:
        return f"r{key['recommendation']}"
    if key["paragraph"] is None:
        return f"h{item['text_hash']}"
    return f"p{key['paragraph']}"


def annotation_lines(folder: str | Path, pattern: str):
    """(file, line number, item) of every line of the annotation files matching ``pattern``."""
    for path in sorted(Path(folder).glob(pattern)):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if line.strip():
                yield path, number, json.loads(line)


def load_annotations(folder: str | Path, pattern: str = TRAINING_PATTERN) -> list[dict]:
    """Annotation lines, checked against the label sets."""
    items = []
    for path, number, item in annotation_lines(folder, pattern):
        unknown = set(item["themes"]) - set(THEMES)
        if unknown or item["stance"] not in STANCES:
            raise errors.BadAnnotation(file=path, line=number, labels=repr(sorted(unknown) or item["stance"]))
        items.append(item)
    return items


def load_revisions(folder: str | Path) -> list[dict]:
    """Revision lines (``{"sha256", "key", "text_hash", "reviewed": [...], "themes": [...],
    "stance"?, "annotator"}``), checked against the label sets, in file-name order."""
    revisions = []
    for path, number, item in annotation_lines(folder, REVISION_PATTERN):
        unknown = (set(item["themes"]) | set(item["reviewed"])) - set(THEMES)
        outside = set(item["themes"]) - set(item["reviewed"])
        if unknown or outside or item.get("stance", STANCES[0]) not in STANCES:
            raise errors.BadAnnotation(file=path, line=number, labels=repr(sorted(unknown or outside) or item["stance"]))
        revisions.append(item)
    return revisions


def apply_revisions(annotations: list[dict], revisions: list[dict]) -> list[dict]:
    """The annotations with each revised item's reviewed themes replaced by the revision's
    decision (its other themes kept), and its stance where the revision decided one. Revisions
    apply in order, a later one over an earlier, so a second look at an item wins. The last
    revision's text hash goes with the item, so an item whose text extraction has changed since
    it was re-read is left out at the join, as any other. A revision of an item the corpus does
    not hold is an error."""
    by_key: dict[tuple[str, str], list[dict]] = {}
    for revision in revisions:
        by_key.setdefault((revision["sha256"], key_of(revision)), []).append(revision)
    revised, used = [], set()
    for item in annotations:
        key = (item["sha256"], key_of(item))
        if key not in by_key:
            revised.append(item)
            continue
        used.add(key)
        for revision in by_key[key]:
            kept = [t for t in item["themes"] if t not in revision["reviewed"]]
            added = [t for t in THEMES if t in revision["themes"] and t not in kept]
            item = {**item, "themes": kept + added, "stance": revision.get("stance", item["stance"]),
                    "text_hash": revision["text_hash"], "revised_by": revision["annotator"]}
        revised.append(item)
    unknown = sorted(set(by_key) - used)
    if unknown:
        raise errors.BadAnnotation(file=REVISION_PATTERN, line=0, labels=f"for items the corpus does not hold: {unknown[:3]}")
    return revised


def load_corpus(folder: str | Path) -> list[dict]:
    """The training corpus: the first passes with their revisions applied."""
    return apply_revisions(load_annotations(folder, TRAINING_PATTERN), load_revisions(folder))


def send_folder(reports: str | Path) -> Path:
    """The area SEND reports beside the children's-services reports, as ``make eval`` expects them."""
    return Path(reports).parent / "reports-send"


def group_name(local_authority: str | None, path: str) -> str:
    """The authority as a grouping key: the archive's folder name, or the record's authority."""
    folder = Path(path).parent.name
    if "_" in folder:
        return folder.split("_", 1)[1]
    return " ".join(GROUP_NOISE.sub(" ", (local_authority or path).lower()).split())


def texts_by_key(path: Path) -> tuple[dict[str, tuple[str, str]], str, str]:
    """(text, section) of one report's paragraphs and recommendations by key, its authority
    group and its framework slug; sections as the records give them."""
    segmented = segment(extract(path))
    facts = read_facts(segmented)
    texts = {}
    for p, place in zip(segmented.paragraphs, facts.paragraph_sections):
        texts[f"p{p.number}" if p.number else f"h{text_hash(p.text)}"] = (p.text, place.section or "")
    texts.update({f"r{i}": (r.text, "recommendation") for i, r in enumerate(facts.recommendations, start=1)})
    return texts, group_name(facts.local_authority, str(path)), facts.framework or ""


def join_texts(annotations: list[dict], folders: list[str | Path]) -> tuple[list[Example], list[str]]:
    """Examples with their text, reading each annotated report found under ``folders``;
    and what could not be joined (a report not found, a key the report does not have)."""
    wanted = {a["sha256"] for a in annotations}
    paths: dict[str, Path] = {}
    for path in find_inputs([f for f in folders if Path(f).exists()]):
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        if digest in wanted and digest not in paths:
            paths[digest] = path
    examples, problems = [], []
    cache: dict[str, tuple[dict[str, tuple[str, str]], str, str]] = {}
    for item in annotations:
        sha = item["sha256"]
        if sha not in paths:
            problems.append(f"report {sha[:16]} not found under {', '.join(map(str, folders))}")
            continue
        if sha not in cache:
            cache[sha] = texts_by_key(paths[sha])
        texts, group, framework = cache[sha]
        key = key_of(item)
        if key not in texts:
            problems.append(f"report {sha[:16]} ({paths[sha].name}) has no {key}")
            continue
        text, section = texts[key]
        if "text_hash" in item and text_hash(text) != item["text_hash"]:
            problems.append(f"report {sha[:16]} ({paths[sha].name}) {key}: the text differs from the text that was labelled")
            continue
        examples.append(Example(sha, key, text, section, group, tuple(item["themes"]), item["stance"], item.get("annotator", ""), framework))
    return examples, sorted(set(problems))


SentenceLabels = dict[tuple[str, str], tuple[list[str], list[tuple[str, ...]]]]


def join_sentence_labels(examples: list[Example], folder: str | Path) -> tuple[SentenceLabels, list[str]]:
    """By (report SHA-256, key), the sentences of each example with sentence labels
    (``SENTENCE_PATTERN`` under ``folder``) and the themes each discusses, where the labelled
    text is the example's and the sentencizer still splits it into the sentences that were
    labelled (their hashes); and what did not join."""
    lines = {(item["sha256"], key_of(item)): (path, number, item) for path, number, item in annotation_lines(folder, SENTENCE_PATTERN)}
    wanted = [i for i, e in enumerate(examples) if (e.sha256, e.key) in lines]
    split = dict(zip(wanted, split_sentences([examples[i].text for i in wanted])))
    joined: SentenceLabels = {}
    problems = []
    for index, sentences in split.items():
        e = examples[index]
        path, number, item = lines[(e.sha256, e.key)]
        unknown = set(chain.from_iterable(item["sentence_themes"])) - set(THEMES)
        if unknown:
            raise errors.BadAnnotation(file=path, line=number, labels=repr(sorted(unknown)))
        if "text_hash" in item and item["text_hash"] != text_hash(e.text):
            problems.append(f"sentence labels {e.sha256[:16]} {e.key}: the paragraph's text differs from the text that was labelled")
        elif [text_hash(s) for s in sentences] != item["sentence_hashes"]:
            problems.append(f"sentence labels {e.sha256[:16]} {e.key}: the sentences differ from those that were labelled")
        else:
            joined[(e.sha256, e.key)] = (sentences, [tuple(themes) for themes in item["sentence_themes"]])
    missing = len(lines) - len(wanted)
    if missing:
        problems.append(f"sentence labels: {missing} paragraphs not in the corpus as joined")
    return joined, problems
