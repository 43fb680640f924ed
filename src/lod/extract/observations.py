"""Displacement observations: which numbers in a sentence are displacement *flows*.

A number counts when it is a head count (a people unit such as "people", "civilians", "families",
"households", or a bare number followed by a verb) and its predicate is a flow:

* object position: "has displaced nearly 900,000", "the displacement of 28,852 families", "forced N
  people out of their homes", "the number of civilians who fled ... has reached N" (``flow-object``);
* subject position: the first predicate after the figure is a flight verb ("fled", "were displaced",
  "moved", "escaped", "were forced to leave"; ``flow-subject``).

A number is not a flow when the nearer predicate is a casualty ("killed", "the death of"), a stock
("live in", "home to", "hosts", "sheltering", "population of", "in need"), a projection ("might cause
displacement of", "could"), or when it is money, a percentage, a date, a duration or counts things
(trucks, camps, airstrikes). Figures joined by "consisting of", "with a total of", "or" or a bracket
share one predicate and each makes an observation; "out of N" is a denominator and is skipped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lod.extract.cues import Gated, end_width, search_end
from lod.extract.dates import MON, WEEKDAY
from lod.extract.lexicon import (
    COUNTRY_ADJECTIVES, FIGURE_PREDICATES, FLOW_OBJECTS, FLOW_UNITS, FORCING_VERBS, NOT_FLOW_OBJECTS, PEOPLE_DEMONYMS,
    PEOPLE_GROUPS, POPULATION_SHARES, SOURCE_CITATION,
    PERSON_UNITS, RETURN_CUES, UNIT_ABBREVIATIONS, UNIT_ADJECTIVES, alternation,
)
from lod.extract.numbers import NumberMention, find_numbers

# words before the unit: "more", "newly displaced", a nationality ("<demonym> refugees")
_ADJ = r"(?:" + alternation(UNIT_ADJECTIVES + COUNTRY_ADJECTIVES) + r")"
_PEOPLE = alternation(PERSON_UNITS + PEOPLE_DEMONYMS + tuple(UNIT_ABBREVIATIONS))
# one noun before the unit ("camp residents", "village families"), not a word that joins or predicates
_NOUN_BEFORE_UNIT = (r"(?!(?:for|of|to|and|or|but|with|from|in|on|at|by|the|a|an|while|when|as|have|has|had|were|was|are|is|be|"
                     r"been|than|who|that|which|said|says|more|some|all|those|these|them|their|its|his|her|our|became|become|becoming)\b)"
                     # not a unit itself: "4,000 families displaced" counts families, not "displaced" people
                     r"(?!(?:individuals|families|households|persons|people)\s)[a-z]{3,}\s+")
_UNIT = re.compile(
    r"\s*(?P<adj>(?:(?:" + _ADJ + r"|[A-Z][\w’'-]+|(?:[a-z]+-)?[a-z]{3,}(?:ed|ing|ly|ful|ous|ive|ic|al|ian|ish|ese|less|ary|ent|ant))\s+){0,3}"
    r"(?:" + _NOUN_BEFORE_UNIT + r")?)(?P<u>internally\s+displaced\s+(?:people|persons)|" + _PEOPLE + r"|" + PEOPLE_GROUPS + r")\b",
)
# "5,000 of the town's residents", "20,000 of its inhabitants": a part of a people unit, counted in it
_OF_UNIT = re.compile(r"\s*of\s+(?:the|its|their|[\w’'-]+['’]s)\s+(?:[\w’'-]+\s+){0,2}?(?P<u>" + _PEOPLE + r")\b")
# "20,000 of the town's 50,000 residents", "20,000 of its estimated 50,000 people": a part of a population counted after it
_OF_COUNTED_WHOLE = re.compile(r"\s*of\s+(?:(?:the\s+)?[\w’'-]+['’]s|the|its|their)\s+(?:(?:estimated|roughly|some|about|around|nearly|"
                               r"approximately)\s+)?[\d][\d,.]*(?:\s+(?:million|thousand))?\s+(?:[\w’'-]+\s+)?(?P<u>" + _PEOPLE + r")\b")
_WHOLE_OF_A_PART = re.compile(r"\d\s+of\s+(?:(?:the\s+)?[\w’'-]+['’]s|the|its|their)\s+(?:(?:estimated|roughly|some|about|around|nearly|"
                              r"approximately)\s+)?$")
_UNIT_CODE = {"individuals": "individuals", "families": "families", "households": "households",
              **{short.lower(): unit for short, unit in UNIT_ABBREVIATIONS.items()}}
_BARE_FOLLOWERS = re.compile(
    r"\s*(?:$|[,.;:)]|(?:" + FIGURE_PREDICATES["flow"] + r"|have|has|had|were|was|are|is|of\s+(?:those|them|whom)|"
    r"\(\s*(?:since|in|over|during|from|between|as\s+of|past|last|this)\b|out\s+of|inside|abroad|across|internally|and|or|more|went|headed|(?:going|moving)\s+(?:to|into|towards)|to\s+(?:flee|leave|escape|move|abandon|seek)|who|that|since|from|into|in|on|this|last|during|within|over|"
    r"as\s+(?:of|at)|so\s+far|to\s+date|altogether|between|until|at\s+the\s+(?:end|start|beginning)\s+of|(?:a|per|each|every)\s+day|daily|according|"
    r"the\s+(?:previous|preceding)\s+(?:day|week|month|year)|the\s+(?:day|week|month|year)\s+before|"
    r"(?:a|one|two|three|four|several)\s+(?:days?|weeks?|months?|years?)\s+(?:earlier|before)|by\s+(?:the\s+end\s+of\s+)?(?:" + WEEKDAY + r"|"
    r"" + MON + r"|mid-|early|late|then|now))\b)", re.IGNORECASE,
)
# a bare number, a few words (no other number, no full stop), then a flight: "5,000 already fled", "5,000 — mostly
# women and children — have fled"
_BARE_BEFORE_FLOW = re.compile(r"\s*(?:[—–-]+\s*[^\d.;—–]{1,40}?[—–-]+\s*)?(?:(?:so\s+far|in\s+total|to\s+date|[a-z]+ly|already|now|alone|altogether|overall|also|since|then|"
                               r"all|more|still|later|just|have|has|had|were|was|are|been|being)\s+){0,3}(?:" + FIGURE_PREDICATES["flow"] + r")\b")
_CONNECTOR = re.compile(r"^\s*(?:,?\s*(?:consisting\s+of|comprising|numbering|amounting\s+to|including|(?:with\s+|for\s+)?a\s+total\s+of|totall?ing|or|"
                        r"(?:the\s+)?equivalent\s+(?:to|of)|"
                        r"i\.e\.|that\s+is|and|to)\s*|\s*\(\s*|\s*[-–—/]+\s*)$", re.IGNORECASE)
_SKIP_AFTER = re.compile(r"^\s*(?:%|percent|per\s+cent|dollars|euros|USD|US\$|pounds|" + MON + r"(?!\w)|(?:and|to|-)\s+\d{1,2}\s+" + MON + r")", re.IGNORECASE)
_SKIP_BEFORE = re.compile(r"(?:[$€£]|US\$|USD\s?|" + MON + r"\s?|\bNo\.\s?|\bresolution\s|:)$", re.IGNORECASE)
_SKIP_WIDTH = end_width(_SKIP_BEFORE)  # a few characters: searched there only, not in the whole text before

_FLOW_OBJECT = re.compile(
    r"\b(?:" + FLOW_OBJECTS + r"|" + FORCING_VERBS + r"(?P<forced>))\s*(?:the\s+|some\s+|an?\s+)?"
    r"(?:(?:another|further|additional|other)\s+)?$", re.IGNORECASE,  # "received a further 1,200 families"
)
# a count of people said to be of some kind ("1,200 of the arrivals are children"): who they are, not how many moved
_WHO_THEY_ARE = re.compile(r"\s*(?:are|were|was|is)\s+(?:(?:mostly|mainly|reportedly|all|believed\s+to\s+be|said\s+to\s+be)\s+)?"
                           r"(?:children|women|minors|girls|boys|men|elderly|under\s+(?:the\s+age|\d)|aged|older|disabled|"
                           r"unaccompanied|infants|pregnant|female|male)\b", re.IGNORECASE)
# a finite verb or a relative pronoun after a part's count: "including 20,000 who fled" (a flow of its own), not
# "including 125,000 people displaced from elsewhere" (a participle that describes a part of a population)
_FINITE_OR_RELATIVE = re.compile(r"\b(?:who|that|which|have|has|had|were|was|are|is|been)\b", re.IGNORECASE)
_CITATION = re.compile(SOURCE_CITATION)
_PART = re.compile(r"(?:\bincluding|\b(?:of|among)\s+(?:them|whom))\s*$", re.IGNORECASE)
# a place (or any capitalised name) and nothing else between two figures: "..., Y some 21,500 and Z district 17,000"
_GAPPED = re.compile(r"^\s*(?:,\s*(?:and\s+)?|and\s+)(?:the\s+)?[A-Z][\w’'-]*(?:\s+(?:(?:al|el|an|ash|as|ar|ad)[-\s])?[\w’'-]+){0,3}\s*$")
# "20,000 of them in the past week" (a part of the flow, by time or place), not "20,000 of them children" (who they are)
# a flow told without a count: "Thousands of people fled", "displaced tens of thousands of residents"
_VAGUE_FLOW = re.compile(r"\b(?:thousands|hundreds|tens\s+of\s+thousands|hundreds\s+of\s+thousands|scores|many)\b[^.;\d]*?"
                         r"\b(?:" + FIGURE_PREDICATES["flow"] + r")\b|\b(?:" + FLOW_OBJECTS + r")\s+(?:tens\s+of\s+|hundreds\s+of\s+)?"
                         r"(?:thousands|hundreds)\b", re.IGNORECASE)
# "A week ago, the agency had put the figure at 45,000", "officials say their number is 20,000": the count of the flow
#  just told (in figures or in words), given again
FIGURE_AT = re.compile(
    r"\b(?:(?:put|puts|putting|placed|places|estimated|estimates|estimate|gave|gives)\s+(?:the|this|that|its|their)\s+"
    r"(?:figure|number|total|tally|count)s?\s+at|(?:the|this|that|their)\s+(?:figure|number|total|tally|count)s?\s+"
    r"(?:is|was|are|were|stands\s+at|stood\s+at|has\s+reached|had\s+reached|reached|(?:has\s+|had\s+)?(?:risen|rose|climbed|grown|grew)\s+to)"
    r"(?:\s+(?:now|already|estimated\s+at))?)\s+$", re.IGNORECASE)


# a count in brackets after a place: "Northtown (38,000)"
_PLACE_BRACKET = re.compile(r"[A-Z][\w’'-]+(?:\s+[\w’'-]+){0,2}\s*\(\s*$")
_OF_THEM = re.compile(r"\s*of\s+(?:them|whom|those)\s+(?:in|on|during|since|over|from|to|into|within|alone)\b", re.IGNORECASE)
# where a part of the flow just counted went: "2,000 of whom went to the north", "Of the 5,000 who fled, 2,000 went to X"
_PART_WENT = re.compile(r"\s*(?:of\s+(?:them|whom)\s+)?(?:went|have\s+gone|had\s+gone|headed|made\s+their\s+way|"
                        # "10,000 fled since Saturday, with around 6,000 going to X": a part by where it went
                        r"(?:going|heading|moving|fleeing)(?=[^.;]{0,3}$|\s+(?:to|into|towards)\b))\s+(?:to|into|towards)\b"
                        r"(?!\s+(?:school|work|bed|court|war|vote|the\s+polls|hospital)\b)",
                        re.IGNORECASE)
# a label before a colon that says what the figure after it counts (bullets and headings of situation reports)
_LABEL = re.compile(r"^\s*(?:[•*-]\s*)?(?P<l>[^:;.]{3,80}):\s*$")
_LABEL_FLOW = re.compile(r"\b(?:displac\w*|(?:new\s+)?arrivals|(?:IDP\s+|population\s+)?movements|fled|fleeing|exodus|outflows?|influx|"
                         r"evacuat\w*|newly\s+displaced)\b", re.IGNORECASE)
_LABEL_NOT_FLOW = re.compile(r"\b(?:population|hosted|hosting|living|in\s+need|returns?|returnees|returned|killed|deaths?|"
                             r"casualties|injured|wounded|projected|planning|planned|expected|people\s+in\s+need|remain\w*|stock)\b",
                             re.IGNORECASE)
# a figure given for comparison, counted in the same terms as the one before
_COMPARED = re.compile(r"(?:,?\s*(?:up|down)\s+from|,?\s*compared\s+(?:with|to))\s+(?:a\s+(?:peak|high|record)\s+of\s+)?$"
                       # "fell from 1.3 million in 2015 to 824,000 in 2016": the figure it changed to
                       r"|\b(?:fell|dropped|declined|decreased|rose|increased|grew|climbed|jumped)\s+from\s+[^;]{1,40}?\s+to\s+$",
                       re.IGNORECASE)
# nothing before a sentence's first figure but its qualifier words or a connective: the figure is the subject
_SUBJECT_START = re.compile(r"^\W{0,3}(?:(?:and|but|so|while|meanwhile|in\s+all|in\s+total|overall|altogether)\s*,?\s*)?$",
                            re.IGNORECASE)
_OF_THESE = re.compile(r"^\s*Of\s+(?:these|them|those|this\s+number|this\s+total|the\s+total)\s*,?\s*(?:some|about|around|nearly|over|more\s+than)?\s*$",
                       re.IGNORECASE)
# a count that continues a flow told just before: "another 3,000", "a further 3,000", "followed by 3,000", "3,000 more"
_MORE_BEFORE = re.compile(r"\b(?:another|a\s+further|an\s+additional|followed\s+by|with\s+(?:another|a\s+further))\s*$",
                          re.IGNORECASE)
_MORE_AFTER_FIGURE = re.compile(r"\s*more\b", re.IGNORECASE)
_MORE_TAIL = re.compile(r"\s*(?:(?:people|civilians|families|individuals|persons|residents|refugees)\s+)?(?:followed\b|following\b|did\s+the\s+same\b|"
                        r"joined\s+them\b|(?:on|in|during|over|by|the\s+(?:next|following)|later|overnight|to|into|towards|from|this|last|"
                        r"earlier|yesterday|today|since)\b|"
                        r"[.;]|$)", re.IGNORECASE)
_ELLIPSIS_BEFORE = re.compile(r"(?:,|;|\band|\bwhile|\bwith\s+(?:a\s+further|another))\s*(?:a\s+further|another|some)?\s*$", re.IGNORECASE)
_ELLIPSIS_AFTER = re.compile(r"\s*(?:(?:to|into|towards)\s+(?:the\s+(?!total\b)[\w’'-]|[A-Z]|(?:nearby|neighbouring|neighboring|other|"
                             r"surrounding|safer|northern|southern|eastern|western|north|south|east|west)\b|"
                             r"[a-z]+-(?:held|controlled|run|led)\b)|"  # "and 10,000 to government-held areas"
                             # "2,500 fled on Wednesday, about 5,000 on Thursday and a further 8,000 on Friday": a day, and
                             # no verb of its own after it
                             r"(?:on\s+(?:" + WEEKDAY + r"|\d{1,2}\s+" + MON + r"|" + MON +
                             r"\s+\d{1,2})|the\s+(?:following|next|previous)\s+day|overnight)(?:\s+(?:alone|night|morning|evening))?"
                             r"(?=\s*(?:[,.;]|and\b|$)))")
_INSERTION = re.compile(r"^\s*(?:,|[–—-]+|\()\s*(?:among\s+(?:them|whom)|including|of\s+(?:them|whom))\s*$", re.IGNORECASE)
# a part counted first, then who it is: "50,000 people, 20,000 of them children, fled" (commas, dashes or brackets)
_OPEN_PART = re.compile(r"^\s*(?:,|[–—-]+|\()\s*$")
_OF_THEM_PART = re.compile(r"\s+of\s+(?:them|whom)\b", re.IGNORECASE)
_AMONG = re.compile(r"^\s*(?:are|were|is|was)\s+(?:also\s+|reportedly\s+)?among\s+(?:the\s+|them\s*,?\s*)?$", re.IGNORECASE)
# "N displaced" with no verb after it in its clause: the participle is the predicate ("300 killed and 20,000 displaced")
_PARTICIPLE_UNIT = re.compile(r"(?:^|(?<!internally)\s)(?:displaced|uprooted)$", re.IGNORECASE)
_FINITE = re.compile(r"\b(?:are|is|were|was|have|has|had|will|would|receiv\w*|get|got|gets|need\w*|lack\w*|live\w*)\b",
                     re.IGNORECASE)
# a figure that is the object of a verb of inquiry or care is not a flow ("interviewed 42 people who left")
_NOT_FLOW_OBJECT = re.compile(r"\b(?:" + NOT_FLOW_OBJECTS + r")\s*(?:the\s+|some\s+|an?\s+)?$", re.IGNORECASE)
# "half of the town's 40,000 residents have fled": the figure is the population, the share fled (lexicon population_shares)
_SHARE_BEFORE = re.compile(r"\b" + POPULATION_SHARES + r"\s*$", re.IGNORECASE)
_FLOW_UNIT = re.compile(r"(?:^|\s)" + FLOW_UNITS + r"$", re.IGNORECASE)
_FORCED_TAIL = re.compile(r"^\s*(?:" + _ADJ + r"\s+)*(?:" + _PEOPLE + r")?\s*"
                          r"(?:out\b|from\b|to\s+(?:flee|leave|move|escape|safety)\b|fleeing\b|into\s+displacement|"
                          # a crossing: "an exodus that has brought 30,000 people over the bridge / across the border"
                          r"(?:over|across)\s+(?:the\s+)?(?:[\w’'-]+\s+){0,2}?(?:border|bridge|river|frontier|mountains?|"
                          r"crossing|line|hills?|sea)\b)", re.IGNORECASE)
# A running total of a flow: "the number of civilians who fled ... has reached N", "the number of people
# displaced since X had risen to N", "the total number of displaced people has reached N", "bringing the
# total number of people displaced ... to N". The people counted are those who fled, so it is a flow.
_TOTAL_VERBS = (r"(?:(?:reached|reaches|rose\s+to|has\s+risen\s+to|risen\s+to|stands\s+at|stood\s+at|is|was|hit|hits|exceeded|"
                r"passed|surpassed|topped|tops|exceeds|exceeding|climbed\s+to|(?:estimated|put|placed)\s+at|at|"
                r"(?:rose|risen|increased|grew|grown|climbed)\s+by|reaching|rising\s+to|climbing\s+to|standing\s+at|to)"
                # "reached a record 25,000", "hit a new high of"
                r"(?:\s+(?:a\s+)?(?:record(?:\s+high\s+of)?|new\s+high\s+of|peak\s+of|total\s+of))?)")
# "the number of new arrivals reached 5,000": a unit that is a flow by itself needs no relative clause
_NUMBER_OF_FLOW_UNIT = re.compile(r"\bnumber\s+of\s+(?:" + FLOW_UNITS + r"|evacuees)\b.*\b" + _TOTAL_VERBS + r"\s*$", re.IGNORECASE)
_NUMBER_OF = re.compile(
    r"\bnumber\s+of\s+(?:(?:newly|internally|forcibly)\s+)?(?:(?P<pre>displaced|uprooted)\s+)?(?:\w+\s+){0,3}?"
    r"(?P<u>displaced\s+(?:people|persons)|those|" + _PEOPLE + r")"
    r"(?:(?<=[Dd]isplaced)|(?(pre)|\s+(?:(?:who|that)\s+(?:have\s+|had\s+|were\s+|has\s+)?(?:been\s+)?(?:" + FIGURE_PREDICATES["flow"] + r")|"
    r"(?:newly\s+)?(?:displaced|uprooted|fleeing|evacuated|expelled|deported|crossing|arriving|entering))\b))"
    r".*\b" + _TOTAL_VERBS + r"\s*$",
    re.IGNORECASE,
)
# The figure before the running total it gives: "bringing to 1.1 million the number of refugees who have fled",
# not "bring to 32,000 the number of refugees sheltering in the province" (a stock)
_BRING_TO = re.compile(r"\b(?:bring|brings|bringing|brought|raising|raises|raised|pushing|pushed|taking|took)\s+to\s*$",
                       re.IGNORECASE)
_NUMBER_OF_AFTER = re.compile(
    r"\s*the\s+(?:total\s+|overall\s+)?number\s+(?:of\s+)?(?:(?:newly|internally|forcibly)\s+)?(?:displaced\b|uprooted\b|"
    r"(?:people|persons|civilians|those|refugees|residents)\s+(?:(?:newly|internally|forcibly)\s+)?(?:displaced|uprooted)\b|"
    r"(?:[\w-]+\s+){0,3}?(?:who|that)\s+(?:have\s+|had\s+|has\s+)?(?:now\s+)?(?:been\s+)?(?:fled|displaced|left|escaped|"
    r"uprooted|crossed|arrived|entered|exited|(?:came|went|got)\s+out(?!\s+(?:to|in|for|against|on)\b)|(?:been\s+)?evacuated|been\s+forced))", re.IGNORECASE)
# A projection whose cue follows the figure: "displacement of up to N people is possible", "... could follow".
_PROJECTION_AFTER = re.compile(
    r"^[^,;.]{0,60}?\b(?:(?:planned|scheduled|due)\s+for\b|(?:is|are|was|were|would\s+be|remains?|seems?)\s+(?:also\s+)?(?:possible|likely|expected|"
    r"feared|anticipated|projected|foreseen|probable|possible)|(?:could|might|may|would|will)\s+(?:also\s+)?"
    r"(?:follow|occur|result|ensue|come|take\s+place|happen|be\s+(?:displaced|uprooted|forced)|flee))\b",
    re.IGNORECASE,
)
# A reduced relative clause: "N people displaced since December are sheltering ...": the participle
# describes the people; the sentence's own predicate (here a stock) decides.
_AUXILIARY = re.compile(r"\b(?:have|has|had|were|was|are|is|been|being|be|who|that|which)\b", re.IGNORECASE)
# "N people who fled the fighting are now living in camps": the relative clause's verb describes them
_RELATIVE = re.compile(r"\s*,?\s*(?:who|that)\s+(?:have\s+|had\s+|has\s+)?(?:also\s+)?(?:been\s+)?", re.IGNORECASE)
# "5,000 people who were displaced in the past week": a relative clause that says who the people are
_DEFINING = re.compile(r"\s*,?\s*(?:who|that)\s+(?:have\s+|had\s+|has\s+|were\s+|was\s+)?(?:also\s+|recently\s+|just\s+)?(?:been\s+)?",
                       re.IGNORECASE)
# returnees who flee once more are displaced again: "5,000 returnees were displaced again by the fighting"
_FLED_AGAIN = re.compile(r"\s*(?:(?:have|has|had|were|was|been|are|is)\s+)*(?:\w+ly\s+)?(?:fled|displaced|uprooted|forced\s+to\s+flee|"
                         r"forced\s+(?:out|from)|driven\s+(?:out|from)|expelled|escaped)\b", re.IGNORECASE)
_WHO = re.compile(r"\s*,?\s*(?:who|that)\b", re.IGNORECASE)
# the wounded or sick among the people counted, inserted before their verb ("951 people, including 108 wounded, arrived")
_WOUNDED_PART = re.compile(r"\s*,?\s*(?:including|among\s+(?:them|whom)|of\s+whom)\s+(?:(?:some|about|around|more\s+than|at\s+least|over|nearly)\s+)?"
                           r"[\d,.]+\s+(?:(?:critically|seriously|severely|badly)\s+)?(?:wounded|injured|sick)(?:\s+(?:people|persons|civilians|patients))?"
                           r"(?:\s+(?:people|persons|civilians|patients|and\s+sick))?\s*,?", re.IGNORECASE)
# a new subject after the figure's clause: "4,000 had arrived since Saturday and more were expected" (the projection is
# of the others)
_OTHERS_AFTER = re.compile(r"\b(?:and|but|while|with)\s+(?:many\s+|thousands\s+|hundreds\s+|still\s+|even\s+)?(?:more|others)\b",
                           re.IGNORECASE)
# people counted as part of a flow who have gone home since: "30,000 of those displaced have since returned"
_RETURNED_AFTER = re.compile(r"\s*(?:of\s+(?:those|the|them|whom)(?:\s+[\w-]+){0,3}?\s+)?(?:(?:have|has|had|were|are)\s+)?(?:(?:since|now|already|all|mostly|reportedly|largely)\s+)*"
                             r"(?:returned|gone\s+back|went\s+back|come\s+back|came\s+back)\b", re.IGNORECASE)
# the main verb of people who fled, when they went home: "200 families who had fled the fighting returned to the town"
_RETURNED = re.compile(r"\b(?:have\s+|had\s+|has\s+|are\s+(?:now\s+)?|were\s+)?(?:returned|returning|went\s+back|came\s+back|gone\s+back|going\s+back|coming\s+back)\b",
                       re.IGNORECASE)
# people going home are no displacement flow (lexicon return_cues)
_RETURN = re.compile(r"\b(?:" + RETURN_CUES + r")\b", re.IGNORECASE)
# A flow noun whose count is given: "the exodus had reached 60,000", "displacement figures rose to 250,000"
# "Nearly 6,000 people left, taking the total since January to 20,000": the running total of that flow
# the verbs of a running total's relative clause: "bringing the number who have entered since ... to 30,000"
_WHO_MOVED = r"(?:fled|entered|crossed|arrived|left|escaped|exited|(?:came|went|got)\s+out(?!\s+(?:to|in|for|against|on)\b)|been\s+(?:displaced|evacuated|forced\s+out))"
_TOTAL_AFTER_FLOW = re.compile(r"\b(?:bringing|taking|raising|pushing)\s+(?:the\s+)?(?:overall\s+)?(?:(?:total|tally|figure)\b(?:\s+number\b)?|"
                               r"(?:total\s+)?number\b(?=\s+(?:of\s+)?(?:\w+\s+)?(?:displaced|uprooted|who\s+(?:have\s+|had\s+)?" + _WHO_MOVED + r")\b))"
                               # "bringing the total number (of people) displaced since January to 300,000"
                               r"(?:\s+of\s+(?:people|persons|civilians|those|families|individuals|refugees|IDPs))?"
                               r"(?:\s+(?:newly\s+|internally\s+)?(?:displaced|uprooted)|\s+who\s+(?:have\s+|had\s+)?" + _WHO_MOVED + r")?"
                               r"(?:\s+(?:since|for|so\s+far|this|in|over|during)\b[^.;,]{0,40}?)?\s+to\s*$", re.IGNORECASE)
# "Those displaced number about 30,000", "the displaced now number 200,000": the people who fled, counted
_THOSE_NUMBER = re.compile(r"\b(?:(?:those|the|people|civilians)\s+(?:newly\s+)?(?:displaced|uprooted)|those\s+who\s+(?:have\s+|had\s+)?"
                           r"(?:fled|left|been\s+displaced)|those\s+(?:fleeing|escaping|leaving))\b[^;.]{0,40}?\s+(?:now\s+)?(?:number(?:ed|s)?|(?:(?:are|were|is|was)\s+)?estimated\s+at|"
                           r"total(?:l?ed|s)?)\s*$", re.IGNORECASE)
_FLOW_TOTAL = re.compile(r"\b(?:(?:exodus|outflow|influx|flight)(?:\s+of\s+[^.;,\d]{0,60}?(?=\s))?|displacements?|arrivals|departures|evacuations|"
                         # "the flow of refugees reached N"
                         r"flows?\s+of\s+(?:[\w-]+\s+)?(?:refugees|people|IDPs|displaced|civilians|families|Syrians)|"
                         r"(?:IDP|population|displacement)\s+movements|"
                         # "Numbers fleeing the town rose to 5,000", "the number fleeing": those in flight, counted
                         r"numbers?\s+(?:fleeing|escaping|leaving|crossing|arriving)\b[^.;,\d]{0,40}?(?=\s))\b(?:\s+(?:figures?|numbers?|totals?|toll))?"
                         # "New displacements in 2017 reached 2.9 million": a short phrase of time or place between
                         # "Arrivals on Tuesday numbered 3,000", "Arrivals into the district reached 5,000"
                         # "The exodus since 1 February has reached 46,000": a day of a month in that phrase
                         r"(?:\s+(?:in|during|since|over|for|from|across|on|into|to|at)\s+[^.;,\d]{0,30}?(?:\b\d{1,2}\s+[A-Z][a-z]+\b)?"
                         r"(?:\b(?:19|20)\d\d\b)?)?"
                         r"\s+(?:has\s+|had\s+|have\s+|now\s+)?(?:reached|rose\s+to|risen\s+to|climbed\s+to|hit|topped|tops|"
                         r"exceeded|exceeds|passed|surpassed|stands\s+at|stood\s+at|totall?ed|totals|numbered|numbers|"
                         # "New displacements fell from 1.3 million in 2015 to 824,000 in 2016"
                         r"(?:fell|dropped|declined|decreased|rose|increased|grew|climbed|jumped)\s+from)\s*$"
                         # "The new arrivals, more than 23,000 since 3 June, are mostly women": a count in apposition
                         r"|\b(?:(?:new\s+|latest\s+|recent\s+)?(?:arrivals|displacements|newcomers|evacuees)|influx|exodus|outflow)\s*[,(–—]\s*(?:of\s+)?$",
                         re.IGNORECASE)
# "the highest number of new displacements in 2017, with 2.9 million": a count given for a flow named before it
_WITH_FLOW = re.compile(r"\b" + FLOW_UNITS + r"\b[^.;:]{0,80},\s*with\s+(?:a\s+total\s+of\s+|some\s+|about\s+|around\s+|over\s+|nearly\s+)?$",
                        re.IGNORECASE)
_CASUALTY_BEFORE = re.compile(r"\b(?:killed|killing|deaths?\s+of|injur\w*(?:\s+of)?|wound\w*|massacred|executed|arrested|"
                              r"detained)\s*(?:the\s+)?$", re.IGNORECASE)
_STOCK_BEFORE = re.compile(r"\b(?:home\s+to|(?:city|town|village|country|camp)\s+of|hosts?|hosting|houses|population\s+of|(?:estimated|put)\s+at|swelled\s+to|"
                           r"(?:grown|risen|grew|rose)\s+to|accommodat\w+|sheltering|shelters?|taken\s+in|"
                           r"need\s+of|assist\w*|aid\s+to|reach(?:ed)?|support\w*)\s*$", re.IGNORECASE)
# a place or a body that hosts the people counted: they are a stock, even when defined by their flight
_HOSTED_BEFORE = re.compile(r"\b(?:home\s+to|hosts|hosting|hosted|houses|housing|sheltering|shelters|accommodat\w+)\s*(?:the\s+)?$",
                            re.IGNORECASE)
# people taken in or registered within a stated period are arrivals ("took in 5,000 people last week", "registered
# 5,000 refugees since Monday"); with no period, those taken in are a stock ("has taken in nearly 4 million")
_TAKEN_IN = re.compile(r"\b(?:(?:took|taken|takes|taking|let|lets|letting)\s+in|absorbed|registered|registers|admitted|admits|admitting)"
                       r"\s*(?:some\s+|about\s+|around\s+|nearly\s+)?$",
                       re.IGNORECASE)
# ("as of last week" is the day of a count, not a period: "registered 560,000 refugees as of last week" is a stock)
_IN_A_PERIOD = re.compile(r"[^.;]{0,60}?\b(?:in\s+the\s+(?:past|last|previous)\b|since\b|(?<!as\sof\s)(?:this|last)\s+(?:week|month)\b|"
                          r"on\s+" + WEEKDAY + r"\b|over\s+the\s+weekend\b|yesterday\b|"
                          # "in 2018", "in May", "during the first half of 2015", "over the course of the year"
                          r"(?:in|during|throughout)\s+(?:(?:early|mid|late)[-\s]+)?(?:(?:19|20)\d\d\b|" + MON + r"(?!\w))|"
                          r"(?:in|during|throughout|over)\s+(?:the\s+course\s+of\s+)?the\s+(?:same\s+|first\s+|second\s+)?"
                          r"(?:year|half|quarter|months?)\b|between\s+\S+\s+and\b|from\s+\S+\s+(?:\S+\s+)?to\b)")
# a period that opens the sentence ("In 2018, the country registered ..."): the figure's period too
_FRONTED_PERIOD = re.compile(r"^\s*(?:In|During|Throughout|Since|Between|From|Over|Within)\s+[^,;.]{0,30}?(?:(?:19|20)\d\d|" + MON
                             + r"|weeks?|months?|year|days|hours|" + WEEKDAY + r")"
                             r"(?!\w)[^,;.]{0,20},")
# a day or a week that opens the sentence ("On Sunday, the camp registered 630 new families", "Last week, the country
# took in 2,000"), when no reporting verb follows it (then it is when the figure was said)
_FRONTED_DAY = re.compile(r"^\s*(?:On\s+(?:" + WEEKDAY + r"|\d{1,2}\s+" + MON + r"|" + MON
                          + r"\s+\d{1,2})|(?:Last|This)\s+(?:week|month)|Yesterday|Over\s+the\s+weekend)(?!\w)[^,;.]{0,20},"
                          r"(?![^;]*\b(?:said|says|say|told|tells|stated|announced|reported|added|estimated)\b)")
# an uncounted group estimated in an apposition: "Hundreds of families, estimated at about 2,000 people, fled": the
# predicate after it decides
_VAGUE_ESTIMATED = re.compile(r"\b(?:thousands|hundreds|dozens|scores)\s+of\s+[\w\s-]{1,30},\s*(?:estimated|put)\s+at\s*$", re.IGNORECASE)
_PROJECTION_BEFORE = re.compile(r"\b(?:could|might|may|would|will|expect\w*|anticipat\w*|predict\w*|forecast\w*|likely\s+to|risk\w*|threat\w*|feared?|"
                                r"potential(?:ly)?|plans?\s+to|prepar\w+\s+for|provides?\s+for|calls?\s+for|envisag\w*|foresees?)\b")
_AFTER = re.compile(
    "|".join(rf"(?P<{kind}>\b(?:{FIGURE_PREDICATES[kind]})\b)" for kind in ("flow", "casualty", "stock", "projection")),
    re.IGNORECASE,
)


# a name before a small number between commas: "Umm Ahmad, 41, who fled", "Hassan (34)"
_AGE_BEFORE = re.compile(r"\b[A-Z][a-z’'-]+\s*(?:,|\()\s*$")
_KIN_BEFORE = re.compile(r"\b(?:(?:his|her|their|my|our)(?:\s+\w+\s+and)?|(?:wife|husband|mother|father|parents|sister|brother)\s+and)\s+$",
                         re.IGNORECASE)


@dataclass(frozen=True)
class Figure:
    """One displacement figure in a sentence (offsets relative to the sentence)."""

    number: NumberMention
    unit: str
    unit_text: str
    end: int
    rule: str


@dataclass
class _Candidate:
    number: NumberMention
    unit: str | None
    unit_text: str
    end: int


def _candidate(text: str, number: NumberMention) -> _Candidate | None:
    after = text[number.end:]
    if number.value <= 1:
        return None  # "one person displaced every 38 seconds": a rate, never a count of a flow
    if number.value < 120 and _AGE_BEFORE.search(text[: number.start]) and re.match(r"\s*[,)]", after):
        return None  # "said Umm Ahmad, 41, who fled": an age
    if number.value < 20 and _KIN_BEFORE.search(text[: number.qstart]):
        return None  # "with his wife and four children": one family's members, not a count of people who fled
    skip = search_end(_SKIP_BEFORE, _SKIP_WIDTH, text, number.start)
    if skip and not (re.match(MON, skip.group(0), re.IGNORECASE) and number.value > 31 and not 1900 <= number.value <= 2100) \
            or _SKIP_AFTER.match(after):
        return None  # money, a day of a month ("May 12"), a resolution number; not "On 12 May 300 people fled"
    if re.match(r"\d", text[number.start:]) and 1900 <= number.value <= 2100 and "," not in number.text:
        unit = _UNIT.match(after)
        if not unit or re.search(r"[A-Z]", unit.group("adj")):
            return None  # a year ("in 2016 Town residents fled")
    unit = _UNIT.match(after)
    if unit:
        word = unit.group("u").lower()
        return _Candidate(number, _UNIT_CODE.get(word, "people"), unit.group(0).strip(), number.end + unit.end())
    if re.match(r"\s*(?:hours?|days?|weeks?|months?|years?)\b", after, re.IGNORECASE):
        return None
    whole = _OF_COUNTED_WHOLE.match(after)
    if whole:  # "displaced 20,000 of the town's 50,000 residents": the part counts in the whole's unit
        return _Candidate(number, _UNIT_CODE.get(whole.group("u").lower(), "people"), whole.group("u"), number.end + whole.end())
    part = _OF_UNIT.match(after)
    if part and not re.match(r"\s*of\s+(?:the|its|their|[\w’'-]+['’]s)\s+[\d,.]+", after):
        word = part.group("u").lower()  # not "20,000 of its 50,000 residents" (the whole is counted after "of")
        return _Candidate(number, _UNIT_CODE.get(word, "people"), part.group(0).strip(), number.end + part.end())
    if _NUMBER_OF_AFTER.match(after) and _BRING_TO.search(text[: number.qstart]):
        unit = re.match(r"\s*the\s+(?:total\s+|overall\s+)?number\s+of\s+(?:[\w-]+\s+){0,2}?(?P<u>" + _PEOPLE + r")\b", after,
                        re.IGNORECASE)
        code = _UNIT_CODE.get(unit.group("u").lower(), "people") if unit else None
        return _Candidate(number, code, unit.group("u") if unit else "", number.end)
    if number.range == "from":  # "between 5,000 and 7,000 people": the lower end counts what the upper end counts
        return _Candidate(number, None, "", number.end)
    if _BARE_BEFORE_FLOW.match(after) or _ELLIPSIS_AFTER.match(after):
        # "some 5,000 so far have fled", "5,000 — mostly women — fled"; "..., 3,000 to the coast" (a flow before decides)
        return _Candidate(number, None, "", number.end)
    if _MORE_BEFORE.search(text[max(0, number.qstart - 40): number.qstart]) and _MORE_TAIL.match(after):
        return _Candidate(number, None, "", number.end)  # "A further 3,000 followed on Tuesday"
    if re.match(r"\s*\(\s*[A-Z][\w’' -]{1,40}\)", after):
        return _Candidate(number, None, "", number.end)  # "Displaced: 12,000 (Northtown)": a count of a list, by place
    if _BARE_FOLLOWERS.match(after) and not re.match(r"\s*(?:of)\b", after, re.I) or re.match(r"\s*of\s+(?:those|them|whom)\b", after):
        return _Candidate(number, None, "", number.end)
    return None


def flow_label(text: str) -> bool:
    """Whether a label (a heading, or the words before a colon) names a flow: "Newly displaced by district",
    "Arrivals", not "Population" or "Returns"."""
    return bool(_LABEL_FLOW.search(text)) and not _LABEL_NOT_FLOW.search(text)


def find_figures(text: str, heading: bool = False, after_flow: str | None = None) -> list[Figure]:
    """The displacement figures in one sentence. ``heading``: the sentence is an item of a list under a heading that
    names a flow ("New displacements by district:" then "District A: 12,000"). ``after_flow``: the unit of the flow
    the sentence before ended with, which "Another 3,000 on Tuesday." continues."""
    if "[" in text or "*" in text:  # a note's mark after a number ("5,000[1] people", "5,000* people"), blanked in place
        text = re.sub(r"(?<=\d)(?:\[\d{1,3}\]|\*+)", lambda m: " " * len(m.group(0)), text)
    if ("–" in text or "—" in text) and (split := _breakdown(text, heading, after_flow)) is not None:
        return split  # "12,000 people – 5,000 from the town and 7,000 from the villages – have fled"
    if "(" in text:  # a source cited with its date ("60,000 (XYZ 02/07/2018)"): no counts, blanked in place
        text = _CITATION.sub(lambda m: " " * len(m.group(0)), text)
    colon = text.find(":")
    # a sentence that opens with a label of a flow: every count of its list is one ("Arrivals - X: 12,000; Y: 8,000")
    # (its dates may hold numbers: "Displaced since 1 June 2016: ...", not a count: "Some 5,000 fled: ...")
    listed = heading or (colon > 0 and not re.search(r"\d", re.sub(r"\b(?:19|20)\d\d\b|\b\d{1,2}\b", "", text[:colon]))
                         and flow_label(text[:colon]))
    numbers = find_numbers(text)
    candidates: list[_Candidate] = []
    for number in numbers:
        if re.search(r"\bout\s+of\s+(?:an?\s+(?:total\s+|pre-war\s+|estimated\s+)?(?:population|total)\s+of\s+)?$", text[: number.qstart],
                     re.IGNORECASE):
            continue  # a denominator: "44,000 civilians out of 428,000"
        if _WHOLE_OF_A_PART.search(text[: number.qstart]):
            continue  # the whole a part is counted of: "20,000 of the town's 50,000 residents" (a population)
        candidate = _candidate(text, number)
        if candidate is not None:
            candidates.append(candidate)
    # the lower end of a range counts only with its upper end ("12 to 15 trucks", "50 to 60 percent": neither)
    kept = {id(c.number) for c in candidates}
    candidates = [c for i, c in enumerate(candidates) if c.number.range != "from" or (
        i + 1 < len(candidates) and candidates[i + 1].number.range == "to" and id(candidates[i + 1].number) in kept)]
    groups: list[list[_Candidate]] = []
    for candidate in candidates:
        if groups and (_CONNECTOR.match(text[groups[-1][-1].end: candidate.number.qstart]) or _apposition(
                text, groups[-1][-1], candidate)):
            groups[-1].append(candidate)
        else:
            groups.append([candidate])
    figures: list[Figure] = []
    for index, group in enumerate(groups):
        if all(c.unit is None for c in group) and all(c.number.value < 10 for c in group):
            continue
        first, last = group[0], group[-1]
        before = text[: first.number.qstart]
        if re.fullmatch(r"passed|topped|tops|exceeded|exceeds|surpassed|surpasses", first.number.qualifier_text, re.IGNORECASE):
            before = text[: first.number.start]  # "... has passed 130,000": the qualifier is the running total's verb
        before = re.split(r"[;:]|\bwhile\b|\bwhereas\b", before)[-1]
        limit = groups[index + 1][0].number.qstart if index + 1 < len(groups) else len(text)
        after = text[last.end: limit]
        if index + 1 < len(groups) and (_INSERTION.match(after) or _AMONG.match(after) or (
                _OPEN_PART.match(after) and _OF_THEM_PART.match(text, groups[index + 1][-1].end))):
            # "some 35,000 people, among them 4,000 fighters, were evacuated": the predicate after the part is the
            # whole's; "50,000 children are among the 137,000 people who fled": the group's predicate is theirs
            inner_end = groups[index + 1][-1].end
            tail_limit = groups[index + 2][0].number.qstart if index + 2 < len(groups) else len(text)
            rest = text[inner_end: tail_limit]
            closing = re.match(r"[^,;.()–—]*[,)–—]", rest) if not _AMONG.match(after) else None
            after = rest[closing.end():] if closing else rest
        after = re.sub(r"\bout\s+of\s+(?:an?\s+(?:total\s+|pre-war\s+|estimated\s+)?(?:population|total)\s+of\s+(?:some\s+|about\s+|around\s+)?)?"
                       r"[\d,.]+(?:\s+(?:million|thousand))?", " ", after)
        wounded = _WOUNDED_PART.match(after)
        if wounded:  # "2,200 people, including 200 wounded, were evacuated": the wounded among them, then the verb
            after = after[wounded.end():]
        verdict, unit_override = _classify(before, after)
        if verdict is None and len(group) > 1 and _share_before(before) and re.fullmatch(
                r"\s*(?:[-–—]+|\()\s*", text[first.end: group[1].number.qstart]):
            # "one third of the city's 200,000 residents – some 70,000 people – had fled": the share counted in apposition
            group = group[1:]
            first = group[0]
            verdict, unit_override = _classify("", after)
        label = _LABEL.match(text[: first.number.qstart]) if index == 0 else None
        if label and flow_label(label.group("l")):
            verdict = "flow-label"  # "New displacements in 2017: 2.9 million", "Displaced since 1 June: 25,000 people"
        if verdict == "" and listed and first.number.qstart > colon and re.fullmatch(r"[^.;]*?[:(,;]?\s*", before[-40:] if before else ""):
            verdict = "flow-label"  # "Displaced: 12,000 (X), 8,000 (Y)"; "Arrivals by district - X: 12,000; Y: 8,000"
        if verdict == "" and any(_FLOW_UNIT.search(c.unit_text) for c in group) and not _WHO_THEY_ARE.match(after):
            verdict = "flow-unit"  # "2.9 million new displacements": the unit is a flow ("1,200 of the arrivals are
            # children" says who some of them are: no flow of its own)
        if verdict == "" and _PARTICIPLE_UNIT.search(last.unit_text) and not _FINITE.search(re.split(r"[,;:]", after)[0]):
            verdict = "flow-unit"  # "300 killed and 20,000 displaced": the participle is the predicate
        if verdict == "" and figures and figures[-1].number is groups[index - 1][-1].number and _PART.search(before):
            verdict = "flow-part"  # "15,000 have crossed, including 1,000 on Thursday": part of the flow before it
        if verdict == "" and _VAGUE_FLOW.search(before) and (_PART.search(before) or _OF_THEM.match(text[last.number.end:])):
            verdict = "flow-part"  # "Thousands fled, among them at least 5,000 children": a counted part of an uncounted flow
        follows_flow = bool(figures) and index > 0 and figures[-1].number is groups[index - 1][-1].number
        more = _MORE_AFTER_FIGURE.match(after)
        if verdict == "" and (follows_flow or index == 0 and after_flow) and (
                _MORE_BEFORE.search(before[-40:]) or more) and _MORE_TAIL.match(after[more.end() if more else 0:]):
            # "9,000 fled on Monday, and 3,000 more on Tuesday", "... Another 3,000 followed on Tuesday.": the flow
            # goes on, its verb not repeated
            verdict, unit_override = "flow-list", figures[-1].unit if follows_flow else after_flow
        if verdict == "" and index == 0 and _OF_THESE.match(text[: first.number.qstart]) and _PART_WENT.match(text[last.end:]):
            verdict = "flow-part"  # "Of these, 12,000 went to X": a part, by where it went, of the flow just told
        if verdict in ("", None) and follows_flow and _PART_WENT.match(text[last.end:]):
            verdict, unit_override = "flow-list", figures[-1].unit  # "5,000 fled, 2,000 of whom went to the camps"
        if verdict == "" and index == 0 and after_flow and _PART_WENT.match(text[last.end:]) and \
                _SUBJECT_START.search(text[: first.number.qstart]):
            # "50,000 fled since Sunday. Around 30,000 of them went to the city": a part, by where it went, of the flow
            # the sentence before told
            verdict, unit_override = "flow-part", after_flow
        if verdict == "" and follows_flow and (_OF_THEM.match(text[last.number.end:]) or (
                (_ELLIPSIS_BEFORE.search(before) or re.search(r":\s*$", text[: first.number.qstart]))
                and _ELLIPSIS_AFTER.match(after))):
            # "50,000 have been displaced, 20,000 of them in the past week"; "9,000 fled to the hills and 3,000 to
            # the coast": the verb of the figure before is not repeated
            verdict = "flow-list"
            unit_override = figures[-1].unit
        if verdict == "" and FIGURE_AT.search(before[-120:]) and _VAGUE_FLOW.search(text[: first.number.qstart]):
            verdict = "flow-restated"  # "Thousands have fled, and the agency puts the figure at 20,000"
        if verdict == "" and follows_flow and _COMPARED.search(before):
            verdict, unit_override = "flow-list", figures[-1].unit  # "1.8 million new displacements, up from 824,000 in 2016"
        if verdict == "" and follows_flow and figures[-1].unit in ("families", "households") and \
                last.unit in ("people", "individuals") and _IN_OTHER_UNITS.search(text[groups[index - 1][-1].end: first.number.qstart]):
            verdict = "flow-list"  # "2,800 families were displaced, totalling 14,000 people": the same flow counted in people
        gapped = index > 0 and _GAPPED.match(text[groups[index - 1][-1].end: first.number.qstart])
        if verdict == "" and figures and figures[-1].number is groups[index - 1][-1].number and gapped:
            verdict = "flow-list"  # "X received 38,000 IDPs, Y some 21,500 and Z 17,000": the verb is not repeated
            unit_override = figures[-1].unit
        if verdict == "" and _PLACE_BRACKET.search(before) and re.match(r"\s*\)", text[last.end:]):
            # "people fled to Northtown (38,000), Easttown (21,500) and Westtown (17,000)": the last predicate before the
            # list decides; with none, a word of flight ("Displacement by district: X (12,000), Y (8,000)")
            whole = text[: first.number.qstart]
            predicates = [m.lastgroup for m in _AFTER.finditer(whole)]
            if predicates[-1:] == ["flow"] or not predicates and _LABEL_FLOW.search(whole) and not _LABEL_NOT_FLOW.search(whole):
                verdict = "flow-list"
                unit_override = figures[-1].unit if figures else None
        if verdict in ("flow-subject", "flow-unit") and index > 0 and _PART.search(before) and not (
                figures and figures[-1].number is groups[index - 1][-1].number) and not _FINITE_OR_RELATIVE.search(
                re.split(r"[,;]", after)[0]):
            continue  # "home to 323,000 people, including 125,000 people displaced from elsewhere": a part of a population
        if verdict == "flow-relative" and len(group) > 1 and _classify(before, "")[0] is None and re.search(
                r"\bincluding\b", text[group[-2].end: group[-1].number.qstart], re.IGNORECASE):
            group = group[-1:]  # "The camp hosts 50,000 people, including 20,000 who fled": the clause defines the part only
        if not verdict or any(_RETURN.search(c.unit_text) for c in group) and not _FLED_AGAIN.match(after) \
                or _RETURNED_AFTER.match(after):
            continue
        for position, candidate in enumerate(group):
            partner = group[position + 1] if candidate.number.range == "from" and position + 1 < len(group) else None
            unit = candidate.unit or (partner.unit if partner else None) or unit_override or "people"
            figures.append(Figure(candidate.number, unit, candidate.unit_text, candidate.end, verdict))
    return figures


# what joins a flow of families to the same people counted one by one, after its verb: "..., or 14,000 people",
# "..., totalling", "– some 14,000 people"
_IN_OTHER_UNITS = re.compile(r"(?:,\s*(?:or|that\s+is|i\.e\.|(?:for\s+|with\s+)?a\s+total\s+of|totall?ing|amounting\s+to|comprising|consisting\s+of|"
                             r"numbering|(?:the\s+)?equivalent\s+(?:to|of)|making\s+up)|\s[–—-])\s*$", re.IGNORECASE)


# a breakdown of the figure before it between dashes, two counts or more: "Some 12,000 people – 5,000 from the town and
# 7,000 from nearby villages – have fled"
DASH_BREAKDOWN = re.compile(r"(?<=[\w)])\s[–—]\s(?P<inner>(?:(?:some|about|around|nearly|almost|over|more\s+than|at\s+least)\s+)?\d"
                             r"[^–—;:.]{0,150}?(?<=\s)(?:and|,)\s[^–—;:.]{0,40}?\d[^–—;:.]{0,80}?)\s[–—]\s")


_PART_WHERE = re.compile(r"\s+(?:to|into|towards|in|from|on|at)\b", re.IGNORECASE)


def _breakdown(text: str, heading: bool, after_flow: str | None) -> list[Figure] | None:
    """The figures of a sentence whose figure is broken down between dashes: the whole is read with the breakdown
    left out, and each count of the breakdown is a part of it when the whole is a flow. None when there is no
    breakdown, or no figure before it."""
    found = DASH_BREAKDOWN.search(text)
    if found is None or not any(n.end <= found.start() for n in find_numbers(text)) or _AFTER.search(found.group("inner")):
        return None  # (a clause of its own between the dashes: "– 300 were killed and 40 injured –")
    blanked = text[: found.start()] + " " * (found.end() - found.start() - 1) + text[found.end() - 1:]
    whole = find_figures(blanked, heading, after_flow)
    before = [f for f in whole if f.end <= found.start()]
    if not before:
        return whole
    parts = []
    for number in find_numbers(text):
        if not found.start("inner") <= number.qstart < found.end("inner"):
            continue
        candidate = _candidate(text, number)
        if candidate is None and number.value >= 10 and "," in number.text and _PART_WHERE.match(text, number.end):
            candidate = _Candidate(number, None, "", number.end)  # "7,000 to host communities": a part by where it went
        if candidate is not None:
            parts.append(Figure(number, candidate.unit or before[-1].unit, candidate.unit_text, candidate.end, "flow-part"))
    return sorted(whole + parts, key=lambda f: f.number.qstart)


def _apposition(text: str, first: _Candidate, second: _Candidate) -> bool:
    """"2,500 families, about 12,000 people, had reached X": the same people counted in another unit, between commas."""
    return bool(first.unit and second.unit and first.unit != second.unit and re.fullmatch(r"\s*,\s*", text[first.end:
                second.number.qstart]) and re.match(r"\s*,", text[second.end:]))


def _defined_by_flight(after: str) -> tuple[str | None, str | None] | None:
    """A figure whose people are defined by a flight ("5,000 people who fled last week are living in tents", "aid for
    11,000 people who fled the town") counts the flow, whatever the sentence goes on to say of them; a return ("who
    had fled ... returned") is none. None when no such relative clause follows the figure."""
    if not _WHO.match(after):
        return None  # the cheap test first: most figures are followed by no relative clause
    first = _AFTER.search(after)
    if not first or first.lastgroup != "flow" or not _DEFINING.fullmatch(after[: first.start()]):
        return None
    clause = re.split(r"[;:]|,\s+(?:and|but|while|whereas)\b", after[first.end():])[0]
    if _RETURN.search(re.split(r"[;:,]", after)[0]) or _RETURNED.search(clause):
        return None, None
    return "flow-relative", None


def _share_before(before: str) -> bool:
    """Whether a share of a population comes right before the figure ("half of the town's 40,000 residents")."""
    of = before.rfind(" of ", max(0, len(before) - 60))
    return of >= 0 and bool(_SHARE_BEFORE.search(before[max(0, of - 45):]))


# _classify's rules, searched only in a text that has their cue words (``lod.extract.cues.Gated``): searched at every
# character of the text before each figure, they were most of its cost
(_BRING_TO_CUED, _FLOW_TOTAL_CUED, _THOSE_NUMBER_CUED, _WITH_FLOW_CUED, _CASUALTY_BEFORE_CUED, _NOT_FLOW_OBJECT_CUED) = (
    Gated(_BRING_TO), Gated(_FLOW_TOTAL), Gated(_THOSE_NUMBER), Gated(_WITH_FLOW), Gated(_CASUALTY_BEFORE), Gated(_NOT_FLOW_OBJECT))
(_HOSTED_BEFORE_CUED, _TAKEN_IN_CUED, _STOCK_BEFORE_CUED, _FLOW_OBJECT_CUED, _RETURN_CUED) = (
    Gated(_HOSTED_BEFORE), Gated(_TAKEN_IN), Gated(_STOCK_BEFORE), Gated(_FLOW_OBJECT), Gated(_RETURN))


def _classify(before: str, after: str) -> tuple[str | None, str | None]:
    """(rule, unit) for a flow; (None, None) when a word says it is not one; ("", None) when no word decides."""
    after = after.split(";", 1)[0]  # a semicolon ends the figure's clause: "5,000 displaced since 1 June; 200 killed"
    tail = re.split(r"[,;:–—(]|\b(?:said|says|say|told|reported|according\s+to)\b", before[-80:])[-1]
    if _PROJECTION_BEFORE.search(" ".join(tail.split()[-8:])):
        return None, None  # "could displace up to 700,000", not "The agency, which will hold talks, said 5,000 fled"
    if _BRING_TO_CUED.search(before) and _NUMBER_OF_AFTER.match(after):
        return "flow-number-of", None  # "bringing to 1.1 million the number of refugees who have fled the country"
    number_of = _NUMBER_OF.search(before)
    if number_of:
        word = number_of.group("u").lower()
        return "flow-number-of", _UNIT_CODE.get(word, "people")
    if _FLOW_TOTAL_CUED.search(before) or _THOSE_NUMBER_CUED.search(before) or _NUMBER_OF_FLOW_UNIT.search(before) \
            or _WITH_FLOW_CUED.search(before):
        return "flow-total", None
    total = _TOTAL_AFTER_FLOW.search(before)
    if total:
        clause = before[: total.start()]
        flowed = _AFTER.search(clause)
        if flowed and flowed.lastgroup == "flow" and not _PROJECTION_BEFORE.search(clause):
            return "flow-total", None
        return None, None
    if _CASUALTY_BEFORE_CUED.search(before) or _NOT_FLOW_OBJECT_CUED.search(before):
        return None, None
    if _HOSTED_BEFORE_CUED.search(before) and not _IN_A_PERIOD.match(after):
        # "X hosts 1 million Syrians who fled the war", "home to 20,000 people who fled": a stock ("shelters 45,000
        # refugees who arrived in the past year" tells a dated flight: a flow)
        return None, None
    defined = _defined_by_flight(after)
    if defined is not None:
        return defined
    if _share_before(before):
        return None, None
    if _TAKEN_IN_CUED.search(before) and (_IN_A_PERIOD.match(after) or _FRONTED_PERIOD.match(before) or _FRONTED_DAY.match(before)):
        return "flow-object", None  # "the camp took in 5,000 people last week" (without a period: a stock)
    if _STOCK_BEFORE_CUED.search(before) and not _VAGUE_ESTIMATED.search(before):
        return None, None
    if _PROJECTION_AFTER.match(_OTHERS_AFTER.split(after, 1)[0]):
        return None, None
    obj = _FLOW_OBJECT_CUED.search(before)
    if obj:
        if obj.group("forced") is None or _FORCED_TAIL.match(after):
            return "flow-object", None
    first = _AFTER.search(after)
    if first and first.lastgroup == "stock" and re.fullmatch(r"(?:living|residing|staying|sheltering|remaining|sheltered|trapped)",
                                                             first.group(0), re.IGNORECASE) \
            and not _AUXILIARY.search(after[: first.start()]):
        # a reduced relative clause: "5,000 people living in the villages have fled": the finite verb after it decides
        clause = re.split(r"[;:]|,\s+(?:and|but|while|whereas)\b", after[first.end():])[0]
        finite = re.search(r"\b(?:have|has|had|were|was|are|is)\s+(?:now\s+|also\s+|since\s+)?(?:been\s+)?(?=\w)", clause, re.IGNORECASE)
        if finite and not re.search(r"\b(?:could|might|may|would|will|must)\s+$", clause[: finite.start()], re.IGNORECASE):
            then = _AFTER.search(clause, finite.end())
            if then and then.lastgroup == "flow" and then.start() == finite.end():
                first = then
    if first and first.lastgroup == "flow":
        if _RETURN_CUED.search(re.split(r"[;:,]", after)[0]):
            return None, None  # "5,000 refugees crossed back into the country", "left the camp to return home"
        relative = _RELATIVE.fullmatch(after[: first.start()])
        if relative or re.fullmatch(r"(?:displaced|uprooted)", first.group(0), re.IGNORECASE) and not _AUXILIARY.search(after[: first.start()]):
            clause = re.split(r"[;:]|,\s+(?:and|but|while|whereas)\b", after[first.end():])[0]
            second = re.search(r"\b(?:are|is|were|was|have|has|had|remain|remained|now)\b", clause, re.IGNORECASE)
            then = _AFTER.search(clause, second.start()) if second else None
            if then and then.lastgroup != "flow":
                return None, None  # "N people displaced since X (who fled X) are sheltering in the open": a stock
            went_home = _RETURNED.search(clause) if relative else None
            if went_home and not (then and then.start() < went_home.start()):
                return None, None  # "200 families who had fled the fighting returned to the town": a return
        return "flow-subject", None
    return (None, None) if first else ("", None)
