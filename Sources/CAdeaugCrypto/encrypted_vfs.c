// A SQLite VFS that wraps the default (unix) VFS and seals every page on its way to disk.
//
// Why a VFS shim: SQLite keeps doing everything it is good at (transactions, WAL, locking,
// crash recovery, resume) on plaintext pages in memory; only bytes on disk are ciphertext.
// Each page gives up its last 28 bytes (SQLite's "reserved bytes", set when the workspace is
// created) to hold the nonce and GCM tag, so offsets and file sizes are what SQLite expects.
//
// Files and their layout:
// - main database: every 4096-byte page is sealed; AAD = workspace id, 'D', page number.
// - WAL: the 32-byte header and each 24-byte frame header stay clear (salts, page numbers and
//   checksums, no content); the 4096-byte page inside each frame is sealed; AAD = workspace
//   id, 'W', file offset.
// - -shm: the WAL index (page numbers, frame positions): left to the unix VFS, no content.
// - anything else (rollback journal, temp files, statement journals): refused with
//   SQLITE_CANTOPEN rather than written in clear. The workspace runs in WAL mode with
//   temp_store=MEMORY, so SQLite never asks for them.
//
// Reads return the page with ZEROS in the reserved tail, never the nonce and tag: SQLite's
// WAL checksums cover the page as it had it in memory, and there the tail was zero.
//
// Only version 2 of sqlite3_io_methods is offered: no xFetch, so SQLite never memory-maps the
// ciphertext and always reads through xRead.

#include "adeaug_crypto.h"
#include "page_cipher.h"

#include <sqlite3.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define WAL_HEADER_BYTES 32
#define WAL_FRAME_HEADER_BYTES 24
#define WAL_FRAME_BYTES (WAL_FRAME_HEADER_BYTES + ADEAUG_PAGE_SIZE)

struct adeaug_vfs {
    sqlite3_vfs base;  // first, so a sqlite3_vfs* is an adeaug_vfs*
    sqlite3_vfs *inner;
    uint8_t key[ADEAUG_KEY_BYTES];
    uint8_t file_id[ADEAUG_FILE_ID_BYTES];
    char name[48];
    pthread_mutex_t lock;  // guards the failure record (files of several connections)
    int failure_kind;
    int64_t failure_where;
};

enum { FILE_MAIN = 1, FILE_WAL = 2 };

typedef struct {
    sqlite3_file base;
    adeaug_vfs *vfs;
    int kind;
    page_cipher cipher;
    uint8_t scratch[ADEAUG_PAGE_SIZE];
} encrypted_file;

// The wrapped unix file lives right after ours, 8-byte aligned.
#define ROUND8(x) (((x) + 7) & ~(size_t)7)
#define INNER(f) ((sqlite3_file *)((char *)(f) + ROUND8(sizeof(encrypted_file))))

static void record_failure(adeaug_vfs *vfs, int kind, int64_t where) {
    pthread_mutex_lock(&vfs->lock);
    vfs->failure_kind = kind;
    vfs->failure_where = where;
    pthread_mutex_unlock(&vfs->lock);
}

// A stretch of the file that is either clear or one sealed unit.
typedef struct {
    sqlite3_int64 start;   // where the stretch starts
    sqlite3_int64 length;  // its length
    int sealed;
} stretch;

static stretch locate(int kind, sqlite3_int64 offset) {
    stretch s;
    if (kind == FILE_MAIN) {
        s.start = offset - offset % ADEAUG_PAGE_SIZE;
        s.length = ADEAUG_PAGE_SIZE;
        s.sealed = 1;
        return s;
    }
    if (offset < WAL_HEADER_BYTES) {
        s.start = 0;
        s.length = WAL_HEADER_BYTES;
        s.sealed = 0;
        return s;
    }
    sqlite3_int64 frame_start = offset - (offset - WAL_HEADER_BYTES) % WAL_FRAME_BYTES;
    if (offset < frame_start + WAL_FRAME_HEADER_BYTES) {
        s.start = frame_start;
        s.length = WAL_FRAME_HEADER_BYTES;
        s.sealed = 0;
    } else {
        s.start = frame_start + WAL_FRAME_HEADER_BYTES;
        s.length = ADEAUG_PAGE_SIZE;
        s.sealed = 1;
    }
    return s;
}

static int unit_kind(const encrypted_file *f) { return f->kind == FILE_MAIN ? UNIT_MAIN_PAGE : UNIT_WAL_PAGE; }

// Main pages are bound to their page number; WAL pages to their offset (the page number is in
// the clear frame header, which SQLite checksums).
static int64_t unit_position(const encrypted_file *f, sqlite3_int64 start) {
    return f->kind == FILE_MAIN ? start / ADEAUG_PAGE_SIZE + 1 : start;
}

static int64_t wal_frame_number(sqlite3_int64 unit_start) {
    return (unit_start - WAL_HEADER_BYTES - WAL_FRAME_HEADER_BYTES) / WAL_FRAME_BYTES + 1;
}

// Reads and opens the sealed unit at `s` into `target` (a whole page). `covers_header`: the
// caller's read began at or before this WAL frame's header.
static int read_unit(encrypted_file *f, stretch s, uint8_t *target, int covers_header, int *short_read) {
    sqlite3_file *inner = INNER(f);
    int rc = inner->pMethods->xRead(inner, target, ADEAUG_PAGE_SIZE, s.start);
    if (rc == SQLITE_IOERR_SHORT_READ) {
        sqlite3_int64 size = 0;
        int size_rc = inner->pMethods->xFileSize(inner, &size);
        if (size_rc != SQLITE_OK) return size_rc;
        *short_read = 1;
        memset(target, 0, ADEAUG_PAGE_SIZE);
        // Wholly past the end is ordinary (SQLite reads the header of an empty file); ending
        // inside a page is a truncated database, or a torn last frame of the WAL.
        if (size > s.start && f->kind == FILE_MAIN) {
            record_failure(f->vfs, ADEAUG_FAILURE_MAIN_SHORT, unit_position(f, s.start));
            return SQLITE_IOERR_DATA;
        }
        return SQLITE_OK;
    }
    if (rc != SQLITE_OK) return rc;
    int opened = page_open(&f->cipher, unit_kind(f), unit_position(f, s.start), target, target);
    if (opened == ADEAUG_CRYPTO_OK) return SQLITE_OK;
    if (opened != ADEAUG_CRYPTO_AUTH_FAILED) return SQLITE_IOERR_READ;
    if (f->kind == FILE_WAL && covers_header) {
        // The one place where a failed tag is not an error. SQLite reads whole frames (header
        // and page) only when it recovers the WAL after a crash or rewrites the checksums of
        // its own open transaction. A frame whose page does not open there is a torn write:
        // the process died between writing the frame header and the page. Zeros make SQLite's
        // own frame checksum fail, and the WAL ends at the last whole commit, exactly as
        // without encryption. (SQLite cannot tell a torn tail from a damaged one either.)
        // Frames SQLite has already accepted are read page-only, and fail loudly below.
        return SQLITE_OK;
    }
    record_failure(f->vfs, f->kind == FILE_MAIN ? ADEAUG_FAILURE_MAIN_PAGE : ADEAUG_FAILURE_WAL_FRAME,
                   f->kind == FILE_MAIN ? unit_position(f, s.start) : wal_frame_number(s.start));
    return SQLITE_IOERR_DATA;
}

static int file_read(sqlite3_file *file, void *buffer, int amount, sqlite3_int64 offset) {
    encrypted_file *f = (encrypted_file *)file;
    sqlite3_file *inner = INNER(f);
    uint8_t *out = buffer;
    sqlite3_int64 position = offset, end = offset + amount;
    int short_read = 0;
    while (position < end) {
        stretch s = locate(f->kind, position);
        sqlite3_int64 stop = s.start + s.length < end ? s.start + s.length : end;
        int count = (int)(stop - position);
        int rc;
        if (!s.sealed) {
            rc = inner->pMethods->xRead(inner, out, count, position);
            if (rc == SQLITE_IOERR_SHORT_READ) short_read = 1;
            else if (rc != SQLITE_OK) return rc;
        } else {
            // A whole aligned page opens in the caller's buffer; a slice (the 100-byte header
            // read, a full WAL frame) goes through the scratch page.
            int whole = position == s.start && count == ADEAUG_PAGE_SIZE;
            uint8_t *target = whole ? out : f->scratch;
            rc = read_unit(f, s, target, offset <= s.start - WAL_FRAME_HEADER_BYTES, &short_read);
            if (rc != SQLITE_OK) return rc;
            if (!whole) memcpy(out, f->scratch + (position - s.start), (size_t)count);
        }
        out += count;
        position = stop;
    }
    return short_read ? SQLITE_IOERR_SHORT_READ : SQLITE_OK;
}

// Page 1 must carry the layout the sealing depends on: 4096-byte pages, 28 reserved bytes.
// Any other page must leave its reserved tail zero, or SQLite was storing data there.
static int layout_is_sealable(const uint8_t *page) {
    static const uint8_t zero[ADEAUG_PAGE_RESERVE];
    if (memcmp(page, "SQLite format 3", 16) == 0) {
        if (page[16] != (ADEAUG_PAGE_SIZE >> 8) || page[17] != (ADEAUG_PAGE_SIZE & 0xff)) return 0;
        if (page[20] != ADEAUG_PAGE_RESERVE) return 0;
    }
    return memcmp(page + PAGE_DATA_BYTES, zero, ADEAUG_PAGE_RESERVE) == 0;
}

static int file_write(sqlite3_file *file, const void *buffer, int amount, sqlite3_int64 offset) {
    encrypted_file *f = (encrypted_file *)file;
    sqlite3_file *inner = INNER(f);
    const uint8_t *in = buffer;
    sqlite3_int64 position = offset, end = offset + amount;
    while (position < end) {
        stretch s = locate(f->kind, position);
        sqlite3_int64 stop = s.start + s.length < end ? s.start + s.length : end;
        int count = (int)(stop - position);
        int rc;
        if (!s.sealed) {
            rc = inner->pMethods->xWrite(inner, in, count, position);
        } else {
            // SQLite writes whole pages; a partial page could not be sealed.
            if (position != s.start || count != ADEAUG_PAGE_SIZE || !layout_is_sealable(in)) {
                record_failure(f->vfs, ADEAUG_FAILURE_LAYOUT, unit_position(f, s.start));
                return SQLITE_IOERR_WRITE;
            }
            // Sealed into scratch: the caller's buffer is SQLite's page cache, never touched.
            if (page_seal(&f->cipher, unit_kind(f), unit_position(f, s.start), in, f->scratch) != ADEAUG_CRYPTO_OK) {
                return SQLITE_IOERR_WRITE;
            }
            rc = inner->pMethods->xWrite(inner, f->scratch, ADEAUG_PAGE_SIZE, position);
        }
        if (rc != SQLITE_OK) return rc;
        in += count;
        position = stop;
    }
    return SQLITE_OK;
}

static int file_close(sqlite3_file *file) {
    encrypted_file *f = (encrypted_file *)file;
    sqlite3_file *inner = INNER(f);
    int rc = inner->pMethods ? inner->pMethods->xClose(inner) : SQLITE_OK;
    page_cipher_free(&f->cipher);
    adeaug_secure_zero(f->scratch, sizeof f->scratch);
    return rc;
}

// Everything else goes straight to the unix file.
#define PASS(f) INNER(f)->pMethods
static int file_truncate(sqlite3_file *f, sqlite3_int64 size) { return PASS(f)->xTruncate(INNER(f), size); }
static int file_sync(sqlite3_file *f, int flags) { return PASS(f)->xSync(INNER(f), flags); }
static int file_size(sqlite3_file *f, sqlite3_int64 *size) { return PASS(f)->xFileSize(INNER(f), size); }
static int file_lock(sqlite3_file *f, int level) { return PASS(f)->xLock(INNER(f), level); }
static int file_unlock(sqlite3_file *f, int level) { return PASS(f)->xUnlock(INNER(f), level); }
static int file_check_reserved(sqlite3_file *f, int *out) { return PASS(f)->xCheckReservedLock(INNER(f), out); }
static int file_control(sqlite3_file *f, int op, void *arg) { return PASS(f)->xFileControl(INNER(f), op, arg); }
static int file_sector_size(sqlite3_file *f) { return PASS(f)->xSectorSize(INNER(f)); }
static int file_device(sqlite3_file *f) { return PASS(f)->xDeviceCharacteristics(INNER(f)); }
static int file_shm_map(sqlite3_file *f, int page, int size, int extend, void volatile **out) {
    return PASS(f)->xShmMap(INNER(f), page, size, extend, out);
}
static int file_shm_lock(sqlite3_file *f, int offset, int n, int flags) { return PASS(f)->xShmLock(INNER(f), offset, n, flags); }
static void file_shm_barrier(sqlite3_file *f) { PASS(f)->xShmBarrier(INNER(f)); }
static int file_shm_unmap(sqlite3_file *f, int delete_flag) { return PASS(f)->xShmUnmap(INNER(f), delete_flag); }

static const sqlite3_io_methods encrypted_methods = {
    2,  // no xFetch/xUnfetch: never memory-map ciphertext
    file_close, file_read, file_write, file_truncate, file_sync, file_size,
    file_lock, file_unlock, file_check_reserved, file_control, file_sector_size, file_device,
    file_shm_map, file_shm_lock, file_shm_barrier, file_shm_unmap,
    NULL, NULL,
};

static int vfs_open(sqlite3_vfs *base, sqlite3_filename name, sqlite3_file *file, int flags, int *out_flags) {
    adeaug_vfs *vfs = (adeaug_vfs *)base;
    encrypted_file *f = (encrypted_file *)file;
    memset(f, 0, sizeof *f);
    int kind = (flags & SQLITE_OPEN_MAIN_DB) ? FILE_MAIN : (flags & SQLITE_OPEN_WAL) ? FILE_WAL : 0;
    if (kind == 0 || name == NULL) {
        record_failure(vfs, ADEAUG_FAILURE_REFUSED, flags);
        return SQLITE_CANTOPEN;
    }
    if (page_cipher_init(&f->cipher, vfs->key, vfs->file_id) != ADEAUG_CRYPTO_OK) return SQLITE_NOMEM;
    sqlite3_file *inner = INNER(f);
    int rc = vfs->inner->xOpen(vfs->inner, name, inner, flags, out_flags);
    if (rc != SQLITE_OK) {
        // Our pMethods stays NULL, so SQLite will not call xClose: close what the unix VFS opened.
        if (inner->pMethods) inner->pMethods->xClose(inner);
        page_cipher_free(&f->cipher);
        return rc;
    }
    f->vfs = vfs;
    f->kind = kind;
    f->base.pMethods = &encrypted_methods;
    return SQLITE_OK;
}

#define INNER_VFS(v) (((adeaug_vfs *)(v))->inner)
static int vfs_delete(sqlite3_vfs *v, const char *name, int sync) { return INNER_VFS(v)->xDelete(INNER_VFS(v), name, sync); }
static int vfs_access(sqlite3_vfs *v, const char *name, int flags, int *out) {
    return INNER_VFS(v)->xAccess(INNER_VFS(v), name, flags, out);
}
static int vfs_full_pathname(sqlite3_vfs *v, const char *name, int size, char *out) {
    return INNER_VFS(v)->xFullPathname(INNER_VFS(v), name, size, out);
}
static void *vfs_dl_open(sqlite3_vfs *v, const char *path) { return INNER_VFS(v)->xDlOpen(INNER_VFS(v), path); }
static void vfs_dl_error(sqlite3_vfs *v, int size, char *out) { INNER_VFS(v)->xDlError(INNER_VFS(v), size, out); }
static void (*vfs_dl_sym(sqlite3_vfs *v, void *handle, const char *symbol))(void) {
    return INNER_VFS(v)->xDlSym(INNER_VFS(v), handle, symbol);
}
static void vfs_dl_close(sqlite3_vfs *v, void *handle) { INNER_VFS(v)->xDlClose(INNER_VFS(v), handle); }
static int vfs_randomness(sqlite3_vfs *v, int size, char *out) { return INNER_VFS(v)->xRandomness(INNER_VFS(v), size, out); }
static int vfs_sleep(sqlite3_vfs *v, int microseconds) { return INNER_VFS(v)->xSleep(INNER_VFS(v), microseconds); }
static int vfs_current_time(sqlite3_vfs *v, double *out) { return INNER_VFS(v)->xCurrentTime(INNER_VFS(v), out); }
static int vfs_last_error(sqlite3_vfs *v, int size, char *out) {
    return INNER_VFS(v)->xGetLastError ? INNER_VFS(v)->xGetLastError(INNER_VFS(v), size, out) : 0;
}
static int vfs_current_time64(sqlite3_vfs *v, sqlite3_int64 *out) {
    return INNER_VFS(v)->xCurrentTimeInt64(INNER_VFS(v), out);
}

adeaug_vfs *adeaug_vfs_create(const uint8_t *key, const uint8_t *file_id) {
    static int counter = 0;
    sqlite3_vfs *inner = sqlite3_vfs_find(NULL);
    if (inner == NULL || inner->iVersion < 2) return NULL;
    adeaug_vfs *vfs = calloc(1, sizeof *vfs);
    if (vfs == NULL) return NULL;
    memcpy(vfs->key, key, ADEAUG_KEY_BYTES);
    memcpy(vfs->file_id, file_id, ADEAUG_FILE_ID_BYTES);
    pthread_mutex_init(&vfs->lock, NULL);
    // One instance per open workspace, so several keys can be in use in one process.
    snprintf(vfs->name, sizeof vfs->name, "adeaug-encrypted-%d", __atomic_add_fetch(&counter, 1, __ATOMIC_SEQ_CST));
    vfs->inner = inner;
    sqlite3_vfs *b = &vfs->base;
    b->iVersion = 2;
    b->szOsFile = (int)(ROUND8(sizeof(encrypted_file)) + (size_t)inner->szOsFile);
    b->mxPathname = inner->mxPathname;
    b->zName = vfs->name;
    b->xOpen = vfs_open;
    b->xDelete = vfs_delete;
    b->xAccess = vfs_access;
    b->xFullPathname = vfs_full_pathname;
    b->xDlOpen = vfs_dl_open;
    b->xDlError = vfs_dl_error;
    b->xDlSym = vfs_dl_sym;
    b->xDlClose = vfs_dl_close;
    b->xRandomness = vfs_randomness;
    b->xSleep = vfs_sleep;
    b->xCurrentTime = vfs_current_time;
    b->xGetLastError = vfs_last_error;
    b->xCurrentTimeInt64 = vfs_current_time64;
    if (sqlite3_vfs_register(b, 0) != SQLITE_OK) {
        adeaug_secure_zero(vfs->key, sizeof vfs->key);
        free(vfs);
        return NULL;
    }
    return vfs;
}

const char *adeaug_vfs_name(const adeaug_vfs *vfs) { return vfs->name; }

void adeaug_vfs_destroy(adeaug_vfs *vfs) {
    if (vfs == NULL) return;
    sqlite3_vfs_unregister(&vfs->base);
    adeaug_secure_zero(vfs->key, sizeof vfs->key);
    pthread_mutex_destroy(&vfs->lock);
    free(vfs);
}

int adeaug_vfs_last_failure(adeaug_vfs *vfs, int64_t *where) {
    pthread_mutex_lock(&vfs->lock);
    int kind = vfs->failure_kind;
    if (where) *where = vfs->failure_where;
    pthread_mutex_unlock(&vfs->lock);
    return kind;
}

void adeaug_vfs_clear_failure(adeaug_vfs *vfs) { record_failure(vfs, ADEAUG_FAILURE_NONE, 0); }
