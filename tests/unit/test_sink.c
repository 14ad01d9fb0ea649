/* SPDX-License-Identifier: Apache-2.0 */
/* test_sink.c -- buffered output and what a pipe's reader took. */
#include "lib/output/sink.h"

#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <unistd.h>

#include "tests/unit/unit.h"

static int64_t confirmed[16];
static int nconfirmed;

static void on_mark(void *ctx, uint32_t tag, int64_t value)
{
	(void)ctx;
	(void)tag;
	if (nconfirmed < 16)
		confirmed[nconfirmed++] = value;
}

static void t_pipe_marks(void)
{
	struct ktk_sink s;
	struct ktk_err err;
	int fd[2];
	char buf[8];

	CHECK(pipe(fd) == 0);
	ktk_sink_init(&s, fd[1], 16, NULL);
	CHECK(s.is_pipe);
	nconfirmed = 0;
	ktk_buffer_put(&s.buf, "one\n", 4);
	ktk_sink_mark(&s, 0, 1);
	ktk_buffer_put(&s.buf, "two\n", 4);
	ktk_sink_mark(&s, 0, 2);
	ktk_buffer_put(&s.buf, "three\n", 6);
	ktk_sink_mark(&s, 0, 3);
	CHECK(ktk_sink_flush(&s, &err) == 0);
	CHECK_INT(s.written, 14);
	ktk_sink_confirm(&s, on_mark, NULL);
	CHECK_INT(nconfirmed, 0); /* nothing read yet */
	CHECK(read(fd[0], buf, 6) == 6); /* "one\ntw" */
	ktk_sink_confirm(&s, on_mark, NULL);
	CHECK_INT(nconfirmed, 1);
	CHECK_INT(confirmed[0], 1);
	CHECK(read(fd[0], buf, 2) == 2);
	ktk_sink_confirm(&s, on_mark, NULL);
	CHECK_INT(nconfirmed, 2);
	/* the reader goes away: the rest is never confirmed */
	close(fd[0]);
	ktk_sink_confirm(&s, on_mark, NULL);
	CHECK_INT(nconfirmed, 2);
	CHECK(ktk_sink_handoff(&s) == -1);
	CHECK(s.broken);
	ktk_buffer_put(&s.buf, "x", 1);
	CHECK(ktk_sink_flush(&s, &err) == -1);
	CHECK_INT(err.code, KTK_EXIT_OK);
	close(fd[1]);
	ktk_sink_free(&s);
}

static void t_file_many_marks(void)
{
	struct ktk_sink s;
	struct ktk_err err;
	FILE *f = tmpfile();
	int i;

	ktk_sink_init(&s, fileno(f), 0, NULL);
	CHECK(!s.is_pipe);
	nconfirmed = 0;
	for (i = 0; i < 5000; i++) { /* the mark ring grows */
		ktk_buffer_putc(&s.buf, 'x');
		CHECK(ktk_sink_mark(&s, 1, i) == 0);
	}
	CHECK(ktk_sink_flush(&s, &err) == 0);
	ktk_sink_confirm(&s, on_mark, NULL);
	CHECK_INT(nconfirmed, 16); /* on_mark keeps 16 of them */
	CHECK_INT(confirmed[15], 15);
	CHECK_INT(s.mlen, 0);
	CHECK_INT(s.written, 5000);
	ktk_sink_free(&s);
	fclose(f);
}

int main(void)
{
	signal(SIGPIPE, SIG_IGN);
	RUN(t_pipe_marks);
	RUN(t_file_many_marks);
	return unit_done();
}
