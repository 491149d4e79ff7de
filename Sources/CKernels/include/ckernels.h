// Byte kernels in C with x86-64 SIMD paths chosen at run time (PCLMULQDQ, AVX2) and portable
// fallbacks elsewhere. Used by OfficeZip (CRC-32) and Ingest (UTF-8 validation).
#ifndef CKERNELS_H
#define CKERNELS_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// CRC-32 of zip, gzip and zlib (reflected polynomial 0xEDB88320), with zlib's contract:
/// start from 0, pass the previous result to continue over more bytes (NULL data gives 0).
uint32_t tdkt_crc32(uint32_t crc, const void *data, size_t length);

/// The same CRC by tables alone (the fallback where the CPU has no carry-less multiply);
/// exposed so that tests can check both on one machine.
uint32_t tdkt_crc32_portable(uint32_t crc, const void *data, size_t length);

/// Validates a prefix of `p[0..<n]`, which must start on a character boundary, and returns
/// its length k: `p[0..<k]` is valid UTF-8 made of whole characters. k may be anything from
/// 0 to n (0 where there is no SIMD path): the caller goes on from `p + k` byte by byte, and
/// finds there any invalid sequence exactly. Adds the number of line feeds in `p[0..<k]` to
/// `*lineFeeds`, and sets `*lastSuspicious` to the index of the last lead byte in `p[0..<k]`
/// of a character that may not be NFC (left unchanged when there is none): a lead byte from
/// 0xCC to 0xDF, or of any three- or four-byte character except E1 B8..BB xx (Vietnamese
/// precomposed letters) and E2 80 xx with xx >= 0x82 (punctuation).
size_t tdkt_utf8_scan(const uint8_t *p, size_t n, size_t *lineFeeds, ptrdiff_t *lastSuspicious);

/// The index of the first byte of `p[0..<n]` equal to `a`, `b` or `c`; `n` when there is none.
size_t tdkt_find_any3(const uint8_t *p, size_t n, uint8_t a, uint8_t b, uint8_t c);

/// How a value's UTF-8 bytes go into XML character data: 2 when they hold a tab, line feed or
/// carriage return (which a template turns into markup); otherwise 1 when some byte needs a
/// look (a control character, '&', '<', '>', or 0xED / 0xEF, the leads of surrogates and of
/// U+FFFE and U+FFFF); otherwise 0 (copied as they are).
int tdkt_text_class(const uint8_t *p, size_t n);

#ifdef __cplusplus
}
#endif

#endif
