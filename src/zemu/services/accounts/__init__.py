"""Accounts: master and sub-accounts, settings, options, plans, billing, domains, SIP trunks."""
