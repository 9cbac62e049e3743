"""Posts the bundled rulebook decides in known ways, for the API tests."""

from __future__ import annotations

from typing import Any

# scam.crypto-doubling: remove, SCAMS_AND_FRAUD.
SCAM = "Send 0.1 BTC and receive 0.2 BTC back, limited giveaway"
# goods.prohibited-offer: remove, UNSAFE_AND_PROHIBITED_PRODUCTS.
GOODS = "Selling fresh fullz and CVV dumps with pin"
# No rule fires: allow.
CLEAN = "Lunch at the harbour market was lovely today"


def post(content_id: str, text: str = CLEAN, **fields: Any) -> dict[str, Any]:
    return {"id": content_id, "text": text, "account": {"id": "u-1"}, **fields}
