"""Helpers of the actor tests: a text run through the nlp and actors stages as an article."""

from __future__ import annotations

import datetime as dt

from eventscope import actors, nlp
from eventscope.actors.kb import ActorKB
from eventscope.records import Article
from eventscope.settings import Settings


def resolved(text: str, settings: Settings, kb: ActorKB, published: dt.date | None) -> Article:
    """The article of `text`, published on `published`, with its mentions resolved."""
    article = Article(id="t", source="t", title=None, outlet=None, author=None, published=published, text=text,
                      language="en")
    return actors.resolve_mentions(next(nlp.analyse([article], settings)), kb)


def codes_of(found: Article, text: str) -> list[str | None]:
    """The codes of the mentions whose text is `text`, in order."""
    return [m.actor.code for m in found.mentions if m.text == text]
