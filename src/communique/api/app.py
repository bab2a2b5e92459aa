"""The communique HTTP API (JSON + OpenAPI) and the dashboard, as one FastAPI application.

    from communique.api.app import create_app
    app = create_app("communique.db")                 # read-only
    app = create_app("communique.db", write_token=t)  # POST /api/ingest accepts "Bearer t"

JSON endpoints live under ``/api``; the OpenAPI schema is at ``/openapi.json`` and the
interactive documentation at ``/docs``.  The dashboard (static HTML + JavaScript from
``communique/web/static``) is served at ``/``.  The API is read-only unless a write token is
configured; then ``POST /api/ingest`` runs the extraction pipeline on posted articles and stores
the results.  Data access lives in ``communique.store.queries``; this module only maps HTTP
parameters onto it.
"""
from __future__ import annotations

import hmac
import os
import threading
import time
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Annotated, Any

from fastapi import Depends, FastAPI, Header, HTTPException, Query, Request
from fastapi import Path as PathParam
from fastapi.responses import FileResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from pydantic import BaseModel, Field

from ..store import open_store
from ..store import queries as Q
from ..store.repository import Store

STATIC = Path(__file__).resolve().parents[1] / "web" / "static"
PAGES = {"": "index.html", "events": "events.html", "actor": "actor.html", "network": "network.html",
         "sources": "sources.html"}
CSP = ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
       "connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'")


class ArticleIn(BaseModel):
    """An article to ingest (the same fields as the JSON Lines input of the command line)."""
    id: str = Field(min_length=1, max_length=512)
    text: str = Field(min_length=1)
    date: str | None = Field(default=None, description="publication date, YYYY-MM-DD")
    source: str | None = None
    url: str | None = None
    title: str | None = None


class _Cache:
    """A tiny time-limited cache for expensive, slowly changing answers (stats)."""

    def __init__(self, ttl: float = 30.0):
        self.ttl, self.data, self.lock = ttl, {}, threading.Lock()

    def get(self, key: str, compute):
        with self.lock:
            hit = self.data.get(key)
            if hit and time.monotonic() - hit[0] < self.ttl:
                return hit[1]
        value = compute()
        with self.lock:
            self.data[key] = (time.monotonic(), value)
        return value

    def clear(self) -> None:
        with self.lock:
            self.data.clear()


def _dyad(value: str | None) -> tuple[str, str] | None:
    if not value:
        return None
    parts = [p.strip() for p in value.split(",") if p.strip()]
    if len(parts) != 2:
        raise HTTPException(400, "dyad takes two actor codes separated by a comma, e.g. USA,CHN")
    return parts[0], parts[1]


DATE = r"^\d{4}(-\d{2}(-\d{2})?)?$"


def create_app(db_url: str | None, write_token: str | None = None) -> FastAPI:
    """The application over the store at ``db_url`` (see ``open_store``)."""
    store: Store = open_store(db_url)
    Q.ensure_indexes(store)
    cache = _Cache()
    pipeline_lock = threading.Lock()
    state: dict[str, Any] = {}

    @asynccontextmanager
    async def lifespan(_app: FastAPI):
        yield
        store.close()

    app = FastAPI(title="communique", version="0.1.0", lifespan=lifespan,
                  description="Political event data extracted from news: events coded in PLOVER/CAMEO "
                              "with evidence sentences, actors with their offices, quotes and sources.")
    app.state.store = store

    @app.middleware("http")
    async def security_headers(request: Request, call_next):
        response = await call_next(request)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "no-referrer")
        if not request.url.path.startswith(("/docs", "/redoc")):
            response.headers.setdefault("Content-Security-Policy", CSP)
        return response

    # ------------------------------------------------------------------ reading

    @app.get("/api/stats", tags=["overview"], summary="Counts, events per type, top dyads and actors")
    def stats() -> dict[str, Any]:
        return cache.get("stats", store.summary)

    @app.get("/api/facets", tags=["overview"], summary="Values for filter menus")
    def facets() -> dict[str, Any]:
        return Q.facets(store)

    @app.get("/api/articles", tags=["articles"], summary="Articles, newest first")
    def articles(limit: Annotated[int, Query(ge=1, le=500)] = 50,
                 offset: Annotated[int, Query(ge=0)] = 0) -> dict[str, Any]:
        total = cache.get("articles_total", lambda: store.summary()["articles"])
        return {"total": total, "limit": limit, "offset": offset,
                "items": store.articles(limit=limit, offset=offset)}

    @app.get("/api/articles/{article_id}", tags=["articles"],
             summary="One article with its analysed text, events and quotes")
    def article(article_id: str) -> dict[str, Any]:
        art = store.article(article_id)
        if art is None:
            raise HTTPException(404, "no such article")
        art["events"] = Q.search_events(store, article_id=article_id, limit=1000, order="asc",
                                        with_total=False)["items"]
        art["quotes"] = store.quotes(article_id=article_id, limit=1000)
        return art

    @app.get("/api/events", tags=["events"], summary="Events with filters, newest first")
    def events(actor: Annotated[str | None, Query(description="code (USA) or part of a name, either side")] = None,
               dyad: Annotated[str | None, Query(description="two codes, order-free: USA,CHN")] = None,
               type: Annotated[str | None, Query(description="PLOVER type(s), comma separated")] = None,
               quad_class: Annotated[int | None, Query(ge=1, le=4)] = None,
               start: Annotated[str | None, Query(pattern=DATE)] = None,
               end: Annotated[str | None, Query(pattern=DATE)] = None,
               topic: str | None = None, source: str | None = None,
               status: Annotated[str | None, Query(description="asserted, negated, future, ...")] = None,
               q: Annotated[str | None, Query(description="text in the sentence or the article title")] = None,
               article_id: str | None = None,
               order: Annotated[str, Query(pattern="^(asc|desc)$")] = "desc",
               limit: Annotated[int, Query(ge=0, le=500)] = 50,
               offset: Annotated[int, Query(ge=0)] = 0,
               total: Annotated[bool, Query(description="count all matches")] = True) -> dict[str, Any]:
        return Q.search_events(store, actor=actor, dyad=_dyad(dyad), type=type, quad_class=quad_class,
                               start=start, end=end, topic=topic, source=source, status=status, q=q,
                               article_id=article_id, order=order, limit=limit, offset=offset,
                               with_total=total)

    @app.get("/api/events/{event_id}", tags=["events"], summary="One event record")
    def event(event_id: str) -> dict[str, Any]:
        rec = Q.event(store, event_id)
        if rec is None:
            raise HTTPException(404, "no such event")
        return rec

    @app.get("/api/actors", tags=["actors"], summary="Actors whose name or code matches q")
    def actors(q: Annotated[str, Query(min_length=1)],
               limit: Annotated[int, Query(ge=1, le=100)] = 20) -> dict[str, Any]:
        return {"items": Q.find_actors(store, q, limit=limit)}

    @app.get("/api/actors/{key}", tags=["actors"],
             summary="Actor profile: offices over time, event counts, partners, quotes")
    def actor(key: str) -> dict[str, Any]:
        prof = Q.actor_profile(store, key)
        if prof is None:
            raise HTTPException(404, "no such actor")
        return prof

    @app.get("/api/quotes", tags=["quotes"], summary="Quotes, optionally by speaker or article")
    def quotes(speaker: str | None = None, article_id: str | None = None,
               limit: Annotated[int, Query(ge=1, le=500)] = 50,
               offset: Annotated[int, Query(ge=0)] = 0) -> dict[str, Any]:
        return {"limit": limit, "offset": offset,
                "items": store.quotes(speaker=speaker, article_id=article_id, limit=limit, offset=offset)}

    @app.get("/api/dyads/{a}/{b}/series", tags=["analysis"],
             summary="Dyad time series: counts per type and quad class, mean Goldstein and intensity")
    def dyad_series(a: Annotated[str, PathParam()], b: Annotated[str, PathParam()],
                    interval: Annotated[str, Query(pattern="^(day|week|month|year)$")] = "month",
                    start: Annotated[str | None, Query(pattern=DATE)] = None,
                    end: Annotated[str | None, Query(pattern=DATE)] = None,
                    status: str | None = None) -> dict[str, Any]:
        return Q.dyad_series(store, a, b, interval=interval, start=start, end=end, status=status)

    @app.get("/api/network", tags=["analysis"], summary="Who interacts with whom in a period")
    def network(start: Annotated[str | None, Query(pattern=DATE)] = None,
                end: Annotated[str | None, Query(pattern=DATE)] = None,
                type: str | None = None,
                min_events: Annotated[int, Query(ge=1)] = 1,
                limit: Annotated[int, Query(ge=1, le=2000)] = 150) -> dict[str, Any]:
        return Q.network(store, start=start, end=end, type=type, min_events=min_events, limit=limit)

    @app.get("/api/sources/compare", tags=["analysis"], summary="How each outlet reports a dyad")
    def sources_compare(dyad: Annotated[str, Query(description="two codes: USA,CHN")],
                        start: Annotated[str | None, Query(pattern=DATE)] = None,
                        end: Annotated[str | None, Query(pattern=DATE)] = None) -> dict[str, Any]:
        a, b = _dyad(dyad)
        return Q.source_comparison(store, a, b, start=start, end=end)

    @app.get("/api/clusters", tags=["analysis"], summary="Event clusters from cross-source fusion")
    def clusters(dyad: Annotated[str | None, Query(description="two codes: USA,CHN")] = None,
                 actor: str | None = None, type: str | None = None,
                 start: Annotated[str | None, Query(pattern=DATE)] = None,
                 end: Annotated[str | None, Query(pattern=DATE)] = None,
                 min_sources: Annotated[int | None, Query(ge=1)] = None,
                 limit: Annotated[int, Query(ge=1, le=1000)] = 100,
                 offset: Annotated[int, Query(ge=0)] = 0) -> dict[str, Any]:
        return Q.clusters(store, limit=limit, offset=offset, dyad=_dyad(dyad), actor=actor, type=type,
                          start=start, end=end, min_sources=min_sources)

    # ------------------------------------------------------------------ writing

    def require_token(authorization: Annotated[str | None, Header()] = None) -> None:
        if not write_token:
            raise HTTPException(403, "this server is read-only (no write token configured)")
        scheme, _, given = (authorization or "").partition(" ")
        if scheme.lower() != "bearer" or not hmac.compare_digest(given.strip().encode(), write_token.encode()):
            raise HTTPException(401, "a valid 'Authorization: Bearer <token>' header is required",
                                headers={"WWW-Authenticate": "Bearer"})

    @app.post("/api/ingest", tags=["writing"], dependencies=[Depends(require_token)],
              summary="Extract events from posted articles and store them (needs the write token)")
    def ingest(items: list[ArticleIn]) -> dict[str, Any]:
        from ..model import Article
        from ..pipeline import Pipeline

        if len(items) > 1000:
            raise HTTPException(413, "at most 1000 articles per request")
        with pipeline_lock:
            if "pipeline" not in state:
                state["pipeline"] = Pipeline()
            arts = [Article(id=i.id, text=i.text, title=i.title, date=i.date, source=i.source,
                            url=i.url, origin="api") for i in items]
            results = list(state["pipeline"].process_many(arts))
        saved = store.save(results)
        cache.clear()
        Q.clear_cache()
        return {"saved": saved.to_dict(), "articles": len(results),
                "events": sum(len(r.events) for r in results)}

    # ------------------------------------------------------------------ dashboard

    @app.exception_handler(ValueError)
    async def _value_error(_request: Request, exc: ValueError):
        return JSONResponse({"detail": str(exc)}, status_code=400)

    def page(name: str):
        def serve_page() -> FileResponse:
            return FileResponse(STATIC / name, media_type="text/html; charset=utf-8")
        return serve_page

    for route, filename in PAGES.items():
        app.add_api_route("/" + route, page(filename), include_in_schema=False, methods=["GET"])
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    return app


def app_from_env() -> FastAPI:
    """Factory for ``uvicorn --factory``: $COMMUNIQUE_DB and $COMMUNIQUE_WRITE_TOKEN."""
    return create_app(os.environ.get("COMMUNIQUE_DB"), os.environ.get("COMMUNIQUE_WRITE_TOKEN") or None)


__all__ = ["ArticleIn", "app_from_env", "create_app"]
