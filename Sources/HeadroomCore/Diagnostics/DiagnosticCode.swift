/// A stable identifier for each kind of problem, shown as `error[E0301]` and in `--json`.
/// `docs/errors.md` lists every code with an example (a test runs each); code that reacts to
/// a particular problem compares codes, never message text.
public enum DiagnosticCode: String, CaseIterable, Sendable {
    // Syntax: the text is not a plan.
    case unexpectedToken = "E0101"
    case invalidText = "E0102"
    case unterminatedString = "E0103"
    case badEscape = "E0104"
    case badInterpolation = "E0105"
    case nestedTooDeeply = "E0106"
    case chainedComparison = "E0107"
    case blockWithoutValue = "E0108"
    case missingDefault = "E0109"
    case badNumber = "E0110"
    // Names: something is not known by that name.
    case unknownName = "E0201"
    case unknownUnit = "E0202"
    case unknownFunction = "E0203"
    case unknownField = "E0204"
    case unknownParameter = "E0205"
    case unitAlreadyDefined = "E0206"
    case notAFunction = "E0207"
    // Dimensions: quantities that do not go together.
    case operatorDimension = "E0301"
    case conversionDimension = "E0302"
    case argumentDimension = "E0303"
    case exponentDimension = "E0304"
    case branchDimension = "E0305"
    case mixedDimensions = "E0306"
    // Types: values of the wrong kind.
    case operatorType = "E0401"
    case argumentType = "E0402"
    case missingArgument = "E0403"
    case tooManyArguments = "E0404"
    case argumentTwice = "E0405"
    case conditionType = "E0406"
    case indexType = "E0407"
    case noFields = "E0408"
    case unitPlacement = "E0409"
    // Running: the plan checked, but a value made the step impossible.
    case divisionByZero = "E0501"
    case indexOutOfRange = "E0502"
    case outOfRange = "E0503"
    case builtinFailed = "E0504"
    case assertionFailed = "E0505"
    case interrupted = "E0506"
    case recursionTooDeep = "E0507"
    case lengthMismatch = "E0508"
    case notEnoughData = "E0509"
    case badFile = "E0510"
    case noValue = "E0511"
    // Imports.
    case importFailed = "E0601"
    case importPlacement = "E0602"
    case importCycle = "E0603"
    // Metric sources: Prometheus, snapshots, kubectl and ceph.
    case metricsUnreachable = "E0701"
    case prometheusError = "E0702"
    case noData = "E0703"
    case snapshotMismatch = "E0704"
    case toolFailed = "E0705"

    /// Which stage finds it.
    public var stage: DiagnosticStage {
        switch rawValue.prefix(3) {
        case "E01": return .syntax
        case "E02": return .name
        case "E03": return .dimension
        case "E04": return .type
        case "E06": return .import_
        default:
            switch self {
            case .assertionFailed: return .assertion
            case .recursionTooDeep, .nestedTooDeeply: return .limit
            default: return .runtime
            }
        }
    }

    /// One line on what the code means, for `docs/errors.md`.
    public var title: String {
        switch self {
        case .unexpectedToken: return "the parser expected something else here"
        case .invalidText: return "the input is not plan text (bad bytes or an unknown character)"
        case .unterminatedString: return "a string is not closed"
        case .badEscape: return "an unknown escape in a string"
        case .badInterpolation: return "a `{...}` in a string does not hold one expression"
        case .nestedTooDeeply: return "an expression nests deeper than the parser allows"
        case .chainedComparison: return "comparisons cannot be chained"
        case .blockWithoutValue: return "a block must end with a value"
        case .missingDefault: return "a parameter after one with a default needs a default too"
        case .badNumber: return "a number is malformed"
        case .unknownName: return "no variable, function or unit has this name"
        case .unknownUnit: return "no unit has this spelling"
        case .unknownFunction: return "no function has this name"
        case .unknownField: return "the record or series has no field of this name"
        case .unknownParameter: return "the function has no parameter of this name"
        case .unitAlreadyDefined: return "a built-in unit cannot be declared again"
        case .notAFunction: return "the value called is not a function"
        case .operatorDimension: return "an operator's operands have dimensions it cannot combine"
        case .conversionDimension: return "`->` to a unit of another dimension"
        case .argumentDimension: return "an argument has the wrong dimension for its parameter"
        case .exponentDimension: return "an exponent has a unit, or a quantity is raised to a fraction"
        case .branchDimension: return "the branches of `if` have different dimensions"
        case .mixedDimensions: return "values that must share a dimension do not"
        case .operatorType: return "an operator cannot take values of these kinds"
        case .argumentType: return "an argument is of the wrong kind for its parameter"
        case .missingArgument: return "a required argument is missing"
        case .tooManyArguments: return "more positional arguments than parameters"
        case .argumentTwice: return "the same parameter is given twice"
        case .conditionType: return "a condition is not true or false"
        case .indexType: return "a value cannot be indexed that way"
        case .noFields: return "the value has no fields"
        case .unitPlacement: return "a unit where it cannot stand"
        case .divisionByZero: return "division by zero"
        case .indexOutOfRange: return "an index past either end"
        case .outOfRange: return "a result too large, not a number, or a date out of range"
        case .builtinFailed: return "a builtin could not compute its result from these values"
        case .assertionFailed: return "an `assert` was false"
        case .interrupted: return "stopped by Ctrl-C"
        case .recursionTooDeep: return "calls nest too deeply (a function calls itself without end)"
        case .lengthMismatch: return "lists or series of different lengths or timestamps"
        case .notEnoughData: return "too few points for the method"
        case .badFile: return "a data file cannot be read or parsed"
        case .noValue: return "`never` or a missing value where a finite value is needed"
        case .importFailed: return "an imported file cannot be read or has errors"
        case .importPlacement: return "`import` inside a block or function"
        case .importCycle: return "imports nest too deeply or import each other"
        case .metricsUnreachable: return "no Prometheus to ask, or it cannot be reached"
        case .prometheusError: return "Prometheus answered with an error or something unreadable"
        case .noData: return "a query returned no data"
        case .snapshotMismatch: return "a replayed snapshot has no answer for this query"
        case .toolFailed: return "`kubectl` or `ceph` failed or printed something unreadable"
        }
    }
}
