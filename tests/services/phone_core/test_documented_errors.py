"""Phone errors come from the catalogue in the wording each operation documents (not another
operation's wording of the same code)."""

from __future__ import annotations

from zemu.testing import ZemuServer


def test_each_operation_answers_its_own_documented_wording(zemu: ZemuServer) -> None:
    api = zemu.api
    bad_site = api.post(
        "/phone/devices",
        json={"display_name": "X", "mac_address": "02:00:00:00:00:99", "type": "poly", "site_id": "nope"},
    )
    assert (bad_site.status_code, bad_site.json()) == (400, {"code": 300, "message": "Validation failed."})
    missing = api.patch("/phone/blocked_list/nope", json={"comment": "x"})
    assert missing.json() == {"code": 400, "message": "Blocked number (Id: nope) does not exist."}
    site = api.patch("/phone/sites/nope", json={"name": "x"})
    assert site.json() == {"code": 300, "message": "Validation failed. Site does not exist."}
    plan = api.delete("/phone/users/nobody0000000000000000/calling_plans/200")
    assert plan.json() == {"code": 1001, "message": "User does not exist:nobody0000000000000000."}
