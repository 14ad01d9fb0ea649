/* SPDX-License-Identifier: Apache-2.0 */
/* ktk-dump-log -- print, verify and search a Kafka broker's log files
 * offline: segments, indexes, producer snapshots, checkpoints and KRaft
 * snapshots, in the exact lines of Kafka's kafka-dump-log.sh
 * (DumpLogSegments) or as JSON. The work is done by lib/dump/dump.c. */
#include <errno.h>
#include <inttypes.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "lib/dump/dump.h"
#include "lib/base/err.h"
#include "lib/base/clock.h"
#include "lib/base/number.h"
#include "lib/config/offset_spec.h"
#include "lib/config/opt.h"
#include "lib/base/version.h"

enum {
	OPT_FILES = 1, OPT_PRINT, OPT_DEEP, OPT_VERIFY_INDEX, OPT_SANITY,
	OPT_MAX_MSG, OPT_MAX_BYTES, OPT_SKIP_META, OPT_OFFSETS_DEC, OPT_TXN_DEC,
	OPT_META_DEC, OPT_KEY_DEC, OPT_VALUE_DEC, OPT_JSON, OPT_VERIFY,
	OPT_OFFSET, OPT_TIMESTAMP, OPT_COUNT, OPT_MAX_DECOMP,
};

/* --max-decompressed-bytes default: 64 GiB */
#define MAX_DECOMPRESSED_DEFAULT (INT64_C(64) << 30)

#define STRING_DECODER "org.apache.kafka.tools.api.StringDecoder"

static const struct ktk_opt opts[] = {
	{OPT_FILES, 0, "files", KTK_ARG_FILE, "FILE1,FILE2,...",
	 "Comma-separated data, index and other log files to dump (also "
	 "accepted as arguments). A directory dumps its files in offset "
	 "order.",
	 NULL, KTK_OPT_REPEAT},
	{OPT_PRINT, 'p', "print-data-log", KTK_ARG_NONE, NULL,
	 "Print each record's key and payload (implies --deep-iteration).",
	 NULL, 0},
	{OPT_DEEP, 'd', "deep-iteration", KTK_ARG_NONE, NULL,
	 "Print a line per record, not only per batch.", NULL, 0},
	{OPT_VERIFY_INDEX, 0, "verify-index-only", KTK_ARG_NONE, NULL,
	 "Check .index and .timeindex entries against the log without "
	 "printing them.",
	 NULL, 0},
	{OPT_SANITY, 0, "index-sanity-check", KTK_ARG_NONE, NULL,
	 "Only run the broker's start-up sanity check on index files.", NULL,
	 0},
	{OPT_MAX_MSG, 0, "max-message-size", KTK_ARG_INT, "BYTES",
	 "Largest batch an .index entry may point at (default 5242880).",
	 NULL, 0},
	{OPT_MAX_BYTES, 0, "max-bytes", KTK_ARG_INT, "BYTES",
	 "Read at most BYTES of each .log file (default: all).", NULL, 0},
	{OPT_MAX_DECOMP, 0, "max-decompressed-bytes", KTK_ARG_INT, "BYTES",
	 "Decompress at most BYTES in the whole run (default 68719476736, "
	 "64 GiB; 0: no limit); past it, records of compressed batches are "
	 "not read and that is reported. Each batch is also limited to 256 "
	 "MiB.",
	 NULL, 0},
	{OPT_SKIP_META, 0, "skip-record-metadata", KTK_ARG_NONE, NULL,
	 "Print only keys and payloads of records (no metadata, no control "
	 "records).",
	 NULL, 0},
	{OPT_OFFSETS_DEC, 0, "offsets-decoder", KTK_ARG_NONE, NULL,
	 "Decode records as __consumer_offsets keys and values (JSON).", NULL,
	 0},
	{OPT_TXN_DEC, 0, "transaction-log-decoder", KTK_ARG_NONE, NULL,
	 "Decode records as __transaction_state keys and values (JSON).",
	 NULL, 0},
	{OPT_META_DEC, 0, "cluster-metadata-decoder", KTK_ARG_NONE, NULL,
	 "Decode records as KRaft __cluster_metadata records (JSON).", NULL,
	 0},
	{OPT_KEY_DEC, 0, "key-decoder-class", KTK_ARG_STR, "CLASS",
	 "Accepted for compatibility; only " STRING_DECODER " exists.", NULL,
	 0},
	{OPT_VALUE_DEC, 0, "value-decoder-class", KTK_ARG_STR, "CLASS",
	 "Accepted for compatibility; only " STRING_DECODER " exists.", NULL,
	 0},
	{OPT_JSON, 'J', "json", KTK_ARG_NONE, NULL,
	 "One JSON object per batch and per record instead of Kafka's text.",
	 NULL, 0},
	{OPT_VERIFY, 0, "verify", KTK_ARG_NONE, NULL,
	 "Check every CRC, record, offset and index entry; print only "
	 "problems; exit 65 if there are any.",
	 NULL, 0},
	{OPT_OFFSET, 'o', "offset", KTK_ARG_INT, "N",
	 "With a partition directory: print the record at offset N, found "
	 "through the index.",
	 NULL, 0},
	{OPT_TIMESTAMP, 0, "timestamp", KTK_ARG_STR, "TIME",
	 "With a partition directory: print the first record with timestamp "
	 ">= TIME, found through the time index. TIME is epoch milliseconds, "
	 "or as ktk-consumer -o takes it: @ISO-8601 (@2026-11-21T06:00Z) or "
	 "@-DURATION (@-15m, @-2h, @-1d: that long ago).",
	 NULL, 0},
	{OPT_COUNT, 'c', "count", KTK_ARG_INT, "K",
	 "With --offset or --timestamp: print K records (default 1).", NULL,
	 0},
	KTK_OPTS_BASE,
};

static const struct ktk_cmd_desc desc = {
	"ktk-dump-log",
	"print, verify and search Kafka log segments, indexes and snapshots "
	"offline",
	"[OPTION]... [FILE|DIR]...",
	opts,
	NULL,
	"file",
	NULL,
	0,
};

struct ctx {
	struct ktk_dump_opts o;
	char **files;
	int nfiles, cap;
	int lookup; /* 0 none, 1 offset, 2 timestamp */
	int64_t target;
	int64_t count;
	int quiet;
};

static int add_file(struct ctx *c, const char *f, struct ktk_err *err)
{
	if (c->nfiles == c->cap) {
		int cap = c->cap ? c->cap * 2 : 16;
		char **nv = realloc(c->files, (size_t)cap * sizeof(*nv));

		if (nv == NULL)
			return ktk_err_set(err, KTK_EXIT_SOFTWARE,
					   "out of memory");
		c->files = nv;
		c->cap = cap;
	}
	c->files[c->nfiles] = strdup(f);
	if (c->files[c->nfiles] == NULL)
		return ktk_err_set(err, KTK_EXIT_SOFTWARE, "out of memory");
	c->nfiles++;
	return 0;
}

static int on_opt(void *vc, int id, const char *arg, struct ktk_err *err)
{
	struct ctx *c = vc;
	int64_t v;
	int *flag = id == OPT_PRINT		? &c->o.print_data
		    : id == OPT_DEEP		? &c->o.deep
		    : id == OPT_VERIFY_INDEX	? &c->o.verify_index_only
		    : id == OPT_SANITY		? &c->o.index_sanity
		    : id == OPT_SKIP_META	? &c->o.skip_meta
		    : id == OPT_JSON		? &c->o.json
		    : id == OPT_VERIFY		? &c->o.verify
						: NULL;

	if (flag) { /* the plain flags */
		*flag = 1;
		return 0;
	}
	switch (id) {
	case OPT_FILES: {
		/* split on ',' without trimming, as Kafka does */
		const char *s = arg, *e;

		for (;;) {
			char part[4096];

			e = strchr(s, ',');
			snprintf(part, sizeof(part), "%.*s",
				 (int)(e ? (size_t)(e - s) : strlen(s)), s);
			if (add_file(c, part, err) == -1)
				return -1;
			if (e == NULL)
				break;
			s = e + 1;
		}
		return 0;
	}
	case OPT_MAX_MSG:
		return ktk_opt_i32("--max-message-size", arg, 0, INT32_MAX,
				   &c->o.max_message_size, err);
	case OPT_MAX_BYTES:
		return ktk_opt_i32("--max-bytes", arg, 0, INT32_MAX,
				   &c->o.max_bytes, err);
	case OPT_OFFSETS_DEC:
	case OPT_TXN_DEC:
	case OPT_META_DEC: {
		/* Kafka's precedence: offsets > transaction log > metadata */
		int dec = id == OPT_OFFSETS_DEC ? KTK_DEC_OFFSETS
			  : id == OPT_TXN_DEC   ? KTK_DEC_TXN
						: KTK_DEC_METADATA;
		if (c->o.decoder == KTK_DEC_STRING || dec < c->o.decoder)
			c->o.decoder = dec;
		c->o.print_data = 1;
		return 0;
	}
	case OPT_KEY_DEC:
	case OPT_VALUE_DEC:
		if (strcmp(arg, STRING_DECODER) != 0)
			return ktk_err_set(err, KTK_EXIT_USAGE,
					   "--%s-decoder-class: only %s is "
					   "available, not '%s'",
					   id == OPT_KEY_DEC ? "key" : "value",
					   STRING_DECODER, arg);
		c->o.print_data = 1;
		return 0;
	case OPT_OFFSET:
	case OPT_TIMESTAMP:
		if (id == OPT_TIMESTAMP && arg[0] == '@') { /* the consumer's */
			struct ktk_offset_spec t;

			if (ktk_offset_spec_parse_until("--timestamp", arg,
							ktk_clock_wall_ms(), &t,
							err) == -1)
				return -1;
			v = t.value;
		} else if (ktk_opt_i64(id == OPT_OFFSET ? "--offset"
							: "--timestamp",
				       arg, id == OPT_OFFSET ? 0 : INT64_MIN,
				       INT64_MAX, &v, err) == -1) {
			return -1;
		}
		if (c->lookup)
			return ktk_opt_conflict(err, "--offset", "--timestamp");
		c->lookup = id == OPT_OFFSET ? 1 : 2;
		c->target = v;
		return 0;
	case OPT_MAX_DECOMP:
		return ktk_opt_i64("--max-decompressed-bytes", arg, 0, INT64_MAX,
				   &c->o.max_decompressed, err);
	case OPT_COUNT:
		return ktk_opt_i64("--count", arg, 1, INT64_MAX, &c->count, err);
	}
	return ktk_err_set(err, KTK_EXIT_SOFTWARE, "option %d", id);
}

static void on_problem(void *vc, const char *path, int64_t pos,
		       const char *msg)
{
	(void)vc;
	if (pos >= 0 && strncmp(msg, "position ", 9) != 0)
		fprintf(stderr, "%s: %s: position %" PRId64 ": %s\n",
			ktk_prog(), path, pos, msg);
	else
		fprintf(stderr, "%s: %s: %s\n", ktk_prog(), path, msg);
}

static void on_note(void *vc, const char *line)
{
	struct ctx *c = vc;

	if (!c->quiet)
		fprintf(stderr, "%s\n", line);
}

static int is_dir(const char *p)
{
	struct stat st;

	return stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

int main(int argc, char **argv)
{
	struct ctx c = {0};
	struct ktk_common common;
	struct ktk_err err = {0};
	struct ktk_dump d;
	int first, rc, i;

	ktk_stdfd_open(); /* first: no library descriptor may land on 0-2 */
	ktk_prog_set(desc.name);
	c.o.max_message_size = 5 * 1024 * 1024;
	c.o.max_bytes = INT32_MAX;
	c.o.max_decompressed = MAX_DECOMPRESSED_DEFAULT;
	c.count = 1;
	first = ktk_opt_main(&desc, argc, argv, &common, on_opt, &c);
	c.quiet = common.verbosity == 0;
	for (i = first; i < argc; i++)
		if (add_file(&c, argv[i], &err) == -1)
			ktk_die_err(&err);
	if (c.nfiles == 0)
		ktk_die(KTK_EXIT_USAGE, "--files or FILE... is required (see --help)");
	if (c.lookup && (c.nfiles != 1 || !is_dir(c.files[0])))
		ktk_die(KTK_EXIT_USAGE, "--%s needs one partition directory",
			c.lookup == 1 ? "offset" : "timestamp");
	if (c.lookup)
		c.o.print_data = 1; /* a found record is shown whole */
	if (c.o.print_data)
		c.o.deep = 1;
	setvbuf(stdout, NULL, _IOFBF, 1 << 16);
	/* a path that is not there is said before anything is dumped (a
	 * typo in a loop over directories must not look clean), exit 66 */
	for (i = 0; i < c.nfiles; i++) {
		struct stat st;

		if (stat(c.files[i], &st) == -1)
			ktk_die(KTK_EXIT_NOINPUT, "%s: %s", c.files[i],
				strerror(errno));
	}
	/* data goes to stdout: a closed one is said before anything is read */
	if (!ktk_stdfd_usable(1, 1))
		ktk_die(KTK_EXIT_FAIL, "standard output is closed (nothing read)");
	ktk_dump_init(&d, &c.o, stdout);
	d.problem = on_problem;
	d.note = on_note;
	d.ctx = &c;
	if (c.lookup) {
		if (ktk_dump_lookup(&d, c.files[0], c.lookup == 2, c.target,
				    (long)c.count) == 0)
			fprintf(stderr, "%s: %s: no record at or after %s %" PRId64
				"\n",
				ktk_prog(), c.files[0],
				c.lookup == 1 ? "offset" : "timestamp",
				c.target);
	} else {
		for (i = 0; i < c.nfiles && d.out_errno == 0; i++) {
			if (is_dir(c.files[i]))
				ktk_dump_dir(&d, c.files[i]);
			else
				ktk_dump_file(&d, c.files[i]);
		}
	}
	ktk_dump_finish(&d);
	if (d.out_errno == EPIPE)
		exit(KTK_EXIT_OK); /* the reader left (| head): quietly, as SIGPIPE */
	if (d.out_errno != 0)
		ktk_die(KTK_EXIT_FAIL, "standard output: %s", strerror(d.out_errno));
	ktk_close_stdout();
	rc = d.unreadable ? KTK_EXIT_NOINPUT
	     : d.problems ? KTK_EXIT_DATAERR
			  : KTK_EXIT_OK;
	ktk_dump_free(&d);
	for (i = 0; i < c.nfiles; i++)
		free(c.files[i]);
	free(c.files);
	ktk_common_free(&common);
	return rc;
}
