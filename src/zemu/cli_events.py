"""Commands of the webhook engine, registered on the ``zemu`` group by ``zemu.cli``.

zemu deliveries [--event E] [--status ok|failed|pending] [--subscription ID] [--limit N] [--json]
zemu deliveries show ID
zemu deliveries replay ID
zemu subscriptions [--json]
zemu subscriptions add URL [--event E]... [--app ID] [--name N] [--no-validate]
zemu subscriptions delete ID
zemu subscriptions validate ID
"""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import quote, urlencode

import click

from zemu.cli_support import control, url_option


def _delivery_line(d: dict[str, Any]) -> str:
    status = d["status"] if d["last_status"] is None else f"{d['status']} ({d['last_status']})"
    return f"{d['created_at']}  {d['id']}  {d['event']:<40} {status:<16} attempts={d['attempt_count']}  {d['url']}" + (
        f"  next={d['next_attempt_at']}" if d["next_attempt_at"] else ""
    )


@click.group(invoke_without_command=True)
@url_option
@click.option("--event", default=None, help="Only this event.")
@click.option("--status", type=click.Choice(["ok", "delivered", "failed", "pending"]), default=None)
@click.option("--subscription", default=None, help="Only this subscription's deliveries.")
@click.option("--limit", default=30, show_default=True, type=click.IntRange(1, 1000))
@click.option("--json", "as_json", is_flag=True, help="Print as JSON, with every attempt.")
@click.pass_context
def deliveries(
    ctx: click.Context,
    url: str,
    event: str | None,
    status: str | None,
    subscription: str | None,
    limit: int,
    as_json: bool,
) -> None:
    """The webhook delivery log, newest first; `deliveries replay ID` sends one again."""
    ctx.obj = {"url": url}
    if ctx.invoked_subcommand is not None:
        return
    query = {
        k: v
        for k, v in {"event": event, "status": status, "subscription": subscription, "limit": limit}.items()
        if v is not None
    }
    found = control(url, "GET", "/zemu/deliveries?" + urlencode(query))["deliveries"]
    if as_json:
        click.echo(json.dumps(found, indent=2, ensure_ascii=False))
        return
    for d in found:
        click.echo(_delivery_line(d))


@deliveries.command(name="show")
@click.argument("delivery_id")
@click.pass_context
def show_delivery(ctx: click.Context, delivery_id: str) -> None:
    """One delivery with every attempt (request headers and body, response, latency, error)."""
    found = control(ctx.obj["url"], "GET", f"/zemu/deliveries/{quote(delivery_id, safe='')}")
    click.echo(json.dumps(found, indent=2, ensure_ascii=False))


@deliveries.command(name="replay")
@click.argument("delivery_id")
@click.pass_context
def replay(ctx: click.Context, delivery_id: str) -> None:
    """Attempt a delivery again, now, and print the outcome."""
    answer = control(ctx.obj["url"], "POST", f"/zemu/deliveries/{quote(delivery_id, safe='')}/replay")
    attempt = answer["attempt"]
    outcome = "ok" if attempt["ok"] else f"failed: {attempt['error']}"
    click.echo(f"replayed {delivery_id}: HTTP {attempt['status']} in {attempt['latency_ms']:.1f} ms ({outcome})")


@click.group(invoke_without_command=True)
@url_option
@click.option("--json", "as_json", is_flag=True)
@click.pass_context
def subscriptions(ctx: click.Context, url: str, as_json: bool) -> None:
    """Webhook event subscriptions; `subscriptions add URL` makes one."""
    ctx.obj = {"url": url}
    if ctx.invoked_subcommand is not None:
        return
    found = control(url, "GET", "/zemu/subscriptions")["subscriptions"]
    if as_json:
        click.echo(json.dumps(found, indent=2))
        return
    for s in found:
        check = s["validation"]
        state = (
            "validation off"
            if not check["enabled"]
            else (f"validated {check['last_at']}" if check["last_ok"] else f"validation failing x{check['failures']}")
        )
        click.echo(f"{s['id']}  {s['status']:<8} {len(s['events']):>3} events  {s['url']}  ({state})")


@subscriptions.command(name="add")
@click.argument("target")
@click.option("--event", "events", multiple=True, help="An event to receive (repeatable; default: all).")
@click.option("--app", "app_id", default=None, help="The app (default: the demo app).")
@click.option("--name", default=None)
@click.option("--no-validate", is_flag=True, help="Skip URL validation (receivers that do not implement it).")
@click.pass_context
def add_subscription(
    ctx: click.Context, target: str, events: tuple[str, ...], app_id: str | None, name: str | None, no_validate: bool
) -> None:
    body: dict[str, Any] = {"url": target, "validate": not no_validate}
    if events:
        body["events"] = list(events)
    if app_id:
        body["app_id"] = app_id
    if name:
        body["name"] = name
    created = control(ctx.obj["url"], "POST", "/zemu/subscriptions", body)
    click.echo(f"{created['id']}  {len(created['events'])} events  {created['url']}")


@subscriptions.command(name="delete")
@click.argument("subscription_id")
@click.pass_context
def delete_subscription(ctx: click.Context, subscription_id: str) -> None:
    control(ctx.obj["url"], "DELETE", f"/zemu/subscriptions/{quote(subscription_id, safe='')}")
    click.echo(f"deleted {subscription_id}")


@subscriptions.command(name="validate")
@click.argument("subscription_id")
@click.pass_context
def validate_subscription(ctx: click.Context, subscription_id: str) -> None:
    """Run URL validation now (a passing check re-enables a disabled subscription)."""
    answer = control(ctx.obj["url"], "POST", f"/zemu/subscriptions/{quote(subscription_id, safe='')}/validate")
    click.echo("validated" if answer["ok"] else f"validation failed: {answer['error']}")


COMMANDS: list[click.Command] = [deliveries, subscriptions]
