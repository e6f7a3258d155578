// The doctor on the corpus of real broken machines in profiles/cases/: every case marked
// "diagnosed" passes (right top finding, working fix); every other case is scored as failing, so a
// case that needs a channel the probe lacks, or a check that is still wrong, is never counted as
// passing; a case that starts passing must be marked "diagnosed".

import Foundation
import Probe
import Testing
import TestSupport
@testable import Doctor

@Suite("The doctor on the corpus of real cases", .onOwnThread)
struct CorpusScoreTests {
    static func score(_ name: String) throws -> (CorpusCase, CaseScore) {
        let corpusCase = try CorpusCase.load(name)
        let facts = Prober(source: try ReplaySystem(folder: CorpusCase.folder + "/" + name)).gather()
        return (corpusCase, CaseScore(report: CheckRunner().examine(facts), expecting: corpusCase))
    }

    @Test("the corpus holds real cases")
    func corpusIsThere() {
        #expect(CorpusCase.names.count >= 30, "profiles/cases/ has \(CorpusCase.names.count) cases")
    }

    @Test("each case's status is what the doctor earns on it", arguments: CorpusCase.names)
    func statusMatchesScore(name: String) throws {
        let (corpusCase, score) = try Self.score(name)
        switch corpusCase.status {
        case .diagnosed:
            #expect(score.passes, "\(name) is marked diagnosed: \(score.line(name, corpusCase))")
        case .needsChannel, .misdiagnosed:
            #expect(!score.passes, "\(name) now passes: mark it \"diagnosed\" (\(score.line(name, corpusCase)))")
        }
    }

    @Test("each case names its thread, the real fix, and what it needs", arguments: CorpusCase.names)
    func caseIsWellFormed(name: String) throws {
        let corpusCase = try CorpusCase.load(name)
        #expect(corpusCase.source.url.hasPrefix("https://"), "\(name): the thread's address")
        #expect(!corpusCase.diagnosis.isEmpty && !corpusCase.fixThatWorked.isEmpty, "\(name): diagnosis and fix")
        #expect(!corpusCase.expectedFindings.isEmpty, "\(name): expectedFindings")
        #expect(!corpusCase.fixMustContain.isEmpty, "\(name): fixMustContain")
        if corpusCase.status == .needsChannel {
            #expect(!(corpusCase.missingChannels ?? []).isEmpty, "\(name) needs a channel but names none")
        }
        if corpusCase.status == .diagnosed {
            #expect(CheckRegistry.findingIDs.contains(corpusCase.expectedFindings[0]), "\(name): unknown finding id")
        }
    }

    @Test("the score table: every case, what came first, and the totals")
    func scoreTable() throws {
        var lines: [String] = []
        var passed = 0
        for name in CorpusCase.names {
            let (corpusCase, score) = try Self.score(name)
            if score.passes { passed += 1 }
            lines.append(score.line(name, corpusCase))
        }
        lines.append("diagnosed first-ranked with a working fix: \(passed) of \(CorpusCase.names.count)")
        print(lines.joined(separator: "\n"))
        let marked = try CorpusCase.names.filter { try CorpusCase.load($0).status == .diagnosed }.count
        #expect(passed == marked, "the table's passes differ from the cases marked diagnosed")
    }
}
