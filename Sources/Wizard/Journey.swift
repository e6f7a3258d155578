// The three ways through the wizard the Welcome screen offers, and the steps each one takes.

public enum Journey: Int, CaseIterable, Hashable, Sendable {
    case setUp, troubleshoot, report

    public var title: String {
        switch self {
        case .setUp: "Set up"
        case .troubleshoot: "Troubleshoot"
        case .report: "Make a diagnostics report"
        }
    }

    /// The one-line promise shown next to the choice on the Welcome screen.
    public var promise: String {
        switch self {
        case .setUp: "get a model running"
        case .troubleshoot: "find out what is wrong"
        case .report: "a file for a bug report"
        }
    }

    public var steps: [Step] {
        switch self {
        case .setUp: [.scan, .checks, .recommend, .download, .selfTest, .finish]
        case .troubleshoot: [.scan, .checks]
        case .report: [.scan, .checks, .reportPreview]
        }
    }
}

public enum Step: String, Codable, Hashable, Sendable {
    case scan, checks, recommend, download, selfTest, reportPreview, finish

    public var title: String {
        switch self {
        case .scan: "Scan this computer"
        case .checks: "Check for problems"
        case .recommend: "Choose a model"
        case .download: "Download the model"
        case .selfTest: "Test the model on this computer"
        case .reportPreview: "Preview the report"
        case .finish: "Finish"
        }
    }

    /// What the step does, in a sentence, for its screen and its help.
    public var purpose: String {
        switch self {
        case .scan:
            "Onramp looks at this computer's processor, memory, disk space, graphics card and operating system."
        case .checks:
            "Onramp checks for problems that stop local models from working, such as missing drivers or too little memory, and shows the fix for each."
        case .recommend:
            "Onramp lists the models that fit this computer, best first, with the memory and speed to expect."
        case .download:
            "Onramp downloads the chosen model, can pause and resume, and verifies the file."
        case .selfTest:
            "Onramp checks every calculation it will use on this processor, then runs the model and measures its speed."
        case .reportPreview:
            "Onramp shows the report with personal details removed, so you can read it before saving it to a file."
        case .finish:
            "Onramp sums up what was done and what to type to start chatting with the model."
        }
    }
}
