"""A fax as a PDF of its stated page count (``fpdf2``): a cover line on each page with the sender,
the recipient, the time and the page number, and lines of body text. Deterministic: the PDF's own
creation date is the fax's time, so the same fax renders to the same bytes."""

from __future__ import annotations

from datetime import UTC, datetime

from fpdf import FPDF

BODY = (
    "This document was sent by fax.",
    "Please find the requested pages attached.",
    "Contact the sender if any page is missing or unreadable.",
)


def pdf(*, pages: int, sender: str, recipient: str, at: float, title: str = "Fax") -> bytes:
    document = FPDF(format="Letter")
    document.set_creation_date(datetime.fromtimestamp(int(at), UTC))
    document.set_title(title)
    document.set_author(sender)
    sent = datetime.fromtimestamp(int(at), UTC).strftime("%Y-%m-%d %H:%M UTC")
    for page in range(1, pages + 1):
        document.add_page()
        document.set_font("Helvetica", "B", 16)
        document.cell(0, 12, f"FAX  {page} / {pages}", new_x="LMARGIN", new_y="NEXT")
        document.set_font("Helvetica", size=11)
        for line in (f"From: {sender}", f"To: {recipient}", f"Sent: {sent}", "", *BODY):
            document.cell(0, 8, line, new_x="LMARGIN", new_y="NEXT")
    return bytes(document.output())
