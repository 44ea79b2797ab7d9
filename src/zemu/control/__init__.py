"""The /zemu control plane: health, reset, clock, request log, coverage, rate limits, outbox."""
