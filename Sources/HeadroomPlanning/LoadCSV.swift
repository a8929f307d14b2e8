import CSV
import HeadroomCore

extension SeriesBuiltins {
    /// `load("file.csv", unit:, column:)`: the file is read by the host, parsed by CSV.swift.
    static func loadCSV(_ c: BuiltinCall) throws(Diagnostic) -> Value {
        let path = try c.string(0)
        var unit = UnitProduct.none
        if c.has(1) {
            let q = try c.quantity(1)
            unit = q.unit
        }
        let file: (name: String, bytes: [UInt8])
        do { file = try c.interpreter.host.load(path, from: c.fileName) } catch {
            throw c.fail(.badFile, "cannot read \"\(path)\": \(error.message)", 0)
        }
        let text = String(decoding: file.bytes, as: UTF8.self)
        var reader: CSVReader
        do { reader = try CSVReader(string: text, hasHeaderRow: true, trimFields: false) } catch {
            throw c.fail(.badFile, "\(path) is not a CSV file: \(error)", 0)
        }
        guard let header = reader.headerRow, header.count >= 2 else {
            throw c.fail(.badFile, "\(path) needs at least two columns (time, value)", 0)
        }
        var columns = header.dropFirst().map(\.trimmedField)
        var line = 1
        // A first row whose time parses is data, not a header: the columns are then named
        // `value` (or `value1`, `value2`, ... for several).
        if Timestamps.parse(header[0].trimmedField) != nil {
            do { reader = try CSVReader(string: text, hasHeaderRow: false, trimFields: false) } catch {
                throw c.fail(.badFile, "\(path) is not a CSV file: \(error)", 0)
            }
            columns = columns.count == 1 ? ["value"] : columns.indices.map { "value\($0 + 1)" }
            line = 0
        }
        var wanted = Array(columns.indices)
        if c.has(2) {
            let name = try c.string(2)
            guard let i = columns.firstIndex(of: name) else {
                throw c.fail(
                    .badFile, "\(path) has no column \"\(name)\"", 2,
                    notes: Suggest.notes(for: name, among: columns)
                        + ["its columns: \(columns.joined(separator: ", "))"])
            }
            wanted = [i]
        }
        var rows: [(Int64, [Double])] = []
        while var row = reader.next() {
            line += 1
            if line % 4096 == 0 { try c.checkInterrupted() }
            for i in row.indices { row[i] = row[i].trimmedField }
            if row.allSatisfy({ $0.isEmpty }) { continue }
            guard let t = Timestamps.parse(row[0]) else {
                throw c.fail(
                    .badFile, "\(path):\(line): cannot read the timestamp \"\(row[0].prefix(40))\"", 0,
                    notes: ["use RFC 3339 (2026-01-01T00:00:00Z), YYYY-MM-DD, or unix seconds"])
            }
            var values: [Double] = []
            for i in wanted {
                let cell = i + 1 < row.count ? row[i + 1] : ""
                guard let v = Double(cell), v.isFinite else {
                    throw c.fail(
                        .badFile,
                        "\(path):\(line): column \"\(columns[i])\" holds \"\(cell.prefix(40))\", not a number", 0)
                }
                values.append(unit.toBase(v))
            }
            rows.append((t, values))
        }
        if let e = reader.error { throw c.fail(.badFile, "\(path) is not valid CSV: \(e)", 0) }
        guard !rows.isEmpty else { throw c.fail(.badFile, "\(path) has no data rows", 0) }
        rows.sort { $0.0 < $1.0 }
        for i in 1..<max(1, rows.count) where rows[i].0 == rows[i - 1].0 {
            throw c.fail(.badFile, "\(path) has two rows for \(CivilDate.format(rows[i].0, withTime: true))", 0)
        }
        columns = wanted.map { columns[$0] }
        let times = rows.map(\.0)
        let series = columns.indices.map { k in
            Series(times: times, values: rows.map { $0.1[k] }, unit: unit, name: columns[k])
        }
        if series.count == 1 { return .series(series[0]) }
        return .record(Record(zip(columns, series).map { (name: $0.0, value: .series($0.1)) }))
    }
}

private extension String {
    /// Without surrounding blanks. Done here rather than with CSV.swift's `trimFields`, which
    /// goes through NSString and took half the time of loading a million rows.
    var trimmedField: String {
        // Most fields are plain ASCII with no blanks: decide that from the bytes at each end.
        func plain(_ byte: UInt8?) -> Bool { byte.map { $0 > 0x20 && $0 < 0x80 } ?? true }
        if plain(utf8.first), plain(utf8.last) { return self }
        guard let start = firstIndex(where: { !$0.isWhitespace }), let end = lastIndex(where: { !$0.isWhitespace })
        else { return "" }
        return String(self[start...end])
    }
}
