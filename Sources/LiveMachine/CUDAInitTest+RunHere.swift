// The CUDA initialisation test: load the driver's libcuda through the dynamic linker, call cuInit and
// count devices, as every CUDA program does first. It runs in a child process (`onramp gpu-init-test
// cuda`, started by the probe with a time-out), so a driver that crashes or hangs takes down only
// the child. nvidia-smi talks to the driver through NVML and can work while this fails (a broken
// nvidia_uvm after resume from suspend).

#if canImport(Glibc)
import Glibc
#endif
import Probe

extension CUDAInitTest {
    /// Runs the test in this process and returns what to print and the exit status.
    public static func runHere(library: String = "libcuda.so.1") -> (output: String, status: Status) {
        guard let handle = dlopen(library, RTLD_NOW | RTLD_LOCAL) else {
            let reason = dlerror().map { String(cString: $0) } ?? "not found"
            return ("library: missing (\(reason))\n", .libraryMissing)
        }
        typealias Init = @convention(c) (UInt32) -> Int32
        typealias GetInt = @convention(c) (UnsafeMutablePointer<Int32>) -> Int32
        typealias ErrorName = @convention(c) (Int32, UnsafeMutablePointer<UnsafePointer<CChar>?>) -> Int32
        guard let initSymbol = dlsym(handle, "cuInit"), let countSymbol = dlsym(handle, "cuDeviceGetCount") else {
            return ("library: \(library) has no cuInit\n", .libraryMissing)
        }
        var output = "library: \(library)\n"
        if let versionSymbol = dlsym(handle, "cuDriverGetVersion") {
            var version: Int32 = 0
            if unsafeBitCast(versionSymbol, to: GetInt.self)(&version) == 0 { output += "driver-api: \(version)\n" }
        }
        let result = unsafeBitCast(initSymbol, to: Init.self)(0)
        var name = "?"
        if let nameSymbol = dlsym(handle, "cuGetErrorName") {
            var text: UnsafePointer<CChar>?
            if unsafeBitCast(nameSymbol, to: ErrorName.self)(result, &text) == 0, let text { name = String(cString: text) }
        }
        output += "cuInit: \(result) \(name)\n"
        guard result == 0 else { return (output, .initFailed) }
        var count: Int32 = 0
        let countResult = unsafeBitCast(countSymbol, to: GetInt.self)(&count)
        output += countResult == 0 ? "devices: \(count)\n" : "cuDeviceGetCount: \(countResult)\n"
        return (output, countResult == 0 ? .initialised : .initFailed)
    }
}
