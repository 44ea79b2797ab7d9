"""Commands of the webhook engine, registered on the ``zemu`` group by ``zemu.cli``."""

from __future__ import annotations

import click

COMMANDS: list[click.Command] = []
