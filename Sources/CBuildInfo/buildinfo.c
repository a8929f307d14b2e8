#include "buildinfo.h"

#ifndef HEADROOM_COMMIT
#define HEADROOM_COMMIT "unknown"
#endif

const char *headroom_commit(void) { return HEADROOM_COMMIT; }
