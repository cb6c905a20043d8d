// Written here rather than taken from a library: no Debian package measures a core's FMA
// throughput as a function to call, and the benchmark needs it in the same process and run
// as the figures it puts it next to.
//
// Twelve independent accumulators keep both FMA pipes busy through the 4-cycle latency;
// the operands stay in registers, so nothing but the FMA units is timed.
#include "adeaug_fma_peak.h"

#include <time.h>

#if defined(__x86_64__)
#include <immintrin.h>
#endif

enum { ACCUMULATORS = 12, CHUNK = 1 << 20 };

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

#if defined(__x86_64__)
__attribute__((target("avx2,fma"))) static float chunk256(float seed) {
    __m256 acc[ACCUMULATORS];
    const __m256 a = _mm256_set1_ps(0.999999f), b = _mm256_set1_ps(1e-7f);
    for (int i = 0; i < ACCUMULATORS; i++) acc[i] = _mm256_set1_ps(seed + (float)i);
    for (long k = 0; k < CHUNK; k++)
        for (int i = 0; i < ACCUMULATORS; i++) acc[i] = _mm256_fmadd_ps(acc[i], a, b);
    __m256 sum = acc[0];
    for (int i = 1; i < ACCUMULATORS; i++) sum = _mm256_add_ps(sum, acc[i]);
    float lanes[8];
    _mm256_storeu_ps(lanes, sum);
    return lanes[0];
}

__attribute__((target("avx512f"))) static float chunk512(float seed) {
    __m512 acc[ACCUMULATORS];
    const __m512 a = _mm512_set1_ps(0.999999f), b = _mm512_set1_ps(1e-7f);
    for (int i = 0; i < ACCUMULATORS; i++) acc[i] = _mm512_set1_ps(seed + (float)i);
    for (long k = 0; k < CHUNK; k++)
        for (int i = 0; i < ACCUMULATORS; i++) acc[i] = _mm512_fmadd_ps(acc[i], a, b);
    __m512 sum = acc[0];
    for (int i = 1; i < ACCUMULATORS; i++) sum = _mm512_add_ps(sum, acc[i]);
    return _mm512_reduce_add_ps(sum);
}
#endif

// Portable fallback: the compiler's own vectorisation of the same chains.
static float chunkPortable(float seed) {
    float acc[ACCUMULATORS][8];
    for (int i = 0; i < ACCUMULATORS; i++)
        for (int j = 0; j < 8; j++) acc[i][j] = seed + (float)i;
    for (long k = 0; k < CHUNK; k++)
        for (int i = 0; i < ACCUMULATORS; i++)
            for (int j = 0; j < 8; j++) acc[i][j] = acc[i][j] * 0.999999f + 1e-7f;
    float sum = 0;
    for (int i = 0; i < ACCUMULATORS; i++) sum += acc[i][0];
    return sum;
}

typedef float (*Chunk)(float);

static double rate(Chunk chunk, int lanes, double seconds) {
    volatile float sink = 0;
    long chunks = 0;
    double start = now(), elapsed;
    do {
        sink += chunk((float)chunks);
        chunks++;
        elapsed = now() - start;
    } while (elapsed < seconds);
    (void)sink;
    return (double)chunks * CHUNK * ACCUMULATORS * lanes * 2 / elapsed / 1e9;
}

double adeaug_fma_peak_gflops(double seconds) {
#if defined(__x86_64__)
    __builtin_cpu_init();
    if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma")) {
        double best = rate(chunk256, 8, seconds / 2);
        if (__builtin_cpu_supports("avx512f")) {
            double wide = rate(chunk512, 16, seconds / 2);
            if (wide > best) best = wide;
        }
        return best;
    }
#endif
    return rate(chunkPortable, 8, seconds);
}
