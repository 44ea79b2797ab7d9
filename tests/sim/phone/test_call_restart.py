"""A call's steps are kept in the store: a server stopped in the middle of a call and started
again on the same database plays the rest of it."""

from __future__ import annotations

from pathlib import Path

from call_helpers import call_events, names, place

from zemu.testing import zemu_server


def test_a_restart_in_the_middle_of_a_call_continues_it(tmp_path: Path) -> None:
    db = str(tmp_path / "zemu.db")
    with zemu_server(db=db) as first:
        placed = place(first, "1001", "1002", ring_seconds=5, talk_seconds=60, record=True)
        first.advance(30)
        assert names(call_events(first, placed["call_id"]))[-1] == "recording_started"
    with zemu_server(db=db) as second:
        second.advance(120)
        events = call_events(second, placed["call_id"])
        assert names(events)[4:] == [
            "recording_started",
            "recording_stopped",
            "caller_ended",
            "callee_ended",
            "caller_call_log_completed",
            "callee_call_log_completed",
            "caller_call_history_completed",
            "callee_call_history_completed",
            "caller_call_element_completed",
            "callee_call_element_completed",
            "recording_completed",
        ]
        recordings = second.api.get("/phone/recordings").json()["recordings"]
        assert placed["recording_id"] in {r["id"] for r in recordings}
