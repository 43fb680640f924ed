"""Typed settings, read from the environment (prefix ``LOD_``) once, at the boundary."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import SecretStr, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

ROOT = Path(__file__).resolve().parents[2]


class Settings(BaseSettings):
    """Every knob lod has. See docs/configuration.md."""

    model_config = SettingsConfigDict(env_prefix="LOD_", extra="ignore")

    base_uri: str = "http://127.0.0.1:8000/"
    # The vocabulary's own namespace (dis:, concept schemes, concepts): the same on every deployment.
    vocab_uri: str = "https://w3id.org/lod-syria/def/"
    store_path: Path = ROOT / "var" / "store"
    store_url: str | None = None  # a SPARQL server's query endpoint: then the store is there, not at store_path
    store_update_url: str | None = None
    store_gsp_url: str | None = None
    store_user: str | None = None
    store_password: SecretStr | None = None
    store_auth: Literal["basic", "digest"] = "basic"
    data_dir: Path = ROOT / "data"
    dumps_dir: Path = ROOT / "var" / "dumps"
    cache_dir: Path = ROOT / "var" / "cache"  # derived data kept between processes (lod.derived)
    ontology_dir: Path = ROOT / "ontology"
    shapes_dir: Path = ROOT / "shapes"
    query_timeout_s: float = 30.0
    query_memory_mb: int = 512
    query_workers: int = 3
    refusal_pause_s: float = 0.5
    query_max_bytes: int = 262_144
    result_limit: int = 10_000
    http_timeout_s: float = 10.0
    host: str = "127.0.0.1"
    port: int = 8000
    ingest_token: SecretStr | None = None
    malloc: Literal["jemalloc", "system"] = "jemalloc"  # the allocator `lod serve` runs with (lod.allocator)

    @field_validator("ingest_token")
    @classmethod
    def _ingest_token_is_a_token(cls, value: SecretStr | None) -> SecretStr | None:
        # Empty means "publishing is off"; blank would turn the route on with a token no client can send.
        if value is not None and value.get_secret_value() and not value.get_secret_value().strip():
            raise ValueError("the ingest token is only whitespace: set a long random value, or leave it empty to disable POST /articles")
        if value is not None and value.get_secret_value() != value.get_secret_value().strip():
            raise ValueError("the ingest token begins or ends with whitespace, which no HTTP client can send in a header")
        return value

    @field_validator("refusal_pause_s")
    @classmethod
    def _not_negative(cls, value: float) -> float:
        if value < 0:
            raise ValueError(f"must be 0 or more seconds, got {value}")
        return value

    @field_validator("http_timeout_s")
    @classmethod
    def _positive_seconds(cls, value: float) -> float:
        if not value > 0:
            raise ValueError(f"must be more than 0 seconds, got {value}")
        return value

    @field_validator("query_memory_mb", "query_max_bytes", "query_workers")
    @classmethod
    def _positive(cls, value: int) -> int:
        if value < 1:
            raise ValueError(f"must be at least 1, got {value}")
        return value

    @field_validator("base_uri", "vocab_uri")
    @classmethod
    def _namespace_ends_with_slash(cls, value: str) -> str:
        if not value.startswith(("http://", "https://")):
            raise ValueError(f"must be an http(s) URI, got {value!r}")
        return value if value.endswith("/") else value + "/"
