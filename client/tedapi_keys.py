"""The v1r signing key: one RSA-4096 key per state directory, 0600, and the signature the gateway checks.

A v1r request is a ``RoutableMessage`` whose ``signature_data`` carries the
public key (DER PKCS#1) and an RSA PKCS#1 v1.5 SHA-512 signature over

    00 01 07 | 01 01 07 | 02 <len> <DIN> | 04 04 <expires_at, big-endian u32> | FF

followed by the envelope bytes (shared FACTS "v1r wrapper"; pypowerwall
``tedapi_v1r.py``). The DIN is always the leader's: the key is registered on
the leader only. The key file is refused unless only its owner can read it
(``chmod 600``): anyone who reads it can command the battery.
"""

from __future__ import annotations

import hashlib
import os
import stat
import struct
from dataclasses import dataclass, field
from pathlib import Path

from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa

from .errors import KeyFileError
from .store import default_state_dir

KEY_FILE_NAME = "tedapi-v1r-key.pem"
KEY_BITS = 4096
# TLV tags (RoutableMessage Tag enum) and values: signature type RSA (7), domain ENERGY_DEVICE (7).
TAG_SIGNATURE_TYPE, TAG_DOMAIN, TAG_PERSONALIZATION, TAG_EXPIRES_AT, TAG_END = 0, 1, 2, 4, 0xFF
SIGNATURE_TYPE_RSA = 7
DOMAIN_ENERGY_DEVICE = 7


def default_key_path(state_dir: Path | None = None) -> Path:
    return (state_dir or default_state_dir()) / KEY_FILE_NAME


def signed_metadata(din: str, expires_at: int) -> bytes:
    """The TLV the signature covers before the envelope bytes."""
    raw = din.encode("ascii")
    if not 0 < len(raw) < 256:
        raise ValueError(f"a DIN of {len(raw)} bytes cannot be signed (1 to 255)")
    return b"".join(
        (
            bytes([TAG_SIGNATURE_TYPE, 1, SIGNATURE_TYPE_RSA]),
            bytes([TAG_DOMAIN, 1, DOMAIN_ENERGY_DEVICE]),
            bytes([TAG_PERSONALIZATION, len(raw)]) + raw,
            bytes([TAG_EXPIRES_AT, 4]) + struct.pack(">I", expires_at),
            bytes([TAG_END]),
        )
    )


@dataclass(frozen=True)
class SigningKey:
    """A loaded private key. ``repr`` shows the file and the public key's fingerprint, never the key."""

    path: Path
    private: rsa.RSAPrivateKey = field(repr=False)

    @property
    def public_der(self) -> bytes:
        """The public key as the gateway registers it: DER, PKCS#1 (RSAPublicKey)."""
        return self.private.public_key().public_bytes(serialization.Encoding.DER, serialization.PublicFormat.PKCS1)

    @property
    def fingerprint(self) -> str:
        """SHA-256 of the DER public key, as pypowerwall prints it: compare with what the gateway lists."""
        return hashlib.sha256(self.public_der).hexdigest()

    def sign(self, din: str, expires_at: int, envelope: bytes) -> bytes:
        return self.private.sign(signed_metadata(din, expires_at) + envelope, padding.PKCS1v15(), hashes.SHA512())


def load_key(path: Path) -> SigningKey:
    """The key at ``path``, refused unless it is a private RSA-4096 key only its owner can read."""
    try:
        info = path.stat()
    except FileNotFoundError:
        raise KeyFileError(
            f"no v1r key at {path}: create and register one with `pwkit pair URL` (it writes the key there)"
        ) from None
    except OSError as exc:
        raise KeyFileError(f"cannot read the v1r key file {path}: {exc.strerror or exc}") from None
    if not stat.S_ISREG(info.st_mode):
        raise KeyFileError(f"the v1r key {path} is not a regular file")
    if info.st_mode & 0o077:
        raise KeyFileError(
            f"the v1r key {path} can be read by others (mode {stat.S_IMODE(info.st_mode):04o}); anyone who reads it "
            f"can command the battery. Fix: chmod 600 {path} (and check who could have copied it)"
        )
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise KeyFileError(f"cannot read the v1r key file {path}: {exc.strerror or exc}") from None
    try:
        private = serialization.load_pem_private_key(data, password=None)
    except (ValueError, TypeError):
        # The library's message could quote the file; say only what is wrong with it.
        raise KeyFileError(
            f"{path} is not an unencrypted PEM private key; move it away and run `pwkit pair URL` for a new one"
        ) from None
    if not isinstance(private, rsa.RSAPrivateKey) or private.key_size != KEY_BITS:
        raise KeyFileError(f"{path} is not an RSA-{KEY_BITS} key, which v1r needs; move it away and run `pwkit pair`")
    return SigningKey(path, private)


def create_key(path: Path) -> SigningKey:
    """A new RSA-4096 key written to ``path`` (0600, never over an existing file)."""
    private = rsa.generate_private_key(public_exponent=65537, key_size=KEY_BITS)
    pem = private.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        raise KeyFileError(f"{path} exists already: pwkit never overwrites a key (move it away first)") from None
    with os.fdopen(fd, "wb") as handle:
        handle.write(pem)
    return SigningKey(path, private)


def load_or_create_key(path: Path) -> tuple[SigningKey, bool]:
    """The key at ``path``, created when there is none; and whether it was created now."""
    if path.exists():
        return load_key(path), False
    return create_key(path), True
