"""The request log: what /zemu/requests records of each /v2 request (latency, the app that
called), its filters, and the dashboard page that shows it."""

from __future__ import annotations

from zemu.testing import ZemuServer


def test_each_request_records_its_latency_and_the_app_that_called(zemu: ZemuServer) -> None:
    app = zemu.control.post("/zemu/apps", json={"type": "s2s", "scopes": ["user:read:admin"], "name": "CRM"}).json()
    token = zemu.control.post(
        "/oauth/token",
        params={"grant_type": "account_credentials", "account_id": app["account_id"]},
        auth=(app["client_id"], app["client_secret"]),
    ).json()["access_token"]
    with zemu.client(token) as crm:
        assert crm.get("/users/me").status_code == 200
    assert zemu.api.get("/users", params={"page_size": 1}).status_code == 200
    newest, before = zemu.requests()[:2]
    assert newest["path"] == "/v2/users" and newest["app_id"] == zemu.credentials["client_id"]
    assert before["path"] == "/v2/users/me" and before["app_id"] == app["client_id"]
    assert before["account_id"] == app["account_id"]
    assert all(isinstance(r["latency_ms"], float) and 0 < r["latency_ms"] < 5000 for r in (newest, before))


def test_a_request_without_a_valid_token_is_logged_with_no_app(zemu: ZemuServer) -> None:
    with zemu.client("not-a-token") as stranger:
        assert stranger.get("/users/me").status_code == 401
    newest = zemu.requests()[0]
    assert newest["status"] == 401 and newest["app_id"] is None


def test_the_request_log_filters_by_method_status_path_and_app(zemu: ZemuServer) -> None:
    api = zemu.api
    api.get("/users/me")
    api.get("/users/nobody@example.com")  # 404
    api.patch("/accounts/me/settings", json={"schedule_meeting": {"host_video": True}})
    with zemu.client("not-a-token") as stranger:
        stranger.get("/users")

    def paths(**query: str) -> list[tuple[str, str, int]]:
        rows = zemu.control.get("/zemu/requests", params=query).raise_for_status().json()["requests"]
        return [(r["method"], r["path"], r["status"]) for r in rows]

    assert paths(method="patch") == [("PATCH", "/v2/accounts/me/settings", 204)]
    assert paths(status="404") == [("GET", "/v2/users/nobody@example.com", 404)]
    assert paths(status="4xx") == [("GET", "/v2/users", 401), ("GET", "/v2/users/nobody@example.com", 404)]
    assert paths(path="USERS/ME") == [("GET", "/v2/users/me", 200)]
    assert ("GET", "/v2/users", 401) not in paths(app=zemu.credentials["client_id"])
    assert len(paths(app=zemu.credentials["client_id"])) == 3
    assert paths(app="nobody") == []
    assert zemu.control.get("/zemu/requests", params={"status": "teapot"}).status_code == 400


def test_a_token_in_a_query_string_is_logged_redacted(zemu: ZemuServer) -> None:
    token = zemu.token()
    with zemu.client(token) as api:
        assert api.get("/users/me", params={"access_token": token}).status_code == 401
    newest = zemu.requests()[0]
    assert newest["query"] == "access_token=REDACTED" and token not in str(newest)
