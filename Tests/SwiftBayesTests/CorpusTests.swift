import CellLanguage
import Foundation
import SwiftBayes
import Testing

/// The differential corpus: Swift programs compiled and run with the real toolchain when
/// the corpus was generated (scripts/gen-corpus.sh), their stdout committed beside them.
/// Each runs through the interpreter and must print exactly the same.
@Suite("Differential corpus")
struct CorpusTests {
  static let directory: URL = Bundle.module.url(forResource: "Corpus", withExtension: nil)!

  static let programs: [String] = {
    let files = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
    return files.filter { $0.hasSuffix(".swift") }.map { String($0.dropLast(6)) }.sorted()
  }()

  @Test func corpusIsLarge() {
    #expect(CorpusTests.programs.count >= 216)
  }

  @Test(arguments: CorpusTests.programs)
  func program(_ name: String) throws {
    let dir = CorpusTests.directory
    let source = try String(contentsOf: dir.appendingPathComponent(name + ".swift"), encoding: .utf8)
    let expected = try String(contentsOf: dir.appendingPathComponent(name + ".out"), encoding: .utf8)
    let traps = FileManager.default.fileExists(atPath: dir.appendingPathComponent(name + ".exit").path)
    let sink = RecordingSink()
    let session = Session(output: sink)
    let result = session.execute(source)
    #expect(sink.stdout == expected, "stdout differs from compiled Swift for \(name)")
    if traps {
      #expect(result.error != nil, "\(name) traps in compiled Swift; the interpreter must report an error")
    } else {
      #expect(result.error == nil, "\(name): \(result.error?.rendered ?? "")")
    }
  }
}
