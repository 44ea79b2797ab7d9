"""The Zoom tools: ``list_methods``, ``describe_method`` and ``call_<service>`` for every service."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any

import orjson
from mcp.types import Tool, ToolAnnotations

from zemu.catalog import Operation
from zemu.mcp.calls import CallRefused, Outcome, build_request, outcome, refused
from zemu.mcp.methods import Method, MethodIndex, ServiceMethods, describe, summary_row
from zemu.mcp.targets import Target

CALL_PREFIX = "call_"
PAGE_SIZE = 50
MAX_PAGE_SIZE = 300


def _service_schema(services: list[str]) -> dict[str, Any]:
    return {"type": "string", "enum": services, "description": "The Zoom service (product API)."}


class ZoomTools:
    def __init__(self, index: MethodIndex, target: Target, implemented: Callable[[Operation], bool]) -> None:
        self.index = index
        self.target = target
        self.implemented = implemented

    def tools(self) -> list[Tool]:
        services = self.index.names()
        listing = Tool(
            name="list_methods",
            description="Search the methods of a Zoom service by words in their names, summaries and paths. "
            "Answers one page of {method, http_method, path, summary, implemented}; pass the answer's "
            "next_page_token back to read the next page. Without service, searches every service.",
            input_schema={
                "type": "object",
                "properties": {
                    "service": _service_schema(services),
                    "query": {
                        "type": "string",
                        "description": "Words that must all appear, e.g. 'call queue members'.",
                    },
                    "page_size": {"type": "integer", "minimum": 1, "maximum": MAX_PAGE_SIZE, "default": PAGE_SIZE},
                    "next_page_token": {"type": "string"},
                },
            },
            annotations=ToolAnnotations(read_only_hint=True, open_world_hint=False),
        )
        describing = Tool(
            name="describe_method",
            description="Describe one method: HTTP method and path, parameters (types, required, enums), the "
            "request body schema, the response fields, scopes, rate-limit label, whether zemu "
            "implements it, and an example call.",
            input_schema={
                "type": "object",
                "required": ["service", "method"],
                "properties": {
                    "service": _service_schema(services),
                    "method": {"type": "string", "description": "The method name, Zoom's operationId in snake_case."},
                },
            },
            annotations=ToolAnnotations(read_only_hint=True, open_world_hint=False),
        )
        return [listing, describing, *(self._call_tool(s) for s in services)]

    def _call_tool(self, service: str) -> Tool:
        return Tool(
            name=CALL_PREFIX + service,
            description=f"Call a {service} method (Zoom's operationId in snake_case, e.g. from list_methods). "
            "params holds the path and query parameters by name, and the JSON request body as "
            "params.body. Master-account forms are named master_<method>.",
            input_schema={
                "type": "object",
                "required": ["method"],
                "properties": {
                    "method": {"type": "string"},
                    "params": {
                        "type": "object",
                        "additionalProperties": True,
                        "description": "Path and query parameters by name, plus body.",
                        "properties": {"body": {"description": "The request body (JSON)."}},
                    },
                },
            },
            annotations=ToolAnnotations(open_world_hint=self.target.kind == "zoom"),
        )

    def handles(self, name: str) -> bool:
        return name in ("list_methods", "describe_method") or (
            name.startswith(CALL_PREFIX) and name[len(CALL_PREFIX) :] in self.index.services
        )

    async def call(self, name: str, args: dict[str, Any], token: str | None) -> Outcome:
        try:
            if name == "list_methods":
                return self._list(args)
            if name == "describe_method":
                service, method = self._method(args.get("service"), args.get("method"))
                body = describe(service.service, method, self.implemented(method.op))
                return _json_outcome(body)
            service, method = self._method(name[len(CALL_PREFIX) :], args.get("method"))
            request = build_request(method.op, args.get("params"))
        except CallRefused as refusal:
            return refused(refusal)
        answer = await self.target.send(request, token)
        result = outcome(name, method.name, args.get("params"), answer)
        return replace(result, uri=self.target.url(request.path)) if result.file else result

    def _service(self, name: Any) -> ServiceMethods:
        found = self.index.services.get(name) if isinstance(name, str) else None
        if found is None:
            raise CallRefused(
                "unknown_service", f"Unknown service: {name!r}.", f"The services are: {', '.join(self.index.names())}."
            )
        return found

    def _method(self, service_name: Any, name: Any) -> tuple[ServiceMethods, Method]:
        service = self._service(service_name)
        if not isinstance(name, str) or not name:
            raise CallRefused(
                "missing_parameter",
                "Missing the method name.",
                "Give method, e.g. list_call_queues; list_methods finds one by words.",
            )
        found = service.resolve(name)
        if found is None:
            near = [m.name for m in service.search(" ".join(name.replace("_", " ").split()[:2]))][:5]
            raise CallRefused(
                "unknown_method",
                f"{service.service} has no method {name!r}.",
                "Method names are Zoom operationIds in snake_case; list_methods searches them"
                + (f". Close: {', '.join(near)}." if near else "."),
            )
        return service, found

    def _list(self, args: dict[str, Any]) -> Outcome:
        services = [self._service(args["service"])] if args.get("service") else list(self.index.services.values())
        query = str(args.get("query") or "")
        rows = [
            {"service": s.service, **summary_row(m, self.implemented(m.op))} for s in services for m in s.search(query)
        ]
        size = _bounded(args.get("page_size"), PAGE_SIZE, MAX_PAGE_SIZE)
        start = _offset(args.get("next_page_token"), len(rows))
        page = rows[start : start + size]
        following = start + size
        token = str(following) if following < len(rows) else ""
        result = _json_outcome(
            {"total_records": len(rows), "page_size": size, "next_page_token": token, "methods": page}
        )
        if token:
            note = f"More methods: call list_methods again with the same arguments and next_page_token {token!r}."
            return Outcome(True, result.text, result.structured, notes=(note,))
        return result


def _json_outcome(body: dict[str, Any]) -> Outcome:
    return Outcome(True, orjson.dumps(body).decode(), body)


def _bounded(value: Any, default: int, most: int) -> int:
    try:
        return max(1, min(int(value), most)) if value is not None else default
    except (TypeError, ValueError):
        raise CallRefused("invalid_params", "page_size must be a whole number.", f"Use 1 to {most}.") from None


def _offset(token: Any, total: int) -> int:
    if token in (None, ""):
        return 0
    text = str(token)
    if not text.isdigit() or int(text) > total:
        raise CallRefused(
            "invalid_params",
            "The next_page_token is invalid.",
            "Pass back the next_page_token of the previous answer, or none for the first page.",
        )
    return int(text)
