// local-only build shim for the kernel branch: never committed
import ArgumentParser
import JupyterKernel
struct ShimCLI: ParsableCommand {
  static let configuration = CommandConfiguration(commandName: "swiftbayes", subcommands: [KernelCommand.self, InstallCommand.self])
}
final class ShimInterpreter: KernelInterpreter {
  let implementationName = "shim"; let implementationVersion = "0"; let languageVersion = "6"; let banner = ""
  func execute(_ request: ExecuteRequest, publisher: KernelPublisher, readInput: @escaping (String, Bool) throws -> String) -> ExecuteOutcome { .ok(result: nil, pages: []) }
  func evaluateUserExpression(_ code: String) -> ExecuteOutcome { .ok(result: nil, pages: []) }
  func complete(code: String, cursorPos: Int) -> CompletionResult { .init(matches: [], cursorStart: 0, cursorEnd: 0) }
  func inspect(code: String, cursorPos: Int, detailLevel: Int) -> MimeBundle? { nil }
  func isComplete(code: String) -> CompletenessStatus { .complete }
  func interrupt() {}
  func restart() {}
}
func makeKernelInterpreter() -> any KernelInterpreter { ShimInterpreter() }
ShimCLI.main()
