import Foundation
import Synchronization

/// The process-wide memory ceiling: an allocation that would take the process past it
/// throws `MemoryBudgetError` instead of letting the operating system kill the process.
///
/// The budget is checked against what the process really uses, its resident set size
/// (read from `/proc/self/statm`, one `pread` of a file kept open), plus the bytes about
/// to be allocated. Nothing is counted or released by hand, so memory freed anywhere (a
/// dropped variable, a finished cell) is seen at the next check, and allocations made by
/// code that never checks still count against the ones that do. Only requests of at least
/// `minimumCheckedBytes` read the file, so small allocations cost nothing.
///
/// The limit is `SWIFTBAYES_MEMORY_LIMIT` when set (`4G`, `512M`, `1.5G`, `800000000`, or
/// `none`/`0` for no limit), otherwise `defaultFraction` of the machine's memory (the
/// smaller of `MemTotal` and a cgroup v2 `memory.max`). Where `/proc` is missing (not
/// Linux) there is no limit.
public enum MemoryBudget {
  /// The share of the machine's memory a session may use when no limit is configured.
  public static let defaultFraction = 0.75
  /// Smaller requests are not checked: reading `/proc/self/statm` costs about a microsecond.
  public static let minimumCheckedBytes = 1 << 20

  private static let limitStorage = Atomic<Int>(initialLimit())
  private static let statm: Int32 = open("/proc/self/statm", O_RDONLY | O_CLOEXEC)
  private static let pageSize = Int(sysconf(Int32(_SC_PAGESIZE)))

  /// The ceiling in bytes; `Int.max` means none. Settable (tests, embedding hosts).
  public static var limit: Int {
    get { limitStorage.load(ordering: .relaxed) }
    set { limitStorage.store(newValue <= 0 ? Int.max : newValue, ordering: .relaxed) }
  }

  /// The process's resident set size in bytes, or nil where it cannot be read.
  public static func residentBytes() -> Int? {
    guard statm >= 0 else { return nil }
    var buffer = [UInt8](repeating: 0, count: 128)
    let n = buffer.withUnsafeMutableBytes { pread(statm, $0.baseAddress, 127, 0) }
    guard n > 0 else { return nil }
    // "size resident shared text lib data dt", in pages.
    let fields = buffer[0..<n].split(separator: UInt8(ascii: " "))
    guard fields.count > 1, let pages = Int(String(decoding: fields[1], as: UTF8.self)) else { return nil }
    return pages * pageSize
  }

  /// Throws if allocating `bytes` more would take the process past the limit.
  /// - Throws: `MemoryBudgetError` naming the request, the current use and the limit.
  public static func check(bytes: Int) throws {
    guard bytes >= minimumCheckedBytes else { return }
    let limit = self.limit
    guard limit != Int.max else { return }
    let resident = residentBytes() ?? 0
    if bytes > limit - resident {
      throw MemoryBudgetError(requested: bytes, resident: resident, limit: limit)
    }
  }

  /// Throws if `count` elements of `stride` bytes each would pass the limit (an
  /// overflowing product always does).
  public static func check(count: Int, stride: Int) throws {
    let (bytes, overflow) = Swift.max(count, 0).multipliedReportingOverflow(by: stride)
    try check(bytes: overflow ? Int.max : bytes)
  }

  /// Parses `4G`, `512M`, `64K`, `1.5G`, `123` (bytes; binary units, an optional `B`
  /// or `iB`): nil if malformed, `Int.max` for `none`, `unlimited` or `0`.
  public static func parseSize(_ text: String) -> Int? {
    var s = text.trimmingCharacters(in: .whitespaces).uppercased()
    if s == "NONE" || s == "UNLIMITED" { return Int.max }
    if s.hasSuffix("IB") { s.removeLast(2) } else if s.hasSuffix("B") { s.removeLast() }
    var scale = 1.0
    if let unit = s.last, let power = ["K": 1, "M": 2, "G": 3, "T": 4][String(unit)] {
      scale = pow(1024, Double(power))
      s.removeLast()
    }
    guard let number = Double(s.trimmingCharacters(in: .whitespaces)), number >= 0, number.isFinite else { return nil }
    let bytes = number * scale
    guard bytes < 9e18 else { return Int.max }
    return bytes == 0 ? Int.max : Int(bytes)
  }

  /// The machine's memory: `MemTotal`, or a smaller cgroup v2 `memory.max`.
  public static func machineBytes() -> Int? {
    var total: Int? = nil
    if let meminfo = try? String(contentsOfFile: "/proc/meminfo", encoding: .utf8),
      let line = meminfo.split(separator: "\n").first(where: { $0.hasPrefix("MemTotal:") })
    {
      let parts = line.split(separator: " ")
      if parts.count >= 2, let kib = Int(parts[1]) { total = kib * 1024 }
    }
    if let cgroup = try? String(contentsOfFile: "/sys/fs/cgroup/memory.max", encoding: .utf8),
      let bytes = Int(cgroup.trimmingCharacters(in: .whitespacesAndNewlines))
    {
      total = Swift.min(total ?? bytes, bytes)
    }
    return total
  }

  static func initialLimit() -> Int {
    if let text = ProcessInfo.processInfo.environment["SWIFTBAYES_MEMORY_LIMIT"], let bytes = parseSize(text) {
      return bytes
    }
    guard let machine = machineBytes() else { return Int.max }
    return Int(Double(machine) * defaultFraction)
  }

  /// A byte count for messages: `3.2 GB`, `512 MB`.
  public static func describe(_ bytes: Int) -> String {
    if bytes == Int.max { return "unlimited" }
    let units = ["bytes", "KB", "MB", "GB", "TB"]
    var value = Double(bytes)
    var unit = 0
    while value >= 1024 && unit < units.count - 1 {
      value /= 1024
      unit += 1
    }
    return unit == 0 ? "\(bytes) bytes" : String(format: value < 10 ? "%.1f" : "%.0f", value) + " " + units[unit]
  }
}

/// An allocation refused by `MemoryBudget`; the language shows it as a `MemoryError`.
public struct MemoryBudgetError: Error, Equatable, CustomStringConvertible, Sendable {
  public var requested: Int
  public var resident: Int
  public var limit: Int

  public init(requested: Int, resident: Int, limit: Int) {
    self.requested = requested
    self.resident = resident
    self.limit = limit
  }

  public var description: String {
    "allocating \(MemoryBudget.describe(requested)) would take the session past its memory budget of "
      + "\(MemoryBudget.describe(limit)) (it uses \(MemoryBudget.describe(resident))); "
      + "free some variables or set SWIFTBAYES_MEMORY_LIMIT"
  }
}
