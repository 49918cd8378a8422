"""乱码 (garbled text): mojibake, replacement characters, ``?`` runs, escape leftovers.

Government-website inspections count 乱码 as an error; it comes from a few
well-known accidents, each with a recognisable fingerprint, so this detector
looks for those fingerprints instead of scoring "strange" characters:

* **UTF-8 read as GBK/GB18030** (鏀垮簻缃戠珯 for 政府网站): every UTF-8 CJK
  character is 3 bytes E0–EF 80–BF 80–BF, so the GBK characters of the garbage
  are exactly those whose two bytes are (E0–EF, 80–BF), (80–BF, E0–EF) or
  (80–BF, 80–BF). A run of such characters that contains one with an E0–EF
  lead (rare level-2 characters in real text) is re-encoded as GB18030 and
  decoded as UTF-8; only the stretch that decodes to CJK is reported, and when
  the bytes round-trip completely the repaired text is the suggestion. A
  lone ``?``/``�`` right after it (the byte lost when the byte count was odd)
  belongs to the garbage.
* **UTF-8 read as Latin-1/cp1252** (æ”¿åºœ): repaired the same way.
* **GBK read as Latin-1/cp1252** (ÊÐ³¡¼à¹Ü¾Ö for 市场监管局): both bytes of a GB2312
  character are A1–FE, which Latin-1 and cp1252 both show as ¡…þ; a run of such
  characters (digits may stand between pairs: 2024Äê3ÔÂ) that decodes as GB2312 to at
  least three, mostly common level-1 characters is reported with the repair (real Latin
  words never hold six accented letters in a row). Like the other Latin-1 case it is only
  looked for on a page holding a letter À…ï (the shared trigger set): nearly every GB2312
  phrase has a byte C0–EF.
* **GBK read as UTF-8**: the invalid bytes became U+FFFD, mixed with the
  stray Latin/Greek/Cyrillic/Arabic letters that GBK byte pairs happen to form
  (��ҳ); one finding per run, no repair (the bytes are lost).
* **``?`` runs** where a conversion replaced each CJK character by ``?`` — not two or three ending a
  question (怎么提取??谢谢, 为什么取消了???), as citizens type them on message boards.
* **escape leftovers**: ``&#25919;&#24220;`` or ``\\u653f\\u5e9c`` shown as text
  (repaired as suggestion).
* **placeholder garbage**: ``锟斤拷`` (U+FFFD, already a replacement, saved as
  UTF-8 and read as GBK: EF BF BD EF BF BD), ``烫烫烫`` / ``屯屯屯`` (bytes CC / CD
  that Microsoft's C runtime fills uninitialised memory with, shown as GBK); the
  original text is lost. A quoted mention (“锟斤拷”等乱码) is not reported.
* **C1 control characters** (U+0080–U+009F): invisible, never typed; left by
  text decoded as Latin-1 or converted twice.

Each finding covers the garbage only, never the clean text around it.
"""

from __future__ import annotations

import functools
import html
import re

import regex

from ..lazyre import lazy_re, lazy_regex
from ..model import Category, Severity
from ..registry import Rule, detector
from ._charclasses import ENCODING, present
from ._quotes import is_quoted

RULE = Rule("quality.encoding", Category.quality, Severity.medium, "乱码（编码错误导致的字符错乱）", "疑似乱码")

_MIN_SEQS = 3  # decoded CJK characters needed when the garbage is made of common characters
_PUNCT = lazy_regex(r"[\u3000-\u303f\uff01-\uff20\u2010-\u206f]")
_CJK_OK = lazy_regex(r"[\p{Han}\u3000-\u303f\uff00-\uffef\u2010-\u206f]")


def _char_class(cps: list[int]) -> str:
    """A regex character class for a sorted list of code points (as ranges)."""
    out = []
    i = 0
    while i < len(cps):
        j = i
        while j + 1 < len(cps) and cps[j + 1] == cps[j] + 1:
            j += 1
        a, b = cps[i], cps[j]
        out.append(regex.escape(chr(a)) if a == b else f"{regex.escape(chr(a))}-{regex.escape(chr(b))}")
        i = j + 1
    return "[" + "".join(out) + "]"


@functools.lru_cache(maxsize=1)
def _gbk_tables() -> tuple[regex.Pattern[str], regex.Pattern[str], frozenset[str]]:
    """(run of garbage-capable chars, chars with a UTF-8 lead byte, common GB2312 level-1 chars)."""
    cont = range(0x80, 0xC0)
    lead = range(0xE0, 0xF0)
    any_cps: list[int] = []
    lead_cps: list[int] = []
    common: set[str] = set()
    for cp in range(0x80, 0x10000):
        if 0xD800 <= cp < 0xE000:
            continue
        try:
            b = chr(cp).encode("gb18030")
        except UnicodeEncodeError:
            continue
        if len(b) != 2:
            continue
        b0, b1 = b
        if 0xB0 <= b0 <= 0xD7 and b1 >= 0xA1:
            common.add(chr(cp))
        if b0 in lead and b1 in cont:
            any_cps.append(cp)
            lead_cps.append(cp)
        elif b0 in cont and (b1 in cont or b1 in lead):
            any_cps.append(cp)
    run = regex.compile(_char_class(any_cps) + r"{2,}")
    return run, regex.compile(_char_class(lead_cps)), frozenset(common)


_REPLACEMENT_RUN = lazy_regex(
    r"[\ufffd\u0080-\u07ff](?:[\ufffd\u0080-\u07ff]|[^\s\p{P}](?=[\ufffd\u0080-\u07ff]))*"
)
_LATIN1 = lazy_regex(
    r"[\u00c0-\u00ef][\u0080-\u00ff\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc"
    r"\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122]{2,}"
    r"(?:[\u00c0-\u00ef][\u0080-\u00ff\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc"
    r"\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122]{2,})+"
)
# digits pass through GBK unchanged: 2024Äê3ÔÂ5ÈÕ is one run (2024年3月5日)
_GB_AS_LATIN1 = lazy_re(r"[\u00a1-\u00fe]{2,}(?:[0-9]{1,4}[\u00a1-\u00fe]{2,})*")
_QUESTION_RUN = lazy_regex(
    r"(?<![?？])(?:\?{4,}|(?<=\p{Han})\?{2,}(?=\p{Han})|(?<=\p{Han})\?{3,}|\?{3,}(?=\p{Han})|(?<=\p{Han})？{3,}(?=\p{Han}))(?![?？])"
)
# a question ending right before a short ? run, within its sentence (…为什么取消了??, 怎么提取??): citizens'
# messages on 互动交流 pages stress a question so; four or more ? are always reported
_ASKS = lazy_regex(
    r"(?:吗|呢|么|吧|啊|呀|哪|谁|几|多少|多长|多久|多大|是否|能否|可否|有没有|是不是|能不能|会不会|如何|何时|怎|为何|为啥|咋|啥)"
    r"[^。！？!?；;\n]{0,20}$"
)
# placeholders of lost text: every U+FFFD saved as UTF-8 and read as GBK is 锟斤拷 (an odd byte count leaves
# 锟 or 锟斤 at the end); runs of the bytes CC / CD (uninitialised memory) read as GBK are 烫 / 屯
_PLACEHOLDER = lazy_regex(r"(?:锟斤拷)+(?:锟斤|锟)?|烫{3,}|屯{3,}")
_PLACEHOLDER_CHARS = "锟烫屯"
_C1_RUN = lazy_regex(r"[\u0080-\u009f]+")
_ESCAPES = lazy_regex(r"(?:&#(?:\d{4,6}|x[0-9a-fA-F]{4,5});){2,}|(?:\\u[0-9a-fA-F]{4}){2,}")


_LATIN1_LEAD = lazy_re(r"[\u00c0-\u00ef]")


def _to_cp1252(s: str) -> bytes | None:
    out = bytearray()
    for ch in s:
        try:
            out += ch.encode("cp1252")
        except UnicodeEncodeError:
            if ord(ch) < 0x100:
                out.append(ord(ch))
            else:
                return None
    return bytes(out)


def gbk_as_latin1(run: str) -> str | None:
    """The GB2312 text that ``run`` (Latin-1 characters ¡…þ) is the Latin-1 reading of, or None."""
    if len(set(run)) < 3:
        return None  # ×××××××× masks an ID number (and ×× a name): one sign repeated is no text read wrongly
    data = run.encode("latin-1")
    if sum(1 for b in data if b >= 0x80) % 2:
        return None  # pairs cannot be aligned: not GB2312
    try:
        decoded = data.decode("gb2312")
    except UnicodeDecodeError:
        return None
    _, _, common = _gbk_tables()
    han = [c for c in decoded if _CJK_OK.match(c) and not _PUNCT.match(c)]
    if len(han) < 3 or len(han) < 0.8 * len([c for c in decoded if not c.isdigit()]):
        return None
    # chance strings of accented letters decode to rare characters; real text is mostly level-1
    if sum(1 for c in han if c in common) < 0.7 * len(han):
        return None
    return decoded


def utf8_as_gbk_spans(run: str) -> list[tuple[int, int, str, bool]]:
    """Stretches of ``run`` that are UTF-8 bytes decoded as GBK: (start, end, repaired, complete)."""
    data = run.encode("gb18030")
    if len(data) != 2 * len(run):  # only 2-byte characters can be the garbage
        return []
    _, _, common = _gbk_tables()
    out = []
    i = 0
    n = len(data)
    while i + 3 <= n:
        j = i
        chars = []
        while j + 3 <= n and 0xE0 <= data[j] <= 0xEF and 0x80 <= data[j + 1] <= 0xBF and 0x80 <= data[j + 2] <= 0xBF:
            try:
                chars.append(data[j:j + 3].decode("utf-8"))
            except UnicodeDecodeError:
                break
            j += 3
        if not chars:
            i += 1  # after a lost byte the UTF-8 stream may restart at an odd offset
            continue
        cs, ce = i // 2, (j + 1) // 2
        complete = j % 2 == 0
        if j < n and j % 2 == 1:
            complete = False
        decoded = "".join(chars)
        garbage = run[cs:ce]
        rare = sum(1 for c in garbage if c not in common) / len(garbage)
        cjk = sum(1 for c in decoded if _CJK_OK.match(c)) / len(decoded)
        # the repaired text is ordinary Chinese (mostly GB2312 level-1 characters and punctuation);
        # a chance alignment in real text decodes to arbitrary, mostly rare characters
        plain = sum(1 for c in decoded if c in common or _PUNCT.match(c)) / len(decoded)
        if cjk >= 0.8 and plain >= 0.6 and (len(chars) >= _MIN_SEQS or (len(chars) == 2 and rare >= 0.5 and plain >= 0.99)):
            out.append((cs, ce, decoded, complete))
        i = j
    return out


_RUN_END_PUNCT = frozenset("。，、：；？！“”（）《》")


@functools.lru_cache(maxsize=1)
def _gbk_sets() -> tuple[frozenset[str], frozenset[str]]:
    """Cached on disk (govreview.cache): deriving them walks 63k code points through the GB18030
    codec (~0.5 s), which every clean document would otherwise pay on its first gate check."""
    import pickle
    import sys

    from ..cache import atomic_write, cache_dir

    path = cache_dir() / f"gbk-sets-v1-py{sys.version_info[0]}{sys.version_info[1]}.pickle"
    try:
        with open(path, "rb") as fh:
            xs, lead = pickle.load(fh)
        if isinstance(xs, frozenset) and isinstance(lead, frozenset) and xs:
            return xs, lead
    except (OSError, EOFError, pickle.UnpicklingError, ValueError, TypeError):
        pass
    xs, lead = _build_gbk_sets()
    atomic_write(path, lambda fh: pickle.dump((xs, lead), fh, protocol=pickle.HIGHEST_PROTOCOL))
    return xs, lead


def _build_gbk_sets() -> tuple[frozenset[str], frozenset[str]]:
    run_re, lead_re, _ = _gbk_tables()
    any_char = regex.compile(run_re.pattern[: -len("{2,}")])  # compiled once: 63k lookups
    chars = [chr(cp) for cp in range(0x80, 0x10000) if not 0xD800 <= cp < 0xE000]
    xs = frozenset(c for c in chars if any_char.match(c))
    return xs, frozenset(c for c in xs if lead_re.match(c))


@functools.lru_cache(maxsize=1)
def _lead_class() -> re.Pattern[str]:
    """The UTF-8-lead characters as a stdlib ``re`` class: its charset bitmap tests a
    5 KB page in tens of microseconds, where the ``regex`` module takes ten times longer."""
    _, leadset = _gbk_sets()
    return re.compile(_char_class(sorted(ord(c) for c in leadset)))


def trigger_codepoints() -> set[int]:
    """Every character a garbled run must contain: UTF-8 lead characters (UTF-8 read as GBK),
    U+FFFD, Latin-1 letters (UTF-8 read as cp1252), C1 controls, the first character of a placeholder
    run (锟斤拷, 烫烫烫, 屯屯屯)."""
    _, leadset = _gbk_sets()
    return (
        {ord(c) for c in leadset} | {0xFFFD} | set(range(0xC0, 0xF0)) | set(range(0x80, 0xA0))
        | {ord(c) for c in _PLACEHOLDER_CHARS}
    )


@functools.lru_cache(maxsize=1)
def _trigger_class() -> re.Pattern[str]:
    """:func:`trigger_codepoints` as one stdlib ``re`` class (for text without a code array)."""
    return re.compile(_char_class(sorted(trigger_codepoints())))


@functools.lru_cache(maxsize=1)
def _trigger_table():
    """:func:`trigger_codepoints` as a boolean table over code points (one gather over the text's code array)."""
    from ..normalize import char_table

    return char_table(trigger_codepoints())


def _suspect(text: str, codes=None) -> bool:
    """Cheap test that lets clean pages (nearly all) skip this detector."""
    if "??" in text or "？？？" in text or "&#" in text or "\\u" in text:
        return True
    if codes is not None:
        return bool(_trigger_table()[codes].any())
    return bool(_trigger_class().search(text))


def _extend_after_loss(text: str, end: int, xset: frozenset[str], leadset: frozenset[str]) -> int:
    """Extend a garbage run over lost-byte markers (?/�) and the misaligned fragments around them."""
    pos = end
    n = len(text)
    while pos < n:
        k = pos
        while k < n and k - pos < 2 and text[k] in "?\ufffd":
            k += 1
        j = k
        while j < n and text[j] in xset and text[j] not in _RUN_END_PUNCT:
            j += 1
        if k > pos:  # markers, then maybe a fragment that still carries UTF-8 lead bytes
            if j > k and any(c in leadset for c in text[k:j]):
                pos = j
                continue
            return k
        if 0 < j - k <= 2 and j < n and text[j] in "?\ufffd":  # a partial character cut by the lost byte
            pos = j
            continue
        return pos
    return pos


def _utf8_as_gbk(text: str) -> list[tuple[int, int, str, bool]]:
    """Runs of UTF-8-read-as-GBK garbage in ``text``, pieces split by lost bytes (?/�) merged into one.

    A lost byte is shown as ``?``/``�`` and breaks the byte alignment, so one
    garbled phrase comes out as several decodable pieces with markers between
    them; reviewers want one finding per run. The repaired text is complete
    only when no byte was lost; otherwise lost characters are shown as □.
    """
    run_re, lead_re, _ = _gbk_tables()
    if not _lead_class().search(text):  # garbage always holds such a char; real text rarely does
        return []
    xset, leadset = _gbk_sets()
    pieces: list[list] = []
    covered = 0
    n = len(text)
    for m in _lead_class().finditer(text):  # garbage always holds a char with a UTF-8 lead byte; real text rarely does
        if m.start() < covered:
            continue
        a = m.start()
        while a > covered and text[a - 1] in xset:
            a -= 1
        b = m.end()
        while b < n and text[b] in xset:
            b += 1
        covered = b
        if b - a < 2:
            continue
        for cs, ce, decoded, complete in utf8_as_gbk_spans(text[a:b]):
            pieces.append([a + cs, a + ce, decoded, complete])
    merged: list[list] = []
    for p in pieces:
        if merged and p[0] <= merged[-1][1]:
            q = merged[-1]
            q[2] += "□" + p[2]
            q[3] = False
            q[1] = max(q[1], p[1])
        else:
            merged.append(p)
            q = p
        end = _extend_after_loss(text, q[1], xset, leadset)
        if end > q[1]:  # fragments after a lost byte (?/�) belong to the same run
            q[1] = end
            q[3] = False
    return [tuple(q) for q in merged]


@detector(RULE, name="quality_encoding", order=62)
class QualityEncoding:
    """Finds garbled runs by the fingerprints of the usual encoding accidents."""

    def __init__(self, reviewer):
        pass  # tables are built on the first suspect text: clean text (and cold start) never pays for them

    def detect(self, ctx):
        # one shared gather says whether any trigger character (or ? ？ & \\) occurs at all
        if not present(ctx) & ENCODING:
            return []
        text = ctx.raw_text
        if not _suspect(text, ctx.folded.codes):
            return []
        taken: list[tuple[int, int]] = []
        out = []

        def add(s, e, pattern, suggestion=None, details=None, confidence=0.9, explain="", quote=True):
            if e <= s or any(a < e and s < b for a, b in taken):
                return
            taken.append((s, e))
            garbage = text[s:e]
            msg = f"疑似乱码：“{garbage[:20]}{'…' if len(garbage) > 20 else ''}”" if quote else "疑似乱码"
            msg += explain
            if suggestion:
                msg += f"，可能的原文为“{suggestion}”"
            out.append(ctx.finding(RULE.id, s, e, confidence=confidence, pattern=pattern, suggestion=suggestion,
                                   message=msg, details=details or {}))

        for s, e, decoded, complete in _utf8_as_gbk(text):
            add(s, e, "UTF-8 read as GBK", decoded if complete else None,
                {"source_encoding": "utf-8", "read_as": "gbk", "repaired": decoded, "complete": complete},
                explain="，像是 UTF-8 编码的文字被按 GBK 解码")
        if "\ufffd" in text:
            for m in _REPLACEMENT_RUN.finditer(text):
                if "\ufffd" in m.group():
                    add(m.start(), m.end(), "replacement characters",
                        explain="，含无法解码的字符（�），像是 GBK 编码的文字被按 UTF-8 读取，原文已丢失，请用原始文件重新录入",
                        details={"source_encoding": "gbk?", "read_as": "utf-8", "replacement_chars": m.group().count("\ufffd")})
        if any(c in text for c in _PLACEHOLDER_CHARS):
            for m in _PLACEHOLDER.finditer(text):
                if is_quoted(text, m.start(), m.end()):
                    continue  # an article explaining 乱码 names it
                g = m.group()
                what = ("无法解码的字符（U+FFFD）按 GBK 显示" if g[0] == "锟" else
                        f"程序未初始化的内存（字节 0x{g[0].encode('gbk')[0]:02X}）按 GBK 显示")
                add(m.start(), m.end(), "placeholder garbage", details={"placeholder": g[:3], "source": what},
                    explain=f"，是{what}的结果，原文已丢失，请用原始文件重新录入")
        if _LATIN1_LEAD.search(text):
            for m in _LATIN1.finditer(text):
                data = _to_cp1252(m.group())
                try:
                    fixed = data.decode("utf-8") if data else None
                except UnicodeDecodeError:
                    fixed = None
                if fixed and sum(1 for c in fixed if _CJK_OK.match(c)) >= 2:
                    add(m.start(), m.end(), "UTF-8 read as Latin-1", fixed, {"source_encoding": "utf-8", "read_as": "cp1252"},
                        explain="，像是 UTF-8 编码的文字被按 Latin-1（Windows-1252）解码")
            for m in _GB_AS_LATIN1.finditer(text):
                fixed = gbk_as_latin1(m.group())
                if fixed:
                    add(m.start(), m.end(), "GBK read as Latin-1", fixed,
                        {"source_encoding": "gbk", "read_as": "latin-1", "repaired": fixed},
                        explain="，像是 GBK 编码的文字被按 Latin-1（ISO-8859-1）解码")
        if "?" in text or "？" in text:
            for m in _QUESTION_RUN.finditer(text):
                if len(m.group()) <= 3 and _ASKS.search(text, max(0, m.start() - 40), m.start()):
                    continue  # a message-board question typed with ?? (怎么提取??谢谢): punctuation, not lost text
                add(m.start(), m.end(), "? run", details={"length": len(m.group())}, confidence=0.6,
                    explain="，像是转换编码时无法表示的汉字被替换成了问号，请核对原文")
        if _C1_RUN.search(text):
            for m in _C1_RUN.finditer(text):
                codes = " ".join(f"U+{ord(c):04X}" for c in m.group()[:4]) + (" …" if len(m.group()) > 4 else "")
                add(m.start(), m.end(), "C1 control characters", details={"codepoints": codes}, confidence=0.7,
                    explain=f"：不可见的控制字符 {codes}，多为编码转换错误的残留，请删除或用原始文件重新录入",
                    quote=False)
        if "&#" in text or "\\u" in text:
            for m in _ESCAPES.finditer(text):
                g = m.group()
                fixed = html.unescape(g) if g.startswith("&") else g.encode("ascii").decode("unicode_escape")
                add(m.start(), m.end(), "escape leftovers", fixed, {"escapes": g.count(";") or g.count("\\u")}, 0.8,
                    explain="，是未还原的字符转义")
        out.sort(key=lambda f: f.start or 0)
        return out
