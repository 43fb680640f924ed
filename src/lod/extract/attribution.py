"""Who a figure is attributed to: the organization that speaks in its sentence, a person's organization, or the
publisher of an institution's own report (never a source that names no organization)."""

from __future__ import annotations

import re
from bisect import bisect_left
from datetime import date

from lod.extract import rulefiles
from lod.extract.document import Document
from lod.extract.lexicon import COLLECTIVE_SPEAKERS, PLACE_NOUNS, UNNAMED_SOURCES
from lod.extract.mentions import ORG_HEAD_WORD
from lod.extract.sentences import Sentence
from lod.extract.statements import Found
from lod.model.records import OrgMention, Span
from lod.places.reconcile import Reconciler

def figure_reporter(doc: Document, reconciler: Reconciler, statement: Found | None, sentence: Sentence
              ) -> tuple[OrgMention | None, date | None]:
    c = doc.context
    if statement is None:
        if c.institution and sentence.text[:1] not in "\"“" and not _UNNAMED_SOURCE.search(sentence.text):
            return OrgMention(c.org_display.get(c.publisher_org or "", c.publisher_name or ""), None, c.publisher_org), c.published
        return None, None
    speaker = statement.speaker
    if speaker.rule in ("speaker-collective", "speaker-unnamed"):  # "activists say", "a local activist told": no organization
        return None, statement.date
    span = mention_span(doc, sentence, speaker.org_ref)
    if speaker.kind == "organization":
        return OrgMention(speaker.name, span, speaker.org_ref), statement.date
    if speaker.org_name and (_A_PLACE.match(speaker.org_name) or _A_CAMP.match(speaker.org_name)):
        # "former mayor of the town of X", "the manager of X camp in Y": a place, no organization
        return None, statement.date
    role = speaker.role or ""
    if role and _OFFICE_POST.search(role) and _no_body(speaker.org_name, reconciler):
        # "Qarazan Governor Name", "Name, Governor of Qarazan": the governor's office, as written
        name = role if speaker.org_name is None else f"{role} of {speaker.org_name}"
        if " " not in name.strip():
            return None, statement.date  # "..., governor Name told ABC": a post that names no office of a place
        return OrgMention(re.sub(r"^(?i:the)\s+", "", name), None, None), statement.date
    if role and _LOCAL_POST.search(role) and _no_body(speaker.org_name, reconciler):
        return None, statement.date  # "Aram Velde, the mayor of Qarazan": a town, no organization
    if speaker.org_name:
        # "head of the X monitoring group": the body's name without the words that say what it is
        name = _KIND_AFTER_NAME.sub("", speaker.org_name) if _KIND_AFTER_NAME.search(speaker.org_name) else speaker.org_name
        ref = reconciler.org(speaker.org_name) or reconciler.org(name)
        name = name if ref and name != speaker.org_name else speaker.org_name
        owner = re.match(r"(?:the\s+)?(?P<o>.+?)['’]s?\s+\w", speaker.org_name)
        if ref is None and owner and (owner_ref := reconciler.org(owner.group("o"))):  # "the X's political committee"
            ref = owner_ref
            name = c.org_display.get(owner_ref, owner.group("o"))
        if ref is None:  # "the foundation's coordinator": the organization of that kind named in the article
            head = speaker.org_name.split()[-1].lower().rstrip("’'s")
            for mention in doc.orgs:
                entry = reconciler.org_entry(mention.ref) if mention.ref else None
                if entry and head in entry.label.lower().split():
                    ref, name = entry.id, mention.text
                    break
        if ref:
            name = c.org_display.get(ref, name) if name.lower().startswith(("the ", "foundation")) else name
        return OrgMention(name, mention_span(doc, sentence, ref), ref), statement.date
    return None, statement.date


def _no_body(name: str | None, reconciler: Reconciler) -> bool:
    """Whether a person's "organization" names no body: none, or a place ("of Qarazan", "Qarazan's")."""
    return name is None or reconciler.org(name) is None and not any(ORG_HEAD_WORD.fullmatch(w) for w in name.split())


# the phrasings of an unnamed source: each named and explained, with its examples and counter-examples, in
# lod/rules/attribution.yaml
RULES = rulefiles.load("attribution", COLLECTIVE_SPEAKERS=COLLECTIVE_SPEAKERS, UNNAMED_SOURCES=UNNAMED_SOURCES)
_UNNAMED_SOURCE = RULES.pattern("unnamed_source")
_OFFICE_POST, _LOCAL_POST = RULES.pattern("office_post"), RULES.pattern("local_post")
_A_CAMP = RULES.pattern("a_camp")
_A_PLACE = re.compile(r"(?:the\s+)?(?:[A-Z][\w-]*\s+)?" + PLACE_NOUNS + r"\s+of\b")  # "the Westland town of X"
_KIND_AFTER_NAME = re.compile(r"(?<=[A-Za-z])\s+(?:(?:war\s+|rights\s+)?monitor(?:ing\s+(?:group|organi[sz]ation))?|rebel\s+group|"
                              r"group)$")


def mention_span(doc: Document, sentence: Sentence, ref: str | None) -> Span | None:
    low = bisect_left(doc.org_starts, sentence.start)
    high = bisect_left(doc.org_starts, sentence.end)
    for mention in doc.orgs[low:high]:
        if ref and mention.ref == ref:
            return Span(mention.start, mention.end, mention.rule)
    return None
