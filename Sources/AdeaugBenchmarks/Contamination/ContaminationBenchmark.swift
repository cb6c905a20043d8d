import AdeaugContamination
import AdeaugCore
import Foundation

/// `adeaug bench check`: the figures the issue sets targets for, measured on ADE Corpus v2.
///
/// - check: 10,000 candidates (half perturbed copies of corpus sentences, half sentences of
///   shuffled corpus words that match nothing) against a 20/80 test/train split of the 20,896
///   distinct corpus sentences; time includes building both near-duplicate indexes.
/// - near-duplicate quality: recall and false positives on `NearDuplicateEvaluationSet`.
/// - index: build throughput on synthetic web text (documents of words drawn from the corpus's
///   word distribution, so n-grams are almost all new, the hard case for inserts), index size
///   against text size, and the time to query every test sentence.
public struct ContaminationBenchmark {
    public var corpus: AdeCorpusSentences
    public var candidateCount = 10_000
    public var webMegabytes = 20.0
    public var seed: UInt64 = 42
    /// A shard to time the scan on (e.g. a RefinedWeb Parquet file); the synthetic web text when nil.
    public var scanFile: String?
    /// False for `bench index`: skip the candidate check and the recall measurement.
    public var includeCheck = true

    public init(corpus: AdeCorpusSentences) {
        self.corpus = corpus
    }

    public struct Result: Sendable, Codable {
        public var candidates: Int
        public var testSentences: Int
        public var trainSentences: Int
        public var checkSeconds: Double
        /// Time to normalise and tokenise every corpus sentence once, and the normalisation alone.
        public var prepareCorpusSeconds: Double
        public var normalizeCorpusSeconds: Double
        public var rejected: Int
        public var recall: Double
        public var falsePositiveRate: Double
        public var evaluationPairs: Int
        public var indexTextMegabytes: Double
        public var indexDocuments: Int
        public var indexBuildSeconds: Double
        public var indexMegabytesPerSecond: Double
        public var ngramsPerSecond: Double
        public var storedHashes: Int
        public var indexBytes: Int
        public var indexToTextRatio: Double
        public var querySentences: Int
        public var querySeconds: Double
        public var queriesPerSecond: Double
        public var scanFile: String
        public var scanMegabytes: Double
        public var scanSeconds: Double
        /// One process, one core: the figure an array job's cost estimate starts from.
        public var scanMegabytesPerSecond: Double
        public var scanHits: Int
        /// CPU seconds of this process for the same phases: on a machine shared with other
        /// builds, wall-clock figures undercount what a dedicated core does.
        public var checkCPUSeconds: Double
        public var indexBuildCPUSeconds: Double
        public var indexMegabytesPerCPUSecond: Double
        public var scanCPUSeconds: Double
        public var scanMegabytesPerCPUSecond: Double

        enum CodingKeys: String, CodingKey {
            case candidates, rejected, recall
            case testSentences = "test_sentences"
            case trainSentences = "train_sentences"
            case checkSeconds = "check_seconds"
            case prepareCorpusSeconds = "prepare_corpus_seconds"
            case normalizeCorpusSeconds = "normalize_corpus_seconds"
            case falsePositiveRate = "false_positive_rate"
            case evaluationPairs = "evaluation_pairs"
            case indexTextMegabytes = "index_text_mb"
            case indexDocuments = "index_documents"
            case indexBuildSeconds = "index_build_seconds"
            case indexMegabytesPerSecond = "index_mb_per_second"
            case ngramsPerSecond = "ngrams_per_second"
            case storedHashes = "stored_hashes"
            case indexBytes = "index_bytes"
            case indexToTextRatio = "index_to_text_ratio"
            case querySentences = "query_sentences"
            case querySeconds = "query_seconds"
            case queriesPerSecond = "queries_per_second"
            case scanFile = "scan_file"
            case scanMegabytes = "scan_mb"
            case scanSeconds = "scan_seconds"
            case scanMegabytesPerSecond = "scan_mb_per_second"
            case scanHits = "scan_hits"
            case checkCPUSeconds = "check_cpu_seconds"
            case indexBuildCPUSeconds = "index_build_cpu_seconds"
            case indexMegabytesPerCPUSecond = "index_mb_per_cpu_second"
            case scanCPUSeconds = "scan_cpu_seconds"
            case scanMegabytesPerCPUSecond = "scan_mb_per_cpu_second"
        }
    }

    public func run(workDirectory: String) throws -> Result {
        var generator = SeededGenerator(seed: seed)
        let shuffled = corpus.sentences.indices.map { $0 }.deterministicallyShuffled(using: &generator)
        let testCount = corpus.sentences.count / 5
        let sentence = { (index: Int) in
            InputSentence(id: "s\(index)", text: corpus.sentences[index], source: SourceLocation(file: "corpus", line: index + 1))
        }
        let test = shuffled.prefix(testCount).map(sentence)
        let train = shuffled.dropFirst(testCount).map(sentence)

        // Candidates: perturbed copies and shuffled-word sentences.
        let candidateCount = includeCheck ? candidateCount : 0
        let evaluation = NearDuplicateEvaluationSet(
            corpus: corpus, seed: seed, positives: candidateCount / 2, negatives: includeCheck ? 3000 : 0)
        var candidates = evaluation.pairs.filter(\.isDuplicate).map(\.query)
        while candidates.count < candidateCount {
            var words = corpus.sentences[generator.nextInt(below: corpus.sentences.count)].split(separator: " ")
            words = words.deterministicallyShuffled(using: &generator)
            candidates.append(words.joined(separator: " "))
        }
        let candidateInputs = candidates.enumerated().map {
            InputSentence(id: "c\($0.offset)", text: $0.element, source: SourceLocation(file: "candidates", line: $0.offset + 1))
        }
        let clock = ContinuousClock()
        let tokenizer = MatchTokenizer()
        let prepareTime = clock.measure {
            for text in corpus.sentences { _ = tokenizer.prepare(text) }
        }
        let normalizer = TextNormalizer()
        let normalizeTime = clock.measure {
            for text in corpus.sentences { _ = normalizer.normalize(text) }
        }
        var verdicts: [Verdict] = []
        let checkCPUStart = Self.cpuSeconds()
        let checkTime = try clock.measure {
            verdicts = try ContaminationChecker(test: test, train: train).check(candidateInputs)
        }
        let checkCPU = Self.cpuSeconds() - checkCPUStart

        // Near-duplicate quality on the labelled set.
        var index = NearDuplicateIndex()
        for text in corpus.sentences { index.insert(text) }
        var found = 0, positives = 0, falsePositives = 0, negatives = 0
        for pair in evaluation.pairs {
            if pair.isDuplicate {
                positives += 1
                if index.matches(prepared: index.prepare(pair.query)).contains(where: { $0.entry == pair.referenceIndex }) { found += 1 }
            } else {
                negatives += 1
                if index.compare(index.prepare(pair.reference), index.prepare(pair.query)) != nil { falsePositives += 1 }
            }
        }

        // Pretraining index on synthetic web text.
        let webPath = workDirectory + "/web.jsonl"
        let (_, textBytes) = try writeWebText(to: webPath, using: &generator, plant: test.prefix(200).map(\.text))
        let indexPath = workDirectory + "/index.sqlite"
        try? FileManager.default.removeItem(atPath: indexPath)
        let pretraining = try PretrainingIndex(path: indexPath, readOnly: false)
        var buildResult: PretrainingIndexBuilder.FileResult?
        let buildCPUStart = Self.cpuSeconds()
        let buildTime = try clock.measure {
            buildResult = try PretrainingIndexBuilder(index: pretraining).add(path: webPath)
        }
        let buildCPU = Self.cpuSeconds() - buildCPUStart
        let statistics = try pretraining.statistics()
        try pretraining.database.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        let indexBytes = (try FileManager.default.attributesOfItem(atPath: indexPath)[.size] as? Int) ?? 0
        // n-grams the build hashed: one per token position past the first gram-1 of each document.
        var ngrams = 0.0
        let webTokenizer = WebTextTokenizer()
        try LineDocumentSource(path: webPath).forEachDocument(from: 0) { document in
            ngrams += Double(max(0, webTokenizer.tokenize(document.content).tokens.count - pretraining.settings.gram + 1))
        }
        let queryTime = try clock.measure {
            for sentence in test { _ = try pretraining.lookup(sentence.text) }
        }
        let build = buildTime.inSeconds
        // Scan: the test split as the fixed query set, streamed against one shard.
        let scanner = try ShardScanner(querySet: ScanQuerySet(queries: test), outputPath: workDirectory + "/scan.sqlite")
        var scanResult: ShardScanner.ShardResult?
        let scanCPUStart = Self.cpuSeconds()
        let scanTime = try clock.measure { scanResult = try scanner.scan(path: scanFile ?? webPath) }
        let scanCPU = Self.cpuSeconds() - scanCPUStart
        return Result(
            candidates: candidateInputs.count, testSentences: test.count, trainSentences: train.count,
            checkSeconds: checkTime.inSeconds, prepareCorpusSeconds: prepareTime.inSeconds,
            normalizeCorpusSeconds: normalizeTime.inSeconds, rejected: verdicts.filter { $0.verdict != .accepted }.count,
            recall: Double(found) / Double(max(positives, 1)),
            falsePositiveRate: Double(falsePositives) / Double(max(negatives, 1)), evaluationPairs: evaluation.pairs.count,
            indexTextMegabytes: Double(textBytes) / 1_000_000, indexDocuments: buildResult?.documents ?? 0,
            indexBuildSeconds: build, indexMegabytesPerSecond: Double(textBytes) / 1_000_000 / build,
            ngramsPerSecond: ngrams / build, storedHashes: statistics.storedHashes, indexBytes: indexBytes,
            indexToTextRatio: Double(indexBytes) / Double(max(textBytes, 1)),
            querySentences: test.count, querySeconds: queryTime.inSeconds,
            queriesPerSecond: Double(test.count) / queryTime.inSeconds,
            scanFile: scanFile ?? "synthetic web text", scanMegabytes: Double(scanResult?.bytes ?? 0) / 1_000_000,
            scanSeconds: scanTime.inSeconds,
            scanMegabytesPerSecond: Double(scanResult?.bytes ?? 0) / 1_000_000 / scanTime.inSeconds,
            scanHits: scanResult?.hits ?? 0, checkCPUSeconds: checkCPU, indexBuildCPUSeconds: buildCPU,
            indexMegabytesPerCPUSecond: Double(textBytes) / 1_000_000 / buildCPU, scanCPUSeconds: scanCPU,
            scanMegabytesPerCPUSecond: Double(scanResult?.bytes ?? 0) / 1_000_000 / scanCPU)
    }

    /// Documents of ~300 words drawn from the corpus's word occurrences, a few with a test
    /// sentence planted so that queries also hit.
    private func writeWebText(
        to path: String, using generator: inout SeededGenerator, plant: [String]
    ) throws -> (documents: Int, bytes: Int) {
        let words = corpus.sentences.flatMap { $0.split(separator: " ") }
        let target = Int(webMegabytes * 1_000_000)
        var output = Data()
        output.reserveCapacity(target + 100_000)
        var textBytes = 0
        var documents = 0
        while textBytes < target {
            var content = ""
            for position in 0..<300 {
                if position > 0 { content += " " }
                content += words[generator.nextInt(below: words.count)]
            }
            if documents < plant.count { content += " " + plant[documents] }
            textBytes += content.utf8.count
            let line = try JSONLinesWriter.line(["content": content, "url": "https://web.example/\(documents)"])
            output.append(contentsOf: line.utf8)
            output.append(0x0A)
            documents += 1
        }
        try output.write(to: URL(fileURLWithPath: path))
        return (documents, textBytes)
    }

    /// CPU time (user + system) of the whole process so far.
    static func cpuSeconds() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }
}
