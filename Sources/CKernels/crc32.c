// CRC-32 (reflected polynomial 0xEDB88320, as in zip and zlib).
//
// Portable path: slice-by-8 tables. x86-64 path: carry-less multiplication (PCLMULQDQ)
// folds four 128-bit lanes over the data 64 bytes at a time, then one lane, 16 bytes at a
// time; the last 128-bit remainder and the tail (under 16 bytes) go through the tables.

#include "ckernels.h"

#include <pthread.h>
#include <string.h>

#if defined(__x86_64__)
#include <immintrin.h>
#endif

// table[0] is the classic byte-at-a-time table; table[k][b] is the CRC of byte b followed by
// k zero bytes, so eight bytes are folded in with eight look-ups.
static uint32_t table[8][256];

static void build_tables(void) {
    for (uint32_t b = 0; b < 256; b++) {
        uint32_t c = b;
        for (int bit = 0; bit < 8; bit++) c = (c & 1) ? (c >> 1) ^ 0xEDB88320u : c >> 1;
        table[0][b] = c;
    }
    for (uint32_t b = 0; b < 256; b++)
        for (int k = 1; k < 8; k++)
            table[k][b] = (table[k - 1][b] >> 8) ^ table[0][table[k - 1][b] & 0xFF];
}

// All paths work on the raw register: the pre- and post-inversion are done by the caller.
static uint32_t crc_tables(uint32_t reg, const uint8_t *p, size_t n) {
    while (n >= 8) {
        // Little-endian assembly by shifts (compilers make it one load), whatever the host.
        uint32_t lo = (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
        uint32_t hi = (uint32_t)p[4] | (uint32_t)p[5] << 8 | (uint32_t)p[6] << 16 | (uint32_t)p[7] << 24;
        lo ^= reg;
        reg = table[7][lo & 0xFF] ^ table[6][(lo >> 8) & 0xFF] ^ table[5][(lo >> 16) & 0xFF] ^ table[4][lo >> 24]
            ^ table[3][hi & 0xFF] ^ table[2][(hi >> 8) & 0xFF] ^ table[1][(hi >> 16) & 0xFF] ^ table[0][hi >> 24];
        p += 8;
        n -= 8;
    }
    while (n--) reg = (reg >> 8) ^ table[0][(reg ^ *p++) & 0xFF];
    return reg;
}

#if defined(__x86_64__)
// Reflected bit order: in a 128-bit lane, bit j is the coefficient of x^(127-j), so the low
// quadword H holds the high-degree half and the lane is H·x^64 + L. Moving the lane D bits
// further along the message multiplies it by x^D, which modulo P is
//     H·(x^(D+64) mod P) + L·(x^D mod P).
// A carry-less product of a reflected 64-bit half and the constant rev32(x^E mod P) << 1
// (33 bits, x^0 at bit 32) yields the product times x^32 as a reflected 128-bit lane, hence
// E = D + 32 for H and E = D - 32 for L. The low quadword of each constant pair goes with H.
//   D = 512 (four lanes, 64 bytes):  x^544, x^480
//   D = 128 (one lane, 16 bytes):    x^160, x^96
// The products have degree < 96 + 32, so they fit in a lane and only need XOR-ing.
#define K544 0x154442BD4ull
#define K480 0x1C6E41596ull
#define K160 0x1751997D0ull
#define K96 0x0CCAA009Eull

__attribute__((target("pclmul")))
static inline __m128i fold(__m128i lane, __m128i k) {
    return _mm_xor_si128(_mm_clmulepi64_si128(lane, k, 0x00), _mm_clmulepi64_si128(lane, k, 0x11));
}

__attribute__((target("pclmul")))
static uint32_t crc_pclmul(uint32_t reg, const uint8_t *p, size_t n) {
    if (n < 64) return crc_tables(reg, p, n);
    // A register value is the same as that value XOR-ed into the first 32 message bits.
    __m128i x0 = _mm_xor_si128(_mm_loadu_si128((const __m128i *)p), _mm_cvtsi32_si128((int)reg));
    __m128i x1 = _mm_loadu_si128((const __m128i *)(p + 16));
    __m128i x2 = _mm_loadu_si128((const __m128i *)(p + 32));
    __m128i x3 = _mm_loadu_si128((const __m128i *)(p + 48));
    p += 64;
    n -= 64;
    const __m128i k512 = _mm_set_epi64x((long long)K480, (long long)K544);
    while (n >= 64) {
        x0 = _mm_xor_si128(fold(x0, k512), _mm_loadu_si128((const __m128i *)p));
        x1 = _mm_xor_si128(fold(x1, k512), _mm_loadu_si128((const __m128i *)(p + 16)));
        x2 = _mm_xor_si128(fold(x2, k512), _mm_loadu_si128((const __m128i *)(p + 32)));
        x3 = _mm_xor_si128(fold(x3, k512), _mm_loadu_si128((const __m128i *)(p + 48)));
        p += 64;
        n -= 64;
    }
    const __m128i k128 = _mm_set_epi64x((long long)K96, (long long)K160);
    __m128i x = _mm_xor_si128(fold(x0, k128), x1);
    x = _mm_xor_si128(fold(x, k128), x2);
    x = _mm_xor_si128(fold(x, k128), x3);
    while (n >= 16) {
        x = _mm_xor_si128(fold(x, k128), _mm_loadu_si128((const __m128i *)p));
        p += 16;
        n -= 16;
    }
    // The lane is congruent to the message so far; its CRC from a zero register is the
    // message's. The tail follows.
    uint8_t rest[16];
    _mm_storeu_si128((__m128i *)rest, x);
    return crc_tables(crc_tables(0, rest, 16), p, n);
}
#endif

static uint32_t (*crc_impl)(uint32_t, const uint8_t *, size_t) = crc_tables;
static pthread_once_t crc_once = PTHREAD_ONCE_INIT;

static void crc_resolve(void) {
    build_tables();
#if defined(__x86_64__)
    __builtin_cpu_init();
    if (__builtin_cpu_supports("pclmul")) crc_impl = crc_pclmul;
#endif
}

uint32_t tdkt_crc32(uint32_t crc, const void *data, size_t length) {
    if (data == NULL) return 0;    // as zlib: crc32(x, NULL, 0) gives the initial value
    pthread_once(&crc_once, crc_resolve);
    return ~crc_impl(~crc, (const uint8_t *)data, length);
}

uint32_t tdkt_crc32_portable(uint32_t crc, const void *data, size_t length) {
    if (data == NULL) return 0;
    pthread_once(&crc_once, crc_resolve);
    return ~crc_tables(~crc, (const uint8_t *)data, length);
}
