"""Realistic phone traffic as plain requests: what ``zemu traffic`` sends to a running server and
what the demo account's week of history is played from.

A ``Traffic`` draws, from a seed, a mix of kinds (the outcomes of calls between users and the
outside world, calls to call queues and to the auto receptionist with the keys a caller presses,
text messages, faxes) and answers each as the body of the control plane's simulator request
(``POST /zemu/phone/calls``, ``/zemu/phone/sms``, ``/zemu/phone/faxes``). It knows the account
only through ``Parties`` (extensions, numbers, queues, receptionists' keys), so a client that
read them over the API and the demo builder that read them from the store draw the same way.
"""

from __future__ import annotations

import random
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

Doc = dict[str, Any]
CALL, SMS, FAX = "calls", "sms", "faxes"
# kind of the mix -> the simulator request that makes it
KINDS = {
    "answered": CALL,
    "missed": CALL,
    "voicemail": CALL,
    "busy": CALL,
    "rejected": CALL,
    "queue": CALL,
    "receptionist": CALL,
    "sms": SMS,
    "fax": FAX,
}
DEFAULT_MIX: Mapping[str, float] = {
    "answered": 45,
    "missed": 8,
    "voicemail": 10,
    "busy": 3,
    "rejected": 2,
    "queue": 12,
    "receptionist": 8,
    "sms": 8,
    "fax": 4,
}
RECORDED = 0.25  # share of answered calls recorded on demand
TRANSCRIBED = 0.5  # share of recordings and voicemails transcribed
SUMMARISED = 0.05  # share of answered calls with an AI summary
OUTSIDE = 0.4  # share of calls and messages with a party outside the account
TEXTS = (
    "On my way, 5 minutes.",
    "Can you call me back when you have a moment?",
    "The quote is in your inbox.",
    "Running late, start without me.",
    "Thanks, got it!",
    "Is the 3pm still on?",
    "Please confirm the delivery address.",
    "Your appointment is confirmed for tomorrow at 10am.",
)


@dataclass(frozen=True, slots=True)
class Parties:
    """Who traffic can involve: user extensions (with their own number, "" when none), call queue
    extensions, and auto receptionists' extensions with the keys their menu answers."""

    users: list[tuple[str, str]]
    queues: list[str] = field(default_factory=list)
    receptionists: list[tuple[str, list[str]]] = field(default_factory=list)


def parse_mix(text: str) -> dict[str, float]:
    """``answered=60,missed=10,sms=5`` → weights; a ValueError says what is wrong. Kinds left out
    weigh nothing."""
    mix: dict[str, float] = {}
    for pair in filter(None, (p.strip() for p in text.split(","))):
        name, sep, value = pair.partition("=")
        name = name.strip().lower()
        if not sep or name not in KINDS:
            raise ValueError(f"{pair!r}: the mix is KIND=WEIGHT pairs, KIND one of {', '.join(KINDS)}")
        try:
            weight = float(value)
        except ValueError:
            raise ValueError(f"{pair!r}: the weight must be a number") from None
        if not weight >= 0 or weight == float("inf"):
            raise ValueError(f"{pair!r}: the weight must be a number of at least 0")
        mix[name] = weight
    if not any(mix.values()):
        raise ValueError("the mix must give some kind a weight above 0")
    return mix


class Traffic:
    """A seeded stream of simulator requests: ``next()`` → (kind, request, body)."""

    def __init__(self, seed: int, parties: Parties, mix: Mapping[str, float] = DEFAULT_MIX) -> None:
        self.random = random.Random(seed)
        self.parties = parties
        if len(parties.users) < 2:
            raise ValueError("traffic needs at least two phone users with extensions")
        usable = {kind: weight for kind, weight in mix.items() if weight > 0 and self._possible(kind)}
        if not usable:
            raise ValueError("nothing in the mix can happen on this account")
        self.kinds = list(usable)
        self.weights = list(usable.values())

    def _possible(self, kind: str) -> bool:
        if kind == "queue":
            return bool(self.parties.queues)
        if kind == "receptionist":
            return bool(self.parties.receptionists)
        if kind in ("sms", "fax"):
            return any(number for _ext, number in self.parties.users)
        return True

    def next(self) -> tuple[str, str, Doc]:
        kind = self.random.choices(self.kinds, self.weights)[0]
        if kind == "sms":
            return kind, SMS, self._sms()
        if kind == "fax":
            return kind, FAX, self._fax()
        return kind, CALL, self._call(kind)

    # drawing ---------------------------------------------------------------------------------
    def _outside(self) -> str:
        return f"+1415555{self.random.randrange(10_000):04d}"

    def _user(self, numbered: bool = False) -> tuple[str, str]:
        users = [u for u in self.parties.users if u[1]] if numbered else self.parties.users
        return self.random.choice(users)

    def _pair(self) -> tuple[str, str]:
        """A caller and a callee: two users, or a user and an outside number either way."""
        one, other = self.random.sample(self.parties.users, 2)
        if self.random.random() >= OUTSIDE:
            return one[0], other[0]
        if self.random.random() < 0.5:
            return one[0], self._outside()
        return self._outside(), one[0]

    def _talk(self) -> float:
        """Seconds of talk: most calls short, a few long (a log-normal, median about 1.5 minutes)."""
        return float(min(3600, max(5, round(self.random.lognormvariate(4.5, 0.8)))))

    def _call(self, kind: str) -> Doc:
        r = self.random
        if kind == "queue":
            body: Doc = {"from": self._caller(), "to": r.choice(self.parties.queues)}
            outcome = "answered" if r.random() < 0.85 else "missed"
        elif kind == "receptionist":
            extension, keys = r.choice(self.parties.receptionists)
            body = {"from": self._caller(), "to": extension}
            if keys and r.random() < 0.9:
                body["keys"] = r.choice(keys)
            outcome = "answered" if r.random() < 0.85 else "missed"
        elif kind == "voicemail":  # a mailbox is a user's: the callee is one
            callee = self._user()[0]
            caller = self._outside() if r.random() < OUTSIDE else self._other_user(callee)
            body, outcome = {"from": caller, "to": callee}, kind
        else:
            caller, callee = self._pair()
            body, outcome = {"from": caller, "to": callee}, kind
        body["outcome"] = outcome
        body["ring_seconds"] = float(self._ring(outcome))
        if outcome in ("answered", "voicemail"):
            body["talk_seconds"] = self._talk() if outcome == "answered" else float(r.randint(8, 60))
        if outcome == "answered":
            if r.random() < RECORDED:
                body["record"] = True
                body["transcribe"] = r.random() < TRANSCRIBED
            if r.random() < SUMMARISED:
                body["ai_summary"] = True
        elif outcome == "voicemail":
            body["transcribe"] = r.random() < TRANSCRIBED
        return body

    def _caller(self) -> str:
        """Who calls a queue or the receptionist: mostly the outside world."""
        return self._outside() if self.random.random() < 0.8 else self._user()[0]

    def _other_user(self, extension: str) -> str:
        return self.random.choice([u[0] for u in self.parties.users if u[0] != extension])

    def _ring(self, outcome: str) -> int:
        low, high = {"answered": (2, 15), "missed": (20, 40), "voicemail": (15, 25), "busy": (1, 1)}.get(
            outcome, (2, 8)
        )
        return self.random.randint(low, high)

    def _sms(self) -> Doc:
        r = self.random
        user = self._user(numbered=True)[0]
        if r.random() < 0.2:
            sender, recipient = user, self._other_user(user)
        elif r.random() < 0.5:
            sender, recipient = user, self._outside()
        else:
            sender, recipient = self._outside(), user
        body: Doc = {"from": sender, "to": recipient, "message": r.choice(TEXTS)}
        if r.random() < 0.1:
            body["attachments"] = 1
        return body

    def _fax(self) -> Doc:
        r = self.random
        user = self._user(numbered=True)[0]
        sender, recipient = (user, self._outside()) if r.random() < 0.5 else (self._outside(), user)
        return {"from": sender, "to": recipient, "pages": r.randint(1, 6)}
