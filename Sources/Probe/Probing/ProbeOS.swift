// The operating-system area: distro from os-release, kernel release, C library version.

extension ProbeSession {
    func probeOS() {
        var os = OSFacts()
        if let release = text("/etc/os-release") ?? text("/usr/lib/os-release") {
            OSReleaseReader.read(release, into: &os)
        }
        os.kernelRelease = line("/proc/sys/kernel/osrelease")
        if let result = runTool("getconf", ["GNU_LIBC_VERSION"]), result.succeeded {
            // "glibc 2.36"
            os.glibcVersion = result.stdout.split(whereSeparator: \.isWhitespace).last.flatMap { String($0).leadingVersion }
        }
        os.suspendsSinceBoot = line("/sys/power/suspend_stats/success").flatMap { Int($0) }
        facts.os = os
    }
}
