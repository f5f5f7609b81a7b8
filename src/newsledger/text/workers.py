"""Extraction worker processes that end with the process that started them: the initializer
make_extractor_pool gives every worker, so a kill -9 of a run leaves no orphans behind.

A worker orphaned by kill -9 would otherwise live on under PID 1 (about 110 MB each), as it
holds both ends of its own task queue and so never sees the parent go.
"""

from __future__ import annotations

import ctypes
import os
import signal
import sys
import threading
import time

_PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>
# How often the portable watcher looks at the parent: a generous bound on an orphan's life.
PARENT_POLL_S = 1.0


def exit_with_parent(parent_pid: int, use_prctl: bool = True) -> None:
    """Worker initializer: this process ends when `parent_pid`, its parent, ends.

    On Linux the kernel sends SIGKILL at the parent's death (prctl PR_SET_PDEATHSIG). The
    kernel sends it when the *thread* that started the worker ends, so a pool must be
    created, used and closed by one thread that outlives it (run_pages and extract_many do).
    Elsewhere, when prctl is refused or `use_prctl` is false, a daemon thread polls
    os.getppid() and exits the process once it is no longer `parent_pid` (it was reparented).
    """
    if not (use_prctl and _set_parent_death_signal()):
        threading.Thread(
            target=_watch_parent, args=(parent_pid,), name="exit-with-parent", daemon=True
        ).start()
    # The parent may have died before the signal was asked for: nothing would send it then.
    if os.getppid() != parent_pid:
        os._exit(1)


def _set_parent_death_signal() -> bool:
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        return bool(libc.prctl(_PR_SET_PDEATHSIG, int(signal.SIGKILL), 0, 0, 0) == 0)
    except (OSError, AttributeError):
        return False


def _watch_parent(parent_pid: int) -> None:
    while True:
        time.sleep(PARENT_POLL_S)
        if os.getppid() != parent_pid:
            os._exit(1)
