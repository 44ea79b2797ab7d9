"""``zemu traffic``: seeded traffic against a running server, and a summary that matches the store."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from zemu.cli import main
from zemu.sim.phone.traffic import KINDS, Parties, Traffic, parse_mix
from zemu.testing import ZemuServer

PARTIES = Parties(
    users=[("1001", "+14085550101"), ("1002", ""), ("1003", "+14085550103")],
    queues=["8001"],
    receptionists=[("9001", ["1", "2"])],
)


def test_the_same_seed_draws_the_same_traffic_and_another_seed_other_traffic() -> None:
    def draw(seed: int) -> list[object]:
        traffic = Traffic(seed, PARTIES)
        return [traffic.next() for _ in range(200)]

    assert draw(1) == draw(1)
    assert draw(1) != draw(2)
    assert {kind for kind, _request, _body in draw(1)} == set(KINDS)


def test_the_mix_weights_the_kinds_and_leaves_out_the_rest() -> None:
    traffic = Traffic(3, PARTIES, parse_mix("sms=1, voicemail=3"))
    kinds = [traffic.next()[0] for _ in range(400)]
    assert set(kinds) == {"sms", "voicemail"}
    assert 200 < kinds.count("voicemail") < 400


@pytest.mark.parametrize("mix", ["answered", "talk=3", "sms=-1", "sms=x", "answered=0"])
def test_a_mix_that_is_not_kind_weight_pairs_is_refused(mix: str) -> None:
    with pytest.raises(ValueError):
        parse_mix(mix)
    refused = CliRunner().invoke(main, ["traffic", "--calls-per-minute", "60", "--duration", "1s", "--mix", mix])
    assert refused.exit_code == 2 and "--mix" in refused.output


def test_a_short_run_sends_its_pace_and_its_summary_matches_the_store(zemu: ZemuServer) -> None:
    zemu.control.post("/zemu/clock", json={"time_scale": 1000}).raise_for_status()  # calls end in real seconds
    try:
        ran = CliRunner().invoke(
            main,
            ["traffic", "--url", zemu.url, "--calls-per-minute", "120", "--duration", "5s", "--seed", "5"]
            + ["--wait", "--json"],
        )
    finally:
        zemu.control.post("/zemu/clock", json={"time_scale": 1}).raise_for_status()
    assert ran.exit_code == 0, ran.output
    summary = json.loads(ran.stdout)
    assert summary["requests"] == 10 and summary["errors"] == 0
    assert sum(summary["sent"].values()) == 10
    calls = sum(summary["calls_by_outcome"].values())
    assert calls == sum(n for kind, n in summary["sent"].items() if KINDS[kind] == "calls")
    assert summary["records"]["calls"] == calls  # every call placed is in the call history
    assert summary["records"]["recordings"] == summary["made"].get("recordings", 0)
    assert summary["records"]["voicemails"] == summary["made"].get("voicemails", 0)
    assert summary["records"]["sms_messages"] == summary["sent"].get("sms", 0)
    assert summary["scheduled_pending"] == 0 and summary["scheduled_failed"] == 0
    outbox = zemu.outbox()  # the demo's week queued nothing: every event is the run's
    assert summary["events_emitted"] == len(outbox) > calls
    assert {e["event"] for e in outbox} >= {"phone.caller_ringing", "phone.caller_call_log_completed"}
    assert summary["deliveries"] == {"pending": 0, "delivered": 0, "failed": 0}  # nobody subscribed


def test_traffic_without_a_server_says_where_it_looked() -> None:
    ran = CliRunner().invoke(
        main, ["traffic", "--url", "http://127.0.0.1:9", "--calls-per-minute", "60", "--duration", "1s"]
    )
    assert ran.exit_code == 1 and "no zemu server answers at http://127.0.0.1:9" in ran.output
