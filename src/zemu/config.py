"""Server settings, from flags and ``ZEMU_*`` environment variables."""

from __future__ import annotations

import ipaddress
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
    rate_limits: str = "off"  # "zoom" or "off"
    strict: bool = False  # validate every response and event against its schema
    admin_token: str | None = None  # required on /zemu, / and /mcp when set, and to bind beyond loopback
    webhook_urls: tuple[str, ...] = ()
    db_schema: str | None = None  # PostgreSQL schema (isolates test runs)

    @property
    def origin(self) -> str:
        if is_wildcard(self.host):
            return f"http://127.0.0.1:{self.port}"
        host = self.host.strip("[]")
        host = f"[{host}]" if ":" in host else host
        return f"http://{host}:{self.port}"

    @property
    def loopback(self) -> bool:
        """Bound to this machine only: open without an admin token, demo secrets reproducible."""
        return is_loopback(self.host)


def is_wildcard(host: str) -> bool:
    return host in ("", "0.0.0.0", "::", "[::]")


def is_loopback(host: str) -> bool:
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False
