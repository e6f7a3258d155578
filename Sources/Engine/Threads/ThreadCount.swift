// How many threads the engine computes with when nobody says: one per physical core (matrix
// products scale with cores, not with hyper-threads), never more than the CPUs this process may
// use. The numbers are the caller's: `onramp` reads them through Probe, so the engine itself
// reads no machine files and runs the same on a replayed profile.

public enum ThreadCount {
    /// Physical cores when known, else logical ones, capped by `usableCPUs` (the scheduler's
    /// affinity mask or a container's limit); at least 1.
    public static func forMachine(physicalCores: Int?, logicalCores: Int?, usableCPUs: Int) -> Int {
        let usable = max(1, usableCPUs)
        guard let cores = physicalCores ?? logicalCores, cores > 0 else { return usable }
        return min(cores, usable)
    }
}
