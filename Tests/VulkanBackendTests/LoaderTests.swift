// The loader opened at run time on this machine: a missing library, the devices lavapipe
// reports, and what the automatic choice makes of them.

import Testing
@testable import VulkanBackend

@Suite("Vulkan loader and devices")
struct LoaderTests {
    @Test("a loader that cannot be opened is a reason with the library's name, not a crash")
    func missingLoader() throws {
        let survey = VulkanSurvey.take(library: "libvulkan-onramp-test-missing.so.1")
        #expect(survey.devices.isEmpty)
        guard case .failure(.noLoader(let library, let detail)) = survey.choice else {
            Issue.record("expected the no-loader reason, got \(survey.choice)")
            return
        }
        #expect(library == "libvulkan-onramp-test-missing.so.1")
        #expect(detail.contains("libvulkan-onramp-test-missing.so.1"))
        #expect(survey.choice.failureValue?.summary == "Vulkan is not installed: the Vulkan loader (libvulkan-onramp-test-missing.so.1) could not be opened.")
        #expect(throws: VulkanUnavailable.self) { try ComputeDevice.open(library: "libvulkan-onramp-test-missing.so.1") }
    }

    @Test("a library that is not a Vulkan loader is refused as one")
    func notALoader() {
        let survey = VulkanSurvey.take(library: "libc.so.6")
        #expect(survey.choice.failureValue == .noLoader(library: "libc.so.6", detail: "it has no vkGetInstanceProcAddr, so it is not a Vulkan loader"))
    }

    @Test("lavapipe is listed as a software renderer with Vulkan 1.1 or newer, a compute queue and device memory")
    func lavapipeListed() throws {
        let survey = VulkanSurvey.take(request: Lavapipe.request)
        let device = try #require(try? survey.choice.get(), "lavapipe: \(survey.choice)")
        #expect(device.kind == .software)
        #expect(device.name.hasPrefix("llvmpipe"))
        #expect(device.apiVersion >= .required)
        #expect(device.hasComputeQueue)
        #expect(device.deviceMemoryBytes > 0)
        #expect(device.availableDeviceMemoryBytes > 0)
        #expect(device.driverName == "llvmpipe")
        #expect(device.subgroupSize.map { $0 > 0 } == true)
        #expect(device.maxStorageBufferRange >= 1 << 27)
        #expect(survey.devices.contains(device))
    }

    @Test("the automatic choice never takes lavapipe; on a machine with only software renderers it says so")
    func automaticSkipsSoftware() {
        let survey = VulkanSurvey.take()
        #expect(!survey.devices.isEmpty)
        if survey.devices.allSatisfy({ $0.kind == .software }) {
            #expect(survey.choice.failureValue == .onlySoftware(names: survey.devices.map(\.name)))
        } else {
            #expect((try? survey.choice.get())?.kind != .software)
        }
    }

    @Test("more memory than the device has is refused with both amounts")
    func tooLittleMemory() throws {
        let survey = VulkanSurvey.take(request: Lavapipe.request, neededBytes: 1 << 50)
        guard case .failure(.tooLittleMemory(let device, let available, let needed)) = survey.choice else {
            Issue.record("expected too little memory, got \(survey.choice)")
            return
        }
        #expect(device.hasPrefix("llvmpipe"))
        #expect(available > 0 && available < 1 << 50)
        #expect(needed == 1 << 50)
    }
}
