"""Real clients against zemu with only their base URLs changed: zoomus (PyPI) for meetings,
webinars, past meetings, recordings and reports; Zoom's Node SDK (Rivet, npm) meetings client."""

from __future__ import annotations

import datetime as dt
import fcntl
import json
import shutil
import subprocess
from pathlib import Path

import pytest
from zoomus import ZoomClient

from zemu.testing import ZemuServer

RIVET_DIR = Path(__file__).parent / "rivet"


def zoomus_client(zemu: ZemuServer) -> ZoomClient:
    creds = zemu.credentials
    return ZoomClient(
        creds["client_id"],
        creds["client_secret"],
        creds["account_id"],
        base_uri=zemu.base_url,
        oauth_uri=zemu.oauth_url,
    )


def test_zoomus_meeting_webinar_past_meeting_recording_and_report_components(zemu: ZemuServer) -> None:
    client = zoomus_client(zemu)
    start = dt.datetime.fromisoformat(zemu.now().replace("Z", "+00:00")).replace(tzinfo=None)
    made = client.meeting.create(
        user_id="me", topic="From zoomus", type=2, start_time=start, duration=5, settings={"approval_type": 0}
    )
    assert made.status_code == 201, made.text
    meeting = made.json()
    assert client.meeting.get(id=meeting["id"]).json()["topic"] == "From zoomus"
    assert client.meeting.update(id=meeting["id"], agenda="Numbers").status_code == 204
    assert meeting["id"] in [m["id"] for m in client.meeting.list(user_id="me").json()["meetings"]]
    assert (
        client.meeting.add_registrant(
            id=meeting["id"], email="zo@example.com", first_name="Zo", last_name="Mus"
        ).status_code
        == 201
    )
    assert client.meeting.list_registrants(id=meeting["id"]).json()["total_records"] == 1

    webinar = client.webinar.create(
        user_id="me", topic="Zoomus webinar", type=5, start_time=zemu.now(), settings={"approval_type": 0}
    )
    assert webinar.status_code == 201, webinar.text
    assert (
        client.webinar.register(
            id=webinar.json()["id"], email="w@example.com", first_name="W", last_name="X"
        ).status_code
        == 201
    )
    assert client.webinar.get(id=webinar.json()["id"]).json()["topic"] == "Zoomus webinar"

    run = zemu.control.post(
        f"/zemu/meetings/{meeting['id']}/simulate", json={"participants": 3, "duration_minutes": 5, "record": True}
    ).json()
    zemu.advance(5 * 60 + 5)
    client = zoomus_client(zemu)
    assert client.past_meeting.list(meeting_id=str(meeting["id"])).json()["meetings"][0]["uuid"] == run["uuid"]
    assert client.past_meeting.get(meeting_id=str(meeting["id"])).json()["participants_count"] == 3
    assert client.past_meeting.get_participants(meeting_id=str(meeting["id"])).json()["total_records"] == 3
    day = dt.date.fromisoformat(run["starts_at"][:10])
    recordings = client.recording.list(user_id="me", start=day, end=day).json()
    assert run["uuid"] in [r["uuid"] for r in recordings["meetings"]]
    assert client.recording.get(meeting_id=meeting["id"]).json()["uuid"] == run["uuid"]
    report = client.report.get_user_report(user_id="me", start_time=day, end_time=day).json()
    assert run["uuid"] in [r["uuid"] for r in report["meetings"]]
    assert client.report.get_meeting_participants_report(id=meeting["id"]).json()["total_records"] == 3
    assert client.report.get_daily_report(month=day.month, year=day.year).status_code == 200
    assert client.meeting.delete(id=meeting["id"]).status_code == 204


@pytest.mark.skipif(shutil.which("npm") is None or shutil.which("node") is None, reason="node and npm are needed")
def test_rivet_meetings_client(zemu: ZemuServer) -> None:
    # the suite's workers may run this test at once on both stores: one installs, the other waits
    with open(RIVET_DIR / "node_modules.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not (RIVET_DIR / "node_modules" / "@zoom" / "rivet").exists():
            installed = subprocess.run(
                ["npm", "install", "--no-audit", "--no-fund", "--silent"],
                cwd=RIVET_DIR,
                capture_output=True,
                text=True,
                timeout=300,
            )
            if installed.returncode != 0:
                pytest.skip(f"@zoom/rivet could not be installed: {installed.stderr[-300:]}")
    creds = zemu.credentials
    env = {
        "PATH": str(Path(shutil.which("node") or "node").parent),
        "ZEMU_BASE": zemu.url,
        "ACCOUNT_ID": creds["account_id"],
        "CLIENT_ID": creds["client_id"],
        "CLIENT_SECRET": creds["client_secret"],
    }
    done = subprocess.run(["node", "meetings.mjs"], cwd=RIVET_DIR, capture_output=True, text=True, timeout=120, env=env)
    assert done.returncode == 0, done.stderr[-2000:]
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result["created"]["topic"] == "From Rivet"
    assert result["got"]["id"] == result["created"]["id"]
    assert result["listed"] >= 1
