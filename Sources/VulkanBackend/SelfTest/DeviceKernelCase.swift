// One self-test check of the graphics card: a shader run on the device with seeded random data,
// and the engine's processor reference for the same inputs. Every kernel the engine runs on the
// device has one (DeviceKernelCases lists them; a test holds that no shader is left out).

import Engine

struct DeviceKernelCase: Sendable {
    /// What people read: "q4_K product on the graphics card".
    let name: String
    /// The shaders it runs, so coverage can be checked.
    let shaders: [Shader]
    /// The NMSE it must stay below (DeviceKernelLimits says why).
    let limit: Double
    /// Runs the shader on the device and returns what it computed and the processor's answer.
    let compute: @Sendable (ComputeDevice) throws -> (actual: [Float], expected: [Float])
}

/// How far the device may be from the processor before the self-test calls its kernel wrong.
enum DeviceKernelLimits {
    /// Both sides decode the same weights and read the same f32 inputs, and accumulate in f32 (the
    /// reference in Double): only the order of the sums and a few ulps of exp and inversesqrt
    /// differ. Observed on lavapipe: about 1e-14; a wrong decoding or index gives 1e-3 or more.
    static let sameInputs = 1e-10

    /// Integer dot products: the device turns the inputs into the same 8-bit codes and f16 scales
    /// as the processor, and both sum exactly what those codes give (the reference in f32). A
    /// device whose division is a few ulps off (Vulkan allows 2.5) can round a value lying on a
    /// half-way point the other way, one code in tens of thousands, which moves a row's sum by one
    /// step of its block (NMSE up to ~1e-7). The references of the types with a minimum (Q4_1,
    /// Q5_1, Q4_K, Q5_K) multiply it by the f16 scale × the codes' sum, not by Q8_1's stored f16 of
    /// that product as the device and the fast kernels do (1e-9 to 1e-10 here, 2e-7 on Gemma 3's
    /// real Q4_K matrices; Q4_0, Q5_0, Q6_K and Q8_0 1e-14). A wrong nibble, scale or block gives
    /// 1e-3 or more.
    static let sameCodes = 1e-6

    /// Attention over the f16 cache rounds the query and the softmax weights to f16 on both sides;
    /// a device whose exp differs by a few ulps may round a weight to the neighbouring f16 value
    /// (about 5e-4 relative) now and then, which adds ~1e-10. Observed on lavapipe: ≤ 5e-11.
    /// A skipped f16 rounding gives ~1e-7 and a wrong mask or head far more, so 1e-8 still tells.
    static let halfCacheAttention = 1e-8
}
