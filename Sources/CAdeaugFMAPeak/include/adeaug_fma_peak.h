#ifndef ADEAUG_FMA_PEAK_H
#define ADEAUG_FMA_PEAK_H

/// FP32 multiply-add throughput of the calling thread, in GFLOP/s (an FMA counts as two), for
/// about `seconds`: the ceiling any matrix product on this core can reach. The wider of AVX2
/// and AVX-512 where the CPU has them, plain SIMD elsewhere.
double adeaug_fma_peak_gflops(double seconds);

#endif
