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
            // Follow the includes one level (the shared bodies live in .glsl files).
            for line in text.split(separator: "\n") where line.hasPrefix("#include \"") {
                let name = line.dropFirst("#include \"".count).dropLast()
                text += try String(contentsOf: folder.appendingPathComponent(String(name)), encoding: .utf8)
            }
            #expect(text.contains("local_size_x = \(shader.workgroupSize))"), "\(shader.rawValue)")
            for binding in 0..<shader.bindings {
                #expect(text.contains("binding = \(binding))"), "\(shader.rawValue) binding \(binding)")
            }
            #expect(!text.contains("binding = \(shader.bindings))"), "\(shader.rawValue) has more bindings than declared")
        }
    }
}
