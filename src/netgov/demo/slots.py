"""The words that fill the slots of the demo's post templates.

All names, services and places are invented. Contact data comes from ranges reserved for
fiction and documentation (UK 020 7946 0xxx, North American 555-01xx, ``example.*``
mail domains, issuers' published test card numbers), so no generated post can point at a
real person. Link hosts under the reserved ``.example`` suffix are the ones the bundled
block list names, which is what lets the demo's phishing posts be caught by their link.
"""

from __future__ import annotations

from collections.abc import Mapping

_FIRST = ("Mia", "Leo", "Sam", "Noor", "Ivan", "Priya", "Tomas", "Aiko", "Kofi", "Lena", "Omar", "Rosa")
_LAST = ("Fairweather", "Holm", "Castell", "Mbeki", "Varga", "Lindgren", "Achebe", "Morrow")
_COINS = ("BTC", "ETH", "SOL", "USDT")
_ITEMS = (
    "road bike",
    "bookshelf",
    "baby stroller",
    "desk lamp",
    "winter coat",
    "rice cooker",
    "acoustic guitar",
    "set of garden chairs",
    "sewing machine",
    "office chair",
)


def _doublings() -> tuple[str, ...]:
    stakes = ("0.1", "0.5", "1", "2", "5")
    return tuple(f"send {s} {c} and receive {_twice(s)} {c} back" for s in stakes for c in _COINS)


def _twice(amount: str) -> str:
    return f"{float(amount) * 2:g}"


def _zh_doublings() -> tuple[str, ...]:
    return tuple(f"转{n}U返{n * 2}U" for n in (100, 500, 1000, 2000, 5000))


def _phones() -> tuple[str, ...]:
    # Ofcom's drama range and the 555-01xx block are never assigned to subscribers.
    british = tuple(f"+44 20 7946 0{n:03d}" for n in range(17, 1000, 83))
    american = tuple(f"({area}) 555-01{n:02d}" for area in ("312", "415", "646") for n in (7, 23, 48, 91))
    return british + american


def _emails() -> tuple[str, ...]:
    tlds = ("com", "org", "net")
    return tuple(
        f"{first.lower()}.{last.lower()}@example.{tlds[i % 3]}"
        for i, (first, last) in enumerate((f, s) for f in _FIRST for s in _LAST)
    )


SLOTS: Mapping[str, tuple[str, ...]] = {
    # everyday life
    "name": _FIRST,
    "full_name": tuple(f"{f} {s}" for f in _FIRST for s in _LAST),
    "place": ("Harbour City", "Riverton", "Hillview", "Lakeside", "the old town", "the riverside park"),
    "activity": ("hiking", "cycling", "a pottery class", "a board game night", "volunteering at the library"),
    "food": ("dumplings", "lentil soup", "banana bread", "fried rice", "apple pie", "fish tacos"),
    "weekday": ("Saturday", "Sunday", "Friday evening", "Wednesday"),
    "minute": ("88", "89", "90", "93"),
    "pieces": ("500", "1000", "2000"),
    "recipe": ("banana-bread", "lentil-soup", "apple-pie", "veggie-curry"),
    "album": ("spring-fair", "school-concert", "beach-cleanup", "marathon"),
    "event": ("spring fair", "school concert", "beach cleanup", "charity run"),
    "item": _ITEMS,
    "item2": _ITEMS,
    "condition": ("like new", "barely used", "good condition", "a few scratches", "works perfectly"),
    "price": ("15", "25", "40", "60", "85", "120", "180", "250"),
    "craft": ("ceramic mugs", "knitted scarves", "wooden spoons", "beeswax candles"),
    "zh_name": ("小王", "小李", "阿明", "老张", "小陈", "阿芳"),
    "zh_place": ("滨江公园", "老城区", "河边步道", "市图书馆", "菜市场"),
    "zh_food": ("饺子", "红烧肉", "西红柿炒蛋", "小笼包", "葱油饼"),
    "zh_item": ("自行车", "书架", "婴儿车", "电饭煲", "吉他", "办公椅"),
    "zh_condition": ("九成新", "几乎全新", "有轻微划痕", "功能完好"),
    # scams
    "coin": _COINS,
    "doubling": _doublings(),
    "zh_doubling": _zh_doublings(),
    "milestone": ("our launch", "one million users", "our anniversary", "the new year"),
    "max_amount": ("20", "50", "100"),
    "pct": ("3", "5", "8", "12"),
    "amount": ("100", "200", "250", "400", "500"),
    "cards": ("two", "three", "four", "five"),
    "zh_cards": ("三", "四", "五", "十"),
    "handle": ("@fastgrowth_hq", "@daily_tasks_hr", "@profit_mentor", "@jobdesk_online"),
    "wx": ("abc8899", "win2026", "tz66888", "vip5211"),
    # phishing
    "service": ("Harbour Savings", "Examplia Post", "Chirp", "Marketly", "Northbank Online"),
    "zh_service": ("海港银行", "示例快递", "北岸银行"),
    "sub": ("secure", "account", "help", "signin"),
    "path": ("verify", "restore", "login", "unlock", "confirm"),
    "octet": ("12", "44", "87", "130", "201"),
    # prohibited goods
    "drug_offer": ("Ketamine for sale", "MDMA for sale", "Oxycodone for sale", "Cocaine for sale"),
    "doc_offer": ("Fake passports for sale", "Counterfeit money for sale", "Fake IDs for sale", "Fullz for sale"),
    "zh_goods": ("出售冰毒", "出售k粉", "出售假币", "出售气枪", "高仿身份证"),
    # personal data
    "phone": _phones(),
    "phone2": _phones(),
    "email": _emails(),
    "dob": ("1984-02-11", "1990-07-23", "1979-11-30", "1995-05-06"),
    "zh_dob": ("1984年2月11日", "1990年7月23日", "1995年5月6日"),
    "card": ("4111 1111 1111 1111", "5555 5555 5555 4444", "4012 8888 8888 1881", "3782 822463 10005"),
    "expiry": ("04/27", "11/28", "12/29"),
    # spam
    "thousands": ("5", "10", "20", "50"),
    "days": ("3", "7", "10"),
}
