"""What every ``zemu`` command that talks to a running server shares: its address and one call."""

from __future__ import annotations

import os
from typing import Any

import click
import httpx


def default_url() -> str:
    host = os.environ.get("ZEMU_HOST", "127.0.0.1")
    return f"http://{host}:{os.environ.get('ZEMU_PORT', '9650')}"


def control(url: str, method: str, path: str, body: dict[str, Any] | None = None) -> Any:
    """One control-plane call; a refusal or an absent server ends the command with its reason."""
    try:
        answer = httpx.request(method, url.rstrip("/") + path, json=body, timeout=60)
    except httpx.TransportError as error:
        raise click.ClickException(f"no zemu server answers at {url} ({error})") from None
    if answer.status_code >= 400:
        raise click.ClickException(f"{answer.status_code}: {answer.text}")
    return answer.json() if answer.content else None


url_option = click.option("--url", default=default_url, show_default="http://$ZEMU_HOST:$ZEMU_PORT",
                          help="The running server.")
