"""The url family's self-tests, run by tests/detectors/test_examples.py."""

from __future__ import annotations

from netgov.core.detection import DetectorExample
from netgov.core.lists import EntryList, ListEntry


def _domains(name: str, role: str, *entries: str) -> EntryList:
    lines = tuple(ListEntry(text, number) for number, text in enumerate(entries, start=1))
    return EntryList(kind="domain", name=name, path=f"<example {name}>", entries=lines, options={"role": role})


_BLOCK = _domains("blocklist", "block", "phishing.example", "||login-verify.example^", "0.0.0.0 malware.example")
_ALLOW = _domains("allowlist", "allow", "example.org")
_SHORTENERS = _domains("shorteners", "shorteners", "bit.ly", "t.cn")
_PROTECTED = _domains("protected", "protected", "paypal.com", "icbc.com.cn")

EXAMPLES = (
    DetectorExample(
        "Verify now: hxxps://secure.login-verify[.]example/account",
        "blocked",
        spans=("hxxps://secure.login-verify[.]example/account",),
        lists=(_BLOCK,),
    ),
    DetectorExample(
        "下载地址 malware(.)example 快", "blocked", spans=("malware(.)example",), lists=(_BLOCK,), language="zh"
    ),
    DetectorExample("Report phishing to the example.org team", "blocked", should_match=False, lists=(_BLOCK,)),
    # "p\u0430ypal": the second letter is a Cyrillic a.
    DetectorExample("Log in at p\u0430ypal.com today", "lookalike", spans=("p\u0430ypal.com",), lists=(_PROTECTED,)),
    DetectorExample(
        "Update billing: https://paypa1.com/login",
        "lookalike",
        spans=("https://paypa1.com/login",),
        lists=(_PROTECTED,),
    ),
    DetectorExample(
        "您的账户异常，请登录 icbc-verify.com 处理",
        "lookalike",
        spans=("icbc-verify.com",),
        lists=(_PROTECTED,),
        language="zh",
    ),
    DetectorExample(
        "Pay me on https://www.paypal.com/paypalme/x", "lookalike", should_match=False, lists=(_PROTECTED,)
    ),
    DetectorExample("Tracking: bit.ly/3xYzAb", "shortener", spans=("bit.ly/3xYzAb",), lists=(_SHORTENERS,)),
    DetectorExample("点这里 t.cn/A6xyz 查看", "shortener", spans=("t.cn/A6xyz",), lists=(_SHORTENERS,), language="zh"),
    DetectorExample("Admin panel: http://3232235777/login", "ip_host", spans=("http://3232235777/login",)),
    DetectorExample("Version 1.2.3.4 is out", "ip_host", should_match=False),
    DetectorExample("See https://xn--pypal-4ve.com/", "punycode", spans=("https://xn--pypal-4ve.com/",)),
    DetectorExample("Write to us at example dot com", "any", spans=("example dot com",)),
    DetectorExample("访问ｅｘａｍｐｌｅ。ｃｏｍ领取", "any", spans=("ｅｘａｍｐｌｅ。ｃｏｍ",), language="zh"),
    DetectorExample("e.g. see report.pdf, v1.2.3 or 3.14 with Mr.Smith", "any", should_match=False),
    DetectorExample("Docs: https://example.org/start", "any", should_match=False, lists=(_ALLOW,)),
    DetectorExample(
        '<a href="https://evil.example/">paypal.com</a>',
        "mismatched_link",
        spans=('<a href="https://evil.example/">paypal.com</a>',),
    ),
    DetectorExample(
        "[www.icbc.com.cn](https://icbc-help.example/)",
        "mismatched_link",
        spans=("[www.icbc.com.cn](https://icbc-help.example/)",),
        language="zh",
    ),
    DetectorExample("[click here](https://evil.example/)", "mismatched_link", should_match=False),
)
