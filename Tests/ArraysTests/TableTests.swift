import Foundation
import Testing

@testable import Arrays

/// CSV tables: the radon data against pandas, parsing rules, errors and round trips.
@Suite("Tables and CSV")
struct TableTests {
  static func radon() throws -> Table {
    let url = try #require(Bundle.module.url(forResource: "radon", withExtension: "csv", subdirectory: "Fixtures"))
    return try readCSV(url.path)
  }

  @Test func radonMatchesPandas() throws {
    let pandas = try #require(try Fixture.load("radon_pandas") as? [String: Any])
    let table = try Self.radon()
    #expect(table.rowCount == 919)
    #expect(table.columnNames == pandas["columns"] as! [String])
    #expect(table.columns.map(\.typeName) == ["Int", "Int", "String", "Double", "Double"])
    let describe = table.describe()
    let expected = pandas["describe"] as! [String: Any]
    for name in ["Unnamed: 0", "floor", "log_radon", "log_uranium"] {
      let got = try #require(describe[name]?.array?.doubles)
      let want = Fixture.numbers(expected[name])
      for (g, w) in zip(got, want) { #expect(Swift.abs(g - w) <= 1e-12 * Swift.max(1, Swift.abs(w)), "\(name)") }
    }
    let (codes, levels) = try table.groupIndex("county")
    #expect(levels.count == 85)
    #expect(levels == pandas["countyLevels"] as! [String])
    #expect(codes.ints == Fixture.ints(pandas["countyCodes"]))
    #expect(try table.groupIndex("county", sortLevels: false).codes.ints == Fixture.ints(pandas["firstAppearance"]))
  }

  @Test func headFilterAndRendering() throws {
    let table = try Self.radon()
    let head = table.head(3)
    #expect(head.rowCount == 3)
    let floor = try #require(table["floor"]?.array)
    let upstairs = try table.filter(try floor .== 1)
    #expect(upstairs.rowCount == floor.ints.filter { $0 == 1 }.count)
    let text = table.description
    #expect(text.contains("AITKIN"))
    #expect(text.contains("..."))
    #expect(text.hasSuffix("[919 rows x 5 columns]"))
    #expect(head.description.split(separator: "\n").first?.contains("log_radon") == true)
    #expect(table.html.contains("<p>919 rows × 5 columns</p>"))
    #expect(table.html.components(separatedBy: "<tr>").count == 12)  // text before + 5 + … + 5 body rows
    #expect(throws: TableError.noSuchColumn("radon", available: table.columnNames)) { try table.column("radon") }
    #expect(throws: TableError.self) { try table.filter(NDArray([true])) }
  }

  @Test func quotingMissingValuesAndInference() throws {
    let csv = "name,score,count,flag,note\r\n\"Smith, J\",1.5,3,true,\"say \"\"hi\"\"\"\n"
      + "Lee,NA,,False,\"two\nlines\"\n\nKim,2e3,7,TRUE,\n"
    let t = try CSVReader.parse(csv)
    #expect(t.rowCount == 3)
    #expect(t["name"] == .string(["Smith, J", "Lee", "Kim"]))
    guard case .double(let score) = try t.column("score") else { Issue.record("score is not Double"); return }
    #expect(score[0] == 1.5 && score[1].isNaN && score[2] == 2000)
    guard case .double(let count) = try t.column("count") else { Issue.record("count is not Double"); return }
    #expect(count[0] == 3 && count[1].isNaN)
    #expect(t["flag"] == .bool([true, false, true]))
    #expect(t["note"] == .string(["say \"hi\"", "two\nlines", nil]))
  }

  @Test(arguments: [
    ("a,b,c\n1,2,3\n4,5\n", "malformed CSV at row 2 (line 3), column \"c\": expected 3 fields but found 2"),
    ("a,b\n1,2,3\n", "malformed CSV at row 1 (line 2), column 3 (the header has 2): expected 2 fields but found 3"),
    ("a,b\n1,\"open\n2,3\n", "malformed CSV at row 1 (line 2), column \"b\": unterminated quoted field"),
    ("a,b\n\"x\"y,2\n", "malformed CSV at row 1 (line 2), column \"a\": unexpected character after a closing quote"),
  ])
  func malformedFilesNameRowAndColumn(_ csv: String, _ message: String) {
    do {
      _ = try CSVReader.parse(csv)
      Issue.record("no error for \(csv)")
    } catch {
      #expect("\(error)" == message)
    }
  }

  @Test func writeThenReadRoundTrips() throws {
    let table = try Self.radon()
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("radon-\(UUID().uuidString).csv").path
    defer { try? FileManager.default.removeItem(atPath: path) }
    try table.writeCSV(path)
    #expect(try readCSV(path) == table)
    #expect(throws: TableError.self) { try readCSV("/nonexistent/file.csv") }
  }
}

/// The CSV reader's fast decimal parser must round exactly as `strtod` does.
@Suite("CSV number parsing")
struct CSVNumberParsingTests {
  @Test func fastPathRoundsLikeStrtod() throws {
    var rs = try RandomState(seed: 5)
    var lines = ["x"]
    var expected: [Double] = []
    for k in 0..<20_000 {
      let magnitude = Foundation.pow(10.0, Double(k % 30) - 15)
      let value = try rs.normal(0, 1) * magnitude
      // Shortest round-trip text, and a long 19-significant-digit rendering.
      let text = k % 2 == 0 ? "\(value)" : String(format: "%.18f", value)
      lines.append(text)
      expected.append(Double(text)!)  // Swift's parser: correctly rounded
    }
    lines += ["0.1", "-0.0", "123456789012345678.5", "9007199254740993", "1e-5", ".5", "5.", "-.25"]
    expected += [0.1, -0.0, 123456789012345678.5, 9007199254740993, 1e-5, 0.5, 5.0, -0.25]
    let table = try CSVReader.parse(lines.joined(separator: "\n"))
    guard case .double(let parsed) = try table.column("x") else {
      Issue.record("x is not a Double column")
      return
    }
    #expect(parsed.count == expected.count)
    let mismatches = zip(parsed, expected).filter { $0.bitPattern != $1.bitPattern }
    #expect(mismatches.isEmpty, "\(mismatches.prefix(5))")
  }
}

/// The parallel tokenizer (quote-free input split at line ends) must agree with the
/// sequential one, and leave error reporting to it.
@Suite("CSV parallel tokenizer")
struct CSVParallelTests {
  static let inputs = [
    "a,b,c\n1,2,3\n\n4,5,6\r\n7,8,\n",
    "x\n" + (0..<5000).map { "\(Double($0) * 0.37 - 11)" }.joined(separator: "\n"),
    ",name,flag\n" + (0..<3000).map { "\($0),n\($0 % 7),\($0 % 2 == 0 ? "true" : "false")" }.joined(separator: "\n") + "\n",
    "a,b\n1,2\n3\n",
    "a,b,c\r\n1,2,3\r\n4,5,\r\n7,8,9",
    "a,b\n",
    "only\n1\n2\n\n",
    "a,b\n1,2\n3,4,5\n",
  ]

  @Test(arguments: inputs.indices)
  func parallelAgreesWithSequential(_ k: Int) {
    let bytes = Array(Self.inputs[k].utf8)
    let sequential = Result { try CSVReader.parse(bytes: bytes, parallelMinimumBytes: .max) }
    let parallel = Result { try CSVReader.parse(bytes: bytes, parallelMinimumBytes: 0) }
    switch (sequential, parallel) {
    case (.success(let s), .success(let p)):  // (csvString: NaN != NaN under ==)
      #expect(s.columnNames == p.columnNames && s.columns.map(\.typeName) == p.columns.map(\.typeName))
      #expect(s.csvString() == p.csvString())
    case (.failure(let s), .failure(let p)): #expect("\(s)" == "\(p)")
    default: Issue.record("sequential \(sequential) but parallel \(parallel)")
    }
  }

  @Test func byteOrderMarkIsSkipped() throws {
    let t = try CSVReader.parse("\u{FEFF}a,b\n1,2\n")
    #expect(t.columnNames == ["a", "b"])
    #expect(t["a"] == .int([1]))
  }

  @Test func headerOnlyGivesEmptyColumns() throws {
    let t = try CSVReader.parse("a,b\n")
    #expect(t.columnNames == ["a", "b"])
    #expect(t.rowCount == 0)
  }
}
