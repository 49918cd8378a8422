"""govreview: review Chinese government web content before and after publication.

Public API::

    import govreview
    report = govreview.review("……正文……")          # Report (govreview.report/v1)
    reviewer = govreview.Reviewer(config, lexicons=[govreview.Lexicon.from_terms([...])])
    reviewer.review(govreview.Document(id="a1", html="<p>…</p>"))
    masked, findings = govreview.redact("……身份证号110101199003074514……")
"""

from .config import ReviewConfig
from .engine import ReviewContext, Reviewer, review
from .lexicons import Lexicon, LexiconError
from .model import (
    SCHEMA_ID, Category, Document, DocumentInfo, Explanation, Finding, Location, Report, ReviewError, Severity,
    Verdict,
)
from .normalize import FoldSettings, fold
from .redact import redact

__version__ = "0.1.0"

__all__ = [
    "SCHEMA_ID", "Category", "Document", "DocumentInfo", "Explanation", "Finding", "FoldSettings", "Lexicon",
    "LexiconError", "Location", "Report", "ReviewConfig", "ReviewContext", "ReviewError", "Reviewer", "Severity",
    "Verdict", "fold", "redact", "review", "__version__",
]
