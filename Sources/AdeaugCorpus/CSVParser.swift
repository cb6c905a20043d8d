import AdeaugCore

/// RFC 4180 records (quoted fields, `""` escapes, newlines inside quotes) with the line each
/// record starts on.
///
/// Hand-written rather than SwiftCSV or CSV.swift: those report neither the line of a bad
/// record nor a field count mismatch, and naming the line is what a user needs to fix a file.
struct CSVParser {
    var delimiter: UInt8 = UInt8(ascii: ",")

    struct Record {
        var line: Int
        var fields: [String]
    }

    /// Parses a file already checked by `TextFile` (UTF-8, line lengths).
    func records(of file: TextFile) throws -> [Record] {
        _ = try file.lines()  // validates UTF-8 and line length with line numbers
        var records: [Record] = []
        var fields: [String] = []
        var field: [UInt8] = []
        var inQuotes = false
        var line = 1
        var recordLine = 1
        var index = 0
        let bytes = file.bytes
        func finishField() {
            fields.append(String(decoding: field, as: UTF8.self))
            field.removeAll(keepingCapacity: true)
        }
        func finishRecord() {
            finishField()
            if !(fields.count == 1 && fields[0].isEmpty) {  // skip blank lines
                records.append(Record(line: recordLine, fields: fields))
            }
            fields.removeAll(keepingCapacity: true)
        }
        while index < bytes.count {
            let byte = bytes[index]
            if inQuotes {
                if byte == UInt8(ascii: "\"") {
                    if index + 1 < bytes.count && bytes[index + 1] == UInt8(ascii: "\"") {
                        field.append(byte)
                        index += 1
                    } else {
                        inQuotes = false
                    }
                } else {
                    if byte == 0x0A { line += 1 }
                    field.append(byte)
                }
            } else if byte == UInt8(ascii: "\"") && field.isEmpty {
                inQuotes = true
            } else if byte == delimiter {
                finishField()
            } else if byte == 0x0A {
                finishRecord()
                line += 1
                recordLine = line
            } else if byte == 0x0D && index + 1 < bytes.count && bytes[index + 1] == 0x0A {
                // CRLF: the LF ends the record.
            } else {
                field.append(byte)
            }
            index += 1
        }
        if inQuotes {
            throw CorpusError.malformedRow(
                SourceLocation(file: file.path, line: recordLine), reason: "a quoted field is never closed")
        }
        if !field.isEmpty || !fields.isEmpty { finishRecord() }
        return records
    }
}
