/// The one error type of the `Vietnamese` target.
///
/// `code` is stable and meant for programs; `value` is the offending input exactly as received
/// (so a report can quote it); `message` is the Vietnamese sentence shown to users and is also
/// the `description`. `position`, when present, is a 0-based offset into the input: a byte
/// offset for decoders, a Unicode scalar offset for encoders.
public struct VietnameseTextError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Code: String, Sendable, Equatable, CaseIterable {
        /// Text that is not a date in any accepted form.
        case invalidDateFormat
        /// A well-formed date that does not exist (31/02/2024) or lies outside 0001…9999.
        case invalidDate
        /// An Excel serial outside 1…2958465, or the fictitious serial 60 (29/02/1900).
        case invalidExcelSerial
        /// Text that is not a number in the chosen convention.
        case invalidNumber
        /// A number too large (or too precise) for the requested result type.
        case numberOutOfRange
        /// A number outside the range that can be written in words.
        case numberWordsOutOfRange
        /// Not a canonical Roman numeral, or a value outside 1…3999.
        case invalidRomanNumeral
        /// A document number ("Số và ký hiệu") that breaks the decree's form.
        case invalidDocumentNumber
        /// A document-type abbreviation that is not in the decree's table.
        case unknownDocumentType
        /// Characters the target encoding cannot represent.
        case unencodableCharacter
        /// Bytes that are not valid in the source encoding.
        case invalidByteSequence
    }

    public let code: Code
    /// The offending input (or the offending part of it), verbatim.
    public let value: String
    /// The Vietnamese explanation shown to users.
    public let message: String
    /// Byte offset (decoding) or scalar offset (encoding) of the first problem, if it has one.
    public let position: Int?

    public init(_ code: Code, value: String, message: String, position: Int? = nil) {
        self.code = code
        self.value = value
        self.message = message
        self.position = position
    }

    public var description: String { message }
}

extension VietnameseTextError {
    /// Quotes a user value for a message, shortening very long values so messages stay readable.
    static func quote(_ value: String) -> String {
        let limit = 80
        if value.count <= limit { return "\"\(value)\"" }
        return "\"\(value.prefix(limit))…\""
    }
}
