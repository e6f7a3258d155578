// The channel that reads which card generations a CUDA library was compiled for: the fat binary
// reader on ELF files built here in the layout NVIDIA's compiler writes (section headers, a
// `.nv_fatbin` section of containers, entries of 64, 80 and 112 bytes as in CUDA 12.8 and 13 builds,
// the architecture at offset 28 where the public fat binary readers put it; a field at 32 holds
// something else, so reading the wrong one fails here),
// the real child `onramp cuda-architectures` on such a file written to disk, and its time-out as the
// probe records it.

import Foundation
import Probe
import Testing

/// Builds a small 64-bit ELF file with a `.nv_fatbin` section, as the CUDA compiler lays it out.
struct FatBinaryELF {
    /// One entry: kind 1 is PTX, 2 is machine code; `headerSize` 64, or 80/112 for Blackwell entries.
    struct Entry {
        var kind: UInt16
        var architecture: UInt32
        var headerSize: UInt32 = 64
        var payload: Int = 40
    }

    static func bytes(containers: [[Entry]], sectionName: String = ".nv_fatbin") -> [UInt8] {
        var fatbin: [UInt8] = []
        for entries in containers {
            var body: [UInt8] = []
            for entry in entries {
                let padded = (entry.payload + 7) & ~7
                var header = [UInt8](repeating: 0, count: Int(entry.headerSize))
                put(&header, 0, UInt64(entry.kind), 2)
                put(&header, 2, 0x0101, 2)
                put(&header, 4, UInt64(entry.headerSize), 4)
                put(&header, 8, UInt64(padded), 8)
                put(&header, 16, UInt64(entry.payload), 4)
                put(&header, 28, UInt64(entry.architecture), 4)
                put(&header, 32, 64, 4)  // where the entry's name starts, beside the architecture
                put(&header, 40, 0x11, 8)  // flags
                body += header + [UInt8](repeating: 0xAB, count: entry.payload) + [UInt8](repeating: 0, count: padded - entry.payload)
            }
            var header = [UInt8](repeating: 0, count: 16)
            put(&header, 0, 0xBA55_ED50, 4)
            put(&header, 4, 1, 2)
            put(&header, 6, 16, 2)
            put(&header, 8, UInt64(body.count), 8)
            fatbin += header + body
        }
        // Layout: ELF header, .text filler, the fat binary, the name table, then the section headers.
        let names = [UInt8]("\0.shstrtab\0.text\0\(sectionName)\0".utf8)
        let text = [UInt8](repeating: 0x90, count: 24)
        let textOffset = 64, fatOffset = textOffset + text.count, namesOffset = fatOffset + fatbin.count
        let tableOffset = (namesOffset + names.count + 7) & ~7
        var file = [UInt8](repeating: 0, count: 64)
        file.replaceSubrange(0..<6, with: [0x7F, 0x45, 0x4C, 0x46, 2, 1])
        file[6] = 1
        put(&file, 16, 3, 2)  // ET_DYN, a shared library
        put(&file, 18, 62, 2)  // x86-64
        put(&file, 0x28, UInt64(tableOffset), 8)
        put(&file, 0x34, 64, 2)
        put(&file, 0x3A, 64, 2)
        put(&file, 0x3C, 4, 2)
        put(&file, 0x3E, 1, 2)
        file += text + fatbin + names
        file += [UInt8](repeating: 0, count: tableOffset - file.count)
        func section(name: Int, type: UInt64, offset: Int, size: Int) -> [UInt8] {
            var bytes = [UInt8](repeating: 0, count: 64)
            put(&bytes, 0, UInt64(name), 4)
            put(&bytes, 4, type, 4)
            put(&bytes, 24, UInt64(offset), 8)
            put(&bytes, 32, UInt64(size), 8)
            return bytes
        }
        file += [UInt8](repeating: 0, count: 64)
        file += section(name: 1, type: 3, offset: namesOffset, size: names.count)
        file += section(name: 11, type: 1, offset: textOffset, size: text.count)
        file += section(name: 17, type: 1, offset: fatOffset, size: fatbin.count)
        return file
    }

    static func put(_ bytes: inout [UInt8], _ at: Int, _ value: UInt64, _ width: Int) {
        for index in 0..<width { bytes[at + index] = UInt8(truncatingIfNeeded: value >> (8 * UInt64(index))) }
    }

    static func reader(_ bytes: [UInt8]) -> (UInt64, Int) -> [UInt8]? {
        { offset, count in
            guard offset < UInt64(bytes.count) else { return [] }
            let start = Int(offset)
            return Array(bytes[start..<min(bytes.count, start + count)])
        }
    }
}

@Suite("Channel: the GPU architectures a CUDA library was compiled for")
struct CUDAArchitecturesTests {
    /// PyTorch 2.8's cu128 wheels: sm_70 … sm_120 (Pascal dropped), each compilation unit one container.
    static let torchCU128: [[FatBinaryELF.Entry]] = Array(repeating: [70, 75, 80, 86, 90].map { FatBinaryELF.Entry(kind: 2, architecture: $0) }
        + [FatBinaryELF.Entry(kind: 2, architecture: 100, headerSize: 112), FatBinaryELF.Entry(kind: 2, architecture: 120, headerSize: 112),
           FatBinaryELF.Entry(kind: 1, architecture: 120, headerSize: 80, payload: 13)], count: 3)

    @Test("machine code and PTX per architecture, across containers and the larger Blackwell entry headers")
    func readsArchitectures() throws {
        let bytes = FatBinaryELF.bytes(containers: Self.torchCU128)
        let read = try CUDAFatBinaryReader.architectures(read: FatBinaryELF.reader(bytes)).get()
        #expect(read.machineCode == [70, 75, 80, 86, 90, 100, 120])
        #expect(read.ptx == [120])
        #expect(read.text == "sm_70 sm_75 sm_80 sm_86 sm_90 sm_100 sm_120 compute_120")
        #expect(CUDAFatBinaryReader.Architectures(text: read.text) == read)
        // Ollama's cuda_v13 list as its own log prints it in ollama/ollama#17766 ("archs=[750 800 860 …]").
        let ollama = FatBinaryELF.bytes(containers: [[75, 80, 86, 87, 89, 90, 100, 103, 110, 120, 121].map {
            FatBinaryELF.Entry(kind: 2, architecture: $0, headerSize: $0 >= 100 ? 112 : 64)
        }])
        #expect(try CUDAFatBinaryReader.architectures(read: FatBinaryELF.reader(ollama)).get().machineCode
            == [75, 80, 86, 87, 89, 90, 100, 103, 110, 120, 121])
    }

    @Test("not an ELF file, an ELF file without CUDA code, a section of garbage, a file cut short")
    func refusesWhatItCannotRead() throws {
        #expect(CUDAFatBinaryReader.architectures(read: FatBinaryELF.reader(Array("#!/bin/sh\necho hi\n".utf8))) == .failure(.notELF))
        #expect(CUDAFatBinaryReader.architectures(read: FatBinaryELF.reader([])) == .failure(.notELF))
        let noCUDA = FatBinaryELF.bytes(containers: Self.torchCU128, sectionName: ".rodata_x")
        #expect(CUDAFatBinaryReader.architectures(read: FatBinaryELF.reader(noCUDA)) == .failure(.noFatBinary))
        var garbage = FatBinaryELF.bytes(containers: Self.torchCU128)
        garbage.replaceSubrange(88..<96, with: [1, 2, 3, 4, 5, 6, 7, 8])  // the first container's magic and version
        #expect(CUDAFatBinaryReader.architectures(read: FatBinaryELF.reader(garbage)) == .failure(.unknownLayout))
        let whole = FatBinaryELF.bytes(containers: Self.torchCU128)
        #expect(CUDAFatBinaryReader.architectures(read: FatBinaryELF.reader(Array(whole.prefix(200)))) == .failure(.noFatBinary))
        // A container whose size runs past the section: the entries read up to the section's end count.
        var overlong = whole
        FatBinaryELF.put(&overlong, 88 + 8, 1 << 40, 8)
        #expect(try CUDAFatBinaryReader.architectures(read: FatBinaryELF.reader(overlong)).get().machineCode.contains(70))
    }

    @Test("the child's lines read back; failures and odd lines are left out")
    func childLines() {
        let output = """
            /usr/local/lib/ollama/cuda_v13/libggml-cuda.so\tsm_75 sm_80 sm_89 compute_120
            /usr/local/lib/ollama/cuda_v12/libggml-cuda.so\t!unreadable
            not a path\tsm_61
            /x/libtorch_cuda.so\tsm_61 banana
            """
        let read = CUDAArchitectureListing.lines(output)
        #expect(read.count == 1)
        #expect(read["/usr/local/lib/ollama/cuda_v13/libggml-cuda.so"] == .init(machineCode: [75, 80, 89], ptx: [120]))
    }

    @Test("the real child reads a library on disk quickly and says which files it could not read")
    func realChild() throws {
        let folder = NSTemporaryDirectory() + "onramp-fatbin-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let library = folder + "/libtorch_cuda.so"
        try Data(FatBinaryELF.bytes(containers: Self.torchCU128)).write(to: URL(fileURLWithPath: library))
        try "#!/bin/sh\n".write(toFile: folder + "/script.sh", atomically: true, encoding: .utf8)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try RequiredTools.onramp())
        process.arguments = [CUDAArchitectureListing.subcommand, library, folder + "/missing.so", folder + "/script.sh"]
        let out = Pipe()
        process.standardOutput = out
        let clock = ContinuousClock()
        let start = clock.now
        try process.run()
        let stdout = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        #expect(clock.now - start < .seconds(2))
        #expect(stdout.split(separator: "\n") == [
            "\(library)\tsm_70 sm_75 sm_80 sm_86 sm_90 sm_100 sm_120 compute_120",
            "\(folder)/missing.so\t!unreadable", "\(folder)/script.sh\t!notELF",
        ])
        #expect(CUDAArchitectureListing.lines(stdout)[library]?.machineCode.first == 70)
    }
}
