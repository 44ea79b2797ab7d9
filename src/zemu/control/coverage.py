"""Which catalogue operations and events zemu implements: computed from the handler table."""

from __future__ import annotations

from collections.abc import Set
from typing import Any

from zemu.catalog import Catalog
from zemu.products import Handler, handler_for


def coverage(catalog: Catalog, handlers: dict[str, Handler], emitted: Set[str]) -> dict[str, Any]:
    operations = [
        {
            "operation_id": op.operation_id,
            "method": op.method,
            "path": op.path,
            "product": op.product,
            "variant": op.variant,
            "seed": op.seed,
            "implemented": handler_for(handlers, op) is not None,
        }
        for op in catalog.operations
    ]
    operations.sort(key=lambda o: (not o["seed"], o["product"], o["path"], o["method"]))
    events = [
        {"event": name, "product": event.product, "seed": event.seed, "implemented": name in emitted}
        for name, event in catalog.events.items()
    ]
    events.sort(key=lambda e: (not e["seed"], e["event"]))
    return {"summary": _summary(operations, events), "operations": operations, "events": events}


def _summary(operations: list[dict[str, Any]], events: list[dict[str, Any]]) -> dict[str, Any]:
    def count(rows: list[dict[str, Any]]) -> dict[str, int]:
        return {"total": len(rows), "implemented": sum(r["implemented"] for r in rows)}

    by_product: dict[str, dict[str, int]] = {}
    for product in sorted({o["product"] for o in operations}):
        rows = [o for o in operations if o["product"] == product]
        by_product[product] = {
            **count(rows),
            "seed": count([r for r in rows if r["seed"]])["total"],
            "seed_implemented": count([r for r in rows if r["seed"]])["implemented"],
        }
    return {
        "operations": count(operations),
        "seed_operations": count([o for o in operations if o["seed"]]),
        "events": count(events),
        "seed_events": count([e for e in events if e["seed"]]),
        "by_product": by_product,
    }
