"""Webhooks: subscriptions, signing, URL validation, the outbox and its delivery worker."""

from __future__ import annotations

from typing import Any


def attach(runtime: Any) -> None:
    """Register the delivery worker and its due-work hook with a runtime."""
