"""Reading a file or standard input as text: within the input cap, binary files named, any charset decoded."""

from __future__ import annotations

import errno
import os
from typing import BinaryIO

from .errors import CannotRead, EmptyInput, NoSuchFile, NotAFile, NotText, TooLarge
from .fetch.charset import decode_body, fits
from .filetypes import binary_kind
from .limits import MAX_INPUT_BYTES, format_bytes


def text_from_bytes(data: bytes, name: str) -> str:
    """`data` (the contents of `name`) as text: UTF-8 (a few stray bytes become U+FFFD), or the
    charset its byte-order mark or markup declares, or the one it seems to be in.

    Raises EmptyInput for nothing but whitespace and NotText for a PDF, image or other binary file.
    """
    if not data.strip():
        raise EmptyInput(f"{name} is empty" if not data else f"{name} holds only whitespace")
    kind = binary_kind(data)
    if kind is not None:
        raise NotText(
            f"{name} starts with {data[:8]!r}",
            user_message=f"That is {kind}, not text or HTML: copy the article's text, or give me its link.",
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    if not data.startswith((b"\xff\xfe", b"\xfe\xff")) and fits(data, "utf-8"):
        return data.decode("utf-8", errors="replace")  # UTF-8 with a few stray bytes
    return decode_body(data).text


def read_capped(stream: BinaryIO, name: str, max_bytes: int = MAX_INPUT_BYTES) -> bytes:
    """Everything `stream` holds, or TooLarge as soon as it is over `max_bytes` (nothing more is read)."""
    data = stream.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise TooLarge(
            f"{name} is larger than the {max_bytes}-byte cap",
            user_message=(
                f"That is too long for me to read: I read at most {format_bytes(max_bytes)} "
                "of a file or standard input."
            ),
        )
    return data


def read_stream(stream: BinaryIO, name: str = "standard input") -> str:
    """Standard input (or any byte stream) as text, within the input cap."""
    return text_from_bytes(read_capped(stream, name), name)


def read_file(path: str) -> str:
    """The file at `path` as text, within the input cap; a missing, unreadable or special path
    raises the error that says so."""
    try:
        if os.path.isdir(path):
            raise NotAFile(f"{path!r} is a directory")
        with open(path, "rb") as stream:
            return text_from_bytes(read_capped(stream, repr(path)), repr(path))
    except FileNotFoundError as exc:
        raise NoSuchFile(f"no file or folder {path!r}") from exc
    except NotADirectoryError as exc:
        raise NoSuchFile(f"{path!r}: a part of the path is a file, not a folder") from exc
    except IsADirectoryError as exc:
        raise NotAFile(f"{path!r} is a directory") from exc
    except PermissionError as exc:
        raise CannotRead(
            f"{path!r}: permission denied", user_message="I'm not allowed to read that file (permission denied)."
        ) from exc
    except OSError as exc:
        if exc.errno == errno.ENAMETOOLONG:
            raise NoSuchFile(f"the file name is {len(path)} characters long, too long for a file name") from exc
        raise CannotRead(f"{path!r}: {exc.strerror or exc}") from exc
