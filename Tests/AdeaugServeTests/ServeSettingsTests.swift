import AdeaugCore
import AdeaugServe
import Testing

@Suite struct ServeSettingsTests {
    @Test func sageMakerPortWinsOverTheFlag() throws {
        var settings = ServeSettings()
        settings.port = 9000
        #expect(try settings.applyingEnvironment(["SAGEMAKER_BIND_TO_PORT": "8081"]).port == 8081)
        #expect(try settings.applyingEnvironment([:]).port == 9000)
        #expect(throws: InvalidSetting.self) { try settings.applyingEnvironment(["SAGEMAKER_BIND_TO_PORT": "x"]) }
    }

    @Test func defaultsAreTheContainerContract() {
        let settings = ServeSettings()
        #expect(settings.host == "0.0.0.0" && settings.port == 8080 && settings.model == "/opt/ml/model")
    }
}
