// A corpus case probed through a recorder, written out as a new profile and probed again from that
// copy: what a channel's capture-and-replay test compares.

import Foundation
@testable import Probe

enum ProfileRoundTrip {
    /// The facts gathered while recording the case at `folder`, and those replayed from the copy.
    static func facts(ofCaseAt folder: String, description: String) throws -> (recorded: MachineFacts, replayed: MachineFacts) {
        let original = try ReplaySystem(folder: folder)
        let recorder = RecordingSystem(recording: original)
        let recorded = Prober(source: recorder).gather()
        let copy = try TemporaryFolder()
        try ProfileWriter.write(
            recorder.recording, to: copy.path + "/copy", description: description,
            redactor: Redactor(userName: nil, homeFolder: nil, hostName: nil), describe: original.fileInfo)
        let replayed = Prober(source: try ReplaySystem(folder: copy.path + "/copy")).gather()
        return (recorded, replayed)
    }
}
