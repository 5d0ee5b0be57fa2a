"""xihu-tui: a terminal explorer for reports."""

__version__ = "0.1.0"
