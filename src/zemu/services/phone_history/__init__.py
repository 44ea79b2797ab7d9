"""Zoom Phone history, read side: call history and paths, call logs, recordings, voicemails, SMS,
faxes, metrics and reports.

The simulator writes what these operations read through ``records.py`` (its docstring holds the
storage design).
"""
