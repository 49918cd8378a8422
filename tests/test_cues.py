"""Cue words decide only *whether* a detector runs, never what it finds.

A detector that declares ``cues`` is skipped on documents where none of them
occurs. That is sound only if, run anyway, it would have found nothing there.
This checks exactly that, for every cue-gated detector, over every realistic
document the test data holds (PII corpus, clean official text, the real rule
documents, HTML fixtures, spam and secrecy examples) — with the default folds
and with every fold switched off.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from govreview import Document, Reviewer

DATA = Path(__file__).parent / "data"

EXTRA = [
    "机密★5年 内部资料 注意保存", "秘 密 ★ 1 年", "絕密★長期", "本件为内部文件，不得外传。",
    "澳*门*博*彩，百家樂在线，ＢＥＴ，加微信 abc123 送彩金", "联系地址：城关区东岗西路１２３号３单元５０２室（张某家）",
    "护照号码E12345678，港澳通行证C12345678", "QQ：12345678，微信号：zhang_san88",
    "兰政办发〔2024〕12号 兰政办发[2024]12号 兰政办发（2024）12号", "鏈接：http://www.example.com/a?b=1",
    "申请人：王某，家住七里河区西津东路５８９号２号楼３单元",
    "某部队营区位于东经102°43′12″、北纬25°02′35″", "XX油库 102.723456, 25.043210", "某部隊營區位於東經102°43′12″",
    "身份证号：4301811975\n11020149", "公民身份號碼：4301811975110\r\n20149", "证件号码：43018119751\n1020149",
    "行動電話：0912-345-678", "手机：+886 912 345 678", "回鄉證號碼：H1234567801", "身份证号：43010219680312××××",
    "县人武部弹药库位于青山乡后山村3组", "某部隊營區位於城關鎮營房路８號",
    "某市人民防空重要经济目标一览表\n1\t市第一水厂\t滨江路1号\n2\t城南变电站\t城南镇南岗村\n3\t储配站\t工业大道18号",
]


def _documents() -> list[Document]:
    docs = []
    with open(DATA / "pii" / "corpus.jsonl", encoding="utf-8") as fh:
        docs += [Document(id=json.loads(line)["id"], text=json.loads(line)["text"]) for line in fh if line.strip()]
    for folder in ("clean", "seeds"):
        docs += [Document(id=p.name, text=p.read_text(encoding="utf-8")) for p in sorted((DATA / folder).glob("*.txt"))]
    for p in sorted((DATA / "html").glob("*.html")):
        raw = p.read_bytes()
        try:
            docs.append(Document(id=p.name, html=raw.decode("utf-8")))
        except UnicodeDecodeError:
            docs.append(Document(id=p.name, html=raw.decode("gb18030")))
    docs += [Document(id=f"extra-{i}", text=t) for i, t in enumerate(EXTRA)]
    return docs


DOCUMENTS = _documents()
FOLDS_OFF = {"fold": {"width": False, "case": False, "t2s": False, "noise": False, "repeats": False}}


@pytest.mark.parametrize("config", [None, FOLDS_OFF], ids=["default-folds", "folds-off"])
def test_a_detector_skipped_for_want_of_cues_would_have_found_nothing(config):
    reviewer = Reviewer(config)
    gated = [(spec, inst) for spec, inst in reviewer.detectors if spec.cues]
    assert gated, "no detector declares cues: this test guards nothing"
    checked = 0
    for doc in DOCUMENTS:
        ctx = reviewer.prepare(doc)
        active = {spec.name for spec, _ in reviewer.active_detectors(ctx)}
        for spec, inst in gated:
            if spec.name in active:
                continue
            ctx._current = spec.name
            found = [f for f in inst.detect(ctx) if f is not None]
            assert not found, f"{spec.name} skipped on {doc.id} but finds {[f.text for f in found]}"
            checked += 1
    assert checked >= len(DOCUMENTS)  # every document skips some cue-gated detector: the skip path is exercised


def test_the_corpus_exercises_the_cue_gated_detectors():
    reviewer = Reviewer()
    fired = {f.explanation.detector for d in DOCUMENTS for f in reviewer.review(d).findings}
    cue_gated = {spec.name for spec, _ in reviewer.detectors if spec.cues}
    assert cue_gated <= fired, f"no positive example for {sorted(cue_gated - fired)}"
