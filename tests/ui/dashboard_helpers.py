"""Plain helpers of the dashboard tests (a module of its own: conftest modules share one name)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

# screenshots are kept here (gitignored) to be looked at
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "dashboard"


def screenshot(page: Any, name: str) -> Path:
    """A full-page screenshot kept as a test artifact."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path
