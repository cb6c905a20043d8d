import AdeaugPipeline

extension GlobalOptions {
    /// A model option as a folder: a Hub name `ORG/NAME[@REVISION]` is fetched into the Hugging
    /// Face cache first (a progress line on stderr unless --quiet); nil is the default checkpoint.
    func modelFolder(_ given: String?) throws -> String {
        let logger = makeLogger()
        return try ModelSource.resolve(given, showProgress: !quiet, log: { logger.info("\($0)") })
    }
}
