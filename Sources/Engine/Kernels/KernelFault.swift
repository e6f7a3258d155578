// A deliberate fault for tests: makes one weight type's product on one kernel path wrong, as a
// miscompiled kernel reading a wrong block scale would, so tests can prove the self-test
// catches a broken path and falls back. Internal on purpose: only code built with testing
// enabled can reach it (`@testable import Engine`); no flag, file or environment variable can
// switch it on in the shipped program. The fault is a task-local value, so it touches only
// products computed on the calling task's own thread: tests running in parallel (and worker
// pool threads) never see it.
import Synchronization

enum KernelFault {
    struct Damage: Sendable {
        let type: GGMLType
        let path: KernelPath
    }

    @TaskLocal static var current: Damage? = nil

    /// How many `inject` scopes are open anywhere; while 0 the hot path pays one relaxed load.
    private static let armed = Atomic<Int>(0)

    /// Runs `body` with every product of `type` on `path` (on this task's thread) wrong.
    static func inject<T>(type: GGMLType, path: KernelPath, _ body: () throws -> T) rethrows -> T {
        armed.add(1, ordering: .relaxed)
        defer { armed.subtract(1, ordering: .relaxed) }
        return try $current.withValue(Damage(type: type, path: path)) { try body() }
    }

    /// What a wrong scale does to a row: 1/16 too large.
    static let factor: Float = 1.0625

    @inline(__always)
    static func damage(type: GGMLType, path: KernelPath, rows: Range<Int>, batch: Int, y: UnsafeMutablePointer<Float>, yStride: Int) {
        guard armed.load(ordering: .relaxed) != 0, let damage = current, damage.type == type, damage.path == path else { return }
        for b in 0..<batch {
            for r in rows { y[b * yStride + r] *= factor }
        }
    }
}
