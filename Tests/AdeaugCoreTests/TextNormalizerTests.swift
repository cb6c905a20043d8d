import AdeaugCore
import Testing

@Suite struct TextNormalizerTests {
    let normalizer = TextNormalizer()

    @Test func foldsCaseWhitespaceAndPunctuationSpacing() {
        #expect(normalizer.normalize("  Methotrexate ( MTX )  induced\tRASH . ") == "methotrexate(mtx)induced rash.")
        #expect(normalizer.normalize("methotrexate (MTX) induced rash.") == normalizer.normalize("Methotrexate(MTX) induced rash ."))
    }

    @Test func foldsUnicodeCompatibilityForms() {
        #expect(normalizer.normalize("ＡＳＰＩＲＩＮ caused “rash” – severe") == "aspirin caused\"rash\"-severe")
        #expect(normalizer.normalize("cafe\u{301}ine") == normalizer.normalize("caféine"))
        #expect(normalizer.normalize("ﬁbrosis") == "fibrosis")
    }

    @Test func keepsDigitsAndUnits() {
        #expect(normalizer.normalize("5 mg daily") != normalizer.normalize("10 mg daily"))
        #expect(normalizer.normalize("5 mg daily") == "5 mg daily")
        #expect(normalizer.normalize("1500 mg/m2") == "1500 mg/m2")
    }
}
