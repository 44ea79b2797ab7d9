"""Where a tool call goes: the emulator in this process, or a real Zoom account.

Both targets take a Zoom request (method, path under ``/v2``, query, body) and answer the raw
HTTP answer, so a call made through MCP is judged exactly as the same call over HTTP would be.

* ``EmulatorTarget`` sends it through zemu's own ASGI app, in process: the same authentication,
  scope check, rate limit, validation, single transaction and strict mode as ``/v2``, and the
  same request log. It acts as the demo app, or as the app whose Zoom token the MCP client sent.
* ``ZoomTarget`` sends it to Zoom with a server-to-server token (``account_credentials``),
  fetched on first use and fetched again before it expires or when Zoom refuses it.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from typing import Any, Protocol

import httpx
import orjson
from starlette.types import ASGIApp

from zemu.runtime import Runtime
from zemu.sim.clock import real_seconds

ZOOM_API = "https://api.zoom.us/v2"
ZOOM_OAUTH = "https://zoom.us/oauth/token"
TIMEOUT = httpx.Timeout(60.0, connect=10.0)
# a token is fetched again this long before Zoom says it expires, so no call carries a stale one
REFRESH_MARGIN = 300.0


@dataclass(frozen=True, slots=True)
class ZoomRequest:
    method: str
    path: str  # under /v2, parameters already filled in
    query: tuple[tuple[str, str], ...] = ()
    content: bytes | None = None
    content_type: str | None = None


@dataclass(frozen=True, slots=True)
class Answer:
    status: int
    headers: dict[str, str]  # lower-cased names
    content: bytes

    @property
    def content_type(self) -> str:
        return self.headers.get("content-type", "")

    def json(self) -> Any:
        return orjson.loads(self.content) if self.content else None


class TargetError(Exception):
    """The target could not be reached or would not give a token: an error result, never a crash."""

    def __init__(self, message: str, hint: str, detail: Any = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint
        self.detail = detail


class Target(Protocol):
    kind: str

    def url(self, path: str) -> str:
        """Where an operation's path answers on this target (a download's address)."""
        ...

    async def send(self, request: ZoomRequest, token: str | None = None) -> Answer: ...

    async def aclose(self) -> None: ...


def _answer(response: httpx.Response) -> Answer:
    return Answer(response.status_code, {k.lower(): v for k, v in response.headers.items()}, response.content)


def _expired(answer: Answer) -> bool:
    """Zoom's 401 code 124: the token is unknown, revoked or expired."""
    if answer.status != 401:
        return False
    try:
        body = answer.json()
    except orjson.JSONDecodeError:
        return True
    return not isinstance(body, dict) or body.get("code") in (124, None)


class EmulatorTarget:
    kind = "emulator"

    def __init__(self, runtime: Runtime, app: ASGIApp | None = None) -> None:
        self.rt = runtime
        self._app = app  # the whole zemu app: /v2, /oauth and /zemu
        self._http: httpx.AsyncClient | None = None
        self._token: tuple[str, float] | None = None  # the demo app's token and its emulated expiry
        self._lock = asyncio.Lock()

    def url(self, path: str) -> str:
        return f"{self.rt.config.origin}/v2{path}"

    def attach(self, app: ASGIApp) -> None:
        """The app to send to, given once it exists (the app itself holds this target's endpoint)."""
        self._app = app

    @property
    def http(self) -> httpx.AsyncClient:
        if self._http is None:
            if self._app is None:
                raise RuntimeError("the emulator target has no app attached")
            self._http = httpx.AsyncClient(
                transport=httpx.ASGITransport(app=self._app), base_url=self.rt.config.origin, timeout=TIMEOUT
            )
        return self._http

    def _admin(self) -> dict[str, str]:
        token = self.rt.config.admin_token
        return {"Authorization": f"Bearer {token}"} if token else {}

    async def control(
        self, method: str, path: str, body: dict[str, Any] | None = None, params: dict[str, Any] | None = None
    ) -> Answer:
        """A control-plane call (``/zemu/…``), with the admin token when the server has one."""
        response = await self.http.request(method, path, json=body, params=params, headers=self._admin())
        return _answer(response)

    async def send(self, request: ZoomRequest, token: str | None = None) -> Answer:
        if token is not None:
            return await self._send(request, token)
        answer = await self._send(request, await self._demo_token())
        if _expired(answer):  # a reset made a new demo app, or the clock moved on
            self._token = None
            answer = await self._send(request, await self._demo_token())
        return answer

    async def _send(self, request: ZoomRequest, token: str) -> Answer:
        headers = {"Authorization": f"Bearer {token}"}
        if request.content_type:
            headers["Content-Type"] = request.content_type
        response = await self.http.request(
            request.method, "/v2" + request.path, params=request.query, content=request.content, headers=headers
        )
        return _answer(response)

    async def _demo_token(self) -> str:
        async with self._lock:
            if self._token is not None and self._token[1] > self.rt.clock.now():
                return self._token[0]
            creds = await self.control("GET", "/zemu/credentials")
            if creds.status != 200:
                raise TargetError(
                    "The emulator has no demo account to act as.",
                    "Reset it with a demo account (zemu_reset with demo true), or send a Zoom "
                    "bearer token of another app to /mcp.",
                    creds.json(),
                )
            found = creds.json()
            response = await self.http.post(
                "/oauth/token",
                auth=(found["client_id"], found["client_secret"]),
                params={"grant_type": "account_credentials", "account_id": found["account_id"]},
            )
            body = response.json()
            if response.status_code != 200:
                raise TargetError(
                    "The emulator refused the demo app's credentials.",
                    "Reset the emulator (zemu_reset) and call again.",
                    body,
                )
            self._token = (body["access_token"], self.rt.clock.now() + float(body["expires_in"]) - 60)
            return self._token[0]

    async def aclose(self) -> None:
        if self._http is not None:
            await self._http.aclose()


class ZoomTarget:
    kind = "zoom"

    def __init__(
        self,
        *,
        api_url: str,
        oauth_url: str,
        account_id: str,
        client_id: str,
        client_secret: str,
        transport: httpx.AsyncBaseTransport | None = None,
    ) -> None:
        self.api_url = api_url.rstrip("/")
        self.oauth_url = oauth_url
        self.account_id = account_id
        self._auth = (client_id, client_secret)
        self.http = httpx.AsyncClient(timeout=TIMEOUT, transport=transport)
        self._token: tuple[str, float] | None = None  # the token and the real time to refresh it
        self._lock = asyncio.Lock()

    def url(self, path: str) -> str:
        return self.api_url + path

    async def send(self, request: ZoomRequest, token: str | None = None) -> Answer:
        answer = await self._send(request, token or await self._fresh_token())
        if token is None and _expired(answer):  # revoked or expired early: one new token
            self._token = None
            answer = await self._send(request, await self._fresh_token())
        return answer

    async def _send(self, request: ZoomRequest, token: str) -> Answer:
        headers = {"Authorization": f"Bearer {token}"}
        if request.content_type:
            headers["Content-Type"] = request.content_type
        try:
            response = await self.http.request(
                request.method,
                self.api_url + request.path,
                params=request.query,
                content=request.content,
                headers=headers,
            )
        except httpx.HTTPError as problem:
            raise TargetError(
                f"Zoom could not be reached at {self.api_url}: {problem}",
                "Check --target and the network, then call again.",
            ) from problem
        return _answer(response)

    async def _fresh_token(self) -> str:
        async with self._lock:
            if self._token is not None and self._token[1] > real_seconds():
                return self._token[0]
            try:
                response = await self.http.post(
                    self.oauth_url,
                    auth=self._auth,
                    params={"grant_type": "account_credentials", "account_id": self.account_id},
                )
            except httpx.HTTPError as problem:
                raise TargetError(
                    f"Zoom's OAuth endpoint could not be reached at {self.oauth_url}: {problem}",
                    "Check --oauth-url and the network, then call again.",
                ) from problem
            try:
                body = response.json()
            except ValueError:
                body = None
            if response.status_code != 200 or not isinstance(body, dict) or "access_token" not in body:
                raise TargetError(
                    f"Zoom refused the server-to-server credentials ({response.status_code}).",
                    "Check --account-id, --client-id and --client-secret: they are those of a "
                    "Server-to-Server OAuth app of the account.",
                    body,
                )
            lifetime = float(body.get("expires_in", 3600))
            self._token = (body["access_token"], real_seconds() + max(lifetime - REFRESH_MARGIN, lifetime / 2))
            return self._token[0]

    async def aclose(self) -> None:
        await self.http.aclose()
