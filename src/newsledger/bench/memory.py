"""Peak resident memory of a process and everything it starts, sampled from /proc (Linux).

Not ru_maxrss: Linux copies a parent's resident high-water mark into a child at fork and
keeps it through exec, so an interpreter started by the benchmark reports the benchmark's
own resident set (about 850 MiB at size small, when its real peak was about 190 MiB).
VmHWM in /proc/<pid>/status belongs to the process's own memory and is reset by exec.
"""

from __future__ import annotations

import os
import resource
import sys
import threading
from pathlib import Path
from types import TracebackType
from typing import Self

_PROC = Path("/proc")


def _status_kib(pid: int, field: str) -> int | None:
    """A `field:  N kB` line of /proc/<pid>/status, or None once the process is gone."""
    try:
        for line in (_PROC / str(pid) / "status").read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1])
    except (OSError, ValueError, IndexError):
        return None
    return None


def _children(pid: int) -> list[int]:
    found: list[int] = []
    try:
        for task in (_PROC / str(pid) / "task").iterdir():
            found += [int(child) for child in (task / "children").read_text().split()]
    except (OSError, ValueError):
        pass
    return found


def _descendants(pid: int) -> list[int]:
    pending, found = _children(pid), []
    while pending:
        child = pending.pop()
        found.append(child)
        pending += _children(child)
    return found


class TreeMemorySampler:
    """Samples, every `interval_s` while the block runs, the resident memory of this process
    plus all its descendants (worker processes included) and keeps the largest sum."""

    def __init__(self, interval_s: float = 0.05) -> None:
        self.interval_s = interval_s
        self.available = (_PROC / str(os.getpid()) / "status").exists()
        self.tree_peak_kib = 0
        self.largest_child_kib = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample_until_stopped, daemon=True)

    def _sample(self) -> None:
        own = _status_kib(os.getpid(), "VmRSS") or 0
        children = [_status_kib(pid, field) or 0 for pid in _descendants(os.getpid())
                    for field in ("VmRSS", "VmHWM")]  # fmt: skip
        resident, peaks = children[0::2], children[1::2]
        self.tree_peak_kib = max(self.tree_peak_kib, own + sum(resident))
        self.largest_child_kib = max([self.largest_child_kib, *peaks])

    def _sample_until_stopped(self) -> None:
        while not self._stop.wait(self.interval_s):
            self._sample()

    def __enter__(self) -> Self:
        if self.available:
            self._thread.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if self.available:
            self._stop.set()
            self._thread.join()
            self._sample()

    def figures(self) -> dict[str, float | str]:
        """MiB: this process's own peak, the largest descendant's, and the tree's sampled
        peak (`peak_rss_mb`); ru_maxrss (inflated, see the module) where /proc is absent."""
        if not self.available:
            scale = 1 if sys.platform == "darwin" else 1024
            own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * scale / 2**20
            child = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * scale / 2**20
            return {"method": "ru_maxrss", "self_mb": own, "largest_child_mb": child,
                    "peak_rss_mb": own + 2 * child}  # fmt: skip
        own_peak = (_status_kib(os.getpid(), "VmHWM") or 0) / 1024
        tree_peak = self.tree_peak_kib / 1024
        return {
            "method": f"/proc, sampled every {self.interval_s * 1000:.0f} ms",
            "self_mb": own_peak,
            "largest_child_mb": self.largest_child_kib / 1024,
            "peak_rss_mb": max(tree_peak, own_peak),
        }
