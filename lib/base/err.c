/* SPDX-License-Identifier: Apache-2.0 */
/* err.c -- error values, the exit-status table and the cmd/ side of
 * reporting (ktk_die, ktk_warn). See err.h. */
#include "lib/base/err.h"

#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdio_ext.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

const struct ktk_exit_desc ktk_exit_table[] = {
	{KTK_EXIT_OK, "OK", "Success."},
	{KTK_EXIT_FAIL, "FAIL",
	 "An operation failed: records not delivered, a topic not created, "
	 "a topic that does not exist."},
	{KTK_EXIT_USAGE, "USAGE",
	 "Bad command line: an unknown flag, a bad value, conflicting options."},
	{KTK_EXIT_DATAERR, "DATAERR",
	 "Corrupt data found: a bad CRC, a truncated or malformed batch."},
	{KTK_EXIT_NOINPUT, "NOINPUT", "An input file could not be read."},
	{KTK_EXIT_UNAVAILABLE, "UNAVAILABLE", "The brokers could not be reached."},
	{KTK_EXIT_SOFTWARE, "SOFTWARE", "Internal error (a bug in ktk)."},
	{KTK_EXIT_CONFIG, "CONFIG",
	 "Bad configuration: an unknown or invalid property, an unreadable "
	 "configuration file, a setting librdkafka cannot honour."},
	{0, NULL, NULL},
};

static const char *prog = "ktk";

/* set once by the option parser; like prog, a process-wide setting */
static void (*mask_fn)(const void *, char *);
static const void *mask_ctx;

void ktk_err_mask_set(void (*mask)(const void *ctx, char *msg),
		      const void *ctx)
{
	mask_fn = mask;
	mask_ctx = ctx;
}

void ktk_prog_set(const char *name) { prog = name; }

const char *ktk_prog(void) { return prog; }

int ktk_err_set(struct ktk_err *err, int code, const char *fmt, ...)
{
	va_list ap;

	if (err == NULL)
		return -1;
	err->code = code;
	va_start(ap, fmt);
	vsnprintf(err->msg, sizeof(err->msg), fmt, ap);
	va_end(ap);
	return -1;
}

int ktk_err_prefix(struct ktk_err *err, const char *fmt, ...)
{
	char pre[256], old[sizeof(err->msg)];
	va_list ap;

	if (err == NULL)
		return -1;
	va_start(ap, fmt);
	vsnprintf(pre, sizeof(pre), fmt, ap);
	va_end(ap);
	memcpy(old, err->msg, sizeof(old));
	snprintf(err->msg, sizeof(err->msg), "%s%s", pre, old);
	return -1;
}

/* "prog: line" on stderr, with control bytes escaped (\t, \xNN): a
 * message that quotes bytes from a file or a broker cannot move the
 * cursor, clear the terminal or break the one-line rule. */
static void put_line(const char *line)
{
	size_t n = strlen(prog) + 2 + 4 * strlen(line) + 2, o;
	char small[2048], *out = n <= sizeof(small) ? small : malloc(n);
	const unsigned char *p;

	if (out == NULL) { /* out of memory: as it is */
		fprintf(stderr, "%s: %s\n", prog, line);
		return;
	}
	o = (size_t)snprintf(out, n, "%s: ", prog);
	for (p = (const unsigned char *)line; *p; p++) {
		if (*p == '\t')
			o += (size_t)snprintf(out + o, n - o, "\\t");
		else if (*p < 0x20 || *p == 0x7f)
			o += (size_t)snprintf(out + o, n - o, "\\x%02x", *p);
		else
			out[o++] = (char)*p;
	}
	out[o++] = '\n';
	fwrite(out, 1, o, stderr); /* one write: lines of threads do not mix */
	if (out != small)
		free(out);
}

static void vwarn(const char *fmt, va_list ap)
{
	char small[1024], *line = small;
	va_list aq;
	int n;

	va_copy(aq, ap);
	n = vsnprintf(small, sizeof(small), fmt, ap);
	if (n >= (int)sizeof(small) && (line = malloc((size_t)n + 1)) != NULL)
		vsnprintf(line, (size_t)n + 1, fmt, aq);
	else if (line == NULL)
		line = small; /* out of memory: the truncated line */
	va_end(aq);
	if (mask_fn != NULL)
		mask_fn(mask_ctx, line);
	put_line(line);
	if (line != small)
		free(line);
}

void ktk_warn(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vwarn(fmt, ap);
	va_end(ap);
}

void ktk_warn_cb(void *ctx, const char *msg)
{
	(void)ctx;
	ktk_warn("%s", msg);
}

void ktk_stderr_cb(void *ctx, const char *text)
{
	(void)ctx;
	fputs(text, stderr);
}

void ktk_die(int code, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vwarn(fmt, ap);
	va_end(ap);
	fflush(stdout);
	exit(code);
}

void ktk_die_err(const struct ktk_err *err)
{
	ktk_die(err->code ? err->code : KTK_EXIT_SOFTWARE, "%s", err->msg);
}

/* whether @p fd is a pipe whose reader went away */
static int reader_gone(int fd)
{
	struct pollfd p = {.fd = fd, .events = POLLOUT};

	return poll(&p, 1, 0) == 1 && (p.revents & POLLERR);
}

void ktk_close_stdout(void)
{
	ktk_close_stdout_errno(0);
}

void ktk_close_stdout_errno(int earlier)
{
	int pending = __fpending(stdout) != 0, failed = ferror(stdout) != 0;
	/* an earlier write's EPIPE, when nothing is left to write */
	int gone = failed && reader_gone(STDOUT_FILENO);
	int e;

	errno = 0;
	if (fclose(stdout) == 0 && !failed)
		return;
	e = errno;
	if (e == 0 && failed)
		e = earlier;
	if (e == 0 && gone)
		e = EPIPE;
	if (!failed && e == EBADF && !pending)
		return; /* closed, and nothing was written to it */
	if (e == EPIPE)
		return; /* the reader left (| head): quietly, as SIGPIPE */
	/* the reason of an earlier failed write is gone by now */
	fprintf(stderr, "%s: standard output: %s\n", prog,
		e ? strerror(e) : "write error");
	exit(KTK_EXIT_FAIL);
}
