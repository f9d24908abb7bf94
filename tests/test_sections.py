"""The section tree in every numbering style, on heading shapes taken from the real reports."""

from __future__ import annotations

import itertools

from retrieval.clean import clean_report
from retrieval.corpus import decode_report
from retrieval.glossary import glossary_term
from retrieval.sections import split_sections

from .conftest import ROOT

REAL = ROOT / "tests" / "data" / "real"
OPENING = "各位代表：\n现在，我代表县人民政府，向大会报告工作，请予审议，并请县政协委员提出意见。\n"
# A whole paragraph of running text (over 50 characters, sentences ending in 。).
BODY = "全县上下团结奋进，苦干实干，经济社会发展取得新成效。" * 3


def _real(name: str) -> str:
    return clean_report(decode_report((REAL / name).read_bytes()) or "")


def _section_of(text: str, start: str) -> tuple[str, ...]:
    """The section path of the paragraph that begins with `start`."""
    paras = [p for p in split_sections(text) if text[p.span[0] : p.span[1]].startswith(start)]
    assert len(paras) == 1, start
    return paras[0].section


def _sections(lines: list[str]) -> list[tuple[str, ...]]:
    text = OPENING + "\n".join(lines)
    for p in split_sections(text):
        assert text[p.span[0] : p.span[1]] in text  # labels only: the text stays as it is
    return [p.section for p in split_sections(text)[2:]]  # after the opening two lines


def test_unnumbered_top_headings_over_numbered_run_in_items() -> None:
    """阜平 2022: "2021年主要工作回顾" / "2022年工作目标和主要任务" are top-level parts and
    each "(一)…。…" item holds the paragraphs after it up to the next item."""
    text = _real("county_fuping_2022.txt")
    assert _section_of(text, "2021年，是中国共产党成立100周年") == ("2021年主要工作回顾",)
    assert _section_of(text, "风雨多经志弥坚") == (
        "2021年主要工作回顾",
        "风雨多经志弥坚，关山初度路犹长",
    )
    assert _section_of(text, "2022年是党的二十大召开之年") == ("2022年工作目标和主要任务",)
    first = "(一)着力推进乡村振兴战略，在农业农村发展上实现新突破。"
    assert _section_of(text, "(一)着力推进") == ("2022年工作目标和主要任务", first)
    assert _section_of(text, "久久为功巩固脱贫成果") == (
        "2022年工作目标和主要任务",
        first,
        "久久为功巩固脱贫成果",
    )
    fourth = "(四)着力推进旅游产业发展，在提高对外知名度上实现新突破。"
    assert _section_of(text, "规范服务提升满意指数") == (
        "2022年工作目标和主要任务",
        fourth,
        "规范服务提升满意指数",
    )
    # "各位代表！…" closes the items: the closing words belong to the part.
    assert _section_of(text, "各位代表!初心如磐") == ("2022年工作目标和主要任务",)
    assert _section_of(text, "〔4〕林长制") == (
        "名词解释",
        "林长制",
    )  # the note's number is no term


def test_unnumbered_parts_with_unnumbered_and_numbered_sub_headings() -> None:
    """米易 2023: plain parts, plain "一年来，…，…" sub-headings, then 一、 under a plain part."""
    text = _real("county_miyi_2023.txt")
    review = "一年来，我们坚持事不避难、真抓实干，发展质量稳步提升"
    assert _section_of(text, "工业经济提质扩面") == ("2022年工作回顾", review, "工业经济提质扩面")
    assert _section_of(text, "做强特色产业稳存量") == (
        "2023年工作安排",
        "一、坚定实施工业强县战略，持续做大做强工业经济",
        "做强特色产业稳存量",
    )
    assert _section_of(text, "坚持政治为先，铸牢忠诚之魂") == (
        "全面加强政府自身建设",
        "坚持政治为先，铸牢忠诚之魂",
    )


def test_plain_part_with_full_width_run_in_items() -> None:
    """四川 2025: "加强政府自身建设" is a part of its own, not under the plan."""
    text = _real("sichuan_2025.txt")
    assert _section_of(text, "（一）全方位扩大内需") == (
        "2025年工作安排建议",
        "（一）全方位扩大内需，稳住经济大盘。",
    )
    assert _section_of(text, "（一）树牢正确政绩观") == (
        "加强政府自身建设",
        "（一）树牢正确政绩观。",
    )


def test_standalone_yishi_lines_are_headings_run_in_yishi_only_name_a_paragraph() -> None:
    gansu = _real("gansu_2025.txt")  # "一是…" lines over paragraphs
    item = "一是聚焦全方位扩大内需，着力提消费促投资"
    assert _section_of(gansu, "大力提振消费需求") == (
        "三、2025年重点工作",
        item,
        "大力提振消费需求",
    )
    baoding = _real("city_baoding_2022.txt")  # "一是…。…": a lead inside a paragraph
    assert _section_of(baoding, "一是协同发展实现新突破") == (
        "一、2021年工作回顾",
        "一是协同发展实现新突破",
    )
    assert _section_of(baoding, "二是城市面貌展现新形象") == (
        "一、2021年工作回顾",
        "二是城市面貌展现新形象",
    )


def test_a_subtitle_under_a_heading_is_text() -> None:
    """保定 2025: "——攻坚新颜值、决胜“十四五”" under "二、2025年主要任务" does not hold its items."""
    text = _real("city_baoding_2025.txt")
    assert _section_of(text, "——攻坚新颜值") == ("二、2025年主要任务",)
    assert _section_of(text, "（一）纵深推进协同发展") == (
        "二、2025年主要任务",
        "（一）纵深推进协同发展，深度融入现代化首都都市圈。",
    )


def test_annex_items_nest_under_the_annex() -> None:
    text = _real("guangdong_2025.txt")
    assert _section_of(text, "六、扎实推进城镇和农村生活污水治理。") == (
        "附件12025年省十件民生实事",
        "六、扎实推进城镇和农村生活污水治理。",
    )
    yunnan = _real("yunnan_2025.txt")  # after the glossary: "附件" / title / "一、…"
    assert _section_of(yunnan, "主办单位：省司法厅") == (
        "附件2025年10件惠民实事",
        "七、推动法律援助扩面提质",
    )


def test_lines_a_web_page_broke_at_links_are_not_headings() -> None:
    text = _real("national_2017.txt")
    sections = {s for p in split_sections(text) for s in p.section}
    assert not sections & {"改革开放", "一带一路", "城市轨道交通", "十三五", "要全面深化各领域改"}
    assert _section_of(text, "”实现了良好开局") == ("一、2016年工作回顾",)


def test_styles_nest_in_the_order_they_first_appear() -> None:
    lines = [
        "第一部分 过去一年的工作",
        BODY,
        "一、经济运行稳中向好",
        BODY,
        "（一）工业经济",
        BODY,
        "1.制造业提质扩面",
        BODY,
        "(二)农业农村",  # half-width: the same style as （一）
        BODY,
        "二、民生保障有力",
        BODY,
        "第二部分 今年的主要任务",
        BODY,
    ]
    first, second = "第一部分 过去一年的工作", "第二部分 今年的主要任务"
    assert _sections(lines) == [
        (first,),
        (first, "一、经济运行稳中向好"),
        (first, "一、经济运行稳中向好", "（一）工业经济"),
        (first, "一、经济运行稳中向好", "（一）工业经济", "1.制造业提质扩面"),
        (first, "一、经济运行稳中向好", "(二)农业农村"),
        (first, "二、民生保障有力"),
        (second,),
    ]


def test_a_deeper_style_seen_first_stays_deeper_when_it_comes_back() -> None:
    lines = ["一、2024年工作回顾", BODY, "（一）稳增长", BODY, "二、2025年主要任务", BODY]
    lines += ["（一）扩内需", BODY, "三、加强政府自身建设", BODY]
    assert _sections(lines) == [
        ("一、2024年工作回顾",),
        ("一、2024年工作回顾", "（一）稳增长"),
        ("二、2025年主要任务",),
        ("二、2025年主要任务", "（一）扩内需"),
        ("三、加强政府自身建设",),
    ]


def test_list_items_and_short_sentences_are_not_headings() -> None:
    lines = [
        "一、2021年10项民生工程",
        "1.完成城乡饮水安全一体化提升工程，解决4个乡镇43个屯集中供水问题。",
        "2.完成叶赫镇供水工程，提升叶赫镇区和双合村居民饮水质量。",
        "今年粮食产量稳定",  # short, but between two list items: not a heading
        "3.新建改建农村公路30公里。",
        BODY,
    ]
    assert _sections(lines) == [("一、2021年10项民生工程",)] * 5


def test_a_heading_with_nothing_under_it_stays_text() -> None:
    text = OPENING + "一、2023年工作回顾\n（一）经济运行\n（二）民生保障\n" + BODY
    paras = split_sections(text)
    assert [text[p.span[0] : p.span[1]] for p in paras[2:]] == ["（一）经济运行", BODY]
    assert [p.section for p in paras[2:]] == [
        ("一、2023年工作回顾",),
        ("一、2023年工作回顾", "（二）民生保障"),
    ]


def test_every_real_report_keeps_its_text_and_numbers_its_paragraphs() -> None:
    for path in sorted(REAL.glob("*.txt")):
        text = _real(path.name)
        paras = split_sections(text)
        body = [p.number for p in paras if p.number]
        assert body == list(range(1, len(body) + 1)), path.name
        spans = [p.span for p in paras]
        assert all(a[1] <= b[0] for a, b in itertools.pairwise(spans)), path.name
        assert all(all(s.strip() for s in p.section) for p in paras[1:]), path.name


def test_a_heading_line_is_kept_as_written_with_its_full_stop() -> None:
    text = "政府工作报告\n（一）推进新型城镇化。\n城镇化是现代化的必由之路，要加快推进。\n"
    assert [p.section for p in split_sections(text)][-1] == ("（一）推进新型城镇化。",)


def test_a_page_with_no_salutation_its_meeting_and_speaker_are_no_headings() -> None:
    # 保定 2023 (fresh5): a newspaper page; the meeting and speaker lines open it, no 各位代表
    text = "\n".join(
        [
            "2023年保定市政府工作报告",
            "――2023年1月30日在保定市第十六届人民代表大会第四次会议上",
            "保定市人民政府市长 闫继红",
            "2022年政府工作回顾",
            BODY,
            "四是城市面貌蝶变跃升。" + BODY,
        ]
    )
    assert _section_of(text, "四是城市面貌") == ("2022年政府工作回顾", "四是城市面貌蝶变跃升")
    assert _section_of(text, "保定市人民政府市长") == ()  # not under a "――…会议上" heading


def test_a_numbered_item_heading_may_run_long() -> None:
    """广东 2022 (tests/data/fresh9): item headings of 54 characters, clauses but no sentence
    end, are headings."""
    item = "（一）纵深推进“双区”建设和深圳综合改革试点，全面推进横琴、前海两个合作区建设，推动国家重大发展战略落地落实"
    text = "\n".join(
        ["各位代表：", "二、2022年工作安排", "我们将重点做好以下十个方面工作：", item,
         "积极作为深入推进粤港澳大湾区建设。加快打造国际一流湾区和世界级城市群。",
         "强化战略科技力量。以大湾区国际科技创新中心为引领。"]
    )  # fmt: skip
    assert _section_of(text, "积极作为")[:2] == ("二、2022年工作安排", item)  # run-in lead
    assert _section_of(text, "强化战略")[:2] == ("二、2022年工作安排", item)


def test_a_long_numbered_line_that_ends_a_sentence_is_no_heading() -> None:
    """Past MAX_HEADING a numbered line heads a part only when it ends no sentence: a list
    item of 51-80 characters ending in 。 stays text of the part it stands in."""
    item = "（三）主要农作物耕种收综合机械化率达到80%以上，粮食总产量稳定在75万吨以上，蔬菜产量达到120万吨。"
    assert 50 < len(item) <= 80
    text = "\n".join(["各位代表：", "二、2022年工作安排", BODY, item, BODY.replace("全县", "全市")])
    assert _section_of(text, "全市上下") == ("二、2022年工作安排",)
    assert _section_of(text, "（三）主要农作物") == ("二、2022年工作安排",)


def test_a_glossary_is_known_by_its_entries_whatever_its_heading_says() -> None:
    """高唐县 2021 (tests/data/fresh7) heads its glossary "附：短语说明": a run of entries
    numbered from 1, each "term：explanation", makes it one; a project table's repeated
    "1.项目内容：" under each project does not."""
    entries = ["1.“散乱污”企业：指不符合产业政策的企业。", "2.“六稳”：稳就业、稳金融。",
               "3.“六保”：保居民就业、保基本民生。", "4.四个最严：最严谨的标准。",
               "5.123制造业体系：指做强做大一个主导产业。", "6.双招双引：招商引资、招才引智。"]  # fmt: skip
    text = "\n".join(["各位代表：", BODY, "附：短语说明", *entries])
    paras = split_sections(text)
    entry = next(p for p in paras if text[p.span[0] : p.span[1]].startswith("5.123"))
    assert entry.glossary and entry.section[0] == "附：短语说明"
    projects = ["1.项目内容：新建教学楼。", "2.建设规模：7万平方米。", "3.总投资：3亿元。",
                "4.建设地点：城区。", "5.建设年限：2022年。"]  # fmt: skip
    table = "\n".join(
        ["各位代表：", BODY, "八、安国第一中学", *projects, "九、河北中医学院", *projects]
    )
    assert not any(p.glossary for p in split_sections(table))


def test_notes_keyed_by_bracketed_numbers_under_a_notes_heading_are_a_glossary() -> None:
    """海南 2024 (tests/data/fresh15) ends with "注 释" and entries "[5] 两个基地：…", keyed by
    the marks in its text ("“两个网络”[16]")."""
    entries = [f"[{k}] 术语{k}：解释{k}。" for k in range(1, 7)]
    text = "\n".join(["各位代表：", BODY, "注 释", *entries])
    entry = next(p for p in split_sections(text) if text[p.span[0] :].startswith("[5]"))
    assert entry.glossary and entry.section == ("注 释", "术语5")
    assert glossary_term("[5] 两个基地：中国企业走向国际市场的总部基地") == "两个基地"
    assert glossary_term("〔6〕六稳：稳就业") == "六稳"
    text = "\n".join(["各位代表：", BODY, "说明", *entries])  # by its entries alone, too
    assert any(p.glossary for p in split_sections(text))


def test_an_annex_titled_on_its_next_line_is_a_glossary_by_that_title_or_its_entries() -> None:
    """新余 2018 (tests/data/fresh34) ends with "附件2" / "《政府工作报告》注释" and 乐山 2023
    (fresh28) with "附件" / "注 释": the annex heading joins the two lines, and the entries
    under it are a glossary's, each its own paragraph under its term."""
    for folder, name, start, term in (
        ("fresh34", "xinyu_2018.txt", "5.“晓康诊所”", "“晓康诊所”"),
        ("fresh28", "leshan_2023.txt", "3.“四上”企业", "“四上”企业"),
    ):
        raw = (ROOT / "tests" / "data" / folder / name).read_bytes()
        text = clean_report(decode_report(raw) or "")
        entry = next(p for p in split_sections(text) if text[p.span[0] :].startswith(start))
        assert entry.glossary, name
        assert entry.section[0].startswith("附件") and entry.section[-1] == term


def test_a_numbered_lead_sentence_heads_its_paragraph_as_long_as_a_numbered_line() -> None:
    """哈尔滨 2017 (tests/data/fresh37) runs its items' headings into their paragraphs; the
    first is 44 characters: as a line of its own it would head its item, and so it does as
    a lead (a dash lead stays short: "——" often opens a plain sentence)."""
    text = _real("../fresh37/haerbin_2017.txt")
    lead = (
        "（一）坚持把供给侧结构性改革的着力点放在振兴实体产业上，进一步提高经济发展质量和支撑能力。"
    )
    assert _section_of(text, lead) == ("今后五年及2017年工作", lead)


def test_a_numbered_heading_run_into_the_paragraph_before_opens_its_item() -> None:
    """铜仁 2024 (tests/data/fresh39) lost the line break before "（八）": the next item's
    heading right after a finished sentence opens item 8; an enumeration inside a sentence
    ("：（一）…；（二）…") and a number out of sequence stay text."""
    sections = _sections(
        [
            "二、今年的工作",
            "（七）厚植生态优势。加快绿色低碳发展，积极申创国家级低碳城市。（八）严密防范重大"
            "风险，推动平安建设。统筹发展和安全，全力防范化解重大风险。",
            "牢牢守住安全底线，坚持两手抓：（一）抓预防；（二）抓处置。（五）号文件继续执行。",
        ]
    )
    assert sections == [
        ("二、今年的工作", "（七）厚植生态优势。"),
        ("二、今年的工作", "（八）严密防范重大风险，推动平安建设。"),
        ("二、今年的工作", "（八）严密防范重大风险，推动平安建设。"),
    ]
    text = (ROOT / "tests/data/fresh39/tongren_2024.txt").read_text(encoding="utf-8")
    eighth = "（八）严密防范重大风险，推动平安铜仁展现新面貌。"
    assert _section_of(clean_report(text), "（八）严密防范")[-1] == eighth


def test_a_glossary_with_each_term_on_a_line_above_its_meaning() -> None:
    """滨州 2024 (tests/data/fresh39) ends with "部分用语说明": "15.五主并举" on its own line,
    its meaning on the next; each meaning is an entry named by its term. Numbered headings
    over paragraphs of running text are no glossary."""
    terms = ["八大品质", "智改数转", "两业融合", "五主并举", "五链融合", "四水四定"]
    lines = [ln for k, t in enumerate(terms, 1) for ln in (f"{k}.{t}", f"{t}的含义。")]
    text = "\n".join(["各位代表：", BODY, "部分用语说明", *lines])
    entry = next(p for p in split_sections(text) if text[p.span[0] :].startswith("五主并举的"))
    assert entry.glossary and entry.section == ("部分用语说明", "五主并举")
    heads = [ln for k, t in enumerate(terms, 1) for ln in (f"{k}.{t}", BODY)]
    assert not any(
        p.glossary for p in split_sections("\n".join(["各位代表：", BODY, "主要任务", *heads]))
    )


def test_unnumbered_entries_under_a_notes_heading_called_zhujie_are_a_glossary() -> None:
    """大理 2014 (tests/data/fresh92) ends with "**注解**" and unnumbered "金果贷:在宾川县实施的…"
    entries: a glossary (its heading's words), so "“金果贷”是什么" is answered by its entry."""
    entries = ["三品一标:无公害、绿色、有机和地理标志农产品。", "金果贷:在宾川县实施的贷款。"]
    text = "\n".join(["各位代表：", BODY, "注解", *entries])
    entry = next(p for p in split_sections(text) if text[p.span[0] :].startswith("金果贷"))
    assert entry.glossary and entry.section == ("注解", "金果贷")


def test_a_numbered_list_lead_sentence_names_its_own_paragraph() -> None:
    """辽宁 2006 (tests/data/prov2006) numbers its nine tasks "1、…。" at the head of each
    paragraph, 山东 2012 (tests/data/fresh42) its measures "（1）…。": each lead names its
    paragraph as an item of the part, but opens no section: the list's next item with no lead
    and the words after the list stay under what holds the list (湖南 2004's "这八件实事")."""
    text = _real("../prov2006/liaoning_2006.txt")
    part = "三、2006年的重点工作"
    assert _section_of(text, "1、在体制机制") == (
        part,
        "1、在体制机制创新上实现新突破，增强内在发展动力。",
    )
    assert _section_of(text, "9、切实加强") == (
        part,
        "9、切实加强政府自身建设，努力营造良好发展环境。",
    )
    text = _real("../fresh42/shandong_2012.txt")
    item = "（八）努力保障和改善民生、加强和创新社会管理。"
    assert _section_of(text, "（2）促进重点群体就业")[1:] == (item, "（2）促进重点群体就业。")
    assert _section_of(text, "（4）深入开展校企合作")[1:] == (item,)
    text = _real("../fresh54/hunan_2004.txt")
    after = _section_of(text, "这八件实事")
    assert not any(h.startswith("8、") for h in after), after
    # a note "term：meaning" (四平 2015's notes, read as no glossary) is no item of a part
    text = _real("../fresh41/siping_2015.txt")
    assert _section_of(text, "32.NFC手机") == ("二、 2015年工作安排",)
