"""Deterministic bulk archive for benchmarks: a government site dump with attachments.

    python benchmarks/gen_archive.py [--size-mb 200] [--out benchmarks/data/archive-200mb.zip] [--format zip|tgz]

Mix by item count: ~85 % HTML pages (5–40 KB of official-style text in page
chrome), 5 % docx, 5 % xlsx (公示 lists), 5 % pdf, all seeded, so the same
flags give byte-identical archives. Planted findings (secrecy markings,
gambling spam, internal-material marks) are counted in ``<out>.manifest.json``.
``--size-mb 1024`` (or more) gives the ≥ 1 GB archive. Sizes are uncompressed.
"""

from __future__ import annotations

import argparse
import io
import json
import random
import sys
import tarfile
import time
import zipfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests" / "data" / "batch"))
from builders import docx_bytes, pdf_bytes, xlsx_bytes  # noqa: E402

PHRASES = [
    "为深入贯彻落实党中央、国务院决策部署", "进一步加强政府信息公开工作", "现将有关事项通知如下", "各区县人民政府、市政府各部门",
    "请结合实际认真贯彻执行", "按照《中华人民共和国政府信息公开条例》规定", "不得公开涉及国家秘密、商业秘密、个人隐私的信息",
    "坚持以人民为中心的发展思想", "优化营商环境", "推进基本公共服务均等化", "做好安全生产工作", "加强组织领导，明确责任分工",
    "本通知自印发之日起施行", "联系电话：010-12345678", "特此公告", "附件：相关材料清单", "市人民政府办公厅", "2024年3月15日",
    "各有关单位要高度重视", "切实保障群众合法权益", "严格落实保密工作责任制", "定密工作应当依法进行", "信息公开指南",
]
PLANTS = {"secrecy.marking": ["机密★5年", "秘密★1年", "绝密★10年"], "advertising.gambling": ["在线赌场", "百家乐", "澳门葡京", "送彩金"],
          "secrecy.internal": ["内部资料", "内部文件 注意保存"]}


def paragraph(rng: random.Random, n: int) -> str:
    return "，".join(rng.choice(PHRASES) for _ in range(n)) + "。"


def planted(rng: random.Random, counts: dict[str, int], rate: float) -> str:
    if rng.random() >= rate:
        return ""
    rule = rng.choice(sorted(PLANTS))
    counts[rule] = counts.get(rule, 0) + 1
    return rng.choice(PLANTS[rule])


def html_page(rng, counts, size):
    paras = []
    total = 0
    while total < size:
        p = paragraph(rng, rng.randint(3, 12)) + planted(rng, counts, 0.02)
        paras.append(f"<p>{p}</p>")
        total += len(p.encode())
    nav = "".join(f'<li><a href="/col{i}/index.html">栏目{i}</a></li>' for i in range(12))
    return (f'<!DOCTYPE html><html><head><meta charset="utf-8"><title>通知公告 {rng.randint(1, 99999)}</title></head><body>'
            f'<ul class="nav">{nav}</ul><div class="content">{"".join(paras)}</div>'
            f'<div class="footer">主办单位：某市人民政府办公厅 ICP备12345678号</div></body></html>').encode()


def sheet(rng, counts, rows):
    data = [["序号", "姓名", "单位", "备注"]]
    for i in range(rows):
        data.append([i + 1, "张" + rng.choice("伟芳娜敏静丽强磊军洋"), rng.choice(PHRASES)[:10], planted(rng, counts, 0.03) or "无"])
    return xlsx_bytes({"公示名单": data})


def generate(size_mb: float, out: Path, fmt: str = "zip", seed: int = 2024) -> dict:
    rng = random.Random(seed)
    target = int(size_mb * 1024 * 1024)
    counts: dict[str, int] = {}
    kinds: dict[str, int] = {}
    total = 0
    i = 0
    out.parent.mkdir(parents=True, exist_ok=True)
    zf = zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=1) if fmt == "zip" else None
    tf = tarfile.open(out, "w:gz", compresslevel=1) if fmt == "tgz" else None

    def put(name: str, data: bytes) -> None:
        if zf is not None:
            zf.writestr(name, data)
        else:
            ti = tarfile.TarInfo(name)
            ti.size = len(data)
            ti.mtime = 1700000000
            tf.addfile(ti, io.BytesIO(data))

    while total < target:
        i += 1
        r = rng.random()
        if r < 0.85:
            name, data = f"www/col{i % 40}/art{i:07d}.html", html_page(rng, counts, rng.randint(5_000, 40_000))
        elif r < 0.90:
            body = [paragraph(rng, rng.randint(4, 10)) + planted(rng, counts, 0.05) for _ in range(rng.randint(10, 60))]
            name, data = f"www/attach/doc{i:07d}.docx", docx_bytes(body, header="某市人民政府文件 " + planted(rng, counts, 0.1))
        elif r < 0.95:
            name, data = f"www/attach/list{i:07d}.xlsx", sheet(rng, counts, rng.randint(50, 400))
        else:
            pages = [[paragraph(rng, 3)[:60] + planted(rng, counts, 0.05) for _ in range(rng.randint(10, 30))] for _ in range(rng.randint(1, 6))]
            name, data = f"www/attach/file{i:07d}.pdf", pdf_bytes(pages)
        put(name, data)
        kind = name.rsplit(".", 1)[1]
        kinds[kind] = kinds.get(kind, 0) + 1
        total += len(data)
    (zf or tf).close()
    manifest = {"items": i, "bytes": total, "kinds": kinds, "planted": counts, "seed": seed}
    Path(str(out) + ".manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=1))
    return manifest


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--size-mb", type=float, default=200)
    ap.add_argument("--format", choices=("zip", "tgz"), default="zip")
    ap.add_argument("--out", type=Path, default=None)
    ap.add_argument("--seed", type=int, default=2024)
    a = ap.parse_args()
    out = a.out or Path(__file__).parent / "data" / f"archive-{a.size_mb:g}mb.{a.format}"
    t = time.perf_counter()
    m = generate(a.size_mb, out, a.format, a.seed)
    print(f"{out}: {m['items']} items, {m['bytes'] / 1e6:.1f} MB uncompressed, {out.stat().st_size / 1e6:.1f} MB on disk, "
          f"{time.perf_counter() - t:.1f}s; kinds {m['kinds']}; planted {m['planted']}")


if __name__ == "__main__":
    main()
