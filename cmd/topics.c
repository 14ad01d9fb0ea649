/* SPDX-License-Identifier: Apache-2.0 */
/* ktk-topics -- list, describe, create, delete and alter topics like
 * kafka-topics, in kafka-topics' text layout or as JSON (-J). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/base/err.h"
#include "lib/base/number.h"
#include "lib/config/opt.h"
#include "lib/config/settings.h"
#include "lib/config/topic_spec.h"
#include "lib/kafka/client.h"
#include "lib/kafka/topics.h"

enum {
	A_LIST = 1, A_DESCRIBE = 2, A_CREATE = 4, A_DELETE = 8, A_ALTER = 16,
	A_BROKERS = 32, A_QUERY = 64,
};

enum {
	O_LIST = 1, O_DESCRIBE, O_CREATE, O_DELETE, O_ALTER, O_TOPIC,
	O_TOPIC_ID, O_PARTITIONS, O_RF, O_RA, O_CONFIG, O_DELETE_CONFIG,
	O_IF_EXISTS, O_IF_NOT_EXISTS, O_DRY_RUN, O_EXCLUDE_INTERNAL,
	O_UNDER_REPLICATED, O_UNAVAILABLE, O_UNDER_MIN_ISR, O_AT_MIN_ISR,
	O_WITH_OVERRIDES, O_OFFSETS, O_JSON, O_TIMEOUT, O_PAGE_SIZE,
	O_BROKERS, O_QUERY, O_COUNT
};

static const struct ktk_opt opts[] = {
	{O_LIST, 0, "list", KTK_ARG_NONE, NULL,
	 "Action: print the names of the cluster's topics, sorted.", NULL, 0},
	{O_DESCRIBE, 0, "describe", KTK_ARG_NONE, NULL,
	 "Action: describe topics in kafka-topics' layout.", NULL, 0},
	{O_CREATE, 0, "create", KTK_ARG_NONE, NULL,
	 "Action: create topics and wait until the metadata shows them.", NULL,
	 0},
	{O_DELETE, 0, "delete", KTK_ARG_NONE, NULL,
	 "Action: delete topics and wait until they are gone.", NULL, 0},
	{O_ALTER, 0, "alter", KTK_ARG_NONE, NULL,
	 "Action: add partitions or change configuration entries.", NULL, 0},
	{O_BROKERS, 0, "brokers", KTK_ARG_NONE, NULL,
	 "Action: print the cluster's brokers as kcat -L does: 'broker ID at "
	 "HOST:PORT', the controller marked.", NULL, 0},
	{O_QUERY, 'Q', "offsets-for-times", KTK_ARG_NONE, NULL,
	 "Action: as kcat -Q, with -t TOPIC[:PARTITION]:TIME, print each "
	 "partition's first offset at or after TIME (epoch ms or ISO-8601; "
	 "-1 the end, -2 the beginning).", NULL, 0},
	{O_TOPIC, 't', "topic", KTK_ARG_TOPIC, "TOPIC",
	 "A regular expression or comma-separated list matched against whole "
	 "names; with --create, names (comma-separated or repeated); with -Q, "
	 "TOPIC[:PARTITION]:TIME.",
	 NULL, KTK_OPT_REPEAT},
	{O_TOPIC_ID, 0, "topic-id", KTK_ARG_STR, "ID",
	 "Describe the topic with this id (needs librdkafka 2.3 or later).",
	 NULL, 0},
	{O_PARTITIONS, 0, "partitions", KTK_ARG_INT, "N",
	 "Partitions of new topics; with --alter, the new total.", NULL, 0},
	{O_RF, 0, "replication-factor", KTK_ARG_INT, "N",
	 "Replicas of each partition of new topics (1..32767).", NULL, 0},
	{O_RA, 0, "replica-assignment", KTK_ARG_STR, "B1:B2,B1:B2,...",
	 "Broker ids of each partition's replicas, partitions separated by "
	 "','; with --alter, the entries past the current partitions are "
	 "used.",
	 NULL, 0},
	{O_CONFIG, 0, "config", KTK_ARG_KV, "NAME=VALUE",
	 "A topic configuration entry for --create or --alter; repeatable.",
	 NULL, KTK_OPT_REPEAT},
	{O_DELETE_CONFIG, 0, "delete-config", KTK_ARG_STR, "NAME",
	 "With --alter: remove a configuration entry; repeatable.", NULL,
	 KTK_OPT_REPEAT},
	{O_IF_EXISTS, 0, "if-exists", KTK_ARG_NONE, NULL,
	 "With --alter, --delete, --describe: no error when no topic "
	 "matches.",
	 NULL, 0},
	{O_IF_NOT_EXISTS, 0, "if-not-exists", KTK_ARG_NONE, NULL,
	 "With --create: no error when the topic exists.", NULL, 0},
	{O_DRY_RUN, 0, "dry-run", KTK_ARG_NONE, NULL,
	 "With --create or --alter: let the broker validate, change nothing.",
	 NULL, 0},
	{O_EXCLUDE_INTERNAL, 0, "exclude-internal", KTK_ARG_NONE, NULL,
	 "With --list or --describe: leave out internal topics.", NULL, 0},
	{O_UNDER_REPLICATED, 0, "under-replicated-partitions", KTK_ARG_NONE,
	 NULL, "With --describe: only partitions whose ISR is smaller than "
	 "the replication factor.", NULL, 0},
	{O_UNAVAILABLE, 0, "unavailable-partitions", KTK_ARG_NONE, NULL,
	 "With --describe: only partitions without a live leader.", NULL, 0},
	{O_UNDER_MIN_ISR, 0, "under-min-isr-partitions", KTK_ARG_NONE, NULL,
	 "With --describe: only partitions whose ISR is below "
	 "min.insync.replicas.", NULL, 0},
	{O_AT_MIN_ISR, 0, "at-min-isr-partitions", KTK_ARG_NONE, NULL,
	 "With --describe: only partitions whose ISR is at "
	 "min.insync.replicas.", NULL, 0},
	{O_WITH_OVERRIDES, 0, "topics-with-overrides", KTK_ARG_NONE, NULL,
	 "With --describe: only topics with configuration overrides, no "
	 "partitions.", NULL, 0},
	{O_OFFSETS, 0, "offsets", KTK_ARG_NONE, NULL,
	 "With --describe: add each partition's low and high watermark and "
	 "record count.", NULL, 0},
	{O_JSON, 'J', "json", KTK_ARG_NONE, NULL,
	 "Print JSON (schema in ktk-topics(1)) instead of text.", NULL, 0},
	{O_TIMEOUT, 0, "timeout-ms", KTK_ARG_INT, "MS",
	 "Wait at most MS per step (default 5000 for --list and --brokers, "
	 "30000 otherwise).", NULL, 0},
	{O_PAGE_SIZE, 0, "partition-size-limit-per-response", KTK_ARG_INT, "N",
	 "Accepted for kafka-topics compatibility; has no effect.", NULL, 0},
	KTK_OPTS_BROKER_CONN,
	KTK_OPT_CONFIG_FILE("ktk-config"),
	KTK_OPTS_BROKER_REST,
	KTK_OPTS_BASE,
};

static const struct ktk_cmd_desc desc = {
	"ktk-topics",
	"list, describe, create, delete and alter Kafka topics",
	"--list|--describe|--create|--delete|--alter [OPTION]...",
	opts,
	ktk_client_version,
	"",
	ktk_client_conf_list,
	1,
};

/* which actions each option goes with (0: any) */
static const unsigned allowed[O_COUNT] = {
	[O_TOPIC] = A_LIST | A_DESCRIBE | A_CREATE | A_DELETE | A_ALTER | A_QUERY,
	[O_TOPIC_ID] = A_DESCRIBE,
	[O_PARTITIONS] = A_CREATE | A_ALTER,
	[O_RF] = A_CREATE,
	[O_RA] = A_CREATE | A_ALTER,
	[O_CONFIG] = A_CREATE | A_ALTER,
	[O_DELETE_CONFIG] = A_ALTER,
	[O_IF_EXISTS] = A_ALTER | A_DELETE | A_DESCRIBE,
	[O_IF_NOT_EXISTS] = A_CREATE,
	[O_DRY_RUN] = A_CREATE | A_ALTER,
	[O_EXCLUDE_INTERNAL] = A_LIST | A_DESCRIBE,
	[O_UNDER_REPLICATED] = A_DESCRIBE,
	[O_UNAVAILABLE] = A_DESCRIBE,
	[O_UNDER_MIN_ISR] = A_DESCRIBE,
	[O_AT_MIN_ISR] = A_DESCRIBE,
	[O_WITH_OVERRIDES] = A_DESCRIBE,
	[O_OFFSETS] = A_DESCRIBE,
};

struct ctx {
	unsigned action, reports;
	int nactions, seen[O_COUNT];
	char *topic_arg; /* --topic values joined with ',' */
	const char *topic_id, *ra_arg;
	int32_t partitions, rf, timeout_ms;
	char **cfg_names, **cfg_values, **del_names;
	size_t cfg_cnt, del_cnt;
	int json;
};

static int push(char ***v, size_t *n, char *s)
{
	char **nv = realloc(*v, (*n + 1) * sizeof(char *));

	if (nv == NULL)
		return -1;
	*v = nv;
	nv[(*n)++] = s;
	return 0;
}

static int on_opt(void *vc, int id, const char *arg, struct ktk_err *err)
{
	static const unsigned act[O_COUNT] = {
		[O_LIST] = A_LIST, [O_DESCRIBE] = A_DESCRIBE,
		[O_CREATE] = A_CREATE, [O_DELETE] = A_DELETE,
		[O_ALTER] = A_ALTER, [O_BROKERS] = A_BROKERS,
		[O_QUERY] = A_QUERY,
	};
	struct ctx *c = vc;
	const char *why;
	char *n, *v;

	c->seen[id]++;
	switch (id) {
	case O_LIST: case O_DESCRIBE: case O_CREATE: case O_DELETE:
	case O_ALTER: case O_BROKERS: case O_QUERY:
		if (!(c->action & act[id]))
			c->nactions++;
		c->action |= act[id];
		return 0;
	case O_TOPIC: {
		size_t l = c->topic_arg ? strlen(c->topic_arg) : 0;
		char *t = realloc(c->topic_arg, l + strlen(arg) + 2);

		if (t == NULL)
			return ktk_err_set(err, KTK_EXIT_SOFTWARE, "out of memory");
		sprintf(t + l, "%s%s", l ? "," : "", arg);
		c->topic_arg = t;
		return 0;
	}
	case O_TOPIC_ID: c->topic_id = arg; return 0;
	case O_RA: c->ra_arg = arg; return 0;
	case O_PARTITIONS:
		if (ktk_number_parse_i32(arg, INT32_MIN, INT32_MAX, &c->partitions,
				  &why) == -1)
			return ktk_opt_i64("--partitions", arg, INT32_MIN, INT32_MAX, &(int64_t){0}, err);
		if (c->partitions < 1)
			return ktk_err_set(err, KTK_EXIT_USAGE,
					   "--partitions: the partitions must be "
					   "greater than 0, got %s", arg);
		return 0;
	case O_RF:
		if (ktk_number_parse_i32(arg, 1, 32767, &c->rf, &why) == -1)
			return ktk_err_set(err, KTK_EXIT_USAGE,
					   "--replication-factor: '%s': must be "
					   "between 1 and 32767 inclusive",
					   arg);
		return 0;
	case O_TIMEOUT:
		if (ktk_number_parse_i32(arg, 1, 3600000, &c->timeout_ms, &why) == -1)
			return ktk_opt_i32("--timeout-ms", arg, 1, 3600000, &c->timeout_ms, err);
		return 0;
	case O_PAGE_SIZE: {
		int32_t x;

		if (ktk_number_parse_i32(arg, 1, INT32_MAX, &x, &why) == -1)
			return ktk_opt_i32("--partition-size-limit-per-response", arg, 1, INT32_MAX, &x, err);
		return 0;
	}
	case O_CONFIG:
		if (ktk_topic_spec_config_kv_parse(arg, &n, &v, err) == -1)
			return -1;
		if (push(&c->cfg_names, &c->cfg_cnt, n) ||
		    (c->cfg_cnt--, push(&c->cfg_values, &c->cfg_cnt, v)))
			return ktk_err_set(err, KTK_EXIT_SOFTWARE, "out of memory");
		return 0;
	case O_DELETE_CONFIG:
		if (*arg == '\0')
			return ktk_err_set(err, KTK_EXIT_USAGE,
					   "--delete-config: empty name");
		if ((n = strdup(arg)) == NULL ||
		    push(&c->del_names, &c->del_cnt, n))
			return ktk_err_set(err, KTK_EXIT_SOFTWARE, "out of memory");
		return 0;
	case O_JSON: c->json = 1; return 0;
	case O_UNDER_REPLICATED: c->reports |= KTK_TREPORT_UNDER_REPLICATED; return 0;
	case O_UNAVAILABLE: c->reports |= KTK_TREPORT_UNAVAILABLE; return 0;
	case O_UNDER_MIN_ISR: c->reports |= KTK_TREPORT_UNDER_MIN_ISR; return 0;
	case O_AT_MIN_ISR: c->reports |= KTK_TREPORT_AT_MIN_ISR; return 0;
	case O_WITH_OVERRIDES: c->reports |= KTK_TREPORT_WITH_OVERRIDES; return 0;
	case O_IF_EXISTS: case O_IF_NOT_EXISTS: case O_DRY_RUN:
	case O_EXCLUDE_INTERNAL: case O_OFFSETS:
		return 0;
	}
	return ktk_err_set(err, KTK_EXIT_SOFTWARE, "option %d", id);
}

/* the option of each action (A_LIST is 1 << 0, ...) */
static const int action_ids[] = {O_LIST, O_DESCRIBE, O_CREATE, O_DELETE,
				 O_ALTER, O_BROKERS, O_QUERY};
#define N_ACTIONS (sizeof(action_ids) / sizeof(action_ids[0]))

static const char *action_name(unsigned a)
{
	return ktk_opt_action_name(opts, action_ids, N_ACTIONS, a);
}

/* the command line as a whole: one action and what goes with it */
static void check_usage(const struct ctx *c)
{
	struct ktk_err err = {0};

	if (c->nactions != 1)
		ktk_die(KTK_EXIT_USAGE, "command must include exactly one "
			"action: --list, --describe, --create, --alter or "
			"--delete");
	if (ktk_opt_check_action(opts, c->seen, allowed, O_COUNT, c->action,
				 action_ids, N_ACTIONS, &err) == -1)
		ktk_die_err(&err);
	if ((c->action & (A_CREATE | A_DELETE | A_ALTER | A_QUERY)) &&
	    !c->topic_arg)
		ktk_die(KTK_EXIT_USAGE, "--topic is required with --%s",
			action_name(c->action));
	if (c->topic_id && c->topic_arg)
		ktk_die(KTK_EXIT_USAGE, "--topic and --topic-id cannot be used together");
	if (c->action == A_CREATE && c->ra_arg && (c->seen[O_PARTITIONS] || c->seen[O_RF]))
		ktk_die(KTK_EXIT_USAGE, "--replica-assignment can't be used with "
			"--partitions or --replication-factor");
	if (c->action == A_ALTER && !c->seen[O_PARTITIONS] && !c->cfg_cnt &&
	    !c->del_cnt)
		ktk_die(KTK_EXIT_USAGE, "--alter needs --partitions, --config or "
			"--delete-config");
	if (c->action == A_ALTER && c->ra_arg && !c->seen[O_PARTITIONS])
		ktk_die(KTK_EXIT_USAGE, "--replica-assignment with --alter needs "
			"--partitions");
	if ((c->reports & KTK_TREPORT_WITH_OVERRIDES) &&
	    (c->reports & ~(unsigned)KTK_TREPORT_WITH_OVERRIDES))
		ktk_die(KTK_EXIT_USAGE, "--topics-with-overrides can't be used "
			"with the partition report options");
}

static void warn(void *ctx, const char *msg)
{
	(void)ctx;
	ktk_warn("%s", msg);
}

int main(int argc, char **argv)
{
	struct ctx c = {0};
	struct ktk_common common;
	struct ktk_err err = {0};
	struct ktk_admin a;
	struct ktk_topics_opts o;
	int first, rc;
	size_t i;

	ktk_stdfd_open(); /* first: no library descriptor may land on 0-2 */
	ktk_prog_set(desc.name);
	first = ktk_opt_main(&desc, argc, argv, &common, on_opt, &c);
	if (first < argc)
		ktk_die(KTK_EXIT_USAGE, "unexpected argument '%s'", argv[first]);
	check_usage(&c);
	if (!c.seen[O_TIMEOUT])
		c.timeout_ms = c.action & (A_LIST | A_BROKERS) ? 5000 : 30000;
	o = (struct ktk_topics_opts){
		.topic = c.topic_arg, .topic_id = c.topic_id, .ra = c.ra_arg,
		.partitions = c.seen[O_PARTITIONS] ? c.partitions : -1,
		.rf = c.seen[O_RF] ? c.rf : -1,
		.cfg_names = c.cfg_names, .cfg_values = c.cfg_values,
		.cfg_cnt = c.cfg_cnt, .del_names = c.del_names,
		.del_cnt = c.del_cnt, .reports = c.reports,
		.if_exists = c.seen[O_IF_EXISTS],
		.if_not_exists = c.seen[O_IF_NOT_EXISTS],
		.dry_run = c.seen[O_DRY_RUN],
		.exclude_internal = c.seen[O_EXCLUDE_INTERNAL],
		.offsets = c.seen[O_OFFSETS], .json = c.json,
		.verbosity = common.verbosity, .warn = warn,
	};
	rc = ktk_admin_start(&a, &common, c.timeout_ms, 0, &err);
	if (rc == -1)
		ktk_die_err(&err);
	if (rc == KTK_ADMIN_DUMP)
		ktk_opt_dump_exit(&common, &common.client);
	switch (c.action) {
	case A_LIST: rc = ktk_topics_list(&a, &o, stdout, &err); break;
	case A_DESCRIBE: rc = ktk_topics_describe(&a, &o, stdout, &err); break;
	case A_CREATE: rc = ktk_topics_create(&a, &o, stdout, &err); break;
	case A_DELETE: rc = ktk_topics_delete(&a, &o, stdout, &err); break;
	case A_BROKERS: rc = ktk_topics_brokers(&a, &o, stdout, &err); break;
	case A_QUERY:
		rc = ktk_topics_offsets_for_times(&a, &o, stdout, &err);
		break;
	default: rc = ktk_topics_alter(&a, &o, stdout, &err); break;
	}
	if (rc == -1)
		ktk_die_err(&err);
	ktk_close_stdout(); /* a reader that left (| head): quietly */
	ktk_admin_close(&a);
	for (i = 0; i < c.cfg_cnt; i++) {
		free(c.cfg_names[i]);
		free(c.cfg_values[i]);
	}
	for (i = 0; i < c.del_cnt; i++)
		free(c.del_names[i]);
	free(c.cfg_names);
	free(c.cfg_values);
	free(c.del_names);
	free(c.topic_arg);
	ktk_common_free(&common);
	return rc > 0 ? KTK_EXIT_FAIL : 0;
}
