// Reads which card generations a CUDA library was compiled for, from the fat binary NVIDIA's compiler
// puts in its `.nv_fatbin` ELF section: a run of containers (magic 0xBA55ED50, a 16-byte header with
// the size of what follows), each a list of entries whose header (64 bytes, more for Blackwell) gives
// the kind of code at 0 (1 PTX text, 2 machine code, "SASS"), its own size at 4, the padded size of the
// code after it at 8, and the architecture at 28 (61 for sm_61). The layout is NVIDIA's and not
// documented by it; the offsets are those the public re-implementations of cuobjdump agree on. Only the headers are read, never the code, so a 1 GB libtorch_cuda.so
// costs a few hundred small reads. `cuobjdump --list-elf` shows the same list where the CUDA toolkit is
// installed; most machines that run Ollama or PyTorch do not have it.

public enum CUDAFatBinaryReader {
    /// The architectures in one library: machine code runs on cards of the same major generation from
    /// that minor on (sm_80 code runs on an 8.6 card); PTX is compiled by the driver for that generation
    /// or any newer one.
    public struct Architectures: Equatable, Sendable {
        /// `sm_XY` entries as numbers (61, 86, 120), sorted.
        public var machineCode: [Int]
        /// `compute_XY` (PTX) entries as numbers, sorted.
        public var ptx: [Int]

        public init(machineCode: [Int], ptx: [Int]) {
            self.machineCode = machineCode
            self.ptx = ptx
        }

        /// `sm_61 sm_86 compute_90`: the form the child prints and the probe records.
        public var text: String {
            (machineCode.map { "sm_\($0)" } + ptx.map { "compute_\($0)" }).joined(separator: " ")
        }

        /// Reads `text` back; nil when a word is neither `sm_N` nor `compute_N`.
        public init?(text: String) {
            var machineCode: [Int] = [], ptx: [Int] = []
            for word in text.split(separator: " ") {
                if word.hasPrefix("sm_"), let number = Int(word.dropFirst(3)) {
                    machineCode.append(number)
                } else if word.hasPrefix("compute_"), let number = Int(word.dropFirst(8)) {
                    ptx.append(number)
                } else {
                    return nil
                }
            }
            self.init(machineCode: machineCode.sorted(), ptx: ptx.sorted())
        }
    }

    /// Why a library's architectures could not be read.
    public enum Failure: Error, Equatable, Sendable {
        /// Not a 64-bit little-endian ELF file.
        case notELF
        /// An ELF file without CUDA code.
        case noFatBinary
        /// The section is there but holds no container this reader knows.
        case unknownLayout
        case unreadable
    }

    static let containerMagic: UInt32 = 0xBA55_ED50
    /// Reading stops after this many containers; each compilation unit is one container and they are
    /// all built with the same list, so the first few hundred say it (libtorch_cuda has thousands).
    static let containerLimit = 400
    static let entryLimit = 20_000

    /// The architectures of the ELF file that `read(offset, count)` gives access to (it returns fewer
    /// bytes, or nil, past the end or on an error).
    public static func architectures(read: (UInt64, Int) -> [UInt8]?) -> Result<Architectures, Failure> {
        guard let elf = read(0, 64) else { return .failure(.unreadable) }
        // "\u{7f}ELF", 64-bit (class 2), little-endian (data 1).
        guard elf.count == 64, elf[0] == 0x7F, elf[1] == 0x45, elf[2] == 0x4C, elf[3] == 0x46, elf[4] == 2, elf[5] == 1
        else { return .failure(.notELF) }
        guard let section = fatBinarySection(elf: elf, read: read) else { return .failure(.noFatBinary) }
        var machineCode = Set<Int>(), ptx = Set<Int>()
        var position = section.offset
        let end = section.offset + section.size
        var containers = 0, entries = 0
        while position + 16 <= end, containers < containerLimit {
            guard let header = read(position, 16), header.count == 16, le32(header, 0) == containerMagic else { break }
            let headerSize = UInt64(le16(header, 6))
            let containerEnd = position + max(headerSize, 16) + le64(header, 8)
            var entry = position + max(headerSize, 16)
            while entry + 64 <= min(containerEnd, end), entries < entryLimit {
                guard let fields = read(entry, 64), fields.count == 64 else { break }
                let entrySize = UInt64(le32(fields, 4))
                guard entrySize >= 64 else { break }
                let architecture = Int(le32(fields, 28))
                switch le16(fields, 0) {
                case 1: ptx.insert(architecture)
                case 2, 0x10: machineCode.insert(architecture)
                default: break
                }
                entries += 1
                entry += entrySize + le64(fields, 8)
            }
            containers += 1
            position = containerEnd
        }
        guard containers > 0, !(machineCode.isEmpty && ptx.isEmpty) else { return .failure(.unknownLayout) }
        return .success(Architectures(machineCode: machineCode.sorted(), ptx: ptx.sorted()))
    }

    /// Offset and size of the `.nv_fatbin` section, from the section headers and their name table.
    static func fatBinarySection(elf: [UInt8], read: (UInt64, Int) -> [UInt8]?) -> (offset: UInt64, size: UInt64)? {
        let tableOffset = le64(elf, 0x28)
        let entrySize = Int(le16(elf, 0x3A)), count = Int(le16(elf, 0x3C)), namesIndex = Int(le16(elf, 0x3E))
        guard entrySize >= 64, count > 0, count < 65_536, namesIndex < count,
              let table = read(tableOffset, entrySize * count), table.count == entrySize * count else { return nil }
        func field64(_ index: Int, _ offset: Int) -> UInt64 { le64(table, index * entrySize + offset) }
        let namesOffset = field64(namesIndex, 24), namesSize = field64(namesIndex, 32)
        guard namesSize > 0, namesSize < 1 << 24, let names = read(namesOffset, Int(namesSize)), names.count == Int(namesSize)
        else { return nil }
        let wanted = Array(".nv_fatbin".utf8) + [0]
        for index in 0..<count {
            let name = Int(le32(table, index * entrySize))
            guard name + wanted.count <= names.count, Array(names[name..<name + wanted.count]) == wanted else { continue }
            return (field64(index, 24), field64(index, 32))
        }
        return nil
    }

    static func le16(_ bytes: [UInt8], _ at: Int) -> UInt16 {
        UInt16(bytes[at]) | UInt16(bytes[at + 1]) << 8
    }

    static func le32(_ bytes: [UInt8], _ at: Int) -> UInt32 {
        (0..<4).reduce(0) { $0 | UInt32(bytes[at + $1]) << (8 * $1) }
    }

    static func le64(_ bytes: [UInt8], _ at: Int) -> UInt64 {
        (0..<8).reduce(0) { $0 | UInt64(bytes[at + $1]) << (8 * $1) }
    }
}
