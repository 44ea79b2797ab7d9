"""The request log: what /zemu/requests records of each /v2 request (latency, the app that
called), its filters, and the dashboard page that shows it."""

from __future__ import annotations

import html
import re

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


def rows_of(text: str) -> list[str]:
    return re.findall(r"<tr>\s*<td class=\"mono\">.*?</tr>", html.unescape(text), re.S)


def test_the_page_shows_each_request_with_status_latency_and_app_name(zemu: ZemuServer) -> None:
    zemu.api.get("/users/me")
    zemu.api.get("/users/nobody@example.com")
    logged = zemu.requests()
    shown = zemu.control.get("/ui/requests")
    assert shown.status_code == 200 and shown.headers["content-type"].startswith("text/html")
    rows = rows_of(shown.text)
    assert len(rows) == len(logged) == 2
    newest, before = rows
    assert "/v2/users/nobody@example.com" in newest and ">404<" in newest
    assert logged[0]["operation_id"] and logged[0]["operation_id"] in newest
    assert f"{logged[0]['latency_ms']:.1f} ms" in newest and f"{logged[1]['latency_ms']:.1f} ms" in before
    app_name = next(
        a["name"] for a in zemu.control.get("/zemu/apps").json()["apps"] if a["client_id"] == logged[0]["app_id"]
    )
    assert app_name in newest and ">GET<" in before and ">200<" in before


def test_the_table_filters_by_method_status_path_and_app(zemu: ZemuServer) -> None:
    zemu.api.get("/users/me")
    zemu.api.get("/users/nobody@example.com")
    zemu.api.patch("/accounts/me/settings", json={"schedule_meeting": {"host_video": True}})
    with zemu.client("not-a-token") as stranger:
        stranger.get("/groups")

    def shown(**query: str) -> list[str]:
        answer = zemu.control.get("/ui/requests/table", params=query)
        assert answer.status_code == 200
        return [re.search(r'<td class="mono">(/v2/[^<]*)', row)[1] for row in rows_of(answer.text)]  # type: ignore[index]

    assert shown() == ["/v2/groups", "/v2/accounts/me/settings", "/v2/users/nobody@example.com", "/v2/users/me"]
    assert shown(method="PATCH") == ["/v2/accounts/me/settings"]
    assert shown(status="4xx") == ["/v2/groups", "/v2/users/nobody@example.com"]
    assert shown(status="204") == ["/v2/accounts/me/settings"]
    assert shown(path="users") == ["/v2/users/nobody@example.com", "/v2/users/me"]
    assert shown(app=zemu.credentials["client_id"]) == shown()[1:]
    assert shown(status="teapot") == shown()  # a status the page never offers filters nothing
    assert "matches these filters" in zemu.control.get("/ui/requests/table", params={"path": "nowhere"}).text


def test_no_token_or_client_secret_shows_on_any_page(zemu: ZemuServer) -> None:
    token = zemu.token()
    with zemu.client(token) as api:
        api.get("/users/me")
        api.get("/users/me", params={"access_token": token})
    zemu.api.get("/users")
    creds = zemu.credentials
    secrets = (token, creds["client_secret"], creds["webhook_secret_token"])
    for path in ("/ui/requests", "/ui/requests/table", "/ui/deliveries", "/ui/controls", "/ui/controls/faults"):
        text = zemu.control.get(path).text
        assert not any(secret in text for secret in secrets), path
    assert "REDACTED" in zemu.control.get("/ui/requests").text
