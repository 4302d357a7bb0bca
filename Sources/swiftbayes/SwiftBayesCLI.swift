import ArgumentParser

@main
struct SwiftBayesCLI: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "swiftbayes",
    abstract: "SwiftBayes: Swift-syntax Bayesian notebooks, as a Jupyter kernel or from the command line.",
    subcommands: [Run.self])
}
