import AdeaugCore
import AdeaugCorpus
import Foundation
import Testing

/// Every kind of bad input gets an error naming the file (and line), and the workspace keeps
/// the corpus it had.
@Suite struct BadInputTests {
    /// Ingests `path` into a workspace that already holds a good corpus, expects `match` in the
    /// error, and checks that the workspace is as it was.
    func expectRejected(_ path: String, format: CorpusFormat = .auto, split: SplitMethod? = nil, mentioning fragments: [String]) throws {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let workspacePath = folder.appendingPathComponent("ws").path
        let good = try TestSupport.write("text,label\nAspirin caused a rash.,1\nAspirin was given.,0\n", to: folder.appendingPathComponent("good.csv"))
        try CorpusIngest(options: IngestOptions(corpusPath: good)).run(workspaceDirectory: workspacePath, arguments: [], logger: TestSupport.logger)
        let before = try snapshot(workspacePath)

        var options = IngestOptions(corpusPath: path)
        options.format = format
        options.splitMethod = split
        do {
            try CorpusIngest(options: options).run(workspaceDirectory: workspacePath, arguments: [], logger: TestSupport.logger)
            Issue.record("expected an error for \(path)")
        } catch {
            let message = String(describing: error)
            for fragment in fragments {
                #expect(message.contains(fragment), "\(message) should mention \(fragment)")
            }
        }
        #expect(try snapshot(workspacePath) == before)
    }

    func snapshot(_ workspacePath: String) throws -> [String] {
        let workspace = try Workspace(directory: workspacePath, create: false)
        let runs = try workspace.database.prepare("SELECT count(*) FROM runs").rows { $0.int(0) }
        return try workspace.examples().map { "\($0.split.rawValue)|\($0.label.rawValue)|\($0.text)" } + ["runs=\(runs)"]
    }

    @Test func emptyFile() throws {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = try TestSupport.write("", to: folder.appendingPathComponent("empty.csv"))
        try expectRejected(path, mentioning: [path, "empty"])
    }

    @Test func wrongDelimiterInOriginalFile() throws {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try TestSupport.write("10030778,Intravenous azithromycin-induced ototoxicity.,ototoxicity\n", to: folder.appendingPathComponent("DRUG-AE.rel"))
        try TestSupport.write("6460590 NEG A negative sentence.\n", to: folder.appendingPathComponent("ADE-NEG.txt"))
        try expectRejected(folder.path, mentioning: ["DRUG-AE.rel:1", "pipe-delimited"])
    }

    @Test func negativeFileWithoutNegMarker() throws {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try TestSupport.write("1|A positive sentence.|x|0|1|y|0|1\n", to: folder.appendingPathComponent("DRUG-AE.rel"))
        try TestSupport.write("6460590 NEG fine.\n6460591 POS not fine.\n", to: folder.appendingPathComponent("ADE-NEG.txt"))
        try expectRejected(folder.path, mentioning: ["ADE-NEG.txt:2", "PMID NEG sentence"])
    }

    @Test func missingColumn() throws {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = try TestSupport.write("sentence;label\nA;1\n", to: folder.appendingPathComponent("semicolons.csv"))
        try expectRejected(path, mentioning: ["semicolons.csv:1", "no text column", "sentence;label"])
    }

    @Test func rowWithWrongFieldCount() throws {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = try TestSupport.write("text,label\nfine,1\n\"quoted, with comma\",0\nbroken,1,extra\n", to: folder.appendingPathComponent("fields.csv"))
        try expectRejected(path, mentioning: ["fields.csv:4", "3 field(s)"])
    }

    @Test func invalidUTF8() throws {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let bytes = Array("text,label\nok,1\nbad ".utf8) + [0xC3, 0x28] + Array(",0\n".utf8)
        let path = try TestSupport.write(bytes: bytes, to: folder.appendingPathComponent("latin.csv"))
        try expectRejected(path, mentioning: ["latin.csv:3", "UTF-8"])
    }

    @Test func lineOverOneMegabyte() throws {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let huge = String(repeating: "a", count: (1 << 20) + 10)
        let path = try TestSupport.write("{\"text\": \"ok\", \"label\": 1}\n{\"text\": \"\(huge)\", \"label\": 0}\n", to: folder.appendingPathComponent("huge.jsonl"))
        try expectRejected(path, mentioning: ["huge.jsonl:2", "over the limit"])
    }

    @Test func unknownLabel() throws {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = try TestSupport.write("{\"text\": \"ok\", \"label\": \"Related\"}\n{\"text\": \"odd\", \"label\": \"maybe\"}\n", to: folder.appendingPathComponent("labels.jsonl"))
        try expectRejected(path, mentioning: ["labels.jsonl:2", "unknown label \"maybe\""])
    }

    @Test func jsonlLineThatIsNotAnObject() throws {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = try TestSupport.write("{\"text\": \"ok\", \"label\": 1}\n[1, 2]\n", to: folder.appendingPathComponent("array.jsonl"))
        try expectRejected(path, mentioning: ["array.jsonl:2", "JSON object"])
    }

    @Test func jsonlLineThatIsPlainText() throws {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = try TestSupport.write("{\"text\": \"ok\", \"label\": 1}\nAspirin caused a rash.\t1\n", to: folder.appendingPathComponent("text.jsonl"))
        try expectRejected(path, mentioning: ["text.jsonl:2", "not valid JSON"])
    }

    @Test func csvQuoteNeverClosed() throws {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = try TestSupport.write("text,label\nfine,1\n\"open quote,0\nmore,1\n", to: folder.appendingPathComponent("quote.csv"))
        try expectRejected(path, mentioning: ["quote.csv:3", "never closed"])
    }

    @Test func fileThatIsNotThere() throws {
        try expectRejected("/nonexistent/adeaug/corpus.csv", mentioning: ["/nonexistent/adeaug/corpus.csv", "no such file"])
    }

    @Test func folderWhereAFileIsExpected() throws {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let inner = folder.appendingPathComponent("corpus.csv")
        try FileManager.default.createDirectory(at: inner, withIntermediateDirectories: true)
        try TestSupport.write("x", to: inner.appendingPathComponent("DRUG-AE.rel"))  // a folder that is not a whole corpus
        try expectRejected(inner.path, format: .csv, mentioning: [inner.path])
        try expectRejected(folder.appendingPathComponent("corpus.csv").path, mentioning: ["ADE-NEG.txt"])
    }

    @Test func givenSplitOnUnsplitInput() throws {
        try expectRejected(TestSupport.realCorpus, split: .given, mentioning: ["--split given"])
    }

    @Test func testFractionOutOfRange() throws {
        var options = IngestOptions(corpusPath: TestSupport.realCorpus)
        options.testFraction = 1.5
        #expect(throws: CorpusError.self) { try CorpusIngest(options: options).prepare(logger: TestSupport.logger) }
    }

    @Test func missingCorpusSaysWhatToDownload() throws {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let locator = CorpusLocator(environment: [:], workingDirectory: folder.appendingPathComponent("a/b").path)
        do {
            _ = try locator.locate(explicit: nil)
            Issue.record("expected noCorpus")
        } catch {
            let message = String(describing: error)
            #expect(message.contains("DRUG-AE.rel and ADE-NEG.txt"))
            #expect(message.contains("ADEAUG_CORPUS"))
            #expect(message.contains("corpora/ade-corpus-v2"))
        }
    }

    @Test func locatorOrder() throws {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let locator = CorpusLocator(environment: ["ADEAUG_CORPUS": "/from/env"], workingDirectory: folder.path)
        #expect(try locator.locate(explicit: "/from/flag") == "/from/flag")
        #expect(try locator.locate(explicit: nil) == "/from/env")
        try TestSupport.write("text,label\na,1\n", to: folder.appendingPathComponent("corpora/mine.csv"))
        #expect(try CorpusLocator(environment: [:], workingDirectory: folder.path).locate(explicit: nil) == folder.appendingPathComponent("corpora").path)
    }
}
