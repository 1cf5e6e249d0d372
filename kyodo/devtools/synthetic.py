"""Synthetic directories of any size, for the benchmark and for tests at scale."""

from __future__ import annotations

import random
from collections.abc import Iterator
from pathlib import Path

import yaml

from kyodo.content.schema import vocabulary
from kyodo.content.vocabulary import activity_fields, wards

# (written form, reading) pairs combined into invented names.
_PLACES = [
    ("こまどり", "こまどり"),
    ("楓", "かえで"),
    ("欅", "けやき"),
    ("柊", "ひいらぎ"),
    ("若葉", "わかば"),
    ("緑", "みどり"),
    ("星見", "ほしみ"),
    ("月見", "つきみ"),
    ("雲雀", "ひばり"),
    ("白鷺", "しらさぎ"),
    ("千草", "ちぐさ"),
    ("野菊", "のぎく"),
    ("蛍", "ほたる"),
    ("稲穂", "いなほ"),
    ("梢", "こずえ"),
    ("潮見", "しおみ"),
    ("杉", "すぎ"),
    ("藤", "ふじ"),
    ("朝日", "あさひ"),
    ("夕凪", "ゆうなぎ"),
]
_SUFFIXES = [
    ("ヶ丘", "がおか"),
    ("台", "だい"),
    ("町", "まち"),
    ("野", "の"),
    ("沢", "さわ"),
    ("浜", "はま"),
    ("原", "はら"),
    ("坂", "ざか"),
]
_KINDS = {
    "町内会・自治会": [("町内会", "ちょうないかい"), ("自治会", "じちかい")],
    "地区社会福祉協議会": [("地区社会福祉協議会", "ちくしゃかいふくしきょうぎかい")],
    "老人クラブ": [("老人クラブ", "ろうじんくらぶ"), ("長寿会", "ちょうじゅかい")],
    "PTA・保護者会": [
        ("小学校PTA", "しょうがっこうぴーてぃーえー"),
        ("保育園保護者会", "ほいくえんほごしゃかい"),
    ],
    "商店会・商店街振興組合": [
        ("商店会", "しょうてんかい"),
        ("商店街振興組合", "しょうてんがいしんこうくみあい"),
    ],
    "NPO法人": [("サポートネット", "さぽーとねっと"), ("まちづくり舎", "まちづくりしゃ")],
    "市民活動団体": [
        ("見守り隊", "みまもりたい"),
        ("子ども食堂", "こどもしょくどう"),
        ("読み聞かせの会", "よみきかせのかい"),
    ],
    "一般社団・財団法人": [("文化振興会", "ぶんかしんこうかい")],
    "社会福祉法人": [("福祉会", "ふくしかい")],
    "農事組合法人・農業団体": [("ファーム", "ふぁーむ"), ("直売所組合", "ちょくばいじょくみあい")],
    "学校・大学": [("学園", "がくえん")],
    "その他": [("協議会", "きょうぎかい")],
}
_ACTIVITIES = [
    "高齢者の見守り訪問",
    "子育てサロン",
    "防災訓練",
    "川の清掃",
    "学習支援",
    "子ども食堂",
    "日本語教室",
    "花壇の手入れ",
    "夏祭り",
    "スマートフォン相談会",
    "農園の運営",
    "読み聞かせ",
]
_PLACES_MET = [
    "市民センター",
    "集会所",
    "小学校の体育館",
    "地区の公民館",
    "児童館",
    "商店街の空き店舗",
    "公園",
]
_WHEN = [
    "毎月第1土曜日",
    "毎月第3日曜日",
    "毎週水曜日の午後",
    "隔週の木曜日",
    "毎月15日",
    "春と秋の年2回",
]
_WHO = [
    "地域の高齢者",
    "小学生とその保護者",
    "外国にルーツのある家族",
    "子育て中の親子",
    "近隣の大学生",
    "退職した会員",
]
# Paragraph templates: several per listing, so that pages are as long as real ones.
_PARAGRAPHS = [
    "{place}地区を中心に、{a0}に取り組んでいます。{when}に{met}で集まり、{who}と一緒に活動しています。",
    "{year}年に{founders}が集まって始めました。はじめは{n}人ほどでしたが、いまでは{m}人が参加しています。",
    "{a1}では、{who}が気軽に立ち寄れるよう、予約なしで参加できる回を設けています。参加費は無料です。",
    "活動の記録は年に一度、報告会でお知らせしています。{met}の掲示板にも予定を貼り出しています。",
    "{place}の{met}を拠点に、町内会や地区社会福祉協議会、小学校と連絡を取り合いながら進めています。",
    "担い手の高齢化が課題です。{when}の活動を一緒に支えてくださる方を募集しています。",
]
_FOUNDERS = ["近所の有志", "PTAの元役員", "民生委員", "商店会の店主", "子育て中の親"]


def _description(rng: random.Random, place: str, activities: list[str]) -> str:
    """Several paragraphs and a short list, about as long as a real listing's description."""
    values = {
        "place": place,
        "a0": activities[0],
        "a1": activities[1],
        "when": rng.choice(_WHEN),
        "met": rng.choice(_PLACES_MET),
        "who": rng.choice(_WHO),
        "year": rng.randint(1975, 2023),
        "founders": rng.choice(_FOUNDERS),
        "n": rng.randint(3, 12),
        "m": rng.randint(15, 120),
    }
    paragraphs = [p.format(**values) for p in rng.sample(_PARAGRAPHS, 4)]
    items = "\n".join(f"- {a}（{rng.choice(_WHEN)}）" for a in activities)
    return "\n\n".join([*paragraphs[:2], items, *paragraphs[2:]])


def _listing(rng: random.Random, number: int, seed: int) -> tuple[str, dict[str, object]]:
    place, suffix = rng.choice(_PLACES), rng.choice(_SUFFIXES)
    kind = rng.choice(list(_KINDS))
    noun = rng.choice(_KINDS[kind])
    activities = rng.sample(_ACTIVITIES, 2)
    codes = rng.sample(list(activity_fields()), rng.randint(1, 3))
    # The longer prose is drawn apart from the main sequence, like the needs, so that the
    # other fields stay as they were.
    text = random.Random(f"text-{seed}-{number}")
    listing_id = f"synthetic-{number:05d}"
    return listing_id, {
        "id": listing_id,
        "name": f"{place[0]}{suffix[0]}{noun[0]}{number}",
        "name_kana": f"{place[1]}{suffix[1]}{noun[1]}",
        "kind": kind,
        "wards": rng.sample(list(wards()), rng.randint(1, 2)),
        "fields": codes,
        "summary": f"{place[0]}{suffix[0]}で{activities[0]}と{activities[1]}を続けています。",
        "description": _description(text, place[0] + suffix[0], activities),
        "offers": (offers := rng.sample(vocabulary("group", ("offers", 0)).values, 2)),
        "offers_note": f"{activities[0]}の進め方をお伝えできます。{text.choice(_PLACES_MET)}での出張説明も承ります。",
        "needs": _needs(seed, number, offers),
        "needs_note": f"{text.choice(_WHEN)}に手伝ってくださる方と、{text.choice(_PLACES_MET)}の会場を探しています。",
        "founded": text.randint(1975, 2023),
        "members": text.randint(5, 300),
        "status": rng.choice(["活動中"] * 18 + ["休止中", "解散"]),
        "last_confirmed": f"{rng.choice([2024, 2025, 2026])}-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}",
        "contact": {"name": "事務局", "email": f"info{number}@example.jp"},
        "consent": {"given_by": "会長", "date": "2024-01-10", "fields": ["name", "email"]},
    }


def _needs(seed: int, number: int, offers: list[str]) -> list[str]:
    """Up to two needs, drawn apart from the main sequence so that the other fields stay as they were."""
    rng = random.Random(f"needs-{seed}-{number}")
    wanted = [v for v in vocabulary("group", ("needs", 0)).values if v not in offers]
    return rng.sample(wanted, rng.randint(0, 2))


def _business(rng: random.Random, number: int) -> tuple[str, dict[str, object]]:
    place, suffix = rng.choice(_PLACES), rng.choice(_SUFFIXES)
    listing_id = f"synthetic-business-{number:05d}"
    return listing_id, {
        "id": listing_id,
        "name": f"株式会社{place[0]}{suffix[0]}工業{number}",
        "name_kana": f"{place[1]}{suffix[1]}こうぎょう",
        "industry": rng.choice(vocabulary("business", ("industry",)).values),
        "wards": rng.sample(list(wards()), rng.randint(1, 2)),
        "csr_themes": rng.sample(list(activity_fields()), rng.randint(1, 3)),
        "offers": rng.sample(vocabulary("business", ("offers", 0)).values, 2),
        "summary": f"{place[0]}{suffix[0]}で地域の清掃と職場見学を続けています。",
        "status": "活動中",
        "last_confirmed": f"{rng.choice([2025, 2026])}-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}",
        "consent": {"given_by": "総務部長", "date": "2024-01-10"},
    }


def _write(folder: Path, schema: str, listing_id: str, data: dict[str, object]) -> None:
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    (folder / f"{listing_id}.yml").write_text(
        f"# yaml-language-server: $schema=../../kyodo/content/schemas/{schema}.schema.json\n"
        + text,
        encoding="utf-8",
    )


def write_synthetic_directory(root: Path, count: int, seed: int = 1, businesses: int = 0) -> None:
    """Write `count` valid group listings into root/directory/groups/, and `businesses` more
    into root/directory/businesses/."""
    rng = random.Random(seed)
    groups, firms = root / "directory" / "groups", root / "directory" / "businesses"
    for folder in (groups, firms):
        folder.mkdir(parents=True, exist_ok=True)
    for number in range(count):
        _write(groups, "group", *_listing(rng, number, seed))
    for number in range(businesses):
        _write(firms, "business", *_business(rng, number))


def synthetic_listings(count: int, seed: int = 1) -> Iterator[tuple[str, dict[str, object]]]:
    """The first `count` group listings that write_synthetic_directory writes, as (id, data)."""
    rng = random.Random(seed)
    for number in range(count):
        yield _listing(rng, number, seed)
