// UTF-8 validation of long runs, 32 bytes at a time with AVX2, after Keiser and Lemire,
// "Validating UTF-8 in less than one instruction per byte" (2021): every error shows in the
// pair (previous byte, byte), looked up by three nibbles — the previous byte's high and low
// nibble and the byte's high nibble — in tables of error bits that are AND-ed; the one case
// pairs cannot judge, a continuation byte after a continuation byte, is allowed exactly where
// the byte two or three back is a three- or four-byte lead.

#include "ckernels.h"

#include <pthread.h>

#if defined(__x86_64__)
#include <immintrin.h>

// Error bits; a pair is invalid when one bit is set in all three look-ups.
enum {
    TOO_SHORT = 0x01,    // lead byte not followed by a continuation byte
    TOO_LONG = 0x02,     // continuation byte after an ASCII byte
    OVERLONG_3 = 0x04,   // E0 80..9F
    TOO_LARGE = 0x08,    // F4 90..BF, F5..FF 90..BF
    SURROGATE = 0x10,    // ED A0..BF
    OVERLONG_2 = 0x20,   // C0 or C1 before a continuation byte
    TOO_LARGE_1000 = 0x40, // F5..FF 80..8F
    OVERLONG_4 = 0x40,   // F0 80..8F
    TWO_CONTS = 0x80,    // continuation after continuation (an error unless required)
    CARRY = TOO_SHORT | TOO_LONG | TWO_CONTS,  // decided by the high nibbles alone
};

// The three look-up tables, indexed by a nibble.
static const uint8_t byte1_high[16] = {
    TOO_LONG, TOO_LONG, TOO_LONG, TOO_LONG, TOO_LONG, TOO_LONG, TOO_LONG, TOO_LONG,  // 0_..7_
    TWO_CONTS, TWO_CONTS, TWO_CONTS, TWO_CONTS,                                      // 8_..B_
    TOO_SHORT | OVERLONG_2,                                                          // C_
    TOO_SHORT,                                                                       // D_
    TOO_SHORT | OVERLONG_3 | SURROGATE,                                              // E_
    TOO_SHORT | TOO_LARGE | TOO_LARGE_1000 | OVERLONG_4,                             // F_
};
static const uint8_t byte1_low[16] = {
    CARRY | OVERLONG_3 | OVERLONG_2 | OVERLONG_4,    // _0
    CARRY | OVERLONG_2,                              // _1
    CARRY, CARRY,                                    // _2, _3
    CARRY | TOO_LARGE,                               // _4
    CARRY | TOO_LARGE | TOO_LARGE_1000,              // _5
    CARRY | TOO_LARGE | TOO_LARGE_1000, CARRY | TOO_LARGE | TOO_LARGE_1000,  // _6, _7
    CARRY | TOO_LARGE | TOO_LARGE_1000, CARRY | TOO_LARGE | TOO_LARGE_1000,  // _8, _9
    CARRY | TOO_LARGE | TOO_LARGE_1000, CARRY | TOO_LARGE | TOO_LARGE_1000,  // _A, _B
    CARRY | TOO_LARGE | TOO_LARGE_1000,              // _C
    CARRY | TOO_LARGE | TOO_LARGE_1000 | SURROGATE,  // _D
    CARRY | TOO_LARGE | TOO_LARGE_1000, CARRY | TOO_LARGE | TOO_LARGE_1000,  // _E, _F
};
static const uint8_t byte2_high[16] = {
    TOO_SHORT, TOO_SHORT, TOO_SHORT, TOO_SHORT, TOO_SHORT, TOO_SHORT, TOO_SHORT, TOO_SHORT,  // 0_..7_
    TOO_LONG | OVERLONG_2 | TWO_CONTS | OVERLONG_3 | TOO_LARGE_1000 | OVERLONG_4,           // 8_
    TOO_LONG | OVERLONG_2 | TWO_CONTS | OVERLONG_3 | TOO_LARGE,                             // 9_
    TOO_LONG | OVERLONG_2 | TWO_CONTS | SURROGATE | TOO_LARGE,                              // A_
    TOO_LONG | OVERLONG_2 | TWO_CONTS | SURROGATE | TOO_LARGE,                              // B_
    TOO_SHORT, TOO_SHORT, TOO_SHORT, TOO_SHORT,                                             // C_..F_
};

// A 16-byte table in both halves of a vector, for _mm256_shuffle_epi8.
__attribute__((target("avx2")))
static inline __m256i table16(const uint8_t t[16]) {
    return _mm256_broadcastsi128_si256(_mm_loadu_si128((const __m128i *)t));
}

__attribute__((target("avx2")))
static inline __m256i high_nibbles(__m256i v) {
    return _mm256_and_si256(_mm256_srli_epi16(v, 4), _mm256_set1_epi8(0x0F));
}

// The error bits of each byte with the byte before it (`prev1`), two and three before it.
__attribute__((target("avx2")))
static inline __m256i errors(__m256i v, __m256i prev1, __m256i prev2, __m256i prev3) {
    __m256i special = _mm256_and_si256(
        _mm256_and_si256(_mm256_shuffle_epi8(table16(byte1_high), high_nibbles(prev1)),
                         _mm256_shuffle_epi8(table16(byte1_low), _mm256_and_si256(prev1, _mm256_set1_epi8(0x0F)))),
        _mm256_shuffle_epi8(table16(byte2_high), high_nibbles(v)));
    // 0x80 where a continuation byte is required as the third or fourth byte of a sequence
    // (two back >= E0, or three back >= F0): the TWO_CONTS bit must be there, and only there.
    __m256i third = _mm256_subs_epu8(prev2, _mm256_set1_epi8((char)(0xE0 - 0x80)));
    __m256i fourth = _mm256_subs_epu8(prev3, _mm256_set1_epi8((char)(0xF0 - 0x80)));
    __m256i required = _mm256_and_si256(_mm256_or_si256(third, fourth), _mm256_set1_epi8((char)0x80));
    return _mm256_xor_si256(special, required);
}

// `v` shifted by n bytes towards higher indexes, the gap filled from the end of `prev`.
#define PREV(v, prev, n) _mm256_alignr_epi8((v), _mm256_permute2x128_si256((prev), (v), 0x21), 16 - (n))

__attribute__((target("avx2,popcnt")))
static size_t scan_avx2(const uint8_t *p, size_t n, size_t *lineFeeds, ptrdiff_t *lastSuspicious) {
    const __m256i lf = _mm256_set1_epi8(0x0A);
    // Nonzero where the last bytes of a vector start a character that does not end in it.
    const __m256i incomplete_max = _mm256_setr_epi8(
        -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
        -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, (char)0xEF, (char)0xDF, (char)0xBF);
    __m256i prev = _mm256_setzero_si256();
    __m256i incomplete = _mm256_setzero_si256();
    size_t i = 0;
    size_t lines = 0;
    // The last vector with a suspicious lead byte (its offset and mask), and the last
    // suspicious index before that vector.
    size_t sus_base = 0;
    uint32_t sus_mask = 0;
    ptrdiff_t sus_before = -1;
    // Two bytes past the vector are read too: the suspicious test looks at a lead's followers.
    while (i + 34 <= n) {
        __m256i v = _mm256_loadu_si256((const __m256i *)(p + i));
        uint32_t feeds = (uint32_t)_mm256_movemask_epi8(_mm256_cmpeq_epi8(v, lf));
        if (_mm256_movemask_epi8(v) == 0) {
            // ASCII: valid unless a character of the previous vector is left unfinished.
            if (!_mm256_testz_si256(incomplete, incomplete)) break;
        } else {
            __m256i e = errors(v, PREV(v, prev, 1), PREV(v, prev, 2), PREV(v, prev, 3));
            if (!_mm256_testz_si256(e, e)) break;
            // Suspicious: a lead byte >= CC, but for E1 B8..BB xx and E2 80 82..BF.
            __m256i next1 = _mm256_loadu_si256((const __m256i *)(p + i + 1));
            __m256i next2 = _mm256_loadu_si256((const __m256i *)(p + i + 2));
            __m256i high = _mm256_cmpeq_epi8(_mm256_max_epu8(v, _mm256_set1_epi8((char)0xCC)), v);
            __m256i viet = _mm256_and_si256(
                _mm256_cmpeq_epi8(v, _mm256_set1_epi8((char)0xE1)),
                _mm256_cmpeq_epi8(_mm256_and_si256(next1, _mm256_set1_epi8((char)0xFC)), _mm256_set1_epi8((char)0xB8)));
            __m256i punct = _mm256_and_si256(
                _mm256_and_si256(_mm256_cmpeq_epi8(v, _mm256_set1_epi8((char)0xE2)),
                                 _mm256_cmpeq_epi8(next1, _mm256_set1_epi8((char)0x80))),
                _mm256_cmpeq_epi8(_mm256_max_epu8(next2, _mm256_set1_epi8((char)0x82)), next2));
            uint32_t sus = (uint32_t)_mm256_movemask_epi8(_mm256_andnot_si256(_mm256_or_si256(viet, punct), high));
            if (sus != 0) {
                if (sus_mask != 0) sus_before = (ptrdiff_t)(sus_base + 31 - (size_t)__builtin_clz(sus_mask));
                sus_base = i;
                sus_mask = sus;
            }
            incomplete = _mm256_subs_epu8(v, incomplete_max);
        }
        lines += (size_t)__builtin_popcount(feeds);
        prev = v;
        i += 32;
    }
    if (i == 0) return 0;
    // Everything before i is valid but for a character left unfinished at the end: stop
    // before its lead byte (no line feed is lost: these bytes are >= 0x80).
    size_t k = i;
    if (p[k - 1] >= 0xC0) k -= 1;
    else if (p[k - 2] >= 0xE0) k -= 2;
    else if (p[k - 3] >= 0xF0) k -= 3;
    if (sus_base + 32 > k) sus_mask &= (1u << (k - sus_base)) - 1;  // k - sus_base >= 29
    if (sus_mask != 0) *lastSuspicious = (ptrdiff_t)(sus_base + 31 - (size_t)__builtin_clz(sus_mask));
    else if (sus_before >= 0) *lastSuspicious = sus_before;
    *lineFeeds += lines;
    return k;
}
#endif

// Without SIMD the caller's byte loop does all the work.
static size_t scan_none(const uint8_t *p, size_t n, size_t *lineFeeds, ptrdiff_t *lastSuspicious) {
    (void)p; (void)n; (void)lineFeeds; (void)lastSuspicious;
    return 0;
}

static size_t (*scan_impl)(const uint8_t *, size_t, size_t *, ptrdiff_t *) = scan_none;
static pthread_once_t scan_once = PTHREAD_ONCE_INIT;

static void scan_resolve(void) {
#if defined(__x86_64__)
    __builtin_cpu_init();
    if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("popcnt")) scan_impl = scan_avx2;
#endif
}

size_t tdkt_utf8_scan(const uint8_t *p, size_t n, size_t *lineFeeds, ptrdiff_t *lastSuspicious) {
    pthread_once(&scan_once, scan_resolve);
    return scan_impl(p, n, lineFeeds, lastSuspicious);
}
