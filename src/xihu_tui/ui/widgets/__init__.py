"""Widgets of the explorer, each owning its CSS, bindings and messages."""
