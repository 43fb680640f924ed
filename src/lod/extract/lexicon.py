"""Word lists the rules share: reporting verbs, role words, place descriptors, world places, weapons.

Kept apart from the rules so a reader can see (and extend) the vocabulary in one place.
"""

from __future__ import annotations

# Reporting verbs -> statement type. Longer forms first; matched case-insensitively.
REPORTING_VERBS: dict[str, str] = {
    "condemned": "condemnation", "condemns": "condemnation", "condemn": "condemnation",
    "denounced": "condemnation", "denounces": "condemnation", "deplored": "condemnation",
    "called on": "appeal", "calls on": "appeal", "call on": "appeal", "calling on": "appeal",
    "recalls on": "appeal", "called for": "appeal", "calls for": "appeal", "call for": "appeal",
    "urged": "appeal", "urges": "appeal", "urge": "appeal", "appealed": "appeal", "appeals": "appeal",
    "demanded": "appeal", "demands": "appeal",
    "accused": "allegation", "accuses": "allegation", "alleged": "allegation",
    "said": "assessment", "says": "assessment", "stated": "assessment", "states": "assessment",
    "added": "assessment", "adds": "assessment", "stressed": "assessment", "stresses": "assessment",
    "pointed out": "assessment", "points out": "assessment", "warned": "assessment", "warns": "assessment",
    "told": "assessment", "tells": "assessment", "announced": "assessment", "announces": "assessment",
    "estimated": "assessment", "estimate": "assessment", "estimates": "assessment",
    "reiterated": "assessment", "described": "assessment", "noted": "assessment", "notes": "assessment",
    "explained": "assessment", "confirmed": "assessment", "confirms": "assessment", "reported": "assessment",
    "reports": "assessment", "affirmed": "assessment", "emphasized": "assessment", "emphasised": "assessment",
    "indicated": "assessment", "revealed": "assessment", "declared": "assessment", "claimed": "assessment",
    "highlighted": "assessment", "asserted": "assessment", "mentioned": "assessment", "documented": "assessment",
}
ISSUING_VERBS = ("issued", "released", "published", "posted")

ROLE_HEADS = (
    "Secretary-General", "Secretary General", "Under-Secretary-General", "Director", "director", "head", "Head",
    "chief", "Chief", "spokesperson", "spokesman", "spokeswoman", "Spokesperson", "Spokesman", "coordinator",
    "Coordinator", "manager", "Manager", "Minister", "minister", "Envoy", "envoy", "President", "president",
    "Commissioner", "commissioner", "commander", "Commander", "official", "representative", "Representative",
    "Ambassador", "ambassador", "chairman", "Chairman", "member", "Member", "researcher", "activist",
    "correspondent", "reporter", "Governor", "governor", "Mayor", "mayor", "Deputy", "adviser", "advisor",
)
TITLES = frozenset("Mr Mrs Ms Dr Prof Sheikh Gen General Colonel Col Lt Captain Capt".split())

DIRECTION = (
    r"(?:(?:north|south|east|west)(?:[- ]?(?:east|west))?(?:ern)?|central|greater|rural|upper|lower)"
)
AREA_SUFFIX = r"(?:province|provinces|governorate|governorates|region|area|countryside|city|de-escalation\s+(?:zone|area))"
PLACE_NOUNS = r"(?:town|village|city|region|area|province|governorate|district|sub-district|countryside|camp)"

# Places outside the Syria gazetteer that these texts name: countries, cities, regions.
WORLD_PLACES: tuple[str, ...] = (
    "Syria", "Turkey", "Türkiye", "Russia", "Iran", "Iraq", "Lebanon", "Jordan", "Israel", "Egypt",
    "Saudi Arabia", "Qatar", "United Arab Emirates", "United States", "U.S.", "USA", "America",
    "United Kingdom", "Britain", "Great Britain", "France", "Germany", "Italy", "Spain", "Greece", "Cyprus",
    "Netherlands", "Belgium", "Sweden", "Norway", "Denmark", "Switzerland", "Austria", "Poland", "Ukraine",
    "China", "Japan", "India", "Pakistan", "Afghanistan", "Yemen", "Libya", "Tunisia", "Algeria", "Morocco",
    "Sudan", "South Sudan", "Somalia", "Ethiopia", "Kenya", "Nigeria", "Mali", "Madagascar", "Mozambique",
    "Democratic Republic of the Congo", "Congo", "Venezuela", "Colombia", "Myanmar", "Bangladesh",
    "Europe", "Middle East", "Africa", "Asia", "Gaza", "West Bank", "Kurdistan",
    "Geneva", "New York", "Brussels", "Ankara", "Istanbul", "Moscow", "Tehran", "Beirut", "Amman", "Cairo",
    "Baghdad", "Washington", "London", "Paris", "Berlin", "Astana", "Nur-Sultan", "Sochi", "Gaziantep",
    "Hatay", "Reyhanli", "Kilis", "Sanliurfa", "Şanlıurfa", "Oncupinar", "Öncüpınar",
)
COUNTRY_ADJECTIVES = ("Turkish", "Syrian", "Lebanese", "Jordanian", "Iraqi", "Israeli", "Turkey", "Syria")

WEAPONS: dict[str, str] = {
    "incendiary-weapon": r"incendiary\s+(?:weapons?|bombs?|munitions?|ammunition)",
    "cluster-munition": r"cluster\s+(?:munitions?|bombs?|ammunition)",
    "conventional-missile": r"conventional\s+missiles?",
    "nail-bomb": r"nail(?:-filled|\s+filled)?\s+bombs?",
    "barrel-bomb": r"barrel\s+bombs?",
    "chemical-weapon": r"chemical\s+(?:weapons?|attacks?|munitions?)|(?:chlorine|sarin)\s+(?:gas|attacks?)",
    "thermobaric-weapon": r"vacuum\s+bombs?|thermobaric\s+(?:bombs?|weapons?)",
    "ballistic-missile": r"ballistic\s+missiles?",
    "rocket": r"rockets?(?=\s+(?:and|attacks?|strikes?|fire|launchers?)\b|[,.])",
    "artillery-shell": r"artillery(?:\s+(?:shelling|strikes?|fire|shells?))?",
    "aerial-bomb": r"air\s*strikes?|airstrikes?|aerial\s+(?:bombardment|strikes?)|air\s+raids?",
}
# Weapons that any report of fighting names: naming them is not an allegation (keys of WEAPONS)
COMMON_WEAPONS = frozenset({"aerial-bomb", "artillery-shell"})
EVENT_TRIGGERS: dict[str, str] = {
    "bombing-campaign": r"(?:bombing|bombardment|aerial|air)\s+campaign|campaign\s+of\s+bombing",
    "military-campaign": r"military\s+campaign",
    "offensive": r"(?:military\s+|ground\s+|ongoing\s+)?offensive(?!\s+(?:weapons?|capabilit))",
    "onslaught": r"onslaught",
    "assault": r"assault",
    "escalation": r"military\s+escalation",
}
# Each campaign word's concept in the event-type scheme (ontology/concepts.ttl): keys of EVENT_TRIGGERS name
# the words, these the published types.
EVENT_TYPES: dict[str, str] = {
    "bombing-campaign": "bombing-campaign",
    "military-campaign": "military-offensive",
    "offensive": "military-offensive",
    "onslaught": "military-offensive",
    "assault": "military-offensive",
    "escalation": "military-offensive",
}
ARMED_ACTORS = frozenset({"syrian-government-forces", "russian-armed-forces", "iran-backed-militias", "hts",
                          "national-liberation-front"})
STOPWORDS = frozenset(
    "The A An In On At By For From To Of And Or But As If So It Its It's He She We They His Her Their Our "
    "This That These Those There Here Many Some Most Several Meanwhile However Since Following With Without "
    "During After Before Between Approximately Being Also While Where When What Who Why How According Update "
    "Recent Other Others Such More Less Not No Yes All Both Each Every Any Fighting Families Hostilities "
    "Aerial Ground Idleb's Team Group Coalition Regime Government Friday Monday Tuesday Wednesday Thursday "
    "Saturday Sunday January February March April May June July August September October November December "
    "Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec UN".split()
)
