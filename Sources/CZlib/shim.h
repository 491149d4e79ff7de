#ifndef TDKT_CZLIB_SHIM_H
#define TDKT_CZLIB_SHIM_H
#include <zlib.h>

/* deflateInit2 is a macro in zlib.h; Swift cannot call macros. */
static inline int tdkt_deflateInit2(z_streamp strm, int level, int windowBits, int memLevel, int strategy) {
    return deflateInit2(strm, level, Z_DEFLATED, windowBits, memLevel, strategy);
}
static inline int tdkt_inflateInit2(z_streamp strm, int windowBits) {
    return inflateInit2(strm, windowBits);
}
#endif
