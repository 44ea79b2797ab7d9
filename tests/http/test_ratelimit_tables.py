"""Rate-limit tables by label and plan, including Zoom Phone's own table and daily caps."""

from __future__ import annotations

from zemu.http.ratelimit import RateLimiter


def run(limiter: RateLimiter, n: int, *, account_type: str, product: str, label: str, now: float) -> list[int]:
    statuses = []
    for _ in range(n):
        verdict = limiter.check("acct", account_type, product, label, now)
        assert verdict is not None
        statuses.append(verdict.error.status if verdict.error else 200)
    return statuses


def test_phone_uses_its_own_table() -> None:
    limiter = RateLimiter("zoom")
    statuses = run(limiter, 45, account_type="Business", product="phone", label="Light", now=100.0)
    assert statuses.count(200) == 40  # Phone Business+ Light: 40/s (the main table says 80)


def test_free_plan_has_a_daily_cap_answered_with_a_date() -> None:
    limiter = RateLimiter("zoom")
    for second in range(1000):
        run(limiter, 1, account_type="Free", product="users", label="Heavy", now=1_735_689_600.0 + second)
    verdict = limiter.check("acct", "Free", "users", "Heavy", 1_735_689_600.0 + 2000)
    assert verdict is not None and verdict.error is not None
    assert verdict.headers["X-RateLimit-Type"] == "Daily-limit"
    assert verdict.headers["Retry-After"] == "2025-01-02T00:00:00Z"
    assert "daily rate limit" in verdict.error.message


def test_resource_intensive_counts_per_minute() -> None:
    limiter = RateLimiter("zoom")
    statuses = run(limiter, 12, account_type="Pro", product="meetings", label="Resource-intensive", now=120.0)
    assert statuses == [200] * 10 + [429] * 2
    assert run(limiter, 1, account_type="Pro", product="meetings", label="Resource-intensive", now=181.0) == [200]


def test_off_profile_checks_nothing() -> None:
    assert RateLimiter("off").check("acct", "Free", "users", "Light", 0.0) is None
