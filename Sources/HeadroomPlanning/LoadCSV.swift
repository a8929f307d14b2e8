import HeadroomCSV
import HeadroomCore

extension SeriesBuiltins {
    /// `load("file.csv", unit:, column:)`: the file is read by the host, parsed by `CSVParser`.
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
        var parser = CSVParser(file.bytes)
        func next() throws(Diagnostic) -> (fields: [ArraySlice<UInt8>], line: Int)? {
            do { return try parser.next() } catch {
                throw c.fail(.badFile, "\(path):\(error.line): \(error.message)", 0)
            }
        }
        guard let first = try next(), first.fields.count >= 2 else {
            throw c.fail(.badFile, "\(path) needs at least two columns (time, value)", 0)
        }
        let header = first.fields.map { CSVParser.trimmed($0) }
        var columns = header.dropFirst().map { CSVParser.string($0) }
        // A first row whose time parses is data, not a header: the columns are then named
        // `value` (or `value1`, `value2`, ... for several).
        let headerIsData = Timestamps.parse(header[0]) != nil
        if headerIsData { columns = columns.count == 1 ? ["value"] : columns.indices.map { "value\($0 + 1)" } }
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
        var times: [Int64] = []
        var values = [[Double]](repeating: [], count: wanted.count)
        var record: (fields: [ArraySlice<UInt8>], line: Int)? = headerIsData ? first : try next()
        while let (fields, line) = record {
            if line % 4096 == 0 { try c.checkInterrupted() }
            if fields.allSatisfy({ CSVParser.trimmed($0).isEmpty }) {
                record = try next()
                continue
            }
            let time = CSVParser.trimmed(fields[0])
            guard let t = Timestamps.parse(time) else {
                throw c.fail(
                    .badFile, "\(path):\(line): cannot read the timestamp \"\(CSVParser.string(time).prefix(40))\"", 0,
                    notes: ["use RFC 3339 (2026-01-01T00:00:00Z), YYYY-MM-DD, or unix seconds"])
            }
            for (k, i) in wanted.enumerated() {
                let cell = i + 1 < fields.count ? CSVParser.trimmed(fields[i + 1]) : []
                guard let v = CSVParser.number(cell), v.isFinite else {
                    throw c.fail(
                        .badFile,
                        "\(path):\(line): column \"\(columns[i])\" holds \"\(CSVParser.string(cell).prefix(40))\", not a number",
                        0)
                }
                values[k].append(unit.toBase(v))
            }
            times.append(t)
            record = try next()
        }
        guard !times.isEmpty else { throw c.fail(.badFile, "\(path) has no data rows", 0) }
        if zip(times, times.dropFirst()).contains(where: { $0 > $1 }) {
            let order = times.indices.sorted { times[$0] < times[$1] }
            times = order.map { times[$0] }
            values = values.map { v in order.map { v[$0] } }
        }
        for i in 1..<times.count where times[i] == times[i - 1] {
            throw c.fail(.badFile, "\(path) has two rows for \(CivilDate.format(times[i], withTime: true))", 0)
        }
        columns = wanted.map { columns[$0] }
        let series = columns.indices.map { k in Series(times: times, values: values[k], unit: unit, name: columns[k]) }
        if series.count == 1 { return .series(series[0]) }
        return .record(Record(zip(columns, series).map { (name: $0.0, value: .series($0.1)) }))
    }
}
