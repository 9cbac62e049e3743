"""Self-tests of the ``pii`` family: each label with valid values and with values that
look right but fail their check. Every number here is a published test value or was
computed to pass (or fail) its checksum; none belongs to a person."""

from __future__ import annotations

from netgov.core.detection import DetectorExample

E = DetectorExample

EXAMPLES: tuple[DetectorExample, ...] = (
    # email
    E("Write to jane.roe@example.com tonight", "email", spans=("jane.roe@example.com",)),
    E("她的邮箱是 12345678@qq.com", "email", spans=("12345678@qq.com",), language="zh"),
    E("icon saved as logo@2x.png", "email", should_match=False),
    # phone
    E("Call him on +86 138 0013 8000 after six", "phone", spans=("+86 138 0013 8000",)),
    E("电话：138 0013 8000", "phone", spans=("138 0013 8000",), language="zh"),
    E("Her number is (212) 736-5000", "phone", spans=("(212) 736-5000",), language="en"),
    E("手机：１３８００１３８０００", "phone", spans=("１３８００１３８０００",), language="zh"),
    E("Call +86 138 0013 800 now", "phone", should_match=False),
    E("Order 2024051612 shipped in 2021 2022 on 2023-05-16", "phone", should_match=False),
    # national_id
    E("我的身份证号是11010519491231002X", "national_id", spans=("11010519491231002X",), language="zh"),
    E("身份证 110105194912310021", "national_id", should_match=False, language="zh"),
    E("His SSN is 536-22-1234", "national_id", spans=("536-22-1234",)),
    E("SSN 666-22-1234", "national_id", should_match=False),
    E("DNI 12345678Z, NIE X1234567L", "national_id", spans=("12345678Z", "X1234567L")),
    E("DNI 12345678A", "national_id", should_match=False),
    E("Codice fiscale: RSSMRA85T10A562S", "national_id", spans=("RSSMRA85T10A562S",)),
    E("NIR 2 95 10 99 126 111 93", "national_id", spans=("2 95 10 99 126 111 93",)),
    E("BSN 111222333, PESEL 44051401359", "national_id", spans=("111222333", "44051401359")),
    E("Invoice 111222333", "national_id", should_match=False),
    E("HETU 131052-308T, personnummer 811218-9876", "national_id", spans=("131052-308T", "811218-9876")),
    E("HETU 131052-308U", "national_id", should_match=False),
    # payment_card
    E("Card: 4111 1111 1111 1111 exp 12/29", "payment_card", spans=("4111 1111 1111 1111",)),
    E(
        "Amex 3782 822463 10005, MC 2223 0031 2200 3222",
        "payment_card",
        spans=("3782 822463 10005", "2223 0031 2200 3222"),
    ),
    E("卡号6200000000000005，有效期12/29", "payment_card", spans=("6200000000000005",), language="zh"),
    E("Card: 4111 1111 1111 1112", "payment_card", should_match=False),
    # iban
    E("IBAN DE89 3704 0044 0532 0130 00 please", "iban", spans=("DE89 3704 0044 0532 0130 00",)),
    E("账号 GB82WEST12345698765432", "iban", spans=("GB82WEST12345698765432",), language="zh"),
    E("IBAN DE89 3704 0044 0532 0130 01", "iban", should_match=False),
    # ip_address
    E("His home IP is 81.2.69.160", "ip_address", spans=("81.2.69.160",)),
    E("服务器 2a00:1450:4001:81c::200e", "ip_address", spans=("2a00:1450:4001:81c::200e",), language="zh"),
    E("Router at 192.168.1.1, version 1.2.3.4.5, bad 256.1.1.1", "ip_address", should_match=False),
    # crypto_wallet
    E("Send BTC to 1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2", "crypto_wallet", spans=("1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2",)),
    E(
        "bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq",
        "crypto_wallet",
        spans=("bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq",),
    ),
    E(
        "钱包 0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed",
        "crypto_wallet",
        spans=("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed",),
        language="zh",
    ),
    E("USDT TRC20: TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t", "crypto_wallet", spans=("TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t",)),
    E("Send BTC to 1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN3", "crypto_wallet", should_match=False),
    E("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD", "crypto_wallet", should_match=False),
    # date_of_birth
    E("DOB: 1990-01-31, born on March 3, 1990", "date_of_birth", spans=("1990-01-31", "March 3, 1990")),
    E("出生日期：1990年1月31日", "date_of_birth", spans=("1990年1月31日",), language="zh"),
    E("生日是1990年2月30日", "date_of_birth", should_match=False, language="zh"),
    E("The meeting is on 1990-01-31", "date_of_birth", should_match=False),
    # any: every entity counts once
    E(
        "电话 138 0013 8000，身份证 11010519491231002X",
        "any",
        spans=("138 0013 8000", "11010519491231002X"),
        language="zh",
    ),
    E("Nothing personal here, just 42 apples", "any", should_match=False),
)
