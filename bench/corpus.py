"""A reproducible corpus of short posts and a large lexicon, for the benchmarks.

Everything is generated from a seed: the same seed gives byte-identical files, so figures
from different machines or sessions are comparable.
"""

from __future__ import annotations

import json
import random
import string
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

EN_WORDS = """
the be to of and a in that have i it for not on with he as you do at this but his by from they we say
her she or an will my one all would there their what so up out if about who get which go me when make
can like time no just him know take people into year your good some could them see other than then now
look only come its over think also back after use two how our work first well way even new want because
any these give day most us is are was were been has had did said each tell does set three went lunch
coffee tea dinner weekend holiday family friends kids school teacher homework music movie game team
match goal play watch read book news weather rain sun snow cold hot warm city park walk run bike car bus
train station ticket flight hotel beach mountain river lake garden flower tree dog cat bird photo video
phone call message chat group meeting office project report deadline email boss job interview salary
shop store market price cheap expensive sale discount order delivery package box gift birthday party
cake pizza bread rice noodles soup fruit apple banana orange milk water juice beer wine restaurant menu
doctor hospital health sleep tired happy sad angry funny great nice cool awesome terrible boring
love miss hope wish thanks thank please sorry welcome hello hi bye morning evening night today tomorrow
yesterday week month summer winter spring autumn early late soon always never often sometimes really
very quite pretty much many more less best better worse big small long short old young high low open
close start finish win lose learn teach build fix clean cook bake paint draw write sing dance travel
""".split()

ZH_WORDS = """
今天 明天 昨天 天气 很好 下雨 出门 上班 下班 周末 朋友 家人 孩子 学校 老师 作业 吃饭 午饭 晚饭 早餐
咖啡 奶茶 电影 音乐 游戏 比赛 看书 新闻 公园 散步 跑步 骑车 地铁 公交 火车 飞机 酒店 海边 爬山 旅游
拍照 视频 手机 电话 消息 聊天 开会 项目 报告 老板 工作 面试 工资 商店 超市 价格 便宜 打折 快递 包裹
礼物 生日 蛋糕 面包 米饭 面条 水果 苹果 香蕉 牛奶 啤酒 餐厅 医生 医院 身体 睡觉 开心 难过 好玩 有趣
谢谢 你好 再见 早上 晚上 一起 喜欢 觉得 可以 已经 还是 因为 所以 但是 如果 我们 你们 他们 大家 一下
真的 非常 特别 有点 一点 什么 怎么 为什么 哪里 这里 那里 时候 现在 以后 以前 刚才 马上 终于 居然
""".split()


@dataclass(frozen=True)
class Corpus:
    posts: list[str]
    terms: list[str]
    planted: int

    @property
    def size_bytes(self) -> int:
        return sum(len(p.encode("utf-8")) for p in self.posts)


def _pseudo_word(rng: random.Random) -> str:
    return "".join(rng.choices(string.ascii_lowercase, k=rng.randint(6, 10)))


def _rare_cjk(rng: random.Random) -> str:
    # Characters from the extension-free CJK block unlikely to be in ZH_WORDS: terms made of
    # them never occur by chance in the generated posts.
    return "".join(chr(rng.randint(0x5500, 0x7FFF)) for _ in range(rng.randint(3, 5)))


def make_lexicon(rng: random.Random, size: int) -> list[str]:
    terms: set[str] = set()
    while len(terms) < size:
        roll = rng.random()
        if roll < 0.6:
            terms.add(" ".join(_pseudo_word(rng) for _ in range(rng.randint(1, 3))))
        else:
            terms.add(_rare_cjk(rng))
    return sorted(terms)


_OBFUSCATIONS = ("plain", "leet", "spaced", "homoglyph", "zerowidth", "fullwidth", "upper")
_LEET = str.maketrans({"o": "0", "e": "3", "a": "4", "s": "5", "t": "7"})
_HOMOGLYPH = str.maketrans({"a": "\u0430", "e": "\u0435", "o": "\u043e", "p": "\u0440", "c": "\u0441"})


def obfuscate(term: str, how: str) -> str:
    if how == "leet":
        return term.translate(_LEET)
    if how == "spaced":
        return " ".join(term.replace(" ", ""))
    if how == "homoglyph":
        return term.translate(_HOMOGLYPH)
    if how == "zerowidth":
        return "\u200b".join(term)
    if how == "fullwidth":
        return "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in term)
    if how == "upper":
        return term.upper()
    return term


def _post(rng: random.Random) -> str:
    if rng.random() < 0.5:
        return " ".join(rng.choices(EN_WORDS, k=rng.randint(6, 40))).capitalize() + rng.choice(".!?")
    return "".join(rng.choices(ZH_WORDS, k=rng.randint(5, 30))) + rng.choice("。！？")


def generate(seed: int, target_bytes: int, lexicon_size: int, hit_rate: float = 0.01) -> Corpus:
    rng = random.Random(seed)
    terms = make_lexicon(rng, lexicon_size)
    posts: list[str] = []
    size = planted = 0
    while size < target_bytes:
        post = _post(rng)
        if rng.random() < hit_rate:
            term = obfuscate(rng.choice(terms), rng.choice(_OBFUSCATIONS))
            cut = post.find(" ", len(post) // 2)
            post = f"{post[:cut]} {term} {post[cut:]}" if cut > 0 else post + term
            planted += 1
        posts.append(post)
        size += len(post.encode("utf-8"))
    return Corpus(posts, terms, planted)


def cached(directory: Path, seed: int, target_bytes: int, lexicon_size: int) -> Corpus:
    """Generate once, then reuse the files under ``directory``."""
    stem = directory / f"corpus-{seed}-{target_bytes}-{lexicon_size}"
    posts_file, terms_file, meta_file = (
        stem.with_suffix(".posts"),
        stem.with_suffix(".terms"),
        stem.with_suffix(".json"),
    )
    if meta_file.exists():
        posts = posts_file.read_text("utf-8").split("\n")
        terms = terms_file.read_text("utf-8").split("\n")
        return Corpus(posts, terms, json.loads(meta_file.read_text())["planted"])
    corpus = generate(seed, target_bytes, lexicon_size)
    directory.mkdir(parents=True, exist_ok=True)
    posts_file.write_text("\n".join(corpus.posts), "utf-8")
    terms_file.write_text("\n".join(corpus.terms), "utf-8")
    meta_file.write_text(json.dumps({"planted": corpus.planted}))
    return corpus


def iter_jsonl(posts: list[str]) -> Iterator[str]:
    for index, text in enumerate(posts):
        yield json.dumps({"id": str(index), "platform": "bench", "text": text}, ensure_ascii=False)
