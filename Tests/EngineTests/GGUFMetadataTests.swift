// Typed metadata access: any integer width, range checks, optional keys, and clear refusals.
import Testing
@testable import Engine

@Suite("GGUF metadata")
struct GGUFMetadataTests {
    func open(_ build: (inout GGUFTestImage) -> Void) throws -> GGUFFile {
        var image = GGUFTestImage()
        build(&image)
        return try GGUFFile(bytes: image.bytes, name: "settings.gguf")
    }

    @Test("keys keep file order and values keep their type")
    func orderAndTypes() throws {
        let file = try open {
            $0.add("z.first", u32: 7)
            $0.add("a.second", string: "héllo")
            $0.add("m.third", bool: true)
        }
        #expect(file.metadata.keys == ["z.first", "a.second", "m.third"])
        #expect(file.metadata["z.first"] == .uint32(7))
        #expect(file.metadata["a.second"] == .string("héllo"))
        #expect(file.metadata["m.third"] == .bool(true))
        #expect(file.tensors.isEmpty)
        #expect(file.version == 3)
    }

    @Test("integer() reads any integer width and refuses what does not fit in Int")
    func integers() throws {
        let file = try open {
            $0.add("small", i8: -5)
            $0.add("big", i64: 1 << 40)
            $0.add("huge", u64: UInt64.max)
            $0.add("text", string: "12")
        }
        #expect(try file.metadata.integer("small") == -5)
        #expect(try file.metadata.integer("big") == 1 << 40)
        #expect(throws: GGUFError.self) { try file.metadata.integer("huge") }
        let wrongType = #expect(throws: GGUFError.self) { try file.metadata.integer("text") }
        #expect(wrongType?.problem == .wrongMetadataType)
        #expect(wrongType?.message.contains("'text' should be a whole number but is of type str") == true)
        let missing = #expect(throws: GGUFError.self) { try file.metadata.integer("absent") }
        #expect(missing?.problem == .missingMetadata)
        #expect(missing?.message.contains("'settings.gguf' has no 'absent' setting") == true)
        #expect(try file.metadata.integerIfPresent("absent") == nil)
    }

    @Test("floats come from f32, f64 or whole numbers; lists convert element-wise")
    func floatsAndLists() throws {
        let file = try open {
            $0.add("double", f64: 0.25)
            $0.add("whole", u32: 3)
            $0.add("shorts", u16s: [1, 2, 65535])
            $0.add("doubles", f64s: [0.5, -1])
            $0.add("too.big", u64s: [1, UInt64.max])
            $0.add("flag", bool: false)
        }
        #expect(try file.metadata.float("double") == 0.25)
        #expect(try file.metadata.float("whole") == 3)
        #expect(try file.metadata.integerArray("shorts") == [1, 2, 65535])
        #expect(try file.metadata.floatArray("doubles") == [0.5, -1])
        #expect(try file.metadata.bool("flag") == false)
        #expect(throws: GGUFError.self) { try file.metadata.integerArray("too.big") }
        #expect(throws: GGUFError.self) { try file.metadata.float("flag") }
        #expect(throws: GGUFError.self) { try file.metadata.stringArray("shorts") }
        #expect(try file.metadata.floatArrayIfPresent("absent") == nil)
        #expect(file.metadata["shorts"]?.typeName == "arr[u16]")
    }

    @Test("version 2 files and custom power-of-two alignments are read")
    func versionTwoAndAlignment() throws {
        var image = GGUFTestImage()
        image.version = 2
        image.alignment = 64
        image.add("general.alignment", u32: 64)
        image.tensors = [("a", [32], 0, 0), ("b", [8, 2], 0, 128)]
        image.dataBytes = 128 + 64
        let file = try GGUFFile(bytes: image.bytes, name: "aligned.gguf")
        #expect(file.version == 2 && file.alignment == 64)
        #expect(file.dataOffset % 64 == 0)
        let b = try #require(file.tensor(named: "b"))
        #expect(b.offset == file.dataOffset + 128 && b.byteCount == 64 && b.rowLength == 8 && b.rowCount == 2)
        #expect(file.bytes(of: b).first == 128)
    }

    @Test("zero-element tensors are allowed and take no room")
    func emptyTensor() throws {
        var image = GGUFTestImage()
        image.tensors = [("empty", [0, 4], 0, 0), ("one", [8], 0, 0)]
        image.dataBytes = 32
        let file = try GGUFFile(bytes: image.bytes)
        #expect(file.tensor(named: "empty")?.byteCount == 0)
        #expect(file.bytes(of: try #require(file.tensor(named: "one"))).count == 32)
    }

    @Test("sizes in messages read like people write them")
    func numberText() {
        #expect(ByteCountText.count(91_234_560) == "91,234,560")
        #expect(ByteCountText.count(-1234) == "-1,234")
        #expect(ByteCountText.count(999) == "999")
        #expect(ByteCountText.size(88_100_000) == "88.1 MB")
        #expect(ByteCountText.size(999) == "999 bytes")
        #expect(ByteCountText.size(999_960) == "1.0 MB")
        #expect(ByteCountText.size(98_362_432) == "98.4 MB")
    }

    @Test("a missing file, a folder and an unreadable path are refused with the reason")
    func openingProblems() {
        let missing = #expect(throws: GGUFError.self) { try GGUFFile(path: "/nonexistent/model.gguf") }
        #expect(missing?.problem == .cannotOpen)
        #expect(missing?.message.contains("there is no file at that path") == true)
        let folder = #expect(throws: GGUFError.self) { try GGUFFile(path: "/tmp") }
        #expect(folder?.problem == .cannotOpen)
        #expect(folder?.message.contains("not a regular file") == true)
    }
}

@Suite("Files written by the gguf package")
struct GGUFReferenceWriterTests {
    @Test("every value type written by gguf's GGUFWriter reads back as the gguf package reads it")
    func everyValueType() throws {
        let file = try GGUFFile(path: GGUFTestFiles.hostileFolder.appendingPathComponent("all-value-types.gguf").path)
        let m = file.metadata
        #expect(m["general.architecture"] == .string("valuetypes"))
        #expect(m["t.u8"] == .uint8(200))
        #expect(m["t.i8"] == .int8(-100))
        #expect(m["t.u16"] == .uint16(60000))
        #expect(m["t.i16"] == .int16(-30000))
        #expect(m["t.u32"] == .uint32(4_000_000_000))
        #expect(m["t.i32"] == .int32(-2_000_000_000))
        #expect(m["t.f32"] == .float32(1.5))
        #expect(m["t.u64"] == .uint64(9_223_372_036_854_775_813))
        #expect(m["t.i64"] == .int64(-4_611_686_018_427_387_904))
        #expect(m["t.f64"] == .float64(3.25))
        #expect(m["t.bool"] == .bool(true))
        #expect(m["t.str"] == .string("héllo wörld ✓"))
        #expect(m["t.arr.u8"] == .array(.uint8([1, 2, 255])))
        #expect(m["t.arr.i16"] == .array(.int16([-1, 2])))
        #expect(m["t.arr.i64"] == .array(.int64([-1_099_511_627_776, 7])))
        #expect(m["t.arr.f64"] == .array(.float64([0.5, -2])))
        #expect(m["t.arr.bool"] == .array(.bool([true, false, true])))
        #expect(m["t.arr.str"] == .array(.string(["a", "", "✓"])))
        #expect(m.count == 19)
        #expect(file.tensor(named: "small.f32") == GGUFTensorInfo(name: "small.f32", shape: [4, 2], type: .f32, offset: 704, byteCount: 32))
        #expect(file.tensor(named: "small.f16") == GGUFTensorInfo(name: "small.f16", shape: [3], type: .f16, offset: 736, byteCount: 6))
        let values = file.bytes(of: try #require(file.tensor(named: "small.f32")))
        #expect((0..<8).map { values.loadUnaligned(fromByteOffset: $0 * 4, as: Float.self) } == [0, 1, 2, 3, 4, 5, 6, 7])
    }
}
