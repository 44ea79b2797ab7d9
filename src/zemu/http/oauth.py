"""Zoom's OAuth endpoints: /oauth/token, /oauth/authorize (a consent page that approves), /oauth/revoke.

Parameters may come in the query string or a form body; the client authenticates with HTTP
Basic. Failures answer with OAuth bodies (``{"reason", "error"}``), never ``{code, message}``.
"""

from __future__ import annotations

import base64
import binascii
import html
from collections.abc import Awaitable, Callable
from typing import Any
from urllib.parse import parse_qsl, urlencode

from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, RedirectResponse, Response

from zemu.errors import ZoomError
from zemu.http.forms import parse_form
from zemu.http.responses import error_response
from zemu.http.wire import declared_length, read_body
from zemu.runtime import Runtime
from zemu.services import oauth
from zemu.services.apps import get_app, may_authorize, redirect_allowed
from zemu.services.oauth import OAuthError
from zemu.services.users.model import find_user

FORM_LIMIT = 64 * 1024  # an OAuth form is a few short fields
Endpoint = Callable[[Any, Request], Awaitable[Response]]


def basic_credentials(request: Request) -> tuple[str | None, str | None]:
    scheme, _, value = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() != "basic":
        return None, None
    try:
        client_id, _, secret = base64.b64decode(value.strip()).decode().partition(":")
    except (binascii.Error, UnicodeDecodeError):
        return None, None
    return client_id, secret


async def parameters(request: Request) -> dict[str, str]:
    """The query string and a form body; a form past FORM_LIMIT is OAuth's 413, unread."""
    params = dict(request.query_params)
    content_type = request.headers.get("content-type", "")
    if request.method == "POST" and "form" in content_type:
        try:
            raw = await read_body(
                request.receive, FORM_LIMIT, declared_length(request.headers.get("content-length", "").encode())
            )
            if content_type.startswith("multipart/"):
                form = parse_form(raw, content_type)
                params.update({k: v if isinstance(v, str) else v.decode("latin-1") for k, v in form.items()})
            else:
                params.update(parse_qsl(raw.decode("utf-8", "replace"), keep_blank_values=True))
        except ZoomError as error:
            raise OAuthError("invalid_request", error.message, error.status) from None
    return params


def answers_oauth_errors(endpoint: Endpoint) -> Endpoint:
    """Any OAuth refusal an endpoint raises, OAuth-shaped (``{reason, error}``)."""

    async def answer(self: Any, request: Request) -> Response:
        try:
            return await endpoint(self, request)
        except OAuthError as error:
            return oauth_error(error)

    return answer


def oauth_error(error: OAuthError) -> Response:
    return error_response(error)


class OAuthEndpoints:
    def __init__(self, runtime: Runtime) -> None:
        self.rt = runtime

    @answers_oauth_errors
    async def token(self, request: Request) -> Response:
        params = await parameters(request)
        client_id, secret = basic_credentials(request)
        rt = self.rt
        try:
            with rt.store.transaction() as tx:
                app = oauth.check_client(tx, client_id, secret)
                now = rt.clock.now()
                answer = self._grant(tx, app, params, now)
        except OAuthError as error:
            return oauth_error(error)
        answer["api_url"] = rt.config.origin
        return JSONResponse(answer)

    def _grant(self, tx: Any, app: dict[str, Any], params: dict[str, str], now: float) -> dict[str, Any]:
        rt, grant = self.rt, params.get("grant_type")
        if grant == "account_credentials":
            return oauth.account_credentials(tx, rt.ids, now, app, params.get("account_id"))
        if grant == "client_credentials":
            return oauth.client_credentials(tx, rt.ids, now, app)
        if grant == "authorization_code" and app["type"] == "oauth":
            return oauth.authorization_code(
                tx, rt.ids, now, app, params.get("code"), params.get("redirect_uri"), params.get("code_verifier")
            )
        if grant == "refresh_token" and app["type"] == "oauth":
            return oauth.refresh(tx, rt.ids, now, app, params.get("refresh_token"))
        raise OAuthError("unsupported_grant_type", "unsupported grant type")

    @answers_oauth_errors
    async def revoke(self, request: Request) -> Response:
        params = await parameters(request)
        client_id, secret = basic_credentials(request)
        try:
            with self.rt.store.transaction() as tx:
                app = oauth.check_client(tx, client_id, secret)
                oauth.revoke(tx, app, params.get("token"), self.rt.ids, self.rt.clock.now())
        except OAuthError as error:
            return oauth_error(error)
        self.rt.forget_token(params.get("token") or "")
        return JSONResponse({"status": "success"})

    @answers_oauth_errors
    async def authorize(self, request: Request) -> Response:
        """GET shows the consent page; POST (its button) approves and redirects with a code. The
        approval is refused from a page of another origin: it is the consent page's own form, not
        something another site may submit on the user's behalf."""
        if request.method == "POST" and not same_origin(request):
            return HTMLResponse(consent_error("Consent must be given on zemu's own page (4,700)"), status_code=403)
        params = await parameters(request)
        with self.rt.store.transaction(write=request.method == "POST") as tx:
            app = get_app(tx, params.get("client_id", ""))
            problem = self._authorize_problem(app, params)
            if problem:
                return HTMLResponse(consent_error(problem), status_code=400)
            assert app is not None
            user = find_user(tx, params["user"]) if params.get("user") else tx.get("user", app["owner_id"])
            problem = self._user_problem(app, user, params.get("user", ""))
            if problem:
                return HTMLResponse(consent_error(problem), status_code=400)
            assert user is not None
            if request.method == "GET":
                return HTMLResponse(consent_page(app, user, params))
            code = oauth.create_code(
                tx,
                self.rt.ids,
                self.rt.clock.now(),
                app=app,
                user=user,
                redirect_uri=params["redirect_uri"],
                challenge=params.get("code_challenge"),
                challenge_method=params.get("code_challenge_method"),
            )
        query = {"code": code, **({"state": params["state"]} if params.get("state") else {})}
        separator = "&" if "?" in params["redirect_uri"] else "?"
        return RedirectResponse(params["redirect_uri"] + separator + urlencode(query), status_code=302)

    @staticmethod
    def _authorize_problem(app: dict[str, Any] | None, params: dict[str, str]) -> str | None:
        if app is None or app["type"] != "oauth":
            return "Invalid client_id: " + params.get("client_id", "") + " (4,702)"
        if params.get("response_type") != "code":
            return "Invalid response_type (4,700)"
        redirect = params.get("redirect_uri", "")
        if not redirect_allowed(app, redirect):
            return "Invalid redirect: " + redirect + " (4,709)"
        if params.get("code_challenge_method", "plain") not in ("plain", "S256"):
            return "Invalid code_challenge_method (4,700)"
        return None

    @staticmethod
    def _user_problem(app: dict[str, Any], user: dict[str, Any] | None, named: str) -> str | None:
        """Who approves: the user named by ``user`` (an email or id; zemu has no login), else the
        app's owner. An app in development is for its own account's users only."""
        if user is None or user.get("status") != "active":
            return "User does not exist: " + named + " (4,735)"
        if not may_authorize(app, user):
            # Zoom's wording is not public; the code is its generic OAuth failure
            return (
                "This app is still in development and can only be authorized by users of the "
                "developer's account. (4,700)"
            )
        return None


def consent_page(app: dict[str, Any], user: dict[str, Any], params: dict[str, str]) -> str:
    hidden = "".join(
        f'<input type="hidden" name="{html.escape(k)}" value="{html.escape(v)}">' for k, v in params.items()
    )
    return (
        "<!doctype html><title>Authorize</title><h1>zemu</h1>"
        f"<p><b>{html.escape(app['name'])}</b> would like to access your Zoom account "
        f"as <b>{html.escape(user['email'])}</b>.</p>"
        f'<form method="post" action="/oauth/authorize">{hidden}'
        '<button type="submit" id="allow">Allow</button></form>'
    )


def consent_error(message: str) -> str:
    return f"<!doctype html><title>Authorize</title><h1>zemu</h1><p>{html.escape(message)}</p>"


def same_origin(request: Request) -> bool:
    """No Origin (a form posted by a client that sends none) or this server's own."""
    origin = request.headers.get("origin")
    host = request.headers.get("host", "").lower()
    return origin is None or origin.strip().lower() in (f"http://{host}", f"https://{host}")
