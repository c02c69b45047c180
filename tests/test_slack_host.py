"""`newsbot slack --http --host ADDRESS` listens on that address only (default: every address)."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from newsbot.cli import build_parser

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def reachable(host: str, port: int) -> bool:
    try:
        with socket.create_connection((host, port), timeout=0.5):
            return True
    except OSError:
        return False


def test_the_default_host_is_every_address() -> None:
    args = build_parser().parse_args(["slack", "--http"])
    assert (args.host, args.port) == ("0.0.0.0", 3000)


def test_http_mode_listens_only_on_the_given_host(tmp_path: Path) -> None:
    port = free_port()
    env = {
        **os.environ,
        "SLACK_SIGNING_SECRET": "host-test-secret",
        "SLACK_BOT_TOKEN": "xoxb-host-test",
        "SLACK_API_URL": "http://127.0.0.1:9/api/",
        "NEWSBOT_DB_PATH": str(tmp_path / "host.db"),
        "PYTHONPATH": str(ROOT),
    }
    env.pop("DATABASE_URL", None)
    command = [sys.executable, "-m", "newsbot", "slack", "--http", "--host", "127.0.0.1", "--port", str(port)]
    child = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 90
        while not reachable("127.0.0.1", port):
            if child.poll() is not None:
                pytest.fail(f"newsbot slack exited: {child.stderr.read().decode() if child.stderr else ''}")
            assert time.monotonic() < deadline, "newsbot slack never listened"
            time.sleep(0.1)
        assert not reachable("127.0.0.2", port), "another loopback address of this machine is not served"
    finally:
        child.send_signal(signal.SIGINT)
        try:
            child.wait(30)
        except subprocess.TimeoutExpired:
            child.kill()
            child.wait(10)
