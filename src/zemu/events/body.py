"""Body bytes exactly as JavaScript's ``JSON.stringify`` writes them.

Zoom's sample receiver (and Rivet) verify the signature over ``JSON.stringify(req.body)``, the
re-serialisation of the parsed body, so a delivery verifies only if its bytes are already what
``JSON.stringify(JSON.parse(body))`` produces. orjson matches that for strings, integers within
2^53 and key order; the rest (floats, larger integers, lone surrogates, integer-like keys,
which JavaScript objects list first in ascending order) takes the slower exact path below.
"""

from __future__ import annotations

import math
from typing import Any

import orjson

MAX_SAFE = 2**53
_INDEX_LIMIT = 2**32 - 1  # array-index keys: canonical integers below 2^32 - 1
_SHORT_ESCAPES = {'"': '\\"', "\\": "\\\\", "\b": "\\b", "\f": "\\f", "\n": "\\n", "\r": "\\r", "\t": "\\t"}


def encode(value: Any) -> bytes:
    """Compact JSON, byte-identical to ``JSON.stringify(JSON.parse(<it>))`` in JavaScript."""
    if not _needs_exact(value):
        try:
            return orjson.dumps(value)
        except orjson.JSONEncodeError:  # lone surrogates
            pass
    return _exact(value).encode("utf-8", "surrogatepass")


def _needs_exact(value: Any) -> bool:
    kind = type(value)
    if kind is dict:
        for key, item in value.items():
            if key[:1].isdigit() and _is_index(key):
                return True
            if _needs_exact(item):
                return True
        return False
    if kind is list:
        return any(_needs_exact(item) for item in value)
    if kind is float:
        return True
    if kind is int:
        return not -MAX_SAFE <= value <= MAX_SAFE
    return False


def _is_index(key: str) -> bool:
    return key.isascii() and key.isdigit() and (key == "0" or key[0] != "0") and int(key) < _INDEX_LIMIT


def _exact(value: Any) -> str:
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, str):
        return _string(value)
    if isinstance(value, int):
        return str(value) if -MAX_SAFE <= value <= MAX_SAFE else js_number(float(value))
    if isinstance(value, float):
        return js_number(value)
    if isinstance(value, dict):
        keys = list(value)
        indexes = sorted((k for k in keys if _is_index(k)), key=int)
        ordered = indexes + [k for k in keys if not _is_index(k)] if indexes else keys
        return "{" + ",".join(_string(k) + ":" + _exact(value[k]) for k in ordered) + "}"
    if isinstance(value, list | tuple):
        return "[" + ",".join(_exact(item) for item in value) + "]"
    raise TypeError(f"{type(value).__name__} is not JSON")


def _string(text: str) -> str:
    out = ['"']
    for ch in text:
        code = ord(ch)
        if ch in _SHORT_ESCAPES:
            out.append(_SHORT_ESCAPES[ch])
        elif code < 0x20 or 0xD800 <= code <= 0xDFFF:  # control characters and lone surrogates
            out.append(f"\\u{code:04x}")
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)


def js_number(x: float) -> str:
    """ECMAScript Number::toString: shortest round-trip digits, laid out JavaScript's way."""
    if math.isnan(x) or math.isinf(x):
        return "null"
    if x == 0:
        return "0"
    sign = "-" if x < 0 else ""
    mantissa, _, exponent = repr(abs(x)).partition("e")
    whole, _, fraction = mantissa.partition(".")
    digits = (whole + fraction).lstrip("0")
    # value = 0.<digits> x 10^n
    n = (
        len(whole) + (int(exponent) if exponent else 0)
        if whole != "0"
        else (-(len(fraction) - len(fraction.lstrip("0"))) + (int(exponent) if exponent else 0))
    )
    digits = digits.rstrip("0") or "0"
    k = len(digits)
    if k <= n <= 21:
        body = digits + "0" * (n - k)
    elif 0 < n <= 21:
        body = digits[:n] + "." + digits[n:]
    elif -6 < n <= 0:
        body = "0." + "0" * (-n) + digits
    else:
        e = n - 1
        exp = ("+" if e >= 0 else "-") + str(abs(e))
        body = (digits if k == 1 else digits[0] + "." + digits[1:]) + "e" + exp
    return sign + body
