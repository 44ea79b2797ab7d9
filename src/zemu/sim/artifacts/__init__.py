"""Artifacts a call or a fax leaves behind, rendered deterministically from their record when
first downloaded: a conversation's timeline, its transcript in Zoom's shape, its audio as MP3,
and a fax as a PDF. A week of demo history or a million simulated calls costs rows, not megabytes.
"""
