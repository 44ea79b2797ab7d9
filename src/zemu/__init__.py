"""zemu: a local, stateful emulator of the Zoom platform API.

The public surface: ``create_app`` (the ASGI server factory), ``Config``, the ``zemu`` command
(``zemu.cli``) and the testing helper (``zemu.testing``). Everything else may change freely.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from zemu.config import Config

if TYPE_CHECKING:
    from zemu.http.app import ZemuApp

__all__ = ["Config", "create_app"]
__version__ = "0.1.0"


def create_app(config: Config | None = None) -> ZemuApp:
    """The ASGI app of one emulator, with its store opened and (on an empty store) the demo built."""
    from zemu.http.app import build_app
    from zemu.runtime import Runtime

    return build_app(Runtime(config or Config()))
