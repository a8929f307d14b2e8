#define _GNU_SOURCE
#include "pty_support.h"
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>

int hr_pty_open(char *name, int name_len, int rows, int cols) {
    int master = posix_openpt(O_RDWR | O_NOCTTY);
    if (master < 0) return -1;
    if (grantpt(master) != 0 || unlockpt(master) != 0 || ptsname_r(master, name, (size_t)name_len) != 0) {
        close(master);
        return -1;
    }
    struct winsize ws = {0};
    ws.ws_row = (unsigned short)rows;
    ws.ws_col = (unsigned short)cols;
    ioctl(master, TIOCSWINSZ, &ws);
    return master;
}

pid_t hr_pty_spawn(const char *path, char *const argv[], char *const envp[], const char *slave, int master) {
    pid_t pid = fork();
    if (pid != 0) return pid;
    // Child: only async-signal-safe calls until execve. The signal mask is inherited as
    // it is (test runners block SIGINT): headroom must unblock it itself.
    setsid();
    int fd = open(slave, O_RDWR);  // becomes the controlling terminal
    if (fd < 0) _exit(127);
    ioctl(fd, TIOCSCTTY, 0);
    dup2(fd, 0);
    dup2(fd, 1);
    dup2(fd, 2);
    // Close every other descriptor the test process had open (other tests' files, pipes,
    // a script still being written): a child holding a write descriptor to a script makes
    // exec of that script fail with ETXTBSY elsewhere in the test run.
    long max = sysconf(_SC_OPEN_MAX);
    if (max < 0 || max > 65536) max = 65536;
    for (int other = 3; other < max; other++) close(other);
    execve(path, argv, envp);
    _exit(127);
}
