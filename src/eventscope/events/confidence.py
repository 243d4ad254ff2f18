"""Confidence: a learned score of how likely a coded candidate is an event a careful reader
would code, so analysts can trade recall for precision and every event says how sure it is.

The rules propose candidates; a logistic model trained on the real-news gold set's train
split (`scripts/train_event_filter.py`) scores each from what the parse and the rule show:
the trigger's lemma, tag and dependency, the rule and its code, modality, negation and modal
auxiliaries, quotation, which actors were found and of what kind. The model ships as JSON
(feature weights), is deterministic and loads once with the coder.
"""

from __future__ import annotations

import json
import math
from collections import Counter
from dataclasses import dataclass
from importlib import resources
from typing import Any

from eventscope.records import Article, Event, Sentence, Token

MODEL_FILE = "event_filter.json"
QUOTES = frozenset('"“”')
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj", "agent"})


@dataclass(frozen=True)
class ConfidenceModel:
    """Weights of `feature=value` indicators and the threshold tuned on the dev split."""

    weights: dict[str, float]
    intercept: float
    threshold: float

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> ConfidenceModel:
        return cls(dict(data["weights"]), float(data["intercept"]), float(data["threshold"]))

    def score(self, features: dict[str, str]) -> float:
        total = self.intercept + sum(self.weights.get(f"{name}={value}", 0.0) for name, value in features.items())
        return 1.0 / (1.0 + math.exp(-total))


def load_model() -> ConfidenceModel | None:
    """The shipped model, or None when none has been trained yet."""
    path = resources.files("eventscope.data").joinpath("models", MODEL_FILE)
    if not path.is_file():
        return None
    return ConfidenceModel.from_json(json.loads(path.read_text("utf-8")))


def _trigger(event: Event, sentence: Sentence) -> Token | None:
    inside = [t for t in sentence.tokens if t.text == event.trigger and event.span[0] <= t.start < event.span[1]]
    return inside[0] if inside else None


def _sector(code: str | None) -> str:
    if not code:
        return "none"
    return code[3:6] or "bare"


def article_features(article: Article, political: frozenset[str]) -> dict[str, str]:
    """What the whole article says about its events: the share of its sentences naming a
    political actor (a country, a government, a party, an armed group: `political`
    sectors) and how many countries it names."""
    sentences = {m.sentence for m in article.mentions
                 if m.actor.kind in ("country", "igo") or (m.actor.sector or "") in political}
    share = len(sentences) / max(1, len(article.sentences))
    countries = {m.actor.country for m in article.mentions if m.actor.country}
    return {
        "article_politics": "none" if not share else "low" if share < 0.15 else "mid" if share < 0.4 else "high",
        "article_countries": str(min(len(countries), 3)),
    }


def event_features(event: Event, sentence: Sentence, events_in_sentence: int,
                   article: dict[str, str], text: str) -> dict[str, str]:
    """Indicator features of one candidate (with its `article_features`); values are
    strings (one-hot by name=value)."""
    trigger = _trigger(event, sentence)
    root = event.cameo.root
    source, target = event.source_actor, event.target_actor
    features = {
        "root": root,
        "code": event.cameo.code,
        "rule": event.rule,
        "rule_kind": "default" if event.rule.endswith("-default") else "pattern",
        "modality": event.modality,
        "background": str(event.background),
        "source": "none" if source is None else ("country" if source.code == source.country else "coded"),
        "target": "none" if target is None else ("country" if target.code == target.country else "coded"),
        "source_sector": _sector(source.code if source else None),
        "target_sector": _sector(target.code if target else None),
        "source_country": str(bool(source and source.country)),
        "same_country": str(bool(source and target and source.country and source.country == target.country)),
        "attributed": str(bool(event.attribution)),
        "first_sentence": str(sentence.index == 0),
        "crowded": str(min(events_in_sentence, 4)),
        **article,
    }
    if trigger is None:
        return features
    children = [t for t in sentence.tokens if t.head == trigger.i and t.i != trigger.i]
    # Quotation marks since the paragraph began: a quotation may open a sentence earlier, and
    # where the sentence splitter puts a mark between sentences must not matter.
    before = text[text.rfind("\n", 0, trigger.start) + 1 : trigger.start]
    features.update(
        lemma=trigger.lemma.lower(),
        lemma_root=f"{trigger.lemma.lower()}|{root}",
        tag=trigger.tag,
        dep=trigger.dep,
        negated=str(any(c.dep == "neg" for c in children)),
        modal=str(any(c.tag == "MD" for c in children)),
        has_subject=str(any(c.dep in SUBJECT_DEPS for c in children)),
        passive=str(any(c.dep in ("auxpass", "nsubjpass") for c in children)),
        quoted=str(sum(ch in QUOTES for ch in before) % 2 == 1),
        object_entity=next((c.ent_type or c.pos for c in children if c.dep in ("dobj", "pobj", "attr")), "none"),
    )
    return features


def scored_events(events: list[Event], article: Article, model: ConfidenceModel | None, min_confidence: float,
                  keep_all: bool, political: frozenset[str]) -> list[Event]:
    """Each event with the learned filter's confidence; those below `min_confidence` dropped
    unless every candidate is kept."""
    if model is None:
        return events
    sentences = {s.index: s for s in article.sentences}
    crowd = Counter(event.sentence_index for event in events)
    context = article_features(article, political)
    kept = []
    for event in events:
        features = event_features(event, sentences[event.sentence_index], crowd[event.sentence_index], context,
                                  article.text)
        event.confidence = round(model.score(features), 4)
        if keep_all or event.confidence >= min_confidence:
            kept.append(event)
    return kept
