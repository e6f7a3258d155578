// docs/troubleshooting.md is generated from the registry; this keeps the committed file in step.

import Testing
@testable import Doctor

@Suite("Troubleshooting guide")
struct TroubleshootingGuideTests {
    @Test("the committed docs/troubleshooting.md equals the text generated from the registry")
    func committedGuideIsCurrent() throws {
        let committed = try #require(RepositoryFiles.read(RepositoryFiles.root + "/docs/troubleshooting.md"),
                                     "docs/troubleshooting.md is missing. \(RepositoryFiles.regenerate)")
        #expect(committed == TroubleshootingGuide.markdown(), "docs/troubleshooting.md is out of date. \(RepositoryFiles.regenerate)")
    }

    @Test("the guide has one section per finding id, with its title, and the fix for every family it knows")
    func sections() {
        let guide = TroubleshootingGuide.markdown()
        for kind in CheckRegistry.all.flatMap(\.kinds) {
            #expect(guide.contains("### \(kind.id)\n\n**\(kind.title)**"), "\(kind.id)")
        }
        #expect(guide.contains("How to fix it with pacman:\n\n- `sudo pacman -S nvidia-open nvidia-utils`"))
        #expect(guide.components(separatedBy: "\n### ").count - 1 == CheckRegistry.findingIDs.count)
    }

    @Test("--explain gives one finding's section as plain text; an unknown id has none")
    func explanation() throws {
        let text = try #require(TroubleshootingGuide.explanation(of: "nvidia.uvm-not-loaded"))
        #expect(text.hasPrefix("nvidia.uvm-not-loaded\n\nThe nvidia_uvm module is not loaded, so CUDA cannot use the card (error)"))
        #expect(text.contains("- `sudo modprobe nvidia_uvm`"))
        #expect(!text.contains("###") && !text.contains("**"), "no Markdown markup in the terminal")
        #expect(text.split(separator: "\n").allSatisfy { $0.count <= 78 || $0.hasPrefix("- `") }, "prose wraps at 78 columns")
        #expect(TroubleshootingGuide.explanation(of: "no.such-finding") == nil)
    }

    @Test("every finding that offers a fix action is documented as runnable, and the reverse")
    func runnableMatchesActions() {
        let documented = Set(CheckRegistry.all.flatMap(\.kinds).filter(\.runnable).map(\.id))
        let machines = [
            nvidiaMachine { $0.drivers.nvidia.uvmLoaded = false },
            nvidiaMachine { $0.drivers.nvidia.deviceNodes = [] },
            amdMachine { $0.drivers.user = .init(name: "user", uid: 1000, groups: []) },
            amdMachine { $0.drivers.vulkan = .init(loaderPresent: false) },
            amdMachine { $0.drivers.vulkan.icdFiles = [] },
        ]
        let withAction = Set(machines.flatMap { CheckRunner().examine($0).findings }.filter { $0.action != nil }.map(\.id))
        #expect(withAction == documented)
    }
}
