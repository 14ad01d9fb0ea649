/* SPDX-License-Identifier: Apache-2.0 */
/* ktk-producer -- records from stdin and files into a topic, with exact
 * delivery accounting. Input parsing is lib/input/input.c, partitioning
 * lib/base/partitioner.c, delivery accounting lib/kafka/delivery.c, transactions
 * lib/kafka/txn.c; this file is the option table and the glue. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <librdkafka/rdkafka.h>

#include "lib/base/bytes.h"
#include "lib/base/clock.h"
#include "lib/base/err.h"
#include "lib/input/input.h"
#include "lib/kafka/client.h"
#include "lib/kafka/delivery.h"
#include "lib/kafka/meta.h"
#include "lib/kafka/produce.h"
#include "lib/kafka/txn.h"
#include "lib/base/number.h"
#include "lib/config/kcat.h"
#include "lib/config/opt.h"
#include "lib/base/partitioner.h"
#include "lib/config/settings.h"
#include "lib/config/topic_spec.h"

enum {
	OPT_TOPIC = 1, OPT_PARTITION, OPT_PARTITIONER, OPT_ACKS, OPT_RRA,
	OPT_NO_IDEMP, OPT_COMPRESSION, OPT_LINGER, OPT_BATCH, OPT_SYNC,
	OPT_TXN_ID, OPT_TXN_RECORDS, OPT_RATE, OPT_MAX, OPT_TIMEOUT,
	OPT_PPROP, OPT_PCONFIG, OPT_TEE, OPT_DRY_RUN, OPT_PCOUNT, OPT_PROPERTY,
	OPT_RPROPERTY, OPT_RCONFIG, OPT_KEYSEP, OPT_DELIM, OPT_KEY, OPT_HEADER,
	OPT_NULL_EMPTY, OPT_FORMAT, OPT_STOP_ON_ERROR, OPT_IGNORE_PARTITION,
	OPT_IGNORE_TIMESTAMP,
};

static const struct ktk_opt opts[] = {
	{OPT_TOPIC, 't', "topic", KTK_ARG_TOPIC, "TOPIC",
	 "The topic to produce to (required).", NULL, 0},
	{OPT_PARTITION, 'p', "partition", KTK_ARG_INT, "N",
	 "Send every record to partition N (default, or -1 as in kcat: by "
	 "key, with the partitioner).", NULL, 0},
	{OPT_PARTITIONER, 0, "partitioner", KTK_ARG_ENUM, "NAME",
	 "How keys choose partitions (default murmur2_random: the Java "
	 "client's murmur2 for keyed records, sticky random for null keys).",
	 KTK_PARTITIONER_NAMES, 0},
	{OPT_ACKS, 0, "acks", KTK_ARG_ENUM, "ACKS",
	 "Acknowledgements to wait for (default all).", "0,1,all,-1", 0},
	{OPT_RRA, 0, "request-required-acks", KTK_ARG_ENUM, "ACKS",
	 "The same as --acks (the name in Kafka's script).", "0,1,all,-1", 0},
	{OPT_NO_IDEMP, 0, "no-idempotence", KTK_ARG_NONE, NULL,
	 "Do not enable idempotence (on by default with acks=all).", NULL, 0},
	{OPT_COMPRESSION, 'z', "compression-codec", KTK_ARG_ENUM, "CODEC",
	 "Compression of record batches (default none).",
	 "none,gzip,snappy,lz4,zstd", 0},
	{OPT_LINGER, 0, "linger-ms", KTK_ARG_INT, "MS",
	 "Wait up to MS milliseconds to fill a batch (linger.ms).", NULL, 0},
	{OPT_BATCH, 0, "batch-size", KTK_ARG_INT, "BYTES",
	 "Largest batch in bytes (batch.size).", NULL, 0},
	{OPT_SYNC, 0, "sync", KTK_ARG_NONE, NULL,
	 "Wait for each record's acknowledgement before sending the next.",
	 NULL, 0},
	{OPT_TXN_ID, 0, "transactional-id", KTK_ARG_STR, "ID",
	 "Produce the whole input in one transaction (aborted on SIGINT or "
	 "SIGTERM).", NULL, 0},
	{OPT_TXN_RECORDS, 0, "transaction-records", KTK_ARG_INT, "N",
	 "With --transactional-id, commit a transaction every N records.",
	 NULL, 0},
	{OPT_RATE, 0, "rate", KTK_ARG_INT, "N",
	 "Send at most N records per second.", NULL, 0},
	{OPT_MAX, 'c', "max-messages", KTK_ARG_INT, "N",
	 "Stop after reading N records.", NULL, 0},
	{OPT_TIMEOUT, 0, "timeout-ms", KTK_ARG_INT, "MS",
	 "Give up delivering a record after MS milliseconds "
	 "(message.timeout.ms, default 300000).", NULL, 0},
	{OPT_PPROP, 0, "producer-property", KTK_ARG_KV, "KEY=VALUE",
	 "Set a producer property (Java or librdkafka name); repeatable.",
	 NULL, KTK_OPT_REPEAT},
	{OPT_PCONFIG, 0, "producer.config", KTK_ARG_FILE, "FILE",
	 "Read producer properties from a .properties FILE.", NULL, 0},
	{OPT_TEE, 'T', "tee", KTK_ARG_NONE, NULL,
	 "Write each record's value to stdout once it is delivered.", NULL, 0},
	{OPT_DRY_RUN, 0, "dry-run", KTK_ARG_NONE, NULL,
	 "Parse the input and print each record's position and the partition "
	 "it would go to (-1: chosen at send time); send nothing.", NULL, 0},
	{OPT_PCOUNT, 0, "partition-count", KTK_ARG_INT, "N",
	 "With --dry-run, the topic's partition count (default: ask the "
	 "cluster).", NULL, 0},
	{OPT_PROPERTY, 0, "property", KTK_ARG_KV, "KEY=VALUE",
	 "A LineMessageReader property (parse.key, key.separator, "
	 "parse.headers, headers.delimiter, headers.separator, "
	 "headers.key.separator, null.marker, ignore.error); repeatable.",
	 NULL, KTK_OPT_REPEAT},
	{OPT_RPROPERTY, 0, "reader-property", KTK_ARG_KV, "KEY=VALUE",
	 "Same as --property (Kafka 4.2's name); repeatable.", NULL,
	 KTK_OPT_REPEAT},
	{OPT_RCONFIG, 0, "reader-config", KTK_ARG_FILE, "FILE",
	 "Read reader properties from a .properties FILE.", NULL, 0},
	{OPT_KEYSEP, 'K', "key-delimiter", KTK_ARG_STR, "SEP",
	 "Parse a key before SEP on each record (parse.key=true, "
	 "key.separator=SEP); escapes \\t \\n \\r \\0 \\xNN.", NULL, 0},
	{OPT_DELIM, 'D', "delimiter", KTK_ARG_STR, "SEP",
	 "Records end with SEP (any bytes; escapes \\n \\t \\r \\0 \\xNN) "
	 "instead of a newline.", NULL, 0},
	{OPT_KEY, 'k', "key", KTK_ARG_STR, "KEY",
	 "The key of every record whose input gives none.", NULL, 0},
	{OPT_HEADER, 'H', "header", KTK_ARG_STR, "NAME[=VALUE]",
	 "Add a header to every record (no =VALUE: a null value); "
	 "repeatable.", NULL, KTK_OPT_REPEAT},
	{OPT_NULL_EMPTY, 'Z', "null-empty", KTK_ARG_NONE, NULL,
	 "Send empty keys and values as null.", NULL, 0},
	{OPT_FORMAT, 0, "input-format", KTK_ARG_ENUM, "FORMAT",
	 "line: text lines (LineMessageReader); json: one object per line "
	 "as ktk-consumer -J writes; raw: each file is one record.",
	 "line,json,raw", 0},
	{OPT_STOP_ON_ERROR, 0, "stop-on-error", KTK_ARG_NONE, NULL,
	 "Stop at the first record that cannot be parsed or sent.", NULL, 0},
	{OPT_IGNORE_PARTITION, 0, "ignore-partition", KTK_ARG_NONE, NULL,
	 "Drop the partition a JSON record names and let the partitioner "
	 "choose (a copy into a topic with other partitions).", NULL, 0},
	{OPT_IGNORE_TIMESTAMP, 0, "ignore-timestamp", KTK_ARG_NONE, NULL,
	 "Drop the timestamp a JSON record names: records are stamped now "
	 "(a copy that time-based retention keeps).", NULL, 0},
	/* kcat's flags that mean something else here (kcat.h) */
	KTK_KCAT_FLAG("C", 'C', KTK_ARG_NONE),
	KTK_KCAT_FLAG("P", 'P', KTK_ARG_NONE),
	KTK_KCAT_FLAG("L", 'L', KTK_ARG_NONE),
	KTK_KCAT_FLAG("Q", 'Q', KTK_ARG_NONE),
	KTK_KCAT_FLAG("E", 'E', KTK_ARG_NONE),
	KTK_KCAT_FLAG("G", 'G', KTK_ARG_STR),
	KTK_KCAT_FLAG("M", 'M', KTK_ARG_STR),
	KTK_KCAT_FLAG("m", 'm', KTK_ARG_STR),
	KTK_KCAT_FLAG("s", 's', KTK_ARG_STR),
	KTK_KCAT_FLAG("r", 'r', KTK_ARG_STR),
	KTK_KCAT_FLAG("l", 'l', KTK_ARG_STR),
	KTK_OPTS_BROKER,
	KTK_OPTS_BASE,
};

static const struct ktk_cmd_desc desc = {
	"ktk-producer",
	"read records from stdin or files and produce them to a topic",
	"-t TOPIC [OPTION]... [FILE]...",
	opts,
	ktk_client_version,
	"file",
};

#define MAX_HEADERS 64

struct ctx {
	const char *topic;
	int32_t partition;
	int partitioner, format, sync, tee, dry_run, stop_on_error;
	int no_idemp, have_acks, have_partitioner;
	char acks[8];
	const char *txn_id, *pconfig, *rconfig, *delim, *keysep, *key;
	int64_t txn_records, rate, max, timeout_ms;
	int32_t pcount;
	int used_property, used_rproperty;
	struct ktk_conf props;  /* producer properties from our flags */
	struct ktk_conf reader; /* reader properties */
	char *headers[MAX_HEADERS];
	int nheaders;
	int null_empty;
	int ignore_partition, ignore_timestamp;
};

static volatile sig_atomic_t stop_flag, hard_stop;

static void on_signal(int sig)
{
	static const char msg[] = "ktk-producer: second signal, exiting\n";

	(void)sig;
	if (stop_flag) {
		hard_stop = 1;
		if (write(2, msg, sizeof(msg) - 1) < 0) {
			/* nothing to do */
		}
		_exit(KTK_EXIT_FAIL);
	}
	stop_flag = 1;
}

static int num_opt(const char *name, const char *arg, int64_t min,
		   int64_t max, int64_t *out, struct ktk_err *err)
{
	const char *why;

	if (ktk_number_parse_i64(arg, min, max, out, &why) == -1)
		return ktk_err_set(err, KTK_EXIT_USAGE, "--%s: %s: '%s'", name,
				   why, arg);
	return 0;
}

static int on_opt(void *vc, int id, const char *arg, struct ktk_err *err)
{
	struct ctx *c = vc;
	int64_t v;

	switch (id) {
	case OPT_TOPIC:
		if (ktk_topic_spec_literal_check(arg, KTK_TOPIC_SPEC_ONE,
						 err) == -1)
			return -1;
		c->topic = arg;
		return 0;
	case OPT_PARTITION:
		/* kcat: -1 lets the partitioner choose */
		if (num_opt("partition", arg, -1, INT32_MAX, &v, err) == -1)
			return -1;
		c->partition = (int32_t)v;
		return 0;
	case OPT_PARTITIONER:
		c->partitioner = ktk_partitioner_lookup(arg);
		c->have_partitioner = 1;
		ktk_conf_set(&c->props, "partitioner", arg, KTK_SRC_FLAG,
			     "--partitioner");
		return 0;
	case OPT_ACKS:
	case OPT_RRA:
		snprintf(c->acks, sizeof(c->acks), "%s",
			 strcmp(arg, "-1") == 0 ? "all" : arg);
		c->have_acks = 1;
		ktk_conf_set(&c->props, "acks", c->acks, KTK_SRC_FLAG,
			     id == OPT_ACKS ? "--acks"
					    : "--request-required-acks");
		return 0;
	case OPT_NO_IDEMP:
		c->no_idemp = 1;
		ktk_conf_set(&c->props, "enable.idempotence", "false",
			     KTK_SRC_FLAG, "--no-idempotence");
		return 0;
	case OPT_COMPRESSION:
		ktk_conf_set(&c->props, "compression.codec", arg, KTK_SRC_FLAG,
			     "--compression-codec");
		return 0;
	case OPT_LINGER:
		if (num_opt("linger-ms", arg, 0, 900000, &v, err) == -1)
			return -1;
		ktk_conf_set(&c->props, "linger.ms", arg, KTK_SRC_FLAG,
			     "--linger-ms");
		return 0;
	case OPT_BATCH:
		if (num_opt("batch-size", arg, 1, 2147483647, &v, err) == -1)
			return -1;
		ktk_conf_set(&c->props, "batch.size", arg, KTK_SRC_FLAG,
			     "--batch-size");
		return 0;
	case OPT_SYNC:
		c->sync = 1;
		return 0;
	case OPT_TXN_ID:
		if (*arg == '\0')
			return ktk_err_set(err, KTK_EXIT_USAGE,
					   "--transactional-id: empty id");
		c->txn_id = arg;
		ktk_conf_set(&c->props, "transactional.id", arg, KTK_SRC_FLAG,
			     "--transactional-id");
		return 0;
	case OPT_TXN_RECORDS:
		return num_opt("transaction-records", arg, 1, INT64_MAX,
			       &c->txn_records, err);
	case OPT_RATE:
		return num_opt("rate", arg, 1, 100000000, &c->rate, err);
	case OPT_MAX:
		return num_opt("max-messages", arg, 0, INT64_MAX, &c->max, err);
	case OPT_TIMEOUT:
		if (num_opt("timeout-ms", arg, 1, 2147483647, &c->timeout_ms,
			    err) == -1)
			return -1;
		ktk_conf_set(&c->props, "message.timeout.ms", arg,
			     KTK_SRC_FLAG, "--timeout-ms");
		return 0;
	case OPT_PPROP:
		return ktk_conf_set_kv(&c->props, arg, KTK_SRC_FLAG,
				       "--producer-property", err);
	case OPT_PCONFIG:
		c->pconfig = arg;
		return 0;
	case OPT_TEE:
		c->tee = 1;
		return 0;
	case OPT_DRY_RUN:
		c->dry_run = 1;
		return 0;
	case OPT_PCOUNT:
		if (num_opt("partition-count", arg, 1, 1000000, &v, err) == -1)
			return -1;
		c->pcount = (int32_t)v;
		return 0;
	case OPT_PROPERTY:
	case OPT_RPROPERTY:
		if (id == OPT_PROPERTY)
			c->used_property = 1;
		else
			c->used_rproperty = 1;
		if (c->used_property && c->used_rproperty)
			return ktk_err_set(err, KTK_EXIT_USAGE,
					   "Options --reader-property and "
					   "--property cannot be specified "
					   "together.");
		/* Kafka: "k" alone means "k=" */
		if (strchr(arg, '=') == NULL) {
			ktk_conf_set(&c->reader, arg, "", KTK_SRC_FLAG,
				     "--property");
			return 0;
		}
		return ktk_conf_set_kv(&c->reader, arg, KTK_SRC_FLAG,
				       id == OPT_PROPERTY ? "--property"
							  : "--reader-property",
				       err);
	case OPT_RCONFIG:
		c->rconfig = arg;
		return 0;
	case OPT_KEYSEP:
		c->keysep = arg;
		return 0;
	case OPT_DELIM:
		c->delim = arg;
		return 0;
	case OPT_KEY:
		c->key = arg;
		return 0;
	case OPT_HEADER:
		if (c->nheaders == MAX_HEADERS)
			return ktk_err_set(err, KTK_EXIT_USAGE,
					   "-H: at most %d headers",
					   MAX_HEADERS);
		if (*arg == '\0' || *arg == '=')
			return ktk_err_set(err, KTK_EXIT_USAGE,
					   "-H '%s': expected NAME=VALUE or "
					   "NAME",
					   arg);
		c->headers[c->nheaders++] = (char *)arg;
		return 0;
	case OPT_NULL_EMPTY:
		c->null_empty = 1;
		return 0;
	case OPT_FORMAT:
		c->format = strcmp(arg, "json") == 0  ? KTK_IN_JSON
			    : strcmp(arg, "raw") == 0 ? KTK_IN_RAW
						      : KTK_IN_LINE;
		return 0;
	case OPT_STOP_ON_ERROR:
		c->stop_on_error = 1;
		return 0;
	case OPT_IGNORE_PARTITION:
		c->ignore_partition = 1;
		return 0;
	case OPT_IGNORE_TIMESTAMP:
		c->ignore_timestamp = 1;
		return 0;
	}
	if (id > KTK_KCAT_ID)
		return ktk_kcat_flag(KTK_KCAT_PRODUCER, id - KTK_KCAT_ID, arg, err);
	return ktk_err_set(err, KTK_EXIT_SOFTWARE, "option %d", id);
}

/* Options that cannot go together, and what must come with what. */
static void check_usage(const struct ctx *c)
{
	if (c->topic == NULL)
		ktk_die(KTK_EXIT_USAGE, "missing --topic (see --help)");
	if (c->partition >= 0 && c->have_partitioner)
		ktk_die(KTK_EXIT_USAGE,
			"--partition and --partitioner cannot be used "
			"together");
	if (c->txn_records && c->txn_id == NULL)
		ktk_die(KTK_EXIT_USAGE,
			"--transaction-records needs --transactional-id");
	if (c->txn_id && c->have_acks && strcmp(c->acks, "all") != 0)
		ktk_die(KTK_EXIT_USAGE,
			"--transactional-id needs --acks all, not %s",
			c->acks);
	if (c->txn_id && c->no_idemp)
		ktk_die(KTK_EXIT_USAGE, "--transactional-id and "
					"--no-idempotence cannot be used "
					"together");
	if (c->format != KTK_IN_LINE &&
	    (c->keysep || c->reader.n || c->rconfig))
		ktk_die(KTK_EXIT_USAGE,
			"-K, --property and --reader-config apply to "
			"--input-format line only");
	if (c->format == KTK_IN_RAW && c->delim)
		ktk_die(KTK_EXIT_USAGE,
			"-D cannot be used with --input-format raw");
	if (c->format == KTK_IN_JSON && c->delim)
		ktk_die(KTK_EXIT_USAGE,
			"-D cannot be used with --input-format json (one "
			"object per line)");
	if (c->dry_run && c->tee)
		ktk_die(KTK_EXIT_USAGE,
			"--dry-run and --tee cannot be used together");
}

/* transactional.id from -X, --producer-property or a properties file
 * (kcat's way to ask for a transaction) is --transactional-id: without
 * the transaction calls every record would fail */
static void txn_from_conf(struct ctx *c, const struct ktk_conf *client)
{
	const char *v = ktk_conf_get(&c->props, "transactional.id");

	if (c->txn_id != NULL)
		return;
	if (v == NULL)
		v = ktk_conf_get(client, "transactional.id");
	if (v == NULL || *v == '\0')
		return;
	c->txn_id = v;
	check_usage(c);
}

/* escape-decoded copy of a flag value, which may hold NUL bytes */
static char *unescaped(const char *flag, const char *arg, size_t *len)
{
	char *buf = malloc(strlen(arg) + 1);
	long n;

	if (buf == NULL)
		ktk_die(KTK_EXIT_SOFTWARE, "out of memory");
	n = ktk_bytes_unescape(arg, buf);
	if (n < 0)
		ktk_die(KTK_EXIT_USAGE,
			"%s '%s': bad escape (use \\n \\t \\r \\0 \\\\ \\xNN)",
			flag, arg);
	*len = (size_t)n;
	return buf;
}

static void setup_input(struct ctx *c, struct ktk_input *in,
			struct ktk_header *fixed, char **bufs)
{
	struct ktk_err err = {0};
	size_t i, len;

	in->format = c->format;
	if (c->rconfig &&
	    ktk_conf_load_props(&c->reader, c->rconfig, KTK_SRC_PROPS, &err) ==
		    -1)
		ktk_die(KTK_EXIT_USAGE, "--reader-config: %s", err.msg);
	for (i = 0; i < c->reader.n; i++) {
		const struct ktk_conf_ent *e = &c->reader.ents[i];
		int rc = ktk_line_reader_set(&in->lr, e->key, e->val,
					 strlen(e->val), &err);

		if (rc == -1)
			ktk_die_err(&err);
		if (rc == 0 && strcmp(e->key, "topic") != 0)
			ktk_warn("%s: ignoring unknown reader property '%s'",
				 e->origin, e->key);
	}
	if (c->keysep) {
		bufs[0] = unescaped("-K", c->keysep, &len);
		ktk_line_reader_set(&in->lr, "parse.key", "true", 4, &err);
		if (ktk_line_reader_set(&in->lr, "key.separator", bufs[0], len,
				    &err) == -1)
			ktk_die_err(&err);
	}
	if (ktk_line_reader_check(&in->lr, &err) == -1)
		ktk_die_err(&err);
	if (c->delim) {
		bufs[1] = unescaped("-D", c->delim, &len);
		if (len == 0 || len > sizeof(in->delim))
			ktk_die(KTK_EXIT_USAGE,
				"-D '%s': a delimiter has 1 to %zu bytes",
				c->delim, sizeof(in->delim));
		memcpy(in->delim, bufs[1], len);
		in->delim_len = len;
		in->mode = KTK_STREAM_DELIM;
	}
	if (c->key) {
		bufs[2] = unescaped("-k", c->key, &len);
		in->fixed_key = bufs[2];
		in->fixed_key_len = len;
	}
	for (i = 0; i < (size_t)c->nheaders; i++) {
		char *eq = strchr(c->headers[i], '=');

		fixed[i].name = c->headers[i];
		fixed[i].name_len = eq ? (size_t)(eq - c->headers[i])
				       : strlen(c->headers[i]);
		fixed[i].value = eq ? eq + 1 : NULL;
		fixed[i].value_len = eq ? strlen(eq + 1) : 0;
	}
	in->fixed = fixed;
	in->nfixed = (size_t)c->nheaders;
	in->empty_null = c->null_empty;
	in->ignore_partition = c->ignore_partition;
	in->ignore_timestamp = c->ignore_timestamp;
	in->topic = c->topic;
	in->stop = &stop_flag;
}

/* Producer defaults, below every other source; then what depends on the
 * result (idempotence only with acks=all). */
static void producer_defaults(struct ktk_common *common, struct ctx *c)
{
	struct ktk_conf *k = &common->client;
	const char *acks;
	size_t i;

	for (i = 0; i < c->props.n; i++)
		ktk_conf_set(k, c->props.ents[i].key, c->props.ents[i].val,
			     c->props.ents[i].src, c->props.ents[i].origin);
	ktk_conf_set(k, "acks", "all", KTK_SRC_DEFAULT, "default");
	ktk_conf_set(k, "partitioner", "murmur2_random", KTK_SRC_DEFAULT,
		     "default");
	ktk_conf_set(k, "client.id", "ktk-producer", KTK_SRC_DEFAULT,
		     "default");
	/* bound memory: 4 MiB queued, or room for 4 of the largest records.
	 * A small queue is also a fast one: librdkafka walks each message's
	 * own allocation several times, which stays in the CPU's cache when
	 * few are queued (measured: about a quarter less CPU than 32 MiB,
	 * the Java client's buffer.memory, for the same throughput) */
	{
		const char *mmb = ktk_conf_get(k, "message.max.bytes");
		int64_t kb = 4096, v;
		const char *why;
		char buf[32];

		if (mmb && ktk_number_parse_i64(mmb, 1000, 1000000000, &v, &why) == 0 &&
		    v / 256 + 1 > kb)
			kb = v / 256 + 1;
		snprintf(buf, sizeof(buf), "%lld", (long long)kb);
		ktk_conf_set(k, "queue.buffering.max.kbytes", buf,
			     KTK_SRC_DEFAULT, "default");
	}
	/* librdkafka wants message.timeout.ms <= transaction.timeout.ms */
	if (c->txn_id && c->timeout_ms > 60000) {
		char v[32];

		snprintf(v, sizeof(v), "%lld", (long long)c->timeout_ms);
		ktk_conf_set(k, "transaction.timeout.ms", v, KTK_SRC_DEFAULT,
			     "--timeout-ms");
	}
	acks = ktk_conf_get(k, "acks");
	if (acks && (strcmp(acks, "all") == 0 || strcmp(acks, "-1") == 0) &&
	    !c->no_idemp)
		ktk_conf_set(k, "enable.idempotence", "true", KTK_SRC_DEFAULT,
			     "default");
	if (ktk_conf_get(k, "partitioner"))
		c->partitioner =
			ktk_partitioner_lookup(ktk_conf_get(k, "partitioner"));
}

struct run {
	struct ctx *c;
	struct ktk_input in;
	struct ktk_delivery d;
	rd_kafka_t *rk;
	rd_kafka_topic_t *rkt;
	struct ktk_produce_batch batch; /* records gathered for produce_batch */
	int one_at_a_time;      /* --sync, --rate, --stop-on-error */
	int verbose, shown_failures, fatal_shown;
	const struct ktk_conf *client; /* masks secrets in messages */
	char out_delim[16];
	size_t out_delim_len;
};

/* the error that ended the run, once, before the records it failed */
static void show_fatal(struct run *r)
{
	if (!r->d.fatal_err || r->fatal_shown)
		return;
	r->fatal_shown = 1;
	ktk_conf_mask_in(r->client, r->d.fatal);
	ktk_warn("%s", r->d.fatal);
}

static void on_fail(void *vr, uint64_t pos, const char *why)
{
	struct run *r = vr;
	char where[300];

	show_fatal(r);
	if (r->shown_failures >= 20 && r->verbose < 2) {
		if (r->shown_failures++ == 20)
			ktk_warn("more failures not shown (see the summary; "
				 "-v shows all)");
		return;
	}
	r->shown_failures++;
	ktk_input_where(&r->in, pos, where, sizeof(where));
	ktk_warn("%s: %s", where, why);
}

/* librdkafka's errors it retries (a broker down): with -v, as before the
 * producer had an error callback */
static void on_error(void *vr, const char *reason)
{
	struct run *r = vr;
	char msg[600];

	if (r->verbose < 2)
		return;
	snprintf(msg, sizeof(msg), "%s", reason);
	ktk_conf_mask_in(r->client, msg);
	ktk_warn("%s", msg);
}

static void on_partitions(void *vr, const char *topic, int32_t was,
			  int32_t now)
{
	const struct run *r = vr;

	if (r->verbose >= 2)
		ktk_warn("topic %s: %d partitions (was %d); keyed records "
			 "follow the new count",
			 topic, (int)now, (int)was);
}

static void on_ok(void *vr, const rd_kafka_message_t *m)
{
	struct run *r = vr;

	if (m->payload)
		fwrite(m->payload, 1, m->len, stdout);
	fwrite(r->out_delim, 1, r->out_delim_len, stdout);
}

static void progress(struct run *r, int final)
{
	double secs = ktk_delivery_elapsed(&r->d);
	uint64_t bytes = ktk_input_bytes(&r->in);
	char pct[32] = "";

	if (final) {
		fputs("\r\033[K", stderr);
		return;
	}
	if (r->in.total_size > 0)
		snprintf(pct, sizeof(pct), ", %.0f%%",
			 100.0 * (double)bytes / (double)r->in.total_size);
	fprintf(stderr,
		"\r\033[K%s: %llu records, %llu delivered, %.0f records/s, "
		"%.1f MB/s%s",
		desc.name, (unsigned long long)r->d.read,
		(unsigned long long)r->d.delivered,
		secs > 0 ? (double)r->d.read / secs : 0.0,
		secs > 0 ? (double)bytes / secs / 1e6 : 0.0, pct);
}

/* --dry-run: where each record would go; nothing is sent. */
static int dry_run(struct run *r, int32_t count)
{
	struct ktk_record rec = {0};
	struct ktk_err err = {0};
	uint64_t pos;
	int st, bad = 0;

	for (;;) {
		char where[300];
		int32_t p;

		if (r->c->max && r->d.read >= (uint64_t)r->c->max)
			break;
		st = ktk_input_next(&r->in, &rec, &pos, &err);
		if (st == KTK_INPUT_END)
			break;
		if (st == -1)
			ktk_die_err(&err);
		r->d.read++;
		ktk_input_where(&r->in, pos, where, sizeof(where));
		if (st == KTK_INPUT_BAD) {
			ktk_delivery_fail(&r->d, pos, r->in.bad, err.msg);
			bad = 1;
			if (r->c->stop_on_error)
				break;
			continue;
		}
		p = r->c->partition >= 0 ? r->c->partition
		    : rec.partition >= 0 ? rec.partition
					 : ktk_partitioner_for(r->c->partitioner,
							     rec.key,
							     rec.key_len, count);
		printf("%s\t%d\n", where, p);
	}
	ktk_record_free(&rec);
	if (fflush(stdout) == EOF && errno != EPIPE)
		ktk_die(KTK_EXIT_FAIL, "stdout: %s", strerror(errno));
	return bad ? KTK_EXIT_DATAERR : KTK_EXIT_OK;
}

static int32_t partition_count(struct run *r, struct ktk_common *common)
{
	struct ktk_err err = {0};
	rd_kafka_conf_t *rconf;
	int32_t n;

	if (r->c->pcount > 0)
		return r->c->pcount;
	rconf = ktk_client_conf(&common->client, common->verbosity, &err);
	if (rconf == NULL)
		ktk_die_err(&err);
	r->rk = ktk_client_new(RD_KAFKA_PRODUCER, rconf, &err);
	if (r->rk == NULL)
		ktk_die_err(&err);
	if (ktk_meta_partitions(r->rk, r->c->topic, 10000, &n, &err) == -1)
		ktk_die_err(&err);
	return n;
}

static void open_producer(struct run *r, struct ktk_common *common)
{
	struct ktk_err err = {0};
	rd_kafka_conf_t *rconf;
	rd_kafka_topic_conf_t *tconf;

	rconf = ktk_client_conf(&common->client, common->verbosity, &err);
	if (rconf == NULL)
		ktk_die_err(&err);
	rd_kafka_conf_set_dr_msg_cb(rconf, ktk_delivery_dr_cb);
	/* a refused login ends the run at once, not after --timeout-ms */
	r->d.log_max = ktk_client_log_max(&common->client, common->verbosity);
	rd_kafka_conf_set_opaque(rconf, &r->d);
	rd_kafka_conf_set_error_cb(rconf, ktk_delivery_error_cb);
	r->rk = ktk_client_new(RD_KAFKA_PRODUCER, rconf, &err);
	if (r->rk == NULL)
		ktk_die_err(&err);
	tconf = rd_kafka_default_topic_conf_dup(r->rk);
	rd_kafka_topic_conf_set_opaque(tconf, &r->d);
	r->rkt = rd_kafka_topic_new(r->rk, r->c->topic, tconf);
	if (r->rkt == NULL)
		ktk_die(KTK_EXIT_CONFIG, "topic %s: %s", r->c->topic,
			rd_kafka_err2str(rd_kafka_last_error()));
}

/* Wait for every record in flight; for --sync after each one. */
static void wait_all(struct run *r, int timeout_ms)
{
	ktk_produce_batch_flush(&r->batch);
	ktk_delivery_flush(r->rk, &r->d, timeout_ms, &hard_stop);
}

static int txn_end(struct run *r, int commit, int timeout_ms)
{
	struct ktk_err err = {0};
	int aborted = 0;

	ktk_produce_batch_flush(&r->batch); /* the gathered records belong to it */
	if (commit) {
		if (ktk_txn_commit(r->rk, timeout_ms, &aborted, &err) == 0)
			return 0;
	} else {
		aborted = ktk_txn_abort(r->rk, timeout_ms, &err) == 0;
		if (aborted)
			snprintf(err.msg, sizeof(err.msg),
				 "transaction aborted on signal");
	}
	/* the aborted records' reports (purged or delivered) come in */
	wait_all(r, timeout_ms);
	if (aborted || !commit)
		ktk_delivery_txn_aborted(&r->d);
	ktk_warn("%s", err.msg);
	return -1;
}

/* before a read that may block: hand over the gathered records, and
 * let --tee's reader see what was delivered */
static void flush_batch(void *vr)
{
	struct run *r = vr;

	ktk_produce_batch_flush(&r->batch);
	if (r->c->tee)
		fflush(stdout);
}

/* while the input is quiet: serve the delivery reports (--tee prints the
 * records as they are delivered); a refused login ends the input */
static int idle(void *vr)
{
	struct run *r = vr;

	rd_kafka_poll(r->rk, 0);
	if (r->c->tee)
		fflush(stdout);
	return r->d.fatal_err != 0;
}

static int produce_all(struct run *r)
{
	struct ktk_record rec = {0};
	struct ktk_err err = {0};
	int timeout = r->c->timeout_ms ? (int)r->c->timeout_ms : 300000;
	int flush_timeout = timeout + 5000, show = r->verbose >= 1 &&
						   isatty(2);
	double next_progress = ktk_clock_s() + 1, t0 = ktk_clock_s();
	uint64_t in_txn = 0, sent = 0;
	int txn_open = 0, fatal = 0;

	if (r->c->txn_id) {
		if (ktk_txn_init(r->rk, timeout, &err) == -1)
			ktk_die_err(&err);
	}
	/* records go to librdkafka in batches, handed over at once where
	 * each one's moment matters: --sync, --rate, --stop-on-error */
	r->one_at_a_time = r->c->sync || r->c->rate || r->c->stop_on_error;
	if (ktk_produce_batch_init(&r->batch, r->rk, r->rkt, &r->d, &stop_flag,
			   &err) == -1)
		ktk_die_err(&err);
	r->in.before_read = flush_batch;
	r->in.idle = idle;
	r->in.before_read_arg = r;
	/* keyed records are partitioned in the batch (produce.h), the
	 * partition count read again as often as librdkafka's metadata
	 * when that is set, else every minute */
	if (r->c->partition < 0 && r->c->partitioner >= 0) {
		const char *every = ktk_conf_get(
			r->client, "topic.metadata.refresh.interval.ms");
		int64_t refresh = 0;
		const char *why;

		if (every && ktk_number_parse_i64(every, -1, 3600000, &refresh,
					   &why) == 0 && refresh == 0)
			refresh = -1;
		r->batch.on_partitions = on_partitions;
		r->batch.on_partitions_ctx = r;
		ktk_produce_batch_partition_keys(&r->batch, r->c->topic,
					 r->c->partitioner,
					 timeout < 5000 ? timeout : 5000,
					 (int)refresh);
	}
	for (;;) {
		uint64_t pos;
		int st;
		int32_t part;

		if (stop_flag || r->d.fatal_err)
			break;
		if (r->c->max && r->d.read >= (uint64_t)r->c->max)
			break;
		st = ktk_input_next(&r->in, &rec, &pos, &err);
		if (st == KTK_INPUT_END)
			break;
		if (st == -1) {
			ktk_warn("%s", err.msg);
			fatal = err.code;
			break;
		}
		r->d.read++;
		if (st == KTK_INPUT_BAD) {
			ktk_delivery_fail(&r->d, pos, r->in.bad, err.msg);
			if (r->c->stop_on_error)
				break;
			continue;
		}
		if (r->c->txn_id && !txn_open) {
			if (ktk_txn_begin(r->rk, &err) == -1) {
				ktk_delivery_fail(&r->d, pos, "transaction not begun", err.msg);
				fatal = err.code;
				break;
			}
			ktk_delivery_txn_begin(&r->d);
			txn_open = 1;
		}
		if (r->c->rate) {
			double due = t0 + (double)sent / (double)r->c->rate;
			double wait;
			int guard = 0;

			while ((wait = due - ktk_clock_s()) > 0 && !stop_flag &&
			       guard++ < 100000)
				rd_kafka_poll(r->rk,
					      wait > 0.1 ? 100
							 : (int)(wait * 1000) + 1);
		}
		part = r->c->partition >= 0 ? r->c->partition
		       : rec.partition >= 0 ? rec.partition
					    : RD_KAFKA_PARTITION_UA;
		sent++;
		ktk_produce_batch_add(&r->batch, &rec, part, pos);
		if (r->c->sync)
			wait_all(r, flush_timeout);
		else if (r->one_at_a_time)
			ktk_produce_batch_flush(&r->batch);
		if (r->c->stop_on_error && r->d.failed)
			break;
		if (txn_open && r->c->txn_records &&
		    ++in_txn >= (uint64_t)r->c->txn_records) {
			txn_end(r, 1, timeout);
			txn_open = 0;
			in_txn = 0;
		}
		if (show && (sent & 1023) == 0 && ktk_clock_s() >= next_progress) {
			progress(r, 0);
			next_progress = ktk_clock_s() + 1;
		}
	}
	if (txn_open)
		txn_end(r, !stop_flag, timeout);
	wait_all(r, flush_timeout);
	if (show)
		progress(r, 1);
	r->in.before_read = NULL;
	r->in.idle = NULL;
	ktk_produce_batch_free(&r->batch);
	ktk_record_free(&rec);
	return fatal;
}

int main(int argc, char **argv)
{
	struct ctx c;
	struct ktk_common common;
	struct ktk_err err = {0};
	struct run r;
	struct ktk_header fixed[MAX_HEADERS];
	char *bufs[3] = {NULL, NULL, NULL}, dropped[512] = "", summary[1024];
	int first, status;
	struct sigaction sa;

	ktk_stdfd_open(); /* first: no library descriptor may land on 0-2 */
	memset(&c, 0, sizeof(c));
	memset(&r, 0, sizeof(r));
	c.partition = -1;
	ktk_conf_init(&c.props);
	ktk_conf_init(&c.reader);
	ktk_prog_set(desc.name);
	first = ktk_opt_main(&desc, argc, argv, &common, on_opt, &c);
	check_usage(&c);

	if (c.pconfig && ktk_conf_load_props(&common.client, c.pconfig,
					     KTK_SRC_PROPS, &err) == -1)
		ktk_die_err(&err);
	/* --producer-property before the Java translation, as -X */
	for (size_t i = 0; i < c.props.n; i++)
		ktk_conf_set(&common.client, c.props.ents[i].key,
			     c.props.ents[i].val, c.props.ents[i].src,
			     c.props.ents[i].origin);
	ktk_conf_free(&c.props); /* merged: producer_defaults() adds none */
	if (ktk_settings_resolve(&common, dropped, sizeof(dropped), &err) == -1)
		ktk_die_err(&err);
	txn_from_conf(&c, &common.client);
	producer_defaults(&common, &c);
	if (dropped[0] && common.verbosity > 1)
		ktk_warn("ignoring Java-only properties: %s", dropped);

	r.c = &c;
	r.verbose = common.verbosity;
	r.client = &common.client;
	if (ktk_input_init(&r.in, argv + first, argc - first, &err) == -1)
		ktk_die_err(&err);
	setup_input(&c, &r.in, fixed, bufs);
	{
		const char *mmb = ktk_conf_get(&common.client,
					       "message.max.bytes");
		int64_t v;
		const char *why;

		if (mmb && ktk_number_parse_i64(mmb, 1000, 1000000000, &v, &why) == 0)
			r.in.max = (size_t)v;
	}
	if (r.in.mode == KTK_STREAM_DELIM) {
		memcpy(r.out_delim, r.in.delim, r.in.delim_len);
		r.out_delim_len = r.in.delim_len;
	} else {
		r.out_delim[0] = '\n';
		r.out_delim_len = 1;
	}
	ktk_delivery_init(&r.d);
	r.d.on_fail = on_fail;
	r.d.on_ok = c.tee ? on_ok : NULL;
	r.d.on_error = on_error;
	r.d.ctx = &r;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal; /* no SA_RESTART: reads are interrupted */
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);

	if (c.dry_run) {
		int32_t n = c.partition >= 0 ? 1 : partition_count(&r, &common);

		status = dry_run(&r, n);
	} else {
		int fatal;

		open_producer(&r, &common);
		/* a partition the topic lacks is refused before any is sent:
		 * -p's now, a JSON record's when it is read */
		if ((c.partition >= 0 || (c.format == KTK_IN_JSON &&
					  !c.ignore_partition)) &&
		    ktk_meta_partition_check(r.rk, c.topic, c.partition, 5000,
					     c.partition >= 0 ? "" : NULL,
					     &r.in.partitions, &err) == -1)
			ktk_die_err(&err);
		fatal = produce_all(&r);
		show_fatal(&r);
		status = ktk_delivery_exit(&r.d);
		if (fatal && status == KTK_EXIT_OK)
			status = fatal;
		if (fflush(stdout) == EOF && errno != EPIPE)
			ktk_warn("stdout: %s", strerror(errno));
	}
	/* librdkafka's last words come before the summary, never after */
	if (r.rkt)
		rd_kafka_topic_destroy(r.rkt);
	if (r.rk)
		rd_kafka_destroy(r.rk);
	ktk_delivery_summary(&r.d, summary, sizeof(summary));
	if (r.d.failed || r.d.fatal_err || (common.verbosity > 1) ||
	    (stop_flag && common.verbosity > 0))
		ktk_warn("%s%s", stop_flag ? "interrupted: " : "", summary);
	ktk_input_free(&r.in);
	ktk_conf_free(&c.props);
	ktk_conf_free(&c.reader);
	ktk_common_free(&common);
	free(bufs[0]);
	free(bufs[1]);
	free(bufs[2]);
	return status;
}
