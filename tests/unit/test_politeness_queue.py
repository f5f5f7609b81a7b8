"""Per-host gates: first come, first served, and limits of a host's own.

The order is set up by waiting until each request is seen queued (HostGates.waiting), so no
test depends on how fast threads happen to run.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

import pytest

from newsledger.capture.politeness import HostGates

HOST = "news.test"


def wait_until(condition: Callable[[], bool], limit_s: float = 30.0) -> None:
    deadline = time.monotonic() + limit_s
    while not condition():
        assert time.monotonic() < deadline, "condition never became true"
        time.sleep(0.01)


def gates(concurrency: int = 1) -> HostGates:
    return HostGates(concurrency, 0.0, time.monotonic, time.sleep)


def queue_up(gate: HostGates, name: str, order: list[str]) -> threading.Thread:
    """A thread that takes its turn, notes its name and leaves; returns once it is queued."""
    before = gate.waiting(HOST)

    def take_turn() -> None:
        with gate.turn(HOST):
            order.append(name)

    thread = threading.Thread(target=take_turn, name=name)
    thread.start()
    wait_until(lambda: gate.waiting(HOST) == before + 1)
    return thread


def test_a_request_that_just_finished_queues_behind_those_already_waiting() -> None:
    """The starvation the issue measured: a thread done with a quick 304 asked again at once
    and took the slot ahead of threads that had waited the whole time."""
    gate = gates(concurrency=1)
    order: list[str] = []
    gate.acquire(HOST)
    waiting = [queue_up(gate, name, order) for name in ("first", "second", "third")]
    gate.release(HOST)
    with gate.turn(HOST):  # the same thread, straight back in line
        order.append("again")
    for thread in waiting:
        thread.join(timeout=30)
    assert order == ["first", "second", "third", "again"]


@pytest.mark.parametrize(
    ("asked", "limits"),
    [
        ([(1, None)], (1, 0.25)),
        ([(None, 3.0)], (4, 3.0)),
        ([(3, 1.0), (2, 5.0)], (2, 5.0)),  # two feeds on one host: the stricter of each
        ([(2, 5.0), (6, 0.5)], (2, 5.0)),
    ],
)
def test_a_hosts_own_limits_override_the_defaults(
    asked: list[tuple[int | None, float | None]], limits: tuple[int, float]
) -> None:
    gate = HostGates(4, 0.25, time.monotonic, time.sleep)
    for concurrency, gap in asked:
        gate.limit(HOST, concurrency, gap)
    assert (gate.limits(HOST), gate.limits("other.test")) == (limits, (4, 0.25))


def test_a_hosts_own_concurrency_is_what_lets_requests_in() -> None:
    gate = HostGates(4, 0.0, time.monotonic, time.sleep)
    gate.limit(HOST, 1, None)
    order: list[str] = []
    gate.acquire(HOST)
    blocked = queue_up(gate, "second", order)
    assert order == []  # one in flight is the limit: the second waits
    gate.release(HOST)
    blocked.join(timeout=30)
    assert order == ["second"]
