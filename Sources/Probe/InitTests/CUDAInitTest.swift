// The CUDA initialisation test as the probe knows it: how it is started, how long it gets, what its
// exit statuses mean. It runs in a child process (`onramp gpu-init-test cuda`, started by the probe
// with a time-out), so a driver that crashes or hangs takes down only the child. The test itself,
// which loads the driver's library, lives with the other live-machine code (LiveMachine's
// `CUDAInitTest.runHere`).

public enum CUDAInitTest {
    /// How the probe starts the test: the running onramp program itself, so replays match on one argv.
    public static let argv = [GPUInitTestProgram.path, GPUInitTestProgram.subcommand, "cuda"]
    /// The same command as a person would type it, for lists of what the probe ran.
    public static let shownArgv = ["onramp", GPUInitTestProgram.subcommand, "cuda"]
    /// cuInit on a large machine can take seconds (driver state set up for every card).
    public static let timeout: Duration = .seconds(10)

    /// Exit statuses of the child, which `CUDAInitReader` reads back with its output.
    public enum Status: Int32 {
        case initialised = 0
        case initFailed = 1
        case libraryMissing = 2
    }
}

/// The child process the probe starts for initialisation tests.
public enum GPUInitTestProgram {
    /// The program running now, whatever its path: the same argv on every machine.
    public static let path = "/proc/self/exe"
    /// The hidden `onramp` subcommand that runs a test.
    public static let subcommand = "gpu-init-test"
}
