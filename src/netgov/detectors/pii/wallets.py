"""Cryptocurrency wallet addresses, each with its own checksum.

- Bitcoin legacy (``1...``, ``3...``) and TRON (``T...``): Base58Check, a double-SHA-256
  checksum over a version byte and a 20-byte hash;
- Bitcoin SegWit (``bc1q...``): bech32; Taproot and later versions (``bc1p...``): bech32m
  (BIP 173 and BIP 350), including the witness program lengths;
- Ethereum (``0x`` + 40 hex digits): the EIP-55 checksum, a Keccak-256 hash that sets the
  case of each letter, when the address is written in mixed case. An all-lower-case or
  all-upper-case address carries no checksum and is accepted on its format.

Validation needs the address as written (Base58 and EIP-55 are case-sensitive), so it runs
on the original text, not the folded view.
"""

from __future__ import annotations

import hashlib
import re

from Crypto.Hash import keccak

_BASE58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"
_BASE58_VALUES = {char: value for value, char in enumerate(_BASE58)}
_BASE58_VERSIONS = {0x00: "bitcoin-p2pkh", 0x05: "bitcoin-p2sh", 0x41: "tron"}
_BECH32 = "qpzry9x8gf2tvdw0s3jn54khce6mua7l"
_BECH32_VALUES = {char: value for value, char in enumerate(_BECH32)}
_BECH32_CONSTANT, _BECH32M_CONSTANT = 1, 0x2BC830A3
_ETHEREUM = re.compile(r"0x[0-9a-fA-F]{40}")


def wallet(address: str) -> tuple[str, str] | None:
    """``(normalised address, validator)`` if ``address`` is a valid wallet address."""
    if address[:3].lower() == "bc1":
        return _segwit(address)
    if address.startswith("0x"):
        return _ethereum(address)
    return _base58check(address)


def _base58check(address: str) -> tuple[str, str] | None:
    if not 26 <= len(address) <= 35 or any(char not in _BASE58_VALUES for char in address):
        return None
    number = 0
    for char in address:
        number = number * 58 + _BASE58_VALUES[char]
    zeros = len(address) - len(address.lstrip("1"))
    payload = b"\x00" * zeros + number.to_bytes((number.bit_length() + 7) // 8, "big")
    if len(payload) != 25:
        return None
    checksum = hashlib.sha256(hashlib.sha256(payload[:21]).digest()).digest()[:4]
    kind = _BASE58_VERSIONS.get(payload[0])
    if checksum != payload[21:] or kind is None:
        return None
    return address, f"base58check:{kind}"


def _polymod(values: list[int]) -> int:
    generator = (0x3B6A57B2, 0x26508E6D, 0x1EA119FA, 0x3D4233DD, 0x2A1462B3)
    checksum = 1
    for value in values:
        top = checksum >> 25
        checksum = (checksum & 0x1FFFFFF) << 5 ^ value
        for bit in range(5):
            checksum ^= generator[bit] if (top >> bit) & 1 else 0
    return checksum


def _segwit(address: str) -> tuple[str, str] | None:
    if address != address.lower() and address != address.upper():
        return None  # mixed case is invalid in bech32
    address = address.lower()
    data = [_BECH32_VALUES.get(char, -1) for char in address[3:]]
    if not 14 <= len(address) <= 90 or -1 in data or len(data) < 7:
        return None
    version, program = data[0], _from_5_bits(data[1:-6])
    constant = _polymod([3, 3, 0, 2, 3, *data])  # the expanded prefix "bc"
    if program is None or version > 16 or not 2 <= len(program) <= 40:
        return None
    if version == 0:
        valid = constant == _BECH32_CONSTANT and len(program) in (20, 32)
        return (address, "bech32:bitcoin-segwit-v0") if valid else None
    valid = constant == _BECH32M_CONSTANT and (version != 1 or len(program) == 32)
    return (address, f"bech32m:bitcoin-segwit-v{version}") if valid else None


def _from_5_bits(values: list[int]) -> bytes | None:
    accumulator, bits, result = 0, 0, bytearray()
    for value in values:
        accumulator = ((accumulator << 5) | value) & 0xFFF
        bits += 5
        if bits >= 8:
            bits -= 8
            result.append((accumulator >> bits) & 0xFF)
    if bits >= 5 or (accumulator << (8 - bits)) & 0xFF:
        return None  # padding must be short and zero
    return bytes(result)


def _ethereum(address: str) -> tuple[str, str] | None:
    if not _ETHEREUM.fullmatch(address):
        return None
    hexdigits = address[2:]
    lowered = hexdigits.lower()
    if hexdigits in (lowered, hexdigits.upper()):
        return "0x" + lowered, "hex:ethereum"
    digest = keccak.new(digest_bits=256, data=lowered.encode("ascii")).hexdigest()
    for char, nibble in zip(hexdigits, digest[:40], strict=True):
        if char.isalpha() and char.isupper() != (int(nibble, 16) >= 8):
            return None
    return "0x" + lowered, "eip55:ethereum"
