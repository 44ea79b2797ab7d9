"""A recording's transcript in Zoom's own shape (``phoneDownloadRecordingTranscript``): a
``zoom_transcript`` document whose timeline is the conversation's, speaker by speaker."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from zemu.sim.artifacts.conversation import Utterance
from zemu.sim.clock import zulu


def stamp(seconds: float) -> str:
    """``HH:MM:SS.mmm`` from the start of the recording."""
    millis = int(round(seconds * 1000))
    hours, rest = divmod(millis, 3_600_000)
    minutes, rest = divmod(rest, 60_000)
    return f"{hours:02d}:{minutes:02d}:{rest // 1000:02d}.{rest % 1000:03d}"


def transcript(
    timeline: Sequence[Utterance],
    *,
    recording_id: str,
    account_id: str,
    host_id: str,
    start: float,
    duration: float,
    speakers: Sequence[str],
) -> dict[str, Any]:
    """``speakers`` are the parties' extension numbers or phone numbers, in timeline order."""
    return {
        "type": "zoom_transcript",
        "ver": 1,
        "recording_id": recording_id,
        "meeting_id": "",
        "account_id": account_id,
        "host_id": host_id,
        "recording_start": zulu(start),
        "recording_end": zulu(start + duration),
        "timeline": [
            {
                "text": u.text.capitalize() + ".",
                "raw_text": u.text,
                "ts": stamp(u.start),
                "end_ts": stamp(u.end),
                "users": [],
                "userId": speakers[u.speaker % len(speakers)] if speakers else "",
                "userIds": [],
                "channelMark": "L" if u.speaker == 0 else "R",
            }
            for u in timeline
        ],
    }
