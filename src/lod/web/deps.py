"""The dependencies routes declare, as ``Annotated`` aliases; tests swap them with ``app.dependency_overrides``.

They are ``async`` because they only look things up: FastAPI runs a plain ``def`` dependency in its thread pool,
which cost a thread hand-off per dependency per request (a fifth of an entity page's time).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Annotated, TypeVar

from fastapi import Depends, Request
from fastapi.templating import Jinja2Templates
from starlette.concurrency import run_in_threadpool

from lod.publish import dumps as publish
from lod.settings import Settings
from lod.store import Steady, Store, embedded
from lod.web.metrics import Metrics
from lod.web.uploads import Publisher
from lod.web.vocabulary import Vocabulary

__all__ = ["MetricsDep", "PublisherDep", "SettingsDep", "StoreDep", "TemplatesDep", "VocabularyDep", "reading"]

T = TypeVar("T")


async def get_settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


async def get_metrics(request: Request) -> Metrics:
    metrics: Metrics = request.app.state.metrics
    return metrics


async def get_store(request: Request) -> Store:
    store: Store = request.app.state.store
    return store


async def get_publisher(request: Request) -> Publisher:
    """The application's publisher (built at start-up when ``LOD_INGEST_TOKEN`` is set)."""
    publisher: Publisher | None = request.app.state.publisher
    assert publisher is not None, "declare the token check before the publisher"
    return publisher


async def get_templates(request: Request) -> Jinja2Templates:
    templates: Jinja2Templates = request.app.state.templates
    return templates


async def get_vocabulary(request: Request) -> Vocabulary:
    vocabulary: Vocabulary = request.app.state.vocabulary
    return vocabulary


MetricsDep = Annotated[Metrics, Depends(get_metrics)]
PublisherDep = Annotated[Publisher, Depends(get_publisher)]
SettingsDep = Annotated[Settings, Depends(get_settings)]
StoreDep = Annotated[Store, Depends(get_store)]
TemplatesDep = Annotated[Jinja2Templates, Depends(get_templates)]
VocabularyDep = Annotated[Vocabulary, Depends(get_vocabulary)]


async def reading(store: Store, work: Callable[[], T]) -> T:
    """``work`` (which reads ``store``) on the event loop when the store is on this machine's disk: a document
    is a few milliseconds of the engine and of Python, and a hand-off to a thread and back (a wake-up each way,
    the GIL passed between them) cost more than it saved (8 % of a Turtle document's CPU, 4 % of an HTML page's,
    and a longer p99, at 10,000 articles). In the thread pool when the store is a server: its calls wait on
    the network, and the loop must not."""
    if not embedded(store):
        return await run_in_threadpool(work)
    if isinstance(store, Steady):  # one view for the whole document (its description and its panels)
        with store.steady():
            return work()
    return work()


def modified_at(request: Request) -> datetime:
    """When the data last changed: the latest build's or ingest's catalog (re-read only when the dumps
    change), else when the app started. Read per request, so Last-Modified moves after an ingest, and never
    back: a process answers at least the newest time it has answered before."""
    catalog = publish.read_catalog(request.app.state.settings.dumps_dir)
    moment: datetime = catalog.modified if catalog is not None else request.app.state.started_at
    newest: datetime | None = getattr(request.app.state, "newest_modified", None)
    if newest is not None and newest >= moment:
        return newest
    request.app.state.newest_modified = moment
    return moment
