"""A query stopped by its time or memory limit is refused at once when it comes again, for a while."""

from __future__ import annotations

import pytest

from lod.errors import QueryOutOfMemory, QueryTimeout
from lod.sparql.cooldown import Cooldown
from lod.sparql.workers import QueryStopped


def test_a_query_stopped_by_a_limit_is_refused_again_without_running() -> None:
    cooldown = Cooldown(seconds=60)
    key = cooldown.key("SELECT * {\n ?a ?b ?c . ?d ?e ?f }", [])
    cooldown.remember(key, QueryOutOfMemory("needed more than 512 MB"))
    with pytest.raises(QueryOutOfMemory, match="same query"):
        cooldown.check(cooldown.key("SELECT *   { ?a ?b ?c . ?d ?e ?f }", []))  # whitespace aside, the same
    cooldown.check(cooldown.key("SELECT * { ?a ?b ?c . ?d ?e ?f } # changed", []))  # another text runs
    cooldown.check(cooldown.key("SELECT * { ?a ?b ?c . ?d ?e ?f }", ["http://example.org/g"]))  # another dataset


def test_only_limits_of_the_query_itself_are_remembered() -> None:
    cooldown = Cooldown(seconds=60)
    cooldown.remember("busy", QueryTimeout("all workers stayed busy"))  # not the query's fault
    cooldown.check("busy")
    cooldown.remember("slow", QueryStopped("ran longer than 30 s"))
    with pytest.raises(QueryTimeout):
        cooldown.check("slow")


def test_the_cooldown_ends_and_the_memory_is_bounded() -> None:
    cooldown = Cooldown(seconds=0, size=2)
    cooldown.remember("a", QueryStopped("x"))
    cooldown.check("a")  # over at once
    cooldown = Cooldown(seconds=60, size=2)
    for key in ("a", "b", "c"):
        cooldown.remember(key, QueryStopped("x"))
    cooldown.check("a")  # forgotten: the oldest of three, with room for two
    with pytest.raises(QueryTimeout):
        cooldown.check("c")
