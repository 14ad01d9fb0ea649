/* SPDX-License-Identifier: Apache-2.0 */
/* ktk-consumer -- read Kafka records to standard output: as Kafka's
 * console consumer prints them, as a kcat-style format string, or as JSON
 * lines that ktk-producer reads back. Options, glue and the exit summary;
 * the loop and the option checks are lib/kafka/consume.c, the choice of
 * output lib/output/formatter_setup.c, the -s step
 * lib/registry/deserializer.c. */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lib/base/clock.h"
#include "lib/base/err.h"
#include "lib/base/units.h"
#include "lib/kafka/client.h"
#include "lib/kafka/consume.h"
#include "lib/output/formatter_setup.h"
#include "lib/config/offset_spec.h"
#include "lib/config/kcat.h"
#include "lib/config/opt.h"
#include "lib/config/properties.h"
#include "lib/config/settings.h"
#include "lib/registry/deserializer.h"
#include "lib/config/topic_spec.h"

enum {
	OPT_TOPIC = 1, OPT_INCLUDE, OPT_PARTITION, OPT_GROUP, OPT_STRATEGY,
	OPT_FROM_BEGINNING, OPT_OFFSET, OPT_EXIT_AT_END, OPT_UNTIL,
	OPT_MAX_MESSAGES, OPT_TIMEOUT, OPT_ISOLATION, OPT_NO_COMMIT,
	OPT_PROPERTY, OPT_FORMATTER_PROPERTY, OPT_FORMATTER_CONFIG, OPT_FORMAT,
	OPT_JSON, OPT_UNBUFFERED, OPT_CONSUMER_PROPERTY, OPT_CONSUMER_CONFIG,
	OPT_DESERIALIZER, OPT_REGISTRY, OPT_AVRO_JSON, OPT_STOP_ON_ERROR,
	OPT_READER_SCHEMA, OPT_FETCHERS,
	OPT_KEY_DELIM, OPT_DELIM, OPT_NULL_WORD, OPT_KCAT_GROUP,
};

static const struct ktk_opt opts[] = {
	{OPT_TOPIC, 't', "topic", KTK_ARG_TOPIC, "TOPIC",
	 "Read TOPIC; repeatable.", NULL, KTK_OPT_REPEAT},
	{OPT_INCLUDE, 0, "include", KTK_ARG_STR, "REGEX",
	 "Read every topic whose whole name matches REGEX (POSIX extended; "
	 "librdkafka's syntax with --group; internal topics excluded).",
	 NULL, 0},
	{OPT_PARTITION, 'p', "partition", KTK_ARG_INT, "N",
	 "Read only partition N of the topics (assigned directly, no group); "
	 "repeatable; -1 (kcat's): every partition.", NULL, KTK_OPT_REPEAT},
	{OPT_GROUP, 'g', "group", KTK_ARG_GROUP, "GROUP",
	 "Consume as a member of consumer group GROUP: partitions are shared "
	 "with the other members, offsets are committed for records written "
	 "to standard output.", NULL, 0},
	{OPT_STRATEGY, 0, "partition-assignment-strategy", KTK_ARG_ENUM,
	 "STRATEGY", "How a group shares partitions (default "
	 "cooperative-sticky; range with librdkafka before 2.4, whose "
	 "cooperative rebalancing can abort or hang on close).",
	 "range,roundrobin,cooperative-sticky", 0},
	{OPT_FROM_BEGINNING, 0, "from-beginning", KTK_ARG_NONE, NULL,
	 "Start at the first record (a group: when it has no committed "
	 "offset).", NULL, 0},
	{OPT_OFFSET, 'o', "offset", KTK_ARG_STR, "OFFSET",
	 "Start at OFFSET in each partition: beginning, end, stored, N, -N "
	 "(N before the end), @TIMESTAMP (epoch ms or ISO-8601; kcat's "
	 "s@TIMESTAMP too) or @-DURATION (15m, 2h, 1d ago); kcat's e@TIMESTAMP "
	 "is --until @TIMESTAMP. Default: end, or the committed offset of a "
	 "group.", "beginning,end,stored,earliest,latest,@,@-,s@,e@",
	 KTK_OPT_REPEAT},
	{OPT_EXIT_AT_END, 'e', "exit-at-end", KTK_ARG_NONE, NULL,
	 "Exit when every partition reached the end it had at the start.",
	 NULL, 0},
	{OPT_UNTIL, 0, "until", KTK_ARG_STR, "OFFSET",
	 "Stop each partition before offset N, or before the first record at "
	 "or after @TIMESTAMP or @-DURATION.", "@,@-", 0},
	{OPT_MAX_MESSAGES, 'c', "max-messages", KTK_ARG_INT, "N",
	 "Exit after N records.", NULL, 0},
	{OPT_TIMEOUT, 0, "timeout-ms", KTK_ARG_INT, "MS",
	 "Exit (status 0) after MS milliseconds without a record (with a "
	 "group, counted from the group's first assignment: the join is not "
	 "idle time).", NULL, 0},
	{OPT_ISOLATION, 0, "isolation-level", KTK_ARG_ENUM, "LEVEL",
	 "read_committed hides records of open and aborted transactions "
	 "(default read_committed, as librdkafka).",
	 "read_committed,read_uncommitted", 0},
	{OPT_NO_COMMIT, 0, "no-commit", KTK_ARG_NONE, NULL,
	 "Do not commit offsets of the group.", NULL, 0},
	{OPT_PROPERTY, 0, "property", KTK_ARG_KV, "KEY=VALUE",
	 "A DefaultMessageFormatter property (print.key=true, "
	 "key.separator=..., see FORMATTER PROPERTIES); repeatable.",
	 KTK_DEFAULT_FORMATTER_KEYS, KTK_OPT_REPEAT},
	{OPT_FORMATTER_PROPERTY, 0, "formatter-property", KTK_ARG_KV,
	 "KEY=VALUE", "The same as --property (Kafka 4.2's name).",
	 KTK_DEFAULT_FORMATTER_KEYS, KTK_OPT_REPEAT},
	{OPT_FORMATTER_CONFIG, 0, "formatter-config", KTK_ARG_FILE, "FILE",
	 "Read formatter properties from a .properties FILE (--property "
	 "wins).", NULL, 0},
	{OPT_FORMAT, 'f', "format", KTK_ARG_STR, "FORMAT",
	 "Print each record as FORMAT, with kcat's tokens (%s %k %t %p %o "
	 "%T %h ...) and more (dates, hex, base64, JSON; see FORMAT TOKENS).",
	 NULL, 0},
	{OPT_JSON, 'J', "json", KTK_ARG_NONE, NULL,
	 "Print each record as one JSON object per line (binary as "
	 "{\"base64\":...}), which ktk-producer's JSON input reads back.",
	 NULL, 0},
	{OPT_UNBUFFERED, 'u', "unbuffered", KTK_ARG_NONE, NULL,
	 "Write each record at once; to a pipe, hand records over one at a "
	 "time, so a reader that stops early leaves the rest uncommitted.",
	 NULL, 0},
	{OPT_FETCHERS, 0, "fetchers", KTK_ARG_INT, "N",
	 "Fetch over N librdkafka clients, each with its own share of the "
	 "partitions and its own connections (1 to 8; default: one for each "
	 "CPU, at most 4, when reading many records, or an unknown number, "
	 "from a start before the end without a group; else 1). See "
	 "Fetching.", NULL, 0},
	{OPT_KEY_DELIM, 'K', "key-delimiter", KTK_ARG_STR, "SEP",
	 "Print each record's key, SEP, then its value (kcat's -K; "
	 "print.key=true key.separator=SEP); escapes \\t \\n \\r \\0 "
	 "\\xNN.", NULL, 0},
	{OPT_DELIM, 'D', "delimiter", KTK_ARG_STR, "SEP",
	 "End each record with SEP instead of a newline (kcat's -D; "
	 "line.separator=SEP); the same escapes.", NULL, 0},
	{OPT_NULL_WORD, 'Z', "print-null", KTK_ARG_NONE, NULL,
	 "Print NULL for a null key or value (kcat's -Z; "
	 "null.literal=NULL).", NULL, 0},
	{OPT_KCAT_GROUP, 'G', "kcat-group", KTK_ARG_GROUP, "GROUP",
	 "kcat's -G GROUP TOPIC...: --group GROUP, the topics as arguments "
	 "(one that starts with ^ is --include).", NULL, 0},
	{OPT_CONSUMER_PROPERTY, 0, "consumer-property", KTK_ARG_KV,
	 "KEY=VALUE", "The same as -X (Kafka's spelling); repeatable.", NULL,
	 KTK_OPT_REPEAT},
	{OPT_CONSUMER_CONFIG, 0, "consumer.config", KTK_ARG_FILE, "FILE",
	 "The same as --command-config (Kafka's spelling).", NULL, 0},
	{OPT_DESERIALIZER, 's', "deserializer", KTK_ARG_STR, "SPEC",
	 "Decode the values of schema-registry records to JSON (SPEC "
	 "FORMAT or value=FORMAT; key=FORMAT for keys): FORMAT avro, "
	 "json-schema or auto (by the registry's schema type; unframed "
	 "records as they are); repeatable. See SCHEMA REGISTRY.",
	 NULL, KTK_OPT_REPEAT},
	{OPT_REGISTRY, 'r', "schema-registry", KTK_ARG_STR, "URL[,URL]",
	 "The schema registry (Confluent's API; the first URL that answers); "
	 "or schema.registry.url in a properties or config file.", NULL, 0},
	{OPT_AVRO_JSON, 0, "avro-json", KTK_ARG_ENUM, "MAPPING",
	 "plain: unions unwrapped, decimals as exact strings (default); "
	 "avro: Avro's JSON encoding, unions as {\"TYPE\": value}.",
	 "plain,avro", 0},
	{OPT_READER_SCHEMA, 0, "reader-schema", KTK_ARG_FILE, "FILE",
	 "Schema evolution: show Avro values (key=FILE: keys) in the shape "
	 "of the reader schema in FILE (fields it adds take their defaults, "
	 "fields it drops are left out).", NULL, KTK_OPT_REPEAT},
	{OPT_STOP_ON_ERROR, 0, "stop-on-error", KTK_ARG_NONE, NULL,
	 "Stop at the first record that does not decode (by default it is "
	 "printed raw, reported, and the run goes on; exit status 1).", NULL, 0},
	/* kcat's flags that mean something else here (kcat.h) */
	KTK_KCAT_FLAGS_COMMON,
	KTK_KCAT_FLAG("O", 'O', KTK_ARG_NONE),
	KTK_OPTS_BROKER,
	KTK_OPTS_BASE,
};

static const struct ktk_cmd_desc desc = {
	"ktk-consumer",
	"read Kafka records to standard output as text, a format or JSON",
	"[OPTION]... -t TOPIC",
	opts,
	ktk_client_version,
	"",
	ktk_client_conf_list,
	1,
};

#define MAX_LIST 256

struct ctx {
	struct ktk_consume_opts o;
	struct ktk_common *common;
	struct ktk_conf dump; /* -X dump */
	const char *topics[MAX_LIST];
	int32_t partitions[MAX_LIST];
	const char *props[MAX_LIST]; /* formatter KEY=VALUE, in order */
	const char *consumer_config;
	int kcat_group; /* -G */
	struct ktk_formatter_setup out;
	struct ktk_deserializer deser;
	const char *registry;
};

/* the options that only store their value */
static const struct ktk_opt_store stores[] = {
	KTK_OPT_STORE_TEXT(OPT_INCLUDE, struct ctx, o.include),
	KTK_OPT_STORE_TEXT(OPT_STRATEGY, struct ctx, o.strategy),
	KTK_OPT_STORE_FLAG(OPT_FROM_BEGINNING, struct ctx, o.from_beginning),
	KTK_OPT_STORE_FLAG(OPT_EXIT_AT_END, struct ctx, o.exit_at_end),
	KTK_OPT_STORE_TEXT(OPT_ISOLATION, struct ctx, o.isolation),
	KTK_OPT_STORE_FLAG(OPT_NO_COMMIT, struct ctx, o.no_commit),
	KTK_OPT_STORE_TEXT(OPT_FORMATTER_CONFIG, struct ctx, out.config),
	KTK_OPT_STORE_TEXT(OPT_FORMAT, struct ctx, out.format),
	KTK_OPT_STORE_FLAG(OPT_JSON, struct ctx, out.json),
	KTK_OPT_STORE_FLAG(OPT_UNBUFFERED, struct ctx, o.unbuffered),
	KTK_OPT_STORE_TEXT(OPT_CONSUMER_CONFIG, struct ctx, consumer_config),
	KTK_OPT_STORE_TEXT(OPT_REGISTRY, struct ctx, registry),
	KTK_OPT_STORE_FLAG(OPT_STOP_ON_ERROR, struct ctx, deser.stop_on_error),
	KTK_OPT_STORE_TEXT(OPT_KEY_DELIM, struct ctx, out.key_delim),
	KTK_OPT_STORE_TEXT(OPT_DELIM, struct ctx, out.delim),
	KTK_OPT_STORE_FLAG(OPT_NULL_WORD, struct ctx, out.null_word),
	{0, 0, 0},
};

static volatile sig_atomic_t stop_flag;

static void on_signal(int sig)
{
	(void)sig;
	stop_flag = 1;
}

/* a repeatable option given MAX_LIST times already */
static int full(const char *flag, int n, struct ktk_err *err)
{
	if (n < MAX_LIST)
		return 0;
	return ktk_err_set(err, KTK_EXIT_USAGE, "%s: at most %d", flag,
			   MAX_LIST);
}

static int on_opt(void *vc, int id, const char *arg, struct ktk_err *err)
{
	struct ctx *c = vc;
	int64_t v;

	if (ktk_opt_store(stores, c, id, arg))
		return 0;
	switch (id) {
	case OPT_TOPIC:
		if (full("--topic", c->o.ntopics, err) ||
		    ktk_topic_spec_literal_check(arg, KTK_TOPIC_SPEC_MANY,
						 err) == -1)
			return -1;
		c->topics[c->o.ntopics++] = arg;
		return 0;
	case OPT_PARTITION:
		if (full("--partition", c->o.npartitions, err) ||
		    ktk_opt_i64("--partition", arg, -1, INT32_MAX, &v, err) == -1)
			return -1;
		if (v == -1) /* kcat: every partition */
			return 0;
		c->partitions[c->o.npartitions++] = (int32_t)v;
		return 0;
	case OPT_GROUP:
		if (*arg == '\0')
			return ktk_err_set(err, KTK_EXIT_USAGE,
					   "--group: empty group name");
		c->o.group = arg;
		return 0;
	case OPT_OFFSET:
		if (ktk_offset_spec_is_stop(arg)) { /* kcat's -o e@TS */
			c->o.has_until = 1;
			return ktk_offset_spec_parse_until(
				"--offset", arg + 1, ktk_clock_wall_ms(), &c->o.until,
				err);
		}
		c->o.has_start = 1;
		return ktk_offset_spec_parse("--offset", arg, ktk_clock_wall_ms(), &c->o.start,
					 err);
	case OPT_UNTIL:
		c->o.has_until = 1;
		return ktk_offset_spec_parse_until("--until", arg, ktk_clock_wall_ms(),
					       &c->o.until, err);
	case OPT_MAX_MESSAGES:
		return ktk_opt_i64("--max-messages", arg, 0, INT64_MAX,
			   &c->o.max_messages, err);
	case OPT_TIMEOUT:
		return ktk_opt_i64("--timeout-ms", arg, 0, INT64_MAX, &c->o.timeout_ms,
			   err);
	case OPT_FETCHERS:
		if (ktk_opt_i64("--fetchers", arg, 1, 8, &v, err) == -1)
			return -1;
		c->o.fetchers = (int)v;
		return 0;
	case OPT_PROPERTY:
	case OPT_FORMATTER_PROPERTY:
		if (full("--property", c->out.nprops, err))
			return -1;
		if (strchr(arg, '=') == NULL || arg[0] == '=')
			return ktk_err_set(err, KTK_EXIT_USAGE,
					   "--property '%s': expected "
					   "KEY=VALUE",
					   arg);
		c->props[c->out.nprops++] = arg;
		return 0;
	case OPT_CONSUMER_PROPERTY:
		return ktk_conf_set_kv(&c->common->client, arg, KTK_SRC_FLAG,
				       "--consumer-property", err);
	case OPT_DESERIALIZER:
		return ktk_deserializer_parse(&c->deser, arg, err);
	case OPT_AVRO_JSON:
		c->deser.mode = strcmp(arg, "avro") == 0 ? KTK_AVRO_JSON
							 : KTK_AVRO_PLAIN;
		return 0;
	case OPT_READER_SCHEMA:
		return ktk_deserializer_reader(&c->deser, arg, err);
	case OPT_KCAT_GROUP:
		c->kcat_group = 1;
		return on_opt(vc, OPT_GROUP, arg, err);
	}
	if (id > KTK_KCAT_ID)
		return ktk_kcat_flag(KTK_KCAT_CONSUMER, id - KTK_KCAT_ID, arg, err);
	return ktk_err_set(err, KTK_EXIT_SOFTWARE, "option %d", id);
}

/* group.id from the client properties (ktk_consume_group_from_conf()) */
static void group_from_conf(struct ctx *c, const struct ktk_common *common)
{
	const struct ktk_conf_ent *e;
	enum ktk_consume_group_conf g =
		ktk_consume_group_from_conf(&c->o, &common->client, &e);

	if (g == KTK_CONSUME_GROUP_UNUSED && common->verbosity >= 1)
		ktk_warn("group.id %s (from %s) not used: --partition reads "
			 "without a group; drop --partition to join it",
			 e->val, e->origin);
	else if (g == KTK_CONSUME_GROUP_JOINED && common->verbosity >= 2)
		ktk_warn("group %s (group.id from %s)", e->val, e->origin);
}

int main(int argc, char **argv)
{
	static struct ctx c;
	struct ktk_common common;
	struct ktk_err err = {0};
	struct ktk_consume *k;
	struct ktk_sink out;
	struct ktk_registry_opts ro;
	struct sigaction sa;
	char dropped[512] = "";
	int first, rc;

	ktk_stdfd_open(); /* first: no library descriptor may land on 0-2 */
	ktk_prog_set(desc.name);
	c.o.max_messages = -1;
	c.o.timeout_ms = -1;
	c.o.topics = c.topics;
	c.o.partitions = c.partitions;
	c.common = &common;
	if (ktk_formatter_setup_init(&c.out, &err) == -1)
		ktk_die_err(&err);
	c.out.props = c.props;
	first = ktk_opt_main(&desc, argc, argv, &common, on_opt, &c);
	for (; first < argc && c.kcat_group; first++) /* a name or ^REGEX */
		if ((argv[first][0] == '^'
			     ? ktk_consume_kcat_include(&c.o, argv[first], &err)
			     : on_opt(&c, OPT_TOPIC, argv[first], &err)) == -1)
			ktk_die_err(&err);
	if (first < argc)
		ktk_die(KTK_EXIT_USAGE, "unexpected argument '%s'%s",
			argv[first],
			c.o.group != NULL ? " (topics after -G only, as kcat)"
					  : "");
	if (ktk_consume_check(&c.o, &err) == -1 ||
	    ktk_formatter_setup_check(&c.out, &err) == -1 ||
	    (c.out.config != NULL &&
	     ktk_properties_load(c.out.config, 0, ktk_formatter_setup_prop,
				 &c.out, &err) == -1) ||
	    ktk_formatter_setup_open(&c.out, &err) == -1)
		ktk_die_err(&err);
	c.o.format = c.out.write;
	c.o.format_ctx = c.out.write_ctx;
	c.o.need_headers = c.out.need_headers;
	if (c.consumer_config != NULL) {
		if (common.command_config != NULL &&
		    ktk_opt_conflict(&err, "--consumer.config",
				     "--command-config") == -1)
			ktk_die_err(&err);
		common.command_config = c.consumer_config;
	}
	if (ktk_settings_resolve(&common, dropped, sizeof(dropped), &err) == -1)
		ktk_die_err(&err);
	ktk_common_notes(&common);
	if (*dropped && common.verbosity >= 2)
		ktk_warn("ignored Java-only properties: %s", dropped);
	group_from_conf(&c, &common);
	if (ktk_consume_check_group(&c.o, &err) == -1)
		ktk_die_err(&err);
	if (common.conf_dump) /* -X dump, with the consumer's own settings */
		ktk_consume_conf(&common.client, &c.o, &c.dump, &err) == -1
			? ktk_die_err(&err)
			: ktk_opt_dump_exit(&common, &c.dump);
	c.o.verbosity = common.verbosity;
	c.o.notice = ktk_warn_cb;
	c.deser.on_error = ktk_warn_cb;
	c.deser.stop = &stop_flag;
	if (ktk_deserializer_setup(&c.deser, &common.client, c.registry, &ro,
				   c.out.json, &c.o.format, &c.o.format_ctx,
				   &c.o.need_headers, &err) == -1)
		ktk_die_err(&err);

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal; /* no SA_RESTART: a blocked write ends */
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);

	ktk_sink_init(&out, STDOUT_FILENO, 2 << 20, &stop_flag);
	k = ktk_consume_new(&common.client, &c.o, &out, &stop_flag, &err);
	if (k == NULL)
		ktk_die_err(&err);
	/* kcat -C -e starts at the beginning, this (as Kafka's) at the end
	 * (said once the topics are found) */
	if (c.o.exit_at_end && !c.o.has_start && !c.o.from_beginning &&
	    c.o.group == NULL && common.verbosity >= 1)
		ktk_warn("-e with no --offset starts at the end, so it reads "
			 "nothing already there (kcat starts at the "
			 "beginning: add -o beginning)");
	rc = ktk_consume_run(k, &err);
	if (common.verbosity >= 2) {
		struct ktk_buffer b;

		ktk_buffer_init(&b, 0);
		ktk_consume_summary(k, desc.name, &b);
		fwrite(b.p, 1, b.len, stderr);
		ktk_buffer_free(&b);
	}
	ktk_consume_free(k);
	ktk_sink_free(&out);
	ktk_formatter_setup_free(&c.out);
	ktk_registry_free(c.deser.reg);
	ktk_registry_opts_free(&ro);
	ktk_common_free(&common);
	if (rc == -1)
		ktk_die_err(&err);
	ktk_deserializer_free(&c.deser); /* keeps the count */
	if (c.deser.errors == 0)
		return 0;
	ktk_warn("%llu %s not decode (printed as they are)",
		 (unsigned long long)c.deser.errors,
		 ktk_units_plural(c.deser.errors, "record did", "records did"));
	return KTK_EXIT_FAIL;
}
