"""Users: the people of an account, their settings, permissions and lifecycle."""
