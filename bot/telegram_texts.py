"""What the Telegram bot says in so many words: help, start, apologies, reload notices."""

from __future__ import annotations

HELP = """直接发送问题即可，例如：{example}
/reports 列出所有报告
/report 名称 只在某份报告中检索（如 /report 辽源）
/all 取消限定，在全部报告中检索
/more 下一批结果（也可以发送“还有呢”）
/show N 查看第 N 条引文的完整段落及上下文
/compare 问题 每份报告各取最相关的一段，没有的注明“未找到”（如 /compare 地区生产总值增长多少）
/find 词语 精确查找词语在各报告中的每一处出现（可加 --region 辽源 --level 县级 --year 2022）
/toc 名称 查看报告的章节目录（如 /toc 赛罕）
/help 显示本帮助
追问：“还有呢”翻到下一批，“那铁东区呢”就上一个问题问另一个地区。
在群里：@{username} 加问题，或回复我的消息。在任何聊天中输入 @{username} 问题，可直接引用原文。"""
APOLOGY = "抱歉，处理这条消息时出错了，请稍后再试。"
NOT_TEXT = "请用文字提问，例如：{example}"
NO_CITATIONS = "还没有可查看的引文，请先提问。"
STALE_BUTTON = "这个按钮已失效，请重新提问。"
NOT_SAVED = "（设置未能保存，重启后失效。）"
START = (
    "我是政府工作报告问答机器人：直接发送问题，我用报告原文回答，"
    "并注明出处（地区、报告、章节、段落）。不编写任何内容，每个字都引自报告。\n\n"
    "可以这样问：\n{examples}\n\n"
    "现有报告（{count} 份）：{names}\n"
    "发送 /help 查看全部命令。"
)

RELOAD_REFUSED = (
    "只有管理员（GOVQA_ADMIN_USERS）可以重新载入报告。报告文件夹的变化也会每隔几秒自动载入。"
)
RELOAD_FIXED = "本机器人的报告是固定的，无需重新载入。"
RELOADED = "已重新载入：{count} 份报告。"
RELOAD_FAILED = "（文件夹读取失败，仍用上一版：{error}）"
