import Foundation

/// RFC 4180 records (quoted fields, `""` escapes, line ends and delimiters inside quotes),
/// comma- or tab-separated, with the line each record starts on. Outside quotes a record ends
/// at `\n` or `\r\n` only, as in `TextLines`; blank lines are skipped.
///
/// Hand-written rather than SwiftCSV or CSV.swift: those report neither the line of a bad
/// record nor a field count mismatch, and naming the line is what a user needs to fix a file.
public struct CSVReader: Sendable {
    public var delimiter: CSVDelimiter
    /// Longest physical line accepted, when set.
    public var maximumLineBytes: Int?

    public init(delimiter: CSVDelimiter = .comma, maximumLineBytes: Int? = nil) {
        self.delimiter = delimiter
        self.maximumLineBytes = maximumLineBytes
    }

    /// The records of the file at `path`, delimited as `delimiter` says.
    public func records(atPath path: String) throws -> [CSVRecord] {
        try records(in: try TextInput.contents(of: path), file: path)
    }

    /// The records of `data`; `file` names the input in errors.
    public func records(in data: Data, file: String) throws -> [CSVRecord] {
        // Checks UTF-8 and line lengths line by line first, so those errors name the line.
        _ = try TextLines.lines(of: data, file: file, maximumLineBytes: maximumLineBytes)
        let bytes = [UInt8](data)
        let separator = delimiter.rawValue
        var records: [CSVRecord] = []
        var fields: [String] = []
        var field: [UInt8] = []
        var inQuotes = false
        var line = 1
        var recordLine = 1
        var index = 0
        func finishField() {
            fields.append(String(decoding: field, as: UTF8.self))
            field.removeAll(keepingCapacity: true)
        }
        func finishRecord() {
            finishField()
            if !(fields.count == 1 && fields[0].isEmpty) {  // skip blank lines
                records.append(CSVRecord(line: recordLine, fields: fields))
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
            } else if byte == separator {
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
        if inQuotes { throw TextFormatError.unclosedQuote(SourceLocation(file: file, line: recordLine)) }
        if !field.isEmpty || !fields.isEmpty { finishRecord() }
        return records
    }
}
