"""``zemu traffic``: steady, seeded phone traffic against a running server, for load-testing a
webhook receiver.

    zemu traffic --calls-per-minute 600 --duration 10m [--mix answered=60,missed=10,sms=10] [--seed 7]
                 [--wait] [--json]

It reads the account's parties over the API (the demo app's credentials), then sends the mix's
requests (``zemu.sim.phone.traffic``) to the simulator's control plane at a steady pace in real
time, each one happening now on the emulated clock; the server plays the calls' steps on its own.
A progress bar shows the pace; the summary counts what was sent, the calls by outcome, and what
the server made of it (``GET /zemu/stats``: events emitted, history records, deliveries).
``--wait`` then waits, in real time, until the calls placed have ended and left their records.
"""

from __future__ import annotations

import asyncio
import json
import time
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

import click
import httpx
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn, TimeRemainingColumn
from rich.table import Table

from zemu.cli_support import admin_headers, control, parse_duration, url_option
from zemu.sim.clock import parse_zulu
from zemu.sim.phone.traffic import DEFAULT_MIX, Parties, Traffic, parse_mix

Doc = dict[str, Any]
IN_FLIGHT = 64  # requests outstanding at once; beyond it the pace falls behind (and shows it)
MADE = {"recording_id": "recordings", "voicemail_id": "voicemails", "ai_call_summary_id": "ai_call_summaries"}
RECORDS_AFTER_END = 91.0  # emulated seconds after a call's end by which its last record exists


@dataclass
class Tally:
    """What the run sent and what the server answered."""

    sent: Counter[str] = field(default_factory=Counter)  # by kind of the mix
    outcomes: Counter[str] = field(default_factory=Counter)  # calls, by the outcome the server gave
    made: Counter[str] = field(default_factory=Counter)  # recordings, voicemails, ... the answers name
    errors: Counter[str] = field(default_factory=Counter)  # by status (or transport error)
    first_errors: list[str] = field(default_factory=list)
    latencies: list[float] = field(default_factory=list)
    last_end: float = 0.0  # the latest emulated end of a call placed

    def answered(self, kind: str, answer: Doc) -> None:
        self.sent[kind] += 1
        if "call_id" in answer:
            self.outcomes[answer["outcome"]] += 1
            self.last_end = max(self.last_end, parse_zulu(answer["ends_at"]))
            for key, made in MADE.items():
                if key in answer:
                    self.made[made] += 1

    def failed(self, kind: str, reason: str, detail: str) -> None:
        self.errors[reason] += 1
        if len(self.first_errors) < 5:
            self.first_errors.append(f"{kind}: {reason} {detail[:300]}")


# the account, read over the API ---------------------------------------------------------------
def _token(client: httpx.Client, url: str) -> str:
    creds = control(url, "GET", "/zemu/credentials", missing_ok=True)
    if not creds:
        raise click.ClickException(f"{url} has no demo app to read the account with (was it started with --empty?)")
    answer = client.post(
        "/oauth/token",
        params={"grant_type": "account_credentials", "account_id": creds["account_id"]},
        auth=(creds["client_id"], creds["client_secret"]),
    )
    if answer.status_code != 200:
        raise click.ClickException(f"the demo app's token was refused: {answer.status_code} {answer.text}")
    return str(answer.json()["access_token"])


def _every(client: httpx.Client, path: str, key: str) -> list[Doc]:
    items: list[Doc] = []
    token = ""
    while True:
        answer = client.get(path, params={"page_size": 100, "next_page_token": token})
        if answer.status_code != 200:
            raise click.ClickException(f"GET {path}: {answer.status_code} {answer.text}")
        page = answer.json()
        items += page.get(key) or []
        token = page.get("next_page_token") or ""
        if not token:
            return items


def _menu_keys(client: httpx.Client, receptionist_id: str) -> list[str]:
    answer = client.get(f"/v2/phone/auto_receptionists/{receptionist_id}/ivr")
    if answer.status_code != 200:
        return []
    return sorted({str(a["key"]) for a in answer.json().get("key_actions") or [] if a.get("key") is not None})


def read_parties(url: str) -> Parties:
    """The account's phone users, call queues and auto receptionists (with their menus' keys)."""
    with httpx.Client(base_url=url, timeout=30) as client:
        client.headers["Authorization"] = f"Bearer {_token(client, url)}"
        users = [
            (str(u["extension_number"]), str((u.get("phone_numbers") or [{}])[0].get("number") or ""))
            for u in _every(client, "/v2/phone/users", "users")
            if u.get("extension_number") and u.get("status") == "activate"
        ]
        queues = [
            str(q["extension_number"])
            for q in _every(client, "/v2/phone/call_queues", "call_queues")
            if q.get("extension_number") and q.get("status", "active") == "active"
        ]
        receptionists = [
            (str(r["extension_number"]), _menu_keys(client, r["id"]))
            for r in _every(client, "/v2/phone/auto_receptionists", "auto_receptionists")
            if r.get("extension_number")
        ]
    return Parties(users=users, queues=queues, receptionists=receptionists)


# the run ---------------------------------------------------------------------------------------
async def _send(client: httpx.AsyncClient, kind: str, request: str, body: Doc, tally: Tally) -> None:
    began = time.monotonic()
    try:
        answer = await client.post(f"/zemu/phone/{request}", json=body)
    except httpx.HTTPError as error:
        tally.failed(kind, type(error).__name__, str(error))
        return
    finally:
        tally.latencies.append(time.monotonic() - began)
    if answer.status_code == 201:
        tally.answered(kind, answer.json())
    else:
        tally.failed(kind, str(answer.status_code), f"{json.dumps(body)} → {answer.text}")


async def run(url: str, traffic: Traffic, per_minute: float, seconds: float, progress: Progress | None) -> Tally:
    """Send ``per_minute`` requests a minute for ``seconds`` real seconds; answers the tally."""
    tally = Tally()
    total = max(1, round(per_minute * seconds / 60))
    gap = 60.0 / per_minute
    task = progress.add_task("traffic", total=total, errors=0) if progress is not None else None
    limits = httpx.Limits(max_connections=IN_FLIGHT, max_keepalive_connections=IN_FLIGHT)
    slots = asyncio.Semaphore(IN_FLIGHT)
    pending: set[asyncio.Task[None]] = set()

    async def one(kind: str, request: str, body: Doc) -> None:
        try:
            await _send(client, kind, request, body, tally)
        finally:
            slots.release()
            if progress is not None and task is not None:
                progress.update(task, advance=1, errors=sum(tally.errors.values()))

    async with httpx.AsyncClient(base_url=url, headers=admin_headers(), timeout=60, limits=limits) as client:
        start = time.monotonic()
        for index in range(total):
            delay = start + index * gap - time.monotonic()
            if delay > 0:
                await asyncio.sleep(delay)
            await slots.acquire()
            kind, request, body = traffic.next()
            job = asyncio.create_task(one(kind, request, body))
            pending.add(job)
            job.add_done_callback(pending.discard)
        if pending:
            await asyncio.gather(*pending)
    return tally


def _wait_for_records(url: str, last_end: float) -> None:
    """Wait in real time until the emulated clock passes the last call's records."""
    while True:
        now = parse_zulu(control(url, "GET", "/zemu/clock")["now"])
        left = last_end + RECORDS_AFTER_END - now
        if left <= 0:
            return
        time.sleep(min(1.0, max(0.05, left / 10)))


def summary(tally: Tally, elapsed: float, per_minute: float, before: Doc, after: Doc) -> Doc:
    sent = sum(tally.sent.values()) + sum(tally.errors.values())
    ordered = sorted(tally.latencies)

    def quantile(q: float) -> float:
        return round(ordered[min(len(ordered) - 1, int(q * len(ordered)))] * 1000, 1) if ordered else 0.0

    return {
        "requests": sent,
        "errors": sum(tally.errors.values()),
        "errors_by_status": dict(tally.errors),
        "first_errors": tally.first_errors,
        "elapsed_seconds": round(elapsed, 2),
        "target_per_minute": per_minute,
        "achieved_per_minute": round(sent * 60 / elapsed, 1) if elapsed else 0.0,
        "latency_ms": {"p50": quantile(0.5), "p95": quantile(0.95), "max": quantile(1.0)},
        "sent": dict(tally.sent),
        "calls_by_outcome": dict(tally.outcomes),
        "made": dict(tally.made),
        "events_emitted": after["outbox"]["events"] - before["outbox"]["events"],
        "records": {k: after["phone"][k] - before["phone"].get(k, 0) for k in after["phone"]},
        "deliveries": {k: after["deliveries"][k] - before["deliveries"].get(k, 0) for k in after["deliveries"]},
        "scheduled_pending": after["scheduled"]["pending"],
        "scheduled_failed": after["scheduled"]["failed"],
    }


def _print(console: Console, result: Doc) -> None:
    table = Table(title="zemu traffic", show_header=True)
    table.add_column("what")
    table.add_column("count", justify="right")

    def section(title: str, rows: dict[str, Any]) -> None:
        table.add_section()
        table.add_row(f"[bold]{title}[/bold]", "")
        for name, value in rows.items():
            table.add_row(f"  {name.replace('_', ' ')}", str(value))

    section(
        "sent",
        {
            "requests": result["requests"],
            "errors": result["errors"],
            "rate per minute": f"{result['achieved_per_minute']} (target {result['target_per_minute']:g})",
            "latency p50 / p95 / max ms": "{p50} / {p95} / {max}".format(**result["latency_ms"]),
            **result["sent"],
        },
    )
    section("calls by outcome", result["calls_by_outcome"])
    section("made", result["made"])
    section("server", {"events emitted": result["events_emitted"], **result["records"]})
    section("deliveries", result["deliveries"])
    console.print(table)
    for line in result["first_errors"]:
        console.print(f"[red]{line}[/red]")


def _mix(_context: click.Context, _param: click.Parameter, value: str | None) -> dict[str, float]:
    if value is None:
        return dict(DEFAULT_MIX)
    try:
        return parse_mix(value)
    except ValueError as problem:
        raise click.BadParameter(str(problem)) from None


def _duration(_context: click.Context, _param: click.Parameter, value: str) -> float:
    seconds = parse_duration(value)
    if seconds <= 0:
        raise click.BadParameter("the duration must be above 0")
    return seconds


@click.command(name="traffic")
@url_option
@click.option("--calls-per-minute", "per_minute", type=click.FloatRange(0, min_open=True), required=True)
@click.option("--duration", callback=_duration, required=True, help="How long to run: 90s, 10m, 1h.")
@click.option(
    "--mix",
    callback=_mix,
    help="Weights of the kinds: answered, missed, voicemail, busy, rejected, queue, receptionist, sms, fax "
    "(e.g. answered=60,missed=10,voicemail=15,sms=10,fax=5); kinds left out are not sent.",
)
@click.option("--seed", type=int, default=42, show_default=True, help="The same seed sends the same traffic.")
@click.option("--wait", is_flag=True, help="Then wait until the calls placed have ended and left their records.")
@click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON.")
def traffic(
    url: str, per_minute: float, duration: float, mix: dict[str, float], seed: int, wait: bool, as_json: bool
) -> None:
    """Steady phone traffic (calls, messages, faxes) at a pace, for load-testing a receiver:
    `zemu traffic --calls-per-minute 600 --duration 10m`. Every item of the mix counts in the pace."""
    try:
        generator = Traffic(seed, read_parties(url), mix)
    except ValueError as problem:
        raise click.ClickException(str(problem)) from None
    console = Console(stderr=True)
    before = control(url, "GET", "/zemu/stats")
    columns = (
        TextColumn("[progress.description]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("errors {task.fields[errors]}"),
        TimeElapsedColumn(),
        TimeRemainingColumn(),
    )
    began = time.monotonic()
    with Progress(*columns, console=console, disable=as_json) as progress:
        tally = asyncio.run(run(url, generator, per_minute, duration, progress))
    elapsed = time.monotonic() - began
    if wait and tally.last_end:
        console.print("waiting for the calls to end and leave their records …")
        _wait_for_records(url, tally.last_end)
    result = summary(tally, elapsed, per_minute, before, control(url, "GET", "/zemu/stats"))
    if as_json:
        click.echo(json.dumps(result, indent=2))
    else:
        _print(Console(), result)
    if result["errors"]:
        raise SystemExit(1)


COMMANDS: list[click.Command] = [traffic]
