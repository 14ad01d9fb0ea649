/* SPDX-License-Identifier: Apache-2.0 */
/* ktk-producer -- records from stdin and files into a topic, with exact
 * delivery accounting. Options, glue and the exit summary; the loop is
 * lib/kafka/producer.c, input parsing lib/input/input.c, partitioning
 * lib/base/partitioner.c, delivery accounting lib/kafka/delivery.c,
 * transactions lib/kafka/txn.c. */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lib/base/err.h"
#include "lib/base/partitioner.h"
#include "lib/config/kcat.h"
#include "lib/config/opt.h"
#include "lib/config/settings.h"
#include "lib/input/input.h"
#include "lib/kafka/client.h"
#include "lib/kafka/producer.h"
#include "lib/registry/serializer.h"

enum {
	OPT_TOPIC = 1, OPT_PARTITION, OPT_PARTITIONER, OPT_ACKS, OPT_RRA,
	OPT_NO_IDEMP, OPT_COMPRESSION, OPT_LINGER, OPT_BATCH, OPT_SYNC,
	OPT_TXN_ID, OPT_TXN_RECORDS, OPT_RATE, OPT_MAX, OPT_TIMEOUT,
	OPT_PPROP, OPT_PCONFIG, OPT_TEE, OPT_DRY_RUN, OPT_PCOUNT, OPT_PROPERTY,
	OPT_RPROPERTY, OPT_RCONFIG, OPT_KEYSEP, OPT_DELIM, OPT_KEY, OPT_HEADER,
	OPT_NULL_EMPTY, OPT_FORMAT, OPT_STOP_ON_ERROR, OPT_STOP_TIMEOUT,
	OPT_REGISTRY, OPT_KEY_SCHEMA, OPT_VALUE_SCHEMA, OPT_KEY_SCHEMA_ID,
	OPT_VALUE_SCHEMA_ID, OPT_SUBJECT_STRATEGY,
	OPT_IGNORE_PARTITION, OPT_IGNORE_TIMESTAMP, OPT_JSON,
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
	 "Stop after reading N records (N >= 1; no -c: no limit).", NULL, 0},
	{OPT_TIMEOUT, 0, "delivery-timeout-ms", KTK_ARG_INT, "MS",
	 "Give up delivering a record after MS milliseconds "
	 "(delivery.timeout.ms, default 300000). Its old name, timeout-ms, "
	 "which is the consumer's idle exit, is taken with a note.",
	 NULL, 0},
	{OPT_STOP_TIMEOUT, 0, "stop-timeout-ms", KTK_ARG_INT, "MS",
	 "After SIGINT or SIGTERM, wait at most MS milliseconds (default "
	 "5000) for the records in flight, then count them as failed.", NULL,
	 0},
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
	 KTK_LINE_READER_KEYS, KTK_OPT_REPEAT},
	{OPT_RPROPERTY, 0, "reader-property", KTK_ARG_KV, "KEY=VALUE",
	 "Same as --property (Kafka 4.2's name); repeatable.",
	 KTK_LINE_READER_KEYS, KTK_OPT_REPEAT},
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
	{OPT_JSON, 'J', "json", KTK_ARG_NONE, NULL,
	 "The same as --input-format json: read what ktk-consumer -J "
	 "writes.", NULL, 0},
	{OPT_STOP_ON_ERROR, 0, "stop-on-error", KTK_ARG_NONE, NULL,
	 "Stop at the first record that cannot be parsed or sent.", NULL, 0},
	{OPT_REGISTRY, 'r', "schema-registry", KTK_ARG_STR, "URL[,URL]",
	 "The schema registry (Confluent's API; the first URL that answers); "
	 "or schema.registry.url in a properties or config file.", NULL, 0},
	{OPT_VALUE_SCHEMA, 0, "value-schema", KTK_ARG_STR, "SCHEMA",
	 "Write each value, a JSON document, in the schema registry's wire "
	 "format: SCHEMA latest is the latest schema of the subject, else the "
	 "Avro "
	 "(.avsc) or JSON Schema (.json) FILE, registered under the subject "
	 "if it is not there. See SCHEMA REGISTRY.", NULL, 0},
	{OPT_VALUE_SCHEMA_ID, 0, "value-schema-id", KTK_ARG_INT, "ID",
	 "The same with the registry's schema ID.", NULL, 0},
	{OPT_KEY_SCHEMA, 0, "key-schema", KTK_ARG_STR, "SCHEMA",
	 "As --value-schema, for keys.", NULL, 0},
	{OPT_KEY_SCHEMA_ID, 0, "key-schema-id", KTK_ARG_INT, "ID",
	 "As --value-schema-id, for keys.", NULL, 0},
	{OPT_SUBJECT_STRATEGY, 0, "subject-name-strategy", KTK_ARG_ENUM,
	 "STRATEGY", "The subject of a schema: topic (TOPIC-value, "
	 "TOPIC-key; the default), record (the record's full name) or "
	 "topic-record (TOPIC-NAME).", "topic,record,topic-record", 0},
	{OPT_IGNORE_PARTITION, 0, "ignore-partition", KTK_ARG_NONE, NULL,
	 "Drop the partition a JSON record names and let the partitioner "
	 "choose (a copy into a topic with other partitions).", NULL, 0},
	{OPT_IGNORE_TIMESTAMP, 0, "ignore-timestamp", KTK_ARG_NONE, NULL,
	 "Drop the timestamp a JSON record names: records are stamped now "
	 "(a copy that time-based retention keeps).", NULL, 0},
	/* kcat's flags that mean something else here (kcat.h) */
	KTK_KCAT_FLAGS_COMMON,
	KTK_KCAT_FLAG("G", 'G', KTK_ARG_STR),
	KTK_KCAT_FLAG("s", 's', KTK_ARG_STR),
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
	ktk_client_conf_list,
	1,
};

#define MAX_HEADERS 64

struct ctx {
	struct ktk_producer_opts o;
	const char *registry;         /* -r */
	struct ktk_serializer_opts ser; /* --key-schema, --value-schema... */
	const char *pconfig, *rconfig;
	struct ktk_input_flags in; /* -K -D -k -H -Z --input-format */
	int used_property, used_rproperty, format_set;
	struct ktk_conf props;  /* producer properties from our flags */
	struct ktk_conf reader; /* reader properties */
	char *headers[MAX_HEADERS];
	int nheaders;
};

/* the options that only store their value */
static const struct ktk_opt_store stores[] = {
	KTK_OPT_STORE_TEXT(OPT_PCONFIG, struct ctx, pconfig),
	KTK_OPT_STORE_TEXT(OPT_RCONFIG, struct ctx, rconfig),
	KTK_OPT_STORE_TEXT(OPT_KEYSEP, struct ctx, in.keysep),
	KTK_OPT_STORE_TEXT(OPT_DELIM, struct ctx, in.delim),
	KTK_OPT_STORE_TEXT(OPT_KEY, struct ctx, in.key),
	KTK_OPT_STORE_FLAG(OPT_NULL_EMPTY, struct ctx, in.null_empty),
	KTK_OPT_STORE_TEXT(OPT_REGISTRY, struct ctx, registry),
	KTK_OPT_STORE_TEXT(OPT_SUBJECT_STRATEGY, struct ctx, ser.strategy),
	KTK_OPT_STORE_FLAG(OPT_IGNORE_PARTITION, struct ctx, in.ignore_partition),
	KTK_OPT_STORE_FLAG(OPT_IGNORE_TIMESTAMP, struct ctx, in.ignore_timestamp),
	{0, 0, 0},
};

static volatile sig_atomic_t stop_flag, hard_stop;

static void on_signal(int sig)
{
	static const char msg[] = "ktk-producer: second signal, exiting\n";

	(void)sig;
	if (stop_flag) {
		hard_stop = 1;
		if (write(2, msg, sizeof(msg) - 1) < 0)
			_exit(KTK_EXIT_FAIL);
		_exit(KTK_EXIT_FAIL);
	}
	stop_flag = 1;
}

static int on_opt(void *vc, int id, const char *arg, struct ktk_err *err)
{
	struct ctx *c = vc;
	int rc;

	/* the producer's own flags and the properties they set */
	rc = ktk_producer_opt(&c->o, &c->props, ktk_opt_name(opts, id), arg,
			      err);
	if (rc != 1)
		return rc;
	if (ktk_opt_store(stores, c, id, arg))
		return 0;
	switch (id) {
	case OPT_PPROP:
		return ktk_conf_set_kv(&c->props, arg, KTK_SRC_FLAG,
				       "--producer-property", err);
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
	case OPT_FORMAT:
	case OPT_JSON:
		if (id == OPT_JSON)
			arg = "json";
		if (c->format_set && c->in.format != (strcmp(arg, "json") == 0
							     ? KTK_IN_JSON
						      : strcmp(arg, "raw") == 0
							     ? KTK_IN_RAW
							     : KTK_IN_LINE))
			return ktk_opt_conflict(err, "-J", "--input-format");
		c->format_set = 1;
		c->in.format = strcmp(arg, "json") == 0  ? KTK_IN_JSON
			       : strcmp(arg, "raw") == 0 ? KTK_IN_RAW
							 : KTK_IN_LINE;
		return 0;
	case OPT_KEY_SCHEMA:
	case OPT_VALUE_SCHEMA:
		c->ser.schema[id == OPT_VALUE_SCHEMA] = arg;
		return 0;
	case OPT_KEY_SCHEMA_ID:
	case OPT_VALUE_SCHEMA_ID:
		return ktk_opt_i64(id == OPT_KEY_SCHEMA_ID ? "--key-schema-id"
							   : "--value-schema-id",
				   arg, 0, INT32_MAX,
				   &c->ser.id[id == OPT_VALUE_SCHEMA_ID], err);
	}
	if (id > KTK_KCAT_ID)
		return ktk_kcat_flag(KTK_KCAT_PRODUCER, id - KTK_KCAT_ID, arg,
				     err);
	return ktk_err_set(err, KTK_EXIT_SOFTWARE, "option %d", id);
}

/* Options that cannot go together, and what must come with what. */
static void check_usage(const struct ctx *c)
{
	struct ktk_err err = {0};

	if (ktk_producer_check(&c->o, &err) == -1 ||
	    ktk_input_check(&c->in, c->reader.n || c->rconfig, &err) == -1)
		ktk_die_err(&err);
}

/* transactional.id from -X, --producer-property or a properties file
 * (kcat's way to ask for a transaction) is --transactional-id: without
 * the transaction calls every record would fail */
static void txn_from_conf(struct ctx *c, const struct ktk_conf *client)
{
	const char *v = ktk_conf_get(client, "transactional.id");

	if (c->o.txn_id != NULL || v == NULL || *v == '\0')
		return;
	c->o.txn_id = v;
	check_usage(c);
}

int main(int argc, char **argv)
{
	struct ctx c = {.o = {.partition = -1, .stop_timeout_ms = -1,
			      .stop = &stop_flag, .hard_stop = &hard_stop,
			      .notice = ktk_warn_cb, .progress = ktk_stderr_cb},
		       .ser = {.id = {-1, -1}}};
	struct ktk_common common;
	struct ktk_err err = {0};
	struct ktk_input in;
	struct ktk_producer *p;
	struct ktk_serializer *ser;
	char dropped[512] = "", summary[1024];
	int first, status, out_errno;
	struct sigaction sa;

	ktk_stdfd_open(); /* first: no library descriptor may land on 0-2 */
	ktk_conf_init(&c.props);
	ktk_conf_init(&c.reader);
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
	ktk_conf_free(&c.props); /* merged: the defaults add none again */
	if (ktk_settings_resolve(&common, dropped, sizeof(dropped), &err) == -1)
		ktk_die_err(&err);
	txn_from_conf(&c, &common.client);
	ktk_common_notes(&common);
	ktk_producer_defaults(&common.client, &c.props, &c.o);
	if (common.conf_dump) /* -X dump */
		ktk_opt_dump_exit(&common, &common.client);
	if (dropped[0] && common.verbosity > 1)
		ktk_warn("ignoring Java-only properties: %s", dropped);

	/* the reader properties, then -K, -D, -k, -H and -Z */
	c.in.headers = c.headers;
	c.in.nheaders = (size_t)c.nheaders;
	if (ktk_input_init(&in, argv + first, argc - first, &err) == -1 ||
	    ktk_producer_input(&in, &c.in, &c.reader, c.rconfig, &c.o, &err) ==
		    -1)
		ktk_die_err(&err);
	/* with a schema, each record's JSON is encoded as the input hands it
	 * over (and the registry's properties leave the client's) */
	c.ser.topic = c.o.topic;
	ser = ktk_serializer_open(&common.client, c.registry, &c.ser, &in, &err);
	if (ser == NULL && err.code)
		ktk_die_err(&err);

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal; /* no SA_RESTART: reads are interrupted */
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);

	c.o.verbosity = common.verbosity;
	c.o.show_progress = common.verbosity >= 1 && isatty(2);
	c.o.out = stdout;
	p = ktk_producer_new(&common.client, &c.o, &in, &err);
	if (p == NULL || (status = ktk_producer_run(p, &err)) == -1)
		ktk_die_err(&err);
	if (ktk_producer_summary(p, summary, sizeof(summary)))
		ktk_warn("%s", summary);
	out_errno = ktk_producer_out_errno(p);
	ktk_producer_free(p);
	ktk_input_free(&in);
	ktk_serializer_close(ser);
	ktk_conf_free(&c.props);
	ktk_conf_free(&c.reader);
	ktk_common_free(&common);
	ktk_close_stdout_errno(out_errno); /* --tee's values lost: exit 1 */
	return status;
}
