"""The home country of an article's outlet: what "the government" and "MPs" mean in a story
that names no country at all, as the outlet's readers take it.

Known outlets are data (`data/actors/outlets.yaml`, by name or web host); any other host
ending in a country's two-letter code (".co.uk", ".com.au", via pycountry) is that
country's, but for the codes sold to anyone for their letters (".tv", ".io").
"""

from __future__ import annotations

import functools
from importlib import resources
from urllib.parse import urlsplit

import pycountry
import yaml

# ISO 3166's code for the United Kingdom is GB; its web domain is .uk.
DOMAIN_EXCEPTIONS = {"uk": "GBR"}


@functools.cache
def _table() -> tuple[dict[str, str], frozenset[str]]:
    data = yaml.safe_load(resources.files("eventscope.data").joinpath("actors", "outlets.yaml").read_text("utf-8"))
    outlets = {name.lower(): country for country, names in data["outlets"].items() for name in names}
    return outlets, frozenset(data["generic_country_domains"])


def _key(name: str) -> str:
    """"The Guardian" -> "guardian", "https://www.bbc.co.uk/news" -> "bbc.co.uk"."""
    text = name.strip().lower()
    if "/" in text:
        text = urlsplit(text if "//" in text else f"//{text}").hostname or text
    for prefix in ("the ", "www."):
        text = text.removeprefix(prefix)
    return text


def outlet_country(outlet: str | None) -> str | None:
    """The ISO3 home country of an outlet given by name, web host or URL, if known."""
    if not outlet:
        return None
    outlets, generic = _table()
    key = _key(outlet)
    if key in outlets:
        return outlets[key]
    domain = key.rsplit(".", 1)[-1] if "." in key else ""
    if len(domain) != 2 or domain in generic:
        return None
    if domain in DOMAIN_EXCEPTIONS:
        return DOMAIN_EXCEPTIONS[domain]
    country = pycountry.countries.get(alpha_2=domain.upper())
    return country.alpha_3 if country else None
