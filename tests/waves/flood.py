"""Planted floods for wave tests: copies of a template with a few characters changed."""

from __future__ import annotations

import random
from datetime import datetime, timedelta

from netgov import Account, Content

SCAM_EN = (
    "Congratulations! You have been selected to receive a free iPhone 15. "
    "Claim your prize now at prize-claim.example before it expires tonight."
)
SCAM_ZH = "恭喜您被选中获得免费iPhone15，请在今晚之前点击链接领取您的奖品，名额有限，先到先得，过期作废。"
UNRELATED = (
    "I baked a sourdough loaf this morning with rye flour and it came out better than ever.",
    "The council meeting about the new cycle lane is moved to Thursday evening at seven.",
    "今天去公园散步，看到很多人在放风筝，天气特别好，心情也跟着变好了。",
)
_ALPHABET = "abcdefghijklmnopqrstuvwxyz的一是不了人我在有他这"


def edited(text: str, rng: random.Random, rate: float = 0.025) -> str:
    """``text`` with ``rate`` of its characters replaced at random."""
    chars = list(text)
    for _ in range(max(1, round(len(chars) * rate))):
        chars[rng.randrange(len(chars))] = rng.choice(_ALPHABET)
    return "".join(chars)


def flood(
    template: str, *, posts: int, accounts: int, start: datetime, seed: int = 7, prefix: str = "f"
) -> list[Content]:
    """``posts`` edited copies, one a second, spread round-robin over ``accounts`` accounts."""
    rng = random.Random(seed)
    return [
        Content(
            id=f"{prefix}{i}",
            platform="test",
            text=edited(template, rng),
            account=Account(id=f"{prefix}-acct{i % accounts}"),
            created_at=start + timedelta(seconds=i),
        )
        for i in range(posts)
    ]
