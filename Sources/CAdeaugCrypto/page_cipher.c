#include "page_cipher.h"

#include <string.h>
#include <openssl/rand.h>

#define AAD_BYTES (ADEAUG_FILE_ID_BYTES + 1 + 8)

static void make_aad(const page_cipher *cipher, int kind, int64_t position, uint8_t *aad) {
    memcpy(aad, cipher->file_id, ADEAUG_FILE_ID_BYTES);
    aad[ADEAUG_FILE_ID_BYTES] = (uint8_t)kind;
    for (int i = 0; i < 8; i++) aad[ADEAUG_FILE_ID_BYTES + 1 + i] = (uint8_t)((uint64_t)position >> (56 - 8 * i));
}

int page_cipher_init(page_cipher *cipher, const uint8_t *key, const uint8_t *file_id) {
    memcpy(cipher->file_id, file_id, ADEAUG_FILE_ID_BYTES);
    cipher->seal = EVP_CIPHER_CTX_new();
    cipher->open = EVP_CIPHER_CTX_new();
    if (cipher->seal == NULL || cipher->open == NULL
        || EVP_EncryptInit_ex(cipher->seal, EVP_aes_256_gcm(), NULL, key, NULL) != 1
        || EVP_DecryptInit_ex(cipher->open, EVP_aes_256_gcm(), NULL, key, NULL) != 1) {
        page_cipher_free(cipher);
        return ADEAUG_CRYPTO_ERROR;
    }
    return ADEAUG_CRYPTO_OK;
}

void page_cipher_free(page_cipher *cipher) {
    // EVP_CIPHER_CTX_free cleanses the scheduled key.
    EVP_CIPHER_CTX_free(cipher->seal);
    EVP_CIPHER_CTX_free(cipher->open);
    cipher->seal = cipher->open = NULL;
}

int page_seal(page_cipher *cipher, int kind, int64_t position, const uint8_t *plain, uint8_t *out) {
    uint8_t aad[AAD_BYTES];
    uint8_t *nonce = out + PAGE_DATA_BYTES;
    uint8_t *tag = nonce + ADEAUG_NONCE_BYTES;
    int written = 0;
    make_aad(cipher, kind, position, aad);
    // Random 96-bit nonces: pages are rewritten in place, so a counter would need state that
    // survives crashes; 2^32 page writes per key keep the collision risk negligible.
    if (RAND_bytes(nonce, ADEAUG_NONCE_BYTES) != 1) return ADEAUG_CRYPTO_ERROR;
    if (EVP_EncryptInit_ex(cipher->seal, NULL, NULL, NULL, nonce) != 1
        || EVP_EncryptUpdate(cipher->seal, NULL, &written, aad, AAD_BYTES) != 1
        || EVP_EncryptUpdate(cipher->seal, out, &written, plain, PAGE_DATA_BYTES) != 1
        || EVP_EncryptFinal_ex(cipher->seal, out + written, &written) != 1
        || EVP_CIPHER_CTX_ctrl(cipher->seal, EVP_CTRL_GCM_GET_TAG, ADEAUG_TAG_BYTES, tag) != 1) {
        return ADEAUG_CRYPTO_ERROR;
    }
    return ADEAUG_CRYPTO_OK;
}

int page_open(page_cipher *cipher, int kind, int64_t position, const uint8_t *sealed, uint8_t *out) {
    uint8_t aad[AAD_BYTES], nonce[ADEAUG_NONCE_BYTES], tag[ADEAUG_TAG_BYTES];
    int written = 0;
    make_aad(cipher, kind, position, aad);
    // Copied first: `out` may be `sealed`, and decryption overwrites the data bytes only, but
    // the tail is zeroed below.
    memcpy(nonce, sealed + PAGE_DATA_BYTES, ADEAUG_NONCE_BYTES);
    memcpy(tag, sealed + PAGE_DATA_BYTES + ADEAUG_NONCE_BYTES, ADEAUG_TAG_BYTES);
    int result = ADEAUG_CRYPTO_ERROR;
    if (EVP_DecryptInit_ex(cipher->open, NULL, NULL, NULL, nonce) == 1
        && EVP_DecryptUpdate(cipher->open, NULL, &written, aad, AAD_BYTES) == 1
        && EVP_DecryptUpdate(cipher->open, out, &written, sealed, PAGE_DATA_BYTES) == 1
        && EVP_CIPHER_CTX_ctrl(cipher->open, EVP_CTRL_GCM_SET_TAG, ADEAUG_TAG_BYTES, tag) == 1) {
        result = EVP_DecryptFinal_ex(cipher->open, out + written, &written) == 1
            ? ADEAUG_CRYPTO_OK : ADEAUG_CRYPTO_AUTH_FAILED;
    }
    if (result != ADEAUG_CRYPTO_OK) memset(out, 0, ADEAUG_PAGE_SIZE);
    else memset(out + PAGE_DATA_BYTES, 0, ADEAUG_PAGE_RESERVE);
    return result;
}
