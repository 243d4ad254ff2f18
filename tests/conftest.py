"""Shared fixtures: the settings and the spaCy pipeline are loaded once per test session."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from eventscope.records import Actor, Article, Mention
from eventscope.settings import Settings, load_settings

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
SEEDS = SHARED / "samples" / "seeds"


@pytest.fixture(scope="session")
def settings() -> Settings:
    return load_settings()


@pytest.fixture(scope="session")
def spacy_nlp(settings: Settings):
    from eventscope.nlp.analyse import load_pipeline

    return load_pipeline(settings.get("nlp.model"))


@pytest.fixture(scope="session")
def kb(settings: Settings):
    """The actors' knowledge base, built once (a module may define its own)."""
    from eventscope import actors

    return actors.load_actor_kb(settings)


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    if not SEEDS.is_dir():
        pytest.skip(f"sample articles not found at {SEEDS}")
    return SEEDS


@pytest.fixture(scope="session")
def article_with_actors(spacy_nlp):
    """An article of `text`, split into sentences, in which every name of `actors` (name ->
    (CAMEO code, kind)) is a mention of its actor: the coder's input without the actors stage."""

    def build(text: str, actors: dict[str, tuple[str, str]], published: dt.date = dt.date(2021, 3, 10)) -> Article:
        from eventscope.nlp.analyse import sentences_from_doc

        article = Article(id="t", source="test", title=None, outlet=None, author=None, published=published,
                          text=text, language="en")
        article.sentences = sentences_from_doc(spacy_nlp(text))
        for name, (code, kind) in actors.items():
            for match in re.finditer(rf"\b{re.escape(name)}\b", text):
                sentence = next(s for s in article.sentences if s.start <= match.start() < s.end)
                actor = Actor(id=code.lower() + "-" + name.split()[0].lower(), name=name, code=code,
                              country=code[:3], sector=None, kind=kind)
                article.mentions.append(Mention(sentence.index, match.start(), match.end(), name, actor))
        return article

    return build


@pytest.fixture(scope="session")
def events_coded(settings, article_with_actors):
    """(source, target, code, rule) of every candidate event the coder finds in `text` whose
    actors are the names of `actors` (see `article_with_actors`)."""
    from eventscope.events.coder import code_events, load_coder

    coder = load_coder(settings.with_overrides({"events.keep_all_candidates": True}))

    def run(text: str, actors: dict[str, tuple[str, str]]) -> set[tuple[str | None, str | None, str, str]]:
        return {(e.source_actor.code if e.source_actor else None, e.target_actor.code if e.target_actor else None,
                 e.cameo.code, e.rule) for e in code_events(article_with_actors(text, actors), coder).events}

    return run
