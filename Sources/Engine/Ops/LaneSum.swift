// Sums the sixteen lanes of a vector in the pairwise order x86's 512-bit horizontal add uses
// (halves, then quarters, …), so sums agree bit for bit with llama.cpp's AVX-512 builds.

enum LaneSum {
    @inlinable @inline(__always)
    static func pairwise(_ x: SIMD16<Float>) -> Float {
        let eighths = x.lowHalf + x.highHalf
        let quarters = eighths.lowHalf + eighths.highHalf
        return (quarters[0] + quarters[2]) + (quarters[1] + quarters[3])
    }
}
