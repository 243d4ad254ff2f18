"""Convert the Phoenix PETRARCH dictionaries into eventscope's compact actor data.

Run once; the outputs under src/eventscope/data/actors/ are committed:

    .venv/bin/python scripts/build_actor_data.py /work/shared/dictionaries/phoenix

- phoenix_actors.json: {"actors": [{name, aliases, codes: [[code, from, to]], kind}],
  "places": {ISO3: [city and province names]}}. Country blocks (a name coded with a bare
  country code) become places: the curated countries.csv owns country names, demonyms and
  capitals, so the other names in those blocks are cities and regions, not actors.
- phoenix_agents.json: {role phrase: agent code}, plurals and substitution sets expanded.
- NOTICE: the Phoenix licence, kept with the converted data.
"""

from __future__ import annotations

import argparse
import csv
import json
from pathlib import Path

import yaml

from eventscope.actors.build import kind_of_code
from eventscope.actors.kb import phrase_key
from eventscope.actors.petrarch import (
    DictionaryEntry,
    display_name,
    read_petrarch_actors,
    read_petrarch_agents,
)

OUT = Path(__file__).resolve().parents[1] / "src" / "eventscope" / "data" / "actors"
ACTOR_FILES = ("Phoenix.International.actors.txt", "Phoenix.MilNonState.actors.txt", "Phoenix.Countries.actors.txt")
def iso(day) -> str | None:
    return day.isoformat() if day else None


def is_country_block(record: DictionaryEntry, countries: set[str]) -> bool:
    return any(spell.code in countries for spell in record.codes) and all(
        spell.code[:3] in countries and len(spell.code) in (3, 6) for spell in record.codes
    ) and any(len(spell.code) == 3 for spell in record.codes)


def kind_of(record: DictionaryEntry, countries: set[str], organisation_words: set[str]) -> str:
    """Phoenix does not say what an entry is: a name of 2-5 words without an organisation
    or role word ("council", "army", "minister") is taken for a person."""
    primary = record.codes[-1].code if record.codes else None
    kind = kind_of_code(primary, countries)
    if kind != "organisation":
        return kind
    words = phrase_key(record.phrase.replace("_", " ")).split()
    if 2 <= len(words) <= 5 and not organisation_words.intersection(words):
        return "person"
    return kind


def convert_actors(folder: Path, countries: set[str], organisation_words: set[str]) -> dict:
    actors = []
    places: dict[str, set[str]] = {}
    seen: set[str] = set()
    for name in ACTOR_FILES:
        for record in read_petrarch_actors(folder / name):
            if not record.codes:
                continue
            if name.startswith("Phoenix.Countries") and is_country_block(record, countries):
                iso3 = next(spell.code for spell in record.codes if len(spell.code) == 3)
                forms = places.setdefault(iso3, set())
                forms.update(display_name(phrase) for phrase in [record.phrase, *record.synonyms])
                continue
            key = phrase_key(record.phrase.replace("_", " "))
            if key in seen:
                continue
            seen.add(key)
            aliases = sorted({display_name(s) for s in record.synonyms} - {display_name(record.phrase)})
            actors.append(
                {
                    "name": display_name(record.phrase),
                    "aliases": aliases,
                    "codes": [[spell.code, iso(spell.start), iso(spell.end)] for spell in record.codes],
                    "kind": kind_of(record, countries, organisation_words),
                }
            )
    return {"actors": actors, "places": {iso3: sorted(forms) for iso3, forms in sorted(places.items())}}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("phoenix", type=Path, help="folder with the Phoenix dictionaries and LICENSE")
    args = parser.parse_args()
    with (OUT / "countries.csv").open(encoding="utf-8") as handle:
        countries = {row["iso3"] for row in csv.DictReader(handle)}

    agents = read_petrarch_agents(args.phoenix / "Phoenix.agents.txt")
    roles = yaml.safe_load((OUT / "roles.yaml").read_text(encoding="utf-8"))
    organisation_words = set(roles["organisation_words"]) | {
        word for phrase in [*agents, *roles["roles"]] for word in phrase.split() if " " not in phrase
    }
    data = convert_actors(args.phoenix, countries, organisation_words)
    (OUT / "phoenix_actors.json").write_text(
        json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8"
    )
    (OUT / "phoenix_agents.json").write_text(
        json.dumps(dict(sorted(agents.items())), ensure_ascii=False, indent=0), encoding="utf-8"
    )
    licence = (args.phoenix / "LICENSE").read_text(encoding="utf-8")
    (OUT / "NOTICE").write_text(
        "phoenix_actors.json and phoenix_agents.json are converted by scripts/build_actor_data.py\n"
        "from the Phoenix dictionaries of the Open Event Data Alliance (Phoenix.Countries.actors.txt,\n"
        "Phoenix.International.actors.txt, Phoenix.MilNonState.actors.txt, Phoenix.agents.txt),\n"
        "distributed under this licence:\n\n" + licence,
        encoding="utf-8",
    )
    print(f"{len(data['actors'])} actors, {sum(map(len, data['places'].values()))} places, {len(agents)} agents")


if __name__ == "__main__":
    main()
