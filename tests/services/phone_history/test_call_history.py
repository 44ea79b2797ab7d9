"""Call history, call paths, user call history and its sync, AI summaries, legacy call logs."""

from __future__ import annotations

from history_helpers import at, make_call

from zemu.services.phone_history import records

HOUR = 3600


def test_no_history_is_empty_but_real(zemu):
    body = zemu.api.get("/phone/call_history").json()
    assert body["call_history"] == [] and body["call_logs"] == []
    assert body["next_page_token"] == "" and body["total_records"] == 0
    assert len(body["from"]) == 10 and len(body["to"]) == 10
    for path, key in (
        ("/phone/call_logs", "call_logs"),
        ("/phone/voice_mails", "voice_mails"),
        ("/phone/recordings", "recordings"),
        ("/phone/sms/sessions", "sms_sessions"),
        ("/phone/fax/logs", "fax_logs"),
        ("/phone/metrics/call_logs", "call_logs"),
        ("/phone/reports/call_charges", "call_charges"),
        ("/phone/reports/operationlogs", "operation_logs"),
    ):
        answer = zemu.api.get(path)
        assert answer.status_code == 200, (path, answer.text)
        assert answer.json()[key] == []


def test_account_call_history_is_newest_first_within_the_default_day(zemu, write, now):
    calls = [make_call(now - 3 * 24 * HOUR), make_call(now - 2 * HOUR), make_call(now - HOUR)]
    write(lambda tx, account: [records.record_call(tx, account, c) for c in calls])
    body = zemu.api.get("/phone/call_history").json()
    assert [c["call_history_uuid"] for c in body["call_history"]] == [calls[2]["id"], calls[1]["id"]]
    assert body["total_records"] == 2
    item = body["call_history"][0]
    assert item["duration"] == 60 and item["call_result"] == "answered" and item["caller_account_code"] == "A1"
    wide = zemu.api.get("/phone/call_history", params={"from": at(now - 5 * 24 * HOUR)[:10], "to": at(now)[:10]})
    assert wide.json()["total_records"] == 3


def test_call_history_filters_and_pages_with_a_self_contained_token(zemu, write, now):
    calls = [
        make_call(now - i * 60, direction="inbound" if i % 2 else "outbound", callee_name=f"Callee {i}")
        for i in range(1, 6)
    ]
    write(lambda tx, account: [records.record_call(tx, account, c) for c in calls])
    inbound = zemu.api.get("/phone/call_history", params={"directions": "inbound"}).json()
    assert {c["direction"] for c in inbound["call_history"]} == {"inbound"} and inbound["total_records"] == 3
    keyword = zemu.api.get("/phone/call_history", params={"keyword": "callee 3"}).json()
    assert [c["callee_name"] for c in keyword["call_history"]] == ["Callee 3"]
    seen, token = [], None
    while True:
        params = {"next_page_token": token} if token else {"page_size": 2, "connect_types": "external"}
        body = zemu.api.get("/phone/call_history", params=params).json()
        seen += [c["call_history_uuid"] for c in body["call_history"]]
        token = body["next_page_token"]
        if not token:
            break
    assert seen == [c["id"] for c in calls]


def test_call_history_refuses_a_range_longer_than_a_month_or_older_than_six_months(zemu, now):
    too_long = zemu.api.get("/phone/call_history", params={"from": "2020-01-01", "to": "2020-03-01"})
    assert too_long.status_code == 400 and too_long.json()["code"] == 300
    backwards = zemu.api.get("/phone/call_history", params={"from": at(now)[:10], "to": at(now - 5 * 86400)[:10]})
    assert backwards.status_code == 400
    old = zemu.api.get("/phone/users/me/call_history", params={"from": "2001-01-01", "to": "2001-01-15"})
    assert old.status_code == 400 and old.json()["code"] == 301


def test_call_path_answers_the_stored_path_with_zooms_typo(zemu, write, now):
    call = make_call(now - 60, recording_id="rec1")
    write(lambda tx, account: records.record_call(tx, account, call))
    body = zemu.api.get(f"/phone/call_history/{call['id']}").json()
    assert body["caller_acconut_code"] == "A1" and body["call_path"][0]["recording_id"] == "rec1"
    assert zemu.api.get("/phone/call_history/nope").status_code == 404


def test_user_call_history_lists_the_users_calls_and_elements(zemu, write, now, member):
    mine, theirs = make_call(now - 120), make_call(now - 60)
    write(
        lambda tx, account: (
            records.record_call(tx, account, mine, user_ids=[member["id"]]),
            records.record_call(tx, account, theirs),
        )
    )
    body = zemu.api.get(f"/phone/users/{member['id']}/call_history").json()
    assert [log["call_path_id"] for log in body["call_logs"]] == [mine["id"]]
    assert body["call_elements"][0]["call_history_uuid"] == mine["id"]
    by_email = zemu.api.get(f"/phone/users/{member['email']}/call_history").json()
    assert by_email["call_logs"] == body["call_logs"]
    missing = zemu.api.get("/phone/users/nobody@example.com/call_history")
    assert missing.status_code == 404 and missing.json()["code"] == 300


def test_sync_user_call_history_goes_full_backward_and_forward(zemu, write, now, member):
    calls = [make_call(now - i * 60) for i in (3, 2, 1)]
    write(lambda tx, account: [records.record_call(tx, account, c, user_ids=[member["id"]]) for c in calls])
    url = f"/phone/users/{member['id']}/call_history/sync"
    full = zemu.api.get(url, params={"sync_type": "FSync", "count": 2}).json()
    assert [log["id"] for log in full["call_logs"]] == [calls[2]["id"], calls[1]["id"]]
    back = zemu.api.get(url, params={"sync_type": "BSync", "count": 2, "sync_token": full["sync_token"]}).json()
    assert [log["id"] for log in back["call_logs"]] == [calls[0]["id"]]
    newer = make_call(now)
    write(lambda tx, account: records.record_call(tx, account, newer, user_ids=[member["id"]]))
    fresh = zemu.api.get(url, params={"sync_type": "ISync", "sync_token": back["sync_token"]}).json()
    assert [log["id"] for log in fresh["call_logs"]] == [newer["id"]]
    bad = zemu.api.get(url, params={"sync_type": "Sideways"})
    assert bad.status_code == 400 and bad.json() == {"code": 301, "message": "Invalid request param: sync_type."}


def test_ai_call_summary_is_read_by_its_user_only(zemu, write, now, member):
    summary = {
        "ai_call_summary_id": "sum1",
        "account_id": zemu.credentials["account_id"],
        "call_id": "123",
        "user_id": member["id"],
        "call_summary_rate": "thumb_up",
        "transcript_language": "en",
        "call_summary": "We agreed.",
        "next_steps": "Send quote.",
        "detailed_summary": "Long.",
        "created_time": at(now),
        "modified_time": at(now),
        "edited": False,
    }
    write(lambda tx, account: records.record_ai_summary(tx, account, summary))
    assert zemu.api.get(f"/phone/user/{member['id']}/ai_call_summary/sum1").json() == summary
    assert zemu.api.get("/phone/user/me/ai_call_summary/sum1").status_code == 404


def test_legacy_call_logs_filter_missed_calls_per_user(zemu, write, now, member):
    def log(n: int, result: str) -> dict:
        return {
            "id": f"00000000-0000-4000-8000-00000000000{n}",
            "call_id": f"70000000000000000{n}",
            "caller_number": "+12092080933",
            "callee_number": "1001",
            "caller_number_type": 2,
            "callee_number_type": 1,
            "direction": "inbound",
            "duration": 10,
            "result": result,
            "date_time": at(now - n * 60),
            "path": "pstn",
            "user_id": member["id"],
            "site": {"id": "site-1", "name": "Main Site"},
            "owner": {"id": member["id"], "name": "Member", "type": "user", "extension_number": 1001},
        }

    logs = [log(1, "Call connected"), log(2, "No Answer")]
    write(
        lambda tx, account: [
            records.record_call_log(
                tx,
                account,
                item,
                user_log_item={**{k: v for k, v in item.items() if k != "owner"}, "has_voicemail": False},
            )
            for item in logs
        ]
    )
    account = zemu.api.get("/phone/call_logs").json()
    assert [c["id"] for c in account["call_logs"]] == [logs[0]["id"], logs[1]["id"]]
    missed = zemu.api.get(f"/phone/users/{member['id']}/call_logs", params={"type": "missed"}).json()
    assert [c["id"] for c in missed["call_logs"]] == [logs[1]["id"]]


def test_filtered_history_pages_are_index_ranges_within_the_dates(zemu, write, now):
    """A filter and a date range page together: totals count only the range, the token carries
    both, several values of one filter are any of them."""
    directions = ("inbound", "outbound", "internal")
    calls = [make_call(now - i * 3 * HOUR, direction=directions[i % 3], callee_name=f"Callee {i}") for i in range(12)]
    write(lambda tx, account: [records.record_call(tx, account, c) for c in calls])
    window = {"from": at(now - 24 * HOUR)[:10], "to": at(now)[:10]}
    in_range = [c for c in calls if c["start_time"][:10] >= window["from"]]
    seen, totals, token = [], set(), None
    while True:
        params = {"next_page_token": token} if token else {"page_size": 2, "directions": "inbound", **window}
        body = zemu.api.get("/phone/call_history", params=params).json()
        assert (body["from"], body["to"]) == (window["from"], window["to"])
        seen += [c["call_history_uuid"] for c in body["call_history"]]
        totals.add(body["total_records"])
        token = body["next_page_token"]
        if not token:
            break
    inbound = [c["id"] for c in in_range if c["direction"] == "inbound"]
    assert seen == inbound and totals == {len(inbound)} and len(inbound) > 2
    two = zemu.api.get(
        "/phone/call_history", params={"directions": ["inbound", "outbound"], "page_size": 50, **window}
    ).json()
    assert [c["call_history_uuid"] for c in two["call_history"]] == [
        c["id"] for c in in_range if c["direction"] in ("inbound", "outbound")
    ]
    assert two["total_records"] == len(two["call_history"])
