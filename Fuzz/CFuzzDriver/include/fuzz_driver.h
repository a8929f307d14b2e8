#ifndef HEADROOM_FUZZ_DRIVER_H
#define HEADROOM_FUZZ_DRIVER_H
#include <stddef.h>
#include <stdint.h>

/// libFuzzer's entry for programs that have their own main (present only when linked with
/// -sanitize=fuzzer, which `make fuzz` does).
int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*UserCb)(const uint8_t *Data, size_t Size));

#endif
