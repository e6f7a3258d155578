// Turns SIGWINCH, SIGCONT, SIGINT, SIGTERM and SIGHUP into bytes on a pipe, so the run loop sees them
// however busy it is and whichever thread the kernel picked to deliver them.
#if canImport(Glibc)
import Glibc
#endif

/// The write end used inside the signal handler. A handler can capture nothing, so it reads this
/// global; it is set once before any handler is installed and only read afterwards.
nonisolated(unsafe) private var signalPipeWriteEnd: Int32 = -1

enum SignalPipe {
    static let watched: [Int32] = [SIGWINCH, SIGCONT, SIGINT, SIGTERM, SIGHUP]

    /// Installs the handlers (once) and returns the read end; nil when no pipe could be made.
    /// Installed before ncurses starts, so ncurses keeps its hands off these signals
    /// (it only catches the ones still at their default) and the loop decides what they mean.
    static func install() -> Int32? {
        if let readEnd = installed { return readEnd }
        guard let ends = FileDescriptors.nonBlockingPipe() else { return nil }
        signalPipeWriteEnd = ends.write
        for signal in watched {
            _ = Glibc.signal(signal) { number in
                var byte = UInt8(truncatingIfNeeded: number)
                // write(2) is async-signal-safe; nothing else happens in here.
                _ = Glibc.write(signalPipeWriteEnd, &byte, 1)
            }
        }
        installed = ends.read
        return ends.read
    }

    /// Puts the default handlers back, so a later crash or Ctrl-C behaves as usual.
    static func uninstall() {
        for signal in watched {
            _ = Glibc.signal(signal, SIG_DFL)
        }
    }

    nonisolated(unsafe) private static var installed: Int32?
}
