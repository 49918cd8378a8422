"""``[options.linkage]`` in govreview.toml: deadline, reference date, calendar files, exemptions."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

#: Policies of these kinds need no interpretation (personnel, commendations, holiday notices…): title regexes.
DEFAULT_EXEMPT_TITLES = (
    r"任免|任职|免职|聘任|职务|人事|干部",
    r"表彰|嘉奖|表扬|通报批评|处分|处理决定",
    r"放假|节假日安排|召开.{0,20}会议|会议的通知",
    r"名单|公示|更正|勘误|废止|撤销",
)


class LinkageOptions(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    deadline_days: int = Field(default=10, ge=1, le=365, description="working days allowed between policy and interpretation")
    as_of: date | None = Field(default=None, description="reference date for 'deadline passed' (default: today)")
    calendar_files: tuple[str, ...] = Field(default=(), description="working-day files for years beyond chinesecalendar's range")
    exempt_titles: tuple[str, ...] = Field(default=DEFAULT_EXEMPT_TITLES, description="policy title regexes that need no interpretation")
    exempt_ids: tuple[str, ...] = ()
    head_chars: int = Field(default=400, ge=50, le=5000, description="how far after the title a policy's own 文号 may stand")
    base_url: str | None = Field(default=None, description="site root for documents without a URL (folder exports)")
    template_link_limit: int = Field(default=5, ge=1, le=1000, description="a page linking to more pages of the other kind has a sidebar: its links alone do not pair")
    site_hosts: tuple[str, ...] = Field(default=(), description="other host names of the same site (for dead-link checks)")

    @classmethod
    def from_config(cls, config: Any) -> LinkageOptions:
        """From a ReviewConfig, a mapping with ``options.linkage``, a LinkageOptions, or None."""
        if isinstance(config, LinkageOptions):
            return config
        if config is None:
            return cls()
        options = getattr(config, "options", None)
        if options is None and isinstance(config, Mapping):
            options = config.get("options", {})
        return cls.model_validate(dict((options or {}).get("linkage", {})))

    def reference_date(self) -> date:
        return self.as_of or date.today()
