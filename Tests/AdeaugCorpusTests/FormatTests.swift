import AdeaugCore
import AdeaugCorpus
import Foundation
import Testing

/// The export formats people have ADE Corpus v2 in, and round trips through `export`.
@Suite struct FormatTests {
    @Test(arguments: [("0", "1"), ("Not-Related", "Related"), ("Not_AE", "Adverse_Event")])
    func huggingFaceCSVLabelSpellings(negative: String, positive: String) throws {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = try TestSupport.write(
            "text,label\n\"Drug X, given twice, caused hives.\",\(positive)\nDrug Y was stopped.,\(negative)\n",
            to: folder.appendingPathComponent("ade.csv"))
        let loaded = try CorpusLoader().load(path: path)
        #expect(loaded.format == .csv)
        #expect(loaded.rows.map(\.label) == [.adverseEvent, .notAdverseEvent])
        #expect(loaded.rows[0].text == "Drug X, given twice, caused hives.")
        #expect(loaded.rows[1].source == SourceLocation(file: path, line: 3))
    }

    @Test func jsonlWithNumericBooleanAndNamedLabels() throws {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = try TestSupport.write(
            "{\"text\": \"a\", \"label\": 1}\n\n{\"text\": \"b\", \"label\": false}\n{\"text\": \"c\", \"label\": \"Adverse_Event\", \"pmid\": 123}\n",
            to: folder.appendingPathComponent("ade.jsonl"))
        let rows = try CorpusLoader().load(path: path).rows
        #expect(rows.map(\.label) == [.adverseEvent, .notAdverseEvent, .adverseEvent])
        #expect(rows.map(\.source.line) == [1, 3, 4])
        #expect(rows[2].pmid == "123")
    }

    @Test func userNamedColumns() throws {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = try TestSupport.write("id\tnarrative\tis_ade\n1\tRash after drug.\t1\n", to: folder.appendingPathComponent("mine.tsv"))
        let rows = try CorpusLoader(columns: ColumnNames(text: "narrative", label: "is_ade")).load(path: path).rows
        #expect(rows.map(\.text) == ["Rash after drug."])
    }

    @Test func conflictsAreExcludedUnlessAPolicySaysOtherwise() throws {
        let rows = [
            CorpusRow(text: "Same text.", label: .adverseEvent, pmid: "1", source: SourceLocation(file: "a", line: 1)),
            CorpusRow(text: "same  TEXT .", label: .notAdverseEvent, pmid: "2", source: SourceLocation(file: "a", line: 2)),
            CorpusRow(text: "Same text.", label: .adverseEvent, pmid: "3", source: SourceLocation(file: "a", line: 3)),
            CorpusRow(text: "Other.", label: .notAdverseEvent, pmid: "4", source: SourceLocation(file: "a", line: 4)),
        ]
        let excluded = Deduplicator().deduplicate(rows)
        #expect(excluded.sentences.map(\.text) == ["Other."])
        #expect(excluded.conflicts.count == 1)
        #expect(excluded.conflicts[0].negativeRows == [SourceLocation(file: "a", line: 2)])
        let majority = Deduplicator(conflictPolicy: .majority).deduplicate(rows)
        #expect(majority.sentences.first?.label == .adverseEvent)
        #expect(majority.sentences.first?.pmids == ["1", "2", "3"])
        #expect(majority.sentences.first?.rowCount == 3)
    }

    @Test func exportRoundTripsThroughIngest() throws {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let workspacePath = folder.appendingPathComponent("ws").path
        try CorpusIngest(options: IngestOptions(corpusPath: TestSupport.realCorpus))
            .run(workspaceDirectory: workspacePath, arguments: [], logger: TestSupport.logger)
        let workspace = try Workspace(directory: workspacePath, create: false)
        for format in ExportFormat.allCases {
            let exportFolder = folder.appendingPathComponent(format.rawValue)
            for split in SplitName.allCases {
                try CorpusExporter(format: format).write(
                    try workspace.examples(split: split),
                    to: exportFolder.appendingPathComponent("\(split.rawValue).\(format.rawValue)").path)
            }
            let attributes = try FileManager.default.attributesOfItem(atPath: exportFolder.appendingPathComponent("train.\(format.rawValue)").path)
            #expect((attributes[.posixPermissions] as? Int) == 0o600)
            let reloaded = try CorpusLoader().load(path: exportFolder.path)
            #expect(reloaded.hasGivenSplit)
            let original = try workspace.examples().map { "\($0.split.rawValue)|\($0.label.rawValue)|\($0.text)" }
            let roundTripped = reloaded.rows.map { "\($0.givenSplit!.rawValue)|\($0.label.rawValue)|\($0.text)" }
            #expect(Set(original) == Set(roundTripped))
            #expect(original.count == roundTripped.count)
        }
    }
}
