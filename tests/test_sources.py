"""Raw files: what is accepted, and the exact problem reported for what is not."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest
from conftest import RAW

from adhd_corpus.errors import Problem
from adhd_corpus.sources import MAX_RAW_BYTES, RawText, decode, read_raw

GOOD = b"ADHD and Dopamine\n\nDopamine may affect focus in ADHD.\n"


def problems_by_name(items: list[RawText | Problem]) -> dict[str, str]:
    """File name -> str of its problem without the file part."""
    found: dict[str, str] = {}
    for item in items:
        if isinstance(item, Problem):
            name = Path(item.file).name
            found[name] = str(item).removeprefix(item.file)
    return found


# --- decode ---------------------------------------------------------------------------------


def test_good_bytes_decode() -> None:
    raw = decode(GOOD, "a.txt")
    assert isinstance(raw, RawText)
    assert raw.text == GOOD.decode("utf-8")
    assert raw.sha256 == hashlib.sha256(GOOD).hexdigest()
    assert raw.bytes == len(GOOD)
    assert raw.name == "a.txt"
    assert raw.article_id == "a"


@pytest.mark.parametrize(
    "data",
    [b"", b" \n\t\r\n   \n", b"\xef\xbb\xbf", b"\xef\xbb\xbf \n\n"],
    ids=["empty", "whitespace", "bom-only", "bom-whitespace"],
)
def test_a_file_without_text_is_empty(data: bytes) -> None:
    assert decode(data, "x.txt") == Problem("x.txt", None, "empty: the file has no text")


def test_invalid_utf8_names_byte_offset_and_line() -> None:
    data = b"Title\n\nabc \xff def\n"
    problem = decode(data, "x.txt")
    assert problem == Problem("x.txt", 3, "not UTF-8: byte 0xff at byte offset 11")
    assert str(problem) == "x.txt:3: not UTF-8: byte 0xff at byte offset 11"


def test_latin1_text_is_not_utf8() -> None:
    data = "Title\n\nCaf\u00e9 culture.\n".encode("latin-1")
    assert decode(data, "x.txt") == Problem("x.txt", 3, "not UTF-8: byte 0xe9 at byte offset 10")


def test_truncated_multibyte_sequence_at_the_end() -> None:
    data = "Title\n\nit\u2019".encode()[:-1]  # the last byte of U+2019 is cut off
    assert decode(data, "x.txt") == Problem("x.txt", 3, "not UTF-8: byte 0xe2 at byte offset 9")


@pytest.mark.parametrize(
    ("data", "line", "reason"),
    [
        (b"Title\n\nBody\x00 text\n", 3, "control character U+0000 at offset 11"),
        (b"Title\x1b\n\nBody.\n", 1, "control character U+001B at offset 5"),
        (b"Title\n\nOne.\n\nTwo\x7f.\n", 5, "control character U+007F at offset 16"),
        ("Title\n\nA\u0085B.\n".encode(), 3, "control character U+0085 at offset 8"),
        (b"Title\n\nform\x0cfeed.\n", 3, "control character U+000C at offset 11"),
    ],
    ids=["nul", "escape", "delete", "c1-next-line", "form-feed"],
)
def test_control_character_is_named_with_its_line(data: bytes, line: int, reason: str) -> None:
    assert decode(data, "x.txt") == Problem("x.txt", line, reason)


def test_tab_and_crlf_are_text() -> None:
    data = b"Title\r\n\r\n\tDopamine may affect focus.\r\n"
    raw = decode(data, "x.txt")
    assert isinstance(raw, RawText)
    assert raw.text == data.decode("utf-8")  # no newline translation


def test_oversize_file_names_its_size_and_the_limit() -> None:
    data = b"a" * (MAX_RAW_BYTES + 1)
    assert decode(data, "big.txt") == Problem(
        "big.txt", None, "file is 1,048,577 bytes; the limit is 1,048,576 bytes"
    )


def test_a_file_at_the_limit_is_accepted() -> None:
    data = b"Title\n\n" + b"a" * (MAX_RAW_BYTES - 7)
    assert len(data) == MAX_RAW_BYTES
    assert isinstance(decode(data, "big.txt"), RawText)


def test_bom_file_decodes_with_the_bom_as_character_zero() -> None:
    data = b"\xef\xbb\xbf" + GOOD
    raw = decode(data, "bom.txt")
    assert isinstance(raw, RawText)
    assert raw.text[0] == "\ufeff"
    assert raw.text[1:] == GOOD.decode("utf-8")
    assert raw.sha256 == hashlib.sha256(data).hexdigest()
    assert raw.bytes == len(data)


# --- read_raw ----------------------------------------------------------------------------------


def test_the_repository_raw_folder_reads_cleanly() -> None:
    items = list(read_raw(RAW))
    assert all(isinstance(i, RawText) for i in items), items
    names = [i.name for i in items if isinstance(i, RawText)]
    assert names == sorted(p.name for p in RAW.glob("*.txt"))


def test_read_raw_reports_every_bad_entry_and_keeps_the_good(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "a_first.txt").write_bytes(GOOD)
    (raw / "b_copy.txt").write_bytes(GOOD)
    (raw / "c_other.txt").write_bytes(GOOD.replace(b"may", b"might"))
    (raw / "empty.txt").write_bytes(b"")
    (raw / "notes.md").write_text("# notes\n", encoding="utf-8")
    (raw / "folder.txt").mkdir()
    (raw / "bad name.txt").write_bytes(GOOD + b"x")
    (raw / ".DS_Store").write_bytes(b"\x00\x01")  # hidden: skipped, not reported
    outside = tmp_path / "outside.txt"
    outside.write_bytes(GOOD + b"outside")
    (raw / "link.txt").symlink_to(outside)

    items = list(read_raw(raw))

    assert [i.name for i in items if isinstance(i, RawText)] == ["a_first.txt", "c_other.txt"]
    assert problems_by_name(items) == {
        "b_copy.txt": ": same content as a_first.txt",
        "empty.txt": ": empty: the file has no text",
        "notes.md": ": not a .txt file; raw/ holds only article texts",
        "folder.txt": ": not a .txt file; raw/ holds only article texts",
        "bad name.txt": ": file name cannot be an article id (letters, digits, _ . - only)",
        "link.txt": ": symbolic link to a file outside the raw folder",
    }


def test_a_symlink_outside_is_refused_even_to_a_good_article(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    raw.mkdir()
    shutil.copyfile(sorted(RAW.glob("*.txt"))[0], raw / "real.txt")
    (raw / "escape.txt").symlink_to(sorted(RAW.glob("*.txt"))[1])
    items = list(read_raw(raw))
    assert problems_by_name(items) == {
        "escape.txt": ": symbolic link to a file outside the raw folder"
    }


def test_oversize_file_in_a_folder_is_refused(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "big.txt").write_bytes(b"Title\n\n" + b"a" * MAX_RAW_BYTES)
    items = list(read_raw(raw))
    assert problems_by_name(items) == {
        "big.txt": ": file is 1,048,583 bytes; the limit is 1,048,576 bytes"
    }


def test_invalid_utf8_in_a_folder_names_the_file_and_line(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "bad.txt").write_bytes(b"Title\n\nabc \xff def\n")
    [problem] = list(read_raw(raw))
    assert isinstance(problem, Problem)
    assert Path(problem.file).name == "bad.txt"
    assert problem.line == 3
    assert problem.reason == "not UTF-8: byte 0xff at byte offset 11"


def test_missing_and_empty_folders_are_problems(tmp_path: Path) -> None:
    missing = tmp_path / "nope"
    assert list(read_raw(missing)) == [Problem(str(missing), None, "raw folder not found")]
    empty = tmp_path / "empty"
    empty.mkdir()
    assert list(read_raw(empty)) == [Problem(str(empty), None, "no .txt files in the raw folder")]
