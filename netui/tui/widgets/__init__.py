"""Reusable widgets of the TUI (the contact table, the network panel) and their data model."""
