"""Contacts: searching the company directory."""
