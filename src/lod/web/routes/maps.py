"""``/map/place/{key}.geojson``: what a place's map draws, from the store's geometries (see ``placemap``)."""

from __future__ import annotations

import hashlib

from fastapi import APIRouter, Request, Response
from fastapi.responses import JSONResponse

from lod.errors import NotFound
from lod.web import describe, placemap
from lod.web.conditional import Validators, not_modified
from lod.web.deps import SettingsDep, StoreDep, modified_at

router = APIRouter(tags=["data"])


@router.get("/map/place/{key:path}.geojson", name="place_map", response_class=JSONResponse)
def place_map(key: str, request: Request, settings: SettingsDep, store: StoreDep) -> Response:
    """The place's outline or point, the units inside it, and the places inside it with figures, as GeoJSON."""
    place = f"{settings.base_uri}id/place/{key}"
    if not describe.exists(store, place):
        raise NotFound(place)
    modified = modified_at(request)
    validators = Validators(hashlib.sha256(f"{place}|{modified.isoformat()}".encode()).hexdigest()[:32], modified)
    if not_modified(validators, request.headers.get("if-none-match"), request.headers.get("if-modified-since")):
        return Response(status_code=304, headers=validators.headers())
    collection = placemap.feature_collection(store, settings.base_uri, settings.vocab_uri, place, str(request.base_url))
    return JSONResponse(collection, media_type="application/geo+json", headers=validators.headers())
