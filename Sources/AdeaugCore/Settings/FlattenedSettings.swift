/// A config section that shows another settings value's keys at its own level: adeaug.yaml's
/// `generation:` holds the generation stage's settings and the pipeline's own keys side by side.
public protocol FlattenedSettings {
    /// The property whose settings appear at this level.
    static var flattenedProperty: String { get }
}
