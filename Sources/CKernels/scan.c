// Byte searches of the CSV tokenizer and the template renderer, 16 bytes at a time with SSE2
// (part of every x86-64 CPU, so no run-time choice): compare, OR the masks, and take the
// position of the first set bit; elsewhere, plain loops.

#include "ckernels.h"

#if defined(__x86_64__)
#include <emmintrin.h>
#endif

size_t tdkt_find_any3(const uint8_t *p, size_t n, uint8_t a, uint8_t b, uint8_t c) {
    size_t i = 0;
#if defined(__x86_64__)
    const __m128i va = _mm_set1_epi8((char)a), vb = _mm_set1_epi8((char)b), vc = _mm_set1_epi8((char)c);
    for (; i + 16 <= n; i += 16) {
        __m128i x = _mm_loadu_si128((const __m128i *)(p + i));
        __m128i m = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(x, va), _mm_cmpeq_epi8(x, vb)), _mm_cmpeq_epi8(x, vc));
        unsigned bits = (unsigned)_mm_movemask_epi8(m);
        if (bits) return i + (size_t)__builtin_ctz(bits);
    }
#endif
    for (; i < n; i++) {
        uint8_t x = p[i];
        if (x == a || x == b || x == c) return i;
    }
    return n;
}

// The bytes `text_class` looks at one by one: below 0x20, '&', '<', '>', 0xED, 0xEF.
static int text_byte_class(uint8_t x) {
    if (x == 0x09 || x == 0x0A || x == 0x0D) return 2;
    if (x < 0x20 || x == '&' || x == '<' || x == '>' || x == 0xED || x == 0xEF) return 1;
    return 0;
}

int tdkt_text_class(const uint8_t *p, size_t n) {
    int result = 0;
    size_t i = 0;
#if defined(__x86_64__)
    const __m128i c1f = _mm_set1_epi8(0x1F), amp = _mm_set1_epi8('&'), lt = _mm_set1_epi8('<'),
                  gt = _mm_set1_epi8('>'), two = _mm_set1_epi8(0x02), ef = _mm_set1_epi8((char)0xEF);
    for (; i + 16 <= n; i += 16) {
        __m128i x = _mm_loadu_si128((const __m128i *)(p + i));
        __m128i control = _mm_cmpeq_epi8(_mm_max_epu8(x, c1f), c1f);  // x <= 0x1F
        __m128i special = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(x, amp), _mm_cmpeq_epi8(x, lt)),
                                       _mm_or_si128(_mm_cmpeq_epi8(x, gt), _mm_cmpeq_epi8(_mm_or_si128(x, two), ef)));
        if (_mm_movemask_epi8(_mm_or_si128(control, special)) == 0) continue;
        for (size_t k = i; k < i + 16; k++) {
            int c = text_byte_class(p[k]);
            if (c == 2) return 2;
            if (c > result) result = c;
        }
    }
#endif
    for (; i < n; i++) {
        int c = text_byte_class(p[i]);
        if (c == 2) return 2;
        if (c > result) result = c;
    }
    return result;
}
