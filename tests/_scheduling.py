"""How ``make test`` hands test files to its pytest-xdist workers (``--dist loadfile``, tests/conftest.py's
``pytest_xdist_make_scheduler``): a file at a time as before, so its module fixtures are made once; but the
slowest files first, so no worker is left with a long file at the end while the other has nothing to do (in
pytest-xdist's own order, the files with most tests first, tests/pipeline/test_build.py, a fifth of the suite's
time, started after three quarters of the tests); and files that share a session fixture on one worker."""

from __future__ import annotations

from xdist.scheduler import LoadFileScheduling
from xdist.workermanage import WorkerController

# Slowest first (their seconds of setup and calls in a run on two workers, 2026-12-01 at 85eec7b; the files of few
# but long tests added from the fresh clone's run at 21b68ab, /work/coord/maketest13.log's slowest 25: in xdist's
# own order, the most tests first, tests/web/test_dump_maker.py's 59 s came among the last files).
SLOWEST = (
    "tests/pipeline/test_build.py",
    "tests/test_cli.py",
    "tests/web/test_dump_maker.py",  # 42 + 17 s, two tests
    "tests/shacl/test_validator.py",  # with test_proofs.py (TOGETHER)
    "tests/web/test_listings.py",  # 29 + 12 s
    "tests/pipeline/test_shared.py",  # 13 + 13 + 9 s
    "tests/web/test_publisher_memory.py",  # 29 s, one test
    "tests/pipeline/test_staging.py",
    "tests/places/test_reference.py",
    "tests/web/test_remote_store.py",
    "tests/events/test_build.py",
    "tests/web/test_fuzz.py",
    "tests/web/test_page_links.py",
    "tests/browser/test_corpus_pages.py",
    "tests/web/test_articles_route.py",
    "tests/places/test_gazetteer.py",
    "tests/test_types.py",
    "tests/web/test_built_dataset.py",
    "tests/publish/test_summaries.py",
    "tests/web/test_copies.py",  # 11 s of setup
    "tests/web/test_serving_while_publishing.py",  # 10 s, one test
)

# Files run as one unit, on one worker: their shared session fixture is made once (tests/shacl/conftest.py).
TOGETHER = {"tests/shacl/test_proofs.py": "tests/shacl/test_validator.py"}


class SlowestFirst(LoadFileScheduling):
    ordered = False

    def _split_scope(self, nodeid: str) -> str:
        scope = super()._split_scope(nodeid)
        return TOGETHER.get(scope, scope)

    def _assign_work_unit(self, node: WorkerController) -> None:
        if not self.ordered:  # the first unit handed out: the queue is whole
            for scope in reversed(SLOWEST):
                if scope in self.workqueue:
                    self.workqueue.move_to_end(scope, last=False)
            self.ordered = True
        super()._assign_work_unit(node)
