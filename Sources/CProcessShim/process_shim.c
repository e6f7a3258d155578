// See CProcessShim.h: pipe2 and closefrom reach Swift through here, so their signatures are checked.
#define _GNU_SOURCE 1
#include "CProcessShim.h"

#include <errno.h>
#include <fcntl.h>
#include <unistd.h>

int onramp_pipe_cloexec(int fds[2]) {
    return pipe2(fds, O_CLOEXEC);
}

int onramp_spawn_close_from(posix_spawn_file_actions_t *actions, int lowest) {
#if defined(__GLIBC__) && (__GLIBC__ > 2 || (__GLIBC__ == 2 && __GLIBC_MINOR__ >= 34))
    return posix_spawn_file_actions_addclosefrom_np(actions, lowest);
#else
    (void)actions;
    (void)lowest;
    return ENOSYS;
#endif
}
