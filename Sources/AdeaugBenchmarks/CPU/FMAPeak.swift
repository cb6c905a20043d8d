import AdeaugBERT
import CAdeaugFMAPeak

/// The CPU's FP32 multiply-add ceiling, measured in the benchmark's own run: what no matrix
/// product (adeaug's or PyTorch's) can exceed on these cores.
enum FMAPeak {
    /// GFLOP/s of `threads` threads running at once (cores slow down when all are busy, so they
    /// are measured together, as the benchmark runs them).
    static func gflops(threads: Int, seconds: Double = 0.6) -> Double {
        var rates = [Double](repeating: 0, count: max(threads, 1))
        rates.withUnsafeMutableBufferPointer { out in
            Parallel.forEach(out.count) { out[$0] = adeaug_fma_peak_gflops(seconds) }
        }
        return rates.reduce(0, +)
    }
}
