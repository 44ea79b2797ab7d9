"""Zoom OAuth as plain behaviour: issue, check, rotate and revoke tokens on the emulated clock.

Grants: ``account_credentials`` (server-to-server), ``client_credentials``, ``authorization_code``
(with PKCE) and ``refresh_token`` (rotating: the old refresh token stops working). Token-endpoint
failures raise ``OAuthError``, which the wire renders as Zoom's OAuth body, not ``{code, message}``.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
from typing import Any

from zemu.errors import InvalidToken
from zemu.ids import Ids
from zemu.services.activity import SIGN_IN, SIGN_OUT, user_signed_in
from zemu.services.apps import get_app
from zemu.store import Tx

ACCESS = "access_token"
REFRESH = "refresh_token"
CODE = "auth_code"

ACCESS_LIFETIME = 3600
CODE_LIFETIME = 5 * 60
REFRESH_LIFETIME = 90 * 24 * 3600


class OAuthError(Exception):
    def __init__(self, error: str, reason: str, status: int = 400) -> None:
        super().__init__(reason)
        self.error = error
        self.reason = reason
        self.status = status

    def body(self) -> dict[str, str]:
        return {"reason": self.reason, "error": self.error}


def check_client(tx: Tx, client_id: str | None, client_secret: str | None) -> dict[str, Any]:
    app = get_app(tx, client_id or "") if client_id else None
    if app is None or not hmac.compare_digest(app["client_secret"], client_secret or ""):
        raise OAuthError("invalid_client", "Invalid client_id or client_secret")
    return app


def issue(
    tx: Tx,
    ids: Ids,
    now: float,
    *,
    app: dict[str, Any],
    account_id: str,
    user_id: str | None,
    scope_set: str,
    grant: str,
    with_refresh: bool,
) -> dict[str, Any]:
    held = {"app": app["id"], "account_id": account_id, "user_id": user_id, "scope_set": scope_set}
    token = ids.secret(40)
    tx.put(
        ACCESS,
        token,
        {**held, "grant": grant, "expires_at": now + ACCESS_LIFETIME},
        account_id=account_id,
        parent=app["id"],
    )
    answer: dict[str, Any] = {"access_token": token, "token_type": "bearer"}
    if with_refresh:
        refresh = ids.secret(40)
        tx.put(
            REFRESH, refresh, {**held, "expires_at": now + REFRESH_LIFETIME}, account_id=account_id, parent=app["id"]
        )
        answer["refresh_token"] = refresh
    answer["expires_in"] = ACCESS_LIFETIME
    answer["scope"] = " ".join(scopes_of(tx, scope_set))
    return answer


def scopes_of(tx: Tx, scope_set: str) -> list[str]:
    found = tx.get("scope_set", scope_set)
    return found["scopes"] if found else []


def account_credentials(tx: Tx, ids: Ids, now: float, app: dict[str, Any], account_id: str | None) -> dict[str, Any]:
    if app["type"] != "s2s":
        raise OAuthError("unsupported_grant_type", "unsupported grant type")
    if not account_id or account_id != app["account_id"]:
        raise OAuthError("invalid_request", "Invalid account_id", 400)
    return _app_token(tx, ids, now, app, "account_credentials")


def client_credentials(tx: Tx, ids: Ids, now: float, app: dict[str, Any]) -> dict[str, Any]:
    return _app_token(tx, ids, now, app, "client_credentials")


def _app_token(tx: Tx, ids: Ids, now: float, app: dict[str, Any], grant: str) -> dict[str, Any]:
    """A token acting as the app's own account and owner, with the app's scopes and no refresh."""
    return issue(
        tx,
        ids,
        now,
        app=app,
        account_id=app["account_id"],
        user_id=app["owner_id"],
        scope_set=app["scope_set"],
        grant=grant,
        with_refresh=False,
    )


def create_code(
    tx: Tx,
    ids: Ids,
    now: float,
    *,
    app: dict[str, Any],
    user: dict[str, Any],
    redirect_uri: str,
    challenge: str | None,
    challenge_method: str | None,
) -> str:
    code = ids.secret(24)
    tx.put(
        CODE,
        code,
        {
            "app": app["id"],
            "account_id": user["account_id"],
            "user_id": user["id"],
            "redirect_uri": redirect_uri,
            "challenge": challenge,
            "challenge_method": (challenge_method or "plain") if challenge else None,
            "expires_at": now + CODE_LIFETIME,
        },
        account_id=user["account_id"],
        parent=app["id"],
    )
    return code


def authorization_code(
    tx: Tx, ids: Ids, now: float, app: dict[str, Any], code: str | None, redirect_uri: str | None, verifier: str | None
) -> dict[str, Any]:
    grant = tx.get(CODE, code or "") if code else None
    if grant is None or grant["app"] != app["id"] or grant["expires_at"] < now:
        raise OAuthError("invalid_grant", "Invalid Token!")
    tx.delete(CODE, code or "")  # single use, whatever happens next
    if redirect_uri != grant["redirect_uri"]:
        raise OAuthError("invalid_request", "Redirect URI mismatch.")
    if grant["challenge"] and not _pkce_ok(grant["challenge"], grant["challenge_method"], verifier):
        raise OAuthError("invalid_grant", "Invalid Token!")
    # the user signed in with their browser to approve the app: the sign-in report's entry
    user_signed_in(tx, ids.uid(), now, grant["user_id"], SIGN_IN)
    return issue(
        tx,
        ids,
        now,
        app=app,
        account_id=grant["account_id"],
        user_id=grant["user_id"],
        scope_set=app["scope_set"],
        grant="authorization_code",
        with_refresh=True,
    )


def refresh(tx: Tx, ids: Ids, now: float, app: dict[str, Any], refresh_token: str | None) -> dict[str, Any]:
    held = tx.get(REFRESH, refresh_token or "") if refresh_token else None
    if held is None or held["app"] != app["id"] or held["expires_at"] < now:
        raise OAuthError("invalid_grant", "Invalid Token!")
    tx.delete(REFRESH, refresh_token or "")  # rotation: the old refresh token stops working
    return issue(
        tx,
        ids,
        now,
        app=app,
        account_id=held["account_id"],
        user_id=held["user_id"],
        scope_set=held["scope_set"],
        grant="refresh_token",
        with_refresh=True,
    )


def revoke(tx: Tx, app: dict[str, Any], token: str | None, ids: Ids | None = None, now: float = 0.0) -> None:
    for kind in (ACCESS, REFRESH):
        held = tx.get(kind, token or "") if token else None
        if held is not None and held["app"] == app["id"]:
            tx.delete(kind, token or "")
            if ids is not None and held.get("grant") == "authorization_code" and held.get("user_id"):
                user_signed_in(tx, ids.uid(), now, held["user_id"], SIGN_OUT)  # the user's login ends
            return
    raise OAuthError("invalid_request", "Invalid Token!")


def authenticate(tx: Tx, token: str, now: float) -> dict[str, Any]:
    """The access token's record, or Zoom's 401 code 124."""
    held = tx.get(ACCESS, token) if token else None
    if held is None:
        raise InvalidToken()
    if held["expires_at"] <= now:
        raise InvalidToken("Access token is expired.")
    return held


def _pkce_ok(challenge: str, method: str | None, verifier: str | None) -> bool:
    if not verifier:
        return False
    if method == "S256":
        digest = hashlib.sha256(verifier.encode()).digest()
        verifier = base64.urlsafe_b64encode(digest).rstrip(b"=").decode()
    return hmac.compare_digest(challenge, verifier)
