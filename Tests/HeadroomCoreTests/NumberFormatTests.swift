import Testing

@testable import HeadroomCore

@Suite("Number display")
struct NumberFormatTests {
    @Test(arguments: [
        (0.0, "0"), (192, "192"), (1.8189894035458565, "1.81899"), (0.30000000000000004, "0.3"),
        (29.508_878_624_523_33, "29.5089"), (-2.5, "-2.5"), (1e15, "1e15"), (1.23456789e20, "1.23457e20"),
        (0.000_012_345, "1.2345e-5"), (0.0001, "0.0001"), (0.00012, "0.00012"), (123456789, "123456789"),
        (999_999.6, "1000000"),
        (2.0 / 3.0, "0.666667"), (1234.5678, "1234.57"), (-0.1, "-0.1"), (9.999_999_9, "10"),
    ])
    func formats(_ x: Double, _ expected: String) {
        #expect(NumberFormat.format(x) == expected)
    }

    @Test(arguments: [
        (1500.0, "$1,500"), (14.244, "$14.24"), (14400, "$14,400"), (-50, "-$50"), (0.005, "$0.005"),
        (1_234_567.891, "$1,234,567.89"), (999.999, "$1,000"), (0.001, "$0.001"),
    ])
    func money(_ x: Double, _ expected: String) {
        #expect(NumberFormat.money(x, prefix: "$") == expected)
    }

    @Test func jsonNumbersKeepFullPrecision() {
        #expect(JSONRenderer.number(1.8189894035458565) == "1.8189894035458565")
        #expect(JSONRenderer.number(192) == "192")
        #expect(JSONRenderer.number(.infinity) == "null")
        #expect(JSONRenderer.string("a\"b\n\u{1}") == "\"a\\\"b\\n\\u0001\"")
    }
}
