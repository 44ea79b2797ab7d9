"""Zoom OAuth on the wire: grants, errors, expiry on the emulated clock, rotation, revocation."""

from __future__ import annotations

import base64
import hashlib
from urllib.parse import parse_qs, urlparse

import httpx

from zemu.testing import ZemuServer


def s2s_token(zemu: ZemuServer, **overrides: str) -> httpx.Response:
    creds = zemu.credentials
    params = {"grant_type": "account_credentials", "account_id": creds["account_id"], **overrides}
    return zemu.control.post("/oauth/token", params=params, auth=(creds["client_id"], creds["client_secret"]))


def test_account_credentials_in_the_query_string_gives_a_bearer_token(zemu: ZemuServer) -> None:
    answer = s2s_token(zemu)
    assert answer.status_code == 200
    body = answer.json()
    assert body["token_type"] == "bearer" and body["expires_in"] == 3600
    assert isinstance(body["access_token"], str) and isinstance(body["scope"], str)
    assert "account:read:admin" in body["scope"].split(" ")
    assert body["api_url"] == zemu.url


def test_account_credentials_in_a_form_body_work_too(zemu: ZemuServer) -> None:
    creds = zemu.credentials
    answer = zemu.control.post("/oauth/token", data={"grant_type": "account_credentials",
                                                     "account_id": creds["account_id"]},
                               auth=(creds["client_id"], creds["client_secret"]))
    assert answer.status_code == 200
    token = answer.json()["access_token"]
    assert zemu.client(token).get("/accounts/me").status_code == 200


def test_wrong_secret_is_an_invalid_client(zemu: ZemuServer) -> None:
    creds = zemu.credentials
    answer = zemu.control.post("/oauth/token", params={"grant_type": "account_credentials",
                                                       "account_id": creds["account_id"]},
                               auth=(creds["client_id"], "wrong"))
    assert answer.status_code == 400
    assert answer.json() == {"reason": "Invalid client_id or client_secret", "error": "invalid_client"}


def test_unknown_grant_type_is_unsupported(zemu: ZemuServer) -> None:
    answer = s2s_token(zemu, grant_type="password")
    assert answer.status_code == 400
    assert answer.json() == {"reason": "unsupported grant type", "error": "unsupported_grant_type"}


def test_token_expires_after_an_emulated_hour(zemu: ZemuServer) -> None:
    client = zemu.client(s2s_token(zemu).json()["access_token"])
    assert client.get("/accounts/me").status_code == 200
    zemu.advance(3601)
    answer = client.get("/accounts/me")
    assert answer.status_code == 401
    assert answer.json() == {"code": 124, "message": "Access token is expired."}


def test_revoked_token_is_refused(zemu: ZemuServer) -> None:
    creds = zemu.credentials
    token = s2s_token(zemu).json()["access_token"]
    answer = zemu.control.post("/oauth/revoke", data={"token": token},
                               auth=(creds["client_id"], creds["client_secret"]))
    assert answer.json() == {"status": "success"}
    refused = zemu.client(token).get("/accounts/me")
    assert refused.status_code == 401
    assert refused.json() == {"code": 124, "message": "Invalid access token."}


def oauth_app(zemu: ZemuServer) -> dict[str, str]:
    return zemu.control.post("/zemu/apps", json={"type": "oauth", "name": "crm", "scopes": [
        "account:read:sub_account:admin", "user:read:user", "user:read"], "redirect_uris": ["http://127.0.0.1/cb"]}).json()


def authorize(zemu: ZemuServer, app: dict[str, str], **extra: str) -> str:
    params = {"response_type": "code", "client_id": app["client_id"], "redirect_uri": "http://127.0.0.1/cb",
              "state": "xyz", **extra}
    page = zemu.control.get("/oauth/authorize", params=params)
    assert page.status_code == 200 and "Allow" in page.text
    approved = zemu.control.post("/oauth/authorize", data=params)
    assert approved.status_code == 302
    query = parse_qs(urlparse(approved.headers["location"]).query)
    assert query["state"] == ["xyz"]
    return query["code"][0]


def exchange(zemu: ZemuServer, app: dict[str, str], **params: str) -> httpx.Response:
    return zemu.control.post("/oauth/token", data=params, auth=(app["client_id"], app["client_secret"]))


def test_authorization_code_with_pkce_then_rotating_refresh(zemu: ZemuServer) -> None:
    app = oauth_app(zemu)
    verifier = "a" * 50
    challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode()
    code = authorize(zemu, app, code_challenge=challenge, code_challenge_method="S256")
    answer = exchange(zemu, app, grant_type="authorization_code", code=code,
                      redirect_uri="http://127.0.0.1/cb", code_verifier=verifier)
    assert answer.status_code == 200, answer.text
    tokens = answer.json()
    assert tokens["refresh_token"] and tokens["expires_in"] == 3600
    assert zemu.client(tokens["access_token"]).get("/accounts/me").status_code == 200

    again = exchange(zemu, app, grant_type="authorization_code", code=code, redirect_uri="http://127.0.0.1/cb",
                     code_verifier=verifier)
    assert again.json() == {"reason": "Invalid Token!", "error": "invalid_grant"}  # codes are single use

    rotated = exchange(zemu, app, grant_type="refresh_token", refresh_token=tokens["refresh_token"])
    assert rotated.status_code == 200
    assert rotated.json()["refresh_token"] != tokens["refresh_token"]
    reused = exchange(zemu, app, grant_type="refresh_token", refresh_token=tokens["refresh_token"])
    assert reused.status_code == 400
    assert reused.json() == {"reason": "Invalid Token!", "error": "invalid_grant"}


def test_pkce_mismatch_is_an_invalid_grant(zemu: ZemuServer) -> None:
    app = oauth_app(zemu)
    code = authorize(zemu, app, code_challenge="expected-verifier", code_challenge_method="plain")
    answer = exchange(zemu, app, grant_type="authorization_code", code=code,
                      redirect_uri="http://127.0.0.1/cb", code_verifier="something-else")
    assert answer.json() == {"reason": "Invalid Token!", "error": "invalid_grant"}


def test_authorization_code_expires_after_five_emulated_minutes(zemu: ZemuServer) -> None:
    app = oauth_app(zemu)
    code = authorize(zemu, app)
    zemu.advance(301)
    answer = exchange(zemu, app, grant_type="authorization_code", code=code, redirect_uri="http://127.0.0.1/cb")
    assert answer.json() == {"reason": "Invalid Token!", "error": "invalid_grant"}


def test_authorize_refuses_an_unregistered_redirect(zemu: ZemuServer) -> None:
    app = oauth_app(zemu)
    page = zemu.control.get("/oauth/authorize", params={"response_type": "code", "client_id": app["client_id"],
                                                        "redirect_uri": "http://evil.example/cb"})
    assert page.status_code == 400 and "4,709" in page.text
