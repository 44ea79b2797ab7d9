"""Route table built once from the catalogue: a trie of path segments.

Matching works on the raw (still percent-encoded) path, so an encoded ``/`` inside a meeting
UUID never splits a segment; each parameter is decoded afterwards, a second time when it is
still encoded (Zoom's double-encoded UUIDs). Literal segments win over parameters, with
backtracking when a literal branch leads nowhere.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import unquote

from zemu.catalog import Operation

_PARAM = re.compile(r"^\{(.+)\}$")
_ENCODED = re.compile(r"%[0-9A-Fa-f]{2}")


@dataclass(slots=True)
class _Node:
    literals: dict[str, _Node] = field(default_factory=dict)
    param: _Node | None = None
    # method -> (operation, names of the parameters along the path)
    operations: dict[str, tuple[Operation, tuple[str, ...]]] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Match:
    operation: Operation | None  # None: the path exists but not with this method
    path_params: dict[str, str]


class Router:
    def __init__(self, operations: tuple[Operation, ...]) -> None:
        self._root = _Node()
        for op in operations:
            self._add(op)
        # clients poll the same few paths over and over; a match never changes, so remember it
        self._recent: dict[tuple[str, str], Match | None] = {}

    def _add(self, op: Operation) -> None:
        node, names = self._root, []
        for segment in op.path.strip("/").split("/"):
            found = _PARAM.match(segment)
            if found:
                names.append(found.group(1))
                node.param = node.param or _Node()
                node = node.param
            else:
                node = node.literals.setdefault(segment, _Node())
        node.operations.setdefault(op.method, (op, tuple(names)))

    def match(self, method: str, raw_path: str) -> Match | None:
        """``raw_path`` is relative to ``/v2``, still encoded. None means no such path."""
        key = (method, raw_path)
        if key in self._recent:
            return self._recent[key]
        if len(self._recent) >= 4096:
            self._recent.clear()
        found = self._recent[key] = self._match(method, raw_path)
        return found

    def _match(self, method: str, raw_path: str) -> Match | None:
        segments = raw_path.strip("/").split("/")
        found = self._walk(self._root, segments, 0, [], method)
        if found is None:
            return None
        node, values = found
        entry = node.operations.get(method)
        if entry is None:
            return Match(None, {})
        op, names = entry
        return Match(op, {name: _decode(value) for name, value in zip(names, values, strict=True)})

    def _walk(
        self, node: _Node, segments: list[str], index: int, values: list[str], method: str
    ) -> tuple[_Node, list[str]] | None:
        if index == len(segments):
            return (node, values) if node.operations else None
        segment = segments[index]
        literal = node.literals.get(segment)
        if literal is not None:
            found = self._walk(literal, segments, index + 1, values, method)
            if found is not None and method in found[0].operations:
                return found
            fallback = found
        else:
            fallback = None
        if node.param is not None and segment:
            found = self._walk(node.param, segments, index + 1, [*values, segment], method)
            if found is not None:
                if method in found[0].operations or fallback is None:
                    return found
        return fallback


def _decode(value: str) -> str:
    once = unquote(value)
    return unquote(once) if _ENCODED.search(once) else once
