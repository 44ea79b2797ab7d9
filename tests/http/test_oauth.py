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
    answer = zemu.control.post(
        "/oauth/token",
        data={"grant_type": "account_credentials", "account_id": creds["account_id"]},
        auth=(creds["client_id"], creds["client_secret"]),
    )
    assert answer.status_code == 200
    token = answer.json()["access_token"]
    assert zemu.client(token).get("/accounts/me").status_code == 200


def test_wrong_secret_is_an_invalid_client(zemu: ZemuServer) -> None:
    creds = zemu.credentials
    answer = zemu.control.post(
        "/oauth/token",
        params={"grant_type": "account_credentials", "account_id": creds["account_id"]},
        auth=(creds["client_id"], "wrong"),
    )
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
    answer = zemu.control.post(
        "/oauth/revoke", data={"token": token}, auth=(creds["client_id"], creds["client_secret"])
    )
    assert answer.json() == {"status": "success"}
    refused = zemu.client(token).get("/accounts/me")
    assert refused.status_code == 401
    assert refused.json() == {"code": 124, "message": "Invalid access token."}


def oauth_app(zemu: ZemuServer) -> dict[str, str]:
    return zemu.control.post(
        "/zemu/apps",
        json={
            "type": "oauth",
            "name": "crm",
            "scopes": ["account:read:sub_account:admin", "user:read:user", "user:read"],
            "redirect_uris": ["http://127.0.0.1/cb"],
        },
    ).json()


def authorize(zemu: ZemuServer, app: dict[str, str], redirect_uri: str = "http://127.0.0.1/cb", **extra: str) -> str:
    params = {
        "response_type": "code",
        "client_id": app["client_id"],
        "redirect_uri": redirect_uri,
        "state": "xyz",
        **extra,
    }
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
    answer = exchange(
        zemu,
        app,
        grant_type="authorization_code",
        code=code,
        redirect_uri="http://127.0.0.1/cb",
        code_verifier=verifier,
    )
    assert answer.status_code == 200, answer.text
    tokens = answer.json()
    assert tokens["refresh_token"] and tokens["expires_in"] == 3600
    assert zemu.client(tokens["access_token"]).get("/accounts/me").status_code == 200

    again = exchange(
        zemu,
        app,
        grant_type="authorization_code",
        code=code,
        redirect_uri="http://127.0.0.1/cb",
        code_verifier=verifier,
    )
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
    answer = exchange(
        zemu,
        app,
        grant_type="authorization_code",
        code=code,
        redirect_uri="http://127.0.0.1/cb",
        code_verifier="something-else",
    )
    assert answer.json() == {"reason": "Invalid Token!", "error": "invalid_grant"}


def test_authorization_code_expires_after_five_emulated_minutes(zemu: ZemuServer) -> None:
    app = oauth_app(zemu)
    code = authorize(zemu, app)
    zemu.advance(301)
    answer = exchange(zemu, app, grant_type="authorization_code", code=code, redirect_uri="http://127.0.0.1/cb")
    assert answer.json() == {"reason": "Invalid Token!", "error": "invalid_grant"}


def test_authorize_refuses_an_unregistered_redirect(zemu: ZemuServer) -> None:
    app = oauth_app(zemu)
    page = zemu.control.get(
        "/oauth/authorize",
        params={"response_type": "code", "client_id": app["client_id"], "redirect_uri": "http://evil.example/cb"},
    )
    assert page.status_code == 400 and "4,709" in page.text


DEMO_CALLBACK = "http://127.0.0.1:9651/callback"
SUB_OWNER = "sub-owner@zemu-demo-east.example"  # the demo sub-account's owner: another account


def demo_oauth_app(zemu: ZemuServer) -> dict[str, str]:
    return next(app for app in zemu.control.get("/zemu/apps").json()["apps"] if app["type"] == "oauth")


def pkce_pair() -> tuple[str, str]:
    verifier = "v3r1f13r-" + "b" * 43
    digest = hashlib.sha256(verifier.encode()).digest()
    return verifier, base64.urlsafe_b64encode(digest).rstrip(b"=").decode()


def authorize_page(zemu: ZemuServer, app: dict[str, str], redirect_uri: str, **extra: str) -> httpx.Response:
    return zemu.control.get(
        "/oauth/authorize",
        params={"response_type": "code", "client_id": app["client_id"], "redirect_uri": redirect_uri, **extra},
    )


def test_the_demo_oauth_app_registers_loopback_callbacks_and_refuses_a_foreign_host(zemu: ZemuServer) -> None:
    app = demo_oauth_app(zemu)
    assert app["redirect_uris"] == [DEMO_CALLBACK, "http://localhost:9651/callback"]
    assert authorize_page(zemu, app, DEMO_CALLBACK).status_code == 200
    assert authorize_page(zemu, app, "http://localhost:9651/callback/zoom").status_code == 200  # below a registered one
    for foreign in (
        "https://evil.example/callback",
        "http://127.0.0.1:9652/callback",
        "http://127.0.0.1:9651@evil.example/callback",
        "https://127.0.0.1:9651/callback",
        "http://127.0.0.1:9651/callbackx",
        "/callback",
    ):
        page = authorize_page(zemu, app, foreign)
        assert page.status_code == 400 and "(4,709)" in page.text, foreign
        assert "location" not in page.headers
    refused = zemu.control.post(
        "/oauth/authorize",
        data={"response_type": "code", "client_id": app["client_id"], "redirect_uri": "https://evil.example/callback"},
    )
    assert refused.status_code == 400 and "location" not in refused.headers


def test_an_app_with_no_registered_redirect_refuses_every_one(zemu: ZemuServer) -> None:
    app = zemu.control.post("/zemu/apps", json={"type": "oauth", "scopes": ["user:read"]}).json()
    assert app["redirect_uris"] == [] and app["published"] is False
    page = authorize_page(zemu, app, "http://127.0.0.1/cb")
    assert page.status_code == 400 and "Invalid redirect: http://127.0.0.1/cb (4,709)" in page.text


def test_the_demo_oauth_app_with_pkce_through_its_loopback_callback(zemu: ZemuServer) -> None:
    app = demo_oauth_app(zemu)
    verifier, challenge = pkce_pair()
    code = authorize(zemu, app, DEMO_CALLBACK, code_challenge=challenge, code_challenge_method="S256")
    answer = exchange(
        zemu, app, grant_type="authorization_code", code=code, redirect_uri=DEMO_CALLBACK, code_verifier=verifier
    )
    assert answer.status_code == 200, answer.text
    me = zemu.client(answer.json()["access_token"]).get("/users/me").json()
    assert me["email"] == "owner@zemu-demo.example"


def test_the_token_exchange_needs_the_redirect_uri_that_was_authorised(zemu: ZemuServer) -> None:
    app = demo_oauth_app(zemu)
    verifier, challenge = pkce_pair()
    code = authorize(zemu, app, DEMO_CALLBACK, code_challenge=challenge, code_challenge_method="S256")
    other = exchange(
        zemu,
        app,
        grant_type="authorization_code",
        code=code,
        redirect_uri="http://localhost:9651/callback",
        code_verifier=verifier,
    )
    assert other.status_code == 400 and other.json()["error"] == "invalid_request"
    code = authorize(zemu, app, DEMO_CALLBACK, code_challenge=challenge, code_challenge_method="S256")
    missing = exchange(zemu, app, grant_type="authorization_code", code=code, code_verifier=verifier)
    assert missing.status_code == 400 and missing.json()["error"] == "invalid_request"


def test_an_app_in_development_is_authorised_only_by_its_own_account(zemu: ZemuServer) -> None:
    app = demo_oauth_app(zemu)
    page = authorize_page(zemu, app, DEMO_CALLBACK, user=SUB_OWNER)
    assert page.status_code == 400 and "development" in page.text
    refused = zemu.control.post(
        "/oauth/authorize",
        data={"response_type": "code", "client_id": app["client_id"], "redirect_uri": DEMO_CALLBACK, "user": SUB_OWNER},
    )
    assert refused.status_code == 400 and "location" not in refused.headers
    unknown = authorize_page(zemu, app, DEMO_CALLBACK, user="nobody@nowhere.example")
    assert unknown.status_code == 400 and "nobody@nowhere.example" in unknown.text


def test_a_published_app_installed_by_another_account_acts_in_that_account(zemu: ZemuServer) -> None:
    app = demo_oauth_app(zemu)
    published = zemu.control.patch(f"/zemu/apps/{app['client_id']}", json={"published": True})
    assert published.status_code == 200 and published.json()["published"] is True
    verifier, challenge = pkce_pair()
    code = authorize(zemu, app, DEMO_CALLBACK, user=SUB_OWNER, code_challenge=challenge, code_challenge_method="S256")
    answer = exchange(
        zemu, app, grant_type="authorization_code", code=code, redirect_uri=DEMO_CALLBACK, code_verifier=verifier
    )
    assert answer.status_code == 200, answer.text
    installer = zemu.client(answer.json()["access_token"])
    me = installer.get("/users/me").json()
    assert me["email"] == SUB_OWNER
    sub_account = me["account_id"]
    assert sub_account != zemu.credentials["account_id"]
    # its own account's users, not the developer's
    emails = {u["email"] for u in installer.get("/users", params={"page_size": 300}).json()["users"]}
    assert SUB_OWNER in emails and "owner@zemu-demo.example" not in emails
    # the refreshed token still acts in the installing account
    rotated = exchange(zemu, app, grant_type="refresh_token", refresh_token=answer.json()["refresh_token"])
    assert zemu.client(rotated.json()["access_token"]).get("/users/me").json()["account_id"] == sub_account
    # back in development, the other account can no longer authorise it
    zemu.control.patch(f"/zemu/apps/{app['client_id']}", json={"published": False})
    assert authorize_page(zemu, app, DEMO_CALLBACK, user=SUB_OWNER).status_code == 400


def test_publishing_refuses_a_bad_flag_and_an_unknown_app(zemu: ZemuServer) -> None:
    app = demo_oauth_app(zemu)
    assert zemu.control.patch(f"/zemu/apps/{app['client_id']}", json={"published": "yes"}).status_code == 400
    assert zemu.control.patch("/zemu/apps/nope", json={"published": True}).status_code == 404
    assert zemu.control.post("/zemu/apps", json={"type": "oauth", "scopes": [], "published": 1}).status_code == 400


def test_the_token_scope_has_no_empty_name(zemu: ZemuServer) -> None:
    scope = s2s_token(zemu).json()["scope"]
    assert scope == scope.strip()
    names = scope.split(" ")
    assert "" not in names and all(name == name.strip() for name in names)
    assert "division:read:admin" in names


def test_a_consent_posted_from_another_origin_is_refused_and_makes_no_code(zemu: ZemuServer) -> None:
    creds = zemu.runtime.list_apps()
    oauth_app = next(app for app in creds if app.get("type") == "oauth")
    params = {
        "response_type": "code",
        "client_id": oauth_app["client_id"],
        "redirect_uri": "http://127.0.0.1:9651/callback",
    }
    with httpx.Client(base_url=zemu.url, follow_redirects=False) as client:
        foreign = client.post("/oauth/authorize", data=params, headers={"origin": "https://evil.example"})
        own = client.post("/oauth/authorize", data=params, headers={"origin": zemu.url})
    assert foreign.status_code == 403 and "location" not in foreign.headers
    assert own.status_code == 302 and "code=" in own.headers["location"]
