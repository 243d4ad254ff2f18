"""Implied agents of law enforcement: "was arrested", "was charged with murder", "was
sentenced to life". The passive names no agent, yet only a state's police or courts arrest,
charge and sentence, and the one they act on is a suspect: the CAMEO manual codes these as
the police or judiciary acting on a criminal (COP/JUD -> CRM), not as an act by no one.

Which verbs imply which agent is cue data (`implied_agents` in `data/cameo/cues.yaml`). The
agent's country is where the act happened, else the country the article is about (as the
actors stage settled it), else the country of the one acted on, else unknown. The implied
actor is recorded as a mention of the verb (rule `implied`), so it is stored and its
evidence shown.
"""

from __future__ import annotations

from dataclasses import dataclass

from eventscope.actors.make import cameo_code
from eventscope.common.parse import DependencyParse
from eventscope.common.places import country_names
from eventscope.records import Actor, Article, Location, Mention, Token, content_id


@dataclass(frozen=True)
class ImpliedAgents:
    """`agents`: verb lemma -> the sector that alone does it; `codes`: the same for a coded
    act whose verb has many senses ("find" guilty); `labels`: sector -> its name; `suspect`:
    the sector of a person it is done to; `person_nouns`: nouns naming a person."""

    agents: dict[str, str]
    codes: dict[str, str]
    labels: dict[str, str]
    suspect: str
    person_nouns: frozenset[str]
    violence_roots: frozenset[str]
    attack_preps: frozenset[str]
    attack_nouns: frozenset[str]

    @classmethod
    def from_data(cls, cues: dict) -> ImpliedAgents:
        data = cues["implied_agents"]
        return cls(dict(data["verbs"]), {str(k): v for k, v in data["codes"].items()}, dict(data["labels"]), data["suspect"],
                   frozenset(data["person_nouns"]), frozenset(data["violence_roots"]), frozenset(data["attack_preps"]),
                   frozenset(data["attack_nouns"]))


def state_actor(country: str | None, sector: str, label: str) -> Actor:
    """The country's sector as one actor, with the id the actors stage gives it ("code:USACOP");
    of no known country, it is coded as PETRARCH does ("---COP")."""
    code = cameo_code(country, sector)
    name = f"{country_names().get(country, country)} {label}" if country else label
    return Actor(id=content_id("actor", f"code:{code}"), name=name, code=code, country=country,
                 sector=sector, aliases=[label], kind="organisation")


def _mention(article: Article, sentence_index: int, token: Token, actor: Actor) -> Mention:
    mention = Mention(sentence=sentence_index, start=token.start, end=token.end, text=token.text,
                      actor=actor, rule="implied")
    article.mentions.append(mention)
    return mention


def implied_parties(
    cues: ImpliedAgents, parse: DependencyParse, verb: Token, code: str, subjects: list[Token],
    source: Mention | None, target: Mention | None, location: Location | None, home: str | None,
    article: Article, sentence_index: int,
) -> tuple[Mention | None, Mention | None]:
    """(source, target) of a law-enforcement passive: with no agent phrase, the police or
    courts of where it happened are the source. A person the passive is about who is not
    otherwise an actor ("the driver was charged") becomes a suspect of the agent's country;
    a named person of no known role ("Smith was charged") is that suspect. Any other act
    keeps its (source, target), but violence names its agent by the attack it happened in."""
    if source is None and code[:2] in cues.violence_roots:
        return attack_agent(cues, parse, verb, article, sentence_index), target
    sector = cues.agents.get(verb.lemma.lower()) or cues.codes.get(code)
    if sector is None or (source is None and parse.child(verb, {"agent"}) is not None):
        return source, target
    country = (location.country if location else None) or home or (target.actor.country if target else None)
    if source is None:
        source = _mention(article, sentence_index, verb, state_actor(country, sector, cues.labels[sector]))
    else:
        country = source.actor.country or country
    if target is None:
        person = next((s for s in subjects if s.ent_type == "PERSON" or s.lemma.lower() in cues.person_nouns), None)
        if person is not None:
            target = _mention(article, sentence_index, person,
                              state_actor(country, cues.suspect, cues.labels[cues.suspect]))
    elif _of_no_role(target.actor):
        _make_suspect(target.actor, cues.suspect)
    return source, target


def attack_agent(cues: ImpliedAgents, parse: DependencyParse, verb: Token, article: Article,
                 sentence_index: int) -> Mention | None:
    """Who carried out the attack a passive act of violence happened in: the actor named by
    the attack noun's modifiers ("a Taliban attack", "an Israeli air strike") or by its own
    "by" phrase ("an attack by militants")."""
    mentions = [m for m in article.mentions if m.sentence == sentence_index]
    for prep in parse.children[verb.i]:
        if prep.dep not in ("prep", "agent") or prep.lemma.lower() not in cues.attack_preps:
            continue
        for noun in parse.children[prep.i]:
            if noun.dep != "pobj" or noun.lemma.lower() not in cues.attack_nouns:
                continue
            named = [c for c in parse.children[noun.i] if c.dep in ("compound", "amod", "poss", "nmod") and c.i < noun.i]
            named += [o for p in parse.children[noun.i] if p.dep == "prep" and p.lemma.lower() == "by"
                      for o in parse.children[p.i] if o.dep == "pobj"]
            for token in named:
                found = next((m for m in mentions if m.start <= token.start < m.end), None)
                if found is not None:
                    return found
    return None


def _of_no_role(actor: Actor) -> bool:
    """A person the dictionaries and the text give no role: a civilian only by default."""
    return actor.kind == "person" and not actor.roles and actor.sector in (None, "CVL")


def _make_suspect(actor: Actor, sector: str) -> None:
    """The person is, in this article, the suspect the police or courts act on."""
    actor.sector = sector
    actor.code = cameo_code(actor.country, sector)
