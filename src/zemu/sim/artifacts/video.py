"""A meeting recording as MP4 (MPEG-4 video with AAC audio) and its audio alone as M4A.

The picture is simple and cheap: the meeting's topic and a running clock, one frame a second,
drawn with Pillow; the sound is the meeting's voice track (``audio.pcm``). Both are encoded by
FFmpeg through PyAV, whose wheels carry the encoders, so any standard player opens the files.
"""

from __future__ import annotations

import io
from functools import cache

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


def _audio(container: av.container.OutputContainer, pcm: bytes) -> None:
    stream = container.add_stream("aac", rate=AUDIO_RATE)
    stream.layout = "mono"  # type: ignore[union-attr]
    samples = (np.frombuffer(pcm, dtype="<i2").astype(np.float32) / 32768.0).reshape(1, -1)
    for start in range(0, samples.shape[1], CHUNK):
        frame = av.AudioFrame.from_ndarray(np.ascontiguousarray(samples[:, start:start + CHUNK]), format="fltp",
                                           layout="mono")
        frame.sample_rate = AUDIO_RATE
        frame.pts = start
        for packet in stream.encode(frame):  # type: ignore[union-attr]
            container.mux(packet)
    for packet in stream.encode(None):  # type: ignore[union-attr]
        container.mux(packet)


def mp4(topic: str, seconds: int, pcm: bytes) -> bytes:
    buffer = io.BytesIO()
    with av.open(buffer, mode="w", format="mp4") as container:
        video = container.add_stream("mpeg4", rate=1)
        video.width, video.height, video.pix_fmt = WIDTH, HEIGHT, "yuv420p"  # type: ignore[union-attr]
        for second in range(max(1, seconds)):
            frame = av.VideoFrame.from_ndarray(_frame(topic, second), format="rgb24")
            frame.pts = second
            for packet in video.encode(frame):  # type: ignore[union-attr]
                container.mux(packet)
        for packet in video.encode(None):  # type: ignore[union-attr]
            container.mux(packet)
        _audio(container, pcm)
    return buffer.getvalue()


def m4a(pcm: bytes) -> bytes:
    buffer = io.BytesIO()
    with av.open(buffer, mode="w", format="ipod") as container:
        _audio(container, pcm)
    return buffer.getvalue()
