// Pseudo-terminal helpers for the end-to-end REPL tests. C because the Swift Glibc
// module hides posix_openpt/ptsname and ioctl is variadic.
#ifndef HEADROOM_PTY_SUPPORT_H
#define HEADROOM_PTY_SUPPORT_H
#include <sys/types.h>

/// Opens a pseudo-terminal of rows x cols; returns the master fd (or -1) and writes the
/// slave's path into `name`.
int hr_pty_open(char *name, int name_len, int rows, int cols);

/// Starts `path` in a new session with the slave as its controlling terminal and as
/// stdin/stdout/stderr. Returns the child's pid, or -1.
pid_t hr_pty_spawn(const char *path, char *const argv[], char *const envp[], const char *slave, int master);

#endif
