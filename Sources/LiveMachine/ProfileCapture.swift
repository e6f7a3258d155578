// `onramp probe --capture DIR`: probe the live machine through a recorder, write the profile, then
// replay it once to store the golden facts beside it (so the folder proves it replays).

import Foundation
import Probe

public enum ProfileCapture {
    /// Returns the live facts; writes DIR/profile.json, system.json, fs/, commands/ and facts.json.
    public static func capture(
        to folder: String, live: LiveSystem = LiveSystem(), timeout: Duration = .seconds(3)
    ) throws(ProfileError) -> MachineFacts {
        let recorder = RecordingSystem(recording: live)
        let facts = Prober(source: recorder, timeout: timeout).gather()
        let recording = recorder.recording
        var identity = MachineIdentity.read(from: live)
        identity.userName = recording.user?.name ?? identity.userName
        let redactor = Redactor(identity)
        try ProfileWriter.write(
            recording, to: folder, description: "Captured with onramp probe --capture",
            redactor: redactor, describe: live.fileInfo
        )
        let replayed = Prober(source: try ReplaySystem(folder: folder)).gather()
        do {
            try Data(replayed.jsonText().utf8).write(to: URL(fileURLWithPath: folder + "/facts.json"))
        } catch {
            throw ProfileError("Could not write \(folder)/facts.json: \(error.localizedDescription).")
        }
        return facts
    }
}
