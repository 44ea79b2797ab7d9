"""The wire's own contract: routing, Zoom's auth and validation errors, pagination, strict mode.

Handlers for a few operations are swapped in with monkeypatch so that these tests pin the
wire's behaviour independently of any product's handlers.
"""

from __future__ import annotations

from typing import Any

import pytest

from zemu.services.context import Context
from zemu.testing import ZemuServer

QUEUES = [{"id": f"queue{i:03d}", "name": f"Queue {i}", "extension_number": 5000 + i} for i in range(75)]


def list_queues(ctx: Context) -> dict[str, Any]:
    """A stand-in list handler over a fixed list, filtered by ``site_id``."""

    def fetch(filters: dict[str, Any], window: Any) -> list[Any]:
        rows = [q for q in QUEUES if not filters.get("site") or q["extension_number"] % 2 == 0]
        rows = [q for q in rows if window.after is None or q["id"] > window.after[1]]
        return [(("", q["id"]), q) for q in rows[window.offset : window.offset + window.limit]]

    page = ctx.paginate(fetch, filters={"site": ctx.query.get("site_id")})
    return {**page.fields(), "call_queues": page.items}


@pytest.fixture
def queues(zemu: ZemuServer, monkeypatch: pytest.MonkeyPatch) -> ZemuServer:
    monkeypatch.setitem(zemu.runtime.handlers, "listCallQueues", list_queues)
    return zemu


def test_unknown_path_is_zoom_404(zemu: ZemuServer) -> None:
    answer = zemu.api.get("/no/such/thing")
    assert answer.status_code == 404
    assert answer.json() == {"code": 2300, "message": "This API endpoint is not recognized."}
    assert answer.headers["x-zm-trackingid"]


def test_unknown_method_on_a_known_path_is_zoom_404(zemu: ZemuServer) -> None:
    assert zemu.api.put("/phone/call_queues").json()["code"] == 2300


def test_catalogue_operation_without_handler_is_501_naming_it(
    zemu: ZemuServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delitem(zemu.runtime.handlers, "listCallQueues", raising=False)
    answer = zemu.api.get("/phone/call_queues")
    assert answer.status_code == 501
    assert answer.json()["operation_id"] == "listCallQueues"
    assert "listCallQueues" in answer.json()["message"]


def test_missing_and_malformed_tokens_are_code_124(zemu: ZemuServer) -> None:
    for headers in ({}, {"Authorization": "Bearer nope"}, {"Authorization": "Basic abc"}):
        answer = zemu.control.get("/v2/accounts/me", headers=headers)
        assert answer.status_code == 401
        assert answer.json() == {"code": 124, "message": "Invalid access token."}


def test_token_in_the_query_string_is_refused(zemu: ZemuServer) -> None:
    answer = zemu.control.get("/v2/accounts/me", params={"access_token": zemu.token()})
    assert answer.status_code == 401
    assert answer.json()["message"] == (
        "Invalid access token, this access token is not supported as query parameter string."
    )


def test_missing_scope_names_the_granular_scopes(queues: ZemuServer) -> None:
    client = queues.client_with_scopes(["user:read:admin"])
    answer = client.get("/phone/call_queues")
    assert answer.status_code == 400
    body = answer.json()
    assert body["code"] == 4711
    assert body["message"].startswith("Invalid access token, does not contain scopes:[")
    assert "phone:read:list_call_queues:admin" in body["message"]


def test_classic_or_granular_scope_is_enough(queues: ZemuServer) -> None:
    assert queues.client_with_scopes(["phone:read:admin"]).get("/phone/call_queues").status_code == 200
    granular = queues.client_with_scopes(["phone:read:list_call_queues:admin"])
    assert granular.get("/phone/call_queues").status_code == 200


def test_pages_follow_the_operations_default_and_maximum(queues: ZemuServer) -> None:
    first = queues.api.get("/phone/call_queues").json()
    assert first["page_size"] == 30 and len(first["call_queues"]) == 30
    assert first["next_page_token"]
    clamped = queues.api.get("/phone/call_queues", params={"page_size": 1000}).json()
    assert clamped["page_size"] == 100 and len(clamped["call_queues"]) == 75
    assert clamped["next_page_token"] == ""


def test_next_page_token_is_self_contained_and_empty_on_the_last_page(queues: ZemuServer) -> None:
    seen: list[str] = []
    token = None
    first = queues.api.get("/phone/call_queues", params={"page_size": 20, "site_id": "s1"}).json()
    seen += [q["id"] for q in first["call_queues"]]
    token = first["next_page_token"]
    while token:
        page = queues.api.get("/phone/call_queues", params={"next_page_token": token}).json()
        assert page["page_size"] == 20  # the size and the filter travel in the token
        seen += [q["id"] for q in page["call_queues"]]
        token = page["next_page_token"]
    expected = [q["id"] for q in QUEUES if q["extension_number"] % 2 == 0]
    assert seen == expected


@pytest.mark.parametrize(
    "mangle", [lambda t: t[:-2] + ("AA" if not t.endswith("AA") else "BB"), lambda t: "x" + t, lambda t: "garbage"]
)
def test_tampered_page_token_is_refused(queues: ZemuServer, mangle: Any) -> None:
    token = queues.api.get("/phone/call_queues", params={"page_size": 10}).json()["next_page_token"]
    answer = queues.api.get("/phone/call_queues", params={"next_page_token": mangle(token)})
    assert answer.status_code == 400
    assert "next page token" in answer.json()["message"]


def test_page_token_expires_after_15_emulated_minutes(queues: ZemuServer) -> None:
    token = queues.api.get("/phone/call_queues", params={"page_size": 10}).json()["next_page_token"]
    queues.advance(14 * 60)
    assert queues.api.get("/phone/call_queues", params={"next_page_token": token}).status_code == 200
    queues.advance(2 * 60)
    answer = queues.api.get("/phone/call_queues", params={"next_page_token": token})
    assert answer.status_code == 400
    assert answer.json()["message"].startswith("The next page token is")


def test_query_values_are_validated_against_their_schema(queues: ZemuServer) -> None:
    answer = queues.api.get("/phone/call_queues", params={"page_size": "lots"})
    assert answer.status_code == 400
    assert answer.json() == {
        "code": 300,
        "message": "Validation Failed.",
        "errors": [{"field": "page_size", "message": "Invalid field."}],
    }


def test_strict_mode_turns_a_schema_drift_into_a_loud_500(zemu: ZemuServer, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(
        zemu.runtime.handlers, "listCallQueues", lambda ctx: {"call_queues": "not a list", "next_page_token": ""}
    )
    answer = zemu.api.get("/phone/call_queues")
    assert answer.status_code == 500
    assert "strict mode" in answer.json()["message"] and "call_queues" in answer.json()["message"]


def test_a_crashing_handler_is_a_500_and_changes_nothing(zemu: ZemuServer, monkeypatch: pytest.MonkeyPatch) -> None:
    def crash(ctx: Context) -> None:
        ctx.tx.put("call_queue", "half-made", {"id": "half-made"}, account_id=ctx.account_id)
        ctx.emit("phone.callee_ringing", {"object": {}})
        raise RuntimeError("boom")

    monkeypatch.setitem(zemu.runtime.handlers, "listCallQueues", crash)
    before = len(zemu.outbox())
    answer = zemu.api.get("/phone/call_queues")
    assert answer.status_code == 500 and answer.json()["code"] == 500
    assert len(zemu.outbox()) == before  # the outbox row rolled back with the change
    assert zemu.control.get("/zemu/health").json()["status"] == "ok"


def test_phone_operations_need_a_phone_plan_on_the_account(zemu: ZemuServer, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(zemu.runtime.handlers, "listCallQueues", list_queues)
    sub = next(a for a in zemu.api.get("/accounts").json()["accounts"] if a["account_name"] == "Zemu Demo East")
    sub_client = zemu.client_with_scopes(["phone:read:admin"], account_id=sub["id"])
    answer = sub_client.get("/phone/call_queues")
    assert answer.status_code == 403
    assert answer.json() == {"code": 2031, "message": "Zoom Phone has not been enabled for this account."}
    added = zemu.api.post(f"/accounts/{sub['id']}/plans/addons", json={"type": "plan_phone_monthly", "hosts": 5})
    assert added.status_code == 201, added.text
    assert sub_client.get("/phone/call_queues").status_code == 200


def test_every_request_is_in_the_request_log(queues: ZemuServer) -> None:
    queues.api.get("/phone/call_queues", params={"page_size": 5})
    latest = queues.requests()[0]
    assert latest["operation_id"] == "listCallQueues" and latest["status"] == 200
    assert latest["path"] == "/v2/phone/call_queues"


def test_me_and_an_email_name_a_user(zemu: ZemuServer, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(zemu.runtime.handlers, "user", lambda ctx: {"id": ctx.path["userId"], "type": 1})
    owner = zemu.api.get("/users/me").json()["id"]
    assert owner and owner != "me"
    assert zemu.api.get("/users/OWNER@zemu-demo.example").json()["id"] == owner


def test_double_encoded_meeting_uuids_are_decoded_twice(zemu: ZemuServer, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(zemu.runtime.handlers, "pastMeetingDetails", lambda ctx: {"uuid": ctx.path["meetingId"]})
    double = zemu.api.get("/past_meetings/%252FajXp112QmuoKj4854875%253D%253D")
    assert double.json() == {"uuid": "/ajXp112QmuoKj4854875=="}
    once = zemu.api.get("/past_meetings/Bznyg8KZTdCVbQxvS%2BoZ7w%3D%3D")
    assert once.json() == {"uuid": "Bznyg8KZTdCVbQxvS+oZ7w=="}


def test_malformed_json_body_is_refused(zemu: ZemuServer) -> None:
    answer = zemu.api.patch("/accounts/me/settings", content=b"{not json")
    assert answer.status_code == 400
    assert answer.json() == {"code": 300, "message": "Request Body should be a valid JSON object."}
