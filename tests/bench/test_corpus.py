"""The benchmark corpus generator: deterministic by seed, varied, and every article it writes builds."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

from lod.pipeline.build import build
from lod.settings import ROOT, Settings
from lod.store import Solutions
from _engines import reader, under_test


def load_corpus() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_corpus", ROOT / "bench" / "corpus.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


corpus = load_corpus()


def files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_same_seed_same_corpus_other_seed_other_corpus(tmp_path: Path) -> None:
    corpus.main(["5", str(tmp_path / "a"), "--seed", "7"])
    corpus.main(["5", str(tmp_path / "b"), "--seed", "7"])
    corpus.main(["5", str(tmp_path / "c"), "--seed", "8"])
    a, b, c = (files(tmp_path / name) for name in "abc")
    assert a == b
    assert sorted(n for n in a if n.startswith("articles/")) != sorted(n for n in c if n.startswith("articles/"))
    assert "reference/organizations.yaml" in a and "reference/syria-gazetteer.csv" in a


def test_generated_articles_all_conform_and_build(tmp_path: Path) -> None:
    paths = corpus.generate(20, tmp_path / "data", seed=3)
    assert len(paths) == 20
    settings = under_test(Settings(data_dir=tmp_path / "data", store_path=tmp_path / "store", dumps_dir=tmp_path / "dumps"))  # type: ignore[call-arg]
    report = build(settings)  # raises Refused if one article does not conform
    assert len(report.articles) == 20
    store = reader(settings)
    result = store.query("""
        PREFIX dis: <https://w3id.org/lod-syria/def/displacement#>
        SELECT (COUNT(DISTINCT ?o) AS ?observations) (COUNT(DISTINCT ?place) AS ?places)
               (COUNT(DISTINCT ?reporter) AS ?reporters) (COUNT(DISTINCT ?unit) AS ?units)
               (COUNT(DISTINCT YEAR(?reported)) AS ?years)
        WHERE { ?o a dis:DisplacementObservation ; dis:reportedBy ?reporter ; dis:populationUnit ?unit ;
                   dis:reportDate ?reported ; <http://purl.org/linked-data/sdmx/2009/dimension#refArea> ?place }""")
    assert isinstance(result, Solutions)
    row = {k: int(v) for k, v in result.values()[0].items()}
    assert row["observations"] == 40  # two per article
    assert row["places"] > 10 and row["reporters"] > 3 and row["units"] == 4 and row["years"] > 3, row
