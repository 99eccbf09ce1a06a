"""Ways real exports mangle text, for tests to apply to clean trajectories."""

from __future__ import annotations

CP1252_UNDEFINED = {0x81, 0x8D, 0x8F, 0x90, 0x9D}


def misdecode(text: str, codec: str) -> str:
    """The text a tool shows after reading ``text``'s UTF-8 bytes as ``codec``.

    cp1252's five undefined bytes come out as the C1 controls of the same
    value, as Windows' own decoder and most tools do.
    """
    data = text.encode("utf-8")
    if codec != "cp1252":
        return data.decode(codec)
    return "".join(chr(b) if b in CP1252_UNDEFINED else bytes([b]).decode("cp1252") for b in data)


def mojibake_bytes(text: str, *codecs: str) -> bytes:
    """UTF-8 bytes of ``text`` mis-decoded with each codec in turn and saved as UTF-8."""
    for codec in codecs:
        text = misdecode(text, codec)
    return text.encode("utf-8")
