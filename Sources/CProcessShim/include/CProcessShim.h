// What Swift's Glibc module hides behind _GNU_SOURCE (pipe2) or a newer glibc
// (posix_spawn_file_actions_addclosefrom_np), as plain functions the compiler checks, as
// swift-nio's CNIOLinux does for its own calls.
#ifndef ONRAMP_CPROCESSSHIM_H
#define ONRAMP_CPROCESSSHIM_H

#include <spawn.h>

/// pipe2(fds, O_CLOEXEC): both ends close on exec, made in one step so a program another thread
/// starts in between cannot inherit them. 0, or -1 with errno set.
int onramp_pipe_cloexec(int fds[2]);

/// Asks the spawned program to start with every descriptor from `lowest` up closed.
/// 0 when added; ENOSYS where this C library cannot (glibc before 2.34): close-on-exec then has to do.
int onramp_spawn_close_from(posix_spawn_file_actions_t *actions, int lowest);

#endif
