"""A recorded meeting's text files, rendered from its record: the WebVTT transcript and the
in-meeting chat as Zoom saves it (``HH:MM:SS From  Name to  Everyone:\\tmessage``).

The transcript follows the same timeline the audio speaks (``conversation.timeline``), with the
meeting's participants as its speakers, so every file of one recording agrees.
"""

from __future__ import annotations

import random
from collections.abc import Sequence

from zemu.sim.artifacts.conversation import timeline

CHAT_LINES = (
    "Hello everyone",
    "Can you see my screen?",
    "Yes, looks good",
    "I will share the notes after",
    "Thanks!",
    "One question on the timeline",
    "Let's take that offline",
    "Great meeting",
)


def _clock(seconds: float, millis: bool = True) -> str:
    whole = int(seconds)
    text = f"{whole // 3600:02d}:{whole % 3600 // 60:02d}:{whole % 60:02d}"
    return f"{text}.{int(round((seconds - whole) * 1000)) % 1000:03d}" if millis else text


def vtt(seed: int, duration: float, speakers: Sequence[str]) -> bytes:
    names = list(speakers) or ["Host"]
    lines = ["WEBVTT", ""]
    for n, said in enumerate(timeline(seed, duration, speakers=2), start=1):
        name = names[(said.speaker + n // 3) % len(names)]
        lines += [str(n), f"{_clock(said.start)} --> {_clock(said.end)}", f"{name}: {said.text}", ""]
    return "\n".join(lines).encode()


def chat_lines(seed: int, duration: float, speakers: int) -> list[tuple[int, int, str]]:
    """The meeting's chat: (second, index of the speaker, message), one every two minutes or so.
    The simulator sends these messages and the chat file lists them, from the same seed."""
    rng = random.Random(seed)
    count = max(1, min(len(CHAT_LINES), int(duration // 120) + 1))
    moments = sorted(int(rng.uniform(0, max(1.0, duration - 1))) for _ in range(count))
    return [(at, n % max(1, speakers), CHAT_LINES[n]) for n, at in enumerate(moments)]


def chat(seed: int, planned: float, speakers: Sequence[str], until: float | None = None) -> bytes:
    """The chat file of a meeting planned to last ``planned`` seconds and recorded ``until``."""
    names = list(speakers) or ["Host"]
    lines = [
        f"{_clock(at, millis=False)} From  {names[who]} to  Everyone:\t{text}"
        for at, who, text in chat_lines(seed, planned, len(names))
        if until is None or at < until
    ]
    return ("\n".join(lines) + "\n").encode()
