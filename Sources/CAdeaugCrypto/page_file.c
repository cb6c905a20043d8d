// Whole-file work on an encrypted database outside SQLite: telling which key page 1 opens
// under (a rekey interrupted by a crash), and re-encrypting every page under a new key.
// Page-level rather than through SQLite (VACUUM INTO, the backup API): the plaintext pages
// come out bit for bit, no rollback journal is needed, and every page's tag is checked.

#include "adeaug_crypto.h"
#include "page_cipher.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

static int read_fully(int fd, uint8_t *buffer, size_t length, off_t offset) {
    size_t done = 0;
    while (done < length) {
        ssize_t n = pread(fd, buffer + done, length - done, offset + (off_t)done);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return -1;
        done += (size_t)n;
    }
    return 0;
}

static int write_fully(int fd, const uint8_t *buffer, size_t length, off_t offset) {
    size_t done = 0;
    while (done < length) {
        ssize_t n = pwrite(fd, buffer + done, length - done, offset + (off_t)done);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return -1;
        done += (size_t)n;
    }
    return 0;
}

int adeaug_db_check_key(const uint8_t *key, const uint8_t *file_id, const char *path) {
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) return ADEAUG_FILE_IO;
    struct stat status;
    uint8_t page[ADEAUG_PAGE_SIZE];
    int result;
    if (fstat(fd, &status) != 0) {
        result = ADEAUG_FILE_IO;
    } else if (status.st_size == 0) {
        result = ADEAUG_FILE_EMPTY;
    } else if (status.st_size < ADEAUG_PAGE_SIZE) {
        result = ADEAUG_FILE_TRUNCATED;
    } else if (read_fully(fd, page, sizeof page, 0) != 0) {
        result = ADEAUG_FILE_IO;
    } else {
        page_cipher cipher;
        if (page_cipher_init(&cipher, key, file_id) != ADEAUG_CRYPTO_OK) {
            result = ADEAUG_FILE_CRYPTO;
        } else {
            int opened = page_open(&cipher, UNIT_MAIN_PAGE, 1, page, page);
            result = opened == ADEAUG_CRYPTO_OK ? ADEAUG_FILE_OK
                : opened == ADEAUG_CRYPTO_AUTH_FAILED ? ADEAUG_FILE_AUTH_FAILED : ADEAUG_FILE_CRYPTO;
            page_cipher_free(&cipher);
        }
        adeaug_secure_zero(page, sizeof page);
    }
    close(fd);
    return result;
}

int adeaug_db_reencrypt(const uint8_t *old_key, const uint8_t *new_key, const uint8_t *file_id,
                        const char *source, const char *destination, int64_t *failed_page) {
    int in = open(source, O_RDONLY | O_CLOEXEC);
    if (in < 0) return ADEAUG_FILE_IO;
    struct stat status;
    if (fstat(in, &status) != 0) {
        close(in);
        return ADEAUG_FILE_IO;
    }
    if (status.st_size % ADEAUG_PAGE_SIZE != 0) {
        close(in);
        return ADEAUG_FILE_TRUNCATED;
    }
    int out = open(destination, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (out < 0) {
        close(in);
        return ADEAUG_FILE_IO;
    }
    page_cipher old_cipher, new_cipher;
    uint8_t page[ADEAUG_PAGE_SIZE], sealed[ADEAUG_PAGE_SIZE];
    int result = ADEAUG_FILE_OK;
    if (page_cipher_init(&old_cipher, old_key, file_id) != ADEAUG_CRYPTO_OK) {
        result = ADEAUG_FILE_CRYPTO;
        goto closed;
    }
    if (page_cipher_init(&new_cipher, new_key, file_id) != ADEAUG_CRYPTO_OK) {
        page_cipher_free(&old_cipher);
        result = ADEAUG_FILE_CRYPTO;
        goto closed;
    }
    int64_t pages = status.st_size / ADEAUG_PAGE_SIZE;
    for (int64_t number = 1; number <= pages && result == ADEAUG_FILE_OK; number++) {
        off_t offset = (off_t)(number - 1) * ADEAUG_PAGE_SIZE;
        if (read_fully(in, page, sizeof page, offset) != 0) {
            result = ADEAUG_FILE_IO;
        } else if (page_open(&old_cipher, UNIT_MAIN_PAGE, number, page, page) != ADEAUG_CRYPTO_OK) {
            if (failed_page) *failed_page = number;
            result = ADEAUG_FILE_AUTH_FAILED;
        } else if (page_seal(&new_cipher, UNIT_MAIN_PAGE, number, page, sealed) != ADEAUG_CRYPTO_OK) {
            result = ADEAUG_FILE_CRYPTO;
        } else if (write_fully(out, sealed, sizeof sealed, offset) != 0) {
            result = ADEAUG_FILE_IO;
        }
    }
    if (result == ADEAUG_FILE_OK && fsync(out) != 0) result = ADEAUG_FILE_IO;
    page_cipher_free(&old_cipher);
    page_cipher_free(&new_cipher);
    adeaug_secure_zero(page, sizeof page);
closed:
    {
        int saved = errno;
        close(in);
        if (close(out) != 0 && result == ADEAUG_FILE_OK) result = ADEAUG_FILE_IO;
        if (result != ADEAUG_FILE_OK) unlink(destination);
        errno = saved;
    }
    return result;
}
