/* SPDX-License-Identifier: Apache-2.0 */
/* fuzz_dump_dir -- ktk-dump-log on a partition directory (lib/dump):
 * ktk_dump_dir, and --offset / --timestamp lookups (ktk_dump_lookup), on a
 * directory holding a segment, its .index and .timeindex whose file names
 * carry a base offset taken from the input, near INT64_MIN and INT64_MAX
 * too, plus a second, empty segment after it. Input layout:
 *
 *   flags:1 sel:1 base:8 target:8 ilen:2 tlen:2 index timeindex log
 *
 * flags: bit 0 by time, 1-2 count - 1, 3 unpadded names ("5.log" rather
 * than 20 digits), 4 deep iteration and data, 5 -J, 6 --verify, 7 the
 * second segment. sel picks the base: the 8 bytes as they are, INT64_MAX
 * or INT64_MIN plus or minus a byte of them, or one byte. Everything is
 * written under the target's own mkdtemp(3) directory and removed after
 * each input; output goes to /dev/null. */
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "tests/fuzz/fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define HEAD 22

static char names[5][64];
static size_t nnames;

static void put(const char *dir, const char *name, const uint8_t *p, size_t n)
{
	char path[512];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	if ((f = fopen(path, "wb")) == NULL)
		abort();
	if (n && fwrite(p, 1, n, f) != n)
		abort();
	fclose(f);
	snprintf(names[nnames++], sizeof(names[0]), "%s", name);
}

static int64_t get64(const uint8_t *p)
{
	uint64_t v = 0;
	int i;

	for (i = 0; i < 8; i++)
		v = v << 8 | p[i];
	return (int64_t)v;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static FILE *null;
	static char dir[512];
	struct ktk_dump_opts o;
	struct ktk_dump d;
	char name[64], path[600];
	int64_t base, base2, target;
	size_t ilen, tlen, i;
	unsigned flags, sel;
	const char *fmt;

	if (size < HEAD || size > 65536)
		return 0;
	if (null == NULL) {
		null = fopen("/dev/null", "w");
		snprintf(dir, sizeof(dir), "%s", fz_path("orders-0"));
		if (mkdir(dir, 0700) == -1)
			abort();
	}
	flags = data[0];
	sel = data[1];
	base = get64(data + 2);
	switch (sel % 5) {
	case 1: base = INT64_MAX - (base & 0xff); break;
	case 2: base = INT64_MIN + (base & 0xff); break;
	case 3: base = base & 0xff; break;
	case 4: base = -(base & 0xff); break;
	default: break;
	}
	target = get64(data + 10);
	ilen = (size_t)data[18] << 8 | data[19];
	tlen = (size_t)data[20] << 8 | data[21];
	data += HEAD;
	size -= HEAD;
	if (ilen > size)
		ilen = size;
	if (tlen > size - ilen)
		tlen = size - ilen;
	fmt = flags & 8 ? "%" PRId64 "%s" : "%020" PRId64 "%s";
	nnames = 0;
	snprintf(name, sizeof(name), fmt, base, ".index");
	put(dir, name, data, ilen);
	snprintf(name, sizeof(name), fmt, base, ".timeindex");
	put(dir, name, data + ilen, tlen);
	snprintf(name, sizeof(name), fmt, base, ".log");
	put(dir, name, data + ilen + tlen, size - ilen - tlen);
	if (flags & 128) {
		/* the next segment: a few offsets on, wrapping like the
		 * broker's long arithmetic would not */
		base2 = (int64_t)((uint64_t)base + 1 + (sel >> 3));
		snprintf(name, sizeof(name), fmt, base2, ".log");
		put(dir, name, NULL, 0);
		snprintf(name, sizeof(name), fmt, base2, ".index");
		put(dir, name, NULL, 0);
	}

	o = fz_opts(flags & 16 ? 1 : 0, flags & 16 ? 1 : 0, 0, flags & 32 ? 1 : 0,
		    flags & 64 ? 1 : 0);
	ktk_dump_init(&d, &o, null);
	d.problem = fz_ignore;
	d.note = fz_note;
	ktk_dump_dir(&d, dir);
	ktk_dump_finish(&d);
	ktk_dump_free(&d);

	o = fz_opts(0, 1, 0, flags & 32 ? 1 : 0, 0);
	ktk_dump_init(&d, &o, null);
	d.problem = fz_ignore;
	d.note = fz_note;
	ktk_dump_lookup(&d, dir, flags & 1, target, 1 + ((flags >> 1) & 3));
	ktk_dump_finish(&d);
	ktk_dump_free(&d);

	for (i = 0; i < nnames; i++) {
		snprintf(path, sizeof(path), "%s/%s", dir, names[i]);
		unlink(path);
	}
	return 0;
}
