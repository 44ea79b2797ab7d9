"""What every ``zemu`` command that talks to a running server shares: its address, the admin
token, and one call."""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from typing import Any, TypeVar

import click
import httpx

from zemu.config import Config

F = TypeVar("F", bound=Callable[..., Any])
TOKEN_KEY = "zemu.admin_token"
_DURATION = re.compile(r"^(\d+(?:\.\d+)?)([smhd]?)$")
_UNITS = {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400}


def parse_duration(text: str) -> float:
    """``90``, ``90s``, ``30m``, ``1h``, ``2d`` → seconds."""
    found = _DURATION.match(text.strip().lower())
    if not found:
        raise click.BadParameter(f"{text!r} is not a duration like 90s, 30m, 1h or 2d")
    return float(found.group(1)) * _UNITS[found.group(2)]


def default_url() -> str:
    """``http://$ZEMU_HOST:$ZEMU_PORT``; a wildcard bind is reached over loopback."""
    try:
        port = int(os.environ.get("ZEMU_PORT", "9650"))
    except ValueError:
        raise click.BadParameter("ZEMU_PORT must be a port number") from None
    return Config(host=os.environ.get("ZEMU_HOST", "127.0.0.1"), port=port).origin


def admin_headers() -> dict[str, str]:
    """The admin token given by ``--admin-token`` or ``ZEMU_ADMIN_TOKEN``, as a bearer header."""
    context = click.get_current_context(silent=True)
    token = context.meta.get(TOKEN_KEY) if context is not None else None
    token = token or os.environ.get("ZEMU_ADMIN_TOKEN")
    return {"Authorization": f"Bearer {token}"} if token else {}


def control(url: str, method: str, path: str, body: dict[str, Any] | None = None, *, missing_ok: bool = False) -> Any:
    """One control-plane call; a refusal or an absent server ends the command with its reason.
    With ``missing_ok`` a 404 answers None."""
    try:
        answer = httpx.request(method, url.rstrip("/") + path, json=body, headers=admin_headers(), timeout=60)
    except httpx.TransportError as error:
        raise click.ClickException(
            f"no zemu server answers at {url} ({error}); start one with `zemu serve`, or point --url / ZEMU_URL at it"
        ) from None
    if missing_ok and answer.status_code == 404:
        return None
    if answer.status_code == 401:
        raise click.ClickException(
            f"{url} wants the admin token: pass --admin-token or set ZEMU_ADMIN_TOKEN ({answer.text})"
        )
    if answer.status_code >= 400:
        raise click.ClickException(f"{answer.status_code}: {answer.text}")
    return answer.json() if answer.content else None


def _remember_token(context: click.Context, _param: click.Parameter, value: str | None) -> None:
    if value:
        context.meta[TOKEN_KEY] = value  # meta is shared by the command's sub-commands


def url_option(command: F) -> F:
    """``--url`` (the running server) and ``--admin-token`` (sent on every call it makes)."""
    command = click.option(
        "--admin-token",
        envvar="ZEMU_ADMIN_TOKEN",
        default=None,
        expose_value=False,
        callback=_remember_token,
        metavar="TOKEN",
        help="The server's admin token (needed when it is bound beyond loopback).",
    )(command)
    return click.option(
        "--url",
        envvar="ZEMU_URL",
        default=default_url,
        show_default="$ZEMU_URL, else http://$ZEMU_HOST:$ZEMU_PORT",
        help="The running server.",
    )(command)
