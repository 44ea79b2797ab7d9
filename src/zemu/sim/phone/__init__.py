"""The Zoom Phone traffic simulator: calls placed on the emulated clock, played as scheduled
steps, emitting the live and record events and leaving the history a real call leaves."""
