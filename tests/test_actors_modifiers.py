"""Actors named by the words before a head noun: countries listed before one role word,
a country's or a role's modifier before a craft, site or firm, a group's name before a role
word (issue #17, actors on real news)."""

from __future__ import annotations

import datetime as dt

from actor_texts import resolved
from eventscope.actors.kb import ActorKB
from eventscope.records import Article

DAY = dt.date(2021, 3, 1)


def resolve(text: str, settings, kb: ActorKB) -> Article:
    return resolved(text, settings, kb, DAY)


def codes(found: Article) -> dict[str, str | None]:
    return {m.text: m.actor.code for m in found.mentions}


def test_countries_listed_before_one_role_word_each_have_that_role(settings, kb):
    found = codes(resolve("Pakistani and Afghan forces exchanged fire on Sunday.", settings, kb))
    assert found["Pakistani"] == "PAKMIL"
    assert found["Afghan forces"] == "AFGMIL"
    found = codes(resolve("Russian, Turkish and Iranian diplomats met in Astana on Monday.", settings, kb))
    assert (found["Russian"], found["Turkish"], found["Iranian diplomats"]) == ("RUSGOV", "TURGOV", "IRNGOV")
    found = codes(resolve("US and Chinese officials held talks in Geneva.", settings, kb))
    assert found["US"] == "USAGOV"


def test_a_listed_country_that_heads_its_own_phrase_keeps_its_own_code(settings, kb):
    found = codes(resolve("Russia, China and Iranian diplomats met in Astana.", settings, kb))
    assert found["Russia"] == "RUS" and found["Iranian diplomats"] == "IRNGOV"


def test_an_armed_groups_name_before_a_role_word_is_that_group(settings, kb):
    found = codes(resolve("Police in Baghdad detained an al-Qaeda commander on Friday.", settings, kb))
    assert found["al-Qaeda commander"] == "IMGMUSALQ"
    found = codes(resolve("Kenyan troops killed several al-Shabaab fighters near the border.", settings, kb))
    assert found["al-Shabaab fighters"] == "SOMREB"
    assert found["Kenyan troops"] == "KENMIL"


def test_a_country_adjective_before_a_craft_or_site_is_that_country(settings, kb):
    found = codes(resolve("Two Chinese boats rammed a fishing trawler near the reef.", settings, kb))
    assert found["Chinese boats"] == "CHN"
    found = codes(resolve("Militants fired rockets at an Iraqi oil refinery near Baiji.", settings, kb))
    assert found["Iraqi oil refinery"] == "IRQ"
    found = codes(resolve("Prosecutors charged a Swiss lender with laundering money.", settings, kb))
    assert found["Swiss lender"] == "CHEBUS"


def test_a_country_adjective_before_other_nouns_only_describes_them(settings, kb):
    found = resolve("Iranian hardware was found in the wreckage of the drone.", settings, kb)
    assert not [m for m in found.mentions if m.text.startswith("Iranian")]


def test_a_role_word_before_a_craft_or_site_is_that_body_of_the_items_country(settings, kb):
    found = codes(resolve("Insurgents attacked an army checkpoint in northern Mali.", settings, kb))
    assert found["army"] == "MLIMIL"
    found = codes(resolve("Gunmen seized a government ferry off the coast of Somalia.", settings, kb))
    assert found["government"] == "SOMGOV"
