"""Behaviour, one package per product, never seeing HTTP. Each product is declared once as a
``Product`` (``registry.py``) in its ``handlers`` module; ``zemu.products`` lists them and
computes the dispatch table, triggers, events and jobs. This package's ``__init__`` holds nothing,
so a service module can be imported on its own, before or without the registry."""
