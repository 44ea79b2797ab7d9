"""``zemu meeting simulate ID``: run an instance of a meeting or webinar on a running server.

zemu meeting simulate 81234567890 [--participants 5] [--duration 30] [--record] [--polls] [--files 2] [--at …Z]
zemu meeting simulate 81234567890 --person "Ann,ann@example.com,0,20" --person "Bo,,5,30"
"""

from __future__ import annotations

import json
from typing import Any

import click

from zemu.cli_support import control, url_option


def _person(text: str) -> dict[str, Any]:
    parts = [p.strip() for p in text.split(",")]
    if len(parts) != 4 or not parts[0]:
        raise click.BadParameter(f"{text!r} is not NAME,EMAIL,JOIN_MINUTE,LEAVE_MINUTE", param_hint="--person")
    try:
        join, leave = float(parts[2]), float(parts[3])
    except ValueError:
        raise click.BadParameter(f"{text!r}: the minutes must be numbers", param_hint="--person") from None
    person: dict[str, Any] = {"name": parts[0], "join_minute": join, "leave_minute": leave}
    if parts[1]:
        person["email"] = parts[1]
    return person


@click.group()
def meeting() -> None:
    """The meeting simulator."""


@meeting.command()
@url_option
@click.argument("meeting_id")
@click.option("--participants", default=3, show_default=True, type=int, help="How many, the host included.")
@click.option("--person", "people", multiple=True, metavar="NAME,EMAIL,JOIN,LEAVE", help="A named participant.")
@click.option("--duration", "minutes", default=None, type=int, help="Minutes (default: the meeting's).")
@click.option("--record", is_flag=True, help="Record to the cloud.")
@click.option("--polls", is_flag=True, help="Participants answer the meeting's polls.")
@click.option("--files", default=0, show_default=True, type=int, help="PDFs shared in the chat.")
@click.option("--at", default=None, help="When it starts (yyyy-MM-ddTHH:mm:ssZ; default now).")
def simulate(
    url: str,
    meeting_id: str,
    participants: int,
    people: tuple[str, ...],
    minutes: int | None,
    record: bool,
    polls: bool,
    files: int,
    at: str | None,
) -> None:
    """Run an instance of MEETING_ID: the host starts it, people join and leave, it ends."""
    body: dict[str, Any] = {
        "participants": [_person(p) for p in people] if people else participants,
        "record": record,
        "polls": polls,
    }
    if files:
        body["files"] = files
    if minutes is not None:
        body["duration_minutes"] = minutes
    if at:
        body["at"] = at
    click.echo(json.dumps(control(url, "POST", f"/zemu/meetings/{meeting_id}/simulate", body), indent=2))
