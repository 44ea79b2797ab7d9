"""multipart/form-data bodies, parsed in the wire: handlers get a dict of text fields and file bytes.

A part with a filename is a file and reaches the handler as ``bytes``; any other part is a text
field (``str``). A body that is not well-formed multipart is Zoom's 300 error, as is one whose
``Content-Type`` carries no boundary.
"""

from __future__ import annotations

from python_multipart.exceptions import MultipartParseError
from python_multipart.multipart import MultipartParser, parse_options_header

from zemu.errors import ZoomError

Form = dict[str, str | bytes]
NOT_A_FORM = ZoomError(300, "Request Body should be a valid multipart/form-data body.", 400)


class _Part:
    __slots__ = ("name", "filename", "data", "header_field", "header_value")

    def __init__(self) -> None:
        self.name = ""
        self.filename: bytes | None = None
        self.data = bytearray()
        self.header_field = bytearray()
        self.header_value = bytearray()


def parse_form(raw: bytes, content_type: str) -> Form:
    kind, options = parse_options_header(content_type)
    boundary = options.get(b"boundary")
    if kind != b"multipart/form-data" or not boundary:
        raise NOT_A_FORM
    parts: list[_Part] = []

    def on_part_begin() -> None:
        parts.append(_Part())

    def on_part_data(data: bytes, start: int, end: int) -> None:
        parts[-1].data += data[start:end]

    def on_header_field(data: bytes, start: int, end: int) -> None:
        parts[-1].header_field += data[start:end]

    def on_header_value(data: bytes, start: int, end: int) -> None:
        parts[-1].header_value += data[start:end]

    def on_header_end() -> None:
        part = parts[-1]
        if bytes(part.header_field).lower() == b"content-disposition":
            _, disposition = parse_options_header(bytes(part.header_value))
            part.name = disposition.get(b"name", b"").decode("utf-8", "replace")
            part.filename = disposition.get(b"filename")
        part.header_field.clear()
        part.header_value.clear()

    parser = MultipartParser(
        boundary,
        {
            "on_part_begin": on_part_begin,
            "on_part_data": on_part_data,
            "on_header_field": on_header_field,
            "on_header_value": on_header_value,
            "on_header_end": on_header_end,
        },
    )
    try:
        parser.write(raw)
        parser.finalize()
    except MultipartParseError:
        raise NOT_A_FORM from None
    return {part.name: _value(part) for part in parts if part.name}


def _value(part: _Part) -> str | bytes:
    if part.filename is not None:
        return bytes(part.data)
    try:
        return part.data.decode()
    except UnicodeDecodeError:
        raise NOT_A_FORM from None
