"""Progress bars of `newsbot batch` and `newsbot eval`: on a terminal, with count, rate and time left;
nothing with --quiet or when standard error is not a terminal."""

from __future__ import annotations

import io
import json
import os
import pty
import subprocess
import sys
from pathlib import Path

from bot.progress import wants_progress, with_progress

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))


def run_with_terminal_stderr(args: list[str], stdin: Path, tmp_path: Path) -> tuple[int, str, str]:
    """Run `newsbot ARGS < stdin` with standard error on a pseudo-terminal; returns (code, stdout, stderr).

    The pseudo-terminal reports no size, as some do: the bar then takes a fixed width."""
    controller, terminal = pty.openpty()
    out = tmp_path / "stdout.txt"
    with stdin.open("rb") as source, out.open("wb") as sink:
        process = subprocess.Popen(
            [str(Path(sys.executable).with_name("newsbot")), *args],
            stdin=source,
            stdout=sink,
            stderr=terminal,
            cwd=tmp_path,
            env={**os.environ, "COLUMNS": "120"},
        )
        os.close(terminal)
        seen = bytearray()
        while True:
            try:
                chunk = os.read(controller, 4096)
            except OSError:  # the terminal's other end closed: the process is done
                break
            if not chunk:
                break
            seen.extend(chunk)
        code = process.wait(timeout=300)
    os.close(controller)
    return code, out.read_text("utf-8"), seen.decode("utf-8", errors="replace")


def batch_input(tmp_path: Path) -> Path:
    lines = tmp_path / "in.jsonl"
    lines.write_text("".join(json.dumps({"id": p.stem, "text": p.read_text("utf-8")}) + "\n" for p in SEEDS), "utf-8")
    return lines


def test_batch_shows_count_rate_and_time_left_on_a_terminal(tmp_path: Path) -> None:
    code, out, err = run_with_terminal_stderr(["batch", "--sentences", "1"], batch_input(tmp_path), tmp_path)
    assert code == 0, err
    assert len(out.splitlines()) == len(SEEDS)
    final = err.replace("\r", "\n").strip().splitlines()[-1]
    assert final.startswith("batch: 100%"), final
    assert f"{len(SEEDS)}/{len(SEEDS)}" in final
    assert "<" in final, "elapsed<left"
    assert "articles/s" in final or "s/ articles" in final


def test_quiet_turns_the_bar_off(tmp_path: Path) -> None:
    code, out, err = run_with_terminal_stderr(["batch", "--quiet"], batch_input(tmp_path), tmp_path)
    assert code == 0 and len(out.splitlines()) == len(SEEDS)
    assert err == ""


def test_eval_shows_a_bar_on_a_terminal(tmp_path: Path) -> None:
    data = tmp_path / "data.jsonl"
    data.write_text("".join(json.dumps({"id": p.stem, "article": p.read_text("utf-8")}) + "\n" for p in SEEDS))
    code, _, err = run_with_terminal_stderr(["eval", "summaries", str(data), "--jobs", "1"], Path(os.devnull), tmp_path)
    assert code == 0, err
    assert "eval: 100%" in err and f"{len(SEEDS)}/{len(SEEDS)}" in err
    assert f"wrote {len(SEEDS)} reports" in err
    assert len((tmp_path / "predictions.jsonl").read_text().splitlines()) == len(SEEDS)


class FakeTerminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_a_bar_only_for_a_terminal_and_not_when_quiet() -> None:
    assert wants_progress(False, FakeTerminal())
    assert not wants_progress(True, FakeTerminal())
    assert not wants_progress(False, io.StringIO())


def test_the_items_pass_through_unchanged_with_or_without_a_bar() -> None:
    stream = FakeTerminal()
    assert list(with_progress(iter("abc"), total=3, label="x", unit="things", show=True, stream=stream)) == list("abc")
    assert "3/3" in stream.getvalue()
    silent = io.StringIO()
    passed = with_progress(iter("abc"), total=None, label="x", unit="things", show=False, stream=silent)
    assert list(passed) == list("abc")
    assert silent.getvalue() == ""
