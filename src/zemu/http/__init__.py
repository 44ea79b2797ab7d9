"""The wire: ASGI app, routing from the catalogue, auth, validation, errors, pagination, rate limits."""
