"""The reader's history of jumps (core, no Textual): back and forward as a browser does."""

from __future__ import annotations

from itertools import pairwise

from hypothesis import given
from hypothesis import strategies as st

from xihu_tui.core.reader.place import History, Place, hit_item
from xihu_tui.core.report.model import Report
from xihu_tui.core.search.index import SearchIndex


def test_nothing_to_go_back_to_before_a_jump() -> None:
    history: History[str] = History()
    assert history.back("a") is None
    assert history.forward("a") is None
    assert not history.can_go_back and not history.can_go_forward


def test_back_and_forward_over_two_jumps() -> None:
    history: History[str] = History()
    history.jump("a", "b")
    history.jump("b", "c")
    assert history.back("c") == "b"
    assert history.back("b") == "a"
    assert history.back("a") is None
    assert history.forward("a") == "b"
    assert history.forward("b") == "c"
    assert history.forward("c") is None


def test_back_comes_to_where_the_reader_moved_after_the_jump() -> None:
    # Jumped to b, then walked on to b2 with the arrows: back, then forward, returns to b2.
    history: History[str] = History()
    history.jump("a", "b")
    assert history.back("b2") == "a"
    assert history.forward("a") == "b2"


def test_a_jump_after_going_back_drops_what_was_ahead() -> None:
    history: History[str] = History()
    history.jump("a", "b")
    history.jump("b", "c")
    assert history.back("c") == "b"
    history.jump("b", "d")
    assert not history.can_go_forward
    assert history.back("d") == "b"
    assert history.back("b") == "a"


def test_walking_on_after_a_jump_replaces_where_it_came_to() -> None:
    # a -> b (jump), b -> c (arrows), c -> d (jump): back goes to c, then to a.
    history: History[str] = History()
    history.jump("a", "b")
    history.jump("c", "d")
    assert history.back("d") == "c"
    assert history.back("c") == "a"


def test_a_jump_to_where_the_reader_is_is_not_recorded() -> None:
    history: History[str] = History()
    history.jump("a", "a")
    assert not history.can_go_back


def test_the_oldest_places_go_past_the_limit() -> None:
    history: History[int] = History(limit=5)
    for place in range(10):
        history.jump(place, place + 1)
    visited = []
    here = 10
    while (back := history.back(here)) is not None:
        visited.append(back)
        here = back
    assert visited == [9, 8, 7, 6]


@given(st.lists(st.integers(0, 5), min_size=1, max_size=30))
def test_back_all_the_way_then_forward_all_the_way_is_the_same_path(places: list[int]) -> None:
    history: History[int] = History()
    here = 0
    for there in places:
        history.jump(here, there)
        here = there
    backwards = [here]
    while (back := history.back(backwards[-1])) is not None:
        backwards.append(back)
    forwards = [backwards[-1]]
    while (forward := history.forward(forwards[-1])) is not None:
        forwards.append(forward)
    assert forwards == backwards[::-1]
    # No two neighbours are the same place: a jump to where one is is no jump.
    assert all(a != b for a, b in pairwise(forwards))


def test_a_place_knows_its_section(bundled_report: Report) -> None:
    metric = bundled_report.metrics[0]
    place = Place(metric.id)
    section = place.section(bundled_report)
    assert section is not None and metric in section.metrics
    assert Place(None).section(bundled_report) is None


def test_a_group_hit_takes_the_reader_to_its_first_metric(bundled_report: Report) -> None:
    group = bundled_report.groups[0]
    hits = SearchIndex(bundled_report).search(group.label).hits
    at_group = [hit for hit in hits if hit.field == "group"]
    assert at_group, f"the group {group.label} is not found by its name"
    assert hit_item(bundled_report, at_group[0]) == bundled_report.group_members(group.id)[0].id
