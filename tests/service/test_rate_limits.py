"""Rate limits of the public endpoints: per key and hour, bounded in memory, thread-safe, and
shared between processes through Redis (against a real server when NETGOV_TEST_REDIS_URL is set)."""

from __future__ import annotations

import os
import threading
import uuid
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from netgov.errors import RateLimitedError
from netgov.service.notice_gate import NoticeGate, load_or_create_secret
from netgov.service.rate_limits import WINDOW, Limiter, MemoryLimiter, RedisLimiter, open_limiter, seconds_left
from netgov.settings import Settings

REDIS_URL = os.environ.get("NETGOV_TEST_REDIS_URL")
AT = datetime(2026, 6, 1, 9, 59, 30, tzinfo=UTC)  # 30 seconds before the hour's window ends

MakeLimiter = Callable[[], Limiter]


@pytest.fixture(params=["memory", "redis"])
def make_limiter(request: pytest.FixtureRequest) -> Iterator[MakeLimiter]:
    """Limiters that share their counts: one memory limiter, or fresh Redis clients on one prefix."""
    if request.param == "memory":
        shared = MemoryLimiter()
        yield lambda: shared
        return
    if not REDIS_URL:
        pytest.skip("set NETGOV_TEST_REDIS_URL (e.g. redis://127.0.0.1:6379/15) to run the Redis limiter tests")
    import redis

    prefix = f"netgov-test-limits:{uuid.uuid4().hex}"
    yield lambda: RedisLimiter(REDIS_URL, prefix=prefix)
    client = redis.Redis.from_url(REDIS_URL)
    keys = list(client.scan_iter(f"{prefix}:*"))
    if keys:
        client.delete(*keys)
    client.close()


def test_a_key_is_allowed_up_to_its_limit_then_told_when_to_retry(make_limiter: MakeLimiter) -> None:
    limiter = make_limiter()
    assert [limiter.hit("a", limit=3, at=AT) for _ in range(3)] == [None, None, None]
    assert limiter.hit("a", limit=3, at=AT) == 30


def test_one_key_over_its_limit_leaves_others_alone(make_limiter: MakeLimiter) -> None:
    limiter = make_limiter()
    for _ in range(5):
        limiter.hit("noisy", limit=2, at=AT)
    assert limiter.hit("quiet", limit=2, at=AT) is None


def test_the_next_window_starts_from_zero(make_limiter: MakeLimiter) -> None:
    limiter = make_limiter()
    for _ in range(3):
        limiter.hit("a", limit=2, at=AT)
    assert limiter.hit("a", limit=2, at=AT + timedelta(seconds=31)) is None


def test_processes_share_one_count(make_limiter: MakeLimiter) -> None:
    first, second = make_limiter(), make_limiter()
    assert first.hit("a", limit=2, at=AT) is None
    assert second.hit("a", limit=2, at=AT) is None
    assert first.hit("a", limit=2, at=AT) is not None


def test_concurrent_hits_are_all_counted(make_limiter: MakeLimiter) -> None:
    limiter = make_limiter()
    allowed: list[bool] = []
    lock = threading.Lock()

    def hammer() -> None:
        for _ in range(25):
            ok = limiter.hit("shared", limit=60, at=AT) is None
            with lock:
                allowed.append(ok)

    threads = [threading.Thread(target=hammer) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert allowed.count(True) == 60


def test_a_flood_of_distinct_keys_does_not_grow_memory_without_bound() -> None:
    limiter = MemoryLimiter(max_keys=100)
    for n in range(10_000):
        limiter.hit(f"address-{n}", limit=5, at=AT)
    assert len(limiter) == 100
    assert limiter.hit("address-9999", limit=1, at=AT) is not None  # the recent ones are still counted


def test_a_new_window_forgets_the_old_one() -> None:
    limiter = MemoryLimiter()
    for n in range(50):
        limiter.hit(f"k{n}", limit=5, at=AT)
    limiter.hit("k0", limit=5, at=AT + timedelta(hours=1))
    assert len(limiter) == 1


def test_retry_after_is_at_least_a_second() -> None:
    assert seconds_left(datetime.fromtimestamp(WINDOW * 1000 - 0.2, tz=UTC)) == 1


def test_an_unreachable_redis_lets_requests_through() -> None:
    limiter = RedisLimiter("redis://127.0.0.1:1/0")
    assert limiter.hit("a", limit=0, at=AT) is None


def test_the_limiter_follows_the_waves_setting() -> None:
    assert isinstance(open_limiter("memory"), MemoryLimiter)
    assert isinstance(open_limiter("redis://127.0.0.1:6379/0"), RedisLimiter)
    with pytest.raises(ValueError, match="not a place for rate limits"):
        open_limiter("somewhere")


def test_the_gate_refuses_an_address_over_its_limit_with_retry_after(tmp_path: Path) -> None:
    gate = NoticeGate.open(Settings(data_dir=tmp_path, notice_rate_per_ip=2))
    gate.admit_address("198.51.100.1", at=AT)
    gate.admit_address("198.51.100.1", at=AT)
    with pytest.raises(RateLimitedError, match="at most 2 notices an hour") as refused:
        gate.admit_address("198.51.100.1", at=AT)
    assert refused.value.retry_after == 30
    gate.admit_address("198.51.100.2", at=AT)


def test_a_reporter_is_the_same_whatever_the_case_of_their_email(tmp_path: Path) -> None:
    gate = NoticeGate.open(Settings(data_dir=tmp_path))
    assert gate.reporter_key(email="Ana@Example.org", address="1") == gate.reporter_key(
        email="ana@example.org", address="2"
    )
    assert gate.reporter_key(email=None, address="1") != gate.reporter_key(email=None, address="2")


def test_the_reporter_secret_is_made_once_and_kept_private(tmp_path: Path) -> None:
    path = tmp_path / "reporter-key"
    secret = load_or_create_secret(path)
    assert load_or_create_secret(path) == secret
    assert path.stat().st_mode & 0o777 == 0o600
    assert [p.name for p in tmp_path.iterdir()] == ["reporter-key"]


def test_reporter_keys_differ_between_installations(tmp_path: Path) -> None:
    one = NoticeGate.open(Settings(data_dir=tmp_path / "one"))
    two = NoticeGate.open(Settings(data_dir=tmp_path / "two"))
    assert one.reporter_key(email="ana@example.org", address="") != two.reporter_key(
        email="ana@example.org", address=""
    )
