import Foundation
import Testing

/// `swiftbayes run` through the built executable.
@Suite("CLI: swiftbayes run")
struct CLITests {
  static var binary: URL {
    var dir = Bundle.main.bundleURL
    if dir.pathExtension == "xctest" { dir.deleteLastPathComponent() }
    return dir.appendingPathComponent("swiftbayes")
  }

  func run(_ script: String, _ extra: [String] = []) throws -> (status: Int32, stdout: String, stderr: String) {
    let file = FileManager.default.temporaryDirectory.appendingPathComponent("cli-\(UUID().uuidString).swift")
    try script.write(to: file, atomically: true, encoding: .utf8)
    defer { try? FileManager.default.removeItem(at: file) }
    let p = Process()
    p.executableURL = CLITests.binary
    p.arguments = ["run", file.path] + extra
    let out = Pipe(), err = Pipe()
    p.standardOutput = out
    p.standardError = err
    try p.run()
    let o = out.fileHandleForReading.readDataToEndOfFile()
    let e = err.fileHandleForReading.readDataToEndOfFile()
    p.waitUntilExit()
    return (p.terminationStatus, String(decoding: o, as: UTF8.self), String(decoding: e, as: UTF8.self))
  }

  @Test func binaryExists() {
    #expect(FileManager.default.isExecutableFile(atPath: CLITests.binary.path), "build the package first: \(CLITests.binary.path)")
  }

  @Test func runsCellsAndPrintsResults() throws {
    let r = try run("""
      let xs = [1, 2, 3]
      print("sum:", xs.reduce(0, +))
      // %%
      xs.map { $0 * 2 }
      // %% [markdown]
      // Not code.
      // %%
      let s = "done"
      s
      """)
    #expect(r.status == 0)
    #expect(r.stdout == "sum: 6\n[2, 4, 6]\n\"done\"\n")
    #expect(r.stderr == "")
  }

  @Test func errorStopsWithStatusOne() throws {
    let r = try run("print(\"one\")\n// %%\nlet v = [1][3]\n// %%\nprint(\"three\")")
    #expect(r.status == 1)
    #expect(r.stdout == "one\n")
    #expect(r.stderr.contains("index 3 out of range"))
    #expect(r.stderr.contains("1:9"))
    #expect(r.stderr.contains("^"))
  }

  @Test func continueOnError() throws {
    let r = try run("print(\"one\")\n// %%\nlet v = nope\n// %%\nprint(\"three\")", ["--continue-on-error"])
    #expect(r.status == 1)
    #expect(r.stdout == "one\nthree\n")
    #expect(r.stderr.contains("cannot find 'nope' in scope"))
  }

  @Test func missingFile() throws {
    let p = Process()
    p.executableURL = CLITests.binary
    p.arguments = ["run", "/nonexistent/file.swift"]
    p.standardError = Pipe()
    try p.run()
    p.waitUntilExit()
    #expect(p.terminationStatus == 2)
  }
}
