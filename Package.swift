// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "Headroom",
    products: [
        .executable(name: "headroom", targets: ["headroom"]),
        .library(name: "HeadroomCore", targets: ["HeadroomCore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-numerics", from: "1.0.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "5.0.1"),
        .package(url: "https://github.com/JohnSundell/Ink", from: "0.6.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
    ],
    targets: [
        // The language: lexer, parser, AST, dimension checker, evaluator, values,
        // units, diagnostics and value rendering. No terminal, network or file I/O.
        .target(name: "HeadroomCore", dependencies: [.product(name: "RealModule", package: "swift-numerics")]),
        // The command-line driver: argument parsing, file loading, output. Testable
        // as a library; the executable is a one-line shim around it.
        .target(
            name: "HeadroomCLI",
            dependencies: [
                "HeadroomCore", "HeadroomIO", "HeadroomREPL", "HeadroomPlanning", "HeadroomMetrics",
                "HeadroomNotebook", "HeadroomExport", "CBuildInfo",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]),
        // The planning runtime: series, forecasts, runway, clusters, options, budgets.
        // Registers builtins into the core's registry; reads files only through the host.
        .target(
            name: "HeadroomPlanning",
            dependencies: [
                "HeadroomCore", "HeadroomCSV",
                .product(name: "RealModule", package: "swift-numerics"),
            ]),
        // Notebooks: Markdown plans with their outputs (tables, SVG charts), checked on re-run,
        // and self-contained HTML. Runs cells in a Session; reads and writes no files itself.
        .target(
            name: "HeadroomNotebook",
            dependencies: [
                "HeadroomCore", .product(name: "Yams", package: "Yams"), .product(name: "Ink", package: "Ink"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]),
        // Exporters: what a plan hands to other tools (Prometheus alerting rules as YAML).
        .target(
            name: "HeadroomExport",
            dependencies: ["HeadroomCore", "HeadroomPlanning", .product(name: "Yams", package: "Yams")]),
        // Metric sources: the Prometheus HTTP API, record and replay. Network I/O lives here.
        .target(
            name: "HeadroomMetrics",
            dependencies: ["HeadroomCore", "HeadroomCSV", "CCurl", "CSpawn"]),
        // RFC 4180 CSV read from bytes (load, command sources): no I/O, no dependencies.
        .target(name: "HeadroomCSV"),
        // posix_spawn's close-from file action (glibc, behind _GNU_SOURCE), for running tools
        // without leaking our descriptors into them.
        .target(name: "CSpawn"),
        // libcurl through dlopen on first use (curl/curl.h from Debian's libcurl4-openssl-dev):
        // start-up does not pay for loading it and its ~35 libraries.
        .target(name: "CCurl", linkerSettings: [.linkedLibrary("dl")]),
        // The commit the binary was built from (`make release` defines it).
        .target(name: "CBuildInfo"),
        // Files, standard streams, environment and terminals for the front ends.
        .target(name: "HeadroomIO"),
        // libedit, for line editing at the prompt; shim.h wraps its variadic calls.
        .systemLibrary(
            name: "CEditLine", pkgConfig: "libedit",
            providers: [.apt(["libedit-dev"])]),
        // The interactive prompt: commands, completion, history, the line editor.
        .target(
            name: "HeadroomREPL",
            dependencies: ["HeadroomCore", "HeadroomIO", "HeadroomPlanning", "HeadroomNotebook", "CEditLine"]),
        .executableTarget(name: "headroom", dependencies: ["HeadroomCLI"]),
        // A libFuzzer target for the language pipeline (`make fuzz`); in an ordinary build it
        // only says how to build it.
        .executableTarget(name: "headroom-fuzz", dependencies: ["HeadroomPlanning", "HeadroomMetrics", "CFuzzDriver"], path: "Fuzz/HeadroomFuzz"),
        .target(name: "CFuzzDriver", path: "Fuzz/CFuzzDriver"),
        // The forecasting accuracy benchmark (`make bench-forecast`), on competition data.
        .executableTarget(
            name: "headroom-forecast-bench", dependencies: ["HeadroomPlanning"], path: "Benchmarks/forecast"),
        // In-process timings (`make bench`): fit and project over a million points, prompt entries.
        .executableTarget(
            name: "headroom-inprocess-bench", dependencies: ["HeadroomPlanning"], path: "Benchmarks/inprocess"),
        .testTarget(name: "HeadroomCoreTests", dependencies: ["HeadroomCore"]),
        .testTarget(
            name: "HeadroomCLITests",
            dependencies: ["HeadroomCLI", "HeadroomREPL", "CPseudoTerminal", .product(name: "Yams", package: "Yams")]),
        // C helpers for driving the binary through a real pseudo-terminal in tests.
        .target(name: "CPseudoTerminal", path: "Tests/CPseudoTerminal"),
        .testTarget(name: "HeadroomREPLTests", dependencies: ["HeadroomREPL"]),
        .testTarget(name: "HeadroomPlanningTests", dependencies: ["HeadroomPlanning", "HeadroomMetrics", "HeadroomCSV"]),
        .testTarget(name: "HeadroomMetricsTests", dependencies: ["HeadroomMetrics", "HeadroomPlanning", "HeadroomExport"]),
        .testTarget(name: "HeadroomNotebookTests", dependencies: ["HeadroomNotebook", "HeadroomPlanning"]),
    ]
)
