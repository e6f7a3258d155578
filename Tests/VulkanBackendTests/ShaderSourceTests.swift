// The committed SPIR-V (Sources/CVulkan/shaders.c) is what glslc makes of the GLSL now, and
// the backend's list of shaders matches what was compiled.

import Foundation
import Testing
import TestSupport
@testable import VulkanBackend

@Suite("Vulkan shader sources", .onOwnThread)
struct ShaderSourceTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    @Test("scripts/compile-shaders --check finds the committed SPIR-V up to date with the GLSL (needs glslc)")
    func upToDate() throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", Self.root.appendingPathComponent("scripts/compile-shaders").path, "--check"]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(text)")
        #expect(text.contains("matches the GLSL"), "\(text)")
    }

    @Test("every shader the backend names was compiled, and every compiled shader is named")
    func namesMatch() throws {
        #expect(Shader.compiledNames.sorted() == Shader.allCases.map(\.rawValue).sorted())
        for shader in Shader.allCases {
            let words = try #require(shader.spirv, "\(shader.rawValue)")
            #expect(words.first == 0x0723_0203, "\(shader.rawValue) starts with SPIR-V's magic number")
        }
        #expect(Shader.compiler.hasPrefix("shaderc"))
    }

    @Test("each GLSL file declares the workgroup size and bindings the backend dispatches with")
    func declarationsMatch() throws {
        let folder = Self.root.appendingPathComponent("Sources/VulkanBackend/Shaders")
        for shader in Shader.allCases {
            var text = try String(contentsOf: folder.appendingPathComponent("\(shader.rawValue).comp"), encoding: .utf8)
            // Follow the includes, also those of included files (the shared parts live in .glsl files).
            var included: Set<String> = []
            var pending = [text]
            while let source = pending.popLast() {
                for line in source.split(separator: "\n") where line.hasPrefix("#include \"") {
                    let name = String(line.dropFirst("#include \"".count).dropLast())
                    guard included.insert(name).inserted else { continue }
                    let part = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
                    text += part
                    pending.append(part)
                }
            }
            #expect(text.contains("local_size_x = \(shader.workgroupSize))"), "\(shader.rawValue)")
            for binding in 0..<shader.bindings {
                #expect(text.contains("binding = \(binding))"), "\(shader.rawValue) binding \(binding)")
            }
            #expect(!text.contains("binding = \(shader.bindings))"), "\(shader.rawValue) has more bindings than declared")
        }
    }
}
