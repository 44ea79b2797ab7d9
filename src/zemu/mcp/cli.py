"""``zemu mcp``: the MCP server on stdio, over an emulator in this process or a real Zoom account.

With the emulator (the default) it opens its own store (``--db``, as ``zemu serve`` does) and runs
the emulator's workers, so webhooks are delivered while the MCP client works; ``--port`` also
serves the emulator's HTTP API there, for programs under test. With ``--target URL`` every call
goes to that Zoom API with a server-to-server token of the given app. Nothing but MCP is written
to stdout.
"""

from __future__ import annotations

import asyncio

import click

from zemu.store.open import DEFAULT_DB

EMULATOR = "emulator"


@click.command(name="mcp")
@click.option(
    "--target",
    default=EMULATOR,
    show_default=True,
    help="'emulator', or a Zoom API base URL such as https://api.zoom.us/v2.",
)
@click.option("--account-id", envvar="ZOOM_ACCOUNT_ID", default=None, help="Real target: the account id.")
@click.option("--client-id", envvar="ZOOM_CLIENT_ID", default=None, help="Real target: the S2S app's client id.")
@click.option(
    "--client-secret", envvar="ZOOM_CLIENT_SECRET", default=None, help="Real target: the S2S app's client secret."
)
@click.option(
    "--oauth-url",
    envvar="ZOOM_OAUTH_URL",
    default="https://zoom.us/oauth/token",
    show_default=True,
    help="Real target: the token endpoint.",
)
@click.option("--db", default=DEFAULT_DB, show_default=True, help="Emulator: SQLite path, :memory:, or postgresql://…")
@click.option("--seed", default=42, show_default=True, type=int, help="Emulator: seed of the demo account.")
@click.option("--empty", is_flag=True, help="Emulator: start with no account.")
@click.option("--strict", is_flag=True, help="Emulator: validate every response and event against its schema.")
@click.option("--rate-limits", type=click.Choice(["zoom", "off"]), default="off", show_default=True)
@click.option("--port", default=None, type=int, help="Emulator: also serve its HTTP API (and /mcp) on 127.0.0.1:PORT.")
def mcp_command(
    target: str,
    account_id: str | None,
    client_id: str | None,
    client_secret: str | None,
    oauth_url: str,
    db: str,
    seed: int,
    empty: bool,
    strict: bool,
    rate_limits: str,
    port: int | None,
) -> None:
    """Serve MCP on stdio: Zoom's API as tools, on the emulator or a real account."""
    if target == EMULATOR:
        asyncio.run(_emulator(db, seed, empty, strict, rate_limits, port))
        return
    if not target.startswith(("http://", "https://")):
        raise click.BadParameter("is 'emulator' or a URL such as https://api.zoom.us/v2", param_hint="--target")
    missing = [
        name
        for name, value in (
            ("--account-id", account_id),
            ("--client-id", client_id),
            ("--client-secret", client_secret),
        )
        if not value
    ]
    if missing:
        raise click.UsageError(f"a real target needs {', '.join(missing)}")
    asyncio.run(_zoom(target, oauth_url, str(account_id), str(client_id), str(client_secret)))


async def _emulator(db: str, seed: int, empty: bool, strict: bool, rate_limits: str, port: int | None) -> None:
    import uvicorn

    from zemu.config import Config
    from zemu.http.app import build_app
    from zemu.mcp.server import ZoomMcp, lifespan, serve_stdio
    from zemu.mcp.targets import EmulatorTarget
    from zemu.runtime import Runtime

    config = Config(port=port or 9650, db=db, seed=seed, demo=not empty, strict=strict, rate_limits=rate_limits)
    runtime = Runtime(config)
    app = build_app(runtime)
    mcp = ZoomMcp(EmulatorTarget(runtime, app))
    try:
        if port is None:
            async with lifespan(app):
                await serve_stdio(mcp)
            return
        server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", access_log=False))
        serving = asyncio.create_task(server.serve())
        try:
            await serve_stdio(mcp)
        finally:
            server.should_exit = True
            await serving
    finally:
        await mcp.target.aclose()
        runtime.close()


async def _zoom(api_url: str, oauth_url: str, account_id: str, client_id: str, client_secret: str) -> None:
    from zemu.mcp.server import ZoomMcp, serve_stdio
    from zemu.mcp.targets import ZoomTarget

    target = ZoomTarget(
        api_url=api_url, oauth_url=oauth_url, account_id=account_id, client_id=client_id, client_secret=client_secret
    )
    try:
        await serve_stdio(ZoomMcp(target))
    finally:
        await target.aclose()
