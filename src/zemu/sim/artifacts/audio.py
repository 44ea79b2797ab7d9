"""Call audio as MP3: a voice-band signal that speaks where the timeline speaks.

Each party has a voice: a glottal pitch with harmonics shaped by three formants, cut into
syllables (a few variants, so the sound is not one repeated tone). The signal is 8 kHz mono
16-bit PCM, as telephone audio is, built by joining precomputed syllables and silences (no
per-sample work for the length of the call), then encoded by LAME (``lameenc``). A five-minute
recording renders in a few tens of milliseconds.
"""

from __future__ import annotations

import math
import random
from array import array
from collections.abc import Sequence
from functools import cache

import lameenc

from zemu.sim.artifacts.conversation import Utterance

RATE = 8000
BITRATE_KBPS = 16
SYLLABLE = 0.22  # seconds of voice per syllable
GAP = 0.05  # seconds between syllables of one utterance
VARIANTS = 4
# pitches that divide the sample rate, so one period of the harmonic sum is computed and tiled
VOICES = ((125.0, (600.0, 1250.0, 2500.0)), (200.0, (800.0, 1600.0, 2800.0)))


@cache
def _syllable(voice: int, variant: int) -> bytes:
    """One syllable of one voice: harmonics of the pitch weighted by formant resonances."""
    pitch, formants = VOICES[voice % len(VOICES)]
    shift = 1.0 + 0.12 * (variant - VARIANTS / 2) / VARIANTS
    length = int(SYLLABLE * RATE)
    harmonics = []
    k = 1
    while k * pitch < 3400:
        f = k * pitch
        gain = sum(1.0 / (1.0 + ((f - formant * shift) / 180.0) ** 2) for formant in formants)
        harmonics.append((2 * math.pi * f / RATE, gain / k**0.3))
        k += 1
    norm = sum(g for _, g in harmonics)
    period = int(RATE / pitch)
    wave = [sum(g * math.sin(w * n) for w, g in harmonics) / norm for n in range(period)]
    samples = array("h", (int(9000 * math.sin(math.pi * n / length) ** 1.5 * wave[n % period]) for n in range(length)))
    return samples.tobytes() + bytes(2 * int(GAP * RATE))


def _silence(seconds: float) -> bytes:
    return bytes(2 * max(0, int(round(seconds * RATE))))


def pcm(timeline: Sequence[Utterance], duration: float, seed: int) -> bytes:
    """The PCM of the whole recording: exactly ``duration`` seconds."""
    rng = random.Random(seed)
    total = 2 * int(round(duration * RATE))
    parts: list[bytes] = []
    at = 0.0
    for utterance in timeline:
        parts.append(_silence(utterance.start - at))
        want = 2 * int(round((utterance.end - utterance.start) * RATE))
        voiced = bytearray()
        while len(voiced) < want:
            voiced += _syllable(utterance.speaker, rng.randrange(VARIANTS))
        parts.append(bytes(voiced[:want]))
        at = utterance.end
    audio = b"".join(parts)[:total]
    return audio + bytes(total - len(audio))


def mp3(timeline: Sequence[Utterance], duration: float, seed: int) -> bytes:
    encoder = lameenc.Encoder()
    encoder.set_bit_rate(BITRATE_KBPS)
    encoder.set_in_sample_rate(RATE)
    encoder.set_out_sample_rate(RATE)
    encoder.set_channels(1)
    encoder.set_quality(7)
    return bytes(encoder.encode(pcm(timeline, duration, seed)) + encoder.flush())
