"""Each product is declared once, and its declaration is checked against the catalogue."""

from __future__ import annotations

import subprocess
import sys

import pytest

from zemu.catalog import load_catalog
from zemu.http.validation import StrictModeDrift
from zemu.products import EMITTED_EVENTS, HANDLERS, PRODUCTS, TRIGGERS
from zemu.testing import ZemuServer

CATALOG = load_catalog()


def test_every_handler_serves_an_operation_of_the_catalogue() -> None:
    products = {op.product for op in CATALOG.operations}
    for product in PRODUCTS:
        for key in product.handlers:
            scope, _, operation_id = key.rpartition(":")
            assert operation_id in CATALOG.by_operation_id, f"{product.name} handles unknown {key}"
            assert not scope or scope in products, f"{product.name} qualifies {key} with an unknown product"


def test_every_declared_event_is_in_the_catalogue() -> None:
    for product in PRODUCTS:
        unknown = product.emits - CATALOG.events.keys()
        assert not unknown, f"{product.name} declares events the catalogue lacks: {sorted(unknown)}"


def test_every_trigger_causes_a_declared_event() -> None:
    assert set(TRIGGERS) <= EMITTED_EVENTS


def test_products_have_distinct_names_and_the_table_is_their_union() -> None:
    assert len({p.name for p in PRODUCTS}) == len(PRODUCTS)
    assert len(HANDLERS) == sum(len(p.handlers) for p in PRODUCTS)


def test_emitting_an_undeclared_event_fails_in_strict_mode(zemu: ZemuServer) -> None:
    undeclared = next(name for name in sorted(CATALOG.events) if name not in EMITTED_EVENTS)

    def emit(tx: object) -> None:
        ctx = zemu.runtime.operator_context(tx)  # type: ignore[arg-type]
        ctx.emit(undeclared, {"object": {}})

    with pytest.raises(StrictModeDrift, match="no product declares it"):
        zemu.transaction(emit)


@pytest.mark.parametrize("module", ["zemu.sim.phone.engine", "zemu.sim.phone.sms", "zemu.services.phone.handlers"])
def test_a_product_module_imports_on_its_own(module: str) -> None:
    """A fresh interpreter imports the module first: the registry is not pulled in half-made."""
    done = subprocess.run([sys.executable, "-c", f"import {module}"], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
