// The remembered list of switched-off kernel paths: where it lives, that it survives a round
// trip, that --reset forgets it, and that a damaged file is an error rather than ignored.
@testable import Engine
import Foundation
import SelfTest
import Testing

struct DisabledKernelPathsTests {
    @Test("the file lives in XDG_CONFIG_HOME/onramp, else ~/.config/onramp")
    func location() {
        #expect(DisabledKernelPaths.file(environment: ["XDG_CONFIG_HOME": "/x/conf", "HOME": "/home/a"]).path == "/x/conf/onramp/disabled-kernel-paths.json")
        #expect(DisabledKernelPaths.file(environment: ["HOME": "/home/a"]).path == "/home/a/.config/onramp/disabled-kernel-paths.json")
        // The XDG rules ignore a relative path.
        #expect(DisabledKernelPaths.file(environment: ["XDG_CONFIG_HOME": "conf", "HOME": "/home/a"]).path == "/home/a/.config/onramp/disabled-kernel-paths.json")
    }

    @Test("disabled paths are saved, read back, skipped when choosing, and forgotten by reset")
    func roundTrip() throws {
        let folder = try TemporaryFolder()
        let file = folder.url.appendingPathComponent("onramp/disabled-kernel-paths.json")
        #expect(try DisabledKernelPaths.load(from: file) == DisabledKernelPaths())

        var list = DisabledKernelPaths()
        list.disable([.avx512VNNI: "q4_0 product on avx512-vnni", .portable: "never recorded"])
        try list.save(to: file)
        let read = try DisabledKernelPaths.load(from: file)
        #expect(read.paths == [.init(path: "avx512-vnni", reason: "q4_0 product on avx512-vnni")])
        #expect(read.chosenPath(supported: [.portable, .avx2, .avxVNNI, .avx512VNNI]) == .avxVNNI)
        #expect(read.chosenPath(supported: [.portable, .avx2]) == .avx2)

        try DisabledKernelPaths.reset(at: file)
        #expect(!FileManager.default.fileExists(atPath: file.path))
        #expect(try DisabledKernelPaths.load(from: file).paths.isEmpty)
    }

    @Test("a damaged list is an error naming the file and the way out, never silently ignored")
    func damagedFile() throws {
        let folder = try TemporaryFolder()
        let file = folder.url.appendingPathComponent("disabled-kernel-paths.json")
        try Data("{not json".utf8).write(to: file)
        #expect {
            try DisabledKernelPaths.load(from: file)
        } throws: { error in
            "\(error)".contains(file.path) && "\(error)".contains("onramp selftest --reset")
        }
    }

    @Test("a graphics card is switched off once, read back by name, and a file from before cards were recorded still loads")
    func graphicsCards() throws {
        let folder = try TemporaryFolder()
        let file = folder.url.appendingPathComponent("onramp/disabled-kernel-paths.json")
        var list = DisabledKernelPaths()
        list.disable(graphicsCard: "AMD Radeon RX 6700 XT (RADV NAVI22)", reason: "q4_K product on the graphics card")
        list.disable(graphicsCard: "AMD Radeon RX 6700 XT (RADV NAVI22)", reason: "a second failure")
        try list.save(to: file)
        let read = try DisabledKernelPaths.load(from: file)
        #expect(read.graphicsCards == [.init(device: "AMD Radeon RX 6700 XT (RADV NAVI22)", reason: "q4_K product on the graphics card")])
        #expect(read.graphicsCardDisabled("AMD Radeon RX 6700 XT (RADV NAVI22)") == "q4_K product on the graphics card")
        #expect(read.graphicsCardDisabled("llvmpipe (LLVM 15.0.6, 256 bits)") == nil)
        // What the engine's setup calls, finding the file through XDG_CONFIG_HOME.
        let environment = ["XDG_CONFIG_HOME": folder.url.path, "HOME": "/nonexistent"]
        #expect(try DisabledKernelPaths.graphicsCardDisabled(device: "AMD Radeon RX 6700 XT (RADV NAVI22)", environment: environment)
                == "q4_K product on the graphics card")
        try DisabledKernelPaths.reset(at: file)
        #expect(try DisabledKernelPaths.graphicsCardDisabled(device: "AMD Radeon RX 6700 XT (RADV NAVI22)", environment: environment) == nil)

        try Data(#"{"paths":[{"path":"avx2","reason":"q4_0 product on avx2"}]}"#.utf8).write(to: file)
        let old = try DisabledKernelPaths.load(from: file)
        #expect(old.paths.count == 1 && old.graphicsCards.isEmpty)
    }
}
