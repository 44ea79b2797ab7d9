"""Webhooks: subscriptions, signing, URL validation, the outbox and its delivery worker."""

from __future__ import annotations

from typing import Any


def attach(runtime: Any) -> None:
    """Register the delivery worker (``runtime.webhooks``) and its due-work hook with a runtime."""
    from zemu.events.worker import DeliveryWorker

    worker = DeliveryWorker(runtime)
    runtime.webhooks = worker
    runtime.workers.append(worker.run)
    runtime.due_hooks.append(worker.due)
