// The wizard's Report step, made by the same code as `onramp report`: the scan's facts, the
// machine's identity (whose names to replace) read from the same source, and the same input for
// this computer or a profile, so the saved file equals what `onramp report --out` writes.

import Foundation
import LiveMachine
import Probe
import Report
import Wizard

enum WizardReport {
    static func services(profile: String?) -> ReportServices {
        ReportServices(
            make: { facts in
                var source: any SystemSource = LiveSystem()
                if let profile {
                    do throws(ProfileError) {
                        source = try ReplaySystem(folder: profile)
                    } catch {
                        return .failure(ServiceProblem(error.message))
                    }
                }
                let identity = MachineIdentity.read(from: source)
                let report = ReportBuilder.build(ReportCommand.input(facts: facts, identity: identity, profile: profile))
                return .success(ReportDraft(markdown: ReportMarkdown.render(report), redactions: ReportMarkdown.redactionLine(report.redactions)))
            },
            savePath: { ReportServices.defaultPathHere() })
    }
}
