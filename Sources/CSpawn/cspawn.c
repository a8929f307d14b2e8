#define _GNU_SOURCE
#include "cspawn.h"

int hr_spawn_closefrom(posix_spawn_file_actions_t *actions, int low) {
    return posix_spawn_file_actions_addclosefrom_np(actions, low);
}
