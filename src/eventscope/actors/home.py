"""The country an article is about, and what it settles: the country of bare roles ("the
government"), of names the text does not describe, and of states named like countries.

Read from the raw text's dictionary matches and person tags, parsed or not, so the triage
(which leaves some sentences unparsed) changes nothing.
"""

from __future__ import annotations

import re

from eventscope.actors.kb import ActorKB, KBEntry
from eventscope.actors.make import UNKNOWN_COUNTRY, generic_actor, named_actor
from eventscope.actors.outlets import outlet_country
from eventscope.common.places import load_gazetteer, name_key
from eventscope.records import Actor, Article, Mention

# "X of Georgia", "X, from Georgia", "X, the Georgia Republican": the place a person is of,
# right after the name.
PERSON_OF_PLACE = re.compile(r"\s*,?\s*(?:(?:of|from)\s+|,\s*the\s+)([A-Z][\w.]*(?:\s+[A-Z][\w.]*){0,2})")
# The article is about a country when it has this share of the country-bearing mentions.
HOME_SHARE = 0.5
CAPITALISED = re.compile(r"(?<![\w.])[A-Z][a-z]+(?:\s+[A-Z][a-z]+){0,2}")
HOME_MENTIONS = 2
# A wire item this short ("Police arrested two men in Kharkiv.") is about the one country it
# names, when no other shares it.
SHORT_ITEM_SENTENCES = 3
LEDE_SENTENCES = 2  # the opening that sets a news item's scene
# "the Gulf of Aden", "the Bay of Bengal": a sea's name, which says nothing of whom the
# article is about.
WATERS_BEFORE = re.compile(r"\b(?:Gulf|Bay|Sea|Straits?|Bight)\s+of\s+$")
WATERS_WINDOW = 16
LOCATED = re.compile(r"\s(?:in|inside)\s")  # a role word placed in a country ("lawmakers in Kenya")
SECTOR_KEY = "sector:"  # role_countries' key prefix for a sector's countries
FOREIGN_WINDOW = 12  # characters before a role word where "foreign" may stand
MONTHS = frozenset({"january", "february", "march", "april", "may", "june", "july", "august", "september",
                    "october", "november", "december"})
# A capitalised name where a place is named: "in Brooklyn", "an Albany street".
# A capitalised name right after a place preposition: "in Kaduna state", "near North Kivu".
PLACED_NAME = re.compile(r"\b(?:in|at|near|outside|across)\s+(?:the\s+)?([A-Z][\w'-]+(?:\s+[A-Z][\w'-]+)?)")
# A preposition of place right before a name, with a compass word between ("in eastern
# Congo", "near north-western Syria").
PLACE_BEFORE = re.compile(r"\b(?:[Ii]n|[Aa]t|[Nn]ear|[Ff]rom|[Oo]f|[Oo]utside)\s+(?:the\s+)?"
                          r"(?:(?:north|south|east|west|central)[a-z-]*\s+)?$")
PLACE_WINDOW = 32
PLACE_AFTER = re.compile(r"\b(?:[Ii]n|[Aa]t|[Nn]ear|[Ff]rom|[Oo]f|[Aa]n?|[Tt]he)\s+([A-Z][a-z]+(?:\s+[A-Z][a-z]+)?)")
# A capitalised word before another, which may be a body's or an office's ("Staunton Police
# Chief", "Albany County"): the place that body serves.
TOWN_BEFORE_BODY = re.compile(r"(?<![\w.])([A-Z][a-z]+)\s+([A-Z][a-z]+)")


def home_country(article: Article, kb: ActorKB, places_only: bool = False) -> str | None:
    """The country most of the article's known names belong to, if one has at least half
    of them (and two or more, or more than half in a short wire item that names it as a
    place or, unless `places_only`, by its name): "the government" of a story about Kenya.
    Read from the dictionary matches, person tags and the states or provinces (of the
    federations `home_division_countries` lists) of the raw text, parsed or not, so the
    triage changes nothing. A text naming no country at all is about its outlet's
    (`outlets`)."""
    entries = [
        (span.start, span.entry)
        for sentence in article.sentences
        for span in kb.find_spans(sentence.text, sentence.start)
        if span.entry is not None and span.entry.country and span.entry.kind != "igo"
        and not WATERS_BEFORE.search(article.text, max(0, span.start - WATERS_WINDOW), span.start)
    ]
    countries = [entry.country for _, entry in entries if entry.country]
    countries += [country for pattern, country, _ in kb.person_tags
                  for _ in pattern.finditer(article.text)]
    countries += [country for words in CAPITALISED.finditer(article.text)
                  if (country := _division_country(words.group(0), kb))]
    short = len(article.sentences) <= SHORT_ITEM_SENTENCES
    placed = [entry.country for start, entry in entries if entry.country
              and _names_a_place(article.text, start, "" if places_only else entry.kind)]
    if not countries:  # local news naming only its towns ("Staunton Police Chief", "an Albany street"),
        countries = _city_countries(article.text, kb)  # which one town names too weakly in a short item
    if not countries and short:  # a state or province no other country has: "in Anambra state"
        countries = placed = _division_countries(article.text, kb)
    if not countries:  # a story naming no country at all is about its outlet's ("BBC": the UK)
        return outlet_country(article.outlet)
    found = _most_named(countries, placed, short)
    if found is None and not short:  # names alone do not settle it: the towns it names may
        found = _most_named(countries + _city_countries(article.text, kb), placed, short)
    if found is None and len(set(countries)) == 1 and _lede_places(article, entries, places_only) == set(countries):
        found = countries[0]  # the one country the text names, where its opening says it happens
    return found


def _lede_places(article: Article, entries: list[tuple[int, KBEntry]], places_only: bool) -> set[str]:
    """The countries the opening sentences name as where things happen ("Rebels shot down a
    helicopter in eastern Congo"): a news item sets its scene first."""
    lede_end = article.sentences[min(LEDE_SENTENCES, len(article.sentences)) - 1].end if article.sentences else 0
    return {entry.country for start, entry in entries if entry.country and start < lede_end
            and _names_a_place(article.text, start, "" if places_only else entry.kind)}


def _most_named(countries: list[str], placed: list[str], short: bool) -> str | None:
    """The country named most, if it is named often enough and by a large enough share."""
    best = max(sorted(set(countries)), key=countries.count)
    share = countries.count(best) / len(countries)
    if short and share > HOME_SHARE and best in placed:
        return best
    return best if countries.count(best) >= HOME_MENTIONS and share >= HOME_SHARE else None


def _names_a_place(text: str, start: int, kind: str) -> bool:
    """A country's own name, or a name where a place is said ("in Kharkiv", not "Victoria
    said"): in a short item, only these tell the country it is about."""
    return kind == "country" or PLACE_BEFORE.search(text[max(0, start - PLACE_WINDOW):start]) is not None


def _city_countries(text: str, kb: ActorKB) -> list[str]:
    """The countries of the gazetteer's cities the text names as places: by their own name
    (not an alternate, which may be any word: "An", "Since"), after a preposition or an
    article ("in Brooklyn", "an Albany street", "The Staunton Police Department") or before
    the body or office that serves them ("Staunton Police Chief"), and not a role word ("the
    police" is no Polish town); the most populous of same-named ones."""
    cities = load_gazetteer().cities
    found = []
    seen: set[int] = set()  # where the cities found start
    for match in PLACE_AFTER.finditer(text):
        seen.add(match.start(1))
        words = match.group(1).split()
        first = words[0].lower()
        if kb.role_code(first) is not None or kb.lookup(first) is not None or first in kb.organisation_words | MONTHS:
            continue
        # "Albany County", "Staunton Police": a place's body; "Liberal Democrats", "David Sainsbury": no place
        if len(words) > 1 and words[1].lower() not in kb.organisation_words and kb.role_code(words[1]) is None:
            words = words[:1] if " ".join(words).lower() not in cities else words
            if len(words) == 1:
                continue
        places = [p for p in cities.get(name_key(" ".join(words)), []) if name_key(p.name) == name_key(" ".join(words))]
        if not places and len(words) > 1:
            places = [p for p in cities.get(first, []) if name_key(p.name) == first]
        if places:
            found.append(max(places, key=lambda place: place.population).country)
    for match in TOWN_BEFORE_BODY.finditer(text):
        first, body = match.group(1).lower(), match.group(2).lower()
        if match.start(1) in seen or not (body in kb.organisation_words or kb.role_code(body) is not None):
            continue
        if kb.role_code(first) is not None or kb.lookup(first) is not None or first in kb.organisation_words | MONTHS:
            continue
        places = [p for p in cities.get(first, []) if name_key(p.name) == first]
        if places:
            found.append(max(places, key=lambda place: place.population).country)
    return found


def _leading_phrases(text: str) -> list[str]:
    """The lower-cased phrases that open `text`, longest first ("new york city", "new york", "new")."""
    words = text.lower().split()
    return [" ".join(words[:size]) for size in range(len(words), 0, -1)]


def _division_countries(text: str, kb: ActorKB) -> list[str]:
    """The countries of the states and provinces a short item names as places ("in Kaduna
    state", "near Idlib"), any country's whose name is its own."""
    return [country for found in PLACED_NAME.finditer(text)
            if (country := next((kb.division_owners[p] for p in _leading_phrases(name_key(found.group(1)))
                                 if p in kb.division_owners), None))]


def _division_country(words: str, kb: ActorKB) -> str | None:
    """The country of a state or province named by (the start of) capitalised words."""
    return next((kb.home_divisions[p] for p in _leading_phrases(words) if p in kb.home_divisions), None)


def settle_home_country(
    article: Article, kb: ActorKB, mentions: list[Mention], bare_roles: list[Mention]
) -> list[Mention]:
    """Give a country to bare roles, to names the text does not describe, and to people and
    bodies whose sector the text states but whose country it does not ("Tory leader Michael
    Howard"): a bare role or a titled person takes the one country the article gives that
    role elsewhere ("the military" after "the Israeli military" in a story from Gaza;
    "Archbishop Desmond Tutu" ... "the South African archbishop"), anyone else the country
    the article is about. Without such a country, bare roles and undescribed names are
    dropped. Records that country on the article, for the later stages. Returns the mentions
    kept."""
    # A short item's one country settles its bare roles ("Police arrested two men in
    # Kharkiv"); its people only where it is said to happen ("Rebels in the Ivory Coast
    # dismissed an appeal from President Gbagbo"): "President Xi criticised Japan" says
    # nothing of where Xi is from.
    home = home_country(article, kb, places_only=True)
    short = len(article.sentences) <= SHORT_ITEM_SENTENCES  # else both readings agree
    article.country = home or (home_country(article, kb) if short else None)
    bare = {id(m) for m in bare_roles if not _foreign(article.text, m.start, kb)}
    described = role_countries(mentions, kb.divisions.get(home or "", frozenset()), kb)
    if article.country is None:
        # A role word, or a name the text does not describe, with no country anywhere to
        # give it says too little to code: no actor (nor for pronouns standing for it).
        vague = {m.actor.id for m in mentions if m.rule == "person-name" or (
            id(m) in bare and _described_country(described, m, home) is None)}
        mentions = [m for m in mentions if m.actor.id not in vague]
    elif home is None:  # nor, in a short item, a name the text does not describe
        unnamed = {m.actor.id for m in mentions if m.rule == "person-name"}
        mentions = [m for m in mentions if m.actor.id not in unnamed]
    settled: dict[tuple[str, str], Actor] = {}
    for mention in mentions:
        actor = mention.actor
        code = actor.code or ""
        if mention.rule == "role" and id(mention) not in bare:  # "foreign tourists": of no country named
            mention.actor = named_actor(actor.kind, f"foreign {actor.name}", None, code[3:] or None, mention.role)
            continue
        undescribed = (mention.rule == "person-name" or actor.kind == "person") and not code
        if actor.country is not None or not (code.startswith(UNKNOWN_COUNTRY) or undescribed) or actor.kind not in (
            "person", "organisation"
        ):
            continue
        described_here = actor.kind == "person" or id(mention) in bare
        fallback = article.country if id(mention) in bare else home
        country = (_described_country(described, mention, home) if described_here else None) or fallback
        key = (actor.id, code)  # a later mention may say more ("Ortiz, an officer")
        if key not in settled and country is not None:
            if id(mention) in bare:
                settled[key] = generic_actor(kb, country, code[3:], mention.text, mention.role)
            else:
                settled[key] = named_actor(actor.kind, actor.name, country, code[3:] or None, mention.role)
                settled[key].aliases = list(actor.aliases)
    for mention in mentions:  # pronouns and surnames share their antecedent's actor
        mention.actor = settled.get((mention.actor.id, mention.actor.code or ""), mention.actor)
    if home is not None:
        settle_divisions(article, kb, mentions, home)
    return mentions


def _foreign(text: str, start: int, kb: ActorKB) -> bool:
    """Whether a foreign word ("foreign", "overseas") stands right before a role word."""
    before = text[max(0, start - FOREIGN_WINDOW) : start].split()
    return bool(before) and before[-1].lower() in kb.foreign_words


def role_countries(mentions: list[Mention], divisions: frozenset[str], kb: ActorKB) -> dict[str, set[str]]:
    """The countries the article gives each role word ("the South African archbishop") and,
    under `SECTOR_KEY` + sector, those of every actor of each sector it names ("an Indian
    warship", "Tehran" for GOV); a country named like a division of the article's country
    ("Georgia prosecutors") is none."""
    found: dict[str, set[str]] = {}
    for mention in mentions:
        country = mention.actor.country
        named = (kb.country_name(country) or "").lower() if country else ""
        if not country or named in divisions or named_institution(mention, kb):
            continue
        # "hospitals in Egypt" are those there, not the article's other hospitals
        if mention.rule.startswith("country-role") and mention.role and not LOCATED.search(mention.text):
            found.setdefault(mention.role, set()).add(country)
        if mention.actor.sector:
            found.setdefault(SECTOR_KEY + mention.actor.sector, set()).add(country)
    return found


def named_institution(mention: Mention, kb: ActorKB) -> bool:
    """A hospital, school or place of worship named by its proper name ("the Turkish
    Friendship Hospital" in Gaza, "the American University of Beirut"): a country in the name
    says who founded or funds it, not where it stands, so it gives no country to the
    article's other doctors, teachers or clergy."""
    words = mention.text.split()
    return len(words) > 1 and any(word[:1].isupper() and word.lower() in kb.institution_words for word in words[1:])


def _described_country(described: dict[str, set[str]], mention: Mention, home: str | None) -> str | None:
    """The one country the article gives this role word elsewhere; in an article about no one
    country, else the one it gives this sector ("The Navy" after "an Indian warship")."""
    by_role = described.get(mention.role or "", set())
    if len(by_role) == 1:
        return next(iter(by_role))
    code = mention.actor.code or ""
    by_sector = described.get(SECTOR_KEY + code[3:6], set()) if home is None and code[3:6] else set()
    return next(iter(by_sector)) if len(by_sector) == 1 else None


def settle_divisions(article: Article, kb: ActorKB, mentions: list[Mention], home: str) -> None:
    """A country's name that is also a division of the article's country is that division
    ("Georgia prosecutors" in a story about the United States are American)."""
    divisions = kb.divisions.get(home, frozenset())
    people: dict[str, Actor] = {}
    for mention in mentions:
        actor = mention.actor
        if actor.country in (None, home):
            continue
        if actor.kind == "person":
            # "Senator Johnny Isakson of Georgia": the country came from a division's name.
            after = PERSON_OF_PLACE.match(article.text, mention.end)
            places = _leading_phrases(after.group(1)) if after else []
            country = (kb.country_name(actor.country) or "").lower()
            if country in places and country in divisions:
                people[actor.id] = named_actor("person", actor.name, home, (actor.code or "")[3:] or None,
                                               mention.role)
            continue
        if actor.kind not in ("country", "organisation"):
            continue
        named = mention.text.lower().removesuffix("'s").removesuffix("’s")
        for phrase in _leading_phrases(named):
            if phrase in divisions:
                agent = (actor.code or "")[3:] or None
                mention.actor = generic_actor(kb, home, agent, mention.text, mention.role)
                mention.place = mention.place or agent is None
                break
    for mention in mentions:  # the person's later mentions (surname, pronoun) too
        mention.actor = people.get(mention.actor.id, mention.actor)
