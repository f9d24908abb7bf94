"""Questions about something no report speaks of ("怎么办理护照", "火星人口有多少")."""

from __future__ import annotations

from collections.abc import Callable

from .answer_types import names_a_measure
from .query_types import Query, is_telling
from .question import quoted_phrases
from .question_cues import KIND_ASKED
from .word_kinds import is_a_word, names_a_thing, names_a_time, word_frequency, word_tag


def off_topic(
    query: Query,
    text: str,
    known: Callable[[str], bool],
    rare_word: int,
    places: tuple[str, ...] = (),
) -> bool:
    """Is one word of the question (or none but lone characters) all the passage (`text`, with
    its headings) shares with it, while a thing the question names is in no report at all
    (`known`: does any passage hold this word)? ("怎么办理护照": 办理 found, 护照 nowhere;
    "火星人口有多少": 人口 found, 火星 nowhere.) Words the user said in their own way (开, 考上,
    几天) are verbs or counts, not things, and do not count against it; but two words of the
    dictionary that no report holds do ("感冒发烧吃什么药": 感冒, 发烧; 药 is shared). One word
    suffices where it is a topic of reports, not of everyday talk: a noun jieba counts fewer
    than `rare_word` times, said whole in the passage ("河北对那些冒黑烟的黄标车打算怎么办": 黑烟
    is the asker's own wording; not a place or person's name: "沙县拌面的酱料怎么调"). The
    place asked about (`places`: a city in its province's report) says where, not what, and is
    not shared ("去长沙旅游有哪些必吃的小吃": 旅游 alone, beside a "中国（长沙）" of trade)."""
    # no lone 做, nor how many ("城镇新增就业人数": the report says 92.8万人, not 人数)
    topic = [
        c for c in query.concepts if is_telling(c) and not names_a_measure(c.full[0])
    ]  # nor the size of one (总量, 总额, 规模: "GDP总量是多少")
    kinds = KIND_ASKED.findall(query.text)  # "哪个国家": a country is asked, not spoken of
    shared = [
        c
        for c in topic
        if any(t in text for t in (*c.full, *c.partial))
        and c.full[0] not in kinds
        and c.full[0] not in places  # the place asked is where, not what ("去长沙旅游…小吃")
    ]  # 粮食…产量
    if len(shared) > 1:
        return False  # (jieba's tags are read only past this point: a file scan a word)
    if shared and _a_topic_of_reports(shared[0].full, text, rare_word):
        return False
    if any(
        not any(known(t) for t in c.full) and any(len(t) > 1 and names_a_thing(t) for t in c.full)
        for c in topic
        if c not in shared
    ):
        return True  # none or one shared, and a thing no report names
    unknown = [
        c
        for c in topic
        if c not in shared
        and not any(known(t) for t in (*c.full, *c.partial))
        and any(len(t) > 1 and is_a_word(t) for t in c.full)  # (the dictionary read last)
    ]
    if len(unknown) > 1:
        return True  # "感冒发烧吃什么药": 药 shared; 感冒, 发烧 in no report at all
    # "明天天气怎么样": a time word alone ("保定的明天") shares no topic with the question; a
    # word the user quoted is the report's term, whatever jieba tags it ("“三清”工作": 三清 t)
    if len(shared) != 1 or len(query.concepts) < 2 or not names_a_time(word := shared[0].full[0]):
        return False
    return not any(word in phrase for phrase in quoted_phrases(query.text))


def _a_topic_of_reports(spellings: tuple[str, ...], text: str, rare_word: int) -> bool:
    """A word of reports' own, not everyday talk: a rare noun or verb (or none of jieba's
    words: 黄标车; 找矿) of two characters or more, said whole in `text`."""
    return any(t in text for t in spellings) and all(
        len(t) > 1 and word_tag(t) in _TOPIC_TAGS and word_frequency(t) < rare_word
        for t in spellings
    )


_TOPIC_TAGS = frozenset({None, "n", "nz", "nt", "v", "vn"})  # nouns, verbs (找矿, 免签);
# not ns/nr (a place, a person)
