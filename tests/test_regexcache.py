"""Regular expressions compiled through the table lod.regexcache keeps: the same pattern objects, served from the
table in the next process."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

SCRIPT = r'''
import json, re, sys
from pathlib import Path
from lod import regexcache

assert regexcache.install(Path(sys.argv[1]))
parsed = []
parse = re._compiler._parser.parse
re._compiler._parser.parse = lambda p, flags=0: parsed.append(p) or parse(p, flags)
patterns = [re.compile(r"(?P<town>[A-Z]\w+) (?:district|countryside)", re.IGNORECASE),
            re.compile(rb"\d+(?:,\d{3})*"),
            re.compile("(?x) a+  # letters\n (?P<b>b)?"),
            re.compile("(?i:Ma['’]?arrat) (?-i:an|al)-\\w+")]
text = "Idlib district, the Hama countryside, Maarrat al-Numan, MA'ARRAT an-Nouman aab"
found = [p.findall(text.encode() if isinstance(p.pattern, bytes) else text) for p in patterns]
count = len([p for p in parsed if p in [q.pattern for q in patterns]])
assert all(p == re._compiler.compile.__wrapped__(p.pattern, p.flags) for p in patterns)  # as the compiler makes them
print(json.dumps({"parsed": count, "found": [[str(x) for x in f] for f in found],
                  "groups": [dict(p.groupindex) for p in patterns]}))
'''


def _run(folder: Path) -> dict[str, object]:
    done = subprocess.run([sys.executable, "-c", SCRIPT, str(folder)], capture_output=True, text=True, check=True)
    return json.loads(done.stdout)  # type: ignore[no-any-return]


def test_patterns_are_compiled_once_and_then_served_from_the_table(tmp_path: Path) -> None:
    first = _run(tmp_path)
    assert first["parsed"] == 4  # compiled from their text, and kept
    assert [p.name for p in tmp_path.glob("re-*/patterns.pickle")]
    second = _run(tmp_path)
    assert second["parsed"] == 0  # none parsed again
    assert second["found"] == first["found"] and second["groups"] == first["groups"]
    assert first["found"][0] == ["Idlib", "Hama"]


def test_an_unreadable_table_is_made_again(tmp_path: Path) -> None:
    _run(tmp_path)
    (table,) = tmp_path.glob("re-*/patterns.pickle")
    table.write_bytes(b"not a table")
    assert _run(tmp_path)["parsed"] == 4
    assert table.read_bytes() != b"not a table"


def test_a_table_entry_the_engine_refuses_is_compiled_as_always(tmp_path: Path) -> None:
    """A table damaged in a way pickle does not notice (here: every entry's arguments cut short) costs a compile,
    never a failing regular expression."""
    import pickle

    first = _run(tmp_path)
    (table,) = tmp_path.glob("re-*/patterns.pickle")
    entries = pickle.loads(table.read_bytes())
    table.write_bytes(pickle.dumps({key: args[:2] for key, args in entries.items()}))
    again = _run(tmp_path)
    assert again["parsed"] == 4 and again["found"] == first["found"]
    assert all(len(args) == len(entries[key]) for key, args in pickle.loads(table.read_bytes()).items())
