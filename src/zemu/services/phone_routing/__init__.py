"""Zoom Phone call routing: call queues and auto receptionists with their IVRs and policies."""
