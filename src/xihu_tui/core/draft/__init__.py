"""Drafting a report from an article."""
