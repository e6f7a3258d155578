// What the CUDA initialisation test in a child process found (see `CUDAInitTest`).

public struct CUDAInitFacts: Codable, Sendable, Equatable {
    /// cuInit's result: 0 is success; 999 is CUDA_ERROR_UNKNOWN, 100 CUDA_ERROR_NO_DEVICE.
    public var result: Int?
    /// Its name from the driver (`CUDA_ERROR_UNKNOWN`).
    public var errorName: String?
    /// Devices CUDA counts after a successful cuInit.
    public var devices: Int?
    /// CUDA driver API version (`12040` is 12.4).
    public var driverAPIVersion: Int?
    /// The child did not finish within its time-out (a hung driver).
    public var timedOut: Bool
    /// The child ended by a signal (a crash inside the driver library).
    public var crashed: Bool

    public init(
        result: Int? = nil, errorName: String? = nil, devices: Int? = nil, driverAPIVersion: Int? = nil,
        timedOut: Bool = false, crashed: Bool = false
    ) {
        self.result = result
        self.errorName = errorName
        self.devices = devices
        self.driverAPIVersion = driverAPIVersion
        self.timedOut = timedOut
        self.crashed = crashed
    }

    public var succeeded: Bool { result == 0 && !timedOut && !crashed }
}
