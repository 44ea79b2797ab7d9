"""``zemu call``, ``zemu sms``, ``zemu fax``: simulated Zoom Phone traffic on a running server.

    zemu call FROM TO [--outcome answered|missed|rejected|busy|voicemail] [--ring S] [--talk S]
                      [--record] [--transcribe] [--ai-summary] [--keys 1] [--forwarded-outcome answered]
                      [--at 2026-…Z] [--json]
    zemu call FROM TO --steps '[{"at_seconds": 5, "do": "answer"}, {"at_seconds": 60, "do": "hang_up"}]'

FROM and TO are an extension number, a user's email, a number of the account or an outside
E.164 number. It prints the ids the call will leave behind; its events happen on the emulated
clock (``zemu clock advance 120`` plays them at once).

    zemu sms FROM TO MESSAGE [--attachments N] [--at …] [--json]
    zemu fax FROM TO [--pages N] [--at …] [--json]

send a text message or a fax between the same kinds of parties; they happen at once (or at ``--at``).
"""

from __future__ import annotations

import json
from typing import Any

import click

from zemu.cli_support import control, url_option
from zemu.sim.phone.outcomes import OUTCOMES


@click.command(name="call")
@url_option
@click.argument("caller", metavar="FROM")
@click.argument("callee", metavar="TO")
@click.option("--outcome", type=click.Choice(OUTCOMES), help="How it ends (default answered).")
@click.option("--steps", help="A script of steps as JSON, instead of an outcome.")
@click.option("--keys", help="The keys the caller presses at an auto receptionist.")
@click.option(
    "--forwarded-outcome",
    type=click.Choice(("answered", "missed", "rejected", "voicemail")),
    help="What the party the callee's call handling forwards the call to does (default answered).",
)
@click.option("--ring", "ring_seconds", type=float, help="Seconds of ringing.")
@click.option("--talk", "talk_seconds", type=float, help="Seconds of talk (or of the voicemail message).")
@click.option("--record", is_flag=True, help="Record the whole talk time.")
@click.option("--transcribe/--no-transcribe", default=None, help="Transcribe the recording or voicemail.")
@click.option("--ai-summary", is_flag=True, help="Make an AI call summary after the call.")
@click.option("--at", help="When it starts (yyyy-MM-ddTHH:mm:ssZ, emulated; default now).")
@click.option("--json", "as_json", is_flag=True, help="Print the answer as JSON.")
def call(
    url: str,
    caller: str,
    callee: str,
    outcome: str | None,
    steps: str | None,
    keys: str | None,
    forwarded_outcome: str | None,
    ring_seconds: float | None,
    talk_seconds: float | None,
    record: bool,
    transcribe: bool | None,
    ai_summary: bool,
    at: str | None,
    as_json: bool,
) -> None:
    """Place a call: `zemu call 1001 +14155550123 --talk 95 --record`."""
    body: dict[str, Any] = {"from": caller, "to": callee}
    if steps is not None:
        try:
            body["steps"] = json.loads(steps)
        except ValueError:
            raise click.BadParameter("--steps must be a JSON list of steps") from None
    optional = {
        "outcome": outcome,
        "ring_seconds": ring_seconds,
        "talk_seconds": talk_seconds,
        "at": at,
        "transcribe": transcribe,
        "keys": keys,
        "forwarded_outcome": forwarded_outcome,
    }
    body.update({k: v for k, v in optional.items() if v is not None})
    if record:
        body["record"] = True
    if ai_summary:
        body["ai_summary"] = True
    placed = control(url, "POST", "/zemu/phone/calls", body)
    if as_json:
        click.echo(json.dumps(placed, indent=2))
        return
    click.echo(f"call {placed['call_id']}  {placed['outcome']}  {placed['starts_at']} → {placed['ends_at']}")
    click.echo(f"  call history  {placed['call_history_id']}")
    for account, history_id in (placed.get("call_history_ids") or {}).items():
        if history_id != placed["call_history_id"]:
            click.echo(f"  call history  {history_id}  (account {account})")
    for key in ("recording_id", "voicemail_id", "ai_call_summary_id"):
        if key in placed:
            click.echo(f"  {key.removesuffix('_id').replace('_', ' '):<13} {placed[key]}")


@click.command(name="sms")
@url_option
@click.argument("sender", metavar="FROM")
@click.argument("recipient", metavar="TO")
@click.argument("message")
@click.option("--attachments", type=int, help="How many pictures the message carries (an MMS).")
@click.option("--at", help="When it is sent (yyyy-MM-ddTHH:mm:ssZ, emulated; default now).")
@click.option("--json", "as_json", is_flag=True, help="Print the answer as JSON.")
def sms(
    url: str, sender: str, recipient: str, message: str, attachments: int | None, at: str | None, as_json: bool
) -> None:
    """Send a text message: `zemu sms 1001 +14155550123 "On my way"`."""
    body: dict[str, Any] = {"from": sender, "to": recipient, "message": message}
    body.update({k: v for k, v in {"attachments": attachments, "at": at}.items() if v is not None})
    sent = control(url, "POST", "/zemu/phone/sms", body)
    if as_json:
        click.echo(json.dumps(sent, indent=2))
        return
    click.echo(f"message {sent['message_id']}  session {sent['session_id']}  {sent['date_time']}")


@click.command(name="fax")
@url_option
@click.argument("sender", metavar="FROM")
@click.argument("recipient", metavar="TO")
@click.option("--pages", type=int, default=1, show_default=True, help="How many pages the fax has.")
@click.option("--at", help="When it is sent (yyyy-MM-ddTHH:mm:ssZ, emulated; default now).")
@click.option("--json", "as_json", is_flag=True, help="Print the answer as JSON.")
def fax(url: str, sender: str, recipient: str, pages: int, at: str | None, as_json: bool) -> None:
    """Send a fax: `zemu fax 1001 +14155550123 --pages 3`."""
    body: dict[str, Any] = {"from": sender, "to": recipient, "pages": pages}
    if at is not None:
        body["at"] = at
    sent = control(url, "POST", "/zemu/phone/faxes", body)
    if as_json:
        click.echo(json.dumps(sent, indent=2))
        return
    click.echo(f"fax {sent['fax_id']}  log {sent['fax_log_id']}  file {sent['file_id']}  {sent['pages']} pages")


COMMANDS: list[click.Command] = [call, sms, fax]
