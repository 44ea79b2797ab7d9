"""Tools that drive the emulator itself, through its control plane (``/zemu/…``).

With them an agent can test a webhook consumer end to end on its own: subscribe it, cause
events (a trigger, a simulated call or SMS), move the clock so retries and scheduled work
happen, and read what was delivered and what was asked of the API. They exist only when the
target is the emulator. The phone simulator's two tools appear once the control plane has its
routes (``POST /zemu/phone/calls`` and ``/zemu/phone/sms``): they are looked for once, on the
first listing.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

import orjson
from mcp.types import Tool, ToolAnnotations

from zemu.mcp.calls import Outcome, zoom_error
from zemu.mcp.targets import Answer, EmulatorTarget

PHONE_CALLS = "/zemu/phone/calls"
PHONE_SMS = "/zemu/phone/sms"
PARTY = "an extension number, a user's email, a number of the account, or an external E.164 number"


@dataclass(frozen=True, slots=True)
class ControlTool:
    tool: Tool
    run: Callable[[EmulatorTarget, dict[str, Any]], Awaitable[Answer]]
    needs: str | None = None  # a control-plane route it needs, looked for before listing it


def _tool(
    name: str, description: str, properties: dict[str, Any], required: tuple[str, ...] = (), read_only: bool = False
) -> Tool:
    schema: dict[str, Any] = {"type": "object", "properties": properties}
    if required:
        schema["required"] = list(required)
    return Tool(
        name=name,
        description=description,
        input_schema=schema,
        annotations=ToolAnnotations(read_only_hint=read_only, open_world_hint=False),
    )


def _strings(value: Any) -> dict[str, str]:
    return {str(k): str(v) for k, v in value.items()} if isinstance(value, dict) else {}


def _present(args: dict[str, Any], *names: str) -> dict[str, Any]:
    return {n: args[n] for n in names if args.get(n) is not None}


async def _trigger(t: EmulatorTarget, a: dict[str, Any]) -> Answer:
    return await t.control(
        "POST", f"/zemu/trigger/{quote(str(a.get('event', '')), safe='')}", _strings(a.get("params"))
    )


async def _advance(t: EmulatorTarget, a: dict[str, Any]) -> Answer:
    return await t.control("POST", "/zemu/clock/advance", {"seconds": a.get("seconds", 0)})


async def _deliveries(t: EmulatorTarget, a: dict[str, Any]) -> Answer:
    return await t.control("GET", "/zemu/deliveries", params=_present(a, "event", "status", "limit"))


async def _requests(t: EmulatorTarget, a: dict[str, Any]) -> Answer:
    return await t.control("GET", "/zemu/requests", params=_present(a, "limit"))


async def _reset(t: EmulatorTarget, a: dict[str, Any]) -> Answer:
    return await t.control("POST", "/zemu/reset", _present(a, "demo", "seed"))


async def _subscribe(t: EmulatorTarget, a: dict[str, Any]) -> Answer:
    return await t.control("POST", "/zemu/subscriptions", _present(a, "url", "events", "validate"))


async def _call(t: EmulatorTarget, a: dict[str, Any]) -> Answer:
    return await t.control("POST", PHONE_CALLS, a)


async def _sms(t: EmulatorTarget, a: dict[str, Any]) -> Answer:
    return await t.control("POST", PHONE_SMS, a)


CONTROL_TOOLS = (
    ControlTool(
        _tool(
            "zemu_trigger_event",
            "Cause a webhook event for real: zemu performs the smallest real action that causes it (for "
            "user.created it creates a user) and answers the ids it touched. The event is delivered to every "
            "matching subscription; read zemu_webhook_deliveries to see it.",
            {
                "event": {"type": "string", "description": "A Zoom event name, e.g. user.created."},
                "params": {
                    "type": "object",
                    "additionalProperties": {"type": "string"},
                    "description": 'Optional string parameters, e.g. {"user": "alice@example.com"}.',
                },
            },
            ("event",),
        ),
        _trigger,
    ),
    ControlTool(
        _tool(
            "zemu_advance_clock",
            "Move the emulated clock forward; everything due by then (webhook retries, scheduled calls, "
            "expiries) happens before it answers. 0 reads the clock.",
            {"seconds": {"type": "number", "minimum": 0}},
            ("seconds",),
        ),
        _advance,
    ),
    ControlTool(
        _tool(
            "zemu_webhook_deliveries",
            "The webhook delivery log, newest first: each event sent, to which subscription, with every attempt "
            "(status, answer, time).",
            {
                "event": {"type": "string"},
                "status": {"type": "string"},
                "limit": {"type": "integer", "minimum": 1, "maximum": 1000, "default": 50},
            },
            read_only=True,
        ),
        _deliveries,
    ),
    ControlTool(
        _tool(
            "zemu_request_log",
            "The emulator's request log, newest first: method, path, status and operationId of each API request.",
            {"limit": {"type": "integer", "minimum": 1, "maximum": 2000, "default": 100}},
            read_only=True,
        ),
        _requests,
    ),
    ControlTool(
        _tool(
            "zemu_reset",
            "Wipe the emulator's state; with demo true (the default) rebuild the demo account from seed.",
            {"demo": {"type": "boolean", "default": True}, "seed": {"type": "integer"}},
        ),
        _reset,
    ),
    ControlTool(
        _tool(
            "zemu_subscribe_webhook",
            "Subscribe a webhook receiver URL to events of the demo app (every event by default), as Zoom's "
            "Marketplace event subscriptions do.",
            {
                "url": {"type": "string"},
                "events": {"type": "array", "items": {"type": "string"}},
                "validate": {
                    "type": "boolean",
                    "default": True,
                    "description": "Send endpoint.url_validation first (as Zoom does) and refuse a URL whose "
                    "answer is wrong; false skips it.",
                },
            },
            ("url",),
        ),
        _subscribe,
    ),
    ControlTool(
        _tool(
            "zemu_place_call",
            "Simulate a Zoom Phone call on the emulated clock: it changes what a real call would (call history, "
            "recordings, voicemails) and sends its webhook events at their emulated times.",
            {
                "from": {"type": "string", "description": PARTY},
                "to": {"type": "string", "description": PARTY},
                "outcome": {"type": "string", "enum": ["answered", "missed", "rejected", "voicemail", "busy"]},
                "ring_seconds": {"type": "number"},
                "talk_seconds": {"type": "number"},
                "record": {"type": "boolean"},
                "at": {"type": "string", "description": "When, yyyy-MM-ddTHH:mm:ssZ (default now)."},
                "steps": {
                    "type": "array",
                    "items": {"type": "object"},
                    "description": "Instead of outcome: [{at_seconds, do, by}] (answer, hold, transfer, press, …).",
                },
                "keys": {"type": "string", "description": "Keys the caller presses at an auto receptionist."},
                "forwarded_outcome": {
                    "type": "string",
                    "enum": ["answered", "missed", "rejected", "voicemail"],
                    "description": "What the party the callee's call handling forwards the call to does.",
                },
            },
            ("from", "to"),
        ),
        _call,
        needs=PHONE_CALLS,
    ),
    ControlTool(
        _tool(
            "zemu_send_sms",
            "Simulate a Zoom Phone SMS between two parties; its session and events appear as a real one's.",
            {
                "from": {"type": "string", "description": PARTY},
                "to": {"type": "string", "description": PARTY},
                "message": {"type": "string"},
            },
            ("from", "to", "message"),
        ),
        _sms,
        needs=PHONE_SMS,
    ),
)


class EmulatorTools:
    def __init__(self, target: EmulatorTarget) -> None:
        self.target = target
        self._routes: dict[str, bool] = {}

    async def tools(self) -> list[Tool]:
        return [c.tool for c in CONTROL_TOOLS if c.needs is None or await self._has(c.needs)]

    async def _has(self, path: str) -> bool:
        """Whether the control plane serves the POST route ``path``: an unknown path answers 404,
        a known one refuses an empty body with a 400 and changes nothing."""
        if path not in self._routes:
            self._routes[path] = (await self.target.control("POST", path, {})).status != 404
        return self._routes[path]

    async def handles(self, name: str) -> bool:
        return any(t.name == name for t in await self.tools())

    async def call(self, name: str, args: dict[str, Any]) -> Outcome:
        chosen = next(c for c in CONTROL_TOOLS if c.tool.name == name)
        answer = await chosen.run(self.target, args)
        if answer.status >= 400:
            return zoom_error(answer)
        body = answer.json()
        return Outcome(True, orjson.dumps(body).decode(), body if isinstance(body, dict) else {"result": body})
