// The self-test of the graphics card on lavapipe: every kernel check passes; a check whose
// reference is made wrong fails, the card is then reported for switching off and skipped on the
// next run; with no usable device the self-test says so in one line and passes.

import Engine
import Foundation
import SelfTest
import Testing
import TestSupport
@testable import VulkanBackend

@Suite("The self-test's checks of the graphics card", .onOwnThread)
struct GraphicsCardSelfTestTests {
    static let missingLoader = "libvulkan-not-installed-here.so.1"

    @Test("every shader the backend has is checked by the self-test")
    func everyShaderChecked() {
        let checked = Set(DeviceKernelCases.all.flatMap(\.shaders))
        #expect(Set(Shader.allCases).subtracting(checked).isEmpty, "not checked: \(Set(Shader.allCases).subtracting(checked))")
        #expect(DeviceKernelCases.productTypes == [.f32, .f16, .q4_0, .q4_1, .q5_0, .q5_1, .q8_0, .q4_K, .q5_K, .q6_K])
        #expect(Set(DeviceKernelCases.all.map(\.name)).count == DeviceKernelCases.all.count, "names are unique")
    }

    @Test("every kernel check passes on lavapipe, each far below its limit")
    func passesOnLavapipe() throws {
        let device = try Lavapipe.open()
        var seen: [String] = []
        let checks = GraphicsCardSelfTest.checks(on: device) { seen.append($0.name) }
        #expect(checks.count == DeviceKernelCases.all.count)
        #expect(seen == checks.map(\.name), "each check is reported as it finishes")
        for check in checks {
            let measured: String = check.measured.map { "\($0)" } ?? "none"
            print("Vulkan self-test \(check.name): NMSE \(measured) (limit \(check.limit ?? 0))")
            #expect(check.passed, "\(check.name): \(check.detail)")
            #expect(check.group == .graphicsCard)
            // Two orders of magnitude of room on the device the limits were set on.
            #expect((check.measured ?? .infinity) < (check.limit ?? 0) / 100, "\(check.name)")
        }
    }

    @Test("given a model, the self-test also runs it on the card against the processor, after the kernels")
    func modelOnTheCard() throws {
        let (report, checks) = GraphicsCardSelfTest.run(request: Lavapipe.request, model: TestModels.smolLM2, threads: 2)
        #expect(report.device?.hasPrefix("llvmpipe") == true)
        let last = try #require(checks.last)
        #expect(last.name == "the model on the graphics card")
        #expect(last.passed, "\(last.detail)")
        #expect((last.measured ?? .infinity) < ModelOffload.validationLimit)
        #expect(last.detail == "30 of 30 layers and the output on the card answer as the processor does")
        #expect(report.model == GraphicsCardReport.ModelPlacement(layers: 30, totalLayers: 30, output: true))
        #expect(checks.count == DeviceKernelCases.all.count + 1)
    }

    @Test("a deliberately wrong reference fails exactly its own check", arguments: [
        "q4_K product on the graphics card", "RMSNorm on the graphics card", "attention (f16 cache) on the graphics card",
    ])
    func wrongReferenceFails(name: String) throws {
        let device = try Lavapipe.open()
        let checks = GraphicsCardSelfTest.checks(on: device, damage: name)
        #expect(checks.filter { !$0.passed }.map(\.name) == [name])
        let failed = try #require(checks.first { $0.name == name })
        // 17/16 of the answer: an NMSE of (1/17)², about 3.5e-3.
        #expect((failed.measured ?? 0) > 1e-3)
        #expect(failed.detail.contains("differs from the engine's result on the processor"))
    }

    @Test("the verdict: NaN, infinities and a wrong length never pass; an exact answer does")
    func verdict() {
        #expect(DeviceKernelVerdict.check(name: "x", limit: 1e-10, actual: [1, 2], expected: [1, 2], seconds: 0).passed)
        #expect(!DeviceKernelVerdict.check(name: "x", limit: 1e-10, actual: [.nan, 2], expected: [1, 2], seconds: 0).passed)
        #expect(!DeviceKernelVerdict.check(name: "x", limit: 1e-10, actual: [.infinity, 2], expected: [1, 2], seconds: 0).passed)
        #expect(!DeviceKernelVerdict.check(name: "x", limit: 1e-10, actual: [1], expected: [1, 2], seconds: 0).passed)
        #expect(DeviceKernelVerdict.nmse([1.1, 2], [1, 2]) > 1e-3)
    }

    @Test("the self-test checks the named device, lists its checks in text and JSON, and passes")
    func selfTestOnLavapipe() throws {
        _ = try Lavapipe.open()
        let report = SelfTest.run(cores: 2, graphicsCard: { GraphicsCardSelfTest.run(request: Lavapipe.request, progress: $0) })
        #expect(report.passed, "\(report.failedChecks)")
        let device = try #require(report.graphicsCard?.device)
        #expect(device.contains("llvmpipe"))
        #expect(report.checks.filter { $0.group == .graphicsCard }.count == DeviceKernelCases.all.count)
        let text = SelfTestText.render(report, verbose: false)
        #expect(text.contains("[ok] graphics card: \(DeviceKernelCases.all.count) passed on \(device)"))
        let json = String(decoding: try JSONEncoder().encode(report), as: UTF8.self)
        #expect(json.contains("\"graphics-card\"") && json.contains("q4_K product on the graphics card"))
        #expect(try JSONDecoder().decode(SelfTestReport.self, from: Data(json.utf8)) == report)
    }

    @Test("a wrong kernel fails the self-test, names the card to switch off, and the next run skips it and passes")
    func failingCardIsSwitchedOff() throws {
        _ = try Lavapipe.open()
        let damaged = SelfTest.run(cores: 2, graphicsCard: {
            GraphicsCardSelfTest.run(request: Lavapipe.request, damage: "softmax on the graphics card", progress: $0)
        })
        #expect(!damaged.passed)
        #expect(damaged.failedChecks.map(\.name) == ["softmax on the graphics card"])
        #expect(damaged.newlyDisabledPaths.isEmpty, "the processor's paths are not touched")
        let failed = try #require(SelfTest.failedGraphicsCard(damaged))
        #expect(failed.device.contains("llvmpipe") && failed.reason == "softmax on the graphics card")
        #expect(damaged.messages.contains {
            $0.contains("gives wrong results (softmax on the graphics card); Onramp will compute on the processor instead")
        })
        #expect(SelfTestText.render(damaged, verbose: false).contains("[XX] graphics card: 1 of \(DeviceKernelCases.all.count) failed"))

        var disabled = DisabledKernelPaths()
        disabled.disable(graphicsCard: failed.device, reason: failed.reason)
        let (again, checks) = GraphicsCardSelfTest.run(request: Lavapipe.request, disabled: disabled)
        #expect(checks.isEmpty && again.device == nil && !again.requestFailed)
        #expect(again.notChecked == "Onramp stopped using \(failed.device) after an earlier self-test: softmax on the graphics card.")
    }

    @Test("with no usable device the self-test says in one line why the card was not checked, and passes")
    func noDevice() throws {
        let (card, checks) = GraphicsCardSelfTest.run(library: Self.missingLoader)
        #expect(checks.isEmpty)
        let reason = try #require(VulkanSurvey.take(library: Self.missingLoader).choice.failure)
        #expect(card.notChecked == reason.summary && card.advice == reason.advice && !card.requestFailed)

        let report = SelfTest.run(cores: 2, graphicsCard: { _ in (card, checks) })
        #expect(report.passed)
        let lines = SelfTestText.render(report, verbose: true).split(separator: "\n").filter { $0.contains("graphics card") }
        #expect(lines == ["[--] graphics card: not checked. \(reason.summary)"])
        // On this machine the automatic choice never takes lavapipe: the same one line, with lavapipe's reason.
        let (automatic, none) = GraphicsCardSelfTest.run()
        if case .failure(let here) = VulkanSurvey.take().choice {
            #expect(none.isEmpty && automatic.notChecked == here.summary)
        } else {
            #expect(automatic.device != nil && !none.isEmpty)
        }
    }

    @Test("a device named with --device that Vulkan does not list fails the self-test with the engine's words")
    func namedDeviceMissing() throws {
        let (card, checks) = GraphicsCardSelfTest.run(request: .named("no-such-card"))
        #expect(checks.isEmpty && card.requestFailed)
        let report = SelfTest.run(cores: 2, graphicsCard: { _ in (card, checks) })
        #expect(!report.passed)
        #expect(report.messages.contains { $0.hasPrefix("The graphics card named with --device was not checked: No Vulkan device matches \"no-such-card\"") })
        #expect(SelfTestText.render(report, verbose: false).contains("[XX] graphics card: not checked. No Vulkan device matches"))
    }
}

extension Result {
    fileprivate var failure: Failure? {
        if case .failure(let error) = self { return error }
        return nil
    }
}
