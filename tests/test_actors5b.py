"""Actors, round five (second part): groups referred back to by their count or by "they",
and the towns an article names when its names alone do not settle its country (issue #17)."""

from __future__ import annotations

import datetime as dt

from actor_texts import codes_of, resolved
from eventscope.actors.kb import ActorKB
from eventscope.records import Article

DAY = dt.date(2005, 2, 1)


def resolve(text: str, settings, kb: ActorKB) -> Article:
    return resolved(text, settings, kb, DAY)


def ids_of(found: Article, text: str) -> list[str]:
    return [m.actor.id for m in found.mentions if m.text == text]


def test_a_definite_count_is_the_group_counted_so_before(settings, kb):
    found = resolve("Three Kenyan soldiers were captured by rebels near the border with Somalia. "
                    "The government in Nairobi said talks were under way. "
                    "Rebel leaders said they would release the three within days.", settings, kb)
    assert codes_of(found, "the three") == ["KENMIL"]


def test_a_count_that_no_group_had_before_stays_unresolved(settings, kb):
    found = resolve("Two Kenyan soldiers were captured by rebels near the border with Somalia. "
                    "Rebel leaders said they would release the four within days.", settings, kb)
    assert codes_of(found, "the four") == []


def test_they_with_no_plural_subject_before_is_the_group_named_just_before(settings, kb):
    found = resolve("The bill is expected to be opposed by the Liberal Democrats. "
                    "They have said the scheme is deeply flawed.", settings, kb)
    assert ids_of(found, "They") == ids_of(found, "Liberal Democrats")


def test_a_plural_subject_before_they_still_comes_first(settings, kb):
    found = resolve("The Tories attacked the plan on Monday, which was also opposed by the Liberal Democrats. "
                    "They said it would cost too much.", settings, kb)
    assert ids_of(found, "They") == ids_of(found, "Tories")


def test_the_towns_an_article_names_settle_its_country_when_its_names_do_not(settings, kb):
    found = resolve("A man from Mexico was arrested in Brooklyn on Monday after a chase. "
                    "Police said he had driven from Albany with a stolen car. "
                    "Officers searched the vehicle and found two guns. "
                    "The man will appear in court on Friday.", settings, kb)
    assert found.country == "USA"
    assert codes_of(found, "Police") == ["USACOP"]
