import Foundation

/// The connection file a Jupyter client writes before starting the kernel
/// (`kernel --connection-file F`): where to bind the five sockets and how to sign.
public struct ConnectionInfo: Sendable, Equatable {
  public var transport: String
  public var ip: String
  public var shellPort: Int
  public var controlPort: Int
  public var stdinPort: Int
  public var iopubPort: Int
  public var heartbeatPort: Int
  public var key: String
  public var signatureScheme: String
  public var kernelName: String

  public enum ParseError: Error, Equatable, CustomStringConvertible {
    case unreadable(String)
    case invalid(String)
    public var description: String {
      switch self {
      case .unreadable(let s): "cannot read connection file: \(s)"
      case .invalid(let s): "invalid connection file: \(s)"
      }
    }
  }

  public init(
    transport: String = "tcp", ip: String = "127.0.0.1", shellPort: Int = 0, controlPort: Int = 0,
    stdinPort: Int = 0, iopubPort: Int = 0, heartbeatPort: Int = 0, key: String = "",
    signatureScheme: String = "hmac-sha256", kernelName: String = ""
  ) {
    self.transport = transport
    self.ip = ip
    self.shellPort = shellPort
    self.controlPort = controlPort
    self.stdinPort = stdinPort
    self.iopubPort = iopubPort
    self.heartbeatPort = heartbeatPort
    self.key = key
    self.signatureScheme = signatureScheme
    self.kernelName = kernelName
  }

  public init(json: JSON) throws {
    guard case .object = json else { throw ParseError.invalid("not a JSON object") }
    func port(_ name: String) throws -> Int {
      guard let p = json[name]?.intValue, (0...65535).contains(p) else {
        throw ParseError.invalid("\(name) missing or not a port number")
      }
      return p
    }
    transport = json["transport"]?.stringValue ?? "tcp"
    guard transport == "tcp" || transport == "ipc" else {
      throw ParseError.invalid("transport '\(transport)' (expected tcp or ipc)")
    }
    ip = json["ip"]?.stringValue ?? "127.0.0.1"
    shellPort = try port("shell_port")
    controlPort = try port("control_port")
    stdinPort = try port("stdin_port")
    iopubPort = try port("iopub_port")
    heartbeatPort = try port("hb_port")
    key = json["key"]?.stringValue ?? ""
    signatureScheme = json["signature_scheme"]?.stringValue ?? "hmac-sha256"
    kernelName = json["kernel_name"]?.stringValue ?? ""
  }

  public init(contentsOf path: String) throws {
    guard let data = FileManager.default.contents(atPath: path) else { throw ParseError.unreadable(path) }
    do {
      try self.init(json: JSON.parse([UInt8](data)))
    } catch let error as JSONParseError {
      throw ParseError.invalid(error.description)
    }
  }

  /// The ZeroMQ endpoint for a port: `tcp://ip:port`, or for ipc `ipc://ip-port` (the
  /// way jupyter_client names ipc endpoints: the `ip` field is a path prefix).
  public func endpoint(port: Int) -> String {
    switch transport {
    case "ipc": "ipc://\(ip)-\(port)"
    default: "tcp://\(ip.contains(":") ? "[\(ip)]" : ip):\(port)"
    }
  }
}
