"""Artifacts open in standard decoders, last as long as their record says, and follow the timeline."""

from __future__ import annotations

import io
import math
from array import array

import miniaudio
import pypdf
import pytest

from zemu.sim.artifacts import audio, conversation, fax, transcript


def decode(data: bytes) -> miniaudio.DecodedSoundFile:
    return miniaudio.decode(data, output_format=miniaudio.SampleFormat.SIGNED16, nchannels=1, sample_rate=audio.RATE)


def rms(samples: array, start: float, end: float) -> float:
    window = samples[int(start * audio.RATE) : int(end * audio.RATE)]
    return math.sqrt(sum(s * s for s in window) / max(1, len(window)))


@pytest.mark.parametrize("duration", [4.0, 37.5, 300.0])
def test_an_mp3_decodes_to_its_recorded_duration(duration: float) -> None:
    sound = decode(audio.mp3(conversation.timeline(3, duration), duration, 3))
    assert sound.sample_rate == audio.RATE
    assert abs(len(sound.samples) / sound.sample_rate - duration) < 0.5


def test_the_audio_speaks_where_the_timeline_speaks_and_is_quiet_between() -> None:
    timeline = conversation.timeline(11, 60.0)
    samples = decode(audio.mp3(timeline, 60.0, 11)).samples
    assert len({u.speaker for u in timeline}) == 2
    for utterance in timeline:
        assert rms(samples, utterance.start + 0.2, utterance.end - 0.2) > 800, utterance
    for before, after in zip(timeline, timeline[1:], strict=False):
        if after.start - before.end > 0.5:
            assert rms(samples, before.end + 0.15, after.start - 0.15) < 150


def test_the_same_record_renders_the_same_bytes() -> None:
    timeline = conversation.timeline(5, 20.0)
    assert audio.mp3(timeline, 20.0, 5) == audio.mp3(conversation.timeline(5, 20.0), 20.0, 5)
    assert conversation.timeline(5, 20.0) != conversation.timeline(6, 20.0)


def test_a_voicemail_has_one_speaker() -> None:
    assert {u.speaker for u in conversation.timeline(9, 45.0, speakers=1)} == {0}


def test_the_transcript_is_zoom_s_shape_on_the_same_timeline() -> None:
    timeline = conversation.timeline(2, 30.0)
    doc = transcript.transcript(
        timeline,
        recording_id="rec1",
        account_id="acc",
        host_id="u1",
        start=1_700_000_000,
        duration=30.0,
        speakers=["1001", "+14155550123"],
    )
    assert doc["type"] == "zoom_transcript" and doc["ver"] == 1
    assert doc["recording_start"] == "2023-11-14T22:13:20Z"
    assert doc["recording_end"] == "2023-11-14T22:13:50Z"
    assert len(doc["timeline"]) == len(timeline)
    first = doc["timeline"][0]
    assert first["ts"] == transcript.stamp(timeline[0].start) and first["userId"] == "1001"
    assert first["channelMark"] == "L" and doc["timeline"][1]["channelMark"] == "R"
    assert set(first) == {"text", "raw_text", "ts", "end_ts", "users", "userId", "userIds", "channelMark"}
    assert transcript.stamp(3723.25) == "01:02:03.250"


def test_a_fax_is_a_pdf_of_its_page_count_naming_both_ends() -> None:
    data = fax.pdf(pages=4, sender="+14155550100", recipient="+14155550111", at=1_700_000_000)
    reader = pypdf.PdfReader(io.BytesIO(data))
    assert len(reader.pages) == 4
    text = reader.pages[3].extract_text()
    assert "4 / 4" in text and "+14155550100" in text and "+14155550111" in text
    assert data == fax.pdf(pages=4, sender="+14155550100", recipient="+14155550111", at=1_700_000_000)
