"""Server settings, from flags and ``ZEMU_*`` environment variables."""

from __future__ import annotations

from dataclasses import dataclass

from zemu.store.open import DEFAULT_DB


@dataclass(slots=True)
class Config:
    host: str = "127.0.0.1"
    port: int = 9650
    db: str = DEFAULT_DB
    seed: int = 42
    demo: bool = True
    time_scale: float = 1.0
    rate_limits: str = "off"          # "zoom" or "off"
    strict: bool = False              # validate every response and event against its schema
    admin_token: str | None = None    # required on /zemu when bound beyond loopback
    webhook_urls: tuple[str, ...] = ()
    db_schema: str | None = None      # PostgreSQL schema (isolates test runs)

    @property
    def origin(self) -> str:
        host = "127.0.0.1" if self.host in ("0.0.0.0", "::") else self.host
        return f"http://{host}:{self.port}"
