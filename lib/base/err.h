/* SPDX-License-Identifier: Apache-2.0 */
/* err.h -- error values and exit statuses shared by every ktk program.
 *
 * lib/ never prints and never exits: a function that fails fills a
 * struct ktk_err (an exit status and a one-line message) and returns -1.
 * Only cmd/ turns an error into output and an exit status, with ktk_die().
 * The exit statuses follow sysexits(3); the table in err.c is also the
 * source of every man page's EXIT STATUS section.
 */
#ifndef KTK_BASE_ERR_H
#define KTK_BASE_ERR_H

#include <stdarg.h>
#include <stddef.h>

#include "lib/base/stdfd.h" /* every main() calls ktk_stdfd_open() first */

enum ktk_exit {
	KTK_EXIT_OK = 0,          /* success */
	KTK_EXIT_FAIL = 1,        /* an operation failed */
	KTK_EXIT_USAGE = 64,      /* bad command line */
	KTK_EXIT_DATAERR = 65,    /* corrupt data found */
	KTK_EXIT_NOINPUT = 66,    /* input not readable */
	KTK_EXIT_UNAVAILABLE = 69, /* brokers unreachable */
	KTK_EXIT_SOFTWARE = 70,   /* internal error */
	KTK_EXIT_CONFIG = 78,     /* bad configuration */
};

struct ktk_err {
	int code;       /* an enum ktk_exit value */
	char msg[512];  /* one line, no trailing newline */
};

/** @brief One row of the exit-status table: status, name, meaning. */
struct ktk_exit_desc {
	int code;
	const char *name;
	const char *meaning;
};

/** @brief The exit-status table, terminated by a row with name NULL. */
extern const struct ktk_exit_desc ktk_exit_table[];

/** @brief Fill @p err (which may be NULL) with @p code and a formatted
 *  message. @returns -1 always, so callers can `return ktk_err_set(...)`. */
int ktk_err_set(struct ktk_err *err, int code, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/** @brief Prefix @p err's message with a formatted context ("file x: ").
 *  @returns -1 always. */
int ktk_err_prefix(struct ktk_err *err, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/** @brief Set the program name used by ktk_die() and ktk_warn(). */
void ktk_prog_set(const char *name);

/** @brief The program name set by ktk_prog_set() ("ktk" before). */
const char *ktk_prog(void);

/** @brief Have ktk_warn() and ktk_die() pass every message through
 *  @p mask (in place) before they print it, with @p ctx: the last line of
 *  defence that keeps secrets off stderr whatever path a message took.
 *  The binary's option parser sets it to mask its client properties;
 *  NULL stops it. */
void ktk_err_mask_set(void (*mask)(const void *ctx, char *msg),
		      const void *ctx);

/** @brief Print "prog: message" to stderr and exit with @p code.
 *  For cmd/ only. */
void ktk_die(int code, const char *fmt, ...)
	__attribute__((format(printf, 2, 3), noreturn));

/** @brief ktk_die() with the message and code of @p err. For cmd/ only. */
void ktk_die_err(const struct ktk_err *err) __attribute__((noreturn));

/** @brief For cmd/, at exit (as GNU's close_stdout): flush and close
 *  standard output. When that fails, or an earlier write to it did, print
 *  "prog: standard output: REASON" and exit 1 (KTK_EXIT_FAIL). A closed
 *  standard output nothing was written to is not an error, nor a reader
 *  that went away (EPIPE, as `| head`). Returns only when all is well. */
void ktk_close_stdout(void);

/** @brief ktk_close_stdout() knowing @p earlier, the errno of an earlier
 *  failed write to standard output (0: none or unknown), for the reason
 *  the line gives (EPIPE: quietly). */
void ktk_close_stdout_errno(int earlier);

/** @brief Print "prog: message" to stderr. For cmd/ only. */
void ktk_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/** @brief ktk_warn("%s", @p msg) in the shape of lib's notice callbacks
 *  (@p ctx unused). For cmd/ only. */
void ktk_warn_cb(void *ctx, const char *msg);

/** @brief @p text on stderr as it is (progress lines), in the shape of
 *  lib's callbacks (@p ctx unused). For cmd/ only. */
void ktk_stderr_cb(void *ctx, const char *text);

#endif
