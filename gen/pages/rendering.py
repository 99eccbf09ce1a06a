"""Trajectory Markdown to safe HTML.

Trajectories were written for GitHub-flavoured renderers: a paragraph runs
straight into a list, replacement lists nest by two spaces. Python-Markdown
(MkDocs' renderer) reads both differently, so trajectory text is rendered here
with markdown-it-py (CommonMark plus tables, strikethrough and dollar math), and
MkDocs only wraps the result.

Trajectory text is untrusted. Raw HTML in it is shown as literal text (so
``<CLS>`` stays visible), except bare inline tags on a short allowlist such as
``<sub>``, and those only where they open and close within one paragraph;
every output then passes nh3's allowlist sanitizer as a second wall.
"""

from __future__ import annotations

import html
import re
from functools import cache

import nh3
from latex2mathml.converter import convert as latex_to_mathml
from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.dollarmath import dollarmath_plugin

from gen.records import quoted

# No ``s``: ``<s>`` and ``</s>`` are the sequence tokens of many models, not strikethrough.
INLINE_TAGS = frozenset("sub sup b i em strong code br u del ins mark small kbd var".split())
VOID_INLINE_TAGS = frozenset({"br"})
BARE_INLINE_TAG = re.compile(r"^<(/?)([a-zA-Z]+)\s*/?>$")
LINK_SCHEMES = frozenset({"http", "https", "mailto"})
# Characters that can make inline Markdown (emphasis is off for fields); a field
# without any renders as its escaped text, so the renderer is skipped.
FIELD_MARKUP = re.compile(r"[`$<&\[\\]")
HEADING_SHIFT = 3  # trajectory headings sit under the page's h1-h3
UNCONVERTED_MATH = "unconverted_math"  # the renderer env's list of formulas shown as source

MATHML_TAGS = frozenset(
    "math semantics annotation mrow mi mn mo ms mtext mspace msub msup msubsup mfrac msqrt mroot "
    "mover munder munderover mtable mtr mtd mstyle mpadded mphantom menclose merror".split()
)
# Tags the Markdown renderer itself makes (``s`` for ``~~struck~~``).
BLOCK_TAGS = frozenset(
    "p ul ol li blockquote pre hr h4 h5 h6 table thead tbody tr th td a s".split()
)
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "th": {"style"},
    "td": {"style"},
    "ol": {"start"},
    "math": {"display", "xmlns"},
    "mi": {"mathvariant"},
    "mo": {"stretchy", "fence", "separator", "lspace", "rspace", "form"},
    "mstyle": {"displaystyle", "scriptlevel"},
    "mspace": {"width"},
    "mtable": {"columnalign", "rowspacing", "columnspacing"},
    "mtd": {"columnalign"},
    "mfrac": {"linethickness"},
    "menclose": {"notation"},
    "annotation": {"encoding"},
}
ALLOWED_CLASSES = {"code": {"math-source"}}


def _allowlisted_tag(token: Token) -> tuple[bool, str] | None:
    """(is closing, name) of a bare allowlisted tag; None for any other token."""
    tag = BARE_INLINE_TAG.match(token.content) if token.type == "html_inline" else None
    if tag is None or tag[2].lower() not in INLINE_TAGS:
        return None
    return bool(tag[1]), tag[2].lower()


def _pair_inline_tags(state) -> None:
    """Mark the allowlisted tags that open and close within one paragraph as markup.

    An unpaired ``</b>`` would vanish in the sanitizer and an unpaired ``<b>``
    would embolden the rest of the paragraph; both stay text instead.
    """
    for block in state.tokens:
        open_tags: list[tuple[str, Token]] = []
        for token in block.children or ():
            tag = _allowlisted_tag(token)
            if tag is None:
                continue
            closing, name = tag
            if name in VOID_INLINE_TAGS:
                token.meta["markup"] = f"<{name}>"
            elif not closing:
                open_tags.append((name, token))
            elif any(open_name == name for open_name, _ in open_tags):
                position = max(i for i, (open_name, _) in enumerate(open_tags) if open_name == name)
                open_tags[position][1].meta["markup"], token.meta["markup"] = f"<{name}>", f"</{name}>"
                del open_tags[position:]


def _render_html_inline(renderer, tokens, index, options, env) -> str:
    """Paired allowlisted tags are markup; any other markup is shown as text."""
    token = tokens[index]
    return token.meta.get("markup") or html.escape(token.content)


def _render_html_block(renderer, tokens, index, options, env) -> str:
    lines = html.escape(tokens[index].content.strip("\n")).split("\n")
    return "<p>" + "<br>\n".join(lines) + "</p>\n"


def _render_image(renderer, tokens, index, options, env) -> str:
    """Images become links: a page must not fetch anything from another host."""
    token = tokens[index]
    alt = html.escape(token.content or "image")
    return f'<a href="{html.escape(token.attrGet("src") or "")}">{alt}</a>'


def _render_shifted_heading(renderer, tokens, index, options, env) -> str:
    token = tokens[index]
    level = min(6, int(token.tag[1]) + HEADING_SHIFT)
    return f"<h{level}>" if token.nesting == 1 else f"</h{level}>\n"


def _math(latex: str, display: str, env: dict) -> str:
    """MathML made at build time, so pages need no math script or CDN.

    A formula latex2mathml cannot convert is shown as its source and noted in
    ``env["unconverted_math"]``, where the caller passed a list for it, so the
    build can name it in a warning.
    """
    try:
        return latex_to_mathml(latex, display=display)
    except Exception:  # latex2mathml raises many exception types on bad input
        if (unconverted := env.get(UNCONVERTED_MATH)) is not None:
            unconverted.append(latex)
        return f'<code class="math-source">{html.escape(latex)}</code>'


def _render_math_inline(renderer, tokens, index, options, env) -> str:
    return _math(tokens[index].content, "inline", env)


def _render_math_display(renderer, tokens, index, options, env) -> str:
    return _math(tokens[index].content, "block", env)


@cache
def _markdown(emphasis: bool = True) -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])
    if not emphasis:
        md.disable(["emphasis", "strikethrough"])
    md.use(dollarmath_plugin, allow_space=False, allow_digits=False, double_inline=True)
    md.core.ruler.push("pair_inline_tags", _pair_inline_tags)
    md.add_render_rule("math_inline", _render_math_inline)
    md.add_render_rule("math_inline_double", _render_math_display)
    md.add_render_rule("math_block", _render_math_display)
    md.add_render_rule("math_block_label", _render_math_display)
    md.add_render_rule("html_inline", _render_html_inline)
    md.add_render_rule("html_block", _render_html_block)
    md.add_render_rule("image", _render_image)
    md.add_render_rule("heading_open", _render_shifted_heading)
    md.add_render_rule("heading_close", _render_shifted_heading)
    md.validateLink = lambda url: url.split(":", 1)[0].lower() in LINK_SCHEMES if ":" in url else False
    return md


SANITIZER = nh3.Cleaner(
    tags=set(INLINE_TAGS | BLOCK_TAGS | MATHML_TAGS),
    attributes=ALLOWED_ATTRIBUTES,
    allowed_classes=ALLOWED_CLASSES,
    url_schemes=set(LINK_SCHEMES),
    link_rel="nofollow noopener noreferrer",
    filter_style_properties={"text-align"},
)


def sanitize(fragment: str) -> str:
    return SANITIZER.clean(fragment)


def render_markdown(text: str, unconverted_math: list[str] | None = None) -> str:
    """Render one piece of trajectory Markdown to sanitized HTML; formulas shown as source join ``unconverted_math``."""
    return sanitize(_markdown().render(text, {UNCONVERTED_MATH: unconverted_math}))


def render_field(text: str, unconverted_math: list[str] | None = None) -> str:
    """Render a one-line plan field verbatim but for code, math, links and bare inline tags.

    Emphasis is off: in plan fields ``*`` and ``~`` are mostly arithmetic
    (``(1-lambda)*f1 + lambda*f2``), and a field must read as written.
    """
    if not FIELD_MARKUP.search(text):
        return html.escape(text, quote=False)
    return sanitize(_markdown(emphasis=False).renderInline(text, {UNCONVERTED_MATH: unconverted_math}))


def unconverted_math_problem(latex: str) -> str:
    """The warning for a formula shown as its source."""
    return f"formula {quoted(latex)} could not be converted to MathML; shown as its LaTeX source"
