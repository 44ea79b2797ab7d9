"""Who may drive zemu: the one ASGI middleware in front of everything but Zoom's own API.

``/v2`` and ``/oauth`` are Zoom's public surface and stay as Zoom has them (bearer tokens,
no CORS). Everything else — the control plane ``/zemu``, the dashboard ``/`` and ``/mcp`` —
changes or reveals the emulator itself, so a request there must:

1. name a Host the server serves (``localhost``, ``127.0.0.1``, ``[::1]`` or the bound host,
   with the bound port or none, as behind a proxy; behind a wildcard bind, also any IP address
   and this machine's name). A DNS-rebinding page reaches the server under its own domain
   name, which is refused.
2. come from the server's own origin when it carries an ``Origin`` header (browsers send one on
   every cross-origin request and every non-GET request), so no web page can drive zemu.
3. carry the admin token when one is set, and always when bound beyond loopback:
   ``Authorization: Bearer <token>``, ``X-Zemu-Admin-Token: <token>``, or HTTP Basic auth with
   the token as password, or the dashboard's login cookie (``zemu_admin``, set by
   ``/ui/login`` once the token is typed in: HttpOnly, SameSite=Strict, and a digest of the
   token rather than the token). ``/mcp`` also takes a valid Zoom access token instead, as
   ``/v2`` does: an MCP client then acts as that token's app. A browser asking for a dashboard
   page without it is sent to the login form; ``/ui/login`` and ``/ui/static`` need no token.
4. send a JSON body to ``/zemu`` and ``/mcp`` as ``application/json``: a ``text/plain`` body is
   what a page may post without asking, so it is refused before anything reads it.

Profile pictures (``GET /zemu/users/{id}/picture``) stay public, as Zoom's ``pic_url`` is.
"""

from __future__ import annotations

import base64
import binascii
import hmac
import ipaddress
import re
import socket
from http.cookies import CookieError, SimpleCookie
from urllib.parse import quote

from starlette.types import ASGIApp, Receive, Scope, Send

from zemu.config import Config, is_loopback, is_wildcard
from zemu.errors import ZoomError
from zemu.http.responses import send_error
from zemu.runtime import Runtime

# recording downloads (``/rec/download/...``) are Zoom's too: their access token guards them
PUBLIC_PREFIXES = ("/v2/", "/oauth/", "/rec/")
PICTURE = re.compile(r"^/zemu/users/[^/]+/picture$")
JSON_BODIES = ("/zemu", "/mcp")
ZOOM_TOKEN_PATHS = ("/mcp",)
BODY_METHODS = {"POST", "PUT", "PATCH", "DELETE"}
LOOPBACK_NAMES = {"localhost", "127.0.0.1", "::1"}
# the dashboard's login cookie, and the paths that serve without a token (the form, its CSS)
DASHBOARD_COOKIE = "zemu_admin"
NO_TOKEN_PATHS = ("/ui/login", "/ui/static")
LOGIN_PATH = "/ui/login"


class Refusal(ZoomError):
    def __init__(self, status: int, code: int, message: str, headers: dict[str, str] | None = None) -> None:
        super().__init__(code, message, status)
        self.headers = headers or {}


class Guard:
    """ASGI middleware: refuses, before the app sees it, a request the rules above forbid."""

    def __init__(self, app: ASGIApp, runtime: Runtime) -> None:
        self.app = app
        self.rt = runtime
        self.config = runtime.config
        self.names = served_names(runtime.config)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] in ("http", "websocket") and not is_public(scope):
            try:
                self.check(scope)
            except Refusal as refusal:
                if refusal.status == 401 and wants_page(scope):
                    await send_to_login(scope, send)
                else:
                    await refuse(scope, receive, send, refusal)
                return
        await self.app(scope, receive, send)

    def check(self, scope: Scope) -> None:
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
        host = headers.get("host", "").strip().lower()
        if not self.serves(host):
            raise Refusal(
                403,
                403,
                f"zemu does not serve the host {host!r}: use "
                f"http://127.0.0.1:{self.config.port} or the address it is bound to.",
            )
        origin = headers.get("origin")
        if origin is not None and origin.strip().lower() not in (f"http://{host}", f"https://{host}"):
            raise Refusal(403, 403, f"Requests from another origin ({origin}) may not drive zemu.")
        if (
            not under(scope["path"], NO_TOKEN_PATHS)
            and not self.authorised(headers)
            and not self.zoom_client(scope["path"], headers)
        ):
            raise Refusal(
                401,
                124,
                "Admin token required: send Authorization: Bearer <admin token>.",
                {"www-authenticate": 'Basic realm="zemu", charset="UTF-8"'},
            )
        if needs_json(scope, headers) and not is_json(headers.get("content-type", "")):
            raise Refusal(415, 300, "The body must be JSON: send it with Content-Type: application/json.")

    def serves(self, host: str) -> bool:
        name, port = split_host(host)
        if not name or port not in (self.config.port, 0):
            return False
        if name in self.names:
            return True
        return is_wildcard(self.config.host) and is_ip(name)

    def authorised(self, headers: dict[str, str]) -> bool:
        token = self.config.admin_token
        if token is None:
            return is_loopback(self.config.host)  # beyond loopback without a token: closed
        offered = [headers.get("x-zemu-admin-token", "")]
        scheme, _, credentials = headers.get("authorization", "").partition(" ")
        if scheme.lower() == "bearer":
            offered.append(credentials.strip())
        elif scheme.lower() == "basic":
            offered.append(basic_password(credentials.strip()))
        if any(hmac.compare_digest(o.encode(), token.encode()) for o in offered if o):
            return True
        return self.has_cookie(headers)

    def has_cookie(self, headers: dict[str, str]) -> bool:
        token = self.config.admin_token
        offered = read_cookie(headers.get("cookie", ""), DASHBOARD_COOKIE)
        return token is not None and bool(offered) and hmac.compare_digest(offered, cookie_value(token))

    def zoom_client(self, path: str, headers: dict[str, str]) -> bool:
        """A valid Zoom access token, on a path that takes one in place of the admin token."""
        if self.config.admin_token is None or not under(path, ZOOM_TOKEN_PATHS):
            return False
        scheme, _, token = headers.get("authorization", "").partition(" ")
        if scheme.lower() != "bearer" or not token.strip():
            return False
        try:
            with self.rt.store.transaction(write=False) as tx:
                self.rt.access_token(tx, token.strip(), self.rt.clock.now())
        except ZoomError:
            return False
        return True


def cookie_value(token: str) -> str:
    """What the login cookie holds: a digest of the admin token, so the cookie jar never
    holds the token itself."""
    return hmac.new(token.encode(), b"zemu dashboard login", "sha256").hexdigest()


def read_cookie(header: str, name: str) -> str:
    jar: SimpleCookie = SimpleCookie()
    try:
        jar.load(header)
    except CookieError:
        return ""
    morsel = jar.get(name)
    return morsel.value if morsel is not None else ""


def wants_page(scope: Scope) -> bool:
    """A browser navigating to a dashboard page (not a script calling /zemu or /mcp)."""
    if scope.get("method") != "GET" or under(scope["path"], ("/zemu", "/mcp")):
        return False
    accept = next((v for k, v in scope["headers"] if k == b"accept"), b"").decode("latin-1")
    return "text/html" in accept


async def send_to_login(scope: Scope, send: Send) -> None:
    target = scope["path"] + ("?" + scope["query_string"].decode("latin-1") if scope.get("query_string") else "")
    location = f"{LOGIN_PATH}?next={quote(target, safe='')}"
    headers = [(b"location", location.encode()), (b"cache-control", b"no-store"), (b"content-length", b"0")]
    await send({"type": "http.response.start", "status": 303, "headers": headers})
    await send({"type": "http.response.body", "body": b""})


def under(path: str, prefixes: tuple[str, ...]) -> bool:
    return any(path == p or path.startswith(p + "/") for p in prefixes)


def served_names(config: Config) -> set[str]:
    names = set(LOOPBACK_NAMES)
    if not is_wildcard(config.host):
        names.add(config.host.lower().strip("[]"))
        return names
    hostname = socket.gethostname().lower()
    return names | {hostname, socket.getfqdn(hostname).lower()}


def is_public(scope: Scope) -> bool:
    path: str = scope["path"]
    if path.startswith(PUBLIC_PREFIXES):
        return True
    return scope.get("method") in ("GET", "HEAD") and PICTURE.match(path) is not None


def needs_json(scope: Scope, headers: dict[str, str]) -> bool:
    if scope.get("method") not in BODY_METHODS:
        return False
    if not under(scope["path"], JSON_BODIES):
        return False
    return headers.get("content-length", "0").strip() not in ("", "0") or "transfer-encoding" in headers


def is_json(content_type: str) -> bool:
    media = content_type.split(";", 1)[0].strip().lower()
    return media == "application/json" or (media.startswith("application/") and media.endswith("+json"))


def split_host(host: str) -> tuple[str, int | None]:
    """``name:port``, ``[v6]:port`` or a bare name (port 0); None for a port that is no number."""
    if host.startswith("["):
        name, _, rest = host[1:].partition("]")
        port_text = rest[1:] if rest.startswith(":") else ""
    elif host.count(":") == 1:
        name, _, port_text = host.partition(":")
    else:
        name, port_text = host, ""
    if not port_text:
        return name, 0
    return name, int(port_text) if port_text.isascii() and port_text.isdigit() and len(port_text) < 6 else None


def is_ip(name: str) -> bool:
    try:
        ipaddress.ip_address(name)
    except ValueError:
        return False
    return True


def basic_password(credentials: str) -> str:
    try:
        decoded = base64.b64decode(credentials, validate=True).decode()
    except (binascii.Error, UnicodeDecodeError):
        return ""
    return decoded.partition(":")[2]


async def refuse(scope: Scope, receive: Receive, send: Send, refusal: Refusal) -> None:
    if scope["type"] == "websocket":
        await send({"type": "websocket.close", "code": 1008})
        return
    await send_error(send, refusal, refusal.headers)
