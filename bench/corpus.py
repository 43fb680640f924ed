"""Generate a benchmark corpus: N articles in our format, varied like real reports, deterministic by seed.

    python bench/corpus.py N OUTDIR [--seed S]

Writes ``OUTDIR/articles/NNNNNN-*.txt`` (header form: Title, Source URL, Publisher, Published, then the body)
with a corrections file beside each (``.yaml``, as ``data/articles/`` has for the seed: the facts stated by
hand, quoting the body), and a copy of the reference data (``OUTDIR/reference/``), so that
``lod build --data-dir OUTDIR`` works. Towns and districts come from the gazetteer, reporters and actors from
``organizations.yaml``; speakers with their posts, units, qualifiers, weapons, event types and report dates
(spread over 2012-2024) are drawn from the lists below. The same N and seed always give the same bytes.
"""

from __future__ import annotations

import argparse
import csv
import random
import shutil
import sys
import unicodedata
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import yaml

REPO = Path(__file__).resolve().parent.parent
REFERENCE = REPO / "data" / "reference"

# (id in organizations.yaml, name written in the text)
REPORTERS = [
    ("erc-team-northern-syria", "Emergency Response Coordinators Team in Northern Syria"),
    ("ocha", "UN Office for the Coordination of Humanitarian Affairs"),
    ("unhcr", "UN refugee agency"),
    ("unicef", "UNICEF"),
    ("wfp", "World Food Programme"),
    ("who", "World Health Organization"),
    ("iom", "International Organization for Migration"),
    ("white-helmets", "Syria Civil Defence"),
    ("sohr", "Syrian Observatory for Human Rights"),
    ("afad", "AFAD"),
]
PUBLISHERS = [
    ("snc", "Syrian National Coalition", "en.etilaf.org"),
    ("enab-baladi", "Enab Baladi", "english.enabbaladi.net"),
    ("anadolu-agency", "Anadolu Agency", "www.aa.com.tr"),
    ("reuters", "Reuters", "www.reuters.com"),
    ("afp", "AFP", "www.afp.com"),
]
ACTORS = [
    ("syrian-government-forces", "Syrian government forces"),
    ("russian-armed-forces", "Russian forces"),
    ("iran-backed-militias", "Iran-backed militias"),
    ("hts", "Hayat Tahrir al-Sham"),
]
SPEAKER_ORGS = [
    ("snc", "Syrian National Coalition"),
    ("syrian-interim-government", "Syrian Interim Government"),
    ("white-helmets", "Syria Civil Defence"),
    ("ocha", "UN Office for the Coordination of Humanitarian Affairs"),
    ("unhcr", "UN refugee agency"),
]
ROLES = ["Secretary-General", "President", "spokesperson", "head", "director", "coordinator", "representative"]
FIRST = ["Ahmad", "Mohammad", "Omar", "Khaled", "Hadi", "Salem", "Yasser", "Nasr", "Fadi", "Bassam", "Rami",
         "Mustafa", "Hussein", "Abdulrahman", "Anas", "Riad", "Hiba", "Lina", "Rania", "Maryam", "Nour", "Samira"]
LAST = ["Al-Hariri", "Mustafa", "Al-Bahra", "Al-Abdah", "Al-Saleh", "Darwish", "Haddad", "Kassem", "Nasser",
        "Al-Khatib", "Idris", "Hamdan", "Shaker", "Barakat", "Yousef", "Al-Ahmad", "Mansour", "Othman"]
# (concept id, words in the text)
WEAPONS = [
    ("barrel-bomb", "barrel bombs"), ("cluster-munition", "cluster munitions"),
    ("incendiary-weapon", "incendiary weapons"), ("conventional-missile", "conventional missiles"),
    ("ballistic-missile", "ballistic missiles"), ("thermobaric-weapon", "vacuum bombs"),
    ("chemical-weapon", "chemical weapons"), ("nail-bomb", "nail bombs"),
]
UNITS = [("persons", "people"), ("households", "households"), ("families", "families"), ("individuals", "individuals")]
QUALIFIERS = [("exact", ""), ("approximately", "about"), ("more-than", "more than"), ("at-least", "at least"),
              ("less-than", "less than"), ("at-most", "up to")]
EVENTS = [
    ("bombing-campaign", ["bombing-campaign", "air-drone-strike"], "bombing campaign"),
    ("military-offensive", ["military-offensive", "battles"], "military offensive"),
    ("shelling", ["shelling-artillery-missile-attack", "explosions-remote-violence"], "artillery shelling"),
]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]
FIRST_DAY, DAYS = date(2012, 1, 1), 13 * 365


@dataclass(frozen=True)
class Place:
    ref: str
    name: str
    governorate: str  # the governorate's name
    governorate_ref: str


def gazetteer(reference: Path = REFERENCE) -> tuple[list[Place], list[Place]]:
    """Populated places and communities, and districts (with their governorate), skipping names the text cannot carry plainly."""
    with (reference / "syria-gazetteer.csv").open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    governorates = {r["pcode"]: r["name"] for r in rows if r["level"] == "1"}
    towns, districts = [], []
    for row in rows:
        gov = row["admin1_pcode"]
        name = row["name"]
        if gov not in governorates or not name.replace(" ", "").replace("-", "").replace("'", "").isalpha():
            continue
        place = Place(row["id"], name, governorates[gov], gov)
        if row["feature_type"] in ("populated place", "community"):
            towns.append(place)
        elif row["level"] == "2":
            districts.append(place)
    return towns, districts


def article(index: int, rng: random.Random, towns: list[Place], districts: list[Place]) -> tuple[str, str, dict[str, Any]]:
    """One article: its file stem, its text and its corrections."""
    town, district = rng.choice(towns), rng.choice(districts)
    reporter_ref, reporter = rng.choice(REPORTERS)
    _, publisher, host = rng.choice(PUBLISHERS)
    actor_ref, actor = rng.choice(ACTORS)
    org_ref, org = rng.choice(SPEAKER_ORGS)
    role = rng.choice(ROLES)
    speaker = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
    surname = speaker.split(" ", 1)[1]
    weapons = rng.sample(WEAPONS, rng.randint(1, 3))
    unit, unit_text = rng.choice(UNITS)
    qualifier, qualifier_text = rng.choice(QUALIFIERS)
    unit2, unit2_text = rng.choice(UNITS)
    event_key, event_types, event_words = rng.choice(EVENTS)
    published = FIRST_DAY + timedelta(days=rng.randrange(DAYS))
    reported = published - timedelta(days=rng.randint(0, 3))
    days = rng.randint(1, 10)
    since = reported - timedelta(days=rng.randint(12, 60))
    since = since.replace(day=1)
    figure = rng.randint(12, 90_000)
    figure2 = rng.randint(100, 400_000)
    weekday = WEEKDAYS[reported.weekday()]
    weapon_words = _listing([w for _, w in weapons])
    place_phrase = f"the town of {town.name} and nearby villages"
    figure_words = f"{figure:,}"
    observed = f"{qualifier_text} {figure_words} {unit_text}".strip()
    period_words = f"in the past {days} days" if days > 1 else "in the past 24 hours"
    obs1 = f"{observed} fled {place_phrase} {period_words}"
    sentence1 = (f"The {role} of the {org}, {speaker}, condemned the use of {weapon_words} by {actor} "
                 f"in {town.name} in {town.governorate} province.")
    sentence2 = (f"The {reporter} on {weekday} said that {obs1} as a result of the {event_words} by {actor}.")
    since_words = f"since the beginning of {MONTHS[since.month - 1]} {since.year}"
    obs2 = f"about {figure2:,} {unit2_text} have been displaced from {district.name} district {since_words}"
    sentence3 = f"{surname} said that {obs2}, and called for safe corridors for civilians."
    sentence4 = (f"{actor} have recently intensified the {event_words} on {town.governorate} province, "
                 f"according to local sources.")
    title = f"{figure_words} {unit_text} flee {town.name} as {event_words} intensifies"
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode("ascii").lower()
    slug = "-".join("".join(c if c.isalnum() else " " for c in ascii_title).split())[:60]
    url = f"https://{host}/news/{published:%Y/%m}/{index:06d}-{slug}.html"
    body = "\n\n".join([sentence1, sentence2, sentence3, sentence4])
    text = (f"Title: {title}\nSource URL: {url}\nPublisher: {publisher}\nPublished: {published.isoformat()}\n\n"
            f"{body}\n")
    event_label = f"{event_words.capitalize()} on {town.governorate} province by {actor}, {MONTHS[reported.month - 1]} {reported.year}"
    organizations = {name: {"name": name, "ref": ref} for ref, name in ((reporter_ref, reporter), (org_ref, org), (actor_ref, actor))}
    corrections: dict[str, Any] = {
        "organizations": list(organizations.values()),
        "places": [
            {"name": town.name, "ref": town.ref}, {"name": district.name, "ref": district.ref},
            {"name": f"{town.governorate} province", "ref": town.governorate_ref},
        ],
        "people": [{"name": speaker, "aliases": [surname], "role": role, "org": {"name": org, "ref": org_ref},
                    "text": f"{role} of the {org}, {speaker}"}],
        "events": [{
            "key": event_key, "label": event_label, "text": f"intensified the {event_words} on {town.governorate} province",
            "types": event_types, "actors": [{"name": actor, "ref": actor_ref}],
            "places": [{"name": f"{town.governorate} province", "ref": town.governorate_ref}],
            "weapons": [w for w, _ in weapons],
        }],
        "statements": [
            {"text": sentence1, "speaker": speaker, "verb": "condemned", "type": "condemnation",
             "date": published.isoformat(), "weapons": [w for w, _ in weapons], "events": [event_key]},
            {"text": sentence2, "speaker": reporter, "speaker_kind": "organization", "verb": "said", "type": "report",
             "date": reported.isoformat(), "events": [event_key]},
            {"text": sentence3, "speaker": speaker, "verb": "said", "type": "assessment", "date": published.isoformat()},
        ],
        "observations": [
            {"text": obs1, "statement": sentence2, "figure": figure, "figure_text": figure_words,
             "qualifier": qualifier, **({"qualifier_text": qualifier_text} if qualifier_text else {}),
             "unit": unit, "unit_text": unit_text, "category": "new-displacement",
             "places": [{"name": town.name, "ref": town.ref}], "area": place_phrase,
             "period": {"start": (reported - timedelta(days=days)).isoformat(), "end": reported.isoformat(),
                        "text": period_words},
             "reported_by": {"name": reporter, "ref": reporter_ref}, "reported_on": reported.isoformat(),
             "events": [event_key]},
            {"text": obs2, "statement": sentence3, "figure": figure2, "figure_text": f"{figure2:,}",
             "qualifier": "approximately", "qualifier_text": "about", "unit": unit2, "unit_text": unit2_text,
             "category": "idps", "places": [{"name": district.name, "ref": district.ref}],
             "period": {"start": since.isoformat(), "end": published.isoformat(), "text": since_words},
             "reported_by": {"name": org, "ref": org_ref}, "reported_on": published.isoformat()},
        ],
    }
    return f"{index:06d}-{slug}", text, corrections


def _listing(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def generate(count: int, out: Path, seed: int = 0, reference: Path = REFERENCE) -> list[Path]:
    """Write ``count`` articles (and their corrections) under ``out/articles`` and the reference data under
    ``out/reference``; return the article paths."""
    rng = random.Random(seed)
    towns, districts = gazetteer(reference)
    articles = out / "articles"
    articles.mkdir(parents=True, exist_ok=True)
    target = out / "reference"
    if target.resolve() != reference.resolve():
        shutil.copytree(reference, target, dirs_exist_ok=True)
    paths = []
    for index in range(count):
        stem, text, corrections = article(index, rng, towns, districts)
        path = articles / f"{stem}.txt"
        path.write_text(text, encoding="utf-8")
        header = f"# Corrections for {path.name}: generated by bench/corpus.py (seed {seed}).\n"
        dumped = yaml.safe_dump(corrections, allow_unicode=True, sort_keys=False, width=10_000)
        (articles / f"{stem}.yaml").write_text(header + dumped, encoding="utf-8")
        paths.append(path)
    return paths


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("count", type=int, help="how many articles")
    parser.add_argument("out", type=Path, help="the data folder to write (articles/ and reference/)")
    parser.add_argument("--seed", type=int, default=0, help="the same seed gives the same corpus")
    args = parser.parse_args(argv)
    paths = generate(args.count, args.out, args.seed)
    print(f"{len(paths)} articles in {args.out / 'articles'}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
