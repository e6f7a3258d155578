// Shim over ncursesw: exposes to Swift what it cannot import directly (macros, globals).
#ifndef ONRAMP_CNCURSES_SHIM_H
#define ONRAMP_CNCURSES_SHIM_H

#ifndef NCURSES_WIDECHAR
#define NCURSES_WIDECHAR 1
#endif
#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif

#include <locale.h>
#include <ncursesw/ncurses.h>

static inline WINDOW *onramp_stdscr(void) { return stdscr; }
static inline int onramp_lines(void) { return LINES; }
static inline int onramp_cols(void) { return COLS; }

#endif
