"""A passkey held in software: what a laptop's fingerprint reader answers to WebAuthn's two ceremonies.

It builds the same JSON a browser posts (attestation "none", an ES256 key), so the server's
checks (challenge, origin, relying party, signature, counter) run for real. The browser journey
uses Chromium's own virtual authenticator instead (tests/browser/test_passkeys.py).
"""

import hashlib
import json
import os
import struct
from base64 import urlsafe_b64encode

import cbor2
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec
from django.conf import settings

USER_PRESENT_AND_VERIFIED = 0x01 | 0x04
ATTESTED_CREDENTIAL = 0x40


def b64url(data):
    return urlsafe_b64encode(data).rstrip(b"=").decode()


class SoftwarePasskey:
    def __init__(self, origin="http://localhost"):
        self.key = ec.generate_private_key(ec.SECP256R1())
        self.credential_id = os.urandom(16)
        self.origin = origin
        self.sign_count = 0

    def _rp_id_hash(self):
        return hashlib.sha256(settings.OTP_WEBAUTHN_RP_ID.encode()).digest()

    def _client_data(self, kind, options):
        return json.dumps({"type": kind, "challenge": options["challenge"], "origin": self.origin}).encode()

    def _public_key_cose(self):
        numbers = self.key.public_key().public_numbers()
        return cbor2.dumps(
            {1: 2, 3: -7, -1: 1, -2: numbers.x.to_bytes(32, "big"), -3: numbers.y.to_bytes(32, "big")}
        )

    def register(self, options):
        """The browser's answer to registration `options` (the begin endpoint's JSON)."""
        auth_data = (
            self._rp_id_hash()
            + bytes([USER_PRESENT_AND_VERIFIED | ATTESTED_CREDENTIAL])
            + struct.pack(">I", self.sign_count)
            + bytes(16)  # no authenticator model given (AAGUID of zeros), as with attestation "none"
            + struct.pack(">H", len(self.credential_id))
            + self.credential_id
            + self._public_key_cose()
        )
        attestation = cbor2.dumps({"fmt": "none", "attStmt": {}, "authData": auth_data})
        return {
            "id": b64url(self.credential_id),
            "rawId": b64url(self.credential_id),
            "type": "public-key",
            "response": {
                "clientDataJSON": b64url(self._client_data("webauthn.create", options)),
                "attestationObject": b64url(attestation),
                "transports": ["internal"],
            },
            "clientExtensionResults": {},
            "authenticatorAttachment": "platform",
        }

    def sign_in(self, options):
        """The browser's answer to authentication `options`: the challenge signed with the key."""
        self.sign_count += 1
        auth_data = (
            self._rp_id_hash() + bytes([USER_PRESENT_AND_VERIFIED]) + struct.pack(">I", self.sign_count)
        )
        client_data = self._client_data("webauthn.get", options)
        signature = self.key.sign(auth_data + hashlib.sha256(client_data).digest(), ec.ECDSA(hashes.SHA256()))
        return {
            "id": b64url(self.credential_id),
            "rawId": b64url(self.credential_id),
            "type": "public-key",
            "response": {
                "clientDataJSON": b64url(client_data),
                "authenticatorData": b64url(auth_data),
                "signature": b64url(signature),
            },
            "clientExtensionResults": {},
            "authenticatorAttachment": "platform",
        }
