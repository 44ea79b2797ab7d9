"""SIP phones on both path forms over one record, and H.323 devices. (The seed's ``sip_trunk``
operation is the accounts API's, tested with it.)"""

from __future__ import annotations

from zemu.testing import ZemuServer

DANA = "dana.okafor@zemu-demo.example"
LEGACY = {
    "authorization_name": "201",
    "domain": "sip.example.com",
    "password": "s3cret",
    "user_name": "201",
    "proxy_server": "p1.example.com",
    "register_server": "r1.example.com",
    "voice_mail": "*97",
    "proxy_server2": "p2.example.com",
    "transport_protocol": "TCP",
}


def test_a_sip_phone_made_on_the_seed_path_is_the_same_on_the_current_one(zemu: ZemuServer) -> None:
    api = zemu.api
    before = api.get("/sip_phones").json()
    assert before["total_records"] == 2 and before["page_number"] == 1
    made = api.post("/sip_phones", json={**LEGACY, "user_email": DANA})
    assert made.status_code == 201, made.text
    phone = made.json()
    assert phone["proxy_server2"] == "p2.example.com" and phone["transport_protocol"] == "TCP"
    again = api.post("/sip_phones", json={**LEGACY, "user_email": DANA})
    assert again.status_code == 400 and again.json()["code"] == 300
    ghost = api.post("/sip_phones", json={**LEGACY, "user_email": "ghost@zemu-demo.example"})
    assert ghost.status_code == 404 and ghost.json()["code"] == 1001

    current = {p["phone_id"]: p for p in api.get("/sip_phones/phones").json()["phones"]}[phone["id"]]
    assert current["server"] == {
        "proxy_server": "p1.example.com",
        "register_server": "r1.example.com",
        "transport_protocol": "TCP",
    }
    assert current["server_2"]["proxy_server"] == "p2.example.com"
    assert (
        api.patch(
            f"/sip_phones/phones/{phone['id']}",
            json={"server_3": {"proxy_server": "p3.example.com"}, "display_number": "+14085550999"},
        ).status_code
        == 204
    )
    legacy = {p["id"]: p for p in api.get("/sip_phones", params={"search_key": "dana"}).json()["phones"]}
    assert legacy[phone["id"]]["proxy_server3"] == "p3.example.com"
    assert (
        api.patch(
            f"/sip_phones/{phone['id']}",
            json={
                **LEGACY,
                "proxy_server2": "",
                "proxy_server3": "",
                "register_server2": "",
                "register_server3": "",
                "user_name": "202",
            },
        ).status_code
        == 200
    )
    assert {p["phone_id"]: p for p in api.get("/sip_phones/phones").json()["phones"]}[phone["id"]]["user_name"] == "202"
    assert api.delete(f"/sip_phones/{phone['id']}").status_code == 200
    gone = api.delete(f"/sip_phones/phones/{phone['id']}")
    assert gone.status_code == 404 and gone.json()["code"] == 2305
    assert api.get("/sip_phones").json()["total_records"] == 2

    made = api.post(
        "/sip_phones/phones",
        json={
            "user_email": DANA,
            "user_name": "301",
            "authorization_name": "301",
            "domain": "sip.example.com",
            "password": "x",
            "server": {"proxy_server": "p.example.com"},
        },
    )
    assert made.status_code == 201 and made.json()["server"]["proxy_server"] == "p.example.com"


def test_h323_devices_with_unique_names(zemu: ZemuServer) -> None:
    api = zemu.api
    listed = api.get("/h323/devices").json()
    assert [d["name"] for d in listed["devices"]] == ["Boardroom Codec"] and listed["total_records"] == 1
    made = api.post(
        "/h323/devices", json={"name": "Lab Endpoint", "ip": "10.0.0.9", "protocol": "SIP", "encryption": "yes"}
    )
    assert made.status_code == 201
    device = made.json()
    clash = api.post(
        "/h323/devices", json={"name": "boardroom codec", "ip": "10.0.0.8", "protocol": "H.323", "encryption": "no"}
    )
    assert clash.status_code == 404 and clash.json()["code"] == 2020
    assert (
        api.patch(
            f"/h323/devices/{device['id']}",
            json={"name": "Boardroom Codec", "ip": "1.1.1.1", "protocol": "SIP", "encryption": "no"},
        ).status_code
        == 404
    )
    assert (
        api.patch(
            f"/h323/devices/{device['id']}",
            json={"name": "Lab Endpoint 2", "ip": "10.0.0.10", "protocol": "H.323", "encryption": "auto"},
        ).status_code
        == 204
    )
    names = {d["name"]: d for d in api.get("/h323/devices").json()["devices"]}
    assert names["Lab Endpoint 2"]["ip"] == "10.0.0.10" and "Lab Endpoint" not in names
    assert api.delete(f"/h323/devices/{device['id']}").status_code == 200
    assert api.delete(f"/h323/devices/{device['id']}").status_code == 404
    assert (
        api.post(
            "/h323/devices", json={"name": "Lab Endpoint 2", "ip": "10.0.0.9", "protocol": "SIP", "encryption": "yes"}
        ).status_code
        == 201
    )  # the name is free again
