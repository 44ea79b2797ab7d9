"""Groups: members, admins, settings and lock settings."""
