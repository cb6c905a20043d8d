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


// ---- Encrypted SQLite workspace (encrypted_vfs.c, page_file.c) ----
//
// Page-level encryption through a SQLite VFS shim, rather than encrypting the database file
// as a whole or using SQLCipher: SQLite keeps doing its own transactions, WAL, locking and
// crash recovery on the plaintext pages it sees, and the shim only seals each 4096-byte page
// on its way to disk (AES-256-GCM in the page's 28 reserved bytes, so file sizes and offsets
// do not change). Debian's libsqlite3 stays the SQLite in use. sqlite3 types stay out of this
// header so that Swift sees them from CSQLite only.

#define ADEAUG_PAGE_SIZE 4096
#define ADEAUG_PAGE_RESERVE 28  // nonce (12) + tag (16)
#define ADEAUG_FILE_ID_BYTES 16

// What went wrong last in an encrypted VFS instance, for an error that names the place.
enum {
    ADEAUG_FAILURE_NONE = 0,
    ADEAUG_FAILURE_MAIN_PAGE = 1,   // a page of the database failed authentication
    ADEAUG_FAILURE_MAIN_SHORT = 2,  // the database ends inside a page (truncated)
    ADEAUG_FAILURE_WAL_FRAME = 3,   // a committed WAL frame failed authentication
    ADEAUG_FAILURE_LAYOUT = 4,      // SQLite wrote a page without the 28 reserved bytes
    ADEAUG_FAILURE_REFUSED = 5,     // SQLite asked for a file kind kept out of plaintext (temp, journal)
};

typedef struct adeaug_vfs adeaug_vfs;

// Registers a new VFS (unique name, not the default) that encrypts with a copy of `key`
// (32 bytes) for the workspace `file_id` (16 bytes). NULL when out of memory.
adeaug_vfs *adeaug_vfs_create(const uint8_t *key, const uint8_t *file_id);
// The name to pass to sqlite3_open_v2.
const char *adeaug_vfs_name(const adeaug_vfs *vfs);
// Unregisters, zeroes the key and frees. Every connection using it must be closed.
void adeaug_vfs_destroy(adeaug_vfs *vfs);
// The last failure: kind (ADEAUG_FAILURE_*) and where (1-based page or WAL frame number).
int adeaug_vfs_last_failure(adeaug_vfs *vfs, int64_t *where);
void adeaug_vfs_clear_failure(adeaug_vfs *vfs);

// Results of the whole-file helpers below.
enum {
    ADEAUG_FILE_OK = 0,
    ADEAUG_FILE_AUTH_FAILED = 1,  // `*page` failed authentication under the key
    ADEAUG_FILE_EMPTY = 2,        // no page to check
    ADEAUG_FILE_TRUNCATED = 3,    // the size is not a whole number of pages
    ADEAUG_FILE_IO = 4,           // open/read/write/fsync failed; errno says why
    ADEAUG_FILE_CRYPTO = 5,       // OpenSSL failed
};

// Whether page 1 of the database at `path` opens under `key`.
int adeaug_db_check_key(const uint8_t *key, const uint8_t *file_id, const char *path);

// Re-encrypts every page of `source` (opened with the old key) into `destination` (created,
// O_EXCL, mode 0600, written with the new key, fsynced). `source` must hold the whole
// database (WAL checkpointed). On failure `destination` is removed.
int adeaug_db_reencrypt(const uint8_t *old_key, const uint8_t *new_key, const uint8_t *file_id,
                        const char *source, const char *destination, int64_t *page);

#endif
