"""A file a participant shares in a meeting's chat, as a PDF (``fpdf2``): its title, who shared it in
which meeting and when, and a few pages of notes. Deterministic: the PDF's creation date is the time
it was shared, so one share renders to the same bytes (and the size listed is the size served)."""

from __future__ import annotations

from datetime import UTC, datetime

from fpdf import FPDF

# what participants share, in turn: (title, pages)
FILES = (
    ("Agenda", 1),
    ("Slides", 3),
    ("Action items", 1),
    ("Budget overview", 2),
    ("Project plan", 2),
)
NOTES = (
    "Shared in the meeting chat for everyone.",
    "Please review before the next session.",
    "Questions and comments are welcome in the chat.",
)


def file_name(index: int) -> str:
    return f"{FILES[index % len(FILES)][0]}.pdf"


def _latin(text: str) -> str:
    """The PDF's core font writes Latin-1: any other character shows as ``?``."""
    return text.encode("latin-1", "replace").decode("latin-1")


def pdf(*, index: int, topic: str, sender: str, at: float) -> bytes:
    title, pages = FILES[index % len(FILES)]
    topic, sender = _latin(topic), _latin(sender)
    moment = datetime.fromtimestamp(int(at), UTC)
    document = FPDF(format="A4")
    document.set_creation_date(moment)
    document.set_title(title)
    document.set_author(sender)
    for page in range(1, pages + 1):
        document.add_page()
        document.set_font("Helvetica", "B", 16)
        document.cell(0, 12, f"{title}  {page} / {pages}", new_x="LMARGIN", new_y="NEXT")
        document.set_font("Helvetica", size=11)
        shared = moment.strftime("%Y-%m-%d %H:%M UTC")
        for line in (f"Meeting: {topic}", f"Shared by: {sender}", f"Shared: {shared}", "", *NOTES):
            document.cell(0, 8, line, new_x="LMARGIN", new_y="NEXT")
    return bytes(document.output())
