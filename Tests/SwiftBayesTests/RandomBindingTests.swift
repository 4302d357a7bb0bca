import Arrays
import CellLanguage
import Foundation
import SwiftBayes
import Testing

/// A session (with the helper bindings: random streams, tables, special functions, which
/// `Session.configure()` registers) and its output.
func helperSession() -> (Session, RecordingSink) {
  let sink = RecordingSink()
  return (Session(output: sink), sink)
}

extension Session {
  /// Runs a cell that must succeed and returns its displayed text.
  @discardableResult
  func run(_ code: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) -> String? {
    let r = execute(code)
    #expect(r.error == nil, "\(r.error?.rendered ?? "")", sourceLocation: sourceLocation)
    return r.result?["text/plain"]
  }

  /// A global as an n-d array (NDArray values and Swift arrays of numbers).
  func array(_ name: String) -> NDArray? {
    interpreter.global(name).flatMap(asArray)
  }
}

@Suite("Sessions on several threads")
struct ConcurrentSessionTests {
  /// Sessions share process-wide registries (conversions for annotations); creating them
  /// on several threads at once raced there and crashed now and then (parallel tests).
  @Test func sessionsCreatedOnSeveralThreadsAtOnce() {
    final class Box: @unchecked Sendable { var results = [String?](repeating: nil, count: 48) }
    let box = Box()
    let lock = NSLock()
    DispatchQueue.concurrentPerform(iterations: 48) { i in
      let s = Session(output: RecordingSink())
      let r = s.execute("let x: NDArray = [1.0, 2.0, \(i).0]\nx.sum()")
      lock.lock()
      box.results[i] = r.result?["text/plain"]
      lock.unlock()
    }
    #expect(box.results.enumerated().allSatisfy { $0.element == "\(Double(3 + $0.offset))" })
  }
}

@Suite("Random bindings")
struct RandomBindingTests {
  @Test func helperBindingsAreRegisteredBySession() {
    let session = Session(output: RecordingSink())
    #expect(session.interpreter.builtins.values["RandomState"] != nil,
            "Session.configure() must call registerHelperBindings()")
  }

  /// TUTORIAL.md cell 1, verbatim: X, Y and groupIdx equal NumPy's bit for bit.
  @Test func tutorialCellOneMatchesNumPy() throws {
    let (session, sink) = helperSession()
    let cell = """
      var rng = RandomState(seed: 42)
      let nGroups = 30
      let obsPerGroup = rng.randint(20, 51, size: nGroups)
      let globalIntercept = 2.0
      let globalSlope = 0.5
      let groupIntercepts = globalIntercept + rng.normal(0, 0.3, size: nGroups)
      let groupSlopes = globalSlope + rng.normal(0, 0.3, size: nGroups)

      var X: [Double] = []
      var Y: [Double] = []
      var groupIdx: [Int] = []
      for (i, n) in obsPerGroup.enumerated() {
          let x = linspace(0, 10, n)
          let noise = rng.normal(0, 0.2, size: n)
          let y = groupIntercepts[i] + groupSlopes[i] * x + noise
          X.append(contentsOf: x)
          Y.append(contentsOf: y)
          groupIdx.append(contentsOf: repeatElement(i, count: n))
      }
      print("\\(X.count) observations in \\(nGroups) groups")
      """
    let r = session.execute(cell)
    #expect(r.error == nil, "\(r.error?.rendered ?? "")")

    let url = try #require(Bundle.module.url(forResource: "Corpus", withExtension: nil))
      .appendingPathComponent("tutorial-cell1.json")
    let fixture = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
    let bits = { (key: String) in ((fixture[key] as? [String]) ?? []).map { UInt64($0, radix: 16)! } }
    let ints = { (key: String) in ((fixture[key] as? [NSNumber]) ?? []).map(\.intValue) }
    let expectedIdx = ints("groupIdx")
    #expect(expectedIdx.count == 1059)
    #expect(sink.stdout == "\(expectedIdx.count) observations in 30 groups\n")
    #expect(session.array("obsPerGroup")?.ints == ints("obsPerGroup"))
    let X = try #require(session.array("X")), Y = try #require(session.array("Y"))
    let groupIdx = try #require(session.array("groupIdx"))
    #expect(X.dtype == .double && Y.dtype == .double && groupIdx.dtype == .int)
    #expect(X.doubles.map(\.bitPattern) == bits("X"))
    #expect(Y.doubles.map(\.bitPattern) == bits("Y"))
    #expect(groupIdx.ints == expectedIdx)
    #expect(session.interpreter.global("X")?.typeName == "[Double]")
    #expect(session.interpreter.global("groupIdx")?.typeName == "[Int]")
  }

  /// Each method through the language draws what the library draws, for several seeds.
  @Test(arguments: [0, 1, 42, 2024, 4_294_967_295])
  func methodsMatchTheLibrary(seed: Int) throws {
    let (session, _) = helperSession()
    session.run("""
      let rng = RandomState(seed: \(seed))
      let a = rng.randint(-5, 17, size: 7)
      let b = rng.normal(1.5, 2.0, size: [2, 3])
      let c = rng.uniform(-1, 3, size: 4)
      let d = rng.randomSample(size: 3)
      let e = rng.random(size: 2)
      let f = rng.standardNormal(size: 5)
      let g = rng.poisson(4.5, size: 6)
      let h = rng.binomial(20, 0.3, size: 6)
      let i = rng.exponential(2.0, size: 3)
      let j = rng.gamma(0.7, 2.0, size: 4)
      let k = rng.beta(2.0, 0.5, size: 3)
      let l = rng.choice(10, size: 5)
      let m = rng.choice(8, size: 4, replace: false)
      let n = rng.choice(4, size: 6, p: [0.1, 0.2, 0.3, 0.4])
      let o = rng.permutation(9)
      let p = rng.shuffled([10, 20, 30, 40, 50])
      let q = [Double(rng.randint(0, 100)), rng.normal(0, 1), rng.uniform(2, 3), rng.randomSample(),
               rng.standardNormal(), Double(rng.poisson(2.0)), Double(rng.binomial(5, 0.5)),
               rng.exponential(1.0), rng.gamma(3.0, 1.0), rng.beta(1.0, 1.0)]
      """)
    var lib = try RandomState(seed: seed)
    #expect(session.array("a") == (try lib.randint(-5, 17, size: [7])))
    #expect(session.array("b") == (try lib.normal(1.5, 2.0, size: [2, 3])))
    #expect(session.array("c") == (try lib.uniform(-1, 3, size: [4])))
    #expect(session.array("d") == (try lib.randomSample(size: [3])))
    #expect(session.array("e") == (try lib.randomSample(size: [2])))
    #expect(session.array("f") == (try lib.standardNormal(size: [5])))
    #expect(session.array("g") == (try lib.poisson(4.5, size: [6])))
    #expect(session.array("h") == (try lib.binomial(20, 0.3, size: [6])))
    #expect(session.array("i") == (try lib.exponential(2.0, size: [3])))
    #expect(session.array("j") == (try lib.gamma(0.7, 2.0, size: [4])))
    #expect(session.array("k") == (try lib.beta(2.0, 0.5, size: [3])))
    #expect(session.array("l") == (try lib.choice(10, size: [5])))
    #expect(session.array("m") == (try lib.choice(8, size: [4], replace: false)))
    #expect(session.array("n") == (try lib.choice(4, size: [6], p: [0.1, 0.2, 0.3, 0.4])))
    #expect(session.array("o")?.ints == (try lib.permutation(9)))
    #expect(session.array("p")?.ints == lib.permutation([10, 20, 30, 40, 50]))
    let q: [Double] = [
      Double(try lib.randint(0, 100)), try lib.normal(0, 1), lib.uniform(2, 3), lib.randomSample(),
      lib.standardNormal(), Double(try lib.poisson(2.0)), Double(try lib.binomial(5, 0.5)),
      try lib.exponential(1.0), try lib.gamma(3.0, 1.0), try lib.beta(1.0, 1.0),
    ]
    #expect(session.array("q")?.doubles.map(\.bitPattern) == q.map(\.bitPattern))
  }

  /// A few draws checked directly against NumPy 2.4.6 (computed once with
  /// `np.random.RandomState(7)` / `(123)` and pasted here).
  @Test func drawsMatchNumPy() {
    let (session, _) = helperSession()
    session.run("""
      let r = RandomState(seed: 7)
      let a = r.choice(10, size: 5)
      let b = r.choice(5, size: 3, replace: false)
      let c = r.choice(4, size: 4, p: [0.1, 0.2, 0.3, 0.4])
      let d = r.permutation(6)
      let e = r.randint(5)
      let f = r.normal()
      let g = r.poisson(3.5, size: [2, 2])
      let h = r.binomial(10, 0.3, size: 3)
      let s = RandomState(seed: 123)
      let u = s.uniform(-1, 2)
      let v = s.gamma(2.0, 1.5, size: 2)
      let w = s.beta(2.0, 3.0, size: 2)
      let x = s.exponential(2.0, size: 2)
      let y = s.randomSample()
      let z = s.choice([10, 20, 30], size: 4)
      """)
    #expect(session.array("a")?.ints == [4, 9, 6, 3, 3])
    #expect(session.array("b")?.ints == [0, 3, 2])
    #expect(session.array("c")?.ints == [2, 0, 1, 2])
    #expect(session.array("d")?.ints == [1, 2, 5, 3, 0, 4])
    #expect(session.run("e") == "3")
    #expect(session.array("f")?.doubles == [1.1870773628593945])
    #expect(session.array("g")?.shape == [2, 2])
    #expect(session.array("g")?.ints == [5, 5, 2, 4])
    #expect(session.array("h")?.ints == [3, 6, 2])
    #expect(session.array("u")?.doubles == [1.089407556793585])
    #expect(session.array("v")?.doubles == [1.0723757969588688, 1.3164752274876212])
    #expect(session.array("w")?.doubles == [0.4505076277086379, 0.21074341589114987])
    #expect(session.array("x")?.doubles == [0.1230655984647939, 1.0151427004270333])
    #expect(session.array("y")?.doubles == [0.7379954057320357])
    #expect(session.array("z")?.ints == [30, 10, 30, 10])
  }

  /// Array parameters broadcast and draw element by element, as NumPy's legacy samplers
  /// (values from NumPy 2.4.6, `np.random.RandomState(3)`, pasted here).
  @Test func arrayParametersMatchNumPy() {
    let (session, _) = helperSession()
    session.run("""
      let r = RandomState(seed: 3)
      let a = r.normal([0, 10, 100], [1, 2, 3])
      let b = r.normal(array([[0.0], [1.0]]), 1, size: [2, 3])
      let c = r.poisson([1, 20, 5])
      let d = r.binomial([5, 50], [0.2, 0.7])
      let e = r.gamma([0.5, 3.0])
      let f = r.beta([1.0, 2.0], [3.0, 4.0])
      let g = r.uniform(0, [1.0, 2.0, 3.0])
      let h = r.exponential([1.0, 2.0])
      """)
    let expected: [Double] = [
      1.7886284734303186, 10.87301970102398, 100.28949240421602, -1.8634927033644908, -0.27738820251439905,
      -0.35475897926898675, 0.9172585185175403, 0.3729993231761527, 0.9561818310240717, 1.0, 22.0, 2.0, 1.0,
      37.0, 0.553692025631981, 1.9608203183000104, 0.3196683190141542, 0.39708061989722543, 0.37799404132888914,
      0.18443401774344848, 1.9602327075706085, 0.8160851956952067, 0.8974700773315665,
    ]
    let got = ["a", "b", "c", "d", "e", "f", "g", "h"].flatMap { session.array($0)?.doubles ?? [] }
    #expect(got == expected)
    #expect(session.array("b")?.shape == [2, 3])
    #expect(session.array("c")?.dtype == .int)
    let mismatch = session.execute("r.normal([0.0, 1.0], 1, size: 3)")
    #expect(mismatch.error?.name == "ShapeError", "\(mismatch.error?.message ?? "")")
  }

  @Test func referenceSemanticsAndScalars() {
    let (session, _) = helperSession()
    // `let` works; copies share the stream (as NumPy objects do); copy() forks it.
    session.run("let r1 = RandomState(seed: 5)\nlet alias = r1\nlet a = alias.randint(0, 1000)\nlet b = r1.randint(0, 1000)")
    session.run("let r2 = RandomState(seed: 5)\nlet c = r2.randint(0, 1000, size: 2)")
    #expect(session.array("c")?.ints == [session.array("a")!.ints[0], session.array("b")!.ints[0]])
    #expect(session.run("type(of: a)") == "\"Int\"")
    #expect(session.run("type(of: RandomState(seed: 1).normal(0, 1))") == "\"Double\"")
    #expect(session.run("RandomState(seed: 3)") == "RandomState(seed: 3)")
    session.run("let r3 = RandomState(seed: 9)\nlet f = r3.copy()\nlet x1 = r3.normal(size: 3)\nlet x2 = f.normal(size: 3)")
    #expect(session.array("x1") == session.array("x2"))
    // A shape of 0 draws nothing; a scalar size is a 1-d shape.
    #expect(session.run("RandomState(seed: 1).uniform(size: 0).shape") == "[0]")
    #expect(session.run("RandomState(seed: 1).standardNormal(size: [2, 0, 3]).shape") == "[2, 0, 3]")
    // choice from Swift arrays of anything returns elements.
    session.run("let names = RandomState(seed: 2).choice([\"a\", \"b\", \"c\"], size: 4)\nlet one = RandomState(seed: 2).choice([\"a\", \"b\", \"c\"])")
    #expect(session.interpreter.global("names")?.typeName == "[String]")
    #expect(session.run("one.count") == "1")
  }

  @Test func errorsAreClear() {
    let (session, _) = helperSession()
    session.run("var rng = RandomState(seed: 1)\nvar x = [1, 2, 3]")
    let shuffle = session.execute("rng.shuffle(x)")
    #expect(shuffle.error?.message.contains("x = rng.shuffled(x)") == true, "\(shuffle.error?.message ?? "no error")")
    #expect(session.execute("x = rng.shuffled(x)").error == nil)
    #expect(session.run("x.sorted()") == "[1, 2, 3]")

    let high = session.execute("rng.randint(5, 5)")
    #expect(high.error?.name == "ValueError")
    #expect(high.error?.message.contains("high <= low") == true, "\(high.error?.message ?? "")")
    let scale = session.execute("rng.normal(0, -1, size: 3)")
    #expect(scale.error?.message.contains("scale < 0") == true, "\(scale.error?.message ?? "")")
    let seed = session.execute("RandomState(seed: -1)")
    #expect(seed.error != nil)
    let label = session.execute("rng.normal(0, 1, count: 3)")
    #expect(label.error?.name == "TypeError")
    #expect(label.error?.message.contains("size:") == true, "\(label.error?.message ?? "")")
    let bigChoice = session.execute("rng.choice(3, size: 5, replace: false)")
    #expect(bigChoice.error?.message.contains("larger sample than population") == true)
    let negative = session.execute("rng.normal(size: -1)")
    #expect(negative.error != nil)
    // Impossible sizes are errors, not crashes.
    #expect(session.execute("rng.normal(size: [Int.max, 2])").error?.message.contains("too large") == true)
    #expect(session.execute("rng.choice(5, size: [1 << 40, 1 << 40])").error?.name == "ValueError")
    #expect(session.run("rng.choice(0, size: 0).shape") == "[0]")
    #expect(session.execute("rng.choice(0)").error?.message.contains("greater than 0") == true)
    #expect(session.execute("rng.choice([\"a\"], size: [2, 2])").error?.name == "ValueError")
    #expect(session.execute("rng.choice(3, p: [0.5, 0.5])").error?.message.contains("same size") == true)
    #expect(session.execute("rng.normal(0, 1, 5)").error?.message.contains("size:") == true)
    let sizeType = session.execute("rng.normal(size: \"3\")")
    #expect(sizeType.error?.message.contains("size must be an Int or an array of Ints") == true)
  }

  @Test func keysSplitAndSample() throws {
    let (session, _) = helperSession()
    #expect(session.run("PRNGKey(0)") == "PRNGKey([0, 0])")
    #expect(session.run("PRNGKey(0).keyData") == "[0, 0]")
    session.run("let key = PRNGKey(0)\nlet keys = split(key, 4)\nlet k0 = keys[0]\nlet pair = split(key)\nlet m = key.split(3)")
    let expected = PRNGKey(0).split(4)
    #expect(session.run("k0") == expected[0].description)
    #expect(session.run("keys.count") == "4")
    #expect(session.run("pair.count") == "2")
    #expect(session.run("m[2]") == PRNGKey(0).split(3)[2].description)
    #expect(session.run("pair[1] == split(key, 2)[1]") == "true")
    // JAX: random.split(PRNGKey(0)) → [[4146024105, 967050713], [2718843009, 1272950319]]
    #expect(session.run("pair[0]") == "PRNGKey([4146024105, 967050713])")
    #expect(session.run("pair[1]") == "PRNGKey([2718843009, 1272950319])")

    session.run("""
      let z = randomNormal(k0, shape: [2, 3])
      let u = randomUniform(k0, shape: 4, minval: -1, maxval: 1)
      let g = randomGamma(k0, 2.5, shape: [3])
      let bt = randomBeta(k0, 2.0, 3.0, shape: [3])
      let ex = randomExponential(k0, rate: 2.0, shape: [2])
      let po = randomPoisson(k0, 3.0, shape: [3])
      let ca = randomCategorical(k0, [0.0, 1.0, 2.0], shape: [5])
      let one = randomNormal(k0)
      """)
    let k0 = expected[0]
    #expect(session.array("z") == (try PRNG.normal(k0, shape: [2, 3])))
    #expect(session.array("u") == (try PRNG.uniform(k0, shape: [4], minval: -1, maxval: 1)))
    #expect(session.array("g") == (try PRNG.gamma(k0, concentration: 2.5, shape: [3])))
    #expect(session.array("bt") == (try PRNG.beta(k0, 2.0, 3.0, shape: [3])))
    #expect(session.array("ex") == (try PRNG.exponential(k0, rate: 2.0, shape: [2])))
    #expect(session.array("po") == (try PRNG.poisson(k0, rate: 3.0, shape: [3])))
    #expect(session.array("ca") == (try PRNG.categorical(k0, logits: [0, 1, 2], shape: [5])))
    #expect(session.run("type(of: one)") == "\"Double\"")
    #expect(session.run("randomNormal(k0, shape: [3]) == randomNormal(k0, shape: [3])") != nil)
    let bad = session.execute("randomNormal(3, shape: [2])")
    #expect(bad.error?.message.contains("must be a PRNGKey") == true)
  }
}

@Suite("Key samplers for vectors and heavy tails")
struct KeySamplerBindingTests {
  @Test func dirichletRowsSumToOneAndMultivariateNormalHasItsMean() {
    let (session, _) = helperSession()
    session.run("let keys = split(PRNGKey(7), 4)")
    session.run("let d = randomDirichlet(keys[0], [1.0, 2.0, 3.0], shape: [4000])")
    #expect(session.run("d.shape") == "[4000, 3]")
    #expect(session.run("abs(d.sum(axis: 1) - 1.0).max() < 1e-12") == "true")
    // E[Dirichlet(1, 2, 3)] = (1/6, 2/6, 3/6); sd of each mean over 4000 draws < 0.004.
    #expect(session.run("abs(d.mean(axis: 0) - [1.0 / 6, 2.0 / 6, 3.0 / 6]).max() < 0.02") == "true")
    session.run("let m = randomMultivariateNormal(keys[1], [0.0, 1.0], array([[1.0, 0.5], [0.5, 2.0]]), shape: [4000])")
    #expect(session.run("abs(m.mean(axis: 0) - [0.0, 1.0]).max() < 0.1") == "true")
    // The sample covariance of the two coordinates is near 0.5.
    #expect(session.run("abs(((m[0..<4000, 0] - m.mean(axis: 0)[0]) * (m[0..<4000, 1] - m.mean(axis: 0)[1])).mean() - 0.5) < 0.1") == "true")
  }

  @Test func cauchyStudentTAndBinomial() {
    let (session, _) = helperSession()
    session.run("let keys = split(PRNGKey(3), 3)")
    // The Cauchy median is its location; Student-t(5) has variance 5/3.
    #expect(session.run("abs(quantile(randomCauchy(keys[0], loc: 2, shape: [4000]), 0.5) - 2) < 0.1") == "true")
    #expect(session.run("abs(randomStudentT(keys[1], 5, shape: [20000]).variance() - 5.0 / 3) < 0.15") == "true")
    session.run("let b = randomBinomial(keys[2], 10, 0.3, shape: [4000])")
    #expect(session.run("b.dtype") == "\"int64\"" || session.run("b.dtype") == "\"Int\"")
    #expect(session.run("abs(b.mean() - 3.0) < 0.1") == "true")
    #expect(session.run("b.min() >= 0 && b.max() <= 10") == "true")
  }
}
