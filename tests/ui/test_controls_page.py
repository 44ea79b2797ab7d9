"""The controls page and what it drives: the clock, reset, rate limits, fault rules and the
list of events a trigger can cause."""

from __future__ import annotations

import html
import re

from zemu.products import TRIGGERS
from zemu.sim.clock import parse_zulu
from zemu.testing import ZemuServer


def test_the_trigger_list_names_every_event_with_a_trigger_and_what_it_takes(zemu: ZemuServer) -> None:
    listed = zemu.control.get("/zemu/triggers").raise_for_status().json()["triggers"]
    assert [t["event"] for t in listed] == sorted(TRIGGERS)
    about = {t["event"]: t["about"] for t in listed}
    assert "group" in about["group.updated"] and "user" in about["group.member_added"]
    assert all(text and "\n" not in text for text in about.values())


def text_of(zemu: ZemuServer, path: str) -> str:
    answer = zemu.control.get(path)
    assert answer.status_code == 200, answer.text
    return html.unescape(answer.text)


def test_the_clock_shows_the_emulated_time_and_follows_an_advance(zemu: ZemuServer) -> None:
    def shown(path: str) -> float:
        found = re.search(r'id="clock-now">([^<]+)<', text_of(zemu, path))
        assert found is not None
        return parse_zulu(found[1])

    before = parse_zulu(zemu.now())
    assert before <= shown("/ui/controls") < before + 60
    after = parse_zulu(zemu.advance(3 * 86400)["now"])
    assert after >= before + 3 * 86400
    assert after <= shown("/ui/controls/clock") < after + 60
    zemu.control.post("/zemu/clock", json={"time_scale": 60}).raise_for_status()
    try:
        assert 'id="clock-scale">60.0<' in text_of(zemu, "/ui/controls/clock")
    finally:
        zemu.control.post("/zemu/clock", json={"time_scale": 1}).raise_for_status()


def test_fault_rules_are_listed_and_go_when_deleted(zemu: ZemuServer) -> None:
    assert "No fault rule" in text_of(zemu, "/ui/controls/faults")
    rule = zemu.control.post(
        "/zemu/faults", json={"effect": "error", "status": 503, "product": "phone", "times": 2}
    ).json()
    assert zemu.api.get("/phone/users").status_code == 503
    listed = text_of(zemu, "/ui/controls/faults")
    row = re.search(rf'<tr data-fault="{rule["id"]}">.*?</tr>', listed, re.S)
    assert row is not None and "503" in row[0] and "phone" in row[0] and "1 / 1" in row[0] and "2 times" in row[0]
    assert f'data-post="/zemu/faults/{rule["id"]}" data-method="DELETE"' in row[0]
    zemu.control.delete(f"/zemu/faults/{rule['id']}")
    assert rule["id"] not in text_of(zemu, "/ui/controls/faults")


def test_the_page_offers_every_trigger_and_shows_the_rate_limit_profile(zemu: ZemuServer) -> None:
    page = text_of(zemu, "/ui/controls")
    offered = re.findall(r'<option value="([^"]+)" data-about=', page)
    assert offered == sorted(TRIGGERS)
    assert 'id="limits-profile">off<' in page
    zemu.control.post("/zemu/rate-limits", json={"profile": "zoom"}).raise_for_status()
    try:
        assert 'id="limits-profile">zoom<' in text_of(zemu, "/ui/controls/limits")
    finally:
        zemu.control.post("/zemu/rate-limits", json={"profile": "off"}).raise_for_status()


def test_snapshots_are_listed_with_their_clock(zemu: ZemuServer) -> None:
    for left in zemu.control.get("/zemu/snapshots").raise_for_status().json()["snapshots"]:
        zemu.control.delete(f"/zemu/snapshots/{left['name']}")  # other tests' saves on the shared server
    assert "No snapshot saved" in text_of(zemu, "/ui/controls/snapshots")
    saved = zemu.snapshot("before-run")
    shown = text_of(zemu, "/ui/controls/snapshots")
    assert 'data-snapshot="before-run"' in shown and saved["clock"] in shown
    assert 'data-post="/zemu/snapshots/before-run/restore"' in shown
    zemu.control.delete("/zemu/snapshots/before-run")
