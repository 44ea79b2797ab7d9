"""Marketplace: event subscriptions and webhook logs of apps."""
