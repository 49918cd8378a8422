"""Shared logic for the personal-information (PII) detectors.

The detectors in ``govreview.detectors.pii_*`` each own one kind of value;
what they share lives here: the division-code table (:mod:`.regions`), number
validation (:mod:`.validate`: GB 11643 ID numbers, Luhn, GB 32100 credit
codes), the context classifier that decides *whose* value it is
(:mod:`.context`) and the standard masks used by reports and redaction
(:mod:`.masking`).
"""
