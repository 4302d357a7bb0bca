import Arrays
import CellLanguage
import Foundation
import SwiftBayes
import Testing

/// Hostile input found by a probe (issue 14), through the language: special files and
/// huge files for `readCSV`, NUL bytes in paths, CR-only CSV line numbers, emoji names,
/// lazy ranges and the memory hook. Interrupts and the budget end to end are in
/// Tests/jupyter/test_hardening.py.
@Suite("Hardening")
struct HardeningTests {
  static func scratchDirectory() throws -> URL {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("swiftbayes-hardening-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    return dir
  }

  /// Runs a cell on another thread; nil if it has not finished within `seconds`.
  static func execute(_ session: Session, _ code: String, within seconds: Double) -> ExecutionResult? {
    let done = DispatchSemaphore(value: 0)
    nonisolated(unsafe) var result: ExecutionResult? = nil
    Thread.detachNewThread {
      result = session.execute(code)
      done.signal()
    }
    return done.wait(timeout: .now() + seconds) == .success ? result : nil
  }

  @Test func readCSVRefusesAFIFOWithoutBlocking() throws {
    let fifo = try Self.scratchDirectory().appendingPathComponent("f.csv").path
    try #require(mkfifo(fifo, 0o600) == 0)
    defer {
      // Wake a reader that did block (the old behaviour), so the thread can finish.
      let fd = open(fifo, O_WRONLY | O_NONBLOCK)
      if fd >= 0 { close(fd) }
    }
    let (session, _) = helperSession()
    let r = try #require(Self.execute(session, "readCSV(\"\(fifo)\")", within: 5), "readCSV blocked on a FIFO")
    #expect(r.error?.name == "IOError")
    #expect(r.error?.message.contains("not a regular file") == true)
    #expect(session.run("1 + 1") == "2")
  }

  @Test func readCSVChecksTheSizeBeforeReading() throws {
    let path = try Self.scratchDirectory().appendingPathComponent("huge.csv").path
    try #require(FileManager.default.createFile(atPath: path, contents: Data("a\n".utf8)))
    try #require(truncate(path, 3 << 30) == 0)  // sparse: no disk, no reading
    defer { unlink(path) }
    let (session, _) = helperSession()
    let start = Date()
    let r = try #require(Self.execute(session, "readCSV(\"\(path)\")", within: 10))
    #expect(Date().timeIntervalSince(start) < 1, "the size must be refused before the file is read")
    #expect(r.error?.name == "IOError")
    #expect(r.error?.message.contains("larger than 2 GB") == true)
  }

  @Test(arguments: [
    "readCSV(\"/etc/passwd\\u{0}.csv\")",
    "writeCSV(parseCSV(\"a\\n1\"), \"/tmp/x\\u{0}.csv\")",
    "parseCSV(\"a\\n1\").writeCSV(\"/tmp/x\\u{0}.csv\")",
  ])
  func pathsWithANulByteAreRefused(code: String) throws {
    let (session, _) = helperSession()
    let r = session.execute(code)
    #expect(r.error?.name == "ValueError", "\(r.error?.rendered ?? "no error")")
    #expect(r.error?.message.contains("NUL byte") == true)
    #expect(!FileManager.default.fileExists(atPath: "/tmp/x"))
  }

  @Test func theLibraryRefusesNulBytesToo() {
    #expect(throws: TableError.self) { try readCSV("/etc/passwd\u{0}.csv") }
    #expect(throws: TableError.self) { try CSVReader.parse("a\n1").writeCSV("/tmp/x\u{0}.csv") }
  }

  @Test func crOnlyLineEndsCountLines() {
    let (session, _) = helperSession()
    let r = session.execute("parseCSV(\"a,b\\r1,2\\r3\\r\")")
    #expect(r.error?.message.contains("row 2 (line 3)") == true, "\(r.error?.message ?? "no error")")
    let quoted = session.execute("parseCSV(\"a,b\\r\\\"x\\ry\\\",2\\r3\\r\")")
    #expect(quoted.error?.message.contains("row 2 (line 4)") == true, "\(quoted.error?.message ?? "no error")")
    #expect(session.run("parseCSV(\"a,b\\r1,2\\r3,4\\r\").rowCount") == "2")
  }

  @Test func emojiAndOtherSwiftIdentifiers() {
    let (session, _) = helperSession()
    #expect(session.run("let 🐶 = 5\n🐶 + 1") == "6")
    #expect(session.run("let 👩‍💻 = \"dev\"\n👩‍💻") == "\"dev\"")
    #expect(session.run("let π = 3.0\nlet café = π * 2\ncafé") == "6.0")
    #expect(session.execute("let a→b = 1").error != nil, "→ is an operator character, not a name")
  }

  @Test func sequenceMethodsWalkRangesLazily() {
    let (session, _) = helperSession()
    // 10¹² elements: only a lazy walk finishes (and the answer is found early).
    #expect(session.run("(0..<1_000_000_000_000).first { $0 > 5 }") == "Optional(6)")
    #expect(session.run("(0..<1_000_000_000_000).contains { $0 == 3 }") == "true")
    #expect(session.run("(0..<1_000_000_000_000).allSatisfy { $0 < 3 }") == "false")
    #expect(session.run("(5..<1_000_000_000_000).last") == "Optional(999999999999)")
    #expect(session.run("(1...4).reduce(0, +)") == "10")
    #expect(session.run("(1...4).filter { $0 % 2 == 0 }") == "[2, 4]")
    #expect(session.run("(0..<3).map { $0 * 10 }") == "[0, 10, 20]")
    #expect(session.run("Array(2..<5)") == "[2, 3, 4]")
    #expect(session.run("(0..<0).min()") == "nil")
    #expect(session.run("(Int.max - 2...Int.max).reduce(into: 0) { $0 += $1 & 1 }") == "2")
  }

  @Test func largeBuiltinAllocationsAskTheMemoryHook() {
    let (session, _) = helperSession()
    nonisolated(unsafe) var asked: [Int] = []
    session.interpreter.checkMemory = { bytes in
      asked.append(bytes)
      if bytes > 50 << 20 { throw HostError("over budget", kind: "MemoryError") }
    }
    for code in [
      "Array(repeating: 0, count: 10_000_000)", "Array(0..<10_000_000)", "(0..<10_000_000).map { $0 }",
      "String(repeating: \"ab\", count: 40_000_000)", "repeatElement(1, count: 10_000_000)",
      "var xs: [Int] = []\nfor i in 0..<10_000_000 { xs.append(i) }",
    ] {
      asked = []
      let r = session.execute(code)
      #expect(r.error?.name == "MemoryError", "\(code): \(r.error?.rendered ?? "no error")")
      #expect(!asked.isEmpty)
    }
    #expect(session.run("1 + 1") == "2")
    session.interpreter.checkMemory = { _ in }
    #expect(session.run("Array(0..<100_000).count") == "100000")
  }

  @Test func budgetArithmetic() {
    #expect(MemoryBudget.parseSize("4G") == 4 << 30)
    #expect(MemoryBudget.parseSize("512M") == 512 << 20)
    #expect(MemoryBudget.parseSize("1.5GiB") == 3 << 29)
    #expect(MemoryBudget.parseSize("800000000") == 800_000_000)
    #expect(MemoryBudget.parseSize("none") == Int.max)
    #expect(MemoryBudget.parseSize("0") == Int.max)
    #expect(MemoryBudget.parseSize("lots") == nil)
    #expect((MemoryBudget.residentBytes() ?? 0) > 1 << 20)
    #expect((MemoryBudget.machineBytes() ?? 0) > 1 << 28)
    #expect(MemoryBudget.limit > 0)
    #expect(MemoryBudgetError(requested: 3 << 30, resident: 1 << 30, limit: 2 << 30).description
      .contains("memory budget of 2.0 GB"))
  }
}
