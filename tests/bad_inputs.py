"""Bad trajectory files, written by the tests themselves: one per way real exports go wrong.

Each ``BadFile`` says where it goes in a trajectories folder, its bytes, what a
diagnostic about it must say and what its page must still show.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from gen.reading.trajectory_format import format_trajectory
from gen.records import Ablation, Identity, Plan, Trajectory
from tests.mangling import misdecode, mojibake_bytes

LARGE_FILE_BYTES = 1 << 20
LARGE_END = "LAST-WORDS-OF-THE-LARGE-FILE"

CLEAN = Trajectory(
    source="",
    identity=Identity("lm-planner", "gpt-4o", "Clean_Paper"),
    reasoning="We ablate the noise schedule σ and the smoothing.\n\n1. First, the noise.\n2. Then the smoothing.",
    plan=Plan(
        preamble="",
        ablations=(
            Ablation("Noise level", "Gaussian noise σ in RP", "REPLACE", ("0.001", "0.01"), ("R@1", "FID")),
            Ablation("Drop smoothing", "Embedding smoothing", "REMOVE", None, ("R@1",)),
        ),
    ),
)


def clean_text(paper: str, reasoning: str | None = CLEAN.reasoning, ablations: tuple[Ablation, ...] | None = CLEAN.plan.ablations) -> str:
    """A well-formed trajectory for ``lm-planner/gpt-4o/<paper>``; ``None`` leaves a box out."""
    plan = replace(CLEAN.plan, ablations=ablations) if ablations is not None else None
    return format_trajectory(replace(CLEAN, identity=replace(CLEAN.identity, paper=paper), reasoning=reasoning, plan=plan))


@dataclass(frozen=True)
class BadFile:
    path: str
    data: bytes
    problem: str | None  # what a diagnostic about this file says; None: the file reads cleanly
    shown: tuple[str, ...] = ()  # text its page shows
    url: str | None = None  # its page, where the published URL pattern fixes it

    def write(self, folder: Path) -> None:
        target = folder / self.path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(self.data)


def _in_gpt4o(paper: str, data: bytes, problem: str | None, *shown: str) -> BadFile:
    return BadFile(f"lm-planner/gpt-4o/{paper}.md", data, problem, shown, f"trajectories/lm-planner/gpt-4o/{paper}/")


def _large_reasoning() -> str:
    line = "A long reasoning line about the ablation of the noise schedule, repeated many times. "
    wide = "wide" + " " * 200_000 + "line"  # a single enormous line, blanks inside
    return "\n".join([line] * (LARGE_FILE_BYTES // len(line) + 1) + [wide, LARGE_END])


def _unclosed(text: str) -> str:
    return text.replace("\n</div>", "\n")


def _without_heading(text: str) -> str:
    return "\n".join(line for line in text.split("\n") if not line.startswith("# "))


BINARY = bytes(range(256)) * 64
PRINTABLE_ASCII_RUN = bytes(range(0x30, 0x7F)).decode("ascii")  # '0123…xyz{|}~' inside the binary file


def malformed_files() -> list[BadFile]:
    """One file per malformation the issue lists, each with its own page."""
    no_action = Ablation("Ablation without action", "The encoder", "", None, ("FID",))
    unknown_action = Ablation("Ablation with odd action", "The decoder", "DOUBLE", None, ("FID",))
    loose_lines = Ablation("Ablation with loose lines", "The loss", "REMOVE", None, ("FID",), unstructured="A sentence that is not a field.")
    return [
        _in_gpt4o("Empty_File", b"", "empty file"),
        _in_gpt4o("Binary_File", BINARY, "control character", PRINTABLE_ASCII_RUN, "\ufffd"),
        _in_gpt4o(
            "Invalid_UTF8",
            clean_text("Invalid_UTF8").encode("utf-8").replace(b"First, the noise.", b"First, the \xff\xfe noise."),
            "not valid utf-8",
            "First, the \ufffd\ufffd noise.",
            "Drop smoothing",
        ),
        _in_gpt4o("No_Plan", clean_text("No_Plan", ablations=None).encode(), "no ablation plan box", "Then the smoothing."),
        _in_gpt4o("No_Reasoning", clean_text("No_Reasoning", reasoning=None).encode(), "no reasoning trace box", "Drop smoothing"),
        _in_gpt4o("No_Heading", _without_heading(clean_text("No_Heading")).encode(), "no '# planner/model/paper' heading", "Then the smoothing."),
        _in_gpt4o("No_Action", clean_text("No_Action", ablations=(no_action,)).encode(), "has no action", "Ablation without action"),
        _in_gpt4o("Unknown_Action", clean_text("Unknown_Action", ablations=(unknown_action,)).encode(), "unknown action 'DOUBLE'", "DOUBLE"),
        _in_gpt4o("Unclosed_Boxes", _unclosed(clean_text("Unclosed_Boxes")).encode(), "never closed", "Then the smoothing.", "Drop smoothing"),
        _in_gpt4o("Large_File", clean_text("Large_File", reasoning=_large_reasoning()).encode(), "very large file", LARGE_END, "Drop smoothing"),
        _in_gpt4o(
            "Text_Outside_Boxes",
            (clean_text("Text_Outside_Boxes").replace("\n\n<div", "\n\nWords between the boxes.\n\n<div", 2) + "\nWords after the boxes.").encode(),
            "outside the boxes",
            "Words between the boxes.",
            "Words after the boxes.",
        ),
        _in_gpt4o("Loose_Plan_Lines", clean_text("Loose_Plan_Lines", ablations=(loose_lines,)).encode(), "not fields", "A sentence that is not a field."),
    ]


def well_encoded_files() -> list[BadFile]:
    """The same clean trajectory in every encoding the build repairs: no diagnostics, exact text."""
    def variant(paper: str, encode) -> BadFile:
        return _in_gpt4o(paper, encode(clean_text(paper)), None, "Gaussian noise σ in RP", "We ablate the noise schedule σ")

    return [
        variant("UTF8_BOM", lambda text: b"\xef\xbb\xbf" + text.encode("utf-8")),
        variant("UTF16_BOM_CRLF", lambda text: text.replace("\n", "\r\n").encode("utf-16")),
        variant("Cp1252_Twice", lambda text: mojibake_bytes(text, "cp1252", "cp1252")),
        variant("Mac_Roman", lambda text: mojibake_bytes(text, "mac_roman")),
        variant("Only_The_Reasoning_Mangled", lambda text: text.replace(CLEAN.reasoning, misdecode(CLEAN.reasoning, "cp1252")).encode()),
    ]


DUPLICATED, COPIED = "Duplicated_Paper", "Copied_Paper"
DIFFERING_DUPLICATES = (
    BadFile(f"lm-planner/gpt-4o/{DUPLICATED}.md", clean_text(DUPLICATED, reasoning="The first version.").encode(), None, ("The first version.",)),
    BadFile(f"lm-planner/gpt-4o/{DUPLICATED}.txt", clean_text(DUPLICATED, reasoning="The second version.").encode(), "but differs", ("The second version.",)),
)
_COPIED_TEXT = clean_text(COPIED, ablations=(Ablation("Copied ablation", "Part", "DOUBLE", None, ("FID",)),)).encode()
IDENTICAL_COPIES = (
    BadFile(f"lm-planner/gpt-4o/{COPIED}.md", _COPIED_TEXT, "unknown action", ("Copied ablation",)),
    BadFile(f"lm-planner/gpt-4o/{COPIED}.txt", _COPIED_TEXT, f"identical copy of lm-planner/gpt-4o/{COPIED}.md"),
)

# Markup in every place a trajectory can put text. Every payload carries XSS so a test can
# look for it in executable places; the tokens in angle brackets must stay visible as written.
XSS_PAPER = '</title><script>XSSPAPER()</script><b onmouseover="XSSPAPERATTR()">'  # no "_": titles show it as a space
MARKUP_IDENTITY = Identity("<img src=x onerror=XSS_PLANNER()>", "<svg onload=XSS_MODEL()>", XSS_PAPER)
MARKUP_REASONING = "\n\n".join(  # blank lines apart: each line is its own Markdown block
    [
        "Reasoning with <script>XSS_REASONING()</script> and tokens <CLS> <EOS> <pad> kept.",
        "<EOS>",
        '<iframe src="https://evil.example/XSS_IFRAME"></iframe>',
        '<p onclick="XSS_ONCLICK()">clickable paragraph</p>',
        "[markdown link](javascript:XSS_MDLINK()) and [entity link](&#106;avascript:XSS_ENTITY())",
        '<a href="JaVaScRiPt:XSS_HREF()">raw link</a> and <JAVASCRIPT:XSS_AUTOLINK()>',
        "![image](https://evil.example/XSS_IMAGE.png) <img src=x onerror=XSS_IMG()>",
        '<div onclick="XSS_DIV()" style="position:fixed">covering div</div>',
        '<span style="color:red">XSS_STYLE</span> and H<sub>2</sub>O in <b>bold</b>',
    ]
)
MARKUP_ABLATION = Ablation(
    name="<script>XSS_NAME()</script> Name <CLS>",
    part='<iframe src="javascript:XSS_PART()"></iframe> part <pad>',
    action="REPLACE",
    replacements=(
        "<img src=x onerror=XSS_ITEM()> item <EOS>",
        '<a href="javascript:XSS_ITEM_HREF()">click</a>',
        "[link](javascript:XSS_ITEM_MDLINK())",
        '<span style="color:red">XSS_ITEM_STYLE</span>',
        "H<sub>2</sub>O",
    ),
    metrics=("<svg onload=XSS_METRIC()>", "<style>body{display:none}</style>"),
    other_fields=(("<i onmouseover=XSS_KEY()>Notes</i>", '<object data="XSS_OBJECT"></object> note'),),
    unstructured="<script>XSS_LOOSE_PLAN_LINE()</script> loose line",
)
MARKUP_ACTION = Ablation("Markup in the action", "part", '<script>XSS_ACTION()</script>', None, ("FID",))
MARKUP_LITERALS = ("<CLS>", "<EOS>", "<pad>", "<script>XSS_REASONING()</script>", '<span style="color:red">XSS_STYLE</span>', "<script>XSS_NAME()</script>", "<script>XSS_ACTION()</script>")


def markup_file() -> BadFile:
    record = replace(
        CLEAN,
        identity=MARKUP_IDENTITY,
        reasoning=MARKUP_REASONING,
        plan=Plan("<script>XSS_PREAMBLE()</script> preamble <CLS>", (MARKUP_ABLATION, MARKUP_ACTION)),
        unstructured=("<script>XSS_OUTSIDE()</script> outside the boxes",),
    )
    return BadFile("markup/everywhere.md", format_trajectory(record).encode(), "unsafe in a URL", MARKUP_LITERALS)


ESCAPE_MARKER = "escapemarker"
TRAVERSAL_FILES = (
    BadFile(
        "traversal/dots.md",
        clean_text(f"../../../../{ESCAPE_MARKER}").replace("# lm-planner/gpt-4o/", "# ../../").encode(),
        "unsafe in a URL",
        (f"../../../../{ESCAPE_MARKER}",),
    ),
    BadFile(
        "traversal/backslashes.md",
        clean_text(f"%2e%2e%2f{ESCAPE_MARKER}").replace("# lm-planner/", "# ..\\..\\" + ESCAPE_MARKER + "/").encode(),
        "unsafe in a URL",
        (f"%2e%2e%2f{ESCAPE_MARKER}",),
    ),
)


def all_files() -> list[BadFile]:
    return [*malformed_files(), *well_encoded_files(), *DIFFERING_DUPLICATES, *IDENTICAL_COPIES, markup_file(), *TRAVERSAL_FILES]


def write_folder(folder: Path, files: list[BadFile]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for bad_file in files:
        bad_file.write(folder)
    return folder
