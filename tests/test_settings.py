"""Settings refuse values that would silently misbehave, at start-up, naming the variable."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from lod.settings import Settings


@pytest.mark.parametrize("token", [" ", "\t\n", " secret", "secret\n"], ids=["space", "blank", "leading", "trailing-newline"])
def test_ingest_token_of_whitespace_is_refused(token: str) -> None:
    with pytest.raises(ValidationError, match="ingest_token"):
        Settings(ingest_token=token)  # type: ignore[arg-type]


def test_ingest_token_empty_or_real_is_accepted() -> None:
    assert Settings(ingest_token="").ingest_token is not None  # type: ignore[arg-type]
    token = Settings(ingest_token="s3cret-token").ingest_token  # type: ignore[arg-type]
    assert token is not None and token.get_secret_value() == "s3cret-token"


@pytest.mark.parametrize("name", ["query_memory_mb", "query_max_bytes"])
def test_query_limits_must_be_positive(name: str) -> None:
    with pytest.raises(ValidationError, match=name):
        Settings(**{name: 0})  # type: ignore[arg-type]


def test_the_vocabulary_namespace_is_read_from_lod_vocab_uri(monkeypatch: pytest.MonkeyPatch) -> None:
    assert Settings().vocab_uri == "https://w3id.org/lod-syria/def/"  # the persistent default, whatever the base
    monkeypatch.setenv("LOD_VOCAB_URI", "https://vocab.example.net/v1")
    monkeypatch.setenv("LOD_BASE_URI", "https://lod.example.org/")
    assert Settings().vocab_uri == "https://vocab.example.net/v1/" and Settings().base_uri == "https://lod.example.org/"
    monkeypatch.setenv("LOD_VOCAB_URI", "urn:lod:def:")
    with pytest.raises(ValidationError, match="vocab_uri"):
        Settings()
