import Foundation
import Testing
import ZIPFoundation
@testable import AdeaugBERT

/// `pytorch_model.bin` checkpoints: the pickle reader, a tiny BERT written by torch.save
/// (Tests/Fixtures/tiny-torch-bert, made by make_tiny_torch_bert.py), damaged files, and, where
/// scripts/bench-pytorch.sh's PyTorch is installed, the real MiniLM saved by torch.save.
struct TorchCheckpointTests {
    static let fixture = Reference.repository.appendingPathComponent("Tests/Fixtures/tiny-torch-bert")

    /// `pickle.dumps({'a': [1, 2.5, 'x', None, True, b'\x00\xff'], 'b': (300, -1, 2**40, -2**40, 70000),
    /// 'c': {'n': (1,)}}, protocol=4)` as Python 3.11 writes it.
    static let protocol4 = hex(
        "80049556000000000000007d94288c0161945d94284b014740040000000000008c0178944e88430200ff94658c016294284d2c014affffffff8a060000000000018a060000000000ff4a7011010074948c0163947d948c016e944b01859473752e"
    )

    static func hex(_ text: String) -> [UInt8] {
        var bytes: [UInt8] = []
        var index = text.startIndex
        while index < text.endIndex {
            let next = text.index(index, offsetBy: 2)
            bytes.append(UInt8(text[index..<next], radix: 16)!)
            index = next
        }
        return bytes
    }

    static let inert = Unpickler(persistentLoad: { .object("\($0)") }, reduce: { callable, _ in .object("\(callable)") })

    @Test func readsWhatPythonPickles() throws {
        guard case .dict(let root) = try Self.inert.load(Self.protocol4) else { Issue.record("root is not a dict"); return }
        #expect(root.entries.map { $0.key.string } == ["a", "b", "c"])
        guard case .list(let a) = root.entries[0].value else { Issue.record("a is not a list"); return }
        #expect(a.items.count == 6)
        #expect(a.items[0].int == 1)
        if case .float(let f) = a.items[1] { #expect(f == 2.5) } else { Issue.record("not 2.5: \(a.items[1])") }
        #expect(a.items[2].string == "x")
        if case .none = a.items[3] {} else { Issue.record("not None") }
        if case .bool(let b) = a.items[4] { #expect(b) } else { Issue.record("not True") }
        if case .bytes(let b) = a.items[5] { #expect(b == [0, 255]) } else { Issue.record("not bytes") }
        #expect(root.entries[1].value.tupleItems?.compactMap(\.int) == [300, -1, 1 << 40, -(1 << 40), 70000])
        guard case .dict(let c) = root.entries[2].value else { Issue.record("c is not a dict"); return }
        #expect(c.entries.first?.value.tupleItems?.first?.int == 1)
    }

    @Test func namesTheByteOfABrokenPickle() {
        var truncated = Self.protocol4
        truncated.removeLast(5)
        #expect(throws: PickleError.self) { try Self.inert.load(truncated) }
        var unknown = Self.protocol4
        unknown[11] = 0xFF  // the first opcode after PROTO, FRAME and EMPTY_DICT
        #expect(throws: PickleError(offset: 11, reason: "unsupported pickle opcode 0xff")) { try Self.inert.load(unknown) }
    }

    /// The value make_tiny_torch_bert.py gave element `i` of tensor `name`.
    static func expected(_ name: String, _ i: Int) -> Float {
        let k = name.unicodeScalars.reduce(0) { $0 + Int($1.value) } % 89
        return Float(i % 97) * 0.01 + Float(k) * 0.001
    }

    @Test func loadsATinyBertThatTorchSaved() throws {
        let network = try BertCheckpoint.load(directory: Self.fixture.path)
        #expect(network.config.hiddenSize == 8 && network.layout.layers.count == 2)
        var checked = 0
        for tensor in network.layout.tensors {
            let values = try #require(network.parameterValues(tensor.name))
            // float16 holds about three decimal digits; float32 the values as computed.
            let tolerance: Float = tensor.name == "bert.pooler.dense.bias" ? 1e-3 : 1e-6
            let worst = values.indices.map { abs(values[$0] - Self.expected(tensor.name, $0)) }.max() ?? 0
            #expect(worst <= tolerance, "\(tensor.name): off by \(worst)")
            checked += 1
        }
        #expect(checked == network.layout.tensors.count && checked > 30)
        let logits = network.forward(BertBatch(sequences: [[2, 7, 9, 3]]), dropout: false)
        #expect(logits.count == 2 && logits.allSatisfy(\.isFinite))
    }

    @Test func modelLocatorAcceptsAFolderWithOnlyPytorchModelBin() throws {
        #expect(try ModelLocator.resolve(explicit: Self.fixture.path) == Self.fixture.path)
    }

    // MARK: Bad files

    /// A copy of the fixture folder whose pytorch_model.bin is `bytes`.
    func folder(withWeights bytes: Data) throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("adeaug-torch-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for name in ["config.json", "vocab.txt"] {
            try FileManager.default.copyItem(at: Self.fixture.appendingPathComponent(name), to: folder.appendingPathComponent(name))
        }
        try bytes.write(to: folder.appendingPathComponent("pytorch_model.bin"))
        return folder
    }

    /// The fixture's archive with `change` applied to its entries (name → bytes).
    func rewrittenArchive(_ change: (inout [(String, Data)]) -> Void) throws -> Data {
        let source = try Archive(url: Self.fixture.appendingPathComponent("pytorch_model.bin"), accessMode: .read)
        var entries: [(String, Data)] = []
        for entry in source {
            var data = Data()
            _ = try source.extract(entry) { data.append($0) }
            entries.append((entry.path, data))
        }
        change(&entries)
        let target = try Archive(data: Data(), accessMode: .create)
        for (path, data) in entries {
            try target.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count)) { position, size in
                data.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        return try #require(target.data)
    }

    func loadError(_ bytes: Data) throws -> String {
        let folder = try folder(withWeights: bytes)
        defer { try? FileManager.default.removeItem(at: folder) }
        do {
            _ = try BertCheckpoint.load(directory: folder.path)
            return "loaded"
        } catch {
            return "\(error)"
        }
    }

    @Test func refusesWhatIsNotATorchArchive() throws {
        #expect(try loadError(Data("not a checkpoint\n".utf8)).contains("is not a PyTorch checkpoint"))
        #expect(try loadError(Data()).contains("is not a PyTorch checkpoint"))
        // The legacy format starts with a pickle (PROTO 2), not a zip header.
        #expect(try loadError(Data([0x80, 0x02, 0x8A, 0x0A])).contains("legacy torch.save format"))
        let whole = try Data(contentsOf: Self.fixture.appendingPathComponent("pytorch_model.bin"))
        #expect(try loadError(whole.prefix(whole.count / 2)).contains("is truncated or damaged"))
        let noPickle = try rewrittenArchive { $0.removeAll { $0.0.hasSuffix("data.pkl") } }
        #expect(try loadError(noPickle).contains("has no data.pkl"))
    }

    @Test func namesTheDamagedPart() throws {
        let badPickle = try rewrittenArchive { entries in
            let index = entries.firstIndex { $0.0.hasSuffix("data.pkl") }!
            entries[index].1 = entries[index].1.prefix(entries[index].1.count / 2)
        }
        let pickleError = try loadError(badPickle)
        #expect(pickleError.contains("data.pkl is not a readable pickle") && pickleError.contains("at byte"), "\(pickleError)")

        var storageName = ""
        let missingStorage = try rewrittenArchive { entries in
            let index = entries.firstIndex { $0.0.contains("/data/") }!
            storageName = entries[index].0
            entries.remove(at: index)
        }
        let missingError = try loadError(missingStorage)
        #expect(missingError.contains("which the archive lacks") && missingError.contains(storageName), "\(missingError)")

        let shortStorage = try rewrittenArchive { entries in
            for i in entries.indices where entries[i].0.contains("/data/") { entries[i].1 = entries[i].1.prefix(4) }
        }
        #expect(try loadError(shortStorage).contains("is truncated: tensor"))

        // A flipped byte inside a stored (uncompressed) storage: the CRC catches it.
        var flipped = try Data(contentsOf: Self.fixture.appendingPathComponent("pytorch_model.bin"))
        let archive = try Archive(url: Self.fixture.appendingPathComponent("pytorch_model.bin"), accessMode: .read)
        let storage = try #require(archive.first { $0.path.contains("/data/") && $0.uncompressedSize > 64 })
        // Its local header (the name's first appearance) is 30 bytes, the name, then an extra field.
        let name = try #require(flipped.range(of: Data(storage.path.utf8)))
        let extraLength = Int(flipped[name.lowerBound - 2]) | Int(flipped[name.lowerBound - 1]) << 8
        flipped[name.upperBound + extraLength + 8] ^= 0xFF
        #expect(try loadError(flipped).contains("is damaged"))
    }

    @Test func aTensorOfTheWrongShapeIsNamed() throws {
        let folder = try folder(withWeights: try Data(contentsOf: Self.fixture.appendingPathComponent("pytorch_model.bin")))
        defer { try? FileManager.default.removeItem(at: folder) }
        let configURL = folder.appendingPathComponent("config.json")
        var config = try JSONSerialization.jsonObject(with: Data(contentsOf: configURL)) as! [String: Any]
        config["intermediate_size"] = 12
        try JSONSerialization.data(withJSONObject: config).write(to: configURL)
        #expect {
            _ = try BertCheckpoint.load(directory: folder.path)
        } throws: { error in
            "\(error)".contains("intermediate.dense.weight has shape [16, 8], expected [12, 8]")
        }
    }

    // MARK: The real checkpoint

    static var torchPython: String? {
        let cache = ProcessInfo.processInfo.environment["ADEAUG_CACHE"] ?? (NSHomeDirectory() + "/.cache/adeaug")
        let python = cache + "/pytorch-venv/bin/python"
        return FileManager.default.isExecutableFile(atPath: python) && Reference.modelAvailable ? python : nil
    }

    /// all-MiniLM-L6-v2 saved by torch.save loads to exactly the parameters of its safetensors.
    @Test(.enabled(if: torchPython != nil, "needs PyTorch (scripts/bench-pytorch.sh) and the checkpoint"))
    func theRealCheckpointSavedByTorchMatchesItsSafetensors() throws {
        let model = try #require(Reference.modelDirectory)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("adeaug-torch-minilm-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        for name in ["config.json", "vocab.txt"] {
            try FileManager.default.copyItem(atPath: model + "/" + name, toPath: folder.appendingPathComponent(name).path)
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.torchPython!)
        process.arguments = [
            "-c",
            "import sys, torch; from safetensors.torch import load_file; torch.save(load_file(sys.argv[1]), sys.argv[2])",
            model + "/model.safetensors", folder.appendingPathComponent("pytorch_model.bin").path,
        ]
        try process.run()
        process.waitUntilExit()
        try #require(process.terminationStatus == 0)

        let fromTorch = try BertCheckpoint.load(directory: folder.path, seed: 7)
        let fromSafetensors = try BertCheckpoint.load(directory: model, seed: 7)
        for tensor in fromSafetensors.layout.tensors {
            #expect(fromTorch.parameterValues(tensor.name) == fromSafetensors.parameterValues(tensor.name), "\(tensor.name)")
        }
    }
}
