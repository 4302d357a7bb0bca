import Arrays
import ArgumentParser
import Foundation
import JupyterKernel

// `swiftbayes kernel` and `swiftbayes install`: the executable joins the kernel and the
// session. Both commands only need `makeKernelInterpreter()`, which the session adapter
// defines (`func makeKernelInterpreter() -> any KernelInterpreter`); register
// `KernelCommand.self` and `InstallCommand.self` as subcommands of the main command.

/// `swiftbayes kernel --connection-file F`: serves one Jupyter client until shutdown.
struct KernelCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "kernel",
    abstract: "Run as a Jupyter kernel (started by Jupyter with a connection file).")

  @Option(name: .customLong("connection-file"), help: "The connection file written by the Jupyter client.")
  var connectionFile: String

  func run() throws {
    // The shell loop runs the session's cells itself (no hop to a session thread per
    // request), so it gets the large stack deep user recursion needs.
    let file = connectionFile
    let failure = ThreadResult()
    let thread = Thread {
      do {
        try runKernel(connectionFile: file, interpreter: makeKernelInterpreter())
      } catch {
        failure.message = "\(error)"
      }
      failure.done.signal()
    }
    thread.stackSize = 1 << 29
    thread.name = "swiftbayes-shell"
    thread.start()
    failure.done.wait()
    if let message = failure.message {
      FileHandle.standardError.write(Data("swiftbayes kernel: \(message)\n".utf8))
      throw ExitCode(1)
    }
  }
}

/// How the kernel's shell thread ended.
final class ThreadResult: @unchecked Sendable {
  let done = DispatchSemaphore(value: 0)
  var message: String?
}

/// `swiftbayes install [--user | --sys-prefix | --prefix P] [--name N] [--display-name D]`.
struct InstallCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "install",
    abstract: "Install the Jupyter kernelspec that runs this binary (see `jupyter kernelspec list`).")

  @Flag(help: "Install for the current user (Jupyter's user data directory).")
  var user = false

  @Flag(name: .customLong("sys-prefix"), help: "Install into the active Python environment (sys.prefix).")
  var sysPrefix = false

  @Option(help: "Install into PREFIX/share/jupyter/kernels.")
  var prefix: String?

  @Option(help: "The kernelspec name.")
  var name: String = KernelspecInstaller.defaultName

  @Option(name: .customLong("display-name"), help: "The name shown in Jupyter's launcher.")
  var displayName: String?

  @Option(
    name: .customLong("memory-limit"),
    help: "The session's memory budget (4G, 512M, none), written to the kernelspec's env as SWIFTBAYES_MEMORY_LIMIT; default 75% of the machine's memory.")
  var memoryLimit: String?

  func validate() throws {
    if [user, sysPrefix, prefix != nil].filter({ $0 }).count > 1 {
      throw ValidationError("choose at most one of --user, --sys-prefix and --prefix")
    }
    if let memoryLimit, MemoryBudget.parseSize(memoryLimit) == nil {
      throw ValidationError("--memory-limit takes a size such as 4G, 512M or none, not '\(memoryLimit)'")
    }
  }

  func run() throws {
    let location: KernelspecInstaller.Location =
      user ? .user : sysPrefix ? .sysPrefix : prefix.map { .prefix($0) } ?? .system
    let binary = InstallCommand.executablePath()
    do {
      let template = try KernelspecInstaller.templateDirectory(binaryPath: binary)
      let installed = try KernelspecInstaller.install(
        binaryPath: binary, templateDirectory: template, location: location, name: name,
        displayName: displayName, kernelEnvironment: memoryLimit.map { ["SWIFTBAYES_MEMORY_LIMIT": $0] } ?? [:])
      print("Installed kernelspec \(name.lowercased()) in \(installed)")
    } catch {
      FileHandle.standardError.write(Data("swiftbayes install: \(error)\n".utf8))
      throw ExitCode(1)
    }
  }

  /// The absolute path of the running binary (`/proc/self/exe` on Linux).
  static func executablePath() -> String {
    if let resolved = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
      return resolved
    }
    return Bundle.main.executablePath ?? URL(fileURLWithPath: CommandLine.arguments[0]).standardizedFileURL.path
  }
}
