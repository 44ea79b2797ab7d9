"""The ``zemu`` command: serve the emulator, and a command for each control-plane call."""

from __future__ import annotations

import errno
import json
import re
import socket
import sys
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit

import click
from rich.console import Console
from rich.table import Table

from zemu.cli_calls import COMMANDS as CALL_COMMANDS
from zemu.cli_events import COMMANDS as EVENT_COMMANDS
from zemu.cli_faults import COMMANDS as FAULT_COMMANDS
from zemu.cli_meetings import meeting as meeting_command
from zemu.cli_support import control, url_option
from zemu.config import Config, is_loopback
from zemu.control.inputs import MAX_SEED
from zemu.mcp.cli import mcp_command
from zemu.sim.clock import check_time_scale
from zemu.store.open import DEFAULT_DB

console = Console(highlight=False)
SEED = click.IntRange(0, MAX_SEED)
PORT = click.IntRange(1, 65535)
CREDENTIAL_LABELS = {
    "api_base_url": "API base URL",
    "oauth_url": "OAuth URL",
    "account_id": "account_id",
    "client_id": "client_id",
    "client_secret": "client_secret",
    "webhook_secret_token": "webhook secret token",
    "dashboard_url": "dashboard URL",
    "mcp_url": "MCP URL",
}
_DURATION = re.compile(r"^(\d+(?:\.\d+)?)([smhd]?)$")
_UNITS = {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400}


def parse_duration(text: str) -> float:
    """``90``, ``90s``, ``30m``, ``1h``, ``2d`` → seconds."""
    found = _DURATION.match(text.strip().lower())
    if not found:
        raise click.BadParameter(f"{text!r} is not a duration like 90s, 30m, 1h or 2d")
    return float(found.group(1)) * _UNITS[found.group(2)]


def time_scale(_context: click.Context, _param: click.Parameter, value: float) -> float:
    try:
        check_time_scale(value)
    except ValueError as problem:
        raise click.BadParameter(str(problem)) from None
    return value


def webhook_urls(_context: click.Context, _param: click.Parameter, value: tuple[str, ...]) -> tuple[str, ...]:
    for url in value:
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise click.BadParameter(f"{url!r} is not an http:// or https:// URL")
    return value


def bind(host: str, port: int) -> socket.socket:
    """The listening socket, taken before anything is printed or created: a port in use ends
    the command with what to do instead."""
    try:
        family, kind, proto, _, address = socket.getaddrinfo(
            host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE
        )[0]
    except socket.gaierror as error:
        raise click.ClickException(f"cannot listen on {host!r}: {error.strerror}") from None
    sock = socket.socket(family, kind, proto)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind(address)
        sock.listen(2048)  # listening now claims the port (SO_REUSEADDR lets a second bind pass until then)
    except OSError as error:
        sock.close()
        if error.errno == errno.EADDRINUSE:
            raise click.ClickException(
                f"port {port} on {host} is already taken (another zemu, or another server). "
                f"Choose another port: zemu serve --port {port + 1}, or set ZEMU_PORT."
            ) from None
        raise click.ClickException(f"cannot listen on {host}:{port}: {error.strerror}") from None
    return sock


def print_credentials(creds: dict[str, Any] | None, as_json: bool = False) -> None:
    if creds is None:
        console.print("No account yet (started with --empty): `zemu reset` makes the demo account.")
        return
    if as_json:
        click.echo(json.dumps(creds, indent=2))
        return
    width = max(len(label) for label in CREDENTIAL_LABELS.values())
    for key, label in CREDENTIAL_LABELS.items():
        click.echo(f"  {label:<{width}}  {creds[key]}")


@click.group()
@click.version_option(package_name="zemu")
def main() -> None:
    """zemu: a local, stateful emulator of the Zoom platform API."""


@main.command()
@click.option("--host", envvar="ZEMU_HOST", default="127.0.0.1", show_default=True)
@click.option("--port", envvar="ZEMU_PORT", default=9650, show_default=True, type=PORT)
@click.option("--db", default=DEFAULT_DB, show_default=True, help="SQLite path, :memory:, or postgresql://…")
@click.option("--seed", default=42, show_default=True, type=SEED, help="Seed of the demo account.")
@click.option("--empty", is_flag=True, help="Start with no account.")
@click.option(
    "--time-scale",
    default=1.0,
    show_default=True,
    type=float,
    callback=time_scale,
    help="Emulated seconds per real second (above 0, at most 10000).",
)
@click.option("--rate-limits", type=click.Choice(["zoom", "off"]), default="off", show_default=True)
@click.option("--strict", is_flag=True, help="Validate every response and event against its schema.")
@click.option(
    "--admin-token",
    envvar="ZEMU_ADMIN_TOKEN",
    default=None,
    help="Required on /zemu, / and /mcp when set; needed to bind beyond loopback.",
)
@click.option(
    "--webhook",
    "webhooks",
    multiple=True,
    metavar="URL",
    callback=webhook_urls,
    help="Subscribe the demo app to every event at URL (repeatable; idempotent across restarts).",
)
def serve(
    host: str,
    port: int,
    db: str,
    seed: int,
    empty: bool,
    time_scale: float,
    rate_limits: str,
    strict: bool,
    admin_token: str | None,
    webhooks: tuple[str, ...],
) -> None:
    """Run the emulator (with the demo account on first start)."""
    import uvicorn

    from zemu.http.app import build_app
    from zemu.runtime import Runtime

    if not is_loopback(host) and not admin_token:
        raise click.ClickException(
            "--admin-token (or ZEMU_ADMIN_TOKEN) is required when zemu is bound beyond "
            "loopback: every call to /zemu, / and /mcp must then carry it"
        )
    listening = bind(host, port)
    config = Config(
        host=host,
        port=port,
        db=db,
        seed=seed,
        demo=not empty,
        time_scale=time_scale,
        rate_limits=rate_limits,
        strict=strict,
        admin_token=admin_token,
        webhook_urls=webhooks,
    )
    runtime = Runtime(config)
    click.echo(f"zemu is serving the Zoom API on {config.origin} (store: {runtime.store.backend} {db})")
    print_credentials(runtime.credentials())
    # an open dashboard keeps its live stream open: a stop waits this long for it, not for the tab
    server = uvicorn.Server(
        uvicorn.Config(build_app(runtime), host=host, port=port, log_level="warning", timeout_graceful_shutdown=3)
    )
    try:
        server.run(sockets=[listening])
    finally:
        runtime.close()


@main.command()
@url_option
@click.option("--json", "as_json", is_flag=True, help="Print as JSON.")
@click.option("--db", default=None, help="Read this store instead of asking the server (it must exist).")
def credentials(url: str, as_json: bool, db: str | None) -> None:
    """Print the demo account's URLs and credentials: from the running server, or from --db."""
    creds = control(url, "GET", "/zemu/credentials", missing_ok=True) if db is None else stored_credentials(db, url)
    print_credentials(creds, as_json)
    if creds is None:
        sys.exit(1)


def stored_credentials(db: str, url: str) -> dict[str, Any] | None:
    """The credentials kept in an existing store, with URLs on ``url``; never creates a store."""
    from zemu.demo import demo_credentials
    from zemu.sim.clock import wall_time
    from zemu.store import open_store

    if not db.startswith(("postgresql://", "postgres://")) and not Path(db).is_file():
        raise click.ClickException(f"there is no zemu store at {db}")
    store = open_store(db, wall_time)
    try:
        with store.transaction(write=False) as tx:
            return demo_credentials(tx, url.rstrip("/"))
    finally:
        store.close()


@main.command()
@url_option
@click.option("--seed", default=42, show_default=True, type=SEED)
@click.option("--empty", is_flag=True, help="Reset to no account at all.")
def reset(url: str, seed: int, empty: bool) -> None:
    """Wipe the state and rebuild the demo account."""
    answer = control(url, "POST", "/zemu/reset", {"demo": not empty, "seed": seed})
    click.echo(f"reset: demo={answer['demo']} seed={answer['seed']}")


@main.command()
@url_option
@click.argument("action", required=False, type=click.Choice(["advance", "scale"]))
@click.argument("value", required=False)
def clock(url: str, action: str | None, value: str | None) -> None:
    """Show the emulated clock; `clock advance 1h` or `clock scale 60` change it."""
    if action and not value:
        raise click.UsageError(f"clock {action} needs a value")
    if action == "advance":
        answer = control(url, "POST", "/zemu/clock/advance", {"seconds": parse_duration(value or "0")})
    elif action == "scale":
        try:
            scale = float(value or 1)
            check_time_scale(scale)
        except ValueError:
            raise click.BadParameter(f"{value!r} is not a time scale above 0 and at most 10000") from None
        answer = control(url, "POST", "/zemu/clock", {"time_scale": scale})
    else:
        answer = control(url, "GET", "/zemu/clock")
    click.echo(f"{answer['now']}  (time scale {answer['time_scale']:g})")


@main.command()
@url_option
@click.option("--json", "as_json", is_flag=True)
@click.option("--missing", is_flag=True, help="List every operation and event not implemented yet.")
@click.option("--seed", "seed_only", is_flag=True, help="With --missing: only seed operations and events.")
def coverage(url: str, as_json: bool, missing: bool, seed_only: bool) -> None:
    """Which catalogue operations and events are implemented, seed operations first."""
    answer = control(url, "GET", "/zemu/coverage")
    if as_json:
        click.echo(json.dumps(answer, indent=2))
        return
    summary = answer["summary"]
    table = Table("product", "operations", "implemented", "seed", "seed implemented")
    for product, row in summary["by_product"].items():
        table.add_row(
            product, str(row["total"]), str(row["implemented"]), str(row["seed"]), str(row["seed_implemented"])
        )
    console.print(table)
    for label in ("operations", "seed_operations", "events", "seed_events"):
        row = summary[label]
        console.print(f"{label.replace('_', ' ')}: {row['implemented']} of {row['total']} implemented")
    if missing:
        for op in answer["operations"]:
            if not op["implemented"] and (op["seed"] or not seed_only):
                click.echo(f"  {op['method']:<6} {op['path']}  {op['operation_id']}")
        for event in answer["events"]:
            if not event["implemented"] and (event["seed"] or not seed_only):
                click.echo(f"  event  {event['event']}")


@main.command()
@url_option
@click.option("--limit", default=30, show_default=True, type=click.IntRange(1, 2000))
def requests(url: str, limit: int) -> None:
    """The request log, newest first."""
    for row in control(url, "GET", f"/zemu/requests?limit={limit}")["requests"]:
        click.echo(f"{row['at']}  {row['status']}  {row['method']:<6} {row['path']}  {row['operation_id'] or ''}")


@main.command(name="rate-limits")
@url_option
@click.argument("profile", required=False, type=click.Choice(["zoom", "off"]))
def rate_limits(url: str, profile: str | None) -> None:
    """Show or switch the rate-limit profile."""
    answer = (
        control(url, "POST", "/zemu/rate-limits", {"profile": profile})
        if profile
        else control(url, "GET", "/zemu/rate-limits")
    )
    click.echo(f"rate limits: {answer['profile']}")


@main.command()
@url_option
@click.argument("event")
@click.option("--user", default=None, help="The user it concerns (email or id), where it concerns one.")
@click.option("--param", "params", multiple=True, metavar="KEY=VALUE", help="A further parameter.")
def trigger(url: str, event: str, user: str | None, params: tuple[str, ...]) -> None:
    """Perform the smallest real action that causes EVENT, and print what it touched."""
    body: dict[str, str] = {}
    for pair in params:
        key, sep, value = pair.partition("=")
        if not sep:
            raise click.BadParameter(f"{pair!r} is not KEY=VALUE", param_hint="--param")
        body[key] = value
    if user:
        body["user"] = user
    answer = control(url, "POST", f"/zemu/trigger/{quote(event, safe='')}", body)
    click.echo(json.dumps(answer["touched"], indent=2))


for command in (*EVENT_COMMANDS, *FAULT_COMMANDS, *CALL_COMMANDS):
    main.add_command(command)
main.add_command(mcp_command)
main.add_command(meeting_command)


if __name__ == "__main__":
    main()
