"""Reviewer: builds everything once, then reviews documents.

Flow for one document: source → text view (HTML aware) → fold once → one
automaton pass for every lexicon → context filter → every enabled detector
reads the shared matches and the view → severity overrides, allow-lists,
overlap resolution → Report with offsets mapped back to the caller's input.

A detector that raises becomes an entry in ``Report.errors`` naming it; the
other detectors still run (Bandit's lesson: one failing check must not hide
the rest).
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from .config import ReviewConfig
from .context import HitFilter, KeptHit
from .html import HtmlDocument, looks_like_html, parse_html
from .lexicons import Lexicon, builtin_lexicons, combined_version
from .matcher import Hit, Matcher, Slot
from .model import (
    SCHEMA_ID, ContextEffect, Document, Explanation, Finding, Location, Report, ReviewError, Severity, Verdict,
    TITLE_PART, fingerprint, trusted,
)
from .normalize import (Folded, case_table, substitution_table, fold, fold_term, match_view, strip_noise, t2s_fold_table,
                        width_table)
from .registry import DetectorSpec, Rule, discover
from .textview import TextView


class ReviewContext:
    """Everything a detector may read about one document; built once per review."""

    def __init__(self, reviewer: Reviewer, document: Document, view: TextView, folded: Folded,
                 hits: list[Hit], kept: list[KeptHit], html: HtmlDocument | None):
        self.reviewer = reviewer
        self.document = document
        self.source = view.source
        self.view = view
        # the view as the caller wrote it (traditional, full-width): for detectors that judge the
        # characters themselves (乱码, 简繁混用) and for text shown in messages
        self.raw_text = view.text
        self._text: str | None = None
        self.folded = folded
        self.hits = hits
        self.kept = kept
        self.html = html
        self.config = reviewer.config
        self._current: str = "?"
        self._fingerprints: dict[tuple[str, str], str] = {}
        self._view_spans: dict[tuple[int, int, int], tuple[int, int]] = {}

    @property
    def text(self) -> str:
        """The view with traditional characters simplified and full-width digits and letters folded to ASCII
        (``normalize.match_view``): same length as ``raw_text``, so a span in one is the same span in
        the other. Pattern detectors match on it, so 身份證號碼：３２０１… reads as 身份证号码：3201…."""
        if self._text is None:
            from .detectors._charclasses import FOLDABLE, present

            # most pages hold no character the fold changes: the class gather the detectors share says so
            self._text = (match_view(self.raw_text, self.reviewer.settings, self.folded.codes)
                          if present(self) & FOLDABLE else self.raw_text)
        return self._text

    def _view_folds(self, start: int, end: int) -> list[str]:
        """The folds of ``ctx.text`` that the view span [start, end) needed (身份證 → t2s, ３２０１ → width)."""
        folded = self._text
        if folded is None or folded is self.raw_text:
            return []
        raw = self.raw_text
        used = set()
        for i in range(start, end):
            if folded[i] != raw[i]:
                used.add("width" if 0xFF01 <= ord(raw[i]) <= 0xFF5E else "t2s")
        return [f for f in ("width", "t2s") if f in used]

    # --- reading matches -------------------------------------------------
    def slot(self, hit: Hit) -> Slot:
        return self.reviewer.matcher.slots[hit.slot]

    def term_hits(self, *, lexicon: str | Iterable[str] | None = None, rule_prefix: str | None = None) -> list[KeptHit]:
        """Term hits that survived the context filter, optionally restricted to a lexicon (or several)
        and/or a rule prefix. Which automaton slots qualify is worked out once per reviewer, so the
        per-document cost is one set lookup per kept hit."""
        if lexicon is None and rule_prefix is None:
            return list(self.kept)
        slots = self.reviewer.slots_of(lexicon, rule_prefix)
        return [k for k in self.kept if k.hit.slot in slots]

    def data_hits(self, lexicon: str) -> Iterator[Hit]:
        """Raw hits of a ``kind: data`` lexicon (gazetteers, cue lists)."""
        slots = self.reviewer.matcher.slots
        return (h for h in self.hits if slots[h.slot].lexicon.name == lexicon)

    def cue_hits(self, detector: str | None = None) -> list[Hit]:
        """Hits of a detector's ``cues`` (the running detector's by default), in folded coordinates."""
        name = detector or self._current
        owner = self.reviewer._cue_owner
        return [h for h in self.hits if owner[h.slot] == name]

    def view_span(self, hit: Hit) -> tuple[int, int]:
        """View span of a hit: what the term matched, not the rest of a repeat run that goes on into a word.
        Kept per review: on a spam page several detectors (terms, advertising.injected, ads_contact, the
        report-word checks) ask for the same hit's span, and an obfuscated one (澳*门*博*彩) costs a scan."""
        key = (hit.slot, hit.start, hit.end)
        span = self._view_spans.get(key)
        if span is None:
            slot = self.reviewer.matcher.slots[hit.slot]
            span = self._view_spans[key] = self.folded.term_span(hit.start, hit.end, slot.exact or slot.folded)
        return span

    def options(self, detector: str) -> Mapping[str, Any]:
        return self.config.options.get(detector, {})

    # --- emitting findings -------------------------------------------------
    def finding(
        self,
        rule: str,
        start: int | None,
        end: int | None,
        *,
        severity: Severity | str | None = None,
        confidence: float = 0.9,
        message: str | None = None,
        lexicon: str | None = None,
        entry_id: str | None = None,
        term: str | None = None,
        pattern: str | None = None,
        folds: list[str] | None = None,
        context: Iterable[ContextEffect] = (),
        validation: str | None = None,
        details: dict[str, Any] | None = None,
        suggestion: str | None = None,
        location: Location | None = None,
        related: Iterable[str] = (),
        normalized: str | None = None,
        coords: str = "view",
    ) -> Finding:
        """Build a finding at a view span (or ``coords='source'``); the text is sliced from the source."""
        r = self.reviewer.rules[rule]  # KeyError for an undeclared rule: a bug in the detector
        if start is None or end is None:
            s = e = None
            text = ""
            view_text = ""
        else:
            if coords == "view":
                view_text = self.raw_text[start:end]
                s, e = self.view.to_source(start, end)
            else:
                s, e = start, end
                view_text = self.source[s:e]
            text = self.source[s:e]
        if lexicon is None:
            # pattern detectors match on ctx.text (1:1 t2s and width folds): the folds its span needed are
            # recorded; the fingerprint is the span as written, ignoring spacing only
            folds = folds or (self._view_folds(start, end) if coords == "view" and start is not None else [])
            norm = normalized if normalized is not None else "".join(view_text.split())
        else:
            norm = normalized if normalized is not None else fold_term(view_text, self.reviewer.settings) or view_text
            if folds is None:  # the span matched its folded form: read the folds off the pair (no re-folding)
                folds = term_folds(view_text, norm, self.reviewer.settings) if view_text else []
        # Built without re-validation: every value here is already typed (this is the hot path of a
        # scan with many findings); the constructors validate anything coming from outside.
        explanation = trusted(
            Explanation,
            detector=self._current, lexicon=lexicon, entry_id=entry_id, term=term, pattern=pattern,
            folds=list(folds), context=list(context), validation=validation, details=details or {},
        )
        return self._assemble_finding(r, s, e, text, severity, confidence, message or r.message or r.description,
                                      explanation, norm, suggestion, location, list(related))

    def _assemble_finding(self, r: Rule, s: int | None, e: int | None, text: str, severity: Severity | str | None,
                          confidence: float, message: str, explanation: Explanation, norm: str,
                          suggestion: str | None, location: Location | None, related: list[str]) -> Finding:
        """The one place a Finding is built (without re-validation: every value here is already
        typed — this is the hot path of a scan with many findings)."""
        if severity is None:
            severity = r.severity
        elif severity.__class__ is not Severity:
            severity = Severity(severity)
        fp_key = (r.id, norm)
        fp = self._fingerprints.get(fp_key)
        if fp is None:  # the same term repeated on a page has one fingerprint: hash it once
            fp = self._fingerprints[fp_key] = fingerprint(r.id, norm, self.document.id)
        return trusted(
            Finding,
            rule=r.id,
            category=r.category,
            severity=severity,
            start=s,
            end=e,
            text=text,
            message=message,
            confidence=max(0.0, min(1.0, float(confidence))),
            explanation=explanation,
            fingerprint=fp,
            suggestion=suggestion,
            location=location,
            related=related,
        )

    def term_finding(self, k: KeptHit, *, rule: str | None = None, severity: Severity | str | None = None,
                     confidence: float = 0.9, message: str | None = None, details: dict[str, Any] | None = None) -> Finding:
        """A finding for a lexicon hit, with the entry's metadata in the explanation."""
        reviewer = self.reviewer
        hit = k.hit
        slot = reviewer.matcher.slots[hit.slot]
        entry = slot.entry
        r = reviewer.rules[rule or entry.rule]
        vs, ve = self.view_span(hit)
        shown = self.raw_text[vs:ve]
        # folds, default message and the plain explanation depend only on (entry, shown text, rule,
        # detector): a term repeated across pages and documents reuses them
        key = (hit.slot, shown, r.id, self._current)
        cached = reviewer._term_cache.get(key)
        if cached is None:
            folds = term_folds(shown, slot.folded, reviewer.settings)
            plain = trusted(Explanation, detector=self._current, lexicon=slot.lexicon.name, entry_id=entry.id,
                            term=entry.term, pattern=None, folds=folds, context=[], validation=None, details={})
            # the list's own `# message:` header, even when its rule is shared (every issued .txt list
            # defaults to sensitive.term, whose message comes from the first lexicon that defines it)
            own = slot.lexicon.header.get("message") if r.id == entry.rule else None
            cached = (entry.message or _term_message(r, shown, entry.suggestion, own), plain)
            if len(reviewer._term_cache) >= _TERM_CACHE_SIZE:
                reviewer._term_cache.clear()
            reviewer._term_cache[key] = cached
        default_msg, explanation = cached
        if details or k.context:  # explanations are immutable values, so the plain one is shared
            explanation = explanation.model_copy(update={"context": list(k.context), "details": details or {}})
        s, e = self.view.to_source(vs, ve)
        return self._assemble_finding(r, s, e, self.source[s:e], severity or entry.severity, confidence,
                                      message or default_msg, explanation, slot.folded, entry.suggestion, None, [])


_CUE_PREFIX = "cues:"
_TERM_CACHE_SIZE = 50_000  # (slot, shown, rule, detector) → (message, explanation); cleared when full: memory stays bounded


def cue_lexicon_name(detector: str) -> str:
    return _CUE_PREFIX + detector


def term_folds(span: str, folded_term: str, settings) -> list[str]:
    """The folds a term match needed, without re-folding: substitutions are 1:1 and noise is
    visible in the span, so whatever length is left over after removing noise was repeats."""
    used: list[str] = []
    sub = substitution_table(settings.width, settings.case, settings.t2s)
    substituted = span.translate(sub) if sub else span
    if substituted != span:  # only then find out which substitutions
        changed = [ord(a) for a, b in zip(span, substituted) if a != b]
        if settings.width and any(cp in width_table() for cp in changed):
            used.append("width")
        if settings.case and any(cp in case_table() for cp in changed):
            used.append("case")
        if settings.t2s and any(cp in t2s_fold_table() for cp in changed):
            used.append("t2s")
    # noise is decided on the substituted characters (＊ is full-width, and noise only once folded)
    bare = strip_noise(substituted) if settings.noise else substituted
    if settings.noise and len(bare) != len(span):
        used.append("noise")
    if settings.repeats and len(bare) > len(folded_term):
        used.append("repeats")
    return used


def _term_message(rule: Rule, shown: str, suggestion: str | None, base: str | None = None) -> str:
    base = base or rule.message or rule.description
    if suggestion:
        return f"{base}：“{shown}”，建议改为“{suggestion}”"
    return f"{base}：“{shown}”"


class Reviewer:
    """Builds lexicons, the automaton and the detectors once; ``review`` is thread-safe."""

    def __init__(self, config: ReviewConfig | Mapping[str, Any] | None = None, lexicons: Iterable[Lexicon] = (),
                 *, use_cache: bool = True):
        if config is None:
            config = ReviewConfig()
        elif not isinstance(config, ReviewConfig):
            config = ReviewConfig.model_validate(dict(config))
        self.config = config
        self.settings = config.fold.settings()
        lexs: list[Lexicon] = [lx for lx in builtin_lexicons() if lx.name not in config.disable_builtin_lexicons]
        for src in config.lexicons:
            lexs.append(Lexicon.load(src.path, category=src.category and src.category.value,
                                     severity=src.severity and src.severity.value, rule=src.rule))
        lexs.extend(lexicons)
        if config.allow.terms:
            lexs.append(Lexicon.from_terms(config.allow.terms, name="config-allow", kind="allow"))
        self.lexicons = lexs
        self.lexicon_version = combined_version(lexs)
        self.config_digest = config.digest()
        specs = discover()
        # detectors' cue words ride in the same automaton (as data lexicons, not listed in self.lexicons)
        cue_lexicons = [Lexicon.from_terms(spec.cues, name=cue_lexicon_name(spec.name), kind="data")
                        for spec in specs.values() if spec.cues]
        self.matcher = Matcher(lexs + cue_lexicons, self.settings, use_cache=use_cache)
        cue_owner = {lx.name: lx.name[len(_CUE_PREFIX):] for lx in cue_lexicons}
        self._cue_owner: list[str | None] = [cue_owner.get(s.lexicon.name) for s in self.matcher.slots]
        cue_words = [(e.term, e.rule) for lx in lexs if lx.kind == "cues" for e in lx.entries]
        self.filter = HitFilter(self.matcher.slots, lambda w: fold_term(w, self.settings), cue_words)
        self._rule_enabled: dict[str, bool] = {}
        self._slot_sets: dict[tuple[str | frozenset[str] | None, str | None], frozenset[int]] = {}
        self._term_cache: dict[tuple[int, str, str, str], tuple[str, Explanation]] = {}
        self.rules: dict[str, Rule] = {}
        self.detectors: list[tuple[DetectorSpec, Any]] = []
        self.build_errors: list[ReviewError] = []
        for spec in specs.values():
            rules = list(spec.rules)
            if spec.dynamic_rules is not None:
                rules.extend(spec.dynamic_rules(self))
            for r in rules:
                self.rules.setdefault(r.id, r)
            if not spec.per_document or not any(config.rule_enabled(r.id, r.category) for r in rules):
                continue
            try:
                self.detectors.append((spec, spec.factory(self)))
            except Exception as exc:  # reported on every report: the check is NOT active
                self.build_errors.append(ReviewError(kind="detector", detector=spec.name,
                                                     message=f"detector failed to start: {type(exc).__name__}: {exc}"))
        unknown = config.unknown_rules(self.rules)
        if unknown:  # on every report, like a detector that failed to start: the configuration is not what it says
            self.build_errors.append(ReviewError(kind="config", message="配置中的规则名不存在，未起作用 unknown rule id, "
                                                 "prefix or category in the configuration (no effect): " + "; ".join(unknown)))

    # ------------------------------------------------------------------
    def lexicon(self, name: str) -> Lexicon | None:
        return next((lx for lx in self.lexicons if lx.name == name), None)

    def prepare(self, document: Document) -> ReviewContext:
        html_doc = None
        if document.is_html:
            html_doc = parse_html(document.content)
            view = html_doc.view
            if document.title is None and html_doc.title:
                document = document.model_copy(update={"title": html_doc.title})
        else:
            view = TextView(document.content)
        folded = fold(view.text, self.settings)
        hits = self.matcher.find(folded)
        kept = self.filter.filter(hits, folded, view)
        return ReviewContext(self, document, view, folded, hits, kept, html_doc)

    def review(self, document: str | Document | Mapping[str, Any], **meta: Any) -> Report:
        doc = _as_document(document, meta)
        errors: list[ReviewError] = list(self.build_errors)
        errors.extend(ReviewError(kind="decode", message=m) for m in doc.input_errors)
        errors.extend(ReviewError(kind=k, message=m) for k, m in doc.input_problems)
        ctx = self.prepare(doc)
        findings: list[Finding] = []
        for spec, inst in self.active_detectors(ctx):
            ctx._current = spec.name
            try:
                findings.extend(f for f in inst.detect(ctx) if f is not None)
            except Exception as exc:
                errors.append(ReviewError(kind="detector", detector=spec.name, message=f"{type(exc).__name__}: {exc}"))
        report = self.assemble(ctx.document, findings, errors)
        if doc.title:  # the caller's own title field (prepare copies a page's <title> only into ctx.document)
            report = self._with_title(report, doc.title, ctx.raw_text)
        return report

    def _with_title(self, report: Report, title: str, body: str) -> Report:
        """Add the findings of a title the caller sent beside the body (a CMS headline field).

        The headline is published too, so it is reviewed, as a text of its own: its findings carry
        ``location.part == "title"`` and offsets into the title string (``title[start:end] == text``),
        and count for the verdict. A title the body already holds verbatim (a page's <title>, a
        headline repeated as the first line) is not reviewed twice.
        """
        if not title.strip() or title.strip() in body:
            return report
        found = self.review(Document(id=report.document.id, text=title)).findings
        if not found:
            return report
        loc = Location(part=TITLE_PART)
        findings = [*report.findings, *(f.model_copy(update={"location": loc}) for f in found)]
        return report.model_copy(update={"findings": findings, "verdict": verdict_for(findings, self.config)})

    def slots_of(self, lexicon: str | Iterable[str] | None, rule_prefix: str | None) -> frozenset[int]:
        """Automaton slots of the lexicon(s) named and/or of rules at or below ``rule_prefix`` (cached)."""
        key = (lexicon if lexicon is None or isinstance(lexicon, (str, frozenset)) else frozenset(lexicon), rule_prefix)
        found = self._slot_sets.get(key)
        if found is None:
            names = None if lexicon is None else frozenset([lexicon] if isinstance(lexicon, str) else lexicon)
            found = self._slot_sets[key] = frozenset(
                i for i, s in enumerate(self.matcher.slots)
                if (names is None or s.lexicon.name in names)
                and (rule_prefix is None or s.entry.rule == rule_prefix or s.entry.rule.startswith(rule_prefix + "."))
            )
        return found

    def active_detectors(self, ctx: ReviewContext) -> Iterator[tuple[DetectorSpec, Any]]:
        """The enabled detectors whose pre-checks pass on this document: one of their cue words
        occurs (from the shared automaton pass), and their gate pattern, if any, matches."""
        owner = self._cue_owner
        cued = {o for h in ctx.hits if (o := owner[h.slot]) is not None}
        for spec, inst in self.detectors:
            if spec.cues and spec.name not in cued:
                continue
            if spec.gate is not None and spec.gate.search(ctx.text) is None:
                continue
            yield spec, inst

    def assemble(self, document: Document, findings: Iterable[Finding], errors: list[ReviewError]) -> Report:
        cfg = self.config
        enabled = self._rule_enabled
        out: list[Finding] = []
        for f in findings:
            on = enabled.get(f.rule)
            if on is None:  # a rule's category never changes, so the answer is cached per rule
                on = enabled[f.rule] = cfg.rule_enabled(f.rule, f.category)
            if not on:
                continue
            if cfg.severity:
                sev = cfg.severity_for(f.rule, f.severity)
                if sev != f.severity:
                    f = f.model_copy(update={"severity": sev})
            out.append(f)
        if len(out) > 1:
            out = resolve_overlaps(out)
        # every part is already a validated model: built without validating the whole report again
        return trusted(
            Report,
            schema_=SCHEMA_ID,
            document=document.info(),
            verdict=verdict_for(out, cfg),
            findings=out,
            errors=list(errors),
            lexicon_version=self.lexicon_version,
            config_digest=self.config_digest,
        )


def verdict_for(findings: Iterable[Finding], config: ReviewConfig) -> Verdict:
    top = max((f.severity.rank for f in findings), default=-1)
    if top >= config.verdict.block.rank:
        return Verdict.block
    if top >= config.verdict.review.rank:
        return Verdict.review
    return Verdict.pass_


def resolve_overlaps(findings: list[Finding]) -> list[Finding]:
    """Per rule, overlapping spans keep the most severe, then the longest; identical duplicates go."""
    spans = [f for f in findings if f.start is not None]
    docs = [f for f in findings if f.start is None]
    spans.sort(key=lambda f: (f.rule, f.start, -(f.end or 0)))
    kept: list[Finding] = []
    for f in spans:
        if kept and kept[-1].rule == f.rule and f.start < kept[-1].end:  # type: ignore[operator]
            prev = kept[-1]
            if (f.severity.rank, (f.end - f.start)) > (prev.severity.rank, (prev.end - prev.start)):  # type: ignore[operator]
                kept[-1] = f
            continue
        kept.append(f)
    kept.sort(key=lambda f: (f.start, -(f.end or 0), f.rule))
    seen: set[tuple[str, str]] = set()
    uniq_docs = []
    for f in docs:
        key = (f.rule, f.fingerprint)
        if key not in seen:
            seen.add(key)
            uniq_docs.append(f)
    return kept + uniq_docs


def _as_document(document: str | Document | Mapping[str, Any], meta: Mapping[str, Any]) -> Document:
    if isinstance(document, Document):
        return document.model_copy(update=dict(meta)) if meta else document
    if isinstance(document, str):
        # a bare string is sniffed as the CLI (``inputs.document_from_bytes``) and ``redact`` do: a page's
        # source must be reviewed as HTML, or hidden links, redirects and <title> spam go unseen. Offsets
        # point into the string either way; ``Document(text=…)`` forces plain text.
        body = {"html": document} if looks_like_html(document) else {"text": document}
        return Document(**body, **meta)
    return Document.model_validate({**document, **meta})


_default: Reviewer | None = None
_default_lock = threading.Lock()


def default_reviewer() -> Reviewer:
    global _default
    if _default is None:
        with _default_lock:
            if _default is None:
                _default = Reviewer()
    return _default


def review(document: str | Document | Mapping[str, Any], *, config: ReviewConfig | Mapping[str, Any] | None = None,
           **meta: Any) -> Report:
    """Review one document with the built-in lexicons (or ``config``)."""
    reviewer = default_reviewer() if config is None else Reviewer(config)
    return reviewer.review(document, **meta)


__all__ = ["Reviewer", "ReviewContext", "review", "verdict_for"]
