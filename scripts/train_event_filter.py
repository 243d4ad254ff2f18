"""Train the events' learned filter (`eventscope.events.confidence`) on the real-news gold set.

The rules propose candidates on the train split's documents (every candidate kept, whatever
model ships now); a candidate is positive when it matches a gold event of its sentence on the
CAMEO root (any modality, background or not: the filter judges "is this an event at all").
A logistic regression over one-hot features is fitted on train; the threshold is the one
that maximises the F1 of asserted current events on the CAMEO root on dev (the label the
filter learns; on (root, source, target) dev has too few hits to choose by). The test split
is never read.

Run: .venv/bin/python scripts/train_event_filter.py ../shared   (writes
src/eventscope/data/models/event_filter.json and prints the figures)
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression

from eventscope.evaluate.realnews import GoldSet, SystemEvent, load_gold, match_events, run_system
from eventscope.events.confidence import ConfidenceModel
from eventscope.settings import load_settings

GOLD = Path(__file__).resolve().parents[1] / "gold" / "realnews"
OUT = Path(__file__).resolve().parents[1] / "src" / "eventscope" / "data" / "models" / "event_filter.json"
REGULARISATION = 0.3  # inverse strength: few examples, many sparse indicators


def candidates(gold: GoldSet, split: str) -> list[tuple[list, list[SystemEvent]]]:
    """(gold events, system candidates) per annotated sentence of `split`."""
    settings = load_settings().with_overrides({"events.keep_all_candidates": True, "run.workers": 1})
    sentences = [s for s in gold.sentences if s.split == split and s.events is not None]
    view = GoldSet(sentences, gold.texts, gold.published, gold.outlets)
    placed, _ = run_system(view, list(dict.fromkeys(s.doc for s in sentences)), settings)
    return [(s.events or [], placed.get(s.id, [])) for s in sentences]


def labelled(rows: list[tuple[list, list[SystemEvent]]]) -> tuple[list[dict[str, str]], list[int]]:
    features, labels = [], []
    for gold_events, system in rows:
        hits = {s for _, s in match_events([g.coded for g in gold_events], [e.coded for e in system], "root")}
        for index, event in enumerate(system):
            features.append(event.features)
            labels.append(int(index in hits))
    return features, labels


def headline_f1(rows: list[tuple[list, list[SystemEvent]]], model: ConfidenceModel, threshold: float,
                level: str) -> tuple[float, float, float]:
    hits = predicted = wanted = 0
    for gold_events, system in rows:
        required = [g.coded for g in gold_events if g.modality == "asserted" and not g.background]
        kept = [e.coded for e in system if e.modality == "asserted" and not e.background
                and model.score(e.features) >= threshold]
        hits += len(match_events(required, kept, level))
        predicted += len(kept)
        wanted += len(required)
    precision = hits / predicted if predicted else 0.0
    recall = hits / wanted if wanted else 0.0
    return precision, recall, 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def main(shared: Path) -> None:
    gold = load_gold(GOLD, shared)
    train, dev = candidates(gold, "train"), candidates(gold, "dev")
    features, labels = labelled(train)
    vectorizer = DictVectorizer()
    matrix = vectorizer.fit_transform(features)
    fitted = LogisticRegression(C=REGULARISATION, class_weight="balanced", solver="lbfgs", max_iter=2000)
    fitted.fit(matrix, labels)
    weights = {name: round(float(w), 6) for name, w in zip(vectorizer.get_feature_names_out(), fitted.coef_[0])
               if abs(w) > 1e-6}
    model = ConfidenceModel(weights, round(float(fitted.intercept_[0]), 6), 0.0)
    grid = [round(0.05 * i, 2) for i in range(20)]
    scores = {t: headline_f1(dev, model, t, "root") for t in grid}
    threshold = max(grid, key=lambda t: (scores[t][2], -t))
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps({"trained_on": "gold/realnews train split", "candidates": len(labels),
                               "positives": sum(labels), "threshold": threshold,
                               "intercept": model.intercept, "weights": dict(sorted(weights.items()))},
                              indent=1, sort_keys=False) + "\n")
    print(f"train: {len(labels)} candidates, {sum(labels)} positive; dev threshold {threshold}")
    for t in (0.0, threshold):
        for level in ("root", "root_actors"):
            p, r, f = headline_f1(dev, model, t, level)
            print(f"dev {level} at threshold {t:.2f}: P {p:.3f} R {r:.3f} F1 {f:.3f}")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parents[2] / "shared")
