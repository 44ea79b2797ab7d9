"""Roles: Zoom's built-in roles and custom ones, their privileges and members."""
