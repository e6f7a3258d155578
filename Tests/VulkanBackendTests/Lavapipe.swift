// The Vulkan device the tests compute on: lavapipe (Mesa's llvmpipe), a conforming Vulkan
// device that runs on the processor, named explicitly because the automatic choice never takes
// a software renderer. Missing lavapipe fails the tests with what to install, never skips them.

import Testing
@testable import VulkanBackend

enum Lavapipe {
    static let request = DeviceRequest.named("llvmpipe")

    static func open() throws -> ComputeDevice {
        do {
            return try ComputeDevice.open(request: request)
        } catch {
            Issue.record("""
                The Vulkan tests need lavapipe: \(error.summary) \
                Install the Vulkan loader and Mesa's drivers (scripts/install-deps, or sudo apt install libvulkan1 mesa-vulkan-drivers).
                """)
            throw error
        }
    }
}

/// Normalised mean squared error: Σ(a − b)² / Σb², the measure llama.cpp's backend tests use.
func nmse(_ actual: [Float], _ expected: [Float]) -> Double {
    precondition(actual.count == expected.count)
    var error = 0.0, norm = 0.0
    for (a, b) in zip(actual, expected) {
        error += (Double(a) - Double(b)) * (Double(a) - Double(b))
        norm += Double(b) * Double(b)
    }
    return norm == 0 ? error : error / norm
}
