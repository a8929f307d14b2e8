import Foundation
import Testing

@testable import HeadroomPlanning

@Suite("How auto chooses")
struct AutoChoiceTests {
    // Yearly-like data with no cycle whose steps mostly rise: Theta would extrapolate half the
    // regression slope; auto follows the trend in full with drift and says why.
    @Test func aPersistentTrendWithoutACycleIsFollowedWithDrift() throws {
        let y: [Double] = [100, 104, 109, 108, 118, 121, 127]
        let r = try #require(Forecaster.auto(y, h: 3, period: nil))
        #expect(r.method == .drift)
        #expect(
            r.reason?.hasPrefix("83% of steps go the way the series went, so drift rather than theta; too few values")
                == true, "\(r.reason ?? "")")
        // Drift: the last value plus the mean step, (127 − 100) / 6 per step.
        #expect(abs(r.mean[2] - (127 + 3 * 27.0 / 6)) < 1e-9)
    }

    // The same rule does not touch data with a cycle, nor a series that zig-zags.
    @Test func aZigZagKeepsTheta() throws {
        let y: [Double] = [100, 110, 98, 112, 101, 113, 99, 115, 102, 114, 100, 116]
        #expect(Forecaster.persistence(y) == 6.0 / 11)
        let flat: [Double] = [100, 90, 110, 95, 105, 100]
        #expect(Forecaster.persistence(flat) == nil)
        let falling: [Double] = [100, 97, 98, 90, 85, 86, 80, 75, 76, 70, 66, 67]
        #expect(Forecaster.persistence(falling) == 7.0 / 11)
        let zig: [Double] = [100, 120, 90, 125, 85, 130, 80, 135, 75, 140, 70, 99]
        let r = try #require(Forecaster.auto(zig, h: 3, period: nil))
        #expect(Forecaster.persistence(zig) == 5.0 / 11)
        #expect(r.method != .drift)
    }

    /// auto shares fits between candidates (comb's ses and damped are the candidates' own):
    /// the same errors as fitting afresh, to the bit.
    @Test func sharedFitsChangeNothing() {
        var y: [Double] = []
        for i in 0..<60 {
            let x = Double(i)
            let wave: Double = 8 * sin(x * 0.9)
            let jitter = Double((i * 7919) % 13)
            y.append(100 + x * 1.5 + wave + jitter)
        }
        let fresh = Forecaster.pastErrors(y, .comb, period: 12, stop: { false })
        let fits = Forecaster.Fits()
        _ = Forecaster.pastErrors(y, .damped, period: 12, fits: fits, stop: { false })
        _ = Forecaster.pastErrors(y, .ses, period: 12, fits: fits, stop: { false })
        let shared = Forecaster.pastErrors(y, .comb, period: 12, fits: fits, stop: { false })
        #expect(fresh.count == shared.count && !fresh.isEmpty)
        var same = true
        for (a, b) in zip(fresh, shared) where a.forecast != b.forecast || a.sd != b.sd || a.actual != b.actual {
            same = false
        }
        #expect(same)
        #expect(!fits.raws.isEmpty)
    }
}
