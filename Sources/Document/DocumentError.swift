/// A document that cannot be written as asked. Messages are Vietnamese and name the place at
/// fault (section, table, row, cell, list).
public struct DocumentError: Error, Sendable, CustomStringConvertible, Equatable {
    public enum Code: Sendable, Equatable {
        case invalidTable, invalidList, invalidStyle, invalidImage, invalidSection, invalidHyperlink,
             invalidFootnote, unsupportedFormat, state
    }
    public let code: Code
    public let message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }
}
