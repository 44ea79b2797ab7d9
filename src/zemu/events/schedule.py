"""When attempts happen and what an outcome means (Zoom's documented rules, zoom-conventions §8.5).

The retry delay is a pure function of the attempt number; every time here is emulated except
``ATTEMPT_TIMEOUT`` and ``LEASE``, which bound real network waits.
"""

from __future__ import annotations

from enum import IntEnum

# three retries: 5, 20 and 60 minutes after the attempt before (+5, +25, +85 from the first)
RETRY_DELAYS: tuple[float, ...] = (5 * 60, 20 * 60, 60 * 60)
ATTEMPT_TIMEOUT = 3.0  # real seconds: success is 200/204 within 3 s (validation too)
LEASE = 10.0  # real seconds a claimed delivery is held while in flight
REVALIDATE_EVERY = 72 * 3600  # emulated seconds between automatic URL validations
MAX_VALIDATION_FAILURES = 6  # consecutive failures that disable a subscription
MAX_SUBSCRIPTIONS_PER_APP = 20


class FailedReason(IntEnum):
    """``failed_reason_type`` of the webhook-log API."""

    READ_TIMEOUT = 1
    CONNECTION_REFUSED = 2
    TIMEOUT = 4
    REMOTE_ERROR = 7
    DNS_TIMEOUT = 13


def retry_delay(attempt: int) -> float | None:
    """Seconds from attempt number ``attempt`` (0 = the first) to the next one; None: no more."""
    return RETRY_DELAYS[attempt] if 0 <= attempt < len(RETRY_DELAYS) else None


def succeeded(status: int, attempt: int) -> bool:
    """200 or 204; after a retry Zoom counts any 2xx as delivered."""
    return status in (200, 204) or (attempt > 0 and 200 <= status < 300)


def retryable(status: int) -> bool:
    """Network errors and time-outs (status -1) and statuses of 500 or more; never 3xx or 4xx."""
    return status < 0 or status >= 500
