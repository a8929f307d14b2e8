#ifndef HEADROOM_BUILDINFO_H
#define HEADROOM_BUILDINFO_H
/// The commit the binary was built from: `make release` passes -DHEADROOM_COMMIT="..."
/// (a C macro can carry a string, which a Swift -D flag cannot); "unknown" otherwise.
const char *headroom_commit(void);
#endif
