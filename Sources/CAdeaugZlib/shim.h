#include <zlib.h>

// inflateInit2 is a macro (it passes the library version and struct size), which Swift cannot import.
static inline int czlib_inflate_init2(z_stream *stream, int window_bits) {
    return inflateInit2(stream, window_bits);
}
