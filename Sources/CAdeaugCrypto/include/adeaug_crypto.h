#ifndef ADEAUG_CRYPTO_H
#define ADEAUG_CRYPTO_H

// Small C shim over OpenSSL's libcrypto (Debian's libssl-dev): AES-256-GCM, SHA-256,
// HMAC-SHA-256 and the system's CSPRNG. C rather than swift-crypto because the SQLite VFS
// that encrypts workspace pages is C anyway, and one implementation serves both; Debian's
// OpenSSL also saves compiling BoringSSL on every fresh CI machine.

#include <stddef.h>
#include <stdint.h>

#define ADEAUG_KEY_BYTES 32
#define ADEAUG_NONCE_BYTES 12
#define ADEAUG_TAG_BYTES 16

enum {
    ADEAUG_CRYPTO_OK = 0,
    ADEAUG_CRYPTO_AUTH_FAILED = 1,  // wrong key, or the data or its context was altered
    ADEAUG_CRYPTO_ERROR = 2,        // OpenSSL failed (out of memory, bad arguments)
};

// Encrypts `length` bytes of `plaintext` into `ciphertext` (may be the same buffer) and writes
// the 16-byte tag. `aad` is authenticated, not encrypted.
int adeaug_aead_seal(const uint8_t *key, const uint8_t *nonce,
                     const uint8_t *aad, size_t aad_length,
                     const uint8_t *plaintext, size_t length,
                     uint8_t *ciphertext, uint8_t *tag);

// Decrypts and checks the tag; on ADEAUG_CRYPTO_AUTH_FAILED the output must not be used.
int adeaug_aead_open(const uint8_t *key, const uint8_t *nonce,
                     const uint8_t *aad, size_t aad_length,
                     const uint8_t *ciphertext, size_t length,
                     const uint8_t *tag, uint8_t *plaintext);

// Fills `output` with `length` bytes from OpenSSL's CSPRNG.
int adeaug_random_bytes(uint8_t *output, size_t length);

// SHA-256 of `length` bytes into `digest` (32 bytes).
void adeaug_sha256(const uint8_t *data, size_t length, uint8_t *digest);

// HMAC-SHA-256 into `mac` (32 bytes).
int adeaug_hmac_sha256(const uint8_t *key, size_t key_length,
                       const uint8_t *data, size_t length, uint8_t *mac);

// Zeroes memory in a way the compiler may not drop (key material).
void adeaug_secure_zero(void *pointer, size_t length);

#endif
