import Arrays
import Foundation
import Synchronization
import Testing

@_spi(Testing) @testable import Inference

/// The multi-chain driver: reproducibility across thread counts, interrupts, resuming,
/// thinning, progress and errors.
@Suite("The multi-chain driver")
struct DriverTests {
  static func gaussian() -> GaussianPotential { GaussianPotential(mean: [0.5, -1, 2], sd: [1, 2, 0.5]) }

  @Test("Same key: bit-identical draws and statistics with 1 and 2 threads; other keys differ")
  func reproducible() throws {
    let m = Self.gaussian()
    let one = try runChains(model: m, numWarmup: 100, numSamples: 100, numChains: 3, key: PRNGKey(42), maxThreads: 1)
    let two = try runChains(model: m, numWarmup: 100, numSamples: 100, numChains: 3, key: PRNGKey(42), maxThreads: 2)
    #expect(one.threads == 1)
    #expect(two.threads == min(2, ProcessInfo.processInfo.activeProcessorCount))
    for c in 0..<3 {
      #expect(one.chains[c].draws == two.chains[c].draws)
      #expect(one.chains[c].stats == two.chains[c].stats)
      #expect(one.chains[c].postWarmupState == two.chains[c].postWarmupState)
    }
    // Chains differ from each other, and another key gives other draws.
    #expect(one.chains[0].draws != one.chains[1].draws)
    let other = try runChains(model: m, numWarmup: 100, numSamples: 100, numChains: 3, key: PRNGKey(43), maxThreads: 2)
    #expect(other.chains[0].draws != one.chains[0].draws)
  }

  @Test("shouldStop during sampling returns within a second with partial draws")
  func interruptSampling() throws {
    // ~50 µs per gradient: 200 + 100,000 iterations would take minutes.
    let m = SlowNormalPotential(dimension: 4, microseconds: 50)
    let begin = Date()
    let stopAt = begin.addingTimeInterval(0.6)
    var stopSeenAt: Date?
    let r = try runChains(model: m, numWarmup: 50, numSamples: 100_000, numChains: 2, key: PRNGKey(0), maxThreads: 2,
      shouldStop: {
        if Date() >= stopAt {
          if stopSeenAt == nil { stopSeenAt = Date() }
          return true
        }
        return false
      })
    let returned = Date()
    #expect(r.interrupted)
    let latency = returned.timeIntervalSince(try #require(stopSeenAt))
    #expect(latency < 1, "stopped \(latency) s after the request")
    for c in r.chains {
      #expect(c.interrupted)
      #expect(c.numDraws > 0 && c.numDraws < 100_000)
      #expect(c.stats.count == c.numDraws && c.draws.count == c.numDraws * 4)
      #expect(c.postWarmupState != nil)
    }
    #expect(healthReport(r).first?.hasPrefix("Interrupted") == true)
  }

  @Test("shouldStop during warmup: no draws, no post-warmup state, still returns")
  func interruptWarmup() throws {
    let m = SlowNormalPotential(dimension: 2, microseconds: 50)
    let begin = Date()
    let r = try runChains(model: m, numWarmup: 100_000, numSamples: 10, numChains: 2, key: PRNGKey(0),
      shouldStop: { Date().timeIntervalSince(begin) > 1.0 })
    // (A second of warmup, so even a heavily loaded machine gets through some iterations.)
    #expect(Date().timeIntervalSince(begin) < 2.5)
    #expect(r.interrupted)
    for c in r.chains {
      #expect(c.numDraws == 0 && c.postWarmupState == nil && c.warmupIterations > 0)
    }
  }

  @Test("Resuming from postWarmupState continues the chain exactly, without warmup")
  func resume() throws {
    let m = Self.gaussian()
    let whole = try runChains(model: m, numWarmup: 150, numSamples: 200, numChains: 2, key: PRNGKey(9))
    let first = try runChains(model: m, numWarmup: 150, numSamples: 120, numChains: 2, key: PRNGKey(9))
    let states = first.chains.map { $0.postWarmupState! }
    let rest = try runChains(model: m, numWarmup: 150, numSamples: 80, numChains: 2, key: PRNGKey(1234), resume: states)
    for c in 0..<2 {
      #expect(rest.chains[c].warmupIterations == 0)
      #expect(rest.chains[c].stepSize == first.chains[c].stepSize)
      #expect(first.chains[c].draws + rest.chains[c].draws == whole.chains[c].draws)
      #expect(rest.chains[c].postWarmupState == whole.chains[c].postWarmupState)
    }
  }

  @Test("Thinning keeps the last draw of each block, as NumPyro's fori_collect")
  func thinning() throws {
    let m = Self.gaussian()
    let all = try runChains(model: m, numWarmup: 50, numSamples: 10, key: PRNGKey(2))
    let thinned = try runChains(model: m, numWarmup: 50, numSamples: 10, thinning: 3, key: PRNGKey(2))
    let c = thinned.chains[0]
    #expect(c.numDraws == 3 && c.samplingIterations == 10)
    // 10 = 1 + 3·3: iterations 3, 6, 9 are kept.
    for (k, i) in [3, 6, 9].enumerated() {
      #expect(Array(c.draw(k)) == Array(all.chains[0].draw(i)))
      #expect(c.stats.energy[k] == all.chains[0].stats.energy[i])
    }
  }

  @Test("Warmup draws kept on request; gradient count adds up")
  func warmupKept() throws {
    let r = try runChains(model: Self.gaussian(), numWarmup: 60, numSamples: 40, key: PRNGKey(4), keepWarmup: true)
    let c = r.chains[0]
    #expect(c.warmupDraws.count == 60 * 3 && c.warmupStats.count == 60)
    let leapfrogs = c.warmupStats.numSteps.reduce(0, +) + c.stats.numSteps.reduce(0, +)
    // Plus the initial point and Stan's step-size searches (at least two evaluations each).
    #expect(c.gradientEvaluations > leapfrogs + 1)
    #expect(c.gradientEvaluations < leapfrogs + 200)
  }

  @Test("Progress: at most five reports a second, then a final one with every chain finished")
  func progress() throws {
    let m = SlowNormalPotential(dimension: 2, microseconds: 20)
    var reports: [RunProgress] = []
    _ = try runChains(model: m, numWarmup: 200, numSamples: 400, numChains: 2, key: PRNGKey(1), progress: { reports.append($0) })
    let last = try #require(reports.last)
    #expect(last.isFinal && reports.dropLast().allSatisfy { !$0.isFinal })
    #expect(last.chains.allSatisfy { $0.phase == .finished && $0.iteration == 600 && $0.totalIterations == 600 })
    #expect(last.chains.allSatisfy { $0.stepSize > 0 && $0.drawsPerSecond > 0 && $0.treeDepth >= 1 && $0.gradientEvaluations > 600 })
    let times = reports.dropLast().map(\.elapsedSeconds)
    for (a, b) in zip(times, times.dropFirst()) { #expect(b - a >= 0.19) }
  }

  @Test("No finite starting point: a clear error after 100 attempts; bad arguments are rejected")
  func errors() throws {
    let nowhere = ClosurePotential(dimension: 2) { _, _ in .infinity }
    #expect(throws: InferenceError.initializationFailed(chain: 0, attempts: 100, detail: "uniform on (−2.0, 2.0) in every coordinate")) {
      _ = try runChains(model: nowhere, numWarmup: 10, numSamples: 10, key: PRNGKey(0))
    }
    // Only x > 0 is in the support: NaN outside. Initial values there are refused.
    let halfLine = ClosurePotential(dimension: 1) { q, g in
      g[0] = 1
      return q[0] > 0 ? q[0] : .nan
    }
    #expect(throws: InferenceError.self) {
      _ = try runChains(model: halfLine, numWarmup: 10, numSamples: 10, key: PRNGKey(0), init: .values([-1]))
    }
    let fine = try runChains(model: halfLine, numWarmup: 200, numSamples: 200, key: PRNGKey(0), init: .values([0.5]))
    #expect(fine.chains[0].draws.allSatisfy { $0 > 0 })
    #expect(throws: InferenceError.self) { _ = try runChains(model: halfLine, numWarmup: 10, numSamples: 10, thinning: 0, key: PRNGKey(0)) }
    #expect(throws: InferenceError.self) {
      _ = try runChains(model: halfLine, config: NUTSConfig(targetAcceptProb: 1), numWarmup: 10, numSamples: 10, key: PRNGKey(0))
    }
  }

  @Test("Step-size jitter: each transition uses ε·(1 + j·U(−1, 1)) around the adapted ε")
  func jitter() throws {
    var config = NUTSConfig()
    config.stepSizeJitter = 0.3
    let r = try runChains(model: Self.gaussian(), config: config, numWarmup: 100, numSamples: 200, key: PRNGKey(6))
    let c = r.chains[0]
    #expect(c.stats.stepSize.allSatisfy { $0 >= 0.7 * c.stepSize && $0 <= 1.3 * c.stepSize })
    #expect(Set(c.stats.stepSize).count > 150)
  }

  @Test("Per-chain initial values: counts are checked, each chain starts where it is told")
  func perChainInit() throws {
    let m = Self.gaussian()
    #expect(throws: InferenceError.self) {
      _ = try runChains(model: m, numWarmup: 0, numSamples: 1, numChains: 2, key: PRNGKey(0), init: .perChain([[0, 0, 0]]))
    }
    // No warmup and no samples: the state handed back is the initial point.
    let r = try runChains(model: m, numWarmup: 0, numSamples: 0, numChains: 2, key: PRNGKey(0),
      init: .perChain([[1, 2, 3], [-1, -2, -3]]))
    #expect(r.chains[0].postWarmupState?.position == [1, 2, 3])
    #expect(r.chains[1].postWarmupState?.position == [-1, -2, -3])
  }
}
