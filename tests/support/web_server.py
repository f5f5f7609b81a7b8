"""`newsledger web` run for real in a subprocess on a free port (port 0, read back from its
first line), waited for until it answers, and stopped with its process group afterwards."""

from __future__ import annotations

import os
import queue
import re
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path
from types import TracebackType

import httpx

START_DEADLINE_S = 90.0


class WebServer:
    def __init__(
        self, db: Path, *args: str, env: dict[str, str] | None = None, cwd: Path | None = None
    ) -> None:
        self.command = [
            sys.executable, "-m", "newsledger.cli", "web", "--db", str(db), "--port", "0", *args,
        ]  # fmt: skip
        self.env = {**os.environ, **(env or {})}
        self.cwd = cwd or db.parent
        self.url = ""
        self.process: subprocess.Popen[str] | None = None
        self.output: list[str] = []

    def __enter__(self) -> WebServer:
        self.process = subprocess.Popen(
            self.command,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            env=self.env,
            cwd=self.cwd,
            start_new_session=True,
        )
        lines: queue.Queue[str] = queue.Queue()
        stdout = self.process.stdout
        assert stdout is not None
        threading.Thread(target=lambda: [lines.put(line) for line in stdout], daemon=True).start()
        deadline = time.monotonic() + START_DEADLINE_S
        while not self.url:
            try:
                line = lines.get(timeout=0.5)
            except queue.Empty:
                line = ""
            self.output.append(line)
            found = re.search(r"(http://\S+/)", line)
            if found:
                self.url = found.group(1).rstrip(";")
            elif self.process.poll() is not None or time.monotonic() > deadline:
                self.__exit__(None, None, None)
                raise RuntimeError("newsledger web did not start:\n" + "".join(self.output))
        while True:
            try:
                if httpx.get(self.url + "healthz", timeout=5).status_code == 200:
                    return self
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline:
                self.__exit__(None, None, None)
                raise RuntimeError(f"newsledger web at {self.url} never answered")
            time.sleep(0.2)

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=30)


def csrf_of(html: str) -> str:
    """The CSRF token a page's forms carry."""
    found = re.search(r'name="csrf" value="([0-9a-f]+)"', html)
    assert found, "the page has no form with a CSRF token"
    return found.group(1)


def wait_until(check: object, what: str, deadline_s: float = 60.0) -> None:
    """Polls `check()` until it is true; fails naming `what` past a generous deadline."""
    assert callable(check)
    deadline = time.monotonic() + deadline_s
    while not check():
        if time.monotonic() > deadline:
            raise AssertionError(f"still not true after {deadline_s:.0f} s: {what}")
        time.sleep(0.25)
