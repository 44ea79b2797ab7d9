"""Typed, immutable views of the generated catalogue (see tools/build_catalog.py)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

Product = Literal["phone", "number_management", "users", "accounts", "marketplace", "meetings", "team_chat", "rooms"]
Variant = Literal["account", "master"]
Source = Literal["official", "legacy", "seed"]
RateLabel = Literal["Light", "Medium", "Heavy", "Resource-intensive"]


@dataclass(frozen=True, slots=True)
class Param:
    name: str
    location: Literal["path", "query"]
    required: bool
    schema: dict[str, Any]


@dataclass(frozen=True, slots=True)
class ErrorSpec:
    """One documented (HTTP status, Zoom code, message) triple; the message may hold placeholders."""

    http_status: int
    code: int
    message: str


@dataclass(frozen=True, slots=True)
class Operation:
    key: str
    operation_id: str
    method: str
    path: str
    product: Product
    service: str
    variant: Variant
    summary: str
    mcp_method: str
    parameters: tuple[Param, ...]
    request_schema: dict[str, Any] | None
    request_content_type: str | None
    request_required: bool
    success_status: int
    response_schema: dict[str, Any] | None
    response_content_type: str | None
    scopes_classic: tuple[str, ...]
    scopes_granular: tuple[str, ...]
    rate_label: RateLabel
    page_size_default: int | None
    page_size_max: int | None
    pagination: Literal["token", "page_number", "both"] | None
    seed: bool
    seed_names: tuple[str, ...]
    source: Source
    docs: tuple[str, ...]
    errors: tuple[ErrorSpec, ...]

    @property
    def path_params(self) -> tuple[Param, ...]:
        return tuple(p for p in self.parameters if p.location == "path")

    @property
    def query_params(self) -> tuple[Param, ...]:
        return tuple(p for p in self.parameters if p.location == "query")

    @property
    def scopes(self) -> frozenset[str]:
        """Every scope that grants this operation (any classic or any granular one)."""
        return frozenset(self.scopes_classic) | frozenset(self.scopes_granular)


@dataclass(frozen=True, slots=True)
class Event:
    name: str
    product: Product
    schema: dict[str, Any]
    scopes: tuple[str, ...]
    seed: bool


@dataclass(frozen=True, slots=True)
class Catalog:
    operations: tuple[Operation, ...]
    by_key: dict[str, Operation]
    by_operation_id: dict[str, tuple[Operation, ...]]
    events: dict[str, Event]
    builder_hash: str
    generated_by: str
