import Foundation
import Testing

@testable import JupyterKernel

@Suite("Kernelspec install")
struct KernelspecInstallerTests {
  static let repositoryKernelspec = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("kernelspec").path

  func temporaryDirectory() throws -> String {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ks-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    return dir
  }

  @Test("locations follow jupyter kernelspec install")
  func locations() throws {
    let env = ["HOME": "/home/u", "VIRTUAL_ENV": "/venv"]
    #expect(try KernelspecInstaller.kernelsDirectory(for: .user, environment: env) == "/home/u/.local/share/jupyter/kernels")
    #expect(try KernelspecInstaller.kernelsDirectory(for: .user, environment: ["JUPYTER_DATA_DIR": "/d"]) == "/d/kernels")
    #expect(try KernelspecInstaller.kernelsDirectory(for: .sysPrefix, environment: env) == "/venv/share/jupyter/kernels")
    #expect(try KernelspecInstaller.kernelsDirectory(for: .prefix("/p"), environment: env) == "/p/share/jupyter/kernels")
    #expect(try KernelspecInstaller.kernelsDirectory(for: .system, environment: env) == "/usr/local/share/jupyter/kernels")
  }

  @Test("install writes kernel.json with the absolute binary path and copies the logos")
  func install() throws {
    let prefix = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: prefix) }
    let dir = try KernelspecInstaller.install(
      binaryPath: "/opt/bin/../bin/swiftbayes", templateDirectory: Self.repositoryKernelspec,
      location: .prefix(prefix), name: "SwiftBayes-Test", displayName: "Swift (test)")
    #expect(dir == prefix + "/share/jupyter/kernels/swiftbayes-test")
    let spec = try JSON.parse([UInt8](try #require(FileManager.default.contents(atPath: dir + "/kernel.json"))))
    #expect(spec["argv"] == ["/opt/bin/swiftbayes", "kernel", "--connection-file", "{connection_file}"])
    #expect(spec["display_name"] == "Swift (test)")
    #expect(spec["language"] == "swift")
    #expect(spec["interrupt_mode"] == "message")
    for logo in KernelspecInstaller.logoFiles {
      #expect(FileManager.default.fileExists(atPath: dir + "/" + logo))
    }
    // Installing again replaces the folder.
    try KernelspecInstaller.install(binaryPath: "/x/swiftbayes", templateDirectory: Self.repositoryKernelspec, location: .prefix(prefix), name: "swiftbayes-test")
    let again = try JSON.parse([UInt8](FileManager.default.contents(atPath: dir + "/kernel.json")!))
    #expect(again["display_name"] == "Swift (SwiftBayes)")
    #expect(again["env"] == nil)
    // `--memory-limit`: the kernel's environment in the spec.
    try KernelspecInstaller.install(
      binaryPath: "/x/swiftbayes", templateDirectory: Self.repositoryKernelspec, location: .prefix(prefix),
      name: "swiftbayes-test", kernelEnvironment: ["SWIFTBAYES_MEMORY_LIMIT": "4G"])
    let limited = try JSON.parse([UInt8](FileManager.default.contents(atPath: dir + "/kernel.json")!))
    #expect(limited["env"] == ["SWIFTBAYES_MEMORY_LIMIT": "4G"])
  }

  @Test("bad names and missing templates are reported")
  func errors() throws {
    #expect(throws: KernelspecInstaller.InstallError.invalidName("a/b")) {
      try KernelspecInstaller.install(binaryPath: "/x", templateDirectory: Self.repositoryKernelspec, location: .prefix("/tmp"), name: "a/b")
    }
    #expect(throws: KernelspecInstaller.InstallError.self) {
      try KernelspecInstaller.templateDirectory(binaryPath: "/nonexistent/bin/swiftbayes", environment: [:])
    }
    #expect(try KernelspecInstaller.templateDirectory(binaryPath: Self.repositoryKernelspec + "/../.build/debug/swiftbayes", environment: [:]).hasSuffix("kernelspec"))
  }
}
