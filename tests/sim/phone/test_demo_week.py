"""The demo account's week of phone history, played by the simulator when the demo is made."""

from __future__ import annotations

import orjson
import pytest
from call_helpers import decoded, seconds

from zemu.catalog import load_catalog
from zemu.demo import build_demo
from zemu.sim.clock import parse_zulu, zulu
from zemu.store import Store, open_store
from zemu.testing import ZemuServer

NOW = 1_795_000_000.0  # a Wednesday, mid-afternoon (UTC)
HISTORY_KINDS = ("ph_call", "ph_call_log", "ph_recording", "ph_voicemail", "ph_sms_message", "ph_fax", "ph_file")


def _history(store: Store, seed: int) -> dict[str, list[bytes]]:
    """Every history document the demo made, by kind, in id order."""
    with store.transaction() as tx:
        build_demo(tx, seed, NOW, load_catalog(), origin="http://127.0.0.1:9650")
        rows = tx.query("SELECT kind, id, body FROM docs WHERE substr(kind, 1, 3) = 'ph_' ORDER BY kind, id")
    found: dict[str, list[bytes]] = {}
    for kind, doc_id, body in rows:
        found.setdefault(kind, []).append(orjson.dumps([doc_id, orjson.loads(body)], option=orjson.OPT_SORT_KEYS))
    return found


def test_the_same_seed_makes_the_same_week_and_another_seed_another(store: Store, tmp_path: object) -> None:
    first = _history(store, 7)
    assert all(first.get(kind) for kind in HISTORY_KINDS), {k: len(v) for k, v in first.items()}
    again_store = open_store(f"{tmp_path}/again.db", lambda: NOW)
    other_store = open_store(f"{tmp_path}/other.db", lambda: NOW)
    try:
        assert _history(again_store, 7) == first
        assert _history(other_store, 8) != first
    finally:
        again_store.close()
        other_store.close()


def test_the_week_ends_before_today_and_queues_no_event_or_work(store: Store) -> None:
    with store.transaction() as tx:
        made = build_demo(tx, 42, NOW, load_catalog())["phone_sim"]
        assert made["calls"] > 100 and made["sms"] > 0 and made["faxes"] > 0
        starts = [orjson.loads(r[0])["ts"] for r in tx.query("SELECT body FROM docs WHERE kind = 'ph_call'")]
        assert len(starts) == made["calls"]
        midnight = NOW // 86400 * 86400
        assert midnight - 7 * 86400 <= min(starts) and max(starts) < midnight
        assert tx.query("SELECT COUNT(*) FROM outbox")[0][0] == 0
        assert tx.query("SELECT COUNT(*) FROM scheduled_work")[0][0] == 0


def test_the_weeks_ids_agree_across_history_logs_recordings_and_voicemails(zemu: ZemuServer) -> None:
    api = zemu.api
    today = parse_zulu(zemu.now())
    window = {"from": zulu(today - 8 * 86400)[:10], "to": zulu(today)[:10], "page_size": 300}
    history = api.get("/phone/call_history", params=window)
    assert history.status_code == 200, history.text
    calls = {c["call_id"]: c for c in history.json()["call_logs"]}
    assert len(calls) > 100
    recordings = api.get("/phone/recordings", params=window).json()["recordings"]
    assert recordings and all(r["call_id"] in calls for r in recordings)
    voicemails = api.get("/phone/voice_mails", params=window).json()["voice_mails"]
    assert voicemails and all(v["call_id"] in calls for v in voicemails)
    logs = api.get("/phone/call_logs", params=window).json()["call_logs"]
    assert logs and {log["call_id"] for log in logs} <= set(calls)
    recording = recordings[0]
    download = api.get(recording["download_url"].removeprefix(zemu.base_url))
    assert download.status_code == 200
    assert abs(seconds(decoded(download.content)) - recording["duration"]) < 1.5  # rendered on first download


@pytest.mark.parametrize("kind", ["sms_sessions", "fax_logs"])
def test_the_week_holds_messages_and_faxes(zemu: ZemuServer, kind: str) -> None:
    counts = zemu.control.get("/zemu/stats").json()["phone"]
    assert counts[kind] > 0
