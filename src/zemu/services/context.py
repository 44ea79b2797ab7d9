"""What a handler is given: the request as plain data, plus the store, clock and ids.

Handlers never see HTTP. The wire, the MCP server and the simulator build a ``Context`` and
call the same handler, so behaviour exists once.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

from zemu.catalog import Operation
from zemu.errors import ZoomError
from zemu.ids import Ids
from zemu.paging import Count, Fetch, Page, Pager
from zemu.services.documented import documented
from zemu.store import Tx, scheduled


@dataclass(slots=True)
class Context:
    op: Operation | None  # None when a trigger or the simulator acts outside any operation
    tx: Tx
    ids: Ids
    pager: Pager
    now: float
    account_id: str  # the account the token belongs to
    user_id: str | None  # the acting user (the app's owner for server-to-server tokens)
    scopes: frozenset[str]
    path: dict[str, str] = field(default_factory=dict)
    query: dict[str, Any] = field(default_factory=dict)
    body: Any = None
    check_event: Callable[[str, dict[str, Any]], None] | None = None  # strict mode
    origin: str = ""  # where this server answers, for URLs it hands out (pictures, downloads)
    app_id: str | None = None  # the app whose token is calling
    prepared: Any = None  # what the operation's awaited step found (see ``Prepared``)
    grant: str = ""  # how that token was granted (``client_credentials`` for a chatbot)
    # False where the past is filed in a batch (the demo account's week of history): those
    # events happened before anyone could subscribe, so none is queued
    emitting: bool = True

    @property
    def now_ms(self) -> int:
        return int(self.now * 1000)

    def paginate(self, fetch: Fetch, *, filters: dict[str, Any] | None = None, count: Count | None = None) -> Page:
        if self.op is None:
            raise RuntimeError("only an operation can paginate")
        return self.pager.page(self.op, self.query, fetch, filters=filters, count=count, account=self.account_id)

    def fail(self, code: int, match: str = "", **values: Any) -> ZoomError:
        """The operation's documented error ``code`` (see ``zemu.services.documented``), to raise."""
        return documented(code, match, op=self.op, **values)

    def schedule(self, kind: str, at: float, body: dict[str, Any], *, chain: str = "") -> str:
        """Queue work that happens later (a job of ``kind``, run at emulated time ``at``), in this
        transaction; jobs of one ``chain`` run in due order. Answers the job's id."""
        job_id = self.ids.uid()
        scheduled.schedule(
            self.tx, job_id=job_id, kind=kind, account_id=self.account_id, due_at=at, body=body, chain=chain
        )
        return job_id

    def emit(self, event: str, payload: dict[str, Any], *, account_id: str | None = None) -> None:
        """Queue a webhook event in the outbox, inside this request's transaction."""
        if not self.emitting:
            return
        account = account_id or self.account_id
        body = {"event": event, "event_ts": self.now_ms, "payload": {"account_id": account, **payload}}
        if self.check_event is not None:
            self.check_event(event, body)
        self.tx.emit(account, event, body, self.now_ms)


@dataclass(frozen=True, slots=True)
class FileBody:
    """A handler's answer that is a file (a recording, a voicemail, a fax), not JSON."""

    content_type: str
    data: bytes
    filename: str | None = None


Handler = Callable[[Context], Any]

# A step that must wait on the network (a URL check) runs outside the request's transaction and
# off the handler: given the server's outgoing HTTP client, it answers what it found.
Step = Callable[[Any], Awaitable[Any]]


@dataclass(frozen=True, slots=True)
class Prepared:
    """A handler with a step the caller awaits first. ``prepare`` runs in a read-only
    transaction, checks what it can and answers the ``Step`` to await (or None); the caller
    awaits it with no transaction open, then calls the handler in a new transaction with the
    step's outcome in ``ctx.prepared``. A handler never waits, so the server never does."""

    prepare: Callable[[Context], Step | None]
    handler: Handler

    def __call__(self, ctx: Context) -> Any:
        return self.handler(ctx)


# A job performs one step of scheduled work (``Context.schedule``) at its emulated time, in its
# own transaction, as an operator of the account that scheduled it.
Job = Callable[[Context, dict[str, Any]], None]

# A trigger performs the smallest real action that causes an event (``zemu trigger EVENT``):
# given an operator's context and optional string parameters, it answers what it touched.
Trigger = Callable[[Context, dict[str, str]], dict[str, Any]]
