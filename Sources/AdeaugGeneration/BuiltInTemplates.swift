/// The templates `adeaug` ships, compiled in so that the binary works from any folder.
/// `prompts/*.mustache` hold identical copies for users to read and adapt (a test keeps them equal).
enum BuiltInTemplates {
    static let falconInstruct = """
    {{{instruction}}}

    {{#examples}}
    Sentence: {{{text}}}
    ###
    {{/examples}}
    Sentence:
    """

    static let chat = """
    {{{instruction}}}

    Examples:
    {{#examples}}
    {{number}}. {{{text}}}
    {{/examples}}

    Answer with the new sentence only, on one line, without numbering.
    """
}
