"""How a placed call can end, as ``POST /zemu/phone/calls`` and ``zemu call`` name it."""

OUTCOMES = ("answered", "missed", "rejected", "busy", "voicemail")
