"""The wire at its edges: what reaches a handler, the one error shape, and inputs that once crashed.

Each test pins one class of input: the body a handler is given (parsed forms, coerced scalars,
an absent body), the documented success status, the limits on what is read, and the answers
that must stay Zoom-shaped (JSON with a tracking id) whatever arrives.
"""

from __future__ import annotations

import base64
import socket
from typing import Any

import orjson
import pytest

from zemu.catalog import load_catalog
from zemu.errors import ValidationFailed, ZoomError
from zemu.http.responses import render_error
from zemu.http.validation import Validators
from zemu.services.context import Context
from zemu.services.oauth import OAuthError
from zemu.testing import ZemuServer

JSON = "application/json;charset=UTF-8"
PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="
)


def operation(operation_id: str) -> Any:
    return load_catalog().by_operation_id[operation_id][0]


def raw_request(server: ZemuServer, head: bytes) -> bytes:
    """Send a request by hand (a declared length with no body, bytes httpx would not send)."""
    host, port = server.url.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=10) as conn:
        conn.sendall(head)
        answer = b""
        while not answer.endswith(b"}"):  # every answer here ends its JSON body with "}"
            chunk = conn.recv(65536)
            if not chunk:
                break
            answer += chunk
        return answer


# multipart forms -----------------------------------------------------------------------------
def test_a_multipart_body_reaches_the_handler_as_text_fields_and_file_bytes(
    zemu: ZemuServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[Any] = []
    real = zemu.runtime.handlers["userPicture"]

    def capture(ctx: Context) -> Any:
        seen.append(dict(ctx.body))
        return real(ctx)

    monkeypatch.setitem(zemu.runtime.handlers, "userPicture", capture)
    answer = zemu.api.post(
        "/users/me/picture", files={"pic_file": ("me.png", PNG, "image/png")}, data={"note": "hello"}
    )
    assert answer.status_code == 201, answer.text
    assert seen == [{"pic_file": PNG, "note": "hello"}]


def test_a_malformed_multipart_body_is_300(zemu: ZemuServer) -> None:
    answer = zemu.api.post(
        "/users/me/picture", content=b"--x\r\nnot a part", headers={"content-type": "multipart/form-data"}
    )
    assert answer.status_code == 400 and answer.json()["code"] == 300


# one error renderer --------------------------------------------------------------------------
def test_one_renderer_writes_zoom_and_oauth_errors() -> None:
    status, headers, payload = render_error(ZoomError(1001, "User does not exist: x.", 404), {"X-Extra": "1"})
    assert (status, payload) == (404, b'{"code":1001,"message":"User does not exist: x."}')
    assert headers["content-type"] == JSON and headers["x-zm-trackingid"] and headers["x-extra"] == "1"
    assert headers["content-length"] == str(len(payload))
    status, headers, payload = render_error(OAuthError("invalid_client", "Invalid client_id or client_secret", 401))
    assert (status, payload) == (401, b'{"reason":"Invalid client_id or client_secret","error":"invalid_client"}')


def test_v2_oauth_and_control_plane_errors_share_one_shape(zemu: ZemuServer) -> None:
    answers = [
        zemu.api.get("/users/nobody@nowhere.example"),
        zemu.control.post("/oauth/token", data={"grant_type": "client_credentials"}),
        zemu.control.get("/oauth/token"),  # a method the route does not take
        zemu.control.post("/zemu/trigger/no.such.event"),
        zemu.control.get("/zemu/subscriptions/nope"),
        zemu.control.post("/zemu/clock/advance", content=b"[1]"),
    ]
    for answer in answers:
        assert answer.status_code >= 400
        assert answer.headers["content-type"] == JSON, answer.request.url
        assert answer.headers["x-zm-trackingid"], answer.request.url
        assert answer.json()


# documented success status -------------------------------------------------------------------
def test_an_operation_documenting_200_answers_200_with_an_empty_body(zemu: ZemuServer) -> None:
    assert operation("assignCallingPlan").success_status == 200
    answer = zemu.api.post("/phone/users/me/calling_plans", json={"calling_plans": [{"type": 200}]})
    assert answer.status_code == 200, answer.text
    assert answer.content == b""


# scalars as Zoom's back end takes them -------------------------------------------------------
def test_a_number_where_a_string_is_declared_is_taken_as_that_string(zemu: ZemuServer) -> None:
    answer = zemu.api.patch("/phone/users/me", json={"extension_number": 1234})
    assert answer.status_code in (200, 204), answer.text
    assert str(zemu.api.get("/phone/users/me").json()["extension_number"]) == "1234"


def test_scalars_are_coerced_to_the_declared_type_before_validation() -> None:
    validators = Validators(load_catalog().operations)
    create_site = operation("createPhoneSite")
    body = {
        "name": 7,
        "auto_receptionist_name": "ar",
        "default_emergency_address": {
            "address_line1": "1 Main St",
            "city": "Springfield",
            "zip": 12345,
            "state_code": "IL",
            "country": "US",
        },
        "short_extension": {"length": "3"},
    }
    taken = validators.body(create_site, _json(body), "application/json")
    assert taken["name"] == "7" and taken["default_emergency_address"]["zip"] == "12345"
    assert taken["short_extension"]["length"] == 3
    for strict in ({"length": True}, {"length": "three"}, {"length": "3.5"}, {"length": "٣"}):
        with pytest.raises(ValidationFailed):
            validators.body(create_site, _json({**body, "short_extension": strict}), "application/json")
    with pytest.raises(ValidationFailed):
        validators.body(create_site, _json({**body, "name": True}), "application/json")


def _json(body: dict[str, Any]) -> bytes:
    return orjson.dumps(body)


# no 5xx from any input -----------------------------------------------------------------------
@pytest.mark.parametrize(
    "path", ["/users", "/phone/call_queues", "/phone/sites", "/phone/common_areas", "/number_management/sms_consent"]
)
def test_an_empty_body_where_fields_are_required_is_300(zemu: ZemuServer, path: str) -> None:
    answer = zemu.api.post(path, content=b"", headers={"content-type": "application/json"})
    assert answer.status_code == 400, answer.text
    assert answer.json()["code"] == 300


@pytest.mark.parametrize("page_number", ["abc", "1.5", "²", "1" * 23, "١"])
def test_a_page_number_that_is_no_whole_number_is_300(zemu: ZemuServer, page_number: str) -> None:
    answer = zemu.api.get("/users", params={"page_number": page_number})
    assert answer.status_code == 400, answer.text
    assert answer.json()["errors"] == [{"field": "page_number", "message": "Invalid field."}]


def test_a_huge_page_size_is_300_not_a_crash(zemu: ZemuServer) -> None:
    answer = zemu.api.get("/phone/call_queues", params={"page_size": "9" * 25})
    assert answer.status_code == 400 and answer.json()["code"] == 300


@pytest.mark.parametrize(
    "path", ["/phone/call_queues/%5C", "/phone/auto_receptionists/%5C/ivr", "/phone/call_queues/%5Cg%3C0%3E"]
)
def test_an_id_is_never_read_as_a_regex(zemu: ZemuServer, path: str) -> None:
    answer = zemu.api.get(path)
    assert answer.status_code in (400, 404), answer.text
    assert "\\" in answer.json()["message"]


def test_integers_past_64_bits_are_300(zemu: ZemuServer) -> None:
    answer = zemu.api.post("/phone/sites", json={"short_extension": {"length": 1e30}})
    assert answer.status_code == 400
    assert {"field": "short_extension.length", "message": "Invalid field."} in answer.json()["errors"]
    huge = zemu.api.patch("/phone/users/me", json={"extension_number": 10**30})
    assert huge.status_code in (400, 404) and huge.status_code < 500


def test_a_key_of_an_anyof_body_is_checked_by_the_branch_that_declares_it(zemu: ZemuServer) -> None:
    queue = zemu.api.get("/phone/call_queues").json()["call_queues"][0]["id"]
    answer = zemu.api.patch(
        f"/phone/call_queues/{queue}/settings/holiday_hours", json={"holiday_hours": {"holidays": [None]}}
    )
    assert answer.status_code == 400, answer.text
    assert answer.json()["errors"] == [{"field": "holiday_hours.holidays.0", "message": "Invalid field."}]


def test_an_object_where_a_string_is_declared_is_300(zemu: ZemuServer) -> None:
    answer = zemu.api.post(
        "/number_management/sms_consent",
        json={
            "consent_name": {"a": 1},
            "status": True,
            "in_out_bound": {
                "opt_in_message": {"prompt": "p", "keywords": ["Y"], "confirmation_message": "c"},
                "opt_out_message": {"message": "m", "keywords": ["STOP"]},
                "help_message": {"message": "h", "keywords": ["HELP"]},
                "disclaimer": {"enable": True, "message": "d"},
            },
        },
    )
    assert answer.status_code == 400
    assert answer.json()["errors"] == [{"field": "consent_name", "message": "Invalid field."}]


# zemu's own OpenAPI document -----------------------------------------------------------------
def test_the_openapi_document_describes_every_operation_without_a_token(zemu: ZemuServer) -> None:
    answer = zemu.control.get("/v2/openapi.json")
    assert answer.status_code == 200 and answer.headers["content-type"] == "application/json"
    document = answer.json()
    assert document["openapi"].startswith("3.") and document["servers"] == [{"url": f"{zemu.url}/v2"}]
    operations = [op for methods in document["paths"].values() for op in methods.values()]
    assert len(operations) == len(load_catalog().operations)
    ids = [op["operationId"] for op in operations]
    assert len(ids) == len(set(ids))
    listed = document["paths"]["/phone/call_queues"]["get"]
    assert listed["operationId"] == "listCallQueues" and listed["x-zemu-implemented"] is True
    assert {p["name"] for p in listed["parameters"]} >= {"page_size", "next_page_token", "site_id"}
    assert "call_queues" in listed["responses"]["200"]["content"]["application/json"]["schema"]["properties"]
    assert listed["security"] == [{"bearer": list(operation("listCallQueues").scopes_granular)}]
    created = document["paths"]["/phone/call_queues"]["post"]["requestBody"]
    assert created["content"]["application/json"]["schema"]["required"] == ["name", "site_id"]


# Zoom-shaped answers at the edges ------------------------------------------------------------
def test_an_oversized_body_is_refused_before_it_is_read(zemu: ZemuServer) -> None:
    for path in (b"/v2/users", b"/zemu/reset"):
        answer = raw_request(
            zemu,
            b"POST " + path + b" HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
            b"Content-Length: 1000000000\r\nAuthorization: Bearer " + zemu.token().encode() + b"\r\n\r\n",
        )
        head, _, body = answer.partition(b"\r\n\r\n")
        assert head.startswith(b"HTTP/1.1 413"), answer
        assert b"application/json" in head and b'"code":300' in body


def test_an_oversized_body_sent_in_full_is_413(zemu: ZemuServer) -> None:
    answer = zemu.api.post(
        "/users", content=b"{" + b" " * (16 * 1024 * 1024) + b"}", headers={"content-type": "application/json"}
    )
    assert answer.status_code == 413
    assert answer.json() == {"code": 300, "message": "Request body is too large: the limit is 16 MB."}


def test_an_oversized_oauth_form_is_an_oauth_error(zemu: ZemuServer) -> None:
    creds = zemu.credentials
    answer = zemu.control.post(
        "/oauth/token",
        auth=(creds["client_id"], creds["client_secret"]),
        data={"grant_type": "client_credentials", "padding": "x" * 100_000},
    )
    assert answer.status_code == 413
    assert answer.json()["error"] == "invalid_request" and "too large" in answer.json()["reason"]


def test_invalid_utf8_in_a_path_is_a_json_answer(zemu: ZemuServer) -> None:
    for path in ("/v2/users/%FF", "/v2/phone/call_queues/%C3%28", "/zemu/%FF", "/oauth/%FF"):
        answer = zemu.control.get(path, headers={"Authorization": f"Bearer {zemu.token()}"})
        assert answer.status_code in (400, 404), path
        assert answer.headers["content-type"] == JSON and "code" in answer.json()


@pytest.mark.parametrize("name", ["a\x00b", "tab\x07bell", "esc\x1b[0m", "del\x7f"])
def test_control_characters_in_a_string_field_are_refused(zemu: ZemuServer, name: str) -> None:
    answer = zemu.api.post(
        "/users",
        json={"action": "create", "user_info": {"email": "ctl@zemu-demo.example", "type": 1, "first_name": name}},
    )
    assert answer.status_code == 400
    assert answer.json()["errors"] == [{"field": "user_info.first_name", "message": "Invalid field."}]
    assert zemu.api.get("/users/ctl@zemu-demo.example").status_code == 404


def test_control_characters_in_a_query_value_are_refused(zemu: ZemuServer) -> None:
    answer = zemu.api.get("/phone/users", params={"keyword": "a\x00b"})
    assert answer.status_code == 400
    assert answer.json()["errors"] == [{"field": "keyword", "message": "Invalid field."}]


def test_line_breaks_and_tabs_stay_allowed_in_text(zemu: ZemuServer) -> None:
    queue = zemu.api.get("/phone/call_queues").json()["call_queues"][0]["id"]
    answer = zemu.api.patch(f"/phone/call_queues/{queue}", json={"description": "two\nlines\tand a tab"})
    assert answer.status_code == 204, answer.text


def test_a_text_plain_body_is_not_read_as_json(zemu: ZemuServer) -> None:
    body = b'{"action": "create", "user_info": {"email": "plain@zemu-demo.example", "type": 1}}'
    answer = zemu.api.post("/users", content=body, headers={"content-type": "text/plain"})
    assert answer.status_code == 400
    assert answer.json() == {"code": 300, "message": "Unsupported content type."}
    assert zemu.api.get("/users/plain@zemu-demo.example").status_code == 404
