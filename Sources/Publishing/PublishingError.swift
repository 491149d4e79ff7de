/// Why a PDF or the index page could not be made, in Vietnamese, with what to do.
public struct PublishingError: Error, CustomStringConvertible, Sendable {
    public enum Code: String, Sendable {
        case libreOfficeMissing, fontMissing, wrongFont, conversionFailed, timedOut, output
    }

    public var code: Code
    public var message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }
}
