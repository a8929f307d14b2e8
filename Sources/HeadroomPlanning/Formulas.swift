/// The formulas behind the planning builtins, appended to `docs/builtins.md`.
public enum Formulas {
    public static let markdown = #"""
        # Formulas

        Every planning builtin computes in base units (bytes, seconds, cores, joules, currency
        units) and shows its result in a unit chosen as stated.

        ## Regression (`fit`, `rate`, `predict_linear`, `project` linear, `runway` on a series)

        Ordinary least squares of value y on time x, with x the seconds from the last sample
        (as PromQL's `deriv` and `predict_linear` measure it when evaluated at that sample):

            x̄ = Σx/n,  ȳ = Σy/n,  Sxx = Σ(x − x̄)²,  Sxy = Σ(x − x̄)(y − ȳ)
            slope b = Sxy / Sxx,   intercept a = ȳ − b·x̄   (the fitted value at the last sample)
            SSE = Σ(y − a − b·x)²,  r² = 1 − SSE / Σ(y − ȳ)²,  s = √(SSE / (n − 2))

        `predict_linear(s, h)` = a + b·h. `rate(s)` = b. A slope is shown per month when the data
        spans 60 days or more, per day from 2 days, per hour from 2 hours, per minute from 2 minutes,
        else per second.

        The 95% prediction interval for a new observation at x₀ (`project` bands):

            a + b·x₀ ± t(0.975, n − 2) · s · √(1 + 1/n + (x₀ − x̄)² / Sxx)

        t is Student's t quantile, computed from the regularized incomplete beta function
        (continued fraction) and bisection to about 1e-13.

        ## Compound growth (`project` with method "compound")

        The same regression on ln y; the forecast and its band are e raised to the linear
        forecast and band. It needs every value above zero.

        ## Exponential smoothing and Theta (`project` with method "ses", "holt", "damped", "theta", "comb")

        In state-space form (Hyndman et al. 2008), with one-step error eₜ = yₜ − (ℓₜ₋₁ + φ·bₜ₋₁):

            ℓₜ = ℓₜ₋₁ + φ·bₜ₋₁ + α·eₜ,   bₜ = φ·bₜ₋₁ + β·eₜ
            forecast h steps ahead = ℓₙ + (φ + φ² + … + φʰ)·bₙ

        ses has no trend; holt has φ = 1; damped estimates φ in 0.8..0.98. α, β, φ and the
        starting ℓ₀ and b₀ minimise the sum of squared one-step errors (Nelder-Mead, restarted
        once). `alpha:` and `beta:` fix α and the textbook smoothing β (β here is α times it).
        The band is ± z·σ·√(1 + Σⱼ₌₁..ₕ₋₁ (α + β(φ + … + φʲ))²), σ² the mean squared one-step
        error. theta is SES from the first value plus half the least-squares slope:
        SESₙ₊₁ + (slope/2)(h − 1 + 1/α − (1 − α)ⁿ/α), band ± z·σ·√(1 + (h − 1)α²). comb is the
        mean of ses, holt and damped. Seasonal data (the M4 test) is adjusted by classical
        decomposition first; data finer than a day with a weekly cycle too has both cycles
        taken out together, additively (MSTL-style). "auto" chooses by rolling origins and
        calibrates its band on past errors. Details and accuracy: docs/forecasting.md.

        ## Seasonal methods (`project` with method "holt-winters", "snaive")

        holt-winters is ETS(A,Ad,A): the damped trend above plus a cycle of m values,
        sₜ = sₜ₋ₘ + γ·eₜ, forecast ℓₙ + (φ + … + φʰ)·bₙ + s of that position. α, β ≤ α, γ ≤ 1 − α
        and φ minimise the squared one-step errors; ℓ₀ is the first cycle's mean, b₀ the step
        between the first two cycles' means per value, s₀ the first cycle less its mean. Band:
        σ²(1 + Σⱼ₌₁..ₕ₋₁ cⱼ²), cⱼ = α + β(φ + … + φʲ) + γ when j is a whole number of cycles.
        It needs two cycles. snaive repeats the last cycle; its band is ± z·σₘ·√(⌊(h − 1)/m⌋ + 1),
        σₘ² the mean squared difference between values a cycle apart.

        ## Backtest (`backtest`)

        The points in the last `holdout` are set aside; the method is fitted on the rest (at least
        3 points) and forecasts the set-aside times. MAE = mean |y − ŷ|; MAPE = mean |y − ŷ| / |y|
        over non-zero y. Without a method, every method is scored, lowest MAE first (ties in the
        order naive, snaive, drift, ses, holt, damped, theta, comb, holt-winters, linear, compound).

        ## Runway and growth

        - Linear rate r: runway = (threshold · capacity − used) / r; 0 if already there; never if
          r ≤ 0. Shown in the rate's time unit.
        - Percentage rate p per period P (`5%/month`): runway = ln(threshold · capacity / used) /
          ln(1 + p) · P.
        - A series: the forecast of `method` (default the fitted line from the intercept, the
          value at the last sample, with the slope; other methods step by step, up to 100,000
          steps, straight between steps). `low` and `high` are the first times the band's upper
          and lower edges reach the threshold (95%, calibrated on the method's past forecasts as
          far ahead as half the history, unless `bands: "analytic"`); `p10` and `p90` the same for
          the 80% band, `p50` the runway (a geometric scan, then bisection to a minute; never
          beyond 1000 years). `compare` uses the line and its calibrated band.
        - `exhausts` = from (or the last sample's time) + runway.
        - `grow(start, r, t)` = start + r·t for a rate in start's unit per time; start·(1 + p)^(t/P)
          for a percentage p per period P; start·(1 + p·t/P) with `simple: true`.

        ## Clusters

        raw = nodes · disks · disk; usable = raw / replication; `n_minus_1` is the same with
        nodes − 1.

        ## Comparing options

        - Score (the runbook's): Σ gainᵢ·weightᵢ in percentage points, per 1000 of the cost's
          currency, rounded to 2 places. Relief = (cpu + memory + storage gains) / growth, in the
          growth's time unit.
        - Runway comparison: for each resource, capacity after = capacity · (1 + gain); runway to
          capacity · threshold (policy: cpu, memory, storage) at its growth. The option's runway is
          its shortest (the binding resource); months gained = that minus today's shortest; value
          = cost / months gained, best first. Options that gain nothing come last.

        ## Budgets

        Totals per calendar year of `when`; `average_per_year` = total / (last year − first
        year + 1), counting years without purchases.

        ## Percentiles

        Linear interpolation between closest ranks: rank = p·(n − 1) on the sorted values
        (numpy's default).
        """#
}
