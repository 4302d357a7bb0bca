import Testing

@testable import Arrays

/// TUTORIAL.md cell 1: the synthetic data must equal NumPy's for seed 42.
@Suite("Tutorial cell 1 reproduces NumPy")
struct TutorialCellTests {
  @Test func syntheticDataMatchesNumPyElementForElement() throws {
    let fixture = try #require(try Fixture.load("tutorial_cell1") as? [String: Any])
    var rng = try RandomState(seed: 42)
    let nGroups = 30
    let obsPerGroup = try rng.randint(20, 51, size: nGroups)
    let groupIntercepts = try 2.0 + rng.normal(0, 0.3, size: nGroups)
    let groupSlopes = try 0.5 + rng.normal(0, 0.3, size: nGroups)
    var X: [Double] = []
    var Y: [Double] = []
    var groupIdx: [Int] = []
    for (i, n) in obsPerGroup.ints.enumerated() {
      let x = try NDArray.linspace(0, 10, n)
      let noise = try rng.normal(0, 0.2, size: n)
      let y = try groupIntercepts.get([.at(i)]) + groupSlopes.get([.at(i)]) * x + noise
      X.append(contentsOf: x.doubles)
      Y.append(contentsOf: y.doubles)
      groupIdx.append(contentsOf: repeatElement(i, count: n))
    }
    #expect(obsPerGroup.ints == Fixture.ints(fixture["obsPerGroup"]))
    #expect(X.count == Fixture.ints(fixture["groupIdx"]).count)
    #expect(X.map(\.bitPattern) == Fixture.doubles(fromBits: fixture["X"]).map(\.bitPattern))
    #expect(Y.map(\.bitPattern) == Fixture.doubles(fromBits: fixture["Y"]).map(\.bitPattern))
    #expect(groupIdx == Fixture.ints(fixture["groupIdx"]))
  }
}
