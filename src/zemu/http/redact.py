"""Secrets never reach a log: a token sent in a query string is recorded as ``REDACTED``.

Zoom refuses ``?access_token=`` on the API (401/124), but the request is still recorded, and the
token in it is a live credential that anyone reading ``/zemu/requests`` or a server log could use.
"""

from __future__ import annotations

import logging
from urllib.parse import unquote_plus

SECRET_PARAMETERS = frozenset({"access_token", "refresh_token", "client_secret", "code_verifier"})
REDACTED = "REDACTED"


def redact_query(query: str) -> str:
    """The query string with every secret parameter's value replaced; the rest kept byte for byte."""
    if not query or not any(name in query for name in ("token", "secret", "verifier")):
        return query  # the common case costs one scan
    parts = []
    for part in query.split("&"):
        raw_name, has_value, _ = part.partition("=")
        if unquote_plus(raw_name).strip() in SECRET_PARAMETERS:
            part = f"{raw_name}={REDACTED}" if has_value else raw_name
        parts.append(part)
    return "&".join(parts)


def redact_target(target: str) -> str:
    """A request target (path and query) with its query redacted."""
    path, has_query, query = target.partition("?")
    return f"{path}?{redact_query(query)}" if has_query else path


class RedactSecrets(logging.Filter):
    """For uvicorn's access log, whose third argument is the request target."""

    def filter(self, record: logging.LogRecord) -> bool:
        args = record.args
        if isinstance(args, tuple) and len(args) >= 3 and isinstance(args[2], str):
            record.args = (*args[:2], redact_target(args[2]), *args[3:])
        return True


def redact_access_log() -> None:
    access = logging.getLogger("uvicorn.access")
    if not any(isinstance(f, RedactSecrets) for f in access.filters):
        access.addFilter(RedactSecrets())
