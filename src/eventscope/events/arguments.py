"""Arguments of an event predicate: its source, its target and where it happened.

The source is the subject (the `by` agent when passive), the target the object, a
`with/to/against...` phrase or, for coordinated subjects ("X and his counterpart Y"), the
second party. Actors are the sentence's mentions overlapping those phrases. The place is
an "in/at <place>" phrase of the predicate or the place visited.

A country or capital the actors stage marks as named as a place (`Mention.place`: "to
Pakistan", "in Tehran") never acts, so it is never a source. It may be the target when
the verb points at it ("sent arms to Pakistan", "fired at Seoul", "arrived in Iraq") or,
with no other party, when the act took place in it and it is not the actor's own country
("lifted a curfew in Montenegro"); otherwise "in <place>" is only where it happened.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from eventscope import actors
from eventscope.actors.kb import ActorKB
from eventscope.common.parse import DependencyParse
from eventscope.common.places import Gazetteer, load_gazetteer
from eventscope.events.requests import addressed_by
from eventscope.records import Location, Mention, Sentence, Token
from eventscope.settings import Settings

Dyad = tuple[Mention | None, Mention | None, bool]


@dataclasses.dataclass(frozen=True)
class PlaceGazetteer:
    """Country of a place name, from the actor knowledge base's places and capitals: the
    base the actors stage loaded, given once when the coder is loaded; and `places`, the
    gazetteer that puts a place on the map."""

    actor_kb: ActorKB
    places: Gazetteer | None = None

    @classmethod
    def load(cls, settings: Settings) -> PlaceGazetteer:
        return cls(actors.load_actor_kb(settings), load_gazetteer())

    def country(self, name: str) -> str | None:
        for span in actors.find_actor_spans(name, self.actor_kb):
            if span.entry is not None and span.entry.country:
                return span.entry.country
        return None


def _overlapping(mentions: list[Mention], tokens: list[Token]) -> list[Mention]:
    if not tokens:
        return []
    spans = [(t.start, t.end) for t in tokens]
    found = [m for m in mentions if any(m.start < e and s < m.end for s, e in spans)]
    # A mention inside a longer overlapping one is part of it ("Iranian" in "Iranian army").
    return [
        m
        for m in found
        if not any(o is not m and o.start <= m.start and m.end <= o.end and (o.end - o.start) > (m.end - m.start) for o in found)
    ]


def _best_mention(mentions: list[Mention], head: Token) -> Mention | None:
    """The mention covering the phrase head, else the one nearest to it."""
    if not mentions:
        return None
    covering = [m for m in mentions if m.start <= head.start < m.end]
    if covering:
        return covering[0]
    return min(mentions, key=lambda m: min(abs(m.start - head.start), abs(m.end - head.end)))


class SentenceArguments:
    """Finds predicate arguments in one parsed sentence; `mentions` are the resolved actors
    inside it, `reporters` the tokens naming who reports it (never targets either)."""

    def __init__(
        self,
        parse: DependencyParse,
        text: str,
        mentions: list[Mention],
        cues: dict[str, Any],
        reporters: set[int] | frozenset[int] = frozenset(),
        gazetteer: PlaceGazetteer | None = None,
        opposed: tuple[Mention, ...] = (),
    ):
        self.parse = parse
        self.sentence: Sentence = parse.sentence
        self.text = text
        self.mentions = mentions
        # Who may act: not "in Tehran", nor the party an "anti-" word opposes (events.opposed).
        self.actors = [m for m in mentions if not m.place and all(m is not o for o in opposed)]
        self.cues = cues
        self.gazetteer = gazetteer
        self.args = cues["arguments"]
        self.clause_stop = frozenset(self.args["clause_deps"])
        # Places ("in Tehran") and reporters ("according to IRNA") are never targets.
        self.not_targets = frozenset(self._place_tokens() | set(reporters))
        self.opposed = opposed  # parties "anti-" words name (events.opposed): targets only
        self._content: dict[int, frozenset[int]] = {}

    def _place_tokens(self) -> set[int]:
        """Tokens of "in <place>" phrases: a place named there is where, not whom -- unless
        it is a country aimed at ("fired shells at Seoul": `at` also names targets)."""
        places: set[int] = set()
        for prep in self.parse.tokens:
            aims = prep.lemma.lower() in self.args["target_preps"]
            for place in self._places_of(prep):
                if not (aims and self._names_country(place)):
                    places.update(t.i for t in self.parse.subtree(place))
        return places

    def _names_country(self, token: Token) -> bool:
        """True when a country or capital named as a place covers the token."""
        return any(m.place and m.start <= token.start < m.end for m in self.mentions)

    def _places_of(self, prep: Token) -> list[Token]:
        """The places an "in/at <place>" preposition names (none for any other token)."""
        cues = self.cues["location"]
        if prep.dep != "prep" or prep.lemma.lower() not in cues["preps"]:
            return []
        return [obj for obj in self.parse.children[prep.i] if obj.dep == "pobj" and obj.ent_type in cues["labels"]]

    def _conjunct_actors(
        self, head: Token, exclude: frozenset[int] = frozenset(), places: bool = False
    ) -> list[tuple[Mention, Token]]:
        """One actor per conjunct of a (possibly coordinated) phrase, in text order;
        tokens in `exclude` are not looked at, countries named as places only with `places`."""
        heads = [head]
        for token in self.parse.subtree(head, self.clause_stop):
            if token.i == head.i:
                continue
            # A modifier heading its own coordination is a misparsed conjunct
            # ("Fornost and the awful Gondor" with Fornost as a modifier of Gondor).
            coordinated = token.dep in self.args["modifier_deps"] and any(
                c.dep == "cc" for c in self.parse.children[token.i]
            )
            if token.dep == "conj" or coordinated:
                heads.append(token)
        stop = self.clause_stop | {"conj"}
        found: list[tuple[Mention, Token]] = []
        others = {h.i for h in heads}
        for conjunct in heads:
            tokens = [
                t
                for t in self.parse.subtree(conjunct, stop)
                if t.i not in exclude and (t.i == conjunct.i or t.i not in others)
            ]
            mention = _best_mention(_overlapping(self.mentions if places else self.actors, tokens), conjunct)
            if mention and all(mention.actor.id != m.actor.id for m, _ in found):
                found.append((mention, conjunct))
        return found

    def subjects(self, verb: Token) -> tuple[list[Token], bool]:
        """Subject heads (climbing to a governing verb when the verb has none) and voice."""
        deps = set(self.args["subject_deps"])
        passive_markers = set(self.args["passive_markers"])
        current: Token | None = verb
        passive = any(c.dep in passive_markers for c in self.parse.children[verb.i]) or self._bare_participle(verb)
        while current is not None:
            subjects = [c for c in self.parse.children[current.i] if c.dep in deps]
            if subjects:
                if current.dep == "relcl" and subjects[0].tag in self.args["relative_pronouns"]:
                    head = self.parse.head(current)
                    subjects = [head] if head is not None else []
                return subjects, passive
            if current.dep == "acl" and current.tag == "VBN":
                head = self.parse.head(current)
                return ([head] if head is not None else []), True
            if current.dep == "acl" and (owner := self._noun_owner(self.parse.head(current))) is not None:
                return [owner], passive  # "Jordan's refusal to sign", "the decision of Iran to attack"
            if current.dep in self.args["own_subject_deps"]:
                return [], passive
            if (asked := self._addressee(current)) is not None:
                return [asked], passive  # "urged Sweden to expel them": Sweden is to expel
            if current.dep in ("pcomp", "pobj"):
                # Object control: "accused Israel of spying" -- Israel is the one spying.
                prep = self.parse.head(current)
                governor = self.parse.head(prep) if prep is not None else None
                controller = self.parse.child(governor, set(self.args["object_deps"])) if governor else None
                if controller is not None and controller.i < current.i:
                    return [controller], passive
            current = self.parse.head(current)
        return [], passive

    def _addressee(self, clause: Token) -> Token | None:
        """Whom a request asks to do its infinitive: the object of "urged X to", "called on X
        to", "appealed to X to" (before the infinitive), if the governor is a verb of asking."""
        governor = self.parse.head(clause)
        if clause.dep not in ("xcomp", "advcl") or governor is None or (
                governor.lemma.lower() not in self.cues["modality"]["requested_governors"]):
            return None
        kids = self.parse.children[governor.i]
        found = [c for c in kids if c.dep in self.args["object_deps"] and c.i < clause.i and clause.dep == "xcomp"]
        found += addressed_by(self.parse, governor, clause, self.cues["modality"]["addressee_preps"])
        return found[0] if found else None

    def _bare_participle(self, verb: Token) -> bool:
        """A past participle with no auxiliary or subject of its own, coordinated with a
        passive ("was arrested and charged") or an adjunct ("were held, accused of links"):
        passive too, so its subject is whom it befell."""
        if verb.tag != "VBN" or verb.dep not in ("conj", "advcl") or any(
                c.dep in ("aux", "auxpass", "nsubj", "nsubjpass") for c in self.parse.children[verb.i]):
            return False
        head = self.parse.head(verb)
        if verb.dep == "advcl":
            return head is not None and head.i < verb.i
        markers = set(self.args["passive_markers"])
        return head is not None and any(c.dep in markers for c in self.parse.children[head.i])

    def _noun_owner(self, noun: Token | None) -> Token | None:
        """Whose act a noun names: its possessor or its "of" phrase."""
        if noun is None or noun.pos != "NOUN":
            return None
        owner = self.parse.child(noun, {"poss"})
        if owner is not None:
            return owner
        of = next((c for c in self.parse.children[noun.i] if c.dep == "prep" and c.lemma.lower() == "of"), None)
        return self.parse.child(of, {"pobj"}) if of is not None else None

    def phrase_actors(self, heads: list[Token], places: bool = False) -> list[tuple[Mention, Token]]:
        """Actors of the first of several phrase heads that has any."""
        for head in heads:
            found = self._conjunct_actors(head, places=places)
            if found:
                return found
        return []

    def matched_noun_targets(self, matched: list[Token], sources: list[Mention | None]) -> list[Mention]:
        """Whom a pattern's own noun is aimed at: "resigned in protest over the government's
        laws" protests against the government. The noun is part of the predicate, so its
        "over"/"against" phrase (and whoever owns what it names) is the act's, not mere
        matter (`content_tokens`), as an "inquiry into" one is."""
        heads = [o for noun in matched if noun.pos == "NOUN" for p in self.parse.children[noun.i]
                 if p.dep == "prep" and p.lemma.lower() in self.args["matched_noun_preps"]
                 for o in self.parse.children[p.i] if o.dep == "pobj"]
        known = {m.actor.id for m in sources if m is not None}
        return [m for m, _ in self.phrase_actors(heads) if m.actor.id not in known][:1]

    def _antecedent_actors(self, verb: Token) -> list[tuple[Mention, Token]]:
        """For a pronoun subject, the subject of the clause it hangs from ("Syria denied
        that it attacked", "visited Tehran, where he met ...")."""
        current = verb
        while current.dep in self.args["antecedent_deps"] or current.pos != "VERB":
            governor = self.parse.head(current)
            if governor is None:
                break
            if governor.pos == "VERB":
                subjects, passive = self.subjects(governor)
                if subjects and not passive:
                    return self.phrase_actors(subjects)
            current = governor
        return []

    def _object_heads(self, verb: Token) -> list[Token]:
        """Candidate target phrase heads of an active verb, most direct first."""
        heads: list[Token] = []
        kids = self.parse.children[verb.i]
        heads += [c for c in kids if c.dep in self.args["object_deps"]]
        for prep in kids:
            if prep.dep == "prep" and prep.lemma.lower() in self.args["target_preps"]:
                heads += [c for c in self.parse.children[prep.i] if c.dep == "pobj"]
        for clause in kids:
            if clause.dep == "xcomp":
                heads += self._object_heads(clause)
        return heads

    def content_tokens(self, verb: Token) -> frozenset[int]:
        """Tokens that only tell what a prepositional object is about: a phrase nested in it
        by a preposition other than the part-of and aimed-at ones ("called for an inquiry
        [into the handling of a visa for Mr Blunkett's nanny]"). Who is named there is the
        matter asked about or acted over, not the party acted on ("met the leaders of Iran",
        "called for a boycott against Israel" keep theirs)."""
        if verb.i not in self._content:
            keep = set(self.args["part_preps"]) | set(self.cues["location"]["preps"])  # places: `_place_tokens`
            found: set[int] = set()
            for prep in self.parse.children[verb.i]:
                if prep.dep != "prep":
                    continue
                for obj in (c for c in self.parse.children[prep.i] if c.dep == "pobj"):
                    for nested in self.parse.subtree(obj, self.clause_stop):
                        if nested.dep == "prep" and nested.lemma.lower() not in keep:
                            found.update(t.i for t in self.parse.subtree(nested))
            self._content[verb.i] = frozenset(found)
        return self._content[verb.i]

    def _object_actors(self, verb: Token, sources: list[Mention]) -> list[Mention]:
        """Actors of the verb's most direct object phrase naming any besides the sources; a
        phrase naming only countries as places ("celebrated at Osgiliath with Gondor") gives
        way to a later one naming a party."""
        places: list[Mention] = []
        excluded = self.not_targets | self.content_tokens(verb)
        for head in self._object_heads(verb):
            found = self._new_actors(self._conjunct_actors(head, excluded, places=True), sources)
            if found and not all(m.place for m in found):
                return found
            places = places or found
        return places

    def agent(self, verb: Token) -> Token | None:
        """The agent phrase of a passive verb ("by the IHRC"), if any. Parsers often hang it
        on the verb's object or on a noun of its phrases ("are being promised energy savings
        by the Liberal Democrats", "were injured in a raid by troops"): a passive's "by"
        phrase there still names who acts."""
        agent = self.parse.child(verb, {"agent"})
        if agent is None and self.subjects(verb)[1]:
            agent = next((by for by in self._misplaced_agents(verb) if self.phrase_actors([by])), None)
        if agent is None:
            return None
        return self.parse.child(agent, {"pobj"})

    def _misplaced_agents(self, verb: Token) -> list[Token]:
        """"by" phrases of the nouns a passive verb governs: its objects and the objects of
        its prepositions, in text order."""
        nouns = [c for c in self.parse.children[verb.i] if c.dep in self.args["object_deps"]]
        nouns += [p for c in self.parse.children[verb.i] if c.dep == "prep" for p in self.parse.children[c.i] if p.dep == "pobj"]
        found = [
            by for noun in nouns for by in self.parse.children[noun.i]
            if by.dep in ("prep", "agent") and by.lemma.lower() == self.args["agent_prep"]
        ]
        return sorted(found, key=lambda t: t.i)

    def dyads(self, verb: Token) -> list[Dyad]:
        """(source, target, reciprocal) for each dyad of a predicate.

        Coordinated phrases give one dyad per actor ("met Iraqi and Syrian leaders");
        coordinated subjects without an object act on each other ("Iran and Iraq
        signed"): those dyads are reciprocal, each way round.
        """
        subjects, passive = self.subjects(verb)
        subject_side = self.phrase_actors(subjects)
        if not subject_side and any(t.pos == "PRON" for t in subjects):
            subject_side = self._antecedent_actors(verb)
        if passive:
            agent = self.agent(verb)
            sources = [m for m, _ in self._conjunct_actors(agent)] if agent is not None else []
            targets = [m for m, _ in subject_side]
        else:
            sources = [m for m, _ in subject_side]
            targets = self._active_targets(verb, sources)
        if not targets and len(sources) > 1:
            return [(a, b, True) for a in sources for b in sources if a is not b]
        if passive and not sources and len(targets) > 1:
            return [(a, b, True) for a in targets for b in targets if a is not b]
        optional_sources: list[Mention | None] = list(sources) or [None]
        optional_targets: list[Mention | None] = list(targets) or [None]
        return [(s, t, False) for s in optional_sources for t in optional_targets]

    def co_subject_dyads(self, verb: Token, dyads: list[Dyad], code: str, paired: str) -> list[Dyad]:
        """Co-subjects of an act that is not mutual each act, on no one of them; of a mutual
        act (on "each other", or by a mutual code or a pattern the dictionary pairs,
        "[0312:0312]", with no object but their joint business: "signed an accord", not "held
        a press conference"), on each other, told once unless the code is symmetric or they
        act on "each other"."""
        each_other = self._each_other(verb)
        if any(reciprocal for _, _, reciprocal in dyads) and not (each_other or self._joint(verb, code, paired)):
            alone: list[Mention | None] = []
            for source, _, _ in dyads:
                if all(source is not other for other in alone):
                    alone.append(source)
            return [(source, None, False) for source in alone]
        return dyads if each_other or code[:2] in self.args["symmetric_roots"] else without_mirrors(dyads)

    def _joint(self, verb: Token, code: str, paired: str) -> bool:
        if code[:2] not in self.args["reciprocal_roots"] and not paired:
            return False
        objects = [c for c in self.parse.children[verb.i] if c.dep in self.args["object_deps"]]
        return all(o.lemma.lower() in self.args["joint_objects"] or o.text.lower() in self.args["joint_objects"]
                   for o in objects)

    def _each_other(self, verb: Token) -> bool:
        """Whether the verb acts on "each other" or "one another" (its object, or a
        preposition's): its co-subjects then act on each other whatever the act."""
        phrases = [c for c in self.parse.children[verb.i] if c.dep in self.args["object_deps"]]
        phrases += [o for p in self.parse.children[verb.i] if p.dep == "prep" for o in self.parse.children[p.i] if o.dep == "pobj"]
        return any((o.lemma.lower(), d.lemma.lower()) in RECIPROCAL_PRONOUNS
                   for o in phrases for d in self.parse.children[o.i])

    def _active_targets(self, verb: Token, sources: list[Mention]) -> list[Mention]:
        """Whom an active verb acts on, the most direct evidence first."""
        targets = self._object_actors(verb, sources)
        if targets:
            return targets
        if verb.dep == "conj" and not any(c.dep in self.args["subject_deps"] for c in self.parse.children[verb.i]):
            # "met with X in Tehran and signed a memorandum": signed with X too.
            governor = self.parse.head(verb)
            if governor is not None and governor.pos == "VERB":
                shared = [t for _, t, reciprocal in self.dyads(governor) if t is not None and not reciprocal]
                targets = [t for t in shared if all(t.actor.id != s.actor.id for s in sources)]
                if targets:
                    return targets
        if verb.lemma.lower() in self.args["arrival_verbs"]:
            # "arrived in Iraq": the country arrived in is the one visited.
            places = [p for c in self.parse.children[verb.i] for p in self._places_of(c)]
            targets = self._new_actors(self.phrase_actors(places, places=True), sources)
            if targets:
                return targets
        targets = self._new_actors(self._later_actors(verb), sources)[:1]
        if targets or len(sources) > 1:
            return targets  # coordinated sources with no other party act on each other
        clause = {t.i for t in self.parse.subtree(verb, self.clause_stop | set(self.args["report_deps"]))}
        opposed = [m for m in self.opposed if any(t.start == m.start and t.i in clause for t in self.parse.tokens)]
        if opposed:
            return self._new_actors([(m, verb) for m in opposed], sources)[:1]  # "anti-government protesters rallied"
        return self._foreign_places(verb, sources)[:1]

    @staticmethod
    def _new_actors(found: list[tuple[Mention, Token]], sources: list[Mention]) -> list[Mention]:
        known = {m.actor.id for m in sources}
        return [m for m, _ in found if m.actor.id not in known]

    def _later_actors(self, verb: Token) -> list[tuple[Mention, Token]]:
        """Actors named after the verb anywhere in its subtree (reported speech aside)."""
        tokens = [
            t
            for t in self.parse.subtree(verb, frozenset(self.args["report_deps"]))
            if t.i > verb.i and t.i not in self.not_targets and t.i not in self.content_tokens(verb)
        ]
        mentions = sorted(_overlapping(self.mentions, tokens), key=lambda m: m.start)
        return [(m, verb) for m in mentions]

    def _foreign_places(self, verb: Token, sources: list[Mention]) -> list[Mention]:
        """Countries named as where the act happened, other than the actor's own: with no
        other party, "lifted a curfew in Montenegro" is done to Montenegro."""
        clause = self.parse.subtree(verb, self.clause_stop | set(self.args["report_deps"]))
        own = {m.actor.country for m in sources}
        places = [m for m in _overlapping(self.mentions, clause) if m.place and m.actor.country not in own]
        return sorted(places, key=lambda m: m.start)

    def location(self, verb: Token, clause: list[Token]) -> Location | None:
        """Where: an "in/at <place>" phrase of the verb, then of its clause's nouns (parsers
        often hang the place on a nearby noun), never of a clause of its own ("to discuss
        the situation in Gaza", "which worries Washington"); else the place its object names
        ("visited Tehran", "shelled the city of Kharkiv"); else, for a verb coordinated
        with another ("met in Tehran and signed") or its participle ("shelled Kharkiv,
        killing three"), that verb's place."""
        cues = self.cues["location"]
        # A participle on a noun ("a memorandum expanding cooperation ... in Tehran") often
        # carries the verb's own misattached place; any other clause has a place of its own.
        wider = self.parse.subtree(verb, frozenset(self.args["report_deps"]) | (self.clause_stop - {"acl"}))
        wider.sort(key=lambda t: (t.head != verb.i, t.i))
        for prep in wider:
            for place in self._places_of(prep):
                return self._place(place)
        lemma = verb.lemma.lower()
        for obj in self.parse.children[verb.i]:
            if obj.dep not in ("dobj", "obj"):
                continue
            if obj.ent_type in cues["labels"] and (lemma in cues["destination_verbs"] or lemma in cues["struck_verbs"]):
                return self._place(obj)  # "visited Tehran", "shelled Kharkiv"
            if obj.lemma.lower() in cues["place_nouns"]:
                # "the city of Kharkiv": the place the noun names.
                for prep in self.parse.children[obj.i]:
                    if prep.dep == "prep" and prep.lemma.lower() == "of":
                        named = [p for p in self.parse.children[prep.i] if p.ent_type in cues["labels"]]
                        if named:
                            return self._place(named[0])
        head = self.parse.head(verb)
        shares_place = verb.dep == "conj" or (verb.dep == "advcl" and verb.tag == "VBG")  # "shelled X, killing"
        if shares_place and head is not None and head.pos == "VERB":
            return self.location(head, [t for t in self.parse.subtree(head, self.clause_stop) if t.i != verb.i])
        return None

    def _place(self, token: Token) -> Location:
        labels = self.cues["location"]["labels"]
        entity = next(
            (e for e in self.sentence.entities if e.start <= token.start < e.end and e.label in labels),
            None,
        )
        start, end = (entity.start, entity.end) if entity else (token.start, token.end)
        name = self.text[start:end]
        mention = next((m for m in self.mentions if m.start < end and start < m.end), None)
        country = mention.actor.country if mention else None
        if country is None and self.gazetteer is not None:
            country = self.gazetteer.country(name)
        return Location(name=name, country=country)


RECIPROCAL_PRONOUNS = frozenset({("other", "each"), ("another", "one")})


def without_mirrors(dyads: list[Dyad]) -> list[Dyad]:
    """Reciprocal dyads once each (first named acting on second), for a code that is not
    symmetric: two sides that clashed are one fight, not two."""
    kept: list[Dyad] = []
    for source, target, reciprocal in dyads:
        if reciprocal and any(s is target and t is source for s, t, _ in kept):
            continue
        kept.append((source, target, reciprocal))
    return kept
