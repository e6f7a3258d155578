// The --json document: the keys docs/doctor.md promises, with the fix for this machine's family.

import Foundation
import Testing
@testable import Doctor

@Suite("JSON report")
struct JSONReportTests {
    @Test("the JSON has schema version 1, every area, and each finding with its fix steps and action")
    func document() throws {
        let facts = nvidiaMachine { $0.drivers.nvidia.uvmLoaded = false; $0.os.distroID = "fedora"; $0.os.distroFamily = [] }
        let text = try JSONReport.render(CheckRunner().examine(facts), onrampVersion: "9.9", profile: nil)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(object["schemaVersion"] as? Int == 1)
        #expect(object["distroFamily"] as? String == "dnf")
        #expect(object["status"] as? String == "error")
        #expect(object["exitStatus"] as? Int == 1)
        #expect(object["profile"] == nil)
        #expect((object["areas"] as? [[String: Any]])?.map { $0["id"] as? String } == Area.allCases.map(\.rawValue))
        let findings = try #require(object["findings"] as? [[String: Any]])
        #expect(findings.count == 1)
        let finding = findings[0]
        #expect(Set(finding.keys) == ["id", "area", "severity", "title", "explanation", "evidence", "fix", "action"])
        #expect((finding["fix"] as? [[String: String]])?.first == ["kind": "command", "text": "sudo modprobe nvidia_uvm"])
        let action = try #require(finding["action"] as? [String: Any])
        #expect(action["commands"] as? [[String]] == [["modprobe", "nvidia_uvm"]])
        #expect(action["needsRoot"] as? Bool == true)
        #expect(action["afterwards"] as? String == "nothing")
        #expect((object["counts"] as? [String: Int]) == ["error": 1, "warning": 0, "info": 0])
    }
}
