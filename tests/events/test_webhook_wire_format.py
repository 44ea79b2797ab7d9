"""Pure parts of the webhook engine: signature and validation test vectors (zoom-conventions
§8.3/§8.4), JSON.stringify-identical bodies, and the retry schedule."""

from __future__ import annotations

import json
import math
import shutil
import subprocess

import pytest

from zemu.events.body import encode, js_number
from zemu.events.schedule import RETRY_DELAYS, retry_delay, retryable, succeeded
from zemu.events.signing import delivery_headers, encrypted_token, signature

VECTOR_BODY = (
    '{"event":"phone.callee_ringing","event_ts":1735689600000,"payload":{"account_id":'
    '"KGzOF3hCTamb_Xx-bXbgqA","object":{"call_id":"7018317023722949162"}}}'
)


def test_signature_matches_the_documented_test_vector() -> None:
    assert signature("zemu-secret-token", "1735689600", VECTOR_BODY.encode()) == (
        "v0=1983fee4e8416b9f8f392a2218b621d56b150d45829081c0594d13e22ba65ca1"
    )


def test_encrypted_token_matches_the_documented_test_vector() -> None:
    assert encrypted_token("zemu-secret-token", "qgg8vlvZRS6UYooatFL8Aw") == (
        "6bde7d17ae3d115d32147b1823a3b8137f52906a8193b6d8a2fdf049d51f3c89"
    )


def test_the_vector_body_is_already_in_json_stringify_form() -> None:
    assert encode(json.loads(VECTOR_BODY)).decode() == VECTOR_BODY


def test_delivery_headers_carry_zooms_names_and_values() -> None:
    headers = delivery_headers("s", "1735689600", b"{}", request_id="r_1", tracking_id="t1")
    assert headers["content-type"] == "application/json; charset=utf-8"
    assert headers["user-agent"] == "Zoom Marketplace/1.0a"
    assert headers["x-zm-request-timestamp"] == "1735689600"
    assert headers["x-zm-signature"] == signature("s", "1735689600", b"{}")
    assert (headers["x-zm-request-id"], headers["x-zm-trackingid"]) == ("r_1", "t1")


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (1.0, "1"),
        (-0.0, "0"),
        (0.1, "0.1"),
        (1e21, "1e+21"),
        (1e20, "100000000000000000000"),
        (1e-7, "1e-7"),
        (1e-6, "0.000001"),
        (123456789012345680000.0, "123456789012345680000"),
        (1.5e300, "1.5e+300"),
        (-2.5e-8, "-2.5e-8"),
        (5e-324, "5e-324"),
        (12345678.9, "12345678.9"),
        (math.inf, "null"),
        (math.nan, "null"),
    ],
)
def test_numbers_are_written_as_javascript_writes_them(value: float, expected: str) -> None:
    assert js_number(value) == expected


def test_bodies_are_compact_utf8_with_slashes_and_non_ascii_unescaped() -> None:
    body = {"name": "Zoë Ñúñez 北京 😀", "url": "https://a.example/x/y", "ctl": "a\nb\tc\x01\x7f\u2028"}
    assert (
        encode(body)
        == ('{"name":"Zoë Ñúñez 北京 😀","url":"https://a.example/x/y","ctl":"a\\nb\\tc\\u0001\x7f\u2028"}').encode()
    )


def test_integer_like_keys_come_first_in_ascending_order_as_in_javascript() -> None:
    assert encode({"b": 1, "10": 2, "2": 3, "01": 4}) == b'{"2":3,"10":2,"b":1,"01":4}'


def test_lone_surrogates_and_unsafe_integers_follow_javascript() -> None:
    assert encode({"s": "a\ud800b"}) == b'{"s":"a\\ud800b"}'
    assert encode([2**60]) == b"[1152921504606847000]"


@pytest.mark.skipif(shutil.which("node") is None, reason="node is not installed")
def test_node_reserialises_awkward_bodies_to_the_same_bytes() -> None:
    bodies = [
        {"a": 1.0, "b": [0.1, 1e21, 1e-7, -0.0, 2.5, 1e300], "c": {"2": 1, "1": {"x": None}}},
        {"text": 'é/\\"\u0000\u001f\u2028\u2029😀', "big": 2**60, "neg": -123},
        {"s": "\ud83d", "nested": [[{"k": [True, False, None]}]], "": ""},
    ]
    script = (
        "let d='';process.stdin.on('data',c=>d+=c).on('end',()=>{for(const l of d.split('\\n'))"
        "if(l)process.stdout.write(JSON.stringify(JSON.parse(l))+'\\n')})"
    )
    encoded = [encode(b) for b in bodies]
    out = subprocess.run(
        ["node", "-e", script], input=b"\n".join(encoded) + b"\n", capture_output=True, check=True, timeout=30
    ).stdout
    assert out.split(b"\n")[:-1] == encoded


def test_retry_delay_is_5_20_60_minutes_then_none() -> None:
    assert [retry_delay(n) for n in range(5)] == [300, 1200, 3600, None, None]
    assert sum(RETRY_DELAYS[:2]) == 25 * 60 and sum(RETRY_DELAYS) == 85 * 60


def test_only_network_errors_and_5xx_are_retried() -> None:
    assert [retryable(s) for s in (-1, 500, 503, 200, 204, 301, 400, 401, 404, 429)] == (
        [True, True, True, False, False, False, False, False, False, False]
    )


def test_success_is_200_or_204_and_any_2xx_after_a_retry() -> None:
    assert succeeded(200, 0) and succeeded(204, 0) and not succeeded(201, 0) and succeeded(201, 1)
    assert not succeeded(500, 2)
