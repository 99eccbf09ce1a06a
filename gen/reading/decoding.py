"""Bytes to exact text: byte-order marks, UTF-16, line ends and mojibake repair.

Trajectories are exported by scripts, and some exports decoded UTF-8 bytes as a
legacy single-byte code page and saved the result as UTF-8 again (sometimes
twice). Such mojibake is reversible exactly: encode the text back with the
code page that garbled it and decode the bytes as UTF-8. The whole text is
tried first; where that fails (a script garbled the model's output but not the
template around it), each line is tried on its own. Nothing is guessed: text
that no exact round trip explains is left as written.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

MAX_REPAIR_ROUNDS = 3
# C0 controls other than tab and newline, and DEL: no text file holds them, binary data does.
CONTROL_CHARACTERS = re.compile("[\x00-\x08\x0b-\x1f\x7f]")


@dataclass(frozen=True)
class DecodedText:
    """The text of one file and what it took to get it."""

    text: str
    steps: tuple[str, ...]
    problems: tuple[str, ...]


def _cp1252_table() -> dict[int, str]:
    table = {}
    for byte in range(0x80, 0xA0):
        try:
            table[ord(bytes([byte]).decode("cp1252"))] = chr(byte)
        except UnicodeDecodeError:
            continue
    return table


CP1252_TO_LATIN1 = _cp1252_table()


def _cp1252_or_latin1(text: str) -> bytes:
    """Encode as cp1252, letting U+0000..U+00FF stand for their own byte.

    Decoders that meet cp1252's five undefined bytes (0x81, 0x8D, 0x8F, 0x90,
    0x9D) map them to the C1 control of the same value, and a Latin-1 decode
    maps every byte to its own code point; this inverse accepts both.
    """
    return text.translate(CP1252_TO_LATIN1).encode("latin-1")


def _mac_roman(text: str) -> bytes:
    return text.encode("mac_roman")


# Each code page with the highest code point its decoding can produce: text
# holding a higher one cannot have come out of that code page.
LEGACY_ENCODERS = {"cp1252": (_cp1252_or_latin1, "\u2122"), "mac-roman": (_mac_roman, "\ufb02")}


def _undo_one_round(text: str) -> tuple[str, str] | None:
    """Undo one whole-text mis-decoding, or return None when none applies."""
    if text.isascii():
        return None
    highest = max(text)
    for name, (encode, repertoire_top) in LEGACY_ENCODERS.items():
        if highest > repertoire_top:
            continue
        try:
            repaired = encode(text).decode("utf-8")
        except (UnicodeEncodeError, UnicodeDecodeError):
            continue
        if repaired != text:
            return repaired, name
    return None


def _undo_rounds(text: str) -> tuple[str, list[str]]:
    """Undo whole-text mis-decodings, the last one first; returns the text and the code pages undone."""
    names: list[str] = []
    for _ in range(MAX_REPAIR_ROUNDS):
        undone = _undo_one_round(text)
        if undone is None:
            break
        text, name = undone
        names.append(name)
    return text, names


def _mojibake_pattern() -> re.Pattern[str]:
    """A UTF-8 lead byte then a continuation byte, as cp1252, Latin-1 or Mac Roman show them.

    Every mis-decoded multi-byte character starts so, so a line without such a
    pair holds no mojibake these code pages made and is not worth a round trip.
    """
    def characters(start: int, end: int) -> str:
        raw = bytes(range(start, end))
        shown = set(raw.decode("latin-1")) | set(raw.decode("mac_roman")) | set(raw.decode("cp1252", errors="ignore"))
        return re.escape("".join(sorted(shown)))

    return re.compile(f"[{characters(0xC2, 0xF5)}][{characters(0x80, 0xC0)}]")


MOJIBAKE_PAIR = _mojibake_pattern()


def _repair_lines(text: str) -> tuple[str, tuple[str, ...]]:
    lines = text.split("\n")
    repaired = 0
    for index, line in enumerate(lines):
        if not MOJIBAKE_PAIR.search(line):
            continue
        fixed, names = _undo_rounds(line)
        if names:
            lines[index] = fixed
            repaired += 1
    return ("\n".join(lines), (f"undid mojibake in {repaired} line(s)",)) if repaired else (text, ())


def repair_mojibake(text: str) -> tuple[str, tuple[str, ...]]:
    """Return the repaired text and the repairs applied, in order.

    Every round trip that changes a text turns a mis-decoded pair back into one
    character, so a text without such a pair is returned at once: one scan
    instead of encoding the whole text per code page.
    """
    if not MOJIBAKE_PAIR.search(text):
        return text, ()
    repaired, names = _undo_rounds(text)
    if names:
        return repaired, tuple(f"undid {name} mojibake" for name in names)
    return _repair_lines(text)


def _decode_unicode(data: bytes) -> tuple[str, list[str], list[str]]:
    """Decode by byte-order mark, else as UTF-8; invalid bytes become U+FFFD."""
    steps: list[str] = []
    problems: list[str] = []
    for bom, encoding in ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")):
        if data.startswith(bom):
            steps.append(f"{encoding} with byte-order mark")
            data = data[len(bom):]
            break
    else:
        encoding = "utf-8"
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as error:
        text = data.decode(encoding, errors="replace")
        problems.append(f"not valid {encoding} (first bad byte at offset {error.start}); undecodable bytes shown as U+FFFD")
    return text, steps, problems


def decode_trajectory_bytes(data: bytes) -> DecodedText:
    """Turn a file's bytes into the text its author wrote."""
    text, steps, problems = _decode_unicode(data)
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        steps.append("normalised line ends")
    if not problems:
        text, repairs = repair_mojibake(text)
        steps.extend(repairs)
    text, controls = CONTROL_CHARACTERS.subn("\ufffd", text)
    if controls:
        problems.append(f"contains {controls} control character(s), as binary data does; shown as U+FFFD")
    return DecodedText(text, tuple(steps), tuple(problems))
