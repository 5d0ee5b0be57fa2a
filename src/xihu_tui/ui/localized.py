"""Footer descriptions in the interface's language."""

from __future__ import annotations

from dataclasses import replace
from typing import TypeVar

from textual.binding import ActiveBinding
from textual.screen import Screen

from .strings import ENGLISH, Strings

ResultType = TypeVar("ResultType")


class LocalizedScreen(Screen[ResultType]):
    """A screen whose footer describes bindings in the app's language.

    Binding descriptions are class attributes written once, in English; the
    translation is looked up by binding id as the footer asks for them.
    """

    @property
    def strings(self) -> Strings:
        return getattr(self.app, "strings", ENGLISH)

    @property
    def active_bindings(self) -> dict[str, ActiveBinding]:
        strings = self.strings
        active = super().active_bindings
        if not strings.bindings:
            return active
        return {
            key: found._replace(binding=replace(found.binding, description=strings.describe(found.binding.id, found.binding.description)))
            if found.binding.id
            else found
            for key, found in active.items()
        }
