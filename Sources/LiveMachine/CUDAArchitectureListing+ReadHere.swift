// Reads the fat binary headers of CUDA libraries on this machine with positioned reads, for the child
// `onramp cuda-architectures PATH…` (see CUDAArchitectureListing in Probe).

#if canImport(Glibc)
import Glibc
#endif
import Probe

extension CUDAArchitectureListing {
    /// The child's output for `paths`: one line per library.
    public static func readHere(paths: [String]) -> String {
        paths.map { line(path: $0, result: architectures(ofFile: $0)) + "\n" }.joined()
    }

    static func architectures(ofFile path: String) -> Result<CUDAFatBinaryReader.Architectures, CUDAFatBinaryReader.Failure> {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return .failure(.unreadable) }
        defer { close(descriptor) }
        return CUDAFatBinaryReader.architectures { offset, count in
            guard count > 0, count <= 1 << 24, offset <= UInt64(Int64.max) else { return nil }
            var bytes = [UInt8](repeating: 0, count: count)
            let got = bytes.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, count, off_t(offset)) }
            guard got >= 0 else { return nil }
            return Array(bytes.prefix(got))
        }
    }
}
