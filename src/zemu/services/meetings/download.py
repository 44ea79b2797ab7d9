"""A recording file's bytes, rendered from the recording's record on first download.

Every file of one recording comes from the same seed and length: the MP4 and the M4A carry the
voice track the transcript transcribes; nothing is stored up front.
"""

from __future__ import annotations

from zemu.services.context import FileBody
from zemu.services.resource import Doc
from zemu.sim.artifacts import audio, meeting_text, video
from zemu.sim.artifacts.conversation import timeline
from zemu.sim.clock import parse_zulu

CONTENT_TYPES = {"MP4": "video/mp4", "M4A": "audio/mp4", "TRANSCRIPT": "text/vtt", "CHAT": "text/plain"}


def render(recording: Doc, one: Doc) -> FileBody:
    seconds = int(parse_zulu(one["recording_end"]) - parse_zulu(one["recording_start"]))
    seed, people = int(recording["seed"]), list(recording.get("people") or [])
    kind = one["file_type"]
    if kind == "TRANSCRIPT":
        data = meeting_text.vtt(seed, seconds, people)
    elif kind == "CHAT":
        data = meeting_text.chat(seed, int(recording.get("planned_seconds") or seconds), people, until=seconds)
    else:
        pcm = audio.pcm(timeline(seed, seconds), seconds, seed)
        data = video.mp4(recording["topic"], seconds, pcm) if kind == "MP4" else video.m4a(pcm)
    name = f"{recording['topic']}.{one['file_extension'].lower()}".replace("/", "_")
    return FileBody(CONTENT_TYPES[kind], data, name)
