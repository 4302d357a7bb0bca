// swift-tools-version:6.1
//
// SwiftBayes: a Jupyter kernel, written in Swift, for Bayesian workflows.
// This file is the architecture document: one target per layer, a small dependency
// graph. The kernel never imports the session (only the executable joins them); the
// language core knows nothing of statistics; the domain libraries know nothing of the
// language or of Jupyter.
import PackageDescription

let package = Package(
  name: "SwiftBayes",
  products: [
    .executable(name: "swiftbayes", targets: ["swiftbayes"]),
    .library(name: "CellLanguage", targets: ["CellLanguage"]),
    .library(name: "SwiftBayes", targets: ["SwiftBayes"]),
    .library(name: "JupyterKernel", targets: ["JupyterKernel"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
  ],
  targets: [
    // MARK: - System libraries

    .systemLibrary(
      name: "CZeroMQ", path: "Sources/CZeroMQ", pkgConfig: "libzmq",
      providers: [.apt(["libzmq3-dev"])]),
    .systemLibrary(
      name: "COpenSSL", path: "Sources/COpenSSL", pkgConfig: "libcrypto",
      providers: [.apt(["libssl-dev"])]),

    // MARK: - Jupyter kernel

    /// Wire format, signing, connection file, ZeroMQ transport, dispatcher and the
    /// `KernelInterpreter` seam.
    .target(name: "JupyterKernel", dependencies: ["CZeroMQ", "COpenSSL"]),

    // MARK: - Language core

    /// Swift-syntax cells: source locations, lexer, recovering parser, AST,
    /// diagnostics, the closure-compiling evaluator and its values.
    .target(
      name: "CellLanguage",
      // The evaluator's frames and globals are touched by one thread at a time; dynamic
      // exclusivity checks cost ~40% on tight loops (Benchmarks/interpreter).
      swiftSettings: [.unsafeFlags(["-enforce-exclusivity=unchecked"])]),

    // MARK: - Arrays

    /// n-d arrays (Double/Int/Bool), broadcasting, reductions, indexing, NumPy-identical
    /// `RandomState`, counter-based `PRNGKey` streams, special functions and CSV tables.
    .target(name: "Arrays", dependencies: ["_ArraysKernels"]),
    /// C loops the Swift compiler does not vectorize (packed square root).
    .target(name: "_ArraysKernels"),

    // MARK: - Bayesian domain

    /// A graph of vector operations recorded by tracing, compiled into a flat
    /// reverse-mode tape (value and gradient with no interpreter and no allocation).
    .target(name: "Autodiff", dependencies: ["Arrays"]),
    /// Distributions, constraints and bijectors, effect handlers and model tracing.
    .target(name: "Probability", dependencies: ["Arrays", "Autodiff"]),
    /// HMC/NUTS with Stan's adaptation, the multi-chain MCMC driver.
    .target(name: "Inference", dependencies: ["Arrays"]),
    /// R-hat, ESS, MCSE, HDI, summary tables, LOO/WAIC (ArviZ's numbers).
    .target(name: "Convergence", dependencies: ["Arrays"]),
    /// SVG documents, scales, ticks, marks and the Bayesian plot catalogue.
    .target(name: "Plotting", dependencies: ["Arrays"]),
    /// `.ipynb` read/write, cell outputs as Jupyter collects them, standalone HTML reports.
    .target(name: "Reports"),

    // MARK: - Session

    /// The persistent session: binds the domain libraries into the language,
    /// turns values into MIME bundles, and writes to an output sink.
    .target(
      name: "SwiftBayes",
      dependencies: ["CellLanguage", "Arrays", "Autodiff", "Probability", "Inference", "Convergence", "Plotting", "Reports"]),

    // MARK: - Executable

    /// `swiftbayes run | kernel | install`: joins the session to its front ends.
    .executableTarget(
      name: "swiftbayes",
      dependencies: [
        "SwiftBayes", "JupyterKernel", "Reports",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]),

    // MARK: - Tests

    .testTarget(name: "CellLanguageTests", dependencies: ["CellLanguage"]),

    // MARK: - Arrays tests and benchmarks

    .testTarget(
      name: "ArraysTests", dependencies: ["Arrays"], resources: [.copy("Fixtures")]),
    .executableTarget(
      name: "ArraysBenchmarks", dependencies: ["Arrays"], path: "Benchmarks/ArraysBenchmarks"),
    .executableTarget(name: "InferenceBenchmarks", dependencies: ["Inference", "Arrays"], path: "Benchmarks/InferenceBenchmarks"),
    .testTarget(
      name: "SwiftBayesTests", dependencies: ["SwiftBayes", "CellLanguage"],
      resources: [.copy("Corpus"), .copy("Fixtures")]),
    /// µs per gradient of the tutorial density: hand-fused vs traced tapes (release).
    .executableTarget(
      name: "AutodiffBenchmarks", dependencies: ["SwiftBayes", "Autodiff", "Arrays"], path: "Benchmarks/AutodiffBenchmarks",
      swiftSettings: [.unsafeFlags(["-Ounchecked"])]),
    .testTarget(name: "AutodiffTests", dependencies: ["Autodiff", "Arrays"], resources: [.copy("Fixtures")]),
    .testTarget(name: "ProbabilityTests", dependencies: ["Probability", "Autodiff", "Arrays"], resources: [.copy("Fixtures")]),
    .testTarget(name: "InferenceTests", dependencies: ["Inference", "Arrays"]),
    .testTarget(name: "ConvergenceTests", dependencies: ["Convergence", "Arrays"], resources: [.copy("Fixtures")]),
    /// summary() timing against ArviZ (Benchmarks/convergence/bench.py).
    .executableTarget(
      name: "ConvergenceBenchmarks", dependencies: ["Convergence", "Arrays"], path: "Benchmarks/convergence/Sources"),
    .testTarget(name: "PlottingTests", dependencies: ["Plotting", "Arrays"], resources: [.copy("Golden")]),
    .testTarget(name: "ReportsTests", dependencies: ["Reports"]),
    .testTarget(name: "JupyterKernelTests", dependencies: ["JupyterKernel", "CZeroMQ"]),
    /// A kernel binary with a toy interpreter, to test the transport from Python
    /// independently of the session (scripts/test-kernel.sh --test-host).
    .executableTarget(
      name: "KernelTestHost", dependencies: ["JupyterKernel"], path: "Tests/KernelTestHost"),
  ]
)
