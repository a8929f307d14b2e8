#ifndef CSPAWN_H
#define CSPAWN_H
#include <spawn.h>

/// Adds "close every descriptor from `low` up" to the spawn's file actions (glibc's
/// posix_spawn_file_actions_addclosefrom_np, which needs _GNU_SOURCE and so is not visible to
/// Swift directly). Returns 0 or an errno value.
int hr_spawn_closefrom(posix_spawn_file_actions_t *actions, int low);

#endif
