"""The dashboard's pages, served and read over real HTTP on both stores: what the account
holds, the Phone tab's live calls, history, recordings, voicemails, texts and faxes, and the
files they play, each from the store's real state."""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from typing import Any

import pytest

from phone_history_state import forget_history
from zemu.testing import ZemuServer

PARTIAL = {"x-zemu-partial": "1"}
TABS = ("Account", "Phone", "Deliveries", "Requests", "Controls")


@pytest.fixture
def still(zemu: ZemuServer) -> Iterator[ZemuServer]:
    """The demo account on a clock all but stopped (a thousandth of real time): a call moves
    when the test advances it."""
    zemu.control.post("/zemu/clock", json={"time_scale": 0.001}).raise_for_status()
    yield zemu
    zemu.control.post("/zemu/clock", json={"time_scale": 1}).raise_for_status()


def place(zemu: ZemuServer, **body: Any) -> dict[str, Any]:
    answer = zemu.control.post("/zemu/phone/calls", json=body)
    assert answer.status_code == 201, answer.text
    return dict(answer.json())


def live_state(zemu: ZemuServer, call_id: str) -> str:
    html = zemu.control.get("/ui/phone/live", headers=PARTIAL).text
    found = re.search(rf'data-call-id="{call_id}" data-state="([a-z]+)"', html)
    return found.group(1) if found else ""


def all_users(zemu: ZemuServer) -> list[dict[str, Any]]:
    """Every user of the account, whatever their status (Zoom's list shows one status at a time)."""
    found = []
    for status in ("active", "inactive", "pending"):
        answer = zemu.api.get("/users", params={"page_size": 300, "status": status}).raise_for_status().json()
        found += answer["users"]
    return found


def total(zemu: ZemuServer, path: str, **params: str) -> int:
    return int(zemu.api.get(path, params={"page_size": 1, **params}).raise_for_status().json()["total_records"])


def test_the_account_page_shows_what_the_account_holds(zemu: ZemuServer) -> None:
    page = zemu.control.get("/", headers={"accept": "text/html"})
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    html = page.text
    for tab in TABS:
        assert f">{tab}</a>" in html
    users = all_users(zemu)
    assert f'href="#users">{len(users)}<' in html
    for user in sorted(users, key=lambda u: u["email"])[:5]:
        assert user["email"] in html
    for section, path in (
        ("groups", "/groups"),
        ("sites", "/phone/sites"),
        ("call_queues", "/phone/call_queues"),
        ("auto_receptionists", "/phone/auto_receptionists"),
        ("common_areas", "/phone/common_areas"),
    ):
        assert f'href="#{section}">{total(zemu, path)}<' in html, section
    # every number the account holds, those Zoom Phone's list leaves out (unallocated ones) too
    account_id = zemu.credentials["account_id"]
    numbers = zemu.transaction(lambda tx: tx.count("phone_number", account_id=account_id))
    assert numbers > total(zemu, "/phone/numbers") and f'href="#numbers">{numbers}<' in html
    devices = sum(total(zemu, "/phone/devices", type=kind) for kind in ("assigned", "unassigned"))
    assert f'href="#devices">{devices}<' in html
    queues = zemu.api.get("/phone/call_queues").raise_for_status().json()["call_queues"]
    for queue in queues:
        assert queue["name"] in html and str(queue["extension_number"]) in html
    sites = zemu.api.get("/phone/sites").raise_for_status().json()["sites"]
    assert all(site["name"] in html for site in sites)


def test_a_secret_is_on_the_page_only_when_asked_for(zemu: ZemuServer) -> None:
    creds = zemu.credentials
    html = zemu.control.get("/").text
    assert creds["client_id"] in html
    assert creds["client_secret"] not in html and creds["webhook_secret_token"] not in html
    # nor a desk phone's SIP password
    passwords = zemu.transaction(lambda tx: [r.body["sip_password"] for r in tx.list("device", limit=100)])
    assert passwords and not any(p in html for p in passwords)
    shown = zemu.control.get("/ui/account/secret/client_secret", headers=PARTIAL)
    assert shown.status_code == 200 and shown.text == creds["client_secret"]
    assert shown.headers["cache-control"] == "no-store"
    assert zemu.control.get("/ui/account/secret/password").status_code == 404


def test_a_section_pages_as_a_fragment(zemu: ZemuServer) -> None:
    emails = sorted(u["email"] for u in all_users(zemu))
    fragment = zemu.control.get("/ui/account/users", params={"page": 2}, headers=PARTIAL)
    assert fragment.status_code == 200 and "<html" not in fragment.text
    assert emails[12] in fragment.text and emails[0] not in fragment.text
    assert "page 2 of" in fragment.text
    whole = zemu.control.get("/ui/account/users", params={"page": 2})  # a pager link opened on its own
    assert "<html" in whole.text and emails[12] in whole.text


def test_without_an_account_the_pages_say_so(zemu: ZemuServer) -> None:
    zemu.reset(demo=False)
    for path in ("/", "/ui/phone"):
        page = zemu.control.get(path)
        assert page.status_code == 200, path
    assert "No account" in zemu.control.get("/").text


def test_a_call_rings_is_answered_records_and_ends_on_the_live_panel(still: ZemuServer) -> None:
    zemu = still
    call = place(zemu, **{"from": "1001", "to": "1002", "record": True, "ring_seconds": 5, "talk_seconds": 12})
    call_id = call["call_id"]
    assert live_state(zemu, call_id) == "ringing"
    panel = zemu.control.get("/ui/phone/live").text
    assert "Blake Morgan (1001)" in panel and "Casey Nguyen (1002)" in panel
    zemu.advance(5)
    assert live_state(zemu, call_id) == "answered"
    assert re.search(
        rf'data-call-id="{call_id}" data-state="answered">.*?data-recording="recording"',
        panel + zemu.control.get("/ui/phone/live").text,
        re.S,
    )
    zemu.advance(12)
    assert live_state(zemu, call_id) == "ended"
    history = zemu.control.get("/ui/phone/history", headers=PARTIAL).text
    assert f'data-call-id="{call_id}"' in history


def test_a_scripted_hold_shows_on_hold(still: ZemuServer) -> None:
    zemu = still
    steps = [
        {"at_seconds": 3, "do": "answer"},
        {"at_seconds": 6, "do": "hold", "by": "callee"},
        {"at_seconds": 9, "do": "unhold", "by": "callee"},
        {"at_seconds": 12, "do": "hang_up"},
    ]
    call_id = place(zemu, **{"from": "1003", "to": "1004", "steps": steps})["call_id"]
    seen = []
    for _ in range(4):
        zemu.advance(3)
        seen.append(live_state(zemu, call_id))
    assert seen == ["answered", "hold", "answered", "ended"]


def test_the_recording_plays_from_the_dashboard(still: ZemuServer) -> None:
    zemu = still
    call = place(zemu, **{"from": "1001", "to": "1002", "record": True, "ring_seconds": 2, "talk_seconds": 8})
    zemu.advance(30)
    html = zemu.control.get("/ui/phone/recordings", headers=PARTIAL).text
    assert f'data-recording-id="{call["recording_id"]}"' in html
    src = re.search(r'<audio controls preload="none" src="(/ui/files/[0-9a-f]+)"', html)
    assert src is not None
    mp3 = zemu.control.get(src.group(1))
    assert mp3.status_code == 200 and mp3.headers["content-type"] == "audio/mpeg"
    # the same file Zoom's download serves with an access token
    detail = zemu.api.get(f"/phone/call_logs/{call['call_id']}/recordings").raise_for_status().json()
    zoom = zemu.api.get(detail["download_url"].split("/v2", 1)[1])
    assert zoom.status_code == 200 and zoom.content == mp3.content
    part = zemu.control.get(src.group(1), headers={"range": "bytes=100-199"})
    assert part.status_code == 206 and part.content == mp3.content[100:200]
    assert part.headers["content-range"] == f"bytes 100-199/{len(mp3.content)}"
    assert zemu.control.get("/ui/files/nothing-here").status_code == 404


def test_voicemails_texts_and_faxes_show_with_their_files(still: ZemuServer) -> None:
    zemu = still
    place(zemu, **{"from": "+14155550123", "to": "1003", "outcome": "voicemail", "talk_seconds": 6})
    sms = zemu.control.post("/zemu/phone/sms", json={"from": "1001", "to": "+14155550123", "message": "hello <b>x</b>"})
    fax = zemu.control.post("/zemu/phone/faxes", json={"from": "1001", "to": "+14155550124", "pages": 2})
    assert sms.status_code == 201 and fax.status_code == 201, (sms.text, fax.text)
    zemu.advance(60)
    voicemails = zemu.control.get("/ui/phone/voicemails", headers=PARTIAL).text
    assert "+14155550123" in voicemails and "Dana Okafor" in voicemails
    texts = zemu.control.get("/ui/phone/sms", headers=PARTIAL).text
    assert "hello &lt;b&gt;x&lt;/b&gt;" in texts  # escaped, never markup
    faxes = zemu.control.get("/ui/phone/faxes", headers=PARTIAL).text
    file_id = fax.json()["file_id"]
    assert f"/ui/files/{file_id}" in faxes
    pdf = zemu.control.get(f"/ui/files/{file_id}")
    assert pdf.headers["content-type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    page = zemu.control.get("/ui/phone").text
    assert "Dana Okafor" in page and "hello &lt;b&gt;x&lt;/b&gt;" in page and f"/ui/files/{file_id}" in page


def test_the_live_stream_sends_the_panel_and_the_clock(still: ZemuServer) -> None:
    zemu = still
    call_id = place(zemu, **{"from": "1001", "to": "1002", "ring_seconds": 4})["call_id"]
    events: dict[str, str] = {}
    deadline = time.monotonic() + 10
    with zemu.control.stream("GET", "/ui/live", headers={"accept": "text/event-stream"}) as stream:
        assert stream.headers["content-type"].startswith("text/event-stream")
        name = ""
        for line in stream.iter_lines():
            if line.startswith("event: "):
                name = line[7:]
            elif line.startswith("data: ") and name:
                events[name] = events.get(name, "") + line[6:]
            elif not line and name:
                if "calls" in events and "clock" in events:
                    break
                name = ""
            assert time.monotonic() < deadline
    assert f'data-call-id="{call_id}" data-state="ringing"' in events["calls"]
    assert events["clock"] == zemu.now()


def test_the_history_pages_through_the_last_week_only(still: ZemuServer) -> None:
    zemu = still
    zemu.transaction(forget_history)  # the demo's own week would fill the pages
    calls = [place(zemu, **{"from": "1001", "to": "1002", "ring_seconds": 1, "talk_seconds": 2}) for _ in range(12)]
    zemu.advance(60)
    first = zemu.control.get("/ui/phone/history", headers=PARTIAL).text
    second = zemu.control.get("/ui/phone/history", params={"page": 2}, headers=PARTIAL).text
    rows = [re.findall(r'<tr data-call-id="(\d+)"', html) for html in (first, second)]
    assert [len(r) for r in rows] == [10, 2] and "page 2 of 2 · 12 in all" in second
    assert sorted(rows[0] + rows[1]) == sorted(c["call_id"] for c in calls)
    zemu.advance(8 * 24 * 3600)  # a week and a day later they are out of the page's week
    assert "No call in the last week." in zemu.control.get("/ui/phone/history", headers=PARTIAL).text
