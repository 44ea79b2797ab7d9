"""Load the generated catalogue (src/zemu/catalog/data/catalog.json) into frozen dataclasses."""

from __future__ import annotations

import functools
import hashlib
from pathlib import Path
from typing import Any

import orjson

from zemu.catalog.model import Catalog, ErrorSpec, Event, Operation, Param

DATA_FILE = Path(__file__).parent / "data" / "catalog.json"
HASHED_FILES = ("tools/build_catalog.py", "tools/catalog_patches.json")


def current_builder_hash(repo_root: Path) -> str:
    """sha256 of the builder source and the patch file, exactly as tools/build_catalog.py computes it."""
    h = hashlib.sha256()
    for rel in HASHED_FILES:
        h.update(rel.encode())
        h.update(b"\0")
        h.update((repo_root / rel).read_bytes())
        h.update(b"\0")
    return h.hexdigest()


def _operation(raw: dict[str, Any]) -> Operation:
    return Operation(
        key=raw["key"],
        operation_id=raw["operation_id"],
        method=raw["method"],
        path=raw["path"],
        product=raw["product"],
        service=raw["service"],
        variant=raw["variant"],
        summary=raw["summary"],
        mcp_method=raw["mcp_method"],
        parameters=tuple(Param(p["name"], p["location"], p["required"], p["schema"]) for p in raw["parameters"]),
        request_schema=raw["request_schema"],
        request_content_type=raw["request_content_type"],
        request_required=raw["request_required"],
        success_status=raw["success_status"],
        response_schema=raw["response_schema"],
        response_content_type=raw["response_content_type"],
        scopes_classic=tuple(raw["scopes_classic"]),
        scopes_granular=tuple(raw["scopes_granular"]),
        rate_label=raw["rate_label"],
        page_size_default=raw["page_size_default"],
        page_size_max=raw["page_size_max"],
        pagination=raw["pagination"],
        seed=raw["seed"],
        seed_names=tuple(raw["seed_names"]),
        source=raw["source"],
        docs=tuple(raw["docs"]),
        errors=tuple(ErrorSpec(*e) for e in raw["errors"]),
    )


def parse_catalog(data: bytes) -> Catalog:
    raw = orjson.loads(data)
    operations = tuple(_operation(r) for r in raw["operations"])
    by_op_id: dict[str, list[Operation]] = {}
    for op in operations:
        by_op_id.setdefault(op.operation_id, []).append(op)
    events = {
        e["name"]: Event(e["name"], e["product"], e["schema"], tuple(e["scopes"]), e["seed"]) for e in raw["events"]
    }
    return Catalog(
        operations=operations,
        by_key={op.key: op for op in operations},
        by_operation_id={k: tuple(v) for k, v in by_op_id.items()},
        events=events,
        builder_hash=raw["builder_hash"],
        generated_by=raw["generated_by"],
    )


@functools.cache
def load_catalog() -> Catalog:
    """The catalogue, parsed once per process."""
    return parse_catalog(DATA_FILE.read_bytes())
