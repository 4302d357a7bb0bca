import Foundation
import Testing
@testable import Reports

@Suite struct OutputAccumulatorTests {
  @Test func streamsMergeAndUpdatesApplyInPlace() {
    var acc = OutputAccumulator()
    acc.stream("stdout", "a")
    acc.stream("stdout", "b\n")
    acc.stream("stderr", "warn\n")
    acc.display(["text/plain": "0%"], displayID: "p")
    acc.stream("stdout", "c")
    let updated = acc.update(["text/plain": "100%"], displayID: "p")
    let updatedOther = acc.update(["text/plain": "x"], displayID: "other")
    #expect(updated && !updatedOther)
    #expect(acc.outputs == [
      .stream(name: "stdout", text: "ab\n"), .stream(name: "stderr", text: "warn\n"),
      .display(data: ["text/plain": "100%"], displayID: "p"), .stream(name: "stdout", text: "c"),
    ])
  }

  @Test func clearWaitClearsAtTheNextOutput() {
    var acc = OutputAccumulator()
    acc.stream("stdout", "old")
    acc.clear(wait: true)
    #expect(acc.outputs.count == 1)
    acc.stream("stdout", "new")
    #expect(acc.outputs == [.stream(name: "stdout", text: "new")])
    acc.clear(wait: false)
    #expect(acc.outputs.isEmpty)
  }
}

@Suite struct NotebookDocumentTests {
  let sample = """
  {"cells": [
    {"cell_type": "markdown", "id": "m1", "metadata": {}, "source": ["# Title\\n", "Some *prose*."]},
    {"cell_type": "code", "id": "c1", "metadata": {"tags": ["x"]}, "execution_count": 3, "source": "let x = 1\\nx",
     "outputs": [{"output_type": "execute_result", "execution_count": 3, "metadata": {}, "data": {"text/plain": ["1"]}}]}
  ], "metadata": {"kernelspec": {"name": "swiftbayes", "display_name": "Swift (SwiftBayes)", "language": "swift"}},
   "nbformat": 4, "nbformat_minor": 5}
  """

  @Test func readsWritesAndReadsBack() throws {
    var nb = try NotebookDocument(data: Data(sample.utf8))
    #expect(nb.cells.count == 2)
    #expect(nb.cells[0].source == "# Title\nSome *prose*.")
    #expect(nb.cells[1].outputs == [.result(data: ["text/plain": "1"], executionCount: 3)])
    nb.cells[1].outputs = [.stream(name: "stdout", text: "line 1\nline 2\n"), .error(ename: "E", evalue: "bad", traceback: ["t1", "t2"])]
    let again = try NotebookDocument(data: try nb.jsonData())
    #expect(again.cells[1].outputs == nb.cells[1].outputs)
    #expect(again.cells[1].id == "c1")
    #expect((again.cells[1].extra["metadata"] as? [String: Any])?["tags"] as? [String] == ["x"])
    #expect((again.metadata["kernelspec"] as? [String: Any])?["name"] as? String == "swiftbayes")
    // nbformat's layout: multiline strings as lists of lines keeping their newlines.
    let text = String(data: try nb.jsonData(), encoding: .utf8)!
    #expect(text.contains("\"line 1\\n\","))
  }

  @Test func rejectsOtherFormats() {
    #expect(throws: NotebookDocument.FormatError.self) { try NotebookDocument(data: Data(#"{"nbformat": 3, "cells": []}"#.utf8)) }
  }
}

@Suite struct HTMLReportTests {
  @Test func standaloneReportHasHeaderCodeOutputsAndNoNetwork() {
    let svg = #"<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><circle r="3"/></svg>"#
    let cells = [
      ReportCell(kind: .markdown, source: "# Eight schools\nA `model` with **bold** text."),
      ReportCell(kind: .code, source: "let key = PRNGKey(0) // seed\nvar rng = RandomState(seed: 42)\nprint(\"<hi>\")",
                 outputs: [.stream(name: "stdout", text: "<hi>\n"), .display(data: ["text/plain": "Plot", "image/svg+xml": svg], displayID: nil),
                           .result(data: ["text/plain": "t", "text/html": "<table><tr><td>1</td></tr></table>"], executionCount: 1)],
                 executionCount: 1, seconds: 1.5),
      ReportCell(kind: .code, source: "oops", outputs: [.error(ename: "NameError", evalue: "x", traceback: ["\u{1B}[31mNameError\u{1B}[0m: x"])],
                 executionCount: 2, seconds: 0.01),
    ]
    let html = HTMLReport.render(cells, metadata: ReportMetadata(title: "Run", source: "nb.ipynb"))
    #expect(html.hasPrefix("<!DOCTYPE html>"))
    #expect(html.contains("<h1>Eight schools</h1>"))
    #expect(html.contains("<code>model</code>") && html.contains("<strong>bold</strong>"))
    #expect(html.contains("<span class=\"k\">let</span>"))
    #expect(html.contains("<span class=\"c\">// seed</span>"))
    #expect(html.contains("&lt;hi&gt;"))
    #expect(html.contains("<svg xmlns") && !html.contains("<?xml"))
    #expect(html.contains("<table><tr><td>1</td></tr></table>"))
    #expect(html.contains("NameError: x") && !html.contains("\u{1B}"))
    #expect(html.contains("<code>PRNGKey(0)</code>, <code>RandomState(seed: 42)</code>"))
    #expect(html.contains("1.51 s over 2 code cells") && html.contains("1 with errors"))
    #expect(html.contains("SwiftBayes</th><td>\(SwiftBayesRelease.version)"))
    // Standalone: no scripts, no external stylesheets or images.
    #expect(!html.contains("<script") && !html.contains("<link") && !html.contains("src=\"http"))
  }

  @Test func randomKeysInOrderOfAppearance() {
    #expect(HTMLReport.randomKeys(in: ["f(PRNGKey(1)); RandomState(seed: 7)", "PRNGKey(0) PRNGKey(1)"]) == ["PRNGKey(1)", "RandomState(seed: 7)", "PRNGKey(0)"])
  }
}
