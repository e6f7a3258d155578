// AMD (ROCm), render-group and Vulkan checks on minimal machines.

import Probe
import Testing
@testable import Doctor

@Suite("AMD and Vulkan checks")
struct AMDAndVulkanCheckTests {
    @Test("a working AMD setup with the right override has no findings")
    func working() {
        #expect(findingIDs(amdMachine()) == [])
    }

    @Test("gfx1031 without the override is told to use 10.3.0; the supported gfx1030 needs nothing")
    func gfxOverride() throws {
        let facts = amdMachine { $0.environment.hsaOverrideGfxVersion = nil }
        let finding = try #require(try AMDGfxUnsupported().run(facts).first)
        #expect(finding.id == "amd.gfx-unsupported")
        #expect(finding.fix?.steps(for: .apt).first == .command("echo 'export HSA_OVERRIDE_GFX_VERSION=10.3.0' >> ~/.profile"))
        let supported = amdMachine { $0.environment.hsaOverrideGfxVersion = nil; $0.gpus[0].gfxTarget = "gfx1030" }
        #expect(try ids(AMDGfxUnsupported(), supported) == [])
        let igpu = amdMachine { $0.environment.hsaOverrideGfxVersion = nil; $0.gpus[0].gfxTarget = "gfx1103" }
        #expect(try AMDGfxUnsupported().run(igpu).first?.evidence.last == "gfx1103 runs the code built for version 11.0.0")
        let wrong = amdMachine { $0.environment.hsaOverrideGfxVersion = "11.0.0" }
        #expect(try ids(AMDGfxUnsupported(), wrong) == ["amd.gfx-unsupported"])
    }

    @Test("a garbled gfx target throws rather than being reported as unsupported")
    func garbledTarget() {
        let facts = amdMachine { $0.gpus[0].gfxTarget = "gfx10;rm" }
        #expect(throws: OddFact.self) { try AMDGfxUnsupported().run(facts) }
    }

    @Test("amdgpu without /dev/kfd is amd.kfd-missing")
    func kfd() throws {
        let facts = amdMachine { $0.drivers.amd.kfd = nil }
        #expect(findingIDs(facts) == ["amd.kfd-missing"])
    }

    @Test("not in the render group of a 0660 node: error with a usermod action; a 0666 node is open to all")
    func renderGroup() throws {
        let facts = amdMachine { $0.drivers.user = UserFacts(name: "user", uid: 1000, groups: ["user"]) }
        let finding = try #require(try UserNotInRenderGroup().run(facts).first)
        #expect(finding.action?.commands == [["usermod", "-aG", "render,video", "user"]])
        #expect(finding.action?.afterwards == .logOutAndIn)
        let open = amdMachine {
            $0.drivers.user = UserFacts(name: "user", uid: 1000, groups: ["user"])
            $0.drivers.amd.kfd?.mode = "0666"
            $0.drivers.renderNodes[0].mode = "0666"
        }
        #expect(try ids(UserNotInRenderGroup(), open) == [])
        let root = amdMachine { $0.drivers.user = UserFacts(name: "root", uid: 0, groups: ["root"]) }
        #expect(try ids(UserNotInRenderGroup(), root) == [])
    }

    @Test("rocminfo failing with /dev/kfd open to the user is a ROCm/kernel mismatch")
    func rocmMismatch() throws {
        let facts = amdMachine { $0.drivers.amd.rocminfoError = "HSA_STATUS_ERROR_OUT_OF_RESOURCES" }
        #expect(findingIDs(facts) == ["amd.rocm-kernel-mismatch"])
        let noPermission = amdMachine {
            $0.drivers.amd.rocminfoError = "Unable to open /dev/kfd read-write: Permission denied"
            $0.drivers.user = UserFacts(name: "user", uid: 1000, groups: ["user"])
        }
        #expect(findingIDs(noPermission) == ["gpu.user-not-in-render-group"])
    }

    @Test("no Vulkan loader offers the distribution's loader package")
    func vulkanLoader() throws {
        let facts = amdMachine { $0.drivers.vulkan = VulkanFacts(loaderPresent: false) }
        let finding = try #require(try VulkanMissing().run(facts).first)
        #expect(finding.id == "vulkan.loader-missing")
        #expect(finding.action?.commands == [["apt-get", "install", "-y", "libvulkan1", "mesa-vulkan-drivers"]])
        let notListed = amdMachine { $0.drivers.vulkan = VulkanFacts(loaderPresent: false); $0.commands = [] }
        #expect(try ids(VulkanMissing(), notListed) == [], "without ldconfig -p nobody knows whether the loader is there")
    }

    @Test("an Intel card without an intel ICD manifest is vulkan.icd-missing; pacman gets vulkan-intel")
    func vulkanICD() throws {
        let facts = healthyMachine {
            $0.os = OSFacts(distroID: "arch", prettyName: "Arch Linux")
            $0.gpus = [GPUFacts(pciAddress: "0000:00:02.0", vendor: .intel, vendorID: "8086", deviceID: "56a0", driver: "i915")]
            $0.drivers.renderNodes = [DeviceNode(path: "/dev/dri/renderD128", group: "render", mode: "0666")]
            $0.drivers.vulkan = VulkanFacts(loaderPresent: true, icdFiles: ["/usr/share/vulkan/icd.d/radeon_icd.x86_64.json"])
        }
        let finding = try #require(try VulkanMissing().run(facts).first)
        #expect(finding.id == "vulkan.icd-missing")
        #expect(finding.action?.commands == [["pacman", "-S", "--needed", "--noconfirm", "vulkan-intel"]])
        var fixed = facts
        fixed.drivers.vulkan.icdFiles.append("/usr/share/vulkan/icd.d/intel_icd.x86_64.json")
        #expect(try ids(VulkanMissing(), fixed) == [])
    }
}
