/// Vietnamese text rules for tdkt: dates, numbers, amounts in words, Roman numerals, personal
/// names and their sort order, document numbers ("Số: 57/KH-UBND") and the legacy 8-bit
/// encodings (Windows-1258, TCVN3, VNI-Windows).
///
/// This target is pure: it imports nothing of ours, only Foundation (for NFC and `Decimal`).
/// Every function is total on its input: bad input is reported with a `VietnameseTextError`
/// (typed throws), never a trap. Every user-facing string it produces is Vietnamese in NFC.
///
/// Map of the target:
/// - `Vietnamese` (this namespace): `nfc(_:)`, `collapsingWhitespace(_:)`, `normalized(_:)`.
/// - `CivilDate`: calendar dates, Excel serials, the decree's date forms, date parsing.
/// - `VietnameseNumber`: "1.234.567,89" formatting and parsing, percentages.
/// - `NumberWords`: amounts in words ("một triệu không trăm linh năm") and back.
/// - `RomanNumeral`: I … MMMCMXCIX.
/// - `VietnameseName`, `VietnameseCollation`: họ / đệm / tên and the Vietnamese sort order.
/// - `DocumentNumber`, `DocumentType`: "Số và ký hiệu" of administrative documents.
/// - `LegacyEncoding`, `EncodingDetector`: 8-bit Vietnamese encodings and their detection.
public enum Vietnamese {}
