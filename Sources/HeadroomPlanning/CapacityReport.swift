/// The weekly capacity report (`report(...)`, `headroom run --report out.json`): the fields of
/// the runbook's report, with every figure from fitted history. Its JSON Schema is
/// docs/report.schema.json; months that never end are `null`.
public struct CapacityReport: Codable, Sendable, Equatable {
    public struct Compute: Codable, Sendable, Equatable {
        /// Percent of the cluster's cores and memory in use at the last sample.
        public var cpuUtilization: Double
        public var memoryUtilization: Double
        public var nodeCount: Int
    }

    public struct Storage: Codable, Sendable, Equatable {
        /// Bytes.
        public var totalCapacity: Double
        public var usedCapacity: Double
        public var utilizationPercentage: Double
        /// Bytes per month, from the fitted history.
        public var growthRate: Double
        /// The method the growth rate came from (`linear`, or what `auto` chose).
        public var growthMethod: String
    }

    /// One resource's runway to its policy threshold.
    public struct Projection: Codable, Sendable, Equatable {
        public var threshold: Double
        public var months: Double?
        public var low: Double?
        public var high: Double?
        /// The day the threshold is reached (YYYY-MM-DD), nil when never.
        public var date: String?
        public var method: String
        /// Growth per month in `unit` (cores, bytes).
        public var growthPerMonth: Double
        public var unit: String
        /// The daily peaks' runway to the policy's peak threshold (CPU and memory).
        public var peak: Peak? = nil
        /// "average" or "peak": which of the two reaches its threshold first.
        public var bindingOn: String = "average"
        /// The sooner of the two runways with growth taken the policy's buffer higher
        /// (`months ÷ (1 + buffer)`): what the recommendations go by.
        public var bufferedMonths: Double? = nil

        /// The sooner of the average's and the peak's runway.
        public var effectiveMonths: Double? {
            guard let p = peak?.months else { return months }
            guard let m = months else { return p }
            return min(m, p)
        }

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(threshold, forKey: .threshold)
            try c.encode(months, forKey: .months)
            try c.encode(low, forKey: .low)
            try c.encode(high, forKey: .high)
            try c.encode(date, forKey: .date)
            try c.encode(method, forKey: .method)
            try c.encode(growthPerMonth, forKey: .growthPerMonth)
            try c.encode(unit, forKey: .unit)
            try c.encode(peak, forKey: .peak)
            try c.encode(bindingOn, forKey: .bindingOn)
            try c.encode(bufferedMonths, forKey: .bufferedMonths)
        }
    }

    /// A resource's daily peaks against the policy's peak threshold.
    public struct Peak: Codable, Sendable, Equatable {
        public var threshold: Double
        public var months: Double?
        public var date: String?

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(threshold, forKey: .threshold)
            try c.encode(months, forKey: .months)
            try c.encode(date, forKey: .date)
        }
    }

    public struct Projections: Codable, Sendable, Equatable {
        public var monthsUntilCpuLimit: Double?
        public var monthsUntilMemoryLimit: Double?
        public var monthsUntilStorageLimit: Double?
        public var cpu: Projection
        public var memory: Projection
        public var storage: Projection

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(monthsUntilCpuLimit, forKey: .monthsUntilCpuLimit)
            try c.encode(monthsUntilMemoryLimit, forKey: .monthsUntilMemoryLimit)
            try c.encode(monthsUntilStorageLimit, forKey: .monthsUntilStorageLimit)
            try c.encode(cpu, forKey: .cpu)
            try c.encode(memory, forKey: .memory)
            try c.encode(storage, forKey: .storage)
        }
    }

    /// The option that buys a month of runway most cheaply (from `compare`).
    public struct BestValue: Codable, Sendable, Equatable {
        public var name: String
        public var cost: Double
        public var monthsGained: Double?
        public var costPerMonthGained: Double?
    }

    /// Why a recommendation was made: the rule and the figure that triggered it.
    public struct Recommendation: Codable, Sendable, Equatable {
        /// "urgent", "plan", "advice" or "ok".
        public var severity: String
        public var resource: String
        public var text: String
    }

    /// What moved since an earlier report (`--since`).
    public struct Since: Codable, Sendable, Equatable {
        public var timestamp: String
        /// Months of runway gained (positive) or lost, per resource; nil when either is never.
        public var runwayChange: [String: Double?]
        /// Storage growth, bytes per month, now minus then.
        public var storageGrowthChange: Double
        public var newRecommendations: [String]
        public var resolvedRecommendations: [String]

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(timestamp, forKey: .timestamp)
            try c.encode(runwayChange, forKey: .runwayChange)
            try c.encode(storageGrowthChange, forKey: .storageGrowthChange)
            try c.encode(newRecommendations, forKey: .newRecommendations)
            try c.encode(resolvedRecommendations, forKey: .resolvedRecommendations)
        }
    }

    public var timestamp: String
    public var compute: Compute
    public var storage: Storage
    public var projections: Projections
    /// The resource that runs out first.
    public var binding: String
    public var bestValue: BestValue?
    public var recommendations: [String]
    public var recommendationDetails: [Recommendation]
    public var since: Since?

    /// The report `report(...)` made last in a session (for `--report`).
    public static let stateKey = "headroom.report"

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(timestamp, forKey: .timestamp)
        try c.encode(compute, forKey: .compute)
        try c.encode(storage, forKey: .storage)
        try c.encode(projections, forKey: .projections)
        try c.encode(binding, forKey: .binding)
        try c.encode(bestValue, forKey: .bestValue)
        try c.encode(recommendations, forKey: .recommendations)
        try c.encode(recommendationDetails, forKey: .recommendationDetails)
        try c.encodeIfPresent(since, forKey: .since)
    }

    /// What moved from `old` to this report.
    public func since(_ old: CapacityReport) -> Since { ReportSummary(self).since(ReportSummary(old)) }

}

/// What week-over-week comparison reads of a report: runway per resource, storage growth and
/// the recommendations by rule. Made from a JSON report (`--since`) or a `report(...)` value
/// (`compare_reports`), so both compare by one rule.
struct ReportSummary {
    var timestamp: String
    /// Months per resource; nil when it never runs out.
    var months: [String: Double?]
    /// Storage growth, bytes per month.
    var storageGrowth: Double
    var details: [CapacityReport.Recommendation]

    init(timestamp: String, months: [String: Double?], storageGrowth: Double, details: [CapacityReport.Recommendation])
    {
        self.timestamp = timestamp
        self.months = months
        self.storageGrowth = storageGrowth
        self.details = details
    }

    init(_ r: CapacityReport) {
        self.init(
            timestamp: r.timestamp,
            months: [
                "cpu": r.projections.cpu.months, "memory": r.projections.memory.months,
                "storage": r.projections.storage.months,
            ],
            storageGrowth: r.storage.growthRate, details: r.recommendationDetails)
    }

    func since(_ old: ReportSummary) -> CapacityReport.Since {
        func change(_ name: String) -> Double? {
            guard let a = old.months[name] ?? nil, let b = months[name] ?? nil else { return nil }
            return b - a
        }
        func has(_ list: [CapacityReport.Recommendation], _ r: CapacityReport.Recommendation) -> Bool {
            list.contains { $0.severity == r.severity && $0.resource == r.resource }
        }
        return CapacityReport.Since(
            timestamp: old.timestamp,
            runwayChange: ["cpu": change("cpu"), "memory": change("memory"), "storage": change("storage")],
            storageGrowthChange: storageGrowth - old.storageGrowth,
            newRecommendations: details.filter { !has(old.details, $0) }.map(\.text),
            resolvedRecommendations: old.details.filter { !has(details, $0) }.map(\.text))
    }
}
