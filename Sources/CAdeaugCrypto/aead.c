#include "adeaug_crypto.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>
#include <openssl/sha.h>

static int gcm(int encrypt, const uint8_t *key, const uint8_t *nonce,
               const uint8_t *aad, size_t aad_length,
               const uint8_t *input, size_t length, uint8_t *output, uint8_t *tag) {
    EVP_CIPHER_CTX *context = EVP_CIPHER_CTX_new();
    if (context == NULL) return ADEAUG_CRYPTO_ERROR;
    int result = ADEAUG_CRYPTO_ERROR;
    int written = 0;
    if (EVP_CipherInit_ex(context, EVP_aes_256_gcm(), NULL, key, nonce, encrypt) != 1) goto done;
    if (aad_length > 0 && EVP_CipherUpdate(context, NULL, &written, aad, (int)aad_length) != 1) goto done;
    // EVP takes int lengths; callers encrypt pages and 64 KiB chunks, far below INT_MAX.
    if (length > 0 && EVP_CipherUpdate(context, output, &written, input, (int)length) != 1) goto done;
    if (!encrypt && EVP_CIPHER_CTX_ctrl(context, EVP_CTRL_GCM_SET_TAG, ADEAUG_TAG_BYTES, (void *)tag) != 1) goto done;
    if (EVP_CipherFinal_ex(context, output + written, &written) != 1) {
        result = encrypt ? ADEAUG_CRYPTO_ERROR : ADEAUG_CRYPTO_AUTH_FAILED;
        goto done;
    }
    if (encrypt && EVP_CIPHER_CTX_ctrl(context, EVP_CTRL_GCM_GET_TAG, ADEAUG_TAG_BYTES, tag) != 1) goto done;
    result = ADEAUG_CRYPTO_OK;
done:
    EVP_CIPHER_CTX_free(context);
    return result;
}

int adeaug_aead_seal(const uint8_t *key, const uint8_t *nonce, const uint8_t *aad, size_t aad_length,
                     const uint8_t *plaintext, size_t length, uint8_t *ciphertext, uint8_t *tag) {
    return gcm(1, key, nonce, aad, aad_length, plaintext, length, ciphertext, tag);
}

int adeaug_aead_open(const uint8_t *key, const uint8_t *nonce, const uint8_t *aad, size_t aad_length,
                     const uint8_t *ciphertext, size_t length, const uint8_t *tag, uint8_t *plaintext) {
    return gcm(0, key, nonce, aad, aad_length, ciphertext, length, plaintext, (uint8_t *)tag);
}

int adeaug_random_bytes(uint8_t *output, size_t length) {
    return RAND_bytes(output, (int)length) == 1 ? ADEAUG_CRYPTO_OK : ADEAUG_CRYPTO_ERROR;
}

void adeaug_sha256(const uint8_t *data, size_t length, uint8_t *digest) {
    SHA256(data, length, digest);
}

int adeaug_hmac_sha256(const uint8_t *key, size_t key_length, const uint8_t *data, size_t length, uint8_t *mac) {
    unsigned int mac_length = 0;
    return HMAC(EVP_sha256(), key, (int)key_length, data, length, mac, &mac_length) != NULL
        ? ADEAUG_CRYPTO_OK : ADEAUG_CRYPTO_ERROR;
}

void adeaug_secure_zero(void *pointer, size_t length) {
    OPENSSL_cleanse(pointer, length);
}
