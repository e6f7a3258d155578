// `onramp run` with the model on the graphics card, as a user runs it: the real binary on the
// real test model and this machine's Vulkan (lavapipe, named with --device because the automatic
// choice never takes a software renderer), and what it says when the card cannot be used.

import Foundation
import Testing
import TestSupport

@Suite("onramp run on the graphics card (--device, --gpu-layers)", .onOwnThread)
struct GPUOffloadCommandTests {
    static let prompt = ["-p", "The capital of France is", "-n", "12", "--temp", "0", "--threads", "2"]

    // The card multiplies unquantised activations where the processor quantises them to 8 bits
    // (as llama.cpp does), so greedy texts may part at a close call; VulkanBackendTests compares
    // the logits themselves. Here: the first words, and what the command says.
    @Test("run --device llvmpipe computes every layer there and answers as the processor does")
    func everyLayer() throws {
        let processor = try runOnramp(["run", RunCommandTests.model] + Self.prompt + ["--gpu-layers", "0"])
        #expect(processor.status == 0, "\(processor.stderr)")
        #expect(!processor.stderr.contains("graphics") && !processor.stderr.contains("Computing"), "\(processor.stderr)")
        let card = try runOnramp(["run", RunCommandTests.model, "--device", "llvmpipe"] + Self.prompt)
        #expect(card.status == 0, "\(card.stderr)")
        #expect(card.stderr.contains("Computing all 30 layers and the output on llvmpipe"), "\(card.stderr)")
        #expect(processor.stdout.hasPrefix(" Paris.\n\nThe "))
        #expect(card.stdout.hasPrefix(" Paris.\n\nThe "), "\(card.stdout)")
    }

    @Test("--gpu-layers 15 puts half of the layers on the card and says so")
    func halfTheLayers() throws {
        let run = try runOnramp(["run", RunCommandTests.model, "--device", "llvmpipe", "--gpu-layers", "15"] + Self.prompt)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.contains("Computing 15 of 30 layers (the rest on the processor) on llvmpipe"), "\(run.stderr)")
        #expect(run.stdout.hasPrefix(" Paris."))
    }

    @Test("without a Vulkan loader the model runs on the processor, and the line says why and what to install")
    func noLoader() throws {
        let run = try runOnramp(["run", RunCommandTests.model, "--device", "llvmpipe"] + Self.prompt,
                                environment: ["ONRAMP_VULKAN_LOADER": "/nonexistent/libvulkan.so.1"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.contains("Using the processor: Vulkan is not installed: the Vulkan loader (/nonexistent/libvulkan.so.1) could not be opened."), "\(run.stderr)")
        #expect(run.stderr.contains("sudo apt install libvulkan1 mesa-vulkan-drivers"))
        #expect(run.stdout.hasPrefix(" Paris."))
    }

    @Test("with Vulkan but no driver for any device the model runs on the processor and says so")
    func noDevice() throws {
        // The loader's own variables point it at a driver list that does not exist: a machine
        // with the loader installed and no driver.
        let run = try runOnramp(["run", RunCommandTests.model, "--device", "llvmpipe"] + Self.prompt,
                                environment: ["VK_ICD_FILENAMES": "/nonexistent/icd.json", "VK_DRIVER_FILES": "/nonexistent/icd.json"])
        #expect(run.status == 0, "\(run.stderr)")
        let line = run.stderr.split(separator: "\n").first { $0.hasPrefix("Using the processor: ") }.map(String.init) ?? ""
        #expect(line.contains("found no driver") || line.contains("lists none"), "\(run.stderr)")
        #expect(run.stdout.hasPrefix(" Paris."))
    }

    @Test("without --device or --gpu-layers a machine whose only device is software says nothing about it")
    func automaticIsQuietWithoutACard() throws {
        let run = try runOnramp(["run", RunCommandTests.model] + Self.prompt)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(!run.stderr.contains("Using the processor") && !run.stderr.contains("Computing"), "\(run.stderr)")
    }

    @Test("bench --json names the card and its layers, as llama-bench names its backend and -ngl; without a card neither")
    func benchSaysWhere() throws {
        let arguments = ["bench", RunCommandTests.model, "-p", "8", "-n", "2", "-r", "1", "--threads", "2", "--json"]
        let card = try runOnramp(arguments + ["--device", "llvmpipe", "--gpu-layers", "4"])
        #expect(card.status == 0, "\(card.stderr)")
        let items = try #require(try JSONSerialization.jsonObject(with: Data(card.stdout.utf8)) as? [[String: Any]])
        #expect(items.map { $0["test"] as? String } == ["pp8", "tg2"])
        #expect(items.allSatisfy { ($0["device"] as? String)?.hasPrefix("llvmpipe") == true && $0["gpu_layers"] as? Int == 4 }, "\(card.stdout)")
        let processor = try runOnramp(arguments + ["--gpu-layers", "0"])
        #expect(processor.status == 0, "\(processor.stderr)")
        let plain = try #require(try JSONSerialization.jsonObject(with: Data(processor.stdout.utf8)) as? [[String: Any]])
        #expect(plain.count == 2 && plain.allSatisfy { $0["device"] == nil && $0["gpu_layers"] == nil })
    }

    @Test("--gpu-layers below 0 is a usage error")
    func negativeLayers() throws {
        let run = try runOnramp(["run", RunCommandTests.model, "--gpu-layers=-1"] + Self.prompt)
        #expect(run.status == 64, "\(run.stderr)")
        #expect(run.stderr.contains("--gpu-layers must be 0 or more."), "\(run.stderr)")
    }
}
