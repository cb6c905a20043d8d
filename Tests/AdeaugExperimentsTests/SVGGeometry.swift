import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// What a test needs from one of the report's SVG plots: the canvas, the plot area, every
/// data mark's points and every text's estimated box. Parsed with Foundation's XMLParser.
final class SVGGeometry: NSObject, XMLParserDelegate {
    struct Box {
        var minX, minY, maxX, maxY: Double
        func overlaps(_ other: Box) -> Bool {
            minX < other.maxX && other.minX < maxX && minY < other.maxY && other.minY < maxY
        }
    }

    struct Text {
        var content: String
        var box: Box
        /// The `transform` attribute; the plots rotate only the y-axis label, by −90° about its anchor.
        var transform: String?
    }

    private(set) var width = 0.0
    private(set) var height = 0.0
    private(set) var plotArea: Box?
    /// Each data mark as the points it spans (circle centres, line ends, polyline vertices, rect corners).
    private(set) var marks: [(element: String, points: [(Double, Double)])] = []
    private(set) var texts: [Text] = []
    private var openText: (attributes: [String: String], content: String)?

    /// A character is taken as 0.65 em wide (0.7 bold): more than the average glyph of the sans
    /// fonts a renderer substitutes for Helvetica, so a box that fits here fits when drawn.
    static func textWidth(_ text: String, fontSize: Double, bold: Bool) -> Double {
        Double(text.count) * fontSize * (bold ? 0.7 : 0.65)
    }

    init(svg: String) throws {
        super.init()
        let parser = XMLParser(data: Data(svg.utf8))
        parser.delegate = self
        guard parser.parse() else { throw parser.parserError ?? CocoaError(.propertyListReadCorrupt) }
    }

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String]) {
        func number(_ key: String) -> Double { Double(attributes[key] ?? "") ?? .nan }
        switch name {
        case "svg":
            width = number("width")
            height = number("height")
        case "rect" where attributes["class"] == "plot-area":
            plotArea = Box(minX: number("x"), minY: number("y"), maxX: number("x") + number("width"), maxY: number("y") + number("height"))
        case "text":
            openText = (attributes, "")
        default: break
        }
        guard attributes["class"] == "mark" else { return }
        switch name {
        case "circle": marks.append((name, [(number("cx"), number("cy"))]))
        case "line": marks.append((name, [(number("x1"), number("y1")), (number("x2"), number("y2"))]))
        case "rect":
            marks.append((name, [(number("x"), number("y")), (number("x") + number("width"), number("y") + number("height"))]))
        case "polyline", "polygon":
            let points = (attributes["points"] ?? "").split(separator: " ").map { pair in
                let xy = pair.split(separator: ",").map { Double($0) ?? .nan }
                return (xy.first ?? .nan, xy.last ?? .nan)
            }
            marks.append((name, points))
        default: marks.append((name, []))
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        openText?.content += string
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        guard name == "text", let (attributes, content) = openText else { return }
        openText = nil
        let x = Double(attributes["x"] ?? "") ?? .nan, y = Double(attributes["y"] ?? "") ?? .nan
        let fontSize = Double(attributes["font-size"] ?? "") ?? 16
        let width = Self.textWidth(content, fontSize: fontSize, bold: attributes["font-weight"] == "bold")
        let start: Double
        switch attributes["text-anchor"] {
        case "middle": start = -width / 2
        case "end": start = -width
        default: start = 0
        }
        // Ascent about one em above the baseline, descent a quarter below.
        if let transform = attributes["transform"] {
            // rotate(-90 x y) about the text's own anchor: the run goes upwards from the anchor.
            texts.append(Text(content: content, box: Box(minX: x - fontSize, minY: y - start - width, maxX: x + fontSize / 4, maxY: y - start), transform: transform))
        } else {
            texts.append(Text(content: content, box: Box(minX: x + start, minY: y - fontSize, maxX: x + start + width, maxY: y + fontSize / 4), transform: nil))
        }
    }
}
