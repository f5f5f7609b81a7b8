"""Extraction workers end with their parent (issue 16, item 12): after a kill -9 of the
process that owns the pool, no worker lives on under PID 1.

A real pool, started the way a run starts it, extracts real pages in a child process; the
child is killed with SIGKILL and every worker must be gone within a generous deadline.
Linux only: worker liveness is read from /proc.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc")

DEADLINE_S = 30.0

# The pool the way run_pages makes it, or (portable) with the parent-watching thread
# instead of the kernel's parent-death signal. It extracts pages so that the workers are
# started, have imported trafilatura and are idle, as in a run between batches.
OWNER = """
import json, multiprocessing, os, sys, time
from concurrent.futures import ProcessPoolExecutor
from newsledger.text.extract import ExtractedArticle, extract_many, make_extractor_pool
from newsledger.text.workers import exit_with_parent

if sys.argv[1] == "run-pool":
    pool = make_extractor_pool(2)
else:
    pool = ProcessPoolExecutor(
        2, mp_context=multiprocessing.get_context("spawn"),
        initializer=exit_with_parent, initargs=(os.getpid(), False),
    )
def page(n):
    paragraphs = "".join(
        f"<p>Paragraph {i} of page {n}: the council met on Tuesday and voted {i + 4} to "
        f"{i + 1} to approve the revised budget plan for the harbour district.</p>"
        for i in range(6)
    )
    return f"<html><body><article>{paragraphs}</article></body></html>"
items = [(page(n), None, None) for n in range(16)]
results = extract_many(items, processes=2, pool=pool)
assert all(isinstance(r, ExtractedArticle) for r in results), results
print(json.dumps([p.pid for p in multiprocessing.active_children()]), flush=True)
time.sleep(600)
"""


def _start_time(pid: int) -> str | None:
    """The process's start time (field 22 of /proc/PID/stat), None once it has exited or
    is a zombie: a reused PID has another start time."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except (FileNotFoundError, ProcessLookupError):
        return None
    fields = stat.rsplit(")", 1)[1].split()
    return None if fields[0] in ("Z", "X") else fields[19]


@pytest.mark.parametrize("mode", ["run-pool", "portable-watcher"])
def test_workers_exit_after_their_parent_is_killed(mode: str) -> None:
    owner = subprocess.Popen(
        [sys.executable, "-c", OWNER, mode], stdout=subprocess.PIPE, text=True
    )  # fmt: skip
    workers: dict[int, str | None] = {}
    try:
        assert owner.stdout is not None
        line = owner.stdout.readline()
        workers = {pid: _start_time(pid) for pid in json.loads(line)}
        assert len(workers) == 2 and None not in workers.values()
        owner.send_signal(signal.SIGKILL)
        owner.wait()
        deadline = time.monotonic() + DEADLINE_S
        alive = list(workers)
        while alive and time.monotonic() < deadline:
            time.sleep(0.1)
            alive = [pid for pid, started in workers.items() if _start_time(pid) == started]
        assert alive == []
    finally:
        owner.kill()
        owner.wait()
        for pid, started in workers.items():  # never leave an orphan behind a failed test
            if started is not None and _start_time(pid) == started:
                os.kill(pid, signal.SIGKILL)
