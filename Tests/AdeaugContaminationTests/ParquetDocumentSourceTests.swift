import Foundation
import Testing

@testable import AdeaugContamination

/// Parquet files in RefinedWeb's schema written by pyarrow (`pip install pyarrow`), in every
/// codec and page layout the reader claims, read back and compared with what was written.
@Suite(.enabled(if: Pyarrow.available, "needs python3 with pyarrow"))
struct ParquetDocumentSourceTests {
    static let script = #"""
        import json, sys, datetime
        import pyarrow as pa, pyarrow.parquet as pq
        rows = []
        for i in range(2500):
            content = None if i % 97 == 5 else f"Document {i}: the patient developed lactic acidosis on metformin {i % 7} mg. Ünïcödé – ok. " * (1 + i % 3)
            rows.append({"content": content, "url": f"https://example.org/{i % 40}", "timestamp": datetime.datetime(2023, 1, 1),
                         "dump": "CC-MAIN-2023-06", "segment": "x", "image_urls": [["a", "b"]] if i % 2 else []})
        schema = pa.schema([("content", pa.string()), ("url", pa.string()), ("timestamp", pa.timestamp("s")),
                            ("dump", pa.string()), ("segment", pa.string()), ("image_urls", pa.list_(pa.list_(pa.string())))])
        table = pa.Table.from_pylist(rows, schema=schema)
        variants = {
            "snappy.parquet": dict(compression="snappy"),
            "zstd.parquet": dict(compression="zstd"),
            "gzip.parquet": dict(compression="gzip"),
            "none.parquet": dict(compression="none", use_dictionary=False),
            "v2.parquet": dict(compression="snappy", data_page_version="2.0"),
            "v2plain.parquet": dict(compression="zstd", data_page_version="2.0", use_dictionary=False),
            "small.parquet": dict(compression="snappy", row_group_size=300, data_page_size=4096),
        }
        for name, options in variants.items():
            pq.write_table(table, name, **options)
        pq.write_table(table.drop_columns(["content"]), "nocontent.parquet")
        with open("expected.jsonl", "w") as out:
            for i, row in enumerate(rows):
                if row["content"] is not None:
                    out.write(json.dumps({"row": i, "content": row["content"], "url": row["url"]}) + "\n")
        """#

    @Test func readsEveryCodecAndPageLayout() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        _ = try folder.file("make.py", Self.script)
        try #require(try folder.shell("python3 make.py") == 0)
        let expected = try LineDocumentSource(path: folder.path + "/expected.jsonl").documents()
        #expect(expected.count > 2400)
        for name in ["snappy", "zstd", "gzip", "none", "v2", "v2plain", "small"] {
            let documents = try ParquetDocumentSource(path: "\(folder.path)/\(name).parquet").documents()
            #expect(documents.count == expected.count, "\(name)")
            let mismatch = zip(documents, expected).first { $0.content != $1.content || $0.url != $1.url }
            #expect(mismatch == nil, "\(name): \(String(describing: mismatch?.0.row))")
            #expect(documents.map(\.row) == expected.map { Int($0.content.split(separator: ":")[0].split(separator: " ")[1])! }, "\(name)")
        }
        // Resuming from a row skips the rows before it, across row groups.
        var resumed: [Int] = []
        try ParquetDocumentSource(path: folder.path + "/small.parquet").forEachDocument(from: 1000) { resumed.append($0.row) }
        #expect(resumed.first == 1000)
        #expect(resumed.count == expected.filter { Int($0.content.split(separator: ":")[0].split(separator: " ")[1])! >= 1000 }.count)
    }

    @Test func refusesMissingColumnsAndTruncatedFiles() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        _ = try folder.file("make.py", Self.script)
        try #require(try folder.shell("python3 make.py") == 0)
        #expect(throws: ContaminationError.self) {
            try ParquetDocumentSource(path: folder.path + "/nocontent.parquet").forEachDocument(from: 0) { _ in }
        }
        let full = try Data(contentsOf: URL(fileURLWithPath: folder.path + "/snappy.parquet"))
        for cut in [full.count - 3, full.count / 2, 10] {
            let truncated = try folder.file("cut\(cut).parquet", bytes: [UInt8](full.prefix(cut)))
            #expect(throws: ContaminationError.self) { try ParquetDocumentSource(path: truncated).forEachDocument(from: 0) { _ in } }
        }
        // Corrupt page bytes inside an intact frame: an error, never a crash.
        var corrupt = [UInt8](full)
        for offset in stride(from: 8, to: corrupt.count / 2, by: 7) { corrupt[offset] ^= 0x5A }
        let damaged = try folder.file("damaged.parquet", bytes: corrupt)
        #expect(throws: ContaminationError.self) { try ParquetDocumentSource(path: damaged).forEachDocument(from: 0) { _ in } }
    }

    @Test func indexesParquetLikeJSONL() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        _ = try folder.file("make.py", Self.script)
        try #require(try folder.shell("python3 make.py") == 0)
        let index = try PretrainingIndex(path: folder.path + "/index.sqlite", readOnly: false)
        let result = try PretrainingIndexBuilder(index: index).add(path: folder.path + "/snappy.parquet")
        #expect(result.documents > 2400)
        let evidence = try index.lookup("Document 12: the patient developed lactic acidosis on metformin 5 mg. Ünïcödé – ok.")
        #expect(evidence.fraction == 1)
        #expect(evidence.urls.contains("https://example.org/12"))
    }

    /// A Hugging Face export's shape: `text` and an integer `label`, plus other types.
    @Test func readsTypedColumnsAsText() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        _ = try folder.file("make.py", """
            import pyarrow as pa, pyarrow.parquet as pq
            t = pa.table({"text": ["a", None, "c"], "label": pa.array([1, 0, 1], pa.int64()),
                          "small": pa.array([7, None, -3], pa.int32()), "flag": [True, False, None],
                          "score": [0.5, 1.25, None]})
            pq.write_table(t, "plain.parquet", use_dictionary=False)
            pq.write_table(t, "dict.parquet", compression="zstd")
            """)
        try #require(try folder.shell("python3 make.py") == 0)
        for name in ["plain", "dict"] {
            let table = try ParquetTable(path: "\(folder.path)/\(name).parquet")
            #expect(table.rowCount == 3)
            var rows: [[String?]] = []
            try table.forEachRow(columns: ["text", "label", "small", "flag", "score"]) { _, values in rows.append(values) }
            #expect(rows == [["a", "1", "7", "true", "0.5"], [nil, "0", nil, "false", "1.25"], ["c", "1", "-3", nil, nil]], "\(name)")
            #expect(throws: ContaminationError.self) { try table.forEachRow(columns: ["sentence"]) { _, _ in } }
        }
    }
}
