import Testing

@testable import Arrays

/// Formatting, error messages and Swift-facing behaviour of `NDArray`.
@Suite("NDArray formatting and errors")
struct NDArrayBehaviourTests {
  @Test func descriptionMatchesSwiftArrays() throws {
    #expect(NDArray([2.0, 4.0, 6.0]).description == [2.0, 4.0, 6.0].description)
    #expect(NDArray([1, 2, 3]).description == "[1, 2, 3]")
    #expect(NDArray([true, false]).description == "[true, false]")
    #expect(try NDArray([1.0, 2.0, 3.0, 4.0], shape: [2, 2]).description == [[1.0, 2.0], [3.0, 4.0]].description)
    #expect(NDArray(scalar: 0.1).description == "0.1")
    #expect(NDArray([Double]()).description == "[]")
    #expect(try NDArray.zeros([2, 0]).description == "[[], []]")
  }

  @Test func summaryElidesLikeNumPy() throws {
    let big = try NDArray.linspace(1, 1000, 1000) + 0.0
    #expect(big.summary == big.description)  // exactly 1000: not elided
    let bigger = try NDArray.linspace(1, 1001, 1001)
    #expect(bigger.summary == "[1.0, 2.0, 3.0, ..., 999.0, 1000.0, 1001.0]")
    let matrix = try NDArray(Array(0..<2000), shape: [100, 20])
    let lines = matrix.summary.split(separator: "\n")
    #expect(lines.count == 7)
    #expect(lines.first == "[[0, 1, 2, ..., 17, 18, 19],")
    #expect(lines[3] == " ...,")
    #expect(lines.last == " [1980, 1981, 1982, ..., 1997, 1998, 1999]]")
  }

  @Test func htmlTableForMatrices() throws {
    let m = try NDArray([1, 2, 3, 4, 5, 6], shape: [2, 3])
    let html = m.html
    #expect(html.hasPrefix("<table"))
    #expect(html.contains("<tr><th>1</th><td>4</td><td>5</td><td>6</td></tr>"))
    #expect(html.contains("2 rows × 3 columns, Int"))
    #expect(NDArray([1.0]).html == "<pre>[1.0]</pre>")
  }

  @Test func errorsNameWhatAndWhere() throws {
    let a = NDArray([1.0, 2.0, 3.0])
    #expect(throws: ArrayError.broadcast([[3], [4]])) { try a + NDArray([1.0, 2.0, 3.0, 4.0]) }
    #expect(ArrayError.broadcast([[3], [4]]).description == "operands could not be broadcast together with shapes (3,) (4,)")
    #expect(throws: ArrayError.indexOutOfBounds(index: 5, axis: 0, size: 3)) { try a.get([.at(5)]) }
    #expect(ArrayError.indexOutOfBounds(index: 5, axis: 0, size: 3).description == "index 5 is out of bounds for axis 0 with size 3")
    let m = try NDArray.zeros([2, 3])
    #expect(throws: ArrayError.indexOutOfBounds(index: 3, axis: 1, size: 3)) { try m.get([.at(0), .at(3)]) }
    #expect(throws: ArrayError.indexOutOfBounds(index: 7, axis: 0, size: 3)) { try a.get([.gather(NDArray([0, 7]))]) }
    #expect(throws: ArrayError.axisOutOfBounds(axis: 2, ndim: 2)) { try m.sum(axis: 2) }
    #expect(throws: ArrayError.self) { try a.get([.range(1..<4)]) }
    #expect(throws: ArrayError.self) { try a.get([.mask(NDArray([true, false]))]) }
  }

  @Test func assignmentThroughIndices() throws {
    var m = try NDArray(Array(0..<6), shape: [2, 3])
    try m.set([.at(1), .at(2)], to: 50)
    try m.set([.all, .at(0)], to: NDArray([-1, -2]).reshaped([2]))
    #expect(m.ints == [-1, 1, 2, -2, 4, 50])
    let mask = try m .> 1
    try m.set([.mask(mask)], to: 0)
    #expect(m.ints == [-1, 1, 0, -2, 0, 0])
    var x = NDArray([1.0, 2.0, 3.0])
    try x.set([.gather(NDArray([0, 2]))], to: NDArray([9.5, 8.5]))
    #expect(x.doubles == [9.5, 2.0, 8.5])
    #expect(throws: ArrayError.self) { try x.set([.all], to: NDArray([1.0, 2.0])) }
  }

  @Test func tutorialIndexingAndPromotion() throws {
    let a = NDArray([1.0, 2.0, 3.0])
    let groupIdx = NDArray([0, 0, 2, 1])
    #expect(try a.get([.gather(groupIdx)]).doubles == [1.0, 1.0, 3.0, 2.0])
    let mixed = try NDArray([1, 2, 3]) + 0.5
    #expect(mixed.dtype == .double)
    #expect(try (NDArray([7, -7]) / NDArray([2, 2])).doubles == [3.5, -3.5])
    #expect(try (NDArray([7, -7]) % NDArray([2, 2])).ints == [1, 1])
  }

  @Test(arguments: [0.0, 0.25, 0.5, 0.9, 1.0])
  func quantileOfLinspaceIsLinear(_ q: Double) throws {
    let x = try NDArray.linspace(0, 100, 101)
    let value = try #require(try x.quantile(NDArray(scalar: q)).scalarDouble)
    #expect(Swift.abs(value - 100 * q) < 1e-12)
  }
}

/// The long-array fast paths (radix sort, four-lane extrema) agree with the plain ones.
@Suite("NDArray fast paths")
struct NDArrayFastPathTests {
  static func sample(_ n: Int, seed: UInt32) throws -> [Double] {
    var rs = RandomState(seed: seed)
    var values = try rs.standardNormal(count: n).map { $0 * 1e3 }
    for k in stride(from: 0, to: n, by: 97) { values[k] = [0.0, -0.0, .infinity, -.infinity, 1e-310, -5e-324][k % 6] }
    return values
  }

  @Test(arguments: [2047, 2048, 10_001])
  func radixSortMatchesComparisonSort(_ n: Int) throws {
    var values = try Self.sample(n, seed: UInt32(n))
    values[n / 2] = .nan
    values[n / 3] = .nan
    let result = try NDArray(values).sorted().doubles
    let expected = values.filter { !$0.isNaN }.sorted()
    let head = result.prefix(expected.count).map { $0 == 0 ? 0 : $0 }  // ±0 compare equal
    #expect(head == expected.map { $0 == 0 ? 0 : $0 })
    let tailIsNaN = result.suffix(2).allSatisfy { $0.isNaN }
    #expect(tailIsNaN)
  }

  @Test func fourLaneExtremaMatchScalarLoop() throws {
    for n in [1, 3, 4, 5, 1001] {
      let values = try Self.sample(n, seed: 9).map { $0.isInfinite ? 0 : $0 }
      let (maximum, minimum) = (try NDArray(values).max().scalarDouble, try NDArray(values).min().scalarDouble)
      #expect(maximum == values.max())
      #expect(minimum == values.min())
      var withNaN = values
      withNaN[n - 1] = .nan
      let nanMaximum = try NDArray(withNaN).max().scalarDouble
      let nanMinimum = try NDArray(withNaN).min().scalarDouble
      #expect(nanMaximum?.isNaN == true)
      #expect(nanMinimum?.isNaN == true)
    }
  }
}

@Suite("NDArray Swift habits")
struct NDArraySwiftHabitTests {
  @Test func rowsAppendAndMap() throws {
    var x = NDArray([Double]())
    try x.append(contentsOf: NDArray([1, 2]))
    try x.append(contentsOf: NDArray([0.5]))
    try x.append(contentsOf: 4.0)
    #expect(x.dtype == .double)
    #expect(x.doubles == [1, 2, 0.5, 4])
    #expect(x.rows.map(\.description) == ["1.0", "2.0", "0.5", "4.0"])
    #expect(x.map { $0 * 2 }.doubles == [2, 4, 1, 8])
    let m = try NDArray([1, 2, 3, 4, 5, 6], shape: [3, 2])
    #expect(m.rows.map(\.ints) == [[1, 2], [3, 4], [5, 6]])
    #expect(try m.row(-1).ints == [5, 6])
    #expect(throws: ArrayError.indexOutOfBounds(index: 3, axis: 0, size: 3)) { try m.row(3) }
    #expect(m.count == 3 && m.size == 6 && m.shapeText == "(3, 2)")
  }
}

/// Requests that would exhaust memory or overflow a size throw instead of crashing.
@Suite("Huge and degenerate requests")
struct HugeRequestTests {
  @Test func hugeShapesThrow() throws {
    #expect(throws: ArrayError.self) { try NDArray.zeros([1 << 40, 1 << 40]) }
    #expect(throws: ArrayError.self) { try NDArray.full([Int.max, 2, 0], 1.0) == NDArray([Double]()) }
    #expect(throws: ArrayError.self) { try NDArray.zeros([Int.max / 2, 0]) }
    #expect(try NDArray.zeros([1000, 0]).size == 0)
    let column = try NDArray.zeros([1 << 16, 1])
    let row = try NDArray.zeros([1, 1 << 16])
    #expect(throws: ArrayError.self) { try column + row }  // 2³² elements
    #expect(throws: ArrayError.self) { try column.matmul(row) }
    #expect(throws: ArrayError.self) { try NDArray.linspace(0, 1, 1 << 40) }
    #expect(throws: ArrayError.self) { try NDArray.arange(0, Int.max) }
    #expect(throws: ArrayError.self) { try NDArray.arange(0.0, 1e300, step: 1e-300) }
    #expect(throws: ArrayError.self) { try NDArray([1.0, 2.0]).repeating(Int.max) }
    #expect(throws: ArrayError.self) { try NDArray([1.0, 2.0]).reshaped([Int.max, Int.max]) }
    var rs = try RandomState(seed: 0)
    #expect(throws: RandomArgumentError.self) { try rs.normal(0, 1, size: [1 << 30, 1 << 30]) }
    #expect(throws: RandomArgumentError.self) { try rs.randomSample(count: 1 << 40) }
    #expect(throws: RandomArgumentError.self) { try rs.permutation(1 << 40) }
    #expect(throws: RandomArgumentError.self) { try PRNG.normal(PRNGKey(0), shape: [1 << 31, 1 << 31]) }
  }

  @Test func gatherEdgeCases() throws {
    #expect(try NDArray([Double]()).get([.gather(NDArray([Int]()))]).shape == [0])
    #expect(throws: ArrayError.indexOutOfBounds(index: 0, axis: 0, size: 0)) {
      try NDArray([Double]()).get([.gather(NDArray([0]))])
    }
    #expect(try NDArray([1.0, 2.0, 3.0]).get([.gather(NDArray([-1, 0, -3]))]).doubles == [3, 1, 1])
    #expect(throws: ArrayError.indexOutOfBounds(index: -4, axis: 0, size: 3)) {
      try NDArray([1.0, 2.0, 3.0]).get([.gather(NDArray([0, -4, 9]))])
    }
  }

  @Test func boolArrayUsedAsIndexIsAMask() throws {
    let a = NDArray([10, 20, 30])
    #expect(try a.get([.gather(NDArray([true, false, true]))]).ints == [10, 30])
  }

  @Test func poissonNearTheLimitDoesNotTrap() throws {
    var rs = try RandomState(seed: 3)
    let draws = try rs.poisson(9.2e18, count: 3)
    #expect(draws.allSatisfy { $0 > 9_000_000_000_000_000_000 })
  }
}
