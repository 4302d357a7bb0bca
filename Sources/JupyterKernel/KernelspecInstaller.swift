import Foundation

/// Installs the kernelspec (`kernel.json` and logos) where Jupyter looks for kernels, laid
/// out as `jupyter kernelspec install` does: `<data dir>/kernels/<name>/`.
public struct KernelspecInstaller {
  /// Where to install, mirroring `jupyter kernelspec install`'s flags.
  public enum Location: Equatable, Sendable {
    /// `--user`: `$JUPYTER_DATA_DIR`, else `~/.local/share/jupyter` (`~/Library/Jupyter` on macOS).
    case user
    /// `--sys-prefix`: `<sys.prefix>/share/jupyter` of the active Python environment.
    case sysPrefix
    /// `--prefix P`: `P/share/jupyter`.
    case prefix(String)
    /// No flag: the system-wide `/usr/local/share/jupyter`.
    case system
  }

  public enum InstallError: Error, CustomStringConvertible, Equatable {
    case invalidName(String)
    case templateNotFound(String)
    case badTemplate(String)
    case noPythonPrefix
    public var description: String {
      switch self {
      case .invalidName(let n): "invalid kernel name '\(n)' (use letters, digits, '.', '_' and '-')"
      case .templateNotFound(let s): "kernelspec template not found (\(s)); set SWIFTBAYES_KERNELSPEC_DIR"
      case .badTemplate(let s): "kernelspec template kernel.json is invalid: \(s)"
      case .noPythonPrefix: "--sys-prefix: no active Python environment (VIRTUAL_ENV, CONDA_PREFIX or python3)"
      }
    }
  }

  public static let defaultName = "swiftbayes"
  public static let logoFiles = ["logo-svg.svg", "logo-32x32.png", "logo-64x64.png"]

  /// The `kernels` directory for a location.
  public static func kernelsDirectory(
    for location: Location, environment: [String: String] = ProcessInfo.processInfo.environment
  ) throws -> String {
    let dataDirectory: String
    switch location {
    case .user:
      if let dir = environment["JUPYTER_DATA_DIR"], !dir.isEmpty {
        dataDirectory = dir
      } else {
        let home = environment["HOME"] ?? NSHomeDirectory()
        #if os(macOS)
          dataDirectory = home + "/Library/Jupyter"
        #else
          let xdg = environment["XDG_DATA_HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? home + "/.local/share"
          dataDirectory = xdg + "/jupyter"
        #endif
      }
    case .sysPrefix:
      guard let prefix = environment["VIRTUAL_ENV"] ?? environment["CONDA_PREFIX"] ?? pythonPrefix() else {
        throw InstallError.noPythonPrefix
      }
      dataDirectory = prefix + "/share/jupyter"
    case .prefix(let p):
      dataDirectory = p + "/share/jupyter"
    case .system:
      dataDirectory = "/usr/local/share/jupyter"
    }
    return dataDirectory + "/kernels"
  }

  /// Finds the `kernelspec/` template: `$SWIFTBAYES_KERNELSPEC_DIR`, else the first
  /// `kernelspec/kernel.json` in the binary's directory or one of its parents (so a
  /// binary in `.build/debug/` finds the repository's folder).
  public static func templateDirectory(
    binaryPath: String, environment: [String: String] = ProcessInfo.processInfo.environment
  ) throws -> String {
    if let dir = environment["SWIFTBAYES_KERNELSPEC_DIR"], !dir.isEmpty {
      guard FileManager.default.fileExists(atPath: dir + "/kernel.json") else {
        throw InstallError.templateNotFound(dir + "/kernel.json")
      }
      return dir
    }
    var dir = URL(fileURLWithPath: binaryPath).resolvingSymlinksInPath().deletingLastPathComponent()
    while true {
      let candidate = dir.appendingPathComponent("kernelspec")
      if FileManager.default.fileExists(atPath: candidate.path + "/kernel.json") { return candidate.path }
      let parent = dir.deletingLastPathComponent()
      if parent.path == dir.path { break }
      dir = parent
    }
    throw InstallError.templateNotFound("no kernelspec/ above \(binaryPath)")
  }

  /// Writes `<kernels>/<name>/kernel.json` with `argv[0]` set to the absolute `binaryPath`
  /// (and the display name if given, and `kernelEnvironment` added to the spec's `env`,
  /// which Jupyter sets for the kernel process: `SWIFTBAYES_MEMORY_LIMIT`), copies the
  /// logos, and returns the directory.
  @discardableResult
  public static func install(
    binaryPath: String, templateDirectory: String, location: Location,
    name: String = defaultName, displayName: String? = nil, kernelEnvironment: [String: String] = [:],
    environment: [String: String] = ProcessInfo.processInfo.environment
  ) throws -> String {
    let name = name.lowercased()
    guard !name.isEmpty, name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "._-".contains($0)) }) else {
      throw InstallError.invalidName(name)
    }
    let templatePath = templateDirectory + "/kernel.json"
    guard let data = FileManager.default.contents(atPath: templatePath) else {
      throw InstallError.templateNotFound(templatePath)
    }
    var spec: [String: JSON]
    do {
      guard let object = try JSON.parse([UInt8](data)).objectValue else { throw InstallError.badTemplate("not an object") }
      spec = object
    } catch let error as JSONParseError {
      throw InstallError.badTemplate(error.description)
    }
    guard var argv = spec["argv"]?.arrayValue, !argv.isEmpty else { throw InstallError.badTemplate("no argv") }
    argv[0] = .string(URL(fileURLWithPath: binaryPath).standardizedFileURL.resolvingSymlinksInPath().path)
    spec["argv"] = .array(argv)
    if let displayName { spec["display_name"] = .string(displayName) }
    if !kernelEnvironment.isEmpty {
      var env = spec["env"]?.objectValue ?? [:]
      for (key, value) in kernelEnvironment { env[key] = .string(value) }
      spec["env"] = .object(env)
    }

    let destination = try kernelsDirectory(for: location, environment: environment) + "/" + name
    let fm = FileManager.default
    if fm.fileExists(atPath: destination) { try fm.removeItem(atPath: destination) }
    try fm.createDirectory(atPath: destination, withIntermediateDirectories: true)
    try Data(JSON.object(spec).encoded()).write(to: URL(fileURLWithPath: destination + "/kernel.json"))
    for logo in logoFiles where fm.fileExists(atPath: templateDirectory + "/" + logo) {
      try fm.copyItem(atPath: templateDirectory + "/" + logo, toPath: destination + "/" + logo)
    }
    return destination
  }

  /// `sys.prefix` of `python3` on PATH, or nil.
  static func pythonPrefix() -> String? {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3", "-c", "import sys; print(sys.prefix)"]
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = FileHandle.nullDevice
    guard (try? process.run()) != nil else { return nil }
    let output = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else { return nil }
    let prefix = String(decoding: output, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    return prefix.isEmpty ? nil : prefix
  }
}
