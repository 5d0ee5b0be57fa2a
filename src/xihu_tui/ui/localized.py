"""Binding descriptions in the interface's language, for the footer and the help."""

from __future__ import annotations

from dataclasses import replace

from textual.binding import ActiveBinding

from .strings import ENGLISH, Strings


def localize(active: dict[str, ActiveBinding], strings: Strings) -> dict[str, ActiveBinding]:
    """The same bindings, described in `strings`' language: ours by their id, Textual's
    own (which have none) by their English words."""
    described: dict[str, ActiveBinding] = {}
    for key, found in active.items():
        words = strings.describe(found.binding.id, found.binding.description)
        if words != found.binding.description:
            found = found._replace(binding=replace(found.binding, description=words))
        described[key] = found
    return described


class LocalizedBindings:
    """Mix into a Screen so its footer describes bindings in the app's language.

    Binding descriptions are class attributes, written once in English; the footer
    asks for them through `active_bindings`, so that is where they are translated.
    """

    @property
    def active_bindings(self) -> dict[str, ActiveBinding]:
        active: dict[str, ActiveBinding] = super().active_bindings  # type: ignore[misc]
        strings = getattr(self.app, "strings", ENGLISH)  # type: ignore[attr-defined]
        return localize(active, strings)
