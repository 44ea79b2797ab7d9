"""A meeting recording as MP4 (MPEG-4 video with AAC audio) and its audio alone as M4A.

The picture is simple and cheap: the meeting's topic and a running clock, one frame a second,
drawn with Pillow; the sound is the meeting's voice track (``audio.pcm``). Both are encoded by
FFmpeg through PyAV, whose wheels carry the encoders, so any standard player opens the files.
"""

from __future__ import annotations

import io
from functools import cache
from typing import Any

import av
import numpy as np
from PIL import Image, ImageDraw, ImageFont

WIDTH, HEIGHT = 320, 180
AUDIO_RATE = 8000
CHUNK = 1024


@cache
def _font() -> ImageFont.ImageFont | ImageFont.FreeTypeFont:
    return ImageFont.load_default()


def _frame(topic: str, second: int) -> np.ndarray:
    image = Image.new("RGB", (WIDTH, HEIGHT), (28, 36, 52))
    draw = ImageDraw.Draw(image)
    draw.text((12, 20), topic[:48], fill=(235, 235, 235), font=_font())
    clock = f"{second // 3600:02d}:{second % 3600 // 60:02d}:{second % 60:02d}"
    draw.text((12, 120), clock, fill=(120, 200, 255), font=_font())
    draw.rectangle((12, 150, 12 + (second % 60) * 5, 156), fill=(45, 140, 255))
    return np.asarray(image)


def _audio_stream(container: av.container.OutputContainer) -> Any:
    stream = container.add_stream("aac", rate=AUDIO_RATE)
    stream.layout = "mono"
    return stream


def _audio(container: av.container.OutputContainer, stream: Any, pcm: bytes) -> None:
    samples = (np.frombuffer(pcm, dtype="<i2").astype(np.float32) / 32768.0).reshape(1, -1)
    for start in range(0, samples.shape[1], CHUNK):
        frame = av.AudioFrame.from_ndarray(
            np.ascontiguousarray(samples[:, start : start + CHUNK]), format="fltp", layout="mono"
        )
        frame.sample_rate = AUDIO_RATE
        frame.pts = start
        for packet in stream.encode(frame):
            container.mux(packet)
    for packet in stream.encode(None):
        container.mux(packet)


def mp4(topic: str, seconds: int, pcm: bytes) -> bytes:
    buffer = io.BytesIO()
    with av.open(buffer, mode="w", format="mp4") as container:
        # every stream is declared before the first packet: the header is written with it
        video: Any = container.add_stream("mpeg4", rate=1)
        video.width, video.height, video.pix_fmt = WIDTH, HEIGHT, "yuv420p"
        sound = _audio_stream(container)
        for second in range(max(1, seconds)):
            frame = av.VideoFrame.from_ndarray(_frame(topic, second), format="rgb24")
            frame.pts = second
            for packet in video.encode(frame):
                container.mux(packet)
        for packet in video.encode(None):
            container.mux(packet)
        _audio(container, sound, pcm)
    return buffer.getvalue()


def m4a(pcm: bytes) -> bytes:
    buffer = io.BytesIO()
    with av.open(buffer, mode="w", format="ipod") as container:
        _audio(container, _audio_stream(container), pcm)
    return buffer.getvalue()
