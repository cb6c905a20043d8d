import AdeaugCore
import Testing

@testable import AdeaugGeneration

@Suite struct PolicyTests {
    @Test func limiterHalvesOncePerWindowAndGrowsBack() {
        var limiter = ConcurrencyLimiter(maximum: 16)
        limiter.recordThrottle(startedSequence: 10, currentSequence: 20)
        #expect(limiter.allowed == 8)
        // Requests of the same window that were throttled too do not cut again.
        limiter.recordThrottle(startedSequence: 12, currentSequence: 20)
        #expect(limiter.allowed == 8)
        limiter.recordThrottle(startedSequence: 20, currentSequence: 30)
        #expect(limiter.allowed == 4)
        for _ in 0..<200 { limiter.recordSuccess() }
        #expect(limiter.allowed == 16)
        for sequence in 0..<10 { limiter.recordThrottle(startedSequence: 100 + 10 * sequence, currentSequence: 101 + 10 * sequence) }
        #expect(limiter.allowed == 1)
    }

    @Test func redactionRemovesIdentifiersButKeepsMedicalContent() {
        let redactor = Redactor()
        let text = "Patient (MRN: 00123456, j.doe@example.org, tel. +1 555-123-4567) seen on 03/14/2019 and March 3, 2020 received 5 mg of warfarin at age 45 in 1998; case no. AB-99812."
        let redacted = redactor.redact(text)
        for leaked in ["00123456", "j.doe@example.org", "555-123-4567", "03/14/2019", "March 3, 2020", "AB-99812"] {
            #expect(!redacted.contains(leaked), "\(leaked) in \(redacted)")
        }
        for kept in ["5 mg", "warfarin", "age 45", "1998"] { #expect(redacted.contains(kept), "\(kept) lost: \(redacted)") }
        #expect(redacted.contains("[EMAIL]") && redacted.contains("[PHONE]") && redacted.contains("[DATE]") && redacted.contains("[RECORD]"))
    }

    @Test func filterDropsWithReasons() {
        let filter = CandidateFilter()
        let shown = ["A 40-year-old man developed a rash after taking amoxicillin for otitis."]
        func reasons(_ text: String, finish: String? = nil) -> [FilterReason] {
            filter.judge(Completion(text: text, finishReason: finish), shownExamples: shown).map(\.reason)
        }
        #expect(reasons(" A woman developed hepatitis after six weeks of isoniazid.\n###") == [.accepted])
        #expect(reasons("   \n") == [.empty])
        #expect(reasons("A woman developed hepatitis after six weeks of", finish: "length") == [.truncated])
        #expect(reasons("Too short.") == [.tooShort])
        #expect(reasons(String(repeating: "word ", count: 100)) == [.tooLong])
        #expect(reasons("See https://example.org/case for the patient record details here") == [.nonText])
        #expect(reasons("12 34 56 78 90 11 22 33 44 55 ++ -- %%") == [.nonText])
        #expect(reasons("Sentence: a 40-year-old man developed a rash after taking amoxicillin for otitis.") == [.copyOfExample])
        let lines = filter.judge(Completion(text: "1. First patient developed tremor on lithium therapy.\n2. \"Second patient developed ataxia on phenytoin therapy.\"", finishReason: "stop"), shownExamples: [])
        #expect(lines.map(\.text) == ["First patient developed tremor on lithium therapy.", "Second patient developed ataxia on phenytoin therapy."])
    }
}
