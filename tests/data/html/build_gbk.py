"""Writes the two GBK fixtures (run from this folder): the same hacked notice, with and without a declared charset.

Kept as a script because the fixtures are binary (GB18030/GBK bytes) and must stay byte-exact.
"""

from pathlib import Path

BODY = """<title>某县人民政府关于印发2026年度重点工作任务分解方案的通知</title>
</head>
<body>
<div class="content">
<h1>某县人民政府关于印发2026年度重点工作任务分解方案的通知</h1>
<p>各乡镇人民政府，县政府各部门、各直属机构：</p>
<p>《2026年度重点工作任务分解方案》已经县人民政府常务会议研究同意，现印发给你们，请认真贯彻执行。各责任单位要细化工作措施，明确时间节点，确保各项任务按期完成。</p>
<p>县政府督查室将定期对任务完成情况进行督查通报。</p>
<p>某县人民政府办公室　2026年2月10日</p>
</div>
<div style="display:none"><a href="http://www.xpj3388.com/">澳门新葡京娱乐场</a><a href="http://www.jsbc-365.net/">金沙娱乐开户送彩金</a></div>
</body>
</html>
"""

META = '<!DOCTYPE html>\n<html>\n<head>\n<meta http-equiv="Content-Type" content="text/html; charset=gb2312">\n'
NO_META = "<!DOCTYPE html>\n<html>\n<head>\n"

if __name__ == "__main__":
    here = Path(__file__).parent
    (here / "gbk_meta.html").write_bytes((META + BODY).encode("gbk"))
    (here / "gbk_nometa.html").write_bytes((NO_META + BODY).encode("gbk"))
