"""The web app's routes: the log (/), its CSV (/correction-log.csv), a report's page
(/reports/ID), the review form's target (POST /entries/ID/review), login, assets, health.

Every request passes `guard_requests` first (Host, session cookie, login, Origin on anything
that changes state); every form post also carries the session's CSRF token.
"""

from __future__ import annotations

import asyncio
import dataclasses
from collections.abc import Awaitable, Callable
from functools import cache
from importlib import resources
from typing import Any
from urllib.parse import parse_qsl, quote, unquote, urlencode, urlsplit, urlunsplit

import jinja2
from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, PlainTextResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from newsledger.outputs.report import entry_view, html_environment, render_csv
from newsledger.outputs.report_data import ReportError
from newsledger.outputs.review_journal import (
    MAX_NOTE_CHARS,
    make_queued_review,
    queued_reviews,
)
from newsledger.outputs.reviews import REVIEW_STATUSES, ReviewError
from newsledger.outputs.web import WebState
from newsledger.outputs.web_data import (
    REVIEW_FILTERS,
    WebInputError,
    compare_versions,
    load_log_page,
    load_report_page,
    parse_log_query,
    queued_by_entry,
    version_pair,
)
from newsledger.outputs.web_security import SESSION_COOKIE, Session, safe_next
from newsledger.store.warehouse import WarehouseError, WarehouseLockedError

REVIEWER_COOKIE = "newsledger_reviewer"
MAX_FORM_BYTES = 64 * 1024
ASSETS = {"correction-log.css": "correction-log.css", "web.css": "web/web.css"}
PUBLIC_PATHS = frozenset({"/login", "/healthz", "/assets/web.css", "/assets/correction-log.css"})
NOTICES = {
    "stored": "Review stored.",
    "queued": "Review queued: an ingest holds the writer, and the review is stored as soon as "
    "it is free. You do not need to send it again.",
    "logged-in": "Logged in.",
}
SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'none'; style-src 'self'; img-src 'self' data:; "
    "form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
    "Cache-Control": "no-store",
}


@cache
def _env() -> jinja2.Environment:
    # Its own cache and globals: an overlay shares the report's globals dict otherwise.
    env = html_environment().overlay(cache_size=400)
    env.globals = {
        **env.globals,
        "review_statuses": REVIEW_STATUSES,
        "review_filters": REVIEW_FILTERS,
        "max_note_chars": MAX_NOTE_CHARS,
        "web": True,
    }
    return env


def _session(request: Request) -> Session:
    session: Session = request.state.session
    return session


def _page(request: Request, name: str, status_code: int = 200, **context: Any) -> HTMLResponse:
    state: WebState = request.app.state.web
    session = _session(request)
    here = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    html = (
        _env()
        .get_template(f"web/{name}")
        .render(
            csrf=state.guard.csrf_token(session),
            logged_in=session.logged_in,
            needs_login=state.guard.needs_login,
            here=here,
            notice=NOTICES.get(request.query_params.get("notice", "")),
            reviewer=unquote(request.cookies.get(REVIEWER_COOKIE, "")),
            n_queued=len(queued_reviews(state.db_path)),
            last_drain=state.last_drain,
            **context,
        )
    )
    return HTMLResponse(html, status_code=status_code)


def _message(request: Request, status_code: int, title: str, text: str) -> HTMLResponse:
    return _page(request, "message.html.j2", status_code, title=title, text=text)


def _busy(request: Request) -> HTMLResponse:
    return _message(
        request,
        503,
        "The warehouse is busy",
        "an ingest is writing the warehouse right now: reload the page in a moment",
    )


def _with_notice(target: str, notice: str, anchor: str) -> str:
    parts = urlsplit(target)
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if k != "notice"]
    query.append(("notice", notice))
    return urlunsplit(("", "", parts.path, urlencode(query), anchor))


async def _read_form(request: Request) -> dict[str, str]:
    """A urlencoded form body (no multipart: the forms here send none), bounded in size."""
    if "application/x-www-form-urlencoded" not in request.headers.get("content-type", ""):
        raise WebInputError("the form must be sent as application/x-www-form-urlencoded")
    body = b""
    async for chunk in request.stream():
        body += chunk
        if len(body) > MAX_FORM_BYTES:
            raise WebInputError(f"the form is larger than {MAX_FORM_BYTES} bytes")
    return dict(parse_qsl(body.decode("utf-8", "replace"), keep_blank_values=True))


def _refused(text: str, status_code: int = 403) -> HTMLResponse:
    # Before the session is known, so no template: one line, escaped by hand.
    from markupsafe import escape

    body = f"<!doctype html><title>Refused</title><p>refused: {escape(text)}</p>"
    return HTMLResponse(body, status_code=status_code, headers=SECURITY_HEADERS)


def add_routes(app: FastAPI, state: WebState) -> None:
    guard = state.guard

    @app.middleware("http")
    async def guard_requests(
        request: Request, call_next: Callable[[Request], Awaitable[Response]]
    ) -> Response:
        host = request.headers.get("host")
        refusal = guard.host_refusal(host)
        if refusal:
            return _refused(refusal, 400)
        session = guard.read_session(request.cookies.get(SESSION_COOKIE))
        new_cookie = None
        if session is None:
            session, new_cookie = guard.new_session()
        request.state.session = session
        request.state.cookie_out = new_cookie
        if request.method not in ("GET", "HEAD"):
            refusal = guard.origin_refusal(
                host, request.headers.get("origin"), request.headers.get("referer")
            )
            if refusal:
                return _refused(refusal)
        if guard.needs_login and not session.logged_in and request.url.path not in PUBLIC_PATHS:
            if request.method in ("GET", "HEAD"):
                return RedirectResponse("/login?" + urlencode({"next": request.url.path}), 303)
            return _refused("log in first")
        response = await call_next(request)
        cookie_out = request.state.cookie_out
        if cookie_out:
            response.set_cookie(SESSION_COOKIE, cookie_out, httponly=True, samesite="strict")
        for name, value in SECURITY_HEADERS.items():
            response.headers.setdefault(name, value)
        return response

    def csrf_refusal(request: Request, form: dict[str, str]) -> HTMLResponse | None:
        if guard.csrf_ok(_session(request), form.get("csrf")):
            return None
        return _refused(
            "the form's security token does not match this session "
            "(the page may be from before the app restarted): reload the page and send it again"
        )

    @app.get("/healthz", response_class=PlainTextResponse)
    def healthz() -> str:
        return "ok"

    @app.get("/assets/{name}")
    def asset(name: str) -> Response:
        if name not in ASSETS:
            return PlainTextResponse("not found", status_code=404)
        text = resources.files("newsledger.outputs").joinpath("templates", ASSETS[name])
        return Response(text.read_text("utf-8"), media_type="text/css; charset=utf-8")

    @app.get("/", response_class=HTMLResponse)
    def log_page(request: Request) -> HTMLResponse:
        try:
            query = parse_log_query(request.query_params)
            with state.reading() as warehouse:
                page = load_log_page(warehouse, query)
        except (WebInputError, ReportError) as error:
            return _message(request, 400, "Cannot show the log", str(error))
        except WarehouseLockedError:
            return _busy(request)
        except WarehouseError as error:
            return _message(request, 503, "Cannot read the warehouse", str(error))
        queued = queued_by_entry(queued_reviews(state.db_path))
        return _page(
            request,
            "log.html.j2",
            query=query,
            page=page,
            data=page.data,
            entries=[entry_view(e, queued.get(e.entry_id, ())) for e in page.shown],
            page_url=lambda **changes: "/?" + urlencode(query.params(**changes)),
            csv_url="/correction-log.csv?" + urlencode(query.params(page=None)),
        )

    @app.get("/correction-log.csv")
    def log_csv(request: Request) -> Response:
        try:
            query = parse_log_query(request.query_params)
            with state.reading() as warehouse:
                page = load_log_page(warehouse, query)
        except (WebInputError, ReportError) as error:
            return _message(request, 400, "Cannot export the log", str(error))
        except WarehouseLockedError:
            return _busy(request)
        except WarehouseError as error:
            return _message(request, 503, "Cannot read the warehouse", str(error))
        data = dataclasses.replace(page.data, entries=page.matching)
        # The byte-order mark tells Excel the file is UTF-8.
        return Response(
            "\ufeff" + render_csv(data),
            media_type="text/csv; charset=utf-8",
            headers={"Content-Disposition": 'attachment; filename="correction-log.csv"'},
        )

    @app.get("/reports/{report_id:path}", response_class=HTMLResponse)
    def report_page(request: Request, report_id: str) -> HTMLResponse:
        try:
            with state.reading() as warehouse:
                report = load_report_page(warehouse, report_id)
            if report is None:
                return _message(
                    request, 404, "No such report", f"the warehouse has no report {report_id!r}"
                )
            pair = version_pair(report, request.query_params)
        except (WebInputError, ReportError) as error:
            return _message(request, 400, "Cannot show the report", str(error))
        except WarehouseLockedError:
            return _busy(request)
        except WarehouseError as error:
            return _message(request, 503, "Cannot read the warehouse", str(error))
        whole = request.query_params.get("whole") == "1"
        mode = "inline" if request.query_params.get("mode") == "inline" else "side"
        queued = queued_by_entry(queued_reviews(state.db_path))
        return _page(
            request,
            "report.html.j2",
            report=report,
            data=report.data,
            entries=[entry_view(e, queued.get(e.entry_id, ())) for e in report.data.entries],
            comparison=compare_versions(*pair, whole=whole) if pair else None,
            mode=mode,
            compare_url=lambda **p: f"/reports/{quote(report_id)}?" + urlencode(p) + "#compare",
        )

    @app.post("/entries/{entry_id}/review")
    async def post_review(request: Request, entry_id: str) -> Response:
        try:
            form = await _read_form(request)
        except WebInputError as error:
            return _message(request, 400, "Review not recorded", str(error))
        refused = csrf_refusal(request, form)
        if refused:
            return refused
        back = safe_next(form.get("next"))
        try:
            review = make_queued_review(
                entry_id, form.get("status", ""), form.get("note"), form.get("reviewer", "")
            )
            stored = await run_in_threadpool(state.submit, review)
        except ReviewError as error:
            return _message(request, 400, "Review not recorded", str(error))
        except WarehouseError as error:
            return _message(request, 503, "Review not recorded", str(error))
        response = RedirectResponse(
            _with_notice(back, "stored" if stored else "queued", f"entry-{entry_id}"), 303
        )
        response.set_cookie(
            REVIEWER_COOKIE, quote(review.reviewed_by), max_age=365 * 86400,
            httponly=True, samesite="strict",
        )  # fmt: skip
        return response

    @app.get("/login")
    def login_page(request: Request) -> Response:
        if not guard.needs_login:
            return RedirectResponse("/", 303)
        return _page(request, "login.html.j2", next=safe_next(request.query_params.get("next")))

    @app.post("/login")
    async def login(request: Request) -> Response:
        try:
            form = await _read_form(request)
        except WebInputError as error:
            return _message(request, 400, "Not logged in", str(error))
        refused = csrf_refusal(request, form)
        if refused:
            return refused
        back = safe_next(form.get("next"))
        if not guard.password_ok(form.get("password", "")):
            await asyncio.sleep(1.0)  # a guess a second, at most, per connection
            return _page(request, "login.html.j2", 403, next=back, failed=True)
        _, cookie = guard.new_session(logged_in=True)
        request.state.cookie_out = cookie
        return RedirectResponse(back, 303)

    @app.post("/logout")
    async def logout(request: Request) -> Response:
        form = await _read_form(request)
        refused = csrf_refusal(request, form)
        if refused:
            return refused
        _, cookie = guard.new_session(logged_in=False)
        request.state.cookie_out = cookie
        return RedirectResponse("/login" if guard.needs_login else "/", 303)
