/// Rules every entry name must follow, on read and on write.
///
/// libzip accepts `../x`, `/etc/x` and empty names both ways; office packages never contain
/// them and an extractor may follow them out of its folder, so they are refused here.
public enum ZipEntryName {
    /// Why `name` is unsafe, or nil when it is fine.
    public static func problem(_ name: String) -> String? {
        if name.isEmpty { return "tên rỗng" }
        if name.utf8.contains(0) { return "tên chứa ký tự NUL" }
        if name.contains("\\") { return "tên chứa dấu \\: \(name)" }
        if name.hasPrefix("/") { return "đường dẫn tuyệt đối: \(name)" }
        let utf8 = Array(name.utf8)
        if utf8.count >= 2, utf8[1] == UInt8(ascii: ":"),
           (utf8[0] | 0x20) >= UInt8(ascii: "a"), (utf8[0] | 0x20) <= UInt8(ascii: "z") {
            return "đường dẫn có ổ đĩa: \(name)"
        }
        for component in name.split(separator: "/", omittingEmptySubsequences: false) {
            if component == ".." { return "tên chứa \"..\": \(name)" }
        }
        return nil
    }
}
