import ArgumentParser
import Reports

@main
struct SwiftBayesCLI: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "swiftbayes",
    abstract: "SwiftBayes: Swift-syntax Bayesian notebooks, as a Jupyter kernel or from the command line.",
    version: SwiftBayesCLI.version,
    subcommands: [Run.self, KernelCommand.self, InstallCommand.self])

  static let version = SwiftBayesRelease.version
}
