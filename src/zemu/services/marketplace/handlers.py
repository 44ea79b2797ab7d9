"""The marketplace product's tables: its handlers by operationId, the events it emits,
its triggers and what it does when a member leaves."""

from __future__ import annotations

from zemu.services.context import Handler
from zemu.services.marketplace import demo, logs, subscriptions
from zemu.services.registry import Product

HANDLERS: dict[str, Handler] = {
    "createEventSubscription": subscriptions.create,
    "getUserEventSubscriptions": subscriptions.list_subscriptions,
    "subscribeEventSubscription": subscriptions.subscribe,
    "unSubscribeEventSubscription": subscriptions.unsubscribe,
    "deleteEventSubscription": subscriptions.delete,
    "getWebhookLogs": logs.webhook_logs,
}

# webhook events this product's operations emit
EMITS: tuple[str, ...] = ()

PRODUCT = Product(
    name="marketplace",
    handlers=HANDLERS,
    emits=frozenset(EMITS),
    demo=demo.add_demo,
)
