"""quality.mixed_script: minority-script characters in a document with a clear script."""

from pathlib import Path

import pytest

SEEDS = sorted((Path(__file__).resolve().parent / "data" / "seeds").glob("*.txt"))
CLEAN = sorted(Path(__file__).parent.joinpath("data", "clean").glob("*.txt"))
SIMPLIFIED = "为进一步加强政府网站信息内容建设，现就有关事项通知如下。各单位要高度重视，认真组织实施。"
TRADITIONAL = "為進一步加強政府網站資訊內容建設，現就有關事項通知如下。各單位要高度重視，認真組織實施。"


def _mixed(reviewer, text, **opts):
    rev = reviewer
    if opts:
        from govreview import Reviewer

        rev = Reviewer({"options": {"quality_mixed_script": opts}})
    rep = rev.review(text)
    for f in rep.findings:
        assert text[f.start:f.end] == f.text
    return [(f.text, f.suggestion) for f in rep.findings if f.rule == "quality.mixed_script"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (SIMPLIFIED + "根据國務院辦公廳有关要求执行。", [("國務院辦公廳", "国务院办公厅")]),
        (SIMPLIFIED + "请于本週内报送，聯繫人见附件。", [("週内报送，聯繫", "周内报送，联系")]),
        (TRADITIONAL + "请各单位于本周内报送。", [("请各单位于本周内报", "請各單位於本週內報")]),
        (
            "國務院辦公廳" + SIMPLIFIED * 3 + "發佈",  # two runs far apart: two findings
            [("國務院辦公廳", "国务院办公厅"), ("發佈", "发布")],
        ),
    ],
)
def test_minority_script_runs(reviewer, text, expected):
    assert _mixed(reviewer, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        SIMPLIFIED,
        TRADITIONAL,
        "乾隆年间著名的於氏家族后来迁居此地，" + SIMPLIFIED,  # 乾 著 於 are simplified characters too
        SIMPLIFIED + "國",  # one character is below the threshold
        "關於發佈",  # too short to have a script
        SIMPLIFIED[:20] + TRADITIONAL[:20],  # half and half: bilingual on purpose
    ],
)
def test_no_mixed_script(reviewer, text):
    assert _mixed(reviewer, text) == []


def test_threshold_is_configurable(reviewer):
    text = SIMPLIFIED + "國"
    assert _mixed(reviewer, text, min_chars=1) == [("國", "国")]


@pytest.mark.parametrize("path", SEEDS + CLEAN, ids=lambda p: p.name)
def test_clean_corpus(reviewer, path):
    assert _mixed(reviewer, path.read_text(encoding="utf-8")) == []
