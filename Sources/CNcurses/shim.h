// Shim over ncursesw: exposes to Swift what it cannot import directly (macros, globals, key codes).
// Feature macros live here instead of pkg-config's cflags, which SwiftPM rejects as unsafe flags.
#ifndef ONRAMP_CNCURSES_SHIM_H
#define ONRAMP_CNCURSES_SHIM_H

#ifndef _DEFAULT_SOURCE
#define _DEFAULT_SOURCE 1
#endif
#ifndef NCURSES_WIDECHAR
#define NCURSES_WIDECHAR 1
#endif
#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif

#include <locale.h>
#include <langinfo.h>
#include <string.h>
#include <sys/ioctl.h>
#include <wchar.h>
#include <ncursesw/ncurses.h>

static inline WINDOW *onramp_stdscr(void) { return stdscr; }
static inline int onramp_lines(void) { return LINES; }
static inline int onramp_cols(void) { return COLS; }
static inline int onramp_color_pair(int pair) { return (int)COLOR_PAIR(pair); }

/* Attributes are macros built from NCURSES_BITS; Swift sees none of them. */
static inline int onramp_attr_bold(void) { return (int)A_BOLD; }
static inline int onramp_attr_reverse(void) { return (int)A_REVERSE; }
static inline int onramp_attr_dim(void) { return (int)A_DIM; }

/* Key codes are macros too; the run loop decodes them into Onramp's own Key values. */
static inline int onramp_key_up(void) { return KEY_UP; }
static inline int onramp_key_down(void) { return KEY_DOWN; }
static inline int onramp_key_left(void) { return KEY_LEFT; }
static inline int onramp_key_right(void) { return KEY_RIGHT; }
static inline int onramp_key_enter(void) { return KEY_ENTER; }
static inline int onramp_key_backspace(void) { return KEY_BACKSPACE; }
static inline int onramp_key_home(void) { return KEY_HOME; }
static inline int onramp_key_end(void) { return KEY_END; }
static inline int onramp_key_page_up(void) { return KEY_PPAGE; }
static inline int onramp_key_page_down(void) { return KEY_NPAGE; }
static inline int onramp_key_back_tab(void) { return KEY_BTAB; }
static inline int onramp_key_f1(void) { return KEY_F(1); }
static inline int onramp_key_resize(void) { return KEY_RESIZE; }
static inline int onramp_key_code_yes(void) { return KEY_CODE_YES; }
static inline int onramp_err(void) { return ERR; }

/* wget_wch with its out-parameter as a plain int; returns ERR, OK or KEY_CODE_YES. */
static inline int onramp_get_wide_key(unsigned int *code) {
    wint_t value = 0;
    int result = wget_wch(stdscr, &value);
    *code = (unsigned int)value;
    return result;
}

static inline int onramp_codeset_is_utf8(void) {
    const char *codeset = nl_langinfo(CODESET);
    if (codeset == 0) { return 0; }
    return (strcmp(codeset, "UTF-8") == 0 || strcmp(codeset, "utf8") == 0) ? 1 : 0;
}

/* Drawing: these are macros (or take the stdscr/curscr globals) in ncurses' headers. */
static inline void onramp_set_attributes(int attributes) { wattrset(stdscr, attributes); }
static inline void onramp_put_text(int y, int x, const char *utf8) { mvwaddstr(stdscr, y, x, utf8); }
static inline void onramp_erase(void) { werase(stdscr); }
static inline void onramp_force_full_redraw(void) { clearok(curscr, TRUE); }
static inline void onramp_refresh(void) { wrefresh(stdscr); }

/* The terminal's size as the kernel reports it; 0 when the descriptor is not a terminal. */
static inline int onramp_window_size(int fd, int *rows, int *cols) {
    struct winsize size;
    if (ioctl(fd, TIOCGWINSZ, &size) != 0) { return 0; }
    *rows = size.ws_row;
    *cols = size.ws_col;
    return 1;
}

#endif
