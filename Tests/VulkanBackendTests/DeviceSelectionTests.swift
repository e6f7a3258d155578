// Choosing a device from what Vulkan lists, without a card: preference order, software renderers
// only when named, memory, driver version, and the reasons people read.

import Testing
@testable import VulkanBackend

@Suite("Vulkan device selection")
struct DeviceSelectionTests {
    static let gib: UInt64 = 1 << 30
    static let v13 = VulkanVersion(major: 1, minor: 3, patch: 0)

    static func device(_ index: Int, _ name: String, _ kind: VulkanDeviceInfo.Kind, memory: UInt64 = 8 << 30, budget: UInt64? = nil,
                       version: VulkanVersion = v13, compute: Bool = true) -> VulkanDeviceInfo {
        VulkanDeviceInfo(
            index: index, name: name, kind: kind, apiVersion: version,
            heaps: [.init(sizeBytes: memory, deviceLocal: true, budgetBytes: budget, usageBytes: budget.map { _ in 0 }),
                    .init(sizeBytes: 32 << 30, deviceLocal: false)],
            hasMemoryBudget: budget != nil, hasComputeQueue: compute)
    }

    let llvmpipe = device(0, "llvmpipe (LLVM 15.0.6, 256 bits)", .software, memory: 2 << 30)
    let intel = device(1, "Intel(R) UHD Graphics 770", .integrated, memory: 16 << 30)
    let nvidia = device(2, "NVIDIA GeForce RTX 3060", .discrete, memory: 12 << 30)

    @Test("a discrete card comes before integrated graphics and a software renderer, whatever the order")
    func discreteFirst() throws {
        let chosen = try DeviceSelection.choose(from: [llvmpipe, intel, nvidia], request: .automatic).get()
        #expect(chosen.name == nvidia.name)
        let integrated = try DeviceSelection.choose(from: [llvmpipe, intel], request: .automatic).get()
        #expect(integrated.name == intel.name)
    }

    @Test("8-bit inputs with the integer dot product: on a card where the driver accelerates it, on a software renderer, never where it is missing")
    func integerDotProductRule() {
        func card(_ kind: VulkanDeviceInfo.Kind, supported: Bool, accelerated: Bool) -> VulkanDeviceInfo {
            var info = Self.device(0, "card", kind)
            info.supportsIntegerDotProduct = supported
            info.integerDotProductAccelerated = accelerated
            return info
        }
        #expect(card(.discrete, supported: true, accelerated: true).prefersIntegerDotProduct)
        #expect(!card(.discrete, supported: true, accelerated: false).prefersIntegerDotProduct, "emulated on the card")
        #expect(!card(.integrated, supported: true, accelerated: false).prefersIntegerDotProduct)
        #expect(card(.software, supported: true, accelerated: false).prefersIntegerDotProduct, "lavapipe: measured faster")
        #expect(!card(.discrete, supported: false, accelerated: true).prefersIntegerDotProduct)
        #expect(card(.discrete, supported: true, accelerated: true).productsSentence.contains("8-bit inputs"))
        #expect(card(.discrete, supported: true, accelerated: false).productsSentence.contains("emulates"))
        #expect(card(.discrete, supported: false, accelerated: false).productsSentence.contains("no integer dot product"))
    }

    @Test("a virtual machine's card is used when it is the only hardware; of two of a kind the larger memory wins")
    func virtualAndMemoryOrder() throws {
        let virtio = Self.device(0, "Virtio-GPU Venus", .virtual)
        #expect(try DeviceSelection.choose(from: [llvmpipe, virtio], request: .automatic).get().name == virtio.name)
        let small = Self.device(0, "small card", .discrete, memory: 4 << 30)
        let large = Self.device(1, "large card", .discrete, memory: 24 << 30)
        #expect(try DeviceSelection.choose(from: [small, large], request: .automatic).get().name == "large card")
    }

    @Test("a software renderer is never chosen on its own, and the reason names it")
    func softwareOnlyOnRequest() throws {
        let result = DeviceSelection.choose(from: [llvmpipe], request: .automatic)
        #expect(result == .failure(.onlySoftware(names: [llvmpipe.name])))
        let reason = try #require(result.failureValue)
        #expect(reason.summary.contains("software renderer (llvmpipe"))
        #expect(reason.advice.contains("--device"))
    }

    @Test("--device picks a device by part of its name (any case) or by its number, software included")
    func namedRequest() throws {
        #expect(try DeviceSelection.choose(from: [llvmpipe, nvidia], request: .named("LLVMpipe")).get().index == 0)
        #expect(try DeviceSelection.choose(from: [llvmpipe, intel, nvidia], request: .named("1")).get().name == intel.name)
        #expect(try DeviceSelection.choose(from: [llvmpipe, nvidia], request: .named(" rtx ")).get().index == 2)
    }

    @Test("--device naming nothing Vulkan lists says what it does list")
    func namedMissing() throws {
        let result = DeviceSelection.choose(from: [llvmpipe, nvidia], request: .named("radeon"))
        let reason = try #require(result.failureValue)
        #expect(reason == .requestedNotFound(request: "radeon", available: ["0: llvmpipe (LLVM 15.0.6, 256 bits)", "2: NVIDIA GeForce RTX 3060"]))
        #expect(reason.summary == "No Vulkan device matches \"radeon\"; Vulkan lists: 0: llvmpipe (LLVM 15.0.6, 256 bits); 2: NVIDIA GeForce RTX 3060.")
        #expect(DeviceSelection.choose(from: [], request: .named("7")).failureValue?.summary == "No Vulkan device matches \"7\": Vulkan lists none.")
    }

    @Test("no device at all is its own reason")
    func noDevice() {
        #expect(DeviceSelection.choose(from: [], request: .automatic) == .failure(.noDevice))
    }

    @Test("a card with too little free memory gives way to the next; when none fits, the reason is the best card's")
    func memory() throws {
        let fitsIntel = DeviceSelection.choose(from: [intel, nvidia], request: .automatic, neededBytes: 14 << 30)
        #expect(try fitsIntel.get().name == intel.name)
        let none = DeviceSelection.choose(from: [intel, nvidia], request: .automatic, neededBytes: 20 << 30)
        #expect(none == .failure(.tooLittleMemory(device: nvidia.name, availableBytes: 12 << 30, neededBytes: 20 << 30)))
        #expect(none.failureValue?.summary == "NVIDIA GeForce RTX 3060 has 12.0 GiB of memory free; the model needs 20.0 GiB.")
    }

    @Test("with VK_EXT_memory_budget the budget left counts, not the heap's size")
    func budget() {
        var busy = Self.device(0, "busy card", .discrete, memory: 8 << 30, budget: 6 << 30)
        busy.heaps[0].usageBytes = 5 << 30
        #expect(busy.availableDeviceMemoryBytes == 1 << 30)
        #expect(busy.deviceMemoryBytes == 8 << 30)
        let result = DeviceSelection.choose(from: [busy], request: .automatic, neededBytes: 2 << 30)
        #expect(result == .failure(.tooLittleMemory(device: "busy card", availableBytes: 1 << 30, neededBytes: 2 << 30)))
    }

    @Test("a driver older than Vulkan 1.1 and a device without a compute queue are refused with the reason")
    func driverAndFeatures() {
        let old = Self.device(0, "old card", .discrete, version: VulkanVersion(major: 1, minor: 0, patch: 61))
        let result = DeviceSelection.choose(from: [old], request: .automatic)
        #expect(result == .failure(.driverTooOld(device: "old card", version: VulkanVersion(major: 1, minor: 0, patch: 61))))
        #expect(result.failureValue?.summary == "The driver for old card supports Vulkan 1.0.61; Onramp needs 1.1.0 or newer.")
        let noCompute = Self.device(0, "display only", .integrated, compute: false)
        #expect(DeviceSelection.choose(from: [noCompute], request: .named("display")).failureValue
                == .missingFeature(device: "display only", feature: "a queue that runs compute work"))
    }

    @Test("--device's value: empty or auto is the automatic choice")
    func requestParsing() {
        #expect(DeviceRequest(option: nil) == .automatic)
        #expect(DeviceRequest(option: "") == .automatic)
        #expect(DeviceRequest(option: "AUTO") == .automatic)
        #expect(DeviceRequest(option: "llvmpipe") == .named("llvmpipe"))
    }

    @Test("Vulkan's packed version numbers read back as major.minor.patch")
    func versions() {
        // VK_MAKE_API_VERSION(0, 1, 3, 230), as lavapipe reports.
        let packed: UInt32 = (1 << 22) | (3 << 12) | 230
        #expect(VulkanVersion(packed: packed).description == "1.3.230")
        #expect(VulkanVersion(packed: packed).packed == packed)
        #expect(VulkanVersion(major: 1, minor: 0, patch: 999) < .required)
    }

    @Test("every reason has a summary and advice written for people")
    func everyReasonSpeaks() {
        let reasons: [VulkanUnavailable] = [
            .noLoader(library: "libvulkan.so.1", detail: "not found"), .noDriver(result: "VK_ERROR_INCOMPATIBLE_DRIVER"),
            .loaderTooOld(version: VulkanVersion(major: 1, minor: 0, patch: 0)), .noDevice, .onlySoftware(names: ["llvmpipe"]),
            .driverTooOld(device: "x", version: .required), .missingFeature(device: "x", feature: "y"),
            .tooLittleMemory(device: "x", availableBytes: 1, neededBytes: 2), .requestedNotFound(request: "x", available: []),
            .setupFailed(VulkanError(step: "creating the device", detail: "VK_ERROR_INITIALIZATION_FAILED")),
        ]
        for reason in reasons {
            #expect(reason.summary.hasSuffix("."), "\(reason)")
            #expect(reason.advice.hasSuffix("."), "\(reason)")
            #expect(!reason.summary.contains("Optional"), "\(reason)")
        }
    }
}

extension Result {
    var failureValue: Failure? {
        if case .failure(let failure) = self { return failure }
        return nil
    }
}
