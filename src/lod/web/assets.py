"""Third-party browser assets, served by us from ``node_modules/`` (installed by ``make install`` from
``package-lock.json``): nothing a page needs is fetched from another site."""

from __future__ import annotations

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from lod.settings import ROOT

__all__ = ["ASSETS", "mount"]

NODE_MODULES = ROOT / "node_modules"
# URL name -> the package folder whose files are served at /assets/{name}/
ASSETS = {
    "swagger-ui": NODE_MODULES / "swagger-ui-dist",
    "leaflet": NODE_MODULES / "leaflet" / "dist",
    "d3": NODE_MODULES / "d3" / "dist",
    "plot": NODE_MODULES / "@observablehq" / "plot" / "dist",
}


def mount(app: FastAPI) -> None:
    """Serve each package at ``/assets/{name}/`` (route name ``asset-{name}``); a missing folder answers 404."""
    for name, folder in ASSETS.items():
        app.mount(f"/assets/{name}", StaticFiles(directory=folder, check_dir=False), name=f"asset-{name}")
