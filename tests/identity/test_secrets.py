"""Passwords and API key tokens."""

from __future__ import annotations

from typing import Literal

from argon2 import PasswordHasher, extract_parameters

from netgov.identity.secrets import IssuedKey, Passwords, parse_key, same_digest


class RecordingHasher(PasswordHasher):
    """A real, cheap argon2 hasher that remembers which stored hashes it was asked to check."""

    def __init__(self) -> None:
        super().__init__(time_cost=1, memory_cost=64, parallelism=1)
        self.checked: list[str] = []

    def verify(self, hash: str | bytes, password: str | bytes) -> Literal[True]:
        self.checked.append(hash if isinstance(hash, str) else hash.decode())
        return super().verify(hash, password)


def test_a_password_verifies_against_its_hash_and_nothing_else() -> None:
    passwords = Passwords(RecordingHasher())
    stored = passwords.hash("correct horse battery staple")
    assert passwords.verify(stored, "correct horse battery staple")
    assert not passwords.verify(stored, "Correct horse battery staple")
    assert not passwords.verify("not-an-argon2-hash", "correct horse battery staple")


def test_the_unknown_user_check_costs_what_a_real_check_costs() -> None:
    hasher = RecordingHasher()
    passwords = Passwords(hasher)
    passwords.dummy_verify("guess")
    (checked,) = hasher.checked
    used = extract_parameters(checked)
    assert (used.time_cost, used.memory_cost, used.parallelism) == (1, 64, 1)


def test_an_issued_key_is_parsed_back_to_its_lookup_and_matches_its_digest() -> None:
    key = IssuedKey()
    assert parse_key(key.token) == key.lookup
    assert same_digest(key.digest, key.token)
    assert not same_digest(key.digest, key.token + "x")


def test_malformed_keys_have_no_lookup() -> None:
    for token in ("", "ngk", "ngk_short_secret", "xyz_0123456789ab_secret", "Bearer ngk_0123456789ab_s"):
        assert parse_key(token) is None
