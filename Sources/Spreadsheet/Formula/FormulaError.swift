// Why a formula could not be parsed, in Vietnamese, with the character position.

/// A formula that cannot be parsed: what is wrong and where.
public struct FormulaError: Error, Equatable, Sendable, CustomStringConvertible {
    /// What went wrong.
    public enum Kind: Equatable, Sendable {
        /// Nothing but `=` or blanks.
        case empty
        /// Longer than Excel's 8 192 characters.
        case tooLong
        /// A character that cannot start anything here.
        case unexpectedCharacter(Character)
        /// A token that does not fit here (shown as written).
        case unexpectedToken(String)
        /// The formula ends where an operand is still expected.
        case unexpectedEnd
        /// A `(` is never closed.
        case unclosedParenthesis
        /// A `)` without its `(`.
        case unmatchedParenthesis
        /// A `"` string is never closed.
        case unclosedString
        /// A `'` sheet name is never closed.
        case unclosedSheetName
        /// A sheet name not followed by `!` and a cell or range.
        case invalidSheetReference
        /// A cell reference beyond XFD / row 1 048 576, or row 0.
        case referenceOutOfRange(String)
        /// Something that looks like a reference but is not one (`A$`, `$1A`).
        case invalidReference(String)
        /// A number literal that is malformed or too large.
        case invalidNumber(String)
        /// `#` not followed by one of Excel's error literals.
        case unknownErrorLiteral(String)
        /// Valid Excel that this engine does not handle (array constants, intersections, …).
        case unsupported(String)
        /// Parentheses and function calls nested deeper than 64 levels.
        case tooDeep
        /// A function called with more than 255 arguments.
        case tooManyArguments(String)
        /// `,` outside a function call.
        case misplacedComma
    }

    /// What went wrong.
    public var kind: Kind
    /// The formula as given to ``Formula/init(_:)``.
    public var formula: String
    /// 1-based character position of the problem in `formula` (the last character when the
    /// formula ends too early).
    public var position: Int

    /// An error of `kind` at the 1-based character `position` of `formula`.
    public init(kind: Kind, formula: String, position: Int) {
        self.kind = kind
        self.formula = formula
        self.position = position
    }

    /// The Vietnamese message: what is wrong and where.
    public var message: String {
        let f = "Công thức «\(formula)»"
        let at = "ở vị trí \(position)"
        switch kind {
        case .empty:
            return "Công thức rỗng: sau dấu = không có gì."
        case .tooLong:
            return "\(f.count > 80 ? "Công thức" : f) dài \(formula.count) ký tự, vượt giới hạn \(FormulaLimits.length) ký tự của Excel."
        case .unexpectedCharacter(let c):
            return "\(f) có ký tự không hợp lệ «\(c)» \(at)."
        case .unexpectedToken(let t):
            return "\(f) có «\(t)» không đúng chỗ \(at)."
        case .unexpectedEnd:
            return "\(f) kết thúc khi còn thiếu toán hạng \(at)."
        case .unclosedParenthesis:
            return "\(f) thiếu dấu ) đóng \(at)."
        case .unmatchedParenthesis:
            return "\(f) thừa dấu ) \(at)."
        case .unclosedString:
            return "\(f) có chuỗi chưa đóng dấu \" (mở \(at))."
        case .unclosedSheetName:
            return "\(f) có tên trang tính chưa đóng dấu ' (mở \(at))."
        case .invalidSheetReference:
            return "\(f): sau tên trang tính phải là dấu ! rồi đến ô hoặc vùng ô \(at)."
        case .referenceOutOfRange(let r):
            return "\(f) tham chiếu «\(r)» vượt giới hạn bảng tính (cột A–XFD, dòng 1–1048576) \(at)."
        case .invalidReference(let r):
            return "\(f) có tham chiếu «\(r)» không hợp lệ \(at)."
        case .invalidNumber(let n):
            return "\(f) có số «\(n)» không hợp lệ \(at)."
        case .unknownErrorLiteral(let e):
            return "\(f) có mã lỗi «\(e)» không hợp lệ \(at) (chỉ dùng #DIV/0!, #N/A, #NAME?, #NULL!, #NUM!, #REF!, #VALUE!)."
        case .unsupported(let what):
            return "\(f) dùng \(what) \(at): chưa được hỗ trợ."
        case .tooDeep:
            return "\(f) lồng ngoặc hoặc hàm quá \(FormulaLimits.nesting) cấp \(at)."
        case .tooManyArguments(let name):
            return "\(f): hàm \(name) có quá \(FormulaLimits.arguments) tham số \(at)."
        case .misplacedComma:
            return "\(f) có dấu , nằm ngoài lời gọi hàm \(at)."
        }
    }

    /// The Vietnamese message.
    public var description: String { message }
}
