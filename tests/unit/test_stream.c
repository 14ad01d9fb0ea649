/* SPDX-License-Identifier: Apache-2.0 */
/* test_stream.c -- record splitting: delimiters of every kind, records
 * across block boundaries, over-long records, raw mode. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lib/input/stream.h"
#include "tests/unit/unit.h"

static char path[64];

static void write_file(const void *data, size_t n)
{
	FILE *f;

	snprintf(path, sizeof(path), "/tmp/ktk-test-reader-%d", (int)getpid());
	f = fopen(path, "wb");
	fwrite(data, 1, n, f);
	fclose(f);
}

/* read every record into "rec|rec|" form; TOOBIG as "!N|" */
static void collect(enum ktk_stream_mode mode, const char *d, size_t dl,
		    size_t max, char *out, size_t size)
{
	struct ktk_stream r;
	struct ktk_err err;
	const char *rec;
	size_t len, o = 0;
	int st;

	out[0] = '\0';
	if (ktk_stream_open(&r, path, mode, d, dl, max, &err) == -1) {
		snprintf(out, size, "open: %s", err.msg);
		return;
	}
	while ((st = ktk_stream_next(&r, &rec, &len, &err)) > 0) {
		if (st == KTK_STREAM_TOOBIG)
			o += (size_t)snprintf(out + o, size - o, "!%llu|",
					      (unsigned long long)r.number);
		else
			o += (size_t)snprintf(out + o, size - o, "%.*s|",
					      (int)len, rec);
	}
	if (st < 0)
		snprintf(out + o, size - o, "error: %s", err.msg);
	ktk_stream_close(&r);
}

/* write data[0..n), read it back in mode/delimiter/max, compare */
static void expect(enum ktk_stream_mode mode, const char *d, size_t dl,
		   size_t max, const char *data, size_t n, const char *want)
{
	char out[256];

	write_file(data, n);
	collect(mode, d, dl, max, out, sizeof(out));
	CHECK_STR(out, want);
}

static void t_lines(void)
{
	expect(KTK_STREAM_LINES, NULL, 0, 100, "a\nbb\r\n\nlast", 11,
	       "a|bb||last|");
	expect(KTK_STREAM_LINES, NULL, 0, 100, "a\n", 2, "a|");
	expect(KTK_STREAM_LINES, NULL, 0, 100, "", 0, "");
}

static void t_delims(void)
{
	expect(KTK_STREAM_DELIM, "\0", 1, 100, "a\0b\0\0c", 6, "a|b||c|");
	expect(KTK_STREAM_DELIM, "::", 2, 100, "one::two:three::", 16,
	       "one|two:three|");
	expect(KTK_STREAM_DELIM, "\n", 1, 100, "x\r\ny\r\n", 6, "x\r|y\r|");
}

static void t_toobig(void)
{
	expect(KTK_STREAM_LINES, NULL, 0, 5, "ok\n0123456789\nfine\n0123456789",
	       29, "ok|!2|fine|!4|");
	expect(KTK_STREAM_LINES, NULL, 0, 5, "12345\n123456\n", 13, "12345|!2|");
}

/* records that span many reads, a multi-byte delimiter cut by a block
 * boundary, and a big file with a small limit */
static void t_blocks(void)
{
	size_t n = 3000000, i, count = 0, bad = 0;
	char *big = malloc(n);
	struct ktk_stream r;
	struct ktk_err err;
	const char *rec;
	size_t len;
	int st;

	for (i = 0; i < n; i++)
		big[i] = (i % 1000 == 998) ? '<' : (i % 1000 == 999) ? '>'
								       : 'v';
	write_file(big, n);
	CHECK(ktk_stream_open(&r, path, KTK_STREAM_DELIM, "<>", 2, 2000, &err) ==
	      0);
	while ((st = ktk_stream_next(&r, &rec, &len, &err)) == KTK_STREAM_OK) {
		count++;
		if (len != 998 || rec[0] != 'v' || rec[997] != 'v')
			bad++;
	}
	CHECK_INT(st, KTK_STREAM_EOF);
	CHECK_INT(count, n / 1000);
	CHECK_INT(bad, 0);
	CHECK_INT(r.bytes_read, n);
	ktk_stream_close(&r);
	/* one 3 MiB record with max 1 MiB: skipped, then EOF */
	memset(big, 'x', n);
	big[n - 1] = '\n';
	write_file(big, n);
	CHECK(ktk_stream_open(&r, path, KTK_STREAM_LINES, NULL, 0, 1 << 20,
			      &err) == 0);
	CHECK_INT(ktk_stream_next(&r, &rec, &len, &err), KTK_STREAM_TOOBIG);
	CHECK_INT(len, n - 1);
	CHECK_INT(ktk_stream_next(&r, &rec, &len, &err), KTK_STREAM_EOF);
	ktk_stream_close(&r);
	free(big);
}

/* before_read runs before every read(2): on a pipe fed a line at a
 * time, once per line and once more for the end, each time after the
 * previous line was handed out (a producer sends what it holds then) */
static int hook_calls, hook_records;
static char hook_log[64];

static void hook(void *arg)
{
	size_t o = strlen(hook_log);

	hook_calls++;
	snprintf(hook_log + o, sizeof(hook_log) - o, "%d.",
		 *(int *)arg);
}

static void t_before_read(void)
{
	struct ktk_stream r;
	struct ktk_err err;
	const char *rec;
	size_t len;
	int fds[2], i;

	CHECK(pipe(fds) == 0);
	CHECK(ktk_stream_open(&r, "-", KTK_STREAM_LINES, NULL, 0, 100, &err) ==
	      0);
	r.fd = fds[0];
	r.before_read = hook;
	r.before_read_arg = &hook_records;
	hook_calls = hook_records = 0;
	hook_log[0] = '\0';
	for (i = 0; i < 3; i++) {
		CHECK(write(fds[1], "ab\n", 3) == 3);
		CHECK_INT(ktk_stream_next(&r, &rec, &len, &err), KTK_STREAM_OK);
		CHECK_INT(len, 2);
		hook_records++;
	}
	close(fds[1]);
	CHECK_INT(ktk_stream_next(&r, &rec, &len, &err), KTK_STREAM_EOF);
	CHECK_INT(hook_calls, 4);
	CHECK_STR(hook_log, "0.1.2.3.");
	close(fds[0]);
	r.fd = -1;
	ktk_stream_close(&r);
}

/* idle runs about every 100 ms while a pipe has nothing to read; what
 * it writes is then read, and its nonzero answer ends the input */
static int idle_calls, idle_fd;

static int idle(void *arg)
{
	(void)arg;
	idle_calls++;
	if (idle_calls == 2)
		CHECK(write(idle_fd, "ab\n", 3) == 3);
	return idle_calls >= 3;
}

static void t_idle(void)
{
	struct ktk_stream r;
	struct ktk_err err;
	const char *rec;
	size_t len;
	int fds[2];

	CHECK(pipe(fds) == 0);
	CHECK(ktk_stream_open(&r, "-", KTK_STREAM_LINES, NULL, 0, 100, &err) ==
	      0);
	r.fd = fds[0];
	r.size = -1; /* a pipe */
	r.idle = idle;
	idle_calls = 0;
	idle_fd = fds[1];
	CHECK_INT(ktk_stream_next(&r, &rec, &len, &err), KTK_STREAM_OK);
	CHECK_INT(len, 2);
	CHECK_INT(idle_calls, 2);
	/* the writing end is still open: only idle's answer ends it */
	CHECK_INT(ktk_stream_next(&r, &rec, &len, &err), KTK_STREAM_EOF);
	CHECK_INT(idle_calls, 3);
	close(fds[1]);
	close(fds[0]);
	r.fd = -1;
	ktk_stream_close(&r);
}

static void t_raw(void)
{
	expect(KTK_STREAM_RAW, NULL, 0, 100, "a\nb\tc", 5, "a\nb\tc|");
	expect(KTK_STREAM_RAW, NULL, 0, 100, "", 0, "|");
	expect(KTK_STREAM_RAW, NULL, 0, 4, "0123456789", 10, "!1|");
}

static void t_errors(void)
{
	struct ktk_stream r;
	struct ktk_err err;

	CHECK(ktk_stream_open(&r, "/nonexistent/x", KTK_STREAM_LINES, NULL, 0,
			      10, &err) == -1);
	CHECK_INT(err.code, KTK_EXIT_NOINPUT);
	CHECK(strstr(err.msg, "/nonexistent/x") != NULL);
	CHECK(ktk_stream_open(&r, "/tmp", KTK_STREAM_LINES, NULL, 0, 10, &err) ==
	      -1);
	CHECK(strstr(err.msg, "directory") != NULL);
}

int main(void)
{
	RUN(t_lines);
	RUN(t_delims);
	RUN(t_toobig);
	RUN(t_blocks);
	RUN(t_raw);
	RUN(t_before_read);
	RUN(t_idle);
	RUN(t_errors);
	unlink(path);
	return unit_done();
}
