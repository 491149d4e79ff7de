// Byte searches of the CSV tokenizer and the template renderer, 16 bytes at a time with SSE2
// (part of every x86-64 CPU, so no run-time choice): compare, OR the masks, and take the
// position of the first set bit. A short tail is read as the last 16 bytes of the buffer
// (overlapping what was already looked at) or copied into a padded vector, never past the end.
// Elsewhere, plain loops.

#include "ckernels.h"

#include <string.h>

#if defined(__x86_64__)
#include <emmintrin.h>

static inline unsigned any3_mask(__m128i x, __m128i va, __m128i vb, __m128i vc) {
    __m128i m = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(x, va), _mm_cmpeq_epi8(x, vb)), _mm_cmpeq_epi8(x, vc));
    return (unsigned)_mm_movemask_epi8(m);
}
#endif

size_t tdkt_find_any3(const uint8_t *p, size_t n, uint8_t a, uint8_t b, uint8_t c) {
    size_t i = 0;
#if defined(__x86_64__)
    const __m128i va = _mm_set1_epi8((char)a), vb = _mm_set1_epi8((char)b), vc = _mm_set1_epi8((char)c);
    for (; i + 16 <= n; i += 16) {
        unsigned bits = any3_mask(_mm_loadu_si128((const __m128i *)(p + i)), va, vb, vc);
        if (bits) return i + (size_t)__builtin_ctz(bits);
    }
    if (i < n && n >= 16) {
        // The last 16 bytes; those before i are known not to match.
        unsigned bits = any3_mask(_mm_loadu_si128((const __m128i *)(p + n - 16)), va, vb, vc);
        bits >>= 16 - (n - i);
        return bits ? i + (size_t)__builtin_ctz(bits) : n;
    }
#endif
    for (; i < n; i++) {
        uint8_t x = p[i];
        if (x == a || x == b || x == c) return i;
    }
    return n;
}

// The exact rule, byte by byte: 2 for a tab, line feed or carriage return anywhere; else 1 for
// a byte below 0x20, '&', '<', '>', 0xED or 0xEF; else 0.
static int text_class_bytes(const uint8_t *p, size_t n) {
    int result = 0;
    for (size_t i = 0; i < n; i++) {
        uint8_t x = p[i];
        if (x == 0x09 || x == 0x0A || x == 0x0D) return 2;
        if (x < 0x20 || x == '&' || x == '<' || x == '>' || x == 0xED || x == 0xEF) result = 1;
    }
    return result;
}

#if defined(__x86_64__)
// Bytes that need the exact rule: below 0x20 (tabs and line breaks among them), '&', '<', '>',
// 0xED, 0xEF.
static inline unsigned text_mask(__m128i x) {
    const __m128i c1f = _mm_set1_epi8(0x1F), amp = _mm_set1_epi8('&'), lt = _mm_set1_epi8('<'),
                  gt = _mm_set1_epi8('>'), two = _mm_set1_epi8(0x02), ef = _mm_set1_epi8((char)0xEF);
    __m128i control = _mm_cmpeq_epi8(_mm_max_epu8(x, c1f), c1f);  // x <= 0x1F
    __m128i special = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(x, amp), _mm_cmpeq_epi8(x, lt)),
                                   _mm_or_si128(_mm_cmpeq_epi8(x, gt), _mm_cmpeq_epi8(_mm_or_si128(x, two), ef)));
    return (unsigned)_mm_movemask_epi8(_mm_or_si128(control, special));
}
#endif

int tdkt_text_class(const uint8_t *p, size_t n) {
#if defined(__x86_64__)
    if (n < 16) {
        uint8_t padded[16];
        memset(padded, 'a', sizeof padded);
        memcpy(padded, p, n);
        return text_mask(_mm_loadu_si128((const __m128i *)padded)) ? text_class_bytes(p, n) : 0;
    }
    size_t i = 0;
    for (; i + 16 <= n; i += 16) {
        // Anything to look at: the exact rule over the rest (a line break later still wins).
        if (text_mask(_mm_loadu_si128((const __m128i *)(p + i)))) return text_class_bytes(p + i, n - i);
    }
    if (i < n && text_mask(_mm_loadu_si128((const __m128i *)(p + n - 16)))) return text_class_bytes(p + i, n - i);
    return 0;
#else
    return text_class_bytes(p, n);
#endif
}
