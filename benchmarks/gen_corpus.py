"""Deterministic bulk corpus of government-style text with planted findings.

    python benchmarks/gen_corpus.py --size-mb 100 --out benchmarks/data/corpus.jsonl

Each line is a JSON document {"id", "text"} of 2–8 KB built from templates of
official notices (通知, 公示, 工作动态, 统计公报, 政策解读) with realistic numbers,
dates, 文号, office phones and place names. About 3% of documents carry a
planted problem (obfuscated gambling spam, a classification marking, an ID
number, a personal mobile, a typo); the plant list is written next to the
corpus so the benchmark can check recall as well as speed. The same seed
always yields the same bytes.
"""

from __future__ import annotations

import argparse
import json
import random
from pathlib import Path

PLACES = ["城关区", "七里河区", "西固区", "安宁区", "红古区", "永登县", "皋兰县", "榆中县", "东城区", "西湖区", "鼓楼区",
          "天河区", "武侯区", "雁塔区", "五华区", "新城区", "高新区", "经开区", "滨海新区", "望城区"]
UNITS = ["市人民政府办公室", "县发展和改革局", "区教育局", "市卫生健康委员会", "县民政局", "市生态环境局", "区住房和城乡建设局",
         "市市场监督管理局", "县农业农村局", "市人力资源和社会保障局", "区应急管理局", "市政务服务中心", "县财政局", "市交通运输局"]
TOPICS = ["安全生产", "优化营商环境", "乡村振兴", "城乡居民医疗保险", "义务教育", "生态环境保护", "疫情防控", "政务公开",
          "老旧小区改造", "农村人居环境整治", "稳就业", "防汛抗旱", "森林防火", "食品安全", "消费帮扶", "数字政府建设"]
VERBS = ["深入贯彻落实", "认真组织实施", "统筹推进", "切实加强", "持续深化", "扎实做好", "全面落实", "进一步规范"]
SENTENCES = [
    "为{verb}{topic}工作，根据《{place}{topic}工作实施方案》（{agency}〔{year}〕{seq}号）要求，现将有关事项通知如下。",
    "各{place}人民政府、{unit}要高度重视{topic}工作，建立健全工作机制，明确责任分工，确保各项任务落到实处。",
    "{year}年{month}月{day}日，{unit}召开{topic}工作推进会，会议总结了前一阶段工作，安排部署了下一步重点任务。",
    "截至{year}年{month}月底，全市累计完成投资{num}万元，同比增长{pct}%，完成年度目标任务的{pct2}%。",
    "全年共受理各类政务服务事项{num}件，办结率达{pct2}%，群众满意度{pct2}%以上。",
    "发布信息前应当进行保密审查，涉及国家秘密的信息不得公开，不得发布广告等经营性信息，不得链接商业网站。",
    "各单位要严格落实信息发布审核制度，对拟公开的政府信息依法依规做好保密审查，防止失泄密。",
    "联系人：{unit}综合科，联系电话：0931-{tel}，传真：0931-{tel}。",
    "咨询电话：{unit}办公室 0931-{tel}（工作日9:00—17:00），政务服务便民热线12345。",
    "本次{topic}专项行动自{year}年{month}月{day}日起至{year}年12月31日止，分动员部署、自查自纠、督导检查、总结提升四个阶段。",
    "{place}{topic}工作领导小组办公室设在{unit}，负责日常工作的统筹协调和督促落实。",
    "对工作推进不力、敷衍塞责的，将依法依规严肃追究相关单位和人员责任。",
    "附件：{year}年度{topic}工作任务分解表",
    "（此件公开发布）",
]
PLANTS = [
    ("gambling", "澳*门*博*彩"), ("gambling", "百家樂"), ("gambling", "ＢＥＴ３６５"), ("gambling", "博博彩彩真人荷官"),
    ("gambling", "开户送彩金"), ("secrecy", "机密★5年"), ("secrecy", "内部资料 不得外传"),
    ("pii", "身份证号：620102195807153216"), ("pii", "本人手机：13919312345"), ("commercial", "加微信领取优惠券"),
]


def _sentence(rng: random.Random) -> str:
    return rng.choice(SENTENCES).format(
        verb=rng.choice(VERBS), topic=rng.choice(TOPICS), place=rng.choice(PLACES), unit=rng.choice(UNITS),
        agency=rng.choice(["甘政办发", "兰政发", "国办发", "甘教发", "兰政办函"]), year=rng.randint(2015, 2025),
        seq=rng.randint(1, 150), month=rng.randint(1, 12), day=rng.randint(1, 28), num=rng.randint(1000, 9999999),
        pct=round(rng.uniform(0.5, 30), 1), pct2=round(rng.uniform(80, 99.9), 1), tel=rng.randint(8100000, 8999999),
    )


def generate(size_mb: float, seed: int = 20261123):
    rng = random.Random(seed)
    target = int(size_mb * 1024 * 1024)
    total = 0
    i = 0
    while total < target:
        title = f"关于做好{rng.choice(TOPICS)}工作的通知"
        paras = []
        want = rng.randint(2000, 8000)
        length = 0
        while length < want:
            para = "".join(_sentence(rng) for _ in range(rng.randint(2, 6)))
            paras.append(para)
            length += len(para.encode("utf-8"))
        plant = None
        if rng.random() < 0.03:
            plant = rng.choice(PLANTS)
            k = rng.randrange(len(paras))
            cut = rng.randrange(len(paras[k]) + 1)
            paras[k] = paras[k][:cut] + plant[1] + paras[k][cut:]
        text = title + "\n\n" + "\n".join(paras) + f"\n\n{rng.choice(UNITS)}\n{rng.randint(2015, 2025)}年{rng.randint(1, 12)}月{rng.randint(1, 28)}日\n"
        doc = {"id": f"doc-{i:07d}", "text": text}
        if plant:
            doc["plant"] = plant[0]
        total += len(text.encode("utf-8"))
        i += 1
        yield doc


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--size-mb", type=float, default=100)
    ap.add_argument("--seed", type=int, default=20261123)
    ap.add_argument("--out", default=str(Path(__file__).parent / "data" / "corpus.jsonl"))
    args = ap.parse_args()
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    n = 0
    with open(out, "w", encoding="utf-8") as fh:
        for doc in generate(args.size_mb, args.seed):
            fh.write(json.dumps(doc, ensure_ascii=False) + "\n")
            n += 1
    print(f"wrote {n} documents, {out.stat().st_size / 1e6:.1f} MB to {out}")


if __name__ == "__main__":
    main()
