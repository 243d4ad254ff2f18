"""Actors: the country a news item is about when it names one country once, as where things
happen, and institutions named after another country (issue #17, actors on real news)."""

from __future__ import annotations

import datetime as dt

from actor_texts import codes_of, resolved
from eventscope.actors.kb import ActorKB
from eventscope.records import Article

DAY = dt.date(2022, 5, 10)


def resolve(text: str, settings, kb: ActorKB) -> Article:
    return resolved(text, settings, kb, DAY)


def test_the_one_country_an_items_opening_places_it_in_gives_bare_roles_their_country(settings, kb):
    found = resolve("Gunmen ambushed a police patrol in northern Burkina Faso on Sunday. Four officers died. "
                    "Witnesses said the attackers fled on motorbikes. No group has claimed the ambush.",
                    settings, kb)
    assert found.country == "BFA"
    assert codes_of(found, "police") == ["BFACOP"]


def test_a_country_named_once_in_passing_late_in_a_story_does_not_set_its_scene(settings, kb):
    found = resolve("Police arrested two men after a fight outside a bar. Officers said both were drunk. "
                    "A witness said the fight began over a football match. "
                    "One of the men had recently returned from a holiday in Spain.", settings, kb)
    assert found.country is None


def test_a_country_in_an_institutions_name_is_not_its_staffs_country(settings, kb):
    found = resolve("Shelling damaged the Jordanian Field Hospital in Khan Younis in Gaza overnight. "
                    "Dr. Samir Haddad, the director of the Jordanian Field Hospital, said the hospital had no fuel. "
                    "Israeli troops surrounded the hospital. Gaza's health ministry said 20 patients died. "
                    "Palestinian medics said the wounded could not be moved.", settings, kb)
    assert not [m for m in found.mentions if (m.actor.code or "").startswith("JOR")]
    assert codes_of(found, "Samir Haddad") in (["PSEHLH"], ["---HLH"])


def test_a_role_placed_in_another_country_leaves_the_articles_others_of_that_role_alone(settings, kb):
    found = resolve("Israeli strikes hit Gaza City overnight, Palestinian officials in Gaza said. "
                    "Dozens of patients in Gaza were waiting for transfer to hospitals in Egypt. "
                    "Hospitals warned that generators would stop within days. "
                    "Gaza's health ministry said fuel deliveries had stopped.", settings, kb)
    assert codes_of(found, "hospitals in Egypt") == ["EGYHLH"]
    assert codes_of(found, "Hospitals") == ["PSEHLH"]


def test_a_city_named_with_another_countrys_adjective_is_a_place_of_its_own_country(settings, kb):
    found = resolve("Police arrested a man in Spanish Town on Sunday after a shop was robbed.", settings, kb)
    assert found.country == "JAM"
    assert codes_of(found, "Police") == ["JAMCOP"]
    found = resolve("Floods cut off a Spanish town near Valencia on Sunday. Soldiers rescued dozens of residents.",
                    settings, kb)
    assert found.country != "JAM"


def test_an_international_court_is_no_judiciary_of_the_articles_country(settings, kb):
    found = resolve("Ankara said its case before the European Court of Human Rights was still pending.", settings, kb)
    assert codes_of(found, "European Court of Human Rights") == ["IGOJUD"]


def test_a_generic_leaders_word_leaves_a_known_persons_office_at_the_date(settings, kb):
    found = resolve("The group's leader, Pramila Jayapal, voted against the bill.", settings, kb)
    assert codes_of(found, "Pramila Jayapal") == ["USALEG"]
    found = resolve("Several members, including the caucus's two leaders, Pramila Jayapal of Washington and "
                    "Mark Pocan of Wisconsin, voted against the bill.", settings, kb)
    assert codes_of(found, "Pramila Jayapal") == ["USALEG"]
