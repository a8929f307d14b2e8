/// A time series: timestamps (seconds since the epoch, increasing) and values in one unit.
/// A forecast also carries a lower and upper prediction band.
public struct Series: Sendable {
    public var times: [Int64]
    /// Values in base units.
    public var values: [Double]
    public var unit: UnitProduct
    public var name: String?
    public var lower: [Double]?
    public var upper: [Double]?
    /// How much of the future the band is meant to hold (0.95 unless the forecast asked otherwise).
    public var bandLevel: Double = 0.95
    /// What a chart of it draws besides its values (made by `plot`); operations on the
    /// series drop it.
    public var drawing: Drawing? = nil
    /// The PromQL it was fetched with (`query_range`), kept through the operations that keep
    /// its meaning (scaling by a constant, unit conversion), for alert rules made from it.
    public var origin: Origin? = nil

    /// A series' values are `scale` times what `query` returns over `range`, every `step`.
    public struct Origin: Sendable, Equatable {
        public var query: String
        public var range: Int64
        public var step: Int64
        public var scale: Double
        public init(query: String, range: Int64, step: Int64, scale: Double) {
            self.query = query
            self.range = range
            self.step = step
            self.scale = scale
        }
    }

    /// The history a forecast came from, horizontal lines (capacity, a threshold) and marked
    /// times (when the threshold is reached), in base units.
    public struct Drawing: Sendable {
        public var historyTimes: [Int64]
        public var historyValues: [Double]
        public var lines: [Line]
        public var marks: [Mark]
        public struct Line: Sendable {
            public var label: String
            public var value: Double
            public init(label: String, value: Double) {
                self.label = label
                self.value = value
            }
        }
        public struct Mark: Sendable {
            public var label: String
            public var time: Int64
            public init(label: String, time: Int64) {
                self.label = label
                self.time = time
            }
        }
        public init(historyTimes: [Int64], historyValues: [Double], lines: [Line], marks: [Mark]) {
            self.historyTimes = historyTimes
            self.historyValues = historyValues
            self.lines = lines
            self.marks = marks
        }
    }

    public init(
        times: [Int64], values: [Double], unit: UnitProduct, name: String? = nil,
        lower: [Double]? = nil, upper: [Double]? = nil, bandLevel: Double = 0.95
    ) {
        self.bandLevel = bandLevel
        self.times = times
        self.values = values
        self.unit = unit
        self.name = name
        self.lower = lower
        self.upper = upper
    }

    public var count: Int { times.count }
    public var dimension: Dimension { unit.dimension }

    public func quantity(_ i: Int) -> Quantity { Quantity(base: values[i], unit: unit) }

    /// The same timestamps with other values (and no bands unless given).
    public func with(values: [Double], unit: UnitProduct, lower: [Double]? = nil, upper: [Double]? = nil) -> Series {
        Series(times: times, values: values, unit: unit, name: name, lower: lower, upper: upper, bandLevel: bandLevel)
    }

    /// The spacing of the samples when it is regular, in seconds.
    /// Whole calendar months between successive values, on the same day of the month (clamped
    /// at month ends, counted from the first): monthly, quarterly or yearly data stored as dates.
    public var calendarStep: Int? {
        guard times.count >= 2, let k = CivilDate.monthsBetween(times[0], times[1]) else { return nil }
        for i in 1..<times.count where CivilDate.addMonths(times[0], k * i) != times[i] { return nil }
        return k
    }

    public var regularStep: Int64? {
        guard times.count >= 2 else { return nil }
        let step = times[1] - times[0]
        for i in 1..<times.count where times[i] - times[i - 1] != step { return nil }
        return step
    }

    /// The median spacing of the samples, in seconds.
    public var medianStep: Int64? {
        guard times.count >= 2 else { return nil }
        let steps = (1..<times.count).map { times[$0] - times[$0 - 1] }.sorted()
        return steps[steps.count / 2]
    }

}
