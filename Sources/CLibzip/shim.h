#ifndef TDKT_CLIBZIP_SHIM_H
#define TDKT_CLIBZIP_SHIM_H
#include <zip.h>
#endif
