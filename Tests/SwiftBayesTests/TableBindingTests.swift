import Arrays
import CellLanguage
import Foundation
import SwiftBayes
import Testing

@Suite("Table bindings")
struct TableBindingTests {
  /// data/radon.csv in the repository (a copy of the project's shared data set).
  static var radonPath: String {
    URL(fileURLWithPath: #filePath)
      .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
      .appendingPathComponent("data/radon.csv").standardizedFileURL.path
  }

  static func temporaryFile(_ name: String, _ contents: String) throws -> String {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("swiftbayes-table-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    let url = dir.appendingPathComponent(name)
    try contents.write(to: url, atomically: true, encoding: .utf8)
    return url.path
  }

  @Test func radonDataSet() throws {
    let path = TableBindingTests.radonPath
    try #require(FileManager.default.fileExists(atPath: path),
                 "the radon data set is missing at \(path)")
    let (session, _) = helperSession()
    session.run("let radon = readCSV(\"\(path)\")\nlet g = radon.groupIndex(\"county\")")
    #expect(session.run("radon.rowCount") == "919")
    #expect(session.run("radon.count") == "919")
    #expect(session.run("radon.columns") == "[\"Unnamed: 0\", \"floor\", \"county\", \"log_radon\", \"log_uranium\"]")
    #expect(session.run("g.levels.count") == "85")
    #expect(session.run("g.levels[0]") == "\"AITKIN\"")
    #expect(session.run("g.codes.count") == "919")
    #expect(session.run("g.codes.max()") == "84")
    #expect(session.run("g.codes.min()") == "0")
    #expect(session.run("type(of: g.codes)") == "\"NDArray\"")
    // Columns: numeric ones are arrays, text ones Swift arrays of String.
    #expect(session.run("type(of: radon[\"log_radon\"])") == "\"NDArray\"")
    #expect(session.run("radon[\"floor\"].dtype") == "\"Int\"")
    #expect(session.run("type(of: radon[\"county\"])") == "\"[String]\"")
    #expect(session.run("radon[\"county\"][0]") == "\"AITKIN\"")
    // The library's own reading is what the binding shows.
    let table = try readCSV(path)
    session.run("let logRadon = radon[\"log_radon\"]\nlet floor0 = radon.filter(radon[\"floor\"] == 0)\nlet floor1 = radon[radon[\"floor\"] == 1]")
    #expect(session.array("logRadon") == table["log_radon"]?.array)
    let floors = try #require(table["floor"]?.array?.ints)
    #expect(session.run("floor0.rowCount") == "\(floors.filter { $0 == 0 }.count)")
    #expect(session.run("floor1.rowCount") == "\(floors.filter { $0 == 1 }.count)")
    // head, tail, describe; display as text and HTML.
    #expect(session.run("radon.head().rowCount") == "5")
    #expect(session.run("radon.head(3).rowCount") == "3")
    #expect(session.run("radon.tail(2).rowCount") == "2")
    let shown = session.execute("radon.head(3)").result
    #expect(shown?["text/plain"] == table.head(3).description)
    #expect(shown?["text/html"] == table.head(3).html)
    #expect(session.execute("radon.describe()").result?["text/plain"] == table.describe().description)
  }

  @Test func quotesMissingValuesAndWriting() throws {
    let csv = "name,age,score,ok\n\"Smith, Jo\",31,1.5,true\n\"say \"\"hi\"\"\",,2.5,false\n,40,,true\n"
    let path = try TableBindingTests.temporaryFile("small.csv", csv)
    let (session, _) = helperSession()
    session.run("let t = readCSV(\"\(path)\")")
    #expect(session.run("t.rowCount") == "3")
    #expect(session.run("t.columnTypes") == "[\"String\", \"Double\", \"Double\", \"Bool\"]")
    #expect(session.run("t[\"name\"]") == "[Optional(\"Smith, Jo\"), Optional(\"say \\\"hi\\\"\"), nil]")
    #expect(session.run("type(of: t[\"name\"])") == "\"[String?]\"")
    #expect(session.run("t[\"age\"][1].isNaN") == "true")
    #expect(session.run("t[\"age\"][2]") == "40.0")
    #expect(session.run("t[\"ok\"]") != nil)
    #expect(session.run("t[[true, false, true]].rowCount") == "2")
    #expect(session.run("t[0..<2].rowCount") == "2")
    let out = (path as NSString).deletingLastPathComponent + "/written.csv"
    session.run("t.writeCSV(\"\(out)\")\nwriteCSV(t.head(2), \"\(out).2\")")
    session.run("let back = readCSV(\"\(out)\")\nlet back2 = readCSV(\"\(out).2\")")
    #expect(session.run("back.csvString() == t.csvString()") == "true")
    #expect(session.run("back2.rowCount") == "2")
    // Adding or replacing a column makes a new table.
    session.run("let u = t.withColumn(\"double\", t[\"score\"] * 2)\nvar v = t\nv[\"score\"] = t[\"score\"] + 1")
    #expect(session.run("u.columns.count") == "5")
    #expect(session.run("t.columns.count") == "4")
    #expect(session.run("u[\"double\"][0]") == "3.0")
    #expect(session.run("v[\"score\"][0]") == "2.5")
    #expect(session.run("t[\"score\"][0]") == "1.5")
  }

  @Test func errorsNameWhatAndWhere() throws {
    let (session, _) = helperSession()
    let missing = session.execute("readCSV(\"/nonexistent/dir/data.csv\")")
    #expect(missing.error?.name == "IOError")
    #expect(missing.error?.message.contains("/nonexistent/dir/data.csv") == true, "\(missing.error?.message ?? "")")

    let bad = try TableBindingTests.temporaryFile("bad.csv", "a,b,c\n1,2,3\n4,5\n")
    let malformed = session.execute("readCSV(\"\(bad)\")")
    #expect(malformed.error?.name == "CSVError")
    let message = malformed.error?.message ?? ""
    #expect(message.contains("row 2") && message.contains("line 3") && message.contains("column"), "\(message)")

    session.run("let t = parseCSV(\"x,y\\n1,a\\n2,b\\n\")")
    let unknown = session.execute("t[\"z\"]")
    #expect(unknown.error?.name == "KeyError")
    #expect(unknown.error?.message.contains("no column named \"z\"") == true)
    #expect(unknown.error?.message.contains("\"x\", \"y\"") == true)
    #expect(session.execute("t.groupIndex(\"nope\")").error?.name == "KeyError")
    let mask = session.execute("t[[true, false, true]]")
    #expect(mask.error?.message.contains("the Bool mask has 3 entries but the table has 2 rows") == true, "\(mask.error?.message ?? "")")
    #expect(session.execute("t[[5]]").error?.name == "IndexError")
    #expect(session.execute("writeCSV(3, \"x.csv\")").error?.name == "TypeError")
    #expect(session.run("t.groupIndex(\"y\").levels") == "[\"a\", \"b\"]")
    #expect(session.run("t.groupIndex(\"y\").codes") == "[0, 1]")
  }
}
