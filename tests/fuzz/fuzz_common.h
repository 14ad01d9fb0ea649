/* SPDX-License-Identifier: Apache-2.0 */
/* fuzz_common.h -- helpers for the libFuzzer targets: write the input to a
 * file under a private mkdtemp(3) directory (the dump engine reads files by
 * name), and copy it as a C string. */
#ifndef KTK_FUZZ_COMMON_H
#define KTK_FUZZ_COMMON_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "lib/dump/dump.h"

static char fz_dir[256];

/* A path for @name in a directory of our own, made once by mkdtemp under
 * $TMPDIR (or /tmp): nobody else can have put a file or a link there. */
static inline const char *fz_path(const char *name)
{
	static char p[512];

	if (fz_dir[0] == '\0') {
		const char *base = getenv("TMPDIR");

		if (base == NULL || base[0] == '\0')
			base = "/tmp";
		if (snprintf(fz_dir, sizeof(fz_dir), "%s/ktk-fuzz-XXXXXX",
			     base) >= (int)sizeof(fz_dir) ||
		    mkdtemp(fz_dir) == NULL) {
			perror("fuzz: mkdtemp");
			abort();
		}
	}
	if (snprintf(p, sizeof(p), "%s/%s", fz_dir, name) >= (int)sizeof(p))
		abort();
	return p;
}

static inline void fz_write(const char *name, const uint8_t *p, size_t n)
{
	/* x: the directory is ours, the name new or ours from the last run */
	FILE *f;

	unlink(fz_path(name));
	f = fopen(fz_path(name), "wbx");
	if (f == NULL)
		abort();
	if (n && fwrite(p, 1, n, f) != n)
		abort();
	fclose(f);
}

/* @p n bytes of @p p as a NUL-terminated string (malloc'd): a parser of
 * C strings sees everything up to the first NUL. */
static inline char *fz_str(const uint8_t *p, size_t n)
{
	char *s = malloc(n + 1);

	if (s == NULL)
		abort();
	if (n)
		memcpy(s, p, n);
	s[n] = '\0';
	return s;
}

static inline void fz_ignore(void *ctx, const char *path, int64_t pos,
		      const char *msg)
{
	(void)ctx, (void)path, (void)pos, (void)msg;
}

static inline void fz_note(void *ctx, const char *line)
{
	(void)ctx, (void)line;
}

/* Dump @name with the given options into /dev/null. */
static inline void fz_dump(const char *name, const struct ktk_dump_opts *o)
{
	static FILE *null;
	struct ktk_dump d;

	if (null == NULL)
		null = fopen("/dev/null", "w");
	ktk_dump_init(&d, o, null);
	d.problem = fz_ignore;
	d.note = fz_note;
	ktk_dump_file(&d, fz_path(name));
	ktk_dump_finish(&d);
	ktk_dump_free(&d);
}

static inline struct ktk_dump_opts fz_opts(int deep, int print, int decoder,
				    int json, int verify)
{
	struct ktk_dump_opts o;

	memset(&o, 0, sizeof(o));
	o.deep = deep;
	o.print_data = print;
	o.decoder = decoder;
	o.json = json;
	o.verify = verify;
	o.max_message_size = 5 << 20;
	o.max_bytes = 0x7fffffff;
	o.max_decompressed = 16 << 20; /* reaches the budget's path too */
	return o;
}

#endif
