"""The rules are data (issue 8, point 2): every rule and pattern of the rule files in lod/rules/ (dates.yaml,
figures.yaml, ...) matches each of its examples and none of its counter-examples, searched (or matched where a text
begins, ``at_start``) as the extraction code does, with the fragments the code gives."""

from __future__ import annotations

import pytest

from lod.extract import (
    attribution, dates, document, entities, events, mentions, numbers, observations, people, periods, pipeline, rulefiles, statements,
)
from lod.extract.rulefiles import Rule, RuleFile

# each rule file as the code that uses it loaded it
FILES: dict[str, RuleFile] = {
    "dates": dates.RULES, "figures": observations.RULES, "statements": statements.RULES, "periods": periods.RULES,
    "pipeline": pipeline.RULES, "document": document.RULES, "numbers": numbers.RULES, "people": people.RULES,
    "events": events.RULES, "mentions": mentions.RULES, "attribution": attribution.RULES,
    "entities": entities.RULES,
}


def _rules() -> list[tuple[str, Rule]]:
    found = []
    for family, data in FILES.items():
        found += [(f"{family}:{at}:{rule.name}", rule) for at, rule in enumerate(data.rules)]
        found += [(f"{family}:{name}", rule) for name, rule in data.patterns.items()]
    return found


RULES = _rules()
CASES = [(key, text, True) for key, rule in RULES for text in rule.examples] + \
        [(key, text, False) for key, rule in RULES for text in rule.counter]
BY_KEY = dict(RULES)


def test_every_rule_file_is_tested() -> None:
    assert sorted(FILES) == sorted(rulefiles.FAMILIES)
    assert len(dates.RULES.rules) > 60 and len(observations.RULES.patterns) > 60


@pytest.mark.parametrize(("key", "rule"), RULES, ids=[key for key, _ in RULES])
def test_every_rule_has_an_example_and_a_counter_example(key: str, rule: Rule) -> None:
    assert rule.examples and rule.counter


@pytest.mark.parametrize(("key", "text", "matches"), CASES, ids=[f"{k}:{t}" for k, t, _ in CASES])
def test_rule_matches_its_examples_only(key: str, text: str, matches: bool) -> None:
    rule = BY_KEY[key]
    assert bool((rule.pattern.match if rule.at_start else rule.pattern.search)(text)) is matches


def test_expand_includes_fragments_with_their_group_prefix() -> None:
    fragments = {"DAY": r"(?P<{p}d>\d{1,2})\s+{MONTH}", "MONTH": "(?:May|June)"}
    assert rulefiles.expand("from {DAY:a}\n  to {DAY:b}", fragments) == \
        r"from(?P<ad>\d{1,2})\s+(?:May|June)to(?P<bd>\d{1,2})\s+(?:May|June)"
    with pytest.raises(KeyError):
        rulefiles.expand("{NOPE}", fragments)


def test_rules_of_one_name_need_the_same_words() -> None:
    # the gate keeps one list of words per rule name: a rule of that name with other words would be gated by the last
    for data in FILES.values():
        needs: dict[str, tuple[str, ...] | None] = {}
        for rule in data.rules:
            assert needs.setdefault(rule.name, rule.needs) == rule.needs, rule.name
