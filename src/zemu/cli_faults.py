"""Commands for fault rules and snapshots, registered on the ``zemu`` group by ``zemu.cli``.

zemu faults [--json]                                   the rules, with their matches
zemu faults add EFFECT [--status N] [--operation ID] [--product P] [--method M] [--path GLOB]
              [--account ID] [--probability P] [--seed N] [--latency MS] [--times N] [--for 10m] …
zemu faults clear [ID]                                 every rule, or one
zemu snapshot list | save NAME | restore NAME | delete NAME
"""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import quote

import click

from zemu.cli_support import control, url_option

EFFECTS = ("error", "latency", "drop", "rate-limit", "rate_limit")


def _rule_line(rule: dict[str, Any]) -> str:
    effect = (
        rule["effect"]
        + (f" {rule['status']}" if "status" in rule else "")
        + (f" +{rule['latency_ms']:g}ms" if rule.get("latency_ms") else "")
    )
    filters = " ".join(f"{k}={rule[k]}" for k in ("product", "operation", "method", "path", "account_id") if k in rule)
    limits = "".join(
        [
            f" times={rule['times']}" if "times" in rule else "",
            f" until {rule['expires_at']}" if rule["expires_at"] else "",
        ]
    )
    state = "active" if rule["active"] else "expired"
    return (
        f"{rule['id']}  {effect:<14} {filters or 'every request'}  p={rule['probability']:g} "
        f"seed={rule['seed']}{limits}  matches={rule['matches']}  {state}"
    )


@click.group(invoke_without_command=True)
@url_option
@click.option("--json", "as_json", is_flag=True)
@click.pass_context
def faults(ctx: click.Context, url: str, as_json: bool) -> None:
    """Fault rules on /v2: `faults add error --status 503 --operation listUsers`."""
    ctx.obj = {"url": url}
    if ctx.invoked_subcommand is not None:
        return
    found = control(url, "GET", "/zemu/faults")["faults"]
    if as_json:
        click.echo(json.dumps(found, indent=2))
        return
    for rule in found:
        click.echo(_rule_line(rule))
    if not found:
        click.echo("no fault rules")


@faults.command(name="add")
@click.argument("effect", type=click.Choice(EFFECTS))
@click.option("--status", type=int, help="The error's HTTP status (effect error).")
@click.option("--code", type=int, help="Zoom's error code (default: the operation's documented one).")
@click.option("--message", help="The error message (default: the operation's documented one).")
@click.option("--latency", "latency_ms", type=float, help="Added real latency in milliseconds.")
@click.option("--limit-type", type=click.Choice(["QPS", "Daily-limit"]), help="The 429's limit (rate-limit).")
@click.option("--product", help="Only this product (phone, users, …).")
@click.option("--operation", help="Only this operationId.")
@click.option("--method", help="Only this HTTP method.")
@click.option("--path", help="Only paths matching this glob (/v2/phone/users/*).")
@click.option("--account", "account_id", help="Only requests of this account.")
@click.option("--probability", type=float, help="Chance that a matching request is hit (default 1).")
@click.option("--seed", type=int, help="Seed of the probability draws (reproducible).")
@click.option("--times", type=int, help="Expire after this many hits.")
@click.option("--for", "duration", help="Expire after this emulated duration (90s, 10m, 1h).")
@click.pass_context
def add_fault(ctx: click.Context, effect: str, duration: str | None, **options: Any) -> None:
    """Add a rule: EFFECT is error, latency, drop or rate-limit."""
    from zemu.cli import parse_duration  # zemu.cli imports this module

    body = {k: v for k, v in options.items() if v is not None}
    body["effect"] = effect.replace("-", "_")
    if duration is not None:
        body["duration_seconds"] = parse_duration(duration)
    click.echo(_rule_line(control(ctx.obj["url"], "POST", "/zemu/faults", body)))


@faults.command(name="clear")
@click.argument("rule_id", required=False)
@click.pass_context
def clear_faults(ctx: click.Context, rule_id: str | None) -> None:
    """Delete every rule, or the one with RULE_ID."""
    control(ctx.obj["url"], "DELETE", f"/zemu/faults/{quote(rule_id, safe='')}" if rule_id else "/zemu/faults")
    click.echo(f"deleted {rule_id}" if rule_id else "cleared every fault rule")


@click.group()
@url_option
@click.pass_context
def snapshot(ctx: click.Context, url: str) -> None:
    """Save the whole state under a name and put it back: `snapshot save clean`, `snapshot restore clean`."""
    ctx.obj = {"url": url}


def _snapshot_line(found: dict[str, Any]) -> str:
    return f"{found['name']}  clock {found['clock']}  {found['rows']} rows"


@snapshot.command(name="list")
@click.pass_context
def list_snapshots(ctx: click.Context) -> None:
    found = control(ctx.obj["url"], "GET", "/zemu/snapshots")["snapshots"]
    for row in found:
        click.echo(_snapshot_line(row))
    if not found:
        click.echo("no snapshots")


@snapshot.command(name="save")
@click.argument("name")
@click.pass_context
def save_snapshot(ctx: click.Context, name: str) -> None:
    click.echo("saved " + _snapshot_line(control(ctx.obj["url"], "POST", "/zemu/snapshots", {"name": name})))


@snapshot.command(name="restore")
@click.argument("name")
@click.pass_context
def restore_snapshot(ctx: click.Context, name: str) -> None:
    answer = control(ctx.obj["url"], "POST", f"/zemu/snapshots/{quote(name, safe='')}/restore")
    click.echo(f"restored {_snapshot_line(answer)} in {answer['restored_in_ms']:g} ms")


@snapshot.command(name="delete")
@click.argument("name")
@click.pass_context
def delete_snapshot(ctx: click.Context, name: str) -> None:
    control(ctx.obj["url"], "DELETE", f"/zemu/snapshots/{quote(name, safe='')}")
    click.echo(f"deleted {name}")


COMMANDS: list[click.Command] = [faults, snapshot]
