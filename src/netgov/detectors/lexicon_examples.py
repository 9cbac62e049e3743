"""Self-tests of the lexicon detector: evasions it must see through, and near misses."""

from __future__ import annotations

from netgov.core.detection import DetectorExample
from netgov.core.lists import EntryList, ListEntry

_SCAMS = EntryList(
    kind="lexicon",
    name="scams",
    path="<example>",
    entries=(
        ListEntry("free money", 1),
        ListEntry("paypal", 2),
        ListEntry("scam", 3),
        ListEntry("免费领取", 4),
        ListEntry("轉賬", 5),
    ),
)

EXAMPLES = (
    DetectorExample("Get FREE MONEY now", "scams", spans=("FREE MONEY",), lists=(_SCAMS,)),
    DetectorExample("f r e e  m 0 n e y!", "scams", spans=("f r e e  m 0 n e y",), lists=(_SCAMS,)),
    DetectorExample("fr.ee mo-ney", "scams", spans=("fr.ee mo-ney",), lists=(_SCAMS,)),
    DetectorExample("log in to р\u0430yp\u0430l", "scams", spans=("р\u0430yp\u0430l",), lists=(_SCAMS,)),
    DetectorExample("paypa1 support", "scams", spans=("paypa1",), lists=(_SCAMS,)),
    DetectorExample("s\u200bc\u200ba\u200bm", "scams", spans=("s\u200bc\u200ba\u200bm",), lists=(_SCAMS,)),
    DetectorExample("ｆｒｅｅ ｍｏｎｅｙ", "scams", spans=("ｆｒｅｅ ｍｏｎｅｙ",), lists=(_SCAMS,)),
    DetectorExample("現在免費領取紅包", "scams", spans=("免費領取",), lists=(_SCAMS,)),
    DetectorExample("请转账给我", "scams", spans=("转账",), lists=(_SCAMS,)),
    DetectorExample("a scammer called", "scams", should_match=False, lists=(_SCAMS,)),
    DetectorExample("the money is free", "scams", should_match=False, lists=(_SCAMS,)),
    DetectorExample("is camping fun", "scams", should_match=False, lists=(_SCAMS,)),
)
