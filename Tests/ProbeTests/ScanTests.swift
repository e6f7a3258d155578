// The probe as a stream for the Scan screen: every area once, in order, ending with the full facts.

import Testing
@testable import Probe

@Suite("Scanning area by area")
struct ScanTests {
    @Test("a scan reports every area once, in order, and ends with the same facts as a plain probe")
    func scanStream() async throws {
        let folder = ProfileReplayTests.profilesFolder + "/desktop-rtx3060-ubuntu2204"
        let prober = Prober(source: try ReplaySystem(folder: folder))
        var areas: [ProbeArea] = []
        var last: ScanUpdate?
        for await update in prober.scan() {
            areas.append(update.area)
            last = update
        }
        #expect(areas == ProbeArea.allCases)
        #expect(last?.isFinished == true)
        #expect(last?.facts == prober.gather())
    }
}
