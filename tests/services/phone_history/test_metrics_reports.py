"""Call quality metrics, charge reports, operation logs and call queue analytics."""

from __future__ import annotations

from history_helpers import at, make_call

from zemu.services.phone_history import records


def _side(number: str, ext: str) -> dict:
    return {
        "codec": "OPUS",
        "device_private_ip": "10.0.0.2",
        "device_public_ip": "203.0.113.5",
        "device_type": "MAC_Client",
        "extension_number": ext,
        "headset": "Built-in",
        "isp": "ISP",
        "microphone": "Built-in",
        "phone_number": number,
        "site_id": "site-1",
    }


def test_call_metrics_filter_by_quality_and_answer_details_and_qos(zemu, write, now):
    good = {
        "call_id": "9001",
        "caller": _side("+12092080933", "1001"),
        "callee": _side("+14155550100", ""),
        "date_time": at(now - 120),
        "direction": "outbound",
        "duration": 90,
        "mos": "4.2",
    }
    bad = {**good, "call_id": "9002", "date_time": at(now - 60), "mos": "2.1", "duration": 30}
    qos = {
        "call_id": "9001",
        "caller_qos": {
            "device_private_ip": "10.0.0.2",
            "device_public_ip": "203.0.113.5",
            "sending": [{"date_time": at(now - 100), "qos": {"mos": "4.2"}}],
            "receiving": [],
        },
    }

    def save(tx, account):
        for item in (good, bad):
            records.record_call_metrics(
                tx, account, item, detail={**item}, qos={**qos, "call_id": item["call_id"]}, department="Sales"
            )

    write(save)
    listed = zemu.api.get("/phone/metrics/call_logs").json()
    assert [c["call_id"] for c in listed["call_logs"]] == ["9002", "9001"]
    only_good = zemu.api.get("/phone/metrics/call_logs", params={"quality_type": "good"}).json()
    assert [c["call_id"] for c in only_good["call_logs"]] == ["9001"]
    short = zemu.api.get("/phone/metrics/past_calls", params={"durations": "3", "department": "Sales"}).json()
    assert [c["call_id"] for c in short["call_logs"]] == ["9002"]
    assert zemu.api.get("/phone/metrics/call_logs/9001").json()["mos"] == "4.2"
    assert zemu.api.get("/phone/metrics/call_logs/9001/qos").json()["caller_qos"]["sending"][0]["qos"]["mos"] == "4.2"
    assert zemu.api.get("/phone/metrics/call_logs/nope/qos").status_code == 404


def test_charge_reports_and_their_date_rules(zemu, write, now):
    charge = {
        "charge_id": "c1",
        "call_log_id": "l1",
        "call_id": "7001",
        "direction": "outbound",
        "caller_number": "+12092080933",
        "callee_number": "+14155550100",
        "call_type": "local",
        "service_type": "call",
        "start_time": at(now - 600),
        "answer_time": at(now - 595),
        "end_time": at(now - 500),
        "duration": 95,
        "charge_mode": "per_min",
        "rate": "0.01",
        "currency": "USD",
        "total_charge": "0.02",
    }
    free = {**charge, "charge_id": "c2", "call_id": "7002", "total_charge": "0", "start_time": at(now - 300)}
    sms = {
        "session_id": "s1",
        "message_id": "m1",
        "message_type": "SMS",
        "from_number": "+12092080933",
        "to_number": "+14155550100",
        "sent_time": at(now - 60),
        "rate": "0.01",
        "currency": "USD",
        "total_charge": "0.01",
        "delivery_status": "Delivered",
    }
    fax = {
        "fax_id": "f1",
        "sender_number": "+12092080933",
        "receiver_number": "+14155550100",
        "end_time": at(now - 30),
        "charge_mode": "per_page",
        "fax_type": "local",
        "total_pages": 2,
        "rate": "0.01",
        "currency": "USD",
        "charge_status": "calculated",
        "charged_pages": 2,
        "total_charge": "0.02",
    }
    write(
        lambda tx, account: (
            records.record_call_charge(tx, account, charge),
            records.record_call_charge(tx, account, free),
            records.record_sms_charge(tx, account, sms),
            records.record_fax_charge(tx, account, fax),
        )
    )
    calls = zemu.api.get("/phone/reports/call_charges").json()
    assert [c["charge_id"] for c in calls["call_charges"]] == ["c2", "c1"]
    charged = zemu.api.get("/phone/reports/call_charges", params={"show_charges_only": "true"}).json()
    assert [c["charge_id"] for c in charged["call_charges"]] == ["c1"]
    assert zemu.api.get("/phone/reports/sms_charges").json()["sms_charges"] == [sms]
    assert zemu.api.get("/phone/reports/fax_charges", params={"fax_id": "f1"}).json()["fax_charges"] == [fax]
    old = zemu.api.get("/phone/reports/call_charges", params={"from": "2001-01-01", "to": "2001-01-20"})
    assert old.status_code == 400
    assert old.json() == {"code": 400, "message": "Invalid start date. Report is provided only for recent 13 months."}


def test_operation_logs_filter_by_category(zemu, write, now):
    entries = [
        {
            "action": "ADD",
            "category_type": "Phone Number",
            "operation_detail": "Add +12092080933",
            "operator": "owner@example.com",
            "time": at(now - 60),
        },
        {
            "action": "UPDATE",
            "category_type": "Site",
            "operation_detail": "Rename site",
            "operator": "owner@example.com",
            "time": at(now - 30),
        },
    ]
    write(lambda tx, account: [records.record_operation_log(tx, account, f"op{i}", e) for i, e in enumerate(entries)])
    assert zemu.api.get("/phone/reports/operationlogs").json()["operation_logs"] == entries[::-1]
    sites = zemu.api.get("/phone/reports/operationlogs", params={"category_type": "site"}).json()
    assert sites["operation_logs"] == [entries[1]]


def test_call_queue_analytics_counts_the_queues_calls(zemu, write, now):
    queues = zemu.api.get("/phone/call_queues").json().get("call_queues", [])
    params = {"from": at(now - 86400)[:10], "to": at(now)[:10]}
    if not queues:  # the demo has no queue: the report is still real
        body = zemu.api.get("/phone/call_queue_analytics", params=params).json()
        assert body["call_queues"] == []
        return
    queue = queues[0]
    answered = make_call(now - 120)
    answered.update(callee_ext_type="call_queue", callee_ext_id=queue["extension_id"])
    abandoned = make_call(now - 60, result="abandoned")
    abandoned.update(callee_ext_type="call_queue", callee_ext_id=queue["extension_id"])
    write(lambda tx, account: [records.record_call(tx, account, c) for c in (answered, abandoned)])
    body = zemu.api.get("/phone/call_queue_analytics", params={**params, "call_queue_ext_ids": queue["extension_id"]})
    row = body.json()["call_queues"][0]
    assert (row["call_queue_id"], row["inbound_calls"], row["completed_calls"], row["abandoned_calls"]) == (
        queue["id"],
        2,
        1,
        1,
    )
    assert row["avg_in_queue_wait_time"] == 5
