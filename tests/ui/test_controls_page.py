"""The controls page and what it drives: the clock, reset, rate limits, fault rules and the
list of events a trigger can cause."""

from __future__ import annotations

from zemu.services import TRIGGERS
from zemu.testing import ZemuServer


def test_the_trigger_list_names_every_event_with_a_trigger_and_what_it_takes(zemu: ZemuServer) -> None:
    listed = zemu.control.get("/zemu/triggers").raise_for_status().json()["triggers"]
    assert [t["event"] for t in listed] == sorted(TRIGGERS)
    about = {t["event"]: t["about"] for t in listed}
    assert "group" in about["group.updated"] and "user" in about["group.member_added"]
    assert all(text and "\n" not in text for text in about.values())
