"""The contacts product's tables: its handlers by operationId, the events it emits,
its triggers and what it does when a member leaves."""

from __future__ import annotations

from zemu.services.contacts import search
from zemu.services.context import Handler, Trigger

HANDLERS: dict[str, Handler] = {"searchCompanyContacts": search.search}

EMITS: tuple[str, ...] = ()
TRIGGERS: dict[str, Trigger] = {}
