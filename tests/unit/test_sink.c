/* SPDX-License-Identifier: Apache-2.0 */
/* test_sink.c -- buffered output and what a pipe's reader took. */
#include "lib/output/sink.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/ioctl.h>
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

/* read everything in the pipe */
static void drain_pipe(int fd)
{
	char buf[4096];
	int unread = 0;

	while (ioctl(fd, FIONREAD, &unread) == 0 && unread > 0)
		CHECK(read(fd, buf, sizeof(buf)) > 0);
}

static void t_ramp(void)
{
	struct ktk_sink s;
	struct ktk_err err;
	size_t batches[128], nb = 0, inbatch = 0, i;
	int fd[2], n;

	CHECK(pipe(fd) == 0);
	/* room for the ramp's last batch, read by this same thread */
	CHECK(fcntl(fd[1], F_SETPIPE_SZ, 256 * 1024) >= 256 * 1024);
	ktk_sink_init(&s, fd[1], 16, NULL);
	ktk_sink_ramp_start(&s);
	for (n = 0; n < 40000 && s.ramp != 0; n++) {
		ktk_buffer_put(&s.buf, "123456789\n", 10);
		CHECK(ktk_sink_mark(&s, 0, n + 1) == 0);
		inbatch++;
		if (!ktk_sink_ramp_due(&s))
			continue;
		CHECK(ktk_sink_flush(&s, &err) == 0);
		CHECK(ktk_sink_drain(&s, 0) == 1); /* not read yet */
		drain_pipe(fd[0]);
		CHECK(ktk_sink_handoff(&s) == 0);
		if (nb < 128)
			batches[nb++] = inbatch;
		inbatch = 0;
	}
	/* 64 single records, then 2, 4 ... 8192 (81,920 bytes >= 64 KiB) */
	CHECK_INT(nb, KTK_SINK_RAMP_SINGLES + 13);
	for (i = 0; i < KTK_SINK_RAMP_SINGLES; i++)
		CHECK_INT(batches[i], 1);
	for (i = 0; i < 13; i++)
		CHECK_INT(batches[KTK_SINK_RAMP_SINGLES + i], (size_t)2 << i);
	CHECK_INT(s.ramp, 0);
	CHECK(!ktk_sink_ramp_due(&s));
	close(fd[0]);
	close(fd[1]);
	ktk_sink_free(&s);
}

static void t_reader_gone(void)
{
	struct ktk_sink s;
	FILE *f = tmpfile();
	int fd[2];

	CHECK(pipe(fd) == 0);
	ktk_sink_init(&s, fd[1], 16, NULL);
	ktk_sink_ramp_start(&s);
	CHECK_INT(s.ramp, 1);
	CHECK(!ktk_sink_reader_gone(&s));
	CHECK(ktk_sink_drain(&s, 1000) == 0); /* empty: at once */
	close(fd[0]);
	CHECK(ktk_sink_reader_gone(&s));
	CHECK(s.broken);
	close(fd[1]);
	ktk_sink_free(&s);
	/* a file is taken when written: no ramp, never gone */
	ktk_sink_init(&s, fileno(f), 16, NULL);
	ktk_sink_ramp_start(&s);
	CHECK_INT(s.ramp, 0);
	CHECK(!ktk_sink_reader_gone(&s));
	CHECK(ktk_sink_drain(&s, 1000) == 0);
	ktk_sink_free(&s);
	fclose(f);
}

int main(void)
{
	signal(SIGPIPE, SIG_IGN);
	RUN(t_pipe_marks);
	RUN(t_file_many_marks);
	RUN(t_ramp);
	RUN(t_reader_gone);
	return unit_done();
}
