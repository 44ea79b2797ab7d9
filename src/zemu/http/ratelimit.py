"""Zoom's rate limits by label and plan, with the separate Zoom Phone table.

Counters are per account and per process, on the emulated clock: fixed one-second windows
(one minute for Resource-intensive) and UTC-day windows where the plan has a daily cap. Heavy
and Resource-intensive share their daily cap, as Zoom's do.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from zemu.errors import ZoomError

LABELS = ("Light", "Medium", "Heavy", "Resource-intensive")

# (per window, window seconds, daily cap or None), from zoom-conventions §7
MAIN_TABLE: dict[str, dict[str, tuple[int, int, int | None]]] = {
    "Free": {
        "Light": (4, 1, 6000),
        "Medium": (2, 1, 2000),
        "Heavy": (1, 1, 1000),
        "Resource-intensive": (10, 60, 30000),
    },
    "Pro": {
        "Light": (30, 1, None),
        "Medium": (20, 1, None),
        "Heavy": (10, 1, 30000),
        "Resource-intensive": (10, 60, 30000),
    },
    "Business+": {
        "Light": (80, 1, None),
        "Medium": (60, 1, None),
        "Heavy": (40, 1, 60000),
        "Resource-intensive": (20, 60, 60000),
    },
}
PHONE_TABLE: dict[str, dict[str, tuple[int, int, int | None]]] = {
    "Pro": {
        "Light": (20, 1, None),
        "Medium": (10, 1, None),
        "Heavy": (5, 1, 15000),
        "Resource-intensive": (5, 60, 15000),
    },
    "Business+": {
        "Light": (40, 1, None),
        "Medium": (20, 1, None),
        "Heavy": (10, 1, 30000),
        "Resource-intensive": (10, 60, 30000),
    },
}
PHONE_PRODUCTS = ("phone", "number_management")
SHARED_DAILY = ("Heavy", "Resource-intensive")

QPS_MESSAGE = "You have reached the maximum per-second rate limit for this API. Try again later."
DAILY_MESSAGE = (
    "You have reached the maximum daily rate limit for this API. Refer to the response header "
    "for details on when you can make another request."
)


def plan_of(account_type: str) -> str:
    if account_type in ("Free", "Free Trial"):
        return "Free"
    if account_type == "Pro":
        return "Pro"
    return "Business+"


@dataclass(slots=True)
class Verdict:
    headers: dict[str, str]
    error: ZoomError | None = None


def limits_of(account_type: str, product: str, label: str) -> tuple[int, int, int | None]:
    """(requests per window, window seconds, daily cap or None) for a plan, product and label."""
    table = PHONE_TABLE if product in PHONE_PRODUCTS else MAIN_TABLE
    limits = table.get(plan_of(account_type)) or table["Pro"]
    return limits.get(label, limits["Light"])


def next_midnight(now: float) -> str:
    """A daily limit's Retry-After: the next UTC midnight, as a date-time."""
    midnight = datetime.fromtimestamp(now, UTC).date() + timedelta(days=1)
    return f"{midnight.isoformat()}T00:00:00Z"


def refusal(category: str, limit_type: str, limit: int, retry_after: str) -> Verdict:
    """Zoom's 429 for a per-second ("QPS") or daily ("Daily-limit") limit, with its headers."""
    message = DAILY_MESSAGE if limit_type == "Daily-limit" else QPS_MESSAGE
    return Verdict(
        {
            "X-RateLimit-Category": category,
            "X-RateLimit-Type": limit_type,
            "X-RateLimit-Limit": str(limit),
            "X-RateLimit-Remaining": "0",
            "Retry-After": retry_after,
        },
        ZoomError(429, message, 429),
    )


class RateLimiter:
    def __init__(self, profile: str = "off") -> None:
        self.profile = profile
        self._windows: dict[tuple[str, str, int], int] = {}
        self._days: dict[tuple[str, str, str], int] = {}

    def set_profile(self, profile: str) -> None:
        if profile not in ("zoom", "off"):
            raise ValueError(profile)
        self.profile = profile
        self._windows.clear()
        self._days.clear()

    def describe(self) -> dict[str, Any]:
        return {"profile": self.profile, "labels": list(LABELS), "main": MAIN_TABLE, "phone": PHONE_TABLE}

    def check(self, account_id: str, account_type: str, product: str, label: str, now: float) -> Verdict | None:
        if self.profile == "off":
            return None
        per_window, seconds, daily = limits_of(account_type, product, label)
        family = "phone" if product in PHONE_PRODUCTS else "main"
        window = (account_id, f"{family}:{label}", int(now // seconds))
        day_label = "heavy" if label in SHARED_DAILY else label
        day = (account_id, f"{family}:{day_label}", datetime.fromtimestamp(now, UTC).strftime("%Y-%m-%d"))
        used_now = self._windows.get(window, 0)
        used_today = self._days.get(day, 0)
        category = {"Resource-intensive": "Resource-intensive"}.get(label, label)
        if daily is not None and used_today >= daily:
            return refusal(category, "Daily-limit", daily, next_midnight(now))
        if used_now >= per_window:
            return refusal(category, "QPS", per_window, str(max(1, int(seconds - now % seconds) or 1)))
        self._windows[window] = used_now + 1
        self._days[day] = used_today + 1
        if len(self._windows) > 10_000:  # old windows are never read again
            self._windows = {k: v for k, v in self._windows.items() if k[2] >= window[2] - 1}
        if daily is not None:
            return Verdict(
                {
                    "X-RateLimit-Category": category,
                    "X-RateLimit-Limit": str(daily),
                    "X-RateLimit-Remaining": str(daily - used_today - 1),
                }
            )
        return Verdict(
            {
                "X-RateLimit-Category": category,
                "X-RateLimit-Limit": str(per_window),
                "X-RateLimit-Remaining": str(per_window - used_now - 1),
            }
        )
