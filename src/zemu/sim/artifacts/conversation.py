"""A conversation's timeline: who speaks when and what they say, made from a seed.

The same seed and duration always give the same timeline, so the audio, the transcript and any
AI summary of one recording agree with each other however often and wherever they are rendered.
Utterances alternate between the parties with natural pauses and fill the recorded duration.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

# a small phrase book of a business call; utterances draw words from it in order
PHRASES = (
    "thanks for calling how can I help you today",
    "I am calling about my recent order and the delivery date",
    "let me pull up your account one moment please",
    "I can see the order here it shipped yesterday afternoon",
    "great could you send me the tracking number by email",
    "of course I will send it right after this call",
    "is there anything else I can help you with",
    "yes I would also like to update my billing address",
    "no problem what is the new address",
    "it is the same street but the suite number changed",
    "thank you I have updated it on your account",
    "perfect that is everything for today",
    "you are welcome have a great day",
    "please call us back if anything else comes up",
)
WORDS_PER_SECOND = 2.6


@dataclass(frozen=True, slots=True)
class Utterance:
    speaker: int  # 0: the first party (caller), 1: the second
    start: float  # seconds from the start of the recording
    end: float
    text: str


def timeline(seed: int, duration: float, *, speakers: int = 2) -> tuple[Utterance, ...]:
    """Utterances covering ``duration`` seconds; a single speaker for a voicemail."""
    rng = random.Random(seed)
    words = " ".join(PHRASES[(seed + i) % len(PHRASES)] for i in range(len(PHRASES))).split()
    cursor = rng.uniform(0.3, 0.8)
    speaker = 0
    spoken = 0
    out: list[Utterance] = []
    while cursor < duration - 0.6:
        length = min(rng.uniform(1.6, 5.5), duration - cursor - 0.2)
        count = max(1, round(length * WORDS_PER_SECOND))
        text = " ".join(words[(spoken + i) % len(words)] for i in range(count))
        spoken += count
        out.append(Utterance(speaker, round(cursor, 3), round(cursor + length, 3), text))
        cursor += length + rng.uniform(0.35, 1.1)
        if speakers > 1:
            speaker = 1 - speaker
    return tuple(out)
