import Arrays
import Testing

import Inference

/// docs/INFERENCE.md's example, compiled and run (smaller counts), through the public API
/// only (no `@testable`).
@Suite("The documented example")
struct DocumentationExampleTests {
  final class MyModel: PotentialModel, @unchecked Sendable {
    let dimension = 2
    func makeEvaluator() -> any PotentialEvaluator { Evaluator() }
    final class Evaluator: PotentialEvaluator {
      func potentialAndGradient(_ q: UnsafeBufferPointer<Double>, _ g: UnsafeMutableBufferPointer<Double>) -> Double {
        g[0] = q[0]; g[1] = 4 * q[1]
        return 0.5 * q[0] * q[0] + 2 * q[1] * q[1]
      }
    }
  }

  @Test("Runs as written")
  func example() throws {
    let interruptRequested = false
    var reports = 0
    let results = try runChains(
      model: MyModel(), config: NUTSConfig(targetAcceptProb: 0.8, maxTreeDepth: 10, denseMass: false),
      numWarmup: 200, numSamples: 200, numChains: 4, thinning: 1, key: PRNGKey(0),
      init: .uniform(radius: 2), keepWarmup: false, maxThreads: 2,
      progress: { _ in reports += 1 },
      shouldStop: { interruptRequested })
    for chain in results.chains {
      #expect(chain.draws.count == 200 * 2)
      #expect(chain.stats.diverging.count == 200 && chain.stepSize > 0 && !chain.inverseMetric.isDense)
    }
    #expect(reports >= 1)
    #expect(healthReport(results) == ["No divergences, no tree-depth saturation, E-BFMI ≥ 0.3 in every chain."])
    let more = try runChains(model: MyModel(), numWarmup: 0, numSamples: 100, numChains: 4, key: PRNGKey(1),
      resume: results.chains.map { $0.postWarmupState! })
    #expect(more.totalDraws == 400)
  }
}
