"""Zoom's webhook signatures: ``x-zm-signature`` v0 and the URL-validation ``encryptedToken``."""

from __future__ import annotations

import hashlib
import hmac

USER_AGENT = "Zoom Marketplace/1.0a"
CONTENT_TYPE = "application/json; charset=utf-8"


def signature(secret: str, timestamp: str, body: bytes) -> str:
    """``v0=`` + hex HMAC-SHA256 of ``v0:{timestamp}:{body}`` under the app's secret token."""
    message = b"v0:" + timestamp.encode() + b":" + body
    return "v0=" + hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()


def encrypted_token(secret: str, plain_token: str) -> str:
    """What a receiver answers to ``endpoint.url_validation``: hex HMAC-SHA256 of the plainToken."""
    return hmac.new(secret.encode(), plain_token.encode(), hashlib.sha256).hexdigest()


def delivery_headers(
    secret: str, timestamp: str, body: bytes, *, request_id: str, tracking_id: str, extra: dict[str, str] | None = None
) -> dict[str, str]:
    """The headers of one attempt (re-signed at each attempt: the timestamp is the send time)."""
    headers = {
        "content-type": CONTENT_TYPE,
        "user-agent": USER_AGENT,
        "x-zm-request-timestamp": timestamp,
        "x-zm-signature": signature(secret, timestamp, body),
        "x-zm-request-id": request_id,
        "x-zm-trackingid": tracking_id,
    }
    if extra:
        headers.update(extra)
    return headers
