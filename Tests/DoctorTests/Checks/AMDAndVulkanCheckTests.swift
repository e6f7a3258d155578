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

    @Test("Radeon 610M (gfx1037) borrows gfx1030's code; in a container the override goes on the container's start")
    func gfxOverrideInContainer() throws {
        let container = amdMachine {
            $0.environment.hsaOverrideGfxVersion = nil
            $0.gpus[0].gfxTarget = "gfx1037"
            $0.environment.container = .docker
        }
        let finding = try #require(try AMDGfxUnsupported().run(container).first)
        #expect(finding.evidence.contains("gfx1037 runs the code built for version 10.3.0"))
        let steps = (finding.fix?.steps(for: .apt) ?? []).map(\.text).joined(separator: "\n")
        #expect(steps.contains("docker run -e HSA_OVERRIDE_GFX_VERSION=10.3.0"))
        #expect(!steps.contains("~/.profile"), "a profile file in the container is not what the runtime reads")
    }

    @Test("/dev/kfd closed to root alone is fixed by a udev rule, not a group; render and video nodes are not its business")
    func deviceNodeClosed() throws {
        let rootOnly = amdMachine {
            $0.drivers.amd.kfd = DeviceNode(path: "/dev/kfd", owner: "root", group: "root", mode: "0600", accessible: false)
            // The render node is open through the desktop session's ACL; only /dev/kfd is closed.
            $0.drivers.renderNodes = [DeviceNode(path: "/dev/dri/renderD128", owner: "root", group: "render", mode: "0660", accessible: true)]
            $0.drivers.user = UserFacts(name: "user", uid: 1000, groups: ["user", "video"])
        }
        let finding = try #require(try GPUDeviceNodeClosed().run(rootOnly).first)
        #expect(finding.evidence.first == "/dev/kfd: owner root, group root, mode 0600")
        let steps = (finding.fix?.steps(for: .apt) ?? []).map(\.text)
        #expect(steps.first == "printf '%s\\n' 'KERNEL==\"kfd\", GROUP=\"render\", MODE=\"0660\"' | sudo tee /etc/udev/rules.d/70-gpu-compute.rules")
        #expect(steps.contains("sudo usermod -aG render user"))
        #expect(try ids(UserNotInRenderGroup(), rootOnly) == [], "the group check stays out of it")
        let renderGroup = amdMachine { $0.drivers.user = UserFacts(name: "user", uid: 1000, groups: ["user"]) }
        #expect(try ids(GPUDeviceNodeClosed(), renderGroup) == [], "a render-group node is UserNotInRenderGroup's")
        let openToAll = amdMachine { $0.drivers.amd.kfd = DeviceNode(path: "/dev/kfd", owner: "root", group: "root", mode: "0666") }
        #expect(try ids(GPUDeviceNodeClosed(), openToAll) == [])
        let asRoot = amdMachine {
            $0.drivers.amd.kfd = DeviceNode(path: "/dev/kfd", owner: "root", group: "root", mode: "0600")
            $0.drivers.user = UserFacts(name: "root", uid: 0, groups: ["root"])
        }
        #expect(try ids(GPUDeviceNodeClosed(), asRoot) == [])
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

@Suite("Render group and ACLs")
struct RenderGroupACLTests {
    @Test("a render node the probe could open (a desktop session's ACL) is not a problem despite mode 0660")
    func aclGrantsAccess() throws {
        let facts = healthyMachine {
            $0.gpus = [GPUFacts(pciAddress: "0000:00:02.0", vendor: .intel, vendorID: "8086", deviceID: "9a49", driver: "i915")]
            $0.drivers.renderNodes = [DeviceNode(path: "/dev/dri/renderD128", group: "render", mode: "0660", accessible: true)]
        }
        #expect(try ids(UserNotInRenderGroup(), facts) == [])
        var closed = facts
        closed.drivers.renderNodes[0].accessible = false
        #expect(try ids(UserNotInRenderGroup(), closed) == ["gpu.user-not-in-render-group"])
    }

    @Test("a VM's emulated display adapter does not need Vulkan")
    func emulatedDisplay() throws {
        let facts = healthyMachine {
            $0.gpus = [GPUFacts(pciAddress: "0000:00:03.0", vendor: .other, vendorID: "1d0f", deviceID: "1111")]
            $0.drivers.vulkan = VulkanFacts(loaderPresent: false)
        }
        #expect(try ids(VulkanMissing(), facts) == [])
    }
}
