#ifndef ADEAUG_PAGE_CIPHER_H
#define ADEAUG_PAGE_CIPHER_H

// Internal: sealing one 4096-byte unit (a database page, or the page inside a WAL frame) in
// place of its last 28 bytes, which the workspace reserves on every page (SQLite's "reserved
// bytes", the same precedent as ext/misc/cksumvfs.c). Layout of a sealed unit:
//   [0, 4068)     AES-256-GCM ciphertext of the page's usable bytes
//   [4068, 4080)  random 96-bit nonce (fresh on every write)
//   [4080, 4096)  GCM tag
// The AAD binds the unit to its workspace (16-byte file id from encryption.json), to the kind
// of file and to its position, so a page copied from elsewhere, or moved, fails to open.

#include <stdint.h>
#include <openssl/evp.h>

#include "adeaug_crypto.h"

#define PAGE_DATA_BYTES (ADEAUG_PAGE_SIZE - ADEAUG_PAGE_RESERVE)

enum { UNIT_MAIN_PAGE = 'D', UNIT_WAL_PAGE = 'W' };

// One pair of OpenSSL contexts with the key scheduled once; a file reuses it for every page
// (no allocation per page).
typedef struct {
    EVP_CIPHER_CTX *seal;
    EVP_CIPHER_CTX *open;
    uint8_t file_id[ADEAUG_FILE_ID_BYTES];
} page_cipher;

int page_cipher_init(page_cipher *cipher, const uint8_t *key, const uint8_t *file_id);
void page_cipher_free(page_cipher *cipher);

// Seals the plaintext page `plain` (its reserved tail is ignored) into `out` (may not alias).
int page_seal(page_cipher *cipher, int kind, int64_t position, const uint8_t *plain, uint8_t *out);

// Opens the sealed unit `sealed` into `out` (may be the same buffer). On success the reserved
// tail of `out` is zero, as SQLite had it in memory when it wrote the page; on failure `out`
// is all zero, so unauthenticated plaintext never leaves this function.
int page_open(page_cipher *cipher, int kind, int64_t position, const uint8_t *sealed, uint8_t *out);

#endif
