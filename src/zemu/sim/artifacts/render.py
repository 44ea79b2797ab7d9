"""A downloadable file made from its recipe: what the history keeps instead of the file's bytes.

A recipe is the small part of a record that determines the file (``records.register_file``
keeps it): a recording's or a voicemail's seed and duration, a transcript's timeline and
speakers, a fax's pages and parties. The same recipe always renders the same bytes, so a file
is made when first downloaded, never stored, and the last few are kept in memory for the
downloads that follow.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from functools import lru_cache
from typing import Any

import orjson

from zemu.sim.artifacts import audio, conversation, fax, transcript

Recipe = Mapping[str, Any]
AUDIO, TRANSCRIPT, FAX = "audio", "transcript", "fax"
CONTENT_TYPES = {AUDIO: "audio/mpeg", TRANSCRIPT: "application/json", FAX: "application/pdf"}


def seed_of(record_id: str) -> int:
    """A stable seed from a record's id: the same recording sounds the same everywhere."""
    return int.from_bytes(hashlib.sha256(record_id.encode()).digest()[:4], "big")


def audio_recipe(record_id: str, duration: float, speakers: int) -> dict[str, Any]:
    return {"render": AUDIO, "seed": seed_of(record_id), "duration": float(duration), "speakers": speakers}


def transcript_recipe(
    recording_id: str, *, account_id: str, host_id: str, start: float, duration: float, speakers: list[str]
) -> dict[str, Any]:
    return {
        "render": TRANSCRIPT,
        "seed": seed_of(recording_id),
        "recording_id": recording_id,
        "account_id": account_id,
        "host_id": host_id,
        "start": start,
        "duration": float(duration),
        "speakers": speakers,
    }


def fax_recipe(*, pages: int, sender: str, recipient: str, at: float) -> dict[str, Any]:
    return {"render": FAX, "pages": pages, "sender": sender, "recipient": recipient, "at": at}


def content_type(recipe: Recipe) -> str:
    return CONTENT_TYPES[str(recipe["render"])]


def render(recipe: Recipe) -> bytes:
    """The file's bytes (``ValueError`` for a recipe no renderer knows)."""
    return _render(orjson.dumps(dict(recipe), option=orjson.OPT_SORT_KEYS))


def spoken_text(seed: int, duration: float, speakers: int) -> str:
    """What is said in a recording or voicemail: the text its audio and transcript follow."""
    return " ".join(u.text.capitalize() + "." for u in conversation.timeline(seed, duration, speakers=speakers))


@lru_cache(maxsize=32)
def _render(key: bytes) -> bytes:
    recipe = orjson.loads(key)
    kind = recipe.get("render")
    if kind == AUDIO:
        said = conversation.timeline(recipe["seed"], recipe["duration"], speakers=recipe["speakers"])
        return audio.mp3(said, recipe["duration"], recipe["seed"])
    if kind == TRANSCRIPT:
        said = conversation.timeline(recipe["seed"], recipe["duration"], speakers=len(recipe["speakers"]) or 1)
        return orjson.dumps(
            transcript.transcript(
                said,
                recording_id=recipe["recording_id"],
                account_id=recipe["account_id"],
                host_id=recipe["host_id"],
                start=recipe["start"],
                duration=recipe["duration"],
                speakers=recipe["speakers"],
            )
        )
    if kind == FAX:
        return fax.pdf(pages=recipe["pages"], sender=recipe["sender"], recipient=recipe["recipient"], at=recipe["at"])
    raise ValueError(f"no renderer for {kind!r}")
