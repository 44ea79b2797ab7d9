"""Identifiers of Zoom's shapes, from an injectable source of randomness.

A seeded ``Ids`` makes the demo data reproducible; the server's own ``Ids()`` draws from the
operating system so that several processes sharing one database never collide.
"""

from __future__ import annotations

import base64
import os
import random
import uuid


class Ids:
    def __init__(self, seed: int | None = None) -> None:
        self._random = random.Random(seed) if seed is not None else None

    def _bytes(self, n: int) -> bytes:
        if self._random is None:
            return os.urandom(n)
        return self._random.randbytes(n)

    def uid(self) -> str:
        """22 characters of URL-safe base64: accounts, users, apps, most objects."""
        return base64.urlsafe_b64encode(self._bytes(16)).rstrip(b"=").decode()

    def secret(self, n: int = 24) -> str:
        return base64.urlsafe_b64encode(self._bytes(n)).rstrip(b"=").decode()

    def hex32(self) -> str:
        return self._bytes(16).hex()

    def uuid(self) -> str:
        return str(uuid.UUID(bytes=self._bytes(16), version=4))

    def digits(self, n: int) -> str:
        raw = int.from_bytes(self._bytes(16), "big")
        text = str(raw % (9 * 10 ** (n - 1)) + 10 ** (n - 1))
        return text

    def number(self, low: int, high: int) -> int:
        span = high - low + 1
        return low + int.from_bytes(self._bytes(8), "big") % span
