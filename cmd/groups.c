/* SPDX-License-Identifier: Apache-2.0 */
/* ktk-groups -- list, describe, reset, delete consumer groups and their
 * offsets like kafka-consumer-groups, in its text layout or as JSON (-J),
 * with lag totals, a watch mode and honest exit statuses. */
#include <errno.h>
#include <regex.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include <jansson.h>

#include "lib/base/clock.h"
#include "lib/base/err.h"
#include "lib/base/number.h"
#include "lib/config/offset_spec.h"
#include "lib/config/opt.h"
#include "lib/config/settings.h"
#include "lib/groups/groups.h"
#include "lib/kafka/admin.h"
#include "lib/kafka/client.h"
#include "lib/kafka/group_ops.h"
#include "lib/kafka/groups.h"
#include "lib/output/group_description.h"

enum {
	A_LIST = 1, A_DESCRIBE = 2, A_DELETE = 4, A_RESET = 8,
	A_DELETE_OFFSETS = 16, A_VALIDATE_REGEX = 32,
};

enum {
	O_LIST = 1, O_DESCRIBE, O_DELETE, O_RESET, O_DELETE_OFFSETS, O_GROUP,
	O_ALL_GROUPS, O_TOPIC, O_ALL_TOPICS, O_STATE, O_TYPE, O_OFFSETS,
	O_MEMBERS, O_DRY_RUN, O_EXECUTE, O_EXPORT, O_TO_OFFSET, O_TO_EARLIEST,
	O_TO_LATEST, O_TO_CURRENT, O_SHIFT_BY, O_TO_DATETIME, O_BY_DURATION,
	O_FROM_FILE, O_TO_GROUP, O_TIMEOUT, O_JSON, O_SUMMARY, O_ONLY_LAG,
	O_FAIL_ON_LAG, O_WATCH, O_VALIDATE_REGEX,
	O_COUNT
};

static const struct ktk_opt opts[] = {
	{O_LIST, 0, "list", KTK_ARG_NONE, NULL,
	 "Action: list the consumer groups (with --state or --type, as a "
	 "table).", NULL, 0},
	{O_DESCRIBE, 0, "describe", KTK_ARG_NONE, NULL,
	 "Action: describe groups: their offsets and lag (default), "
	 "--members or --state; -v adds kafka-consumer-groups' --verbose "
	 "columns.", NULL, 0},
	{O_DELETE, 0, "delete", KTK_ARG_NONE, NULL,
	 "Action: delete groups (they must be empty).", NULL, 0},
	{O_RESET, 0, "reset-offsets", KTK_ARG_NONE, NULL,
	 "Action: plan new committed offsets for inactive groups (written "
	 "only with --execute); -v adds each partition's prior offset.",
	 NULL, 0},
	{O_DELETE_OFFSETS, 0, "delete-offsets", KTK_ARG_NONE, NULL,
	 "Action: delete a group's committed offsets of the --topic "
	 "partitions.", NULL, 0},
	{O_VALIDATE_REGEX, 0, "validate-regex", KTK_ARG_STR, "REGEX",
	 "Action: say whether REGEX is a valid regular expression (POSIX "
	 "extended here; Kafka's tool uses RE2J), with no broker.", NULL, 0},
	{O_GROUP, 'g', "group", KTK_ARG_GROUP, "GROUP",
	 "A consumer group; repeatable.", NULL, KTK_OPT_REPEAT},
	{O_ALL_GROUPS, 0, "all-groups", KTK_ARG_NONE, NULL,
	 "Every consumer group of the cluster.", NULL, 0},
	{O_TOPIC, 't', "topic", KTK_ARG_TOPIC, "TOPIC[:P,...]",
	 "With --reset-offsets or --delete-offsets: a topic, or some of its "
	 "partitions; repeatable.", NULL, KTK_OPT_REPEAT},
	{O_ALL_TOPICS, 0, "all-topics", KTK_ARG_NONE, NULL,
	 "With --reset-offsets: every partition the group has an offset for.",
	 NULL, 0},
	{O_STATE, 0, "state", KTK_ARG_NONE, NULL,
	 "With --describe: the state view. With --list: a STATE column, and "
	 "when followed by STATE,... only groups in those states.", NULL, 0},
	{O_TYPE, 0, "type", KTK_ARG_NONE, NULL,
	 "With --list: a TYPE column ('-': this librdkafka cannot tell "
	 "types).", NULL, 0},
	{O_OFFSETS, 0, "offsets", KTK_ARG_NONE, NULL,
	 "With --describe: the offsets view (the default).", NULL, 0},
	{O_MEMBERS, 0, "members", KTK_ARG_NONE, NULL,
	 "With --describe: the members view.", NULL, 0},
	{O_DRY_RUN, 0, "dry-run", KTK_ARG_NONE, NULL,
	 "With --reset-offsets: only show the plan (the default).", NULL, 0},
	{O_EXECUTE, 0, "execute", KTK_ARG_NONE, NULL,
	 "With --reset-offsets: commit the new offsets.", NULL, 0},
	{O_EXPORT, 0, "export", KTK_ARG_NONE, NULL,
	 "With --reset-offsets: print the plan as CSV (what --from-file "
	 "reads).", NULL, 0},
	{O_TO_OFFSET, 0, "to-offset", KTK_ARG_INT, "N",
	 "Reset to offset N (clamped to the log).", NULL, 0},
	{O_TO_EARLIEST, 0, "to-earliest", KTK_ARG_NONE, NULL,
	 "Reset to the log start.", NULL, 0},
	{O_TO_LATEST, 0, "to-latest", KTK_ARG_NONE, NULL,
	 "Reset to the log end.", NULL, 0},
	{O_TO_CURRENT, 0, "to-current", KTK_ARG_NONE, NULL,
	 "Reset to the committed offset (the log end where there is none).",
	 NULL, 0},
	{O_SHIFT_BY, 0, "shift-by", KTK_ARG_INT, "N",
	 "Move the committed offset by N (negative: back), clamped.", NULL, 0},
	{O_TO_DATETIME, 0, "to-datetime", KTK_ARG_STR, "DATETIME",
	 "Reset to the first record at or after yyyy-MM-ddTHH:mm:ss.SSS[zone] "
	 "(UTC without a zone), or @TIMESTAMP / @-DURATION as ktk-consumer "
	 "-o takes them.", NULL, 0},
	{O_BY_DURATION, 0, "by-duration", KTK_ARG_STR, "DURATION",
	 "Reset to the first record at or after now - DURATION (ISO-8601, "
	 "e.g. PT1H30M).", NULL, 0},
	{O_FROM_FILE, 0, "from-file", KTK_ARG_FILE, "FILE",
	 "Reset to the offsets of a CSV FILE (as --export writes it).", NULL,
	 0},
	{O_TO_GROUP, 0, "to-group", KTK_ARG_GROUP, "GROUP",
	 "Reset to the committed offsets of another GROUP.", NULL, 0},
	{O_TIMEOUT, 0, "timeout", KTK_ARG_INT, "MS",
	 "Wait at most MS for each request (default 30000).", NULL, 0},
	{O_JSON, 'J', "json", KTK_ARG_NONE, NULL,
	 "Print JSON (schema in ktk-groups(1)) instead of text.", NULL, 0},
	{O_SUMMARY, 0, "summary", KTK_ARG_NONE, NULL,
	 "With --describe: one line per group with its total and largest "
	 "lag; -v adds the lag per topic.", NULL, 0},
	{O_ONLY_LAG, 0, "only-with-lag", KTK_ARG_NONE, NULL,
	 "With --describe: only partitions (and groups) that lag.", NULL, 0},
	{O_FAIL_ON_LAG, 0, "fail-on-lag", KTK_ARG_INT, "N",
	 "With --describe: exit 2 when a partition lags by more than N.", NULL,
	 0},
	{O_WATCH, 0, "watch", KTK_ARG_INT, "SECONDS",
	 "With --describe: describe again every SECONDS; piped, one JSON "
	 "line per group each time.", NULL, 0},
	KTK_OPTS_BROKER,
	KTK_OPTS_BASE,
};

static const struct ktk_cmd_desc desc = {
	"ktk-groups",
	"list, describe, reset and delete Kafka consumer groups",
	"--list|--describe|--reset-offsets|--delete|--delete-offsets|"
	"--validate-regex REGEX [OPTION]...",
	opts,
	ktk_client_version,
	"",
};

/* which actions each option goes with (0: any) */
static const unsigned allowed[O_COUNT] = {
	[O_GROUP] = A_DESCRIBE | A_DELETE | A_RESET | A_DELETE_OFFSETS,
	[O_ALL_GROUPS] = A_DESCRIBE | A_DELETE | A_RESET,
	[O_TOPIC] = A_RESET | A_DELETE_OFFSETS,
	[O_ALL_TOPICS] = A_RESET,
	[O_STATE] = A_DESCRIBE | A_LIST,
	[O_TYPE] = A_LIST,
	[O_OFFSETS] = A_DESCRIBE,
	[O_MEMBERS] = A_DESCRIBE,
	[O_DRY_RUN] = A_RESET, [O_EXECUTE] = A_RESET, [O_EXPORT] = A_RESET,
	[O_TO_OFFSET] = A_RESET, [O_TO_EARLIEST] = A_RESET,
	[O_TO_LATEST] = A_RESET, [O_TO_CURRENT] = A_RESET,
	[O_SHIFT_BY] = A_RESET, [O_TO_DATETIME] = A_RESET,
	[O_BY_DURATION] = A_RESET, [O_FROM_FILE] = A_RESET,
	[O_TO_GROUP] = A_RESET,
	[O_SUMMARY] = A_DESCRIBE, [O_ONLY_LAG] = A_DESCRIBE,
	[O_FAIL_ON_LAG] = A_DESCRIBE, [O_WATCH] = A_DESCRIBE,
};

static const int specs[] = {
	O_TO_OFFSET, O_TO_EARLIEST, O_TO_LATEST, O_TO_CURRENT, O_SHIFT_BY,
	O_TO_DATETIME, O_BY_DURATION, O_FROM_FILE, O_TO_GROUP, 0
};

/* Kafka's consumer group states (GroupState.groupStatesForType(CONSUMER)) */
static const char *const states[] = {
	"PreparingRebalance", "CompletingRebalance", "Stable", "Dead",
	"Empty", "Assigning", "Reconciling", NULL
};

struct ctx {
	unsigned action;
	int nactions, seen[O_COUNT];
	char **groups, **topics;
	size_t group_cnt, topic_cnt;
	const char *state_arg, *type_arg; /* the values after --state/--type */
	struct ktk_reset_spec spec;
	const char *from_file, *to_group;
	int32_t timeout_ms;
	int64_t fail_on_lag;
	int32_t watch_s;
	int json, verbose;
	struct ktk_common *common; /* to open another handle (--watch) */
	const char *regex; /* --validate-regex */
};

static const char *opt_name(int id)
{
	const struct ktk_opt *o;

	for (o = opts; o->name; o++)
		if (o->id == id)
			return o->name;
	return "?";
}

static void push(char ***v, size_t *n, const char *s)
{
	char **nv = realloc(*v, (*n + 1) * sizeof(char *));

	if (nv == NULL || (nv[*n] = strdup(s)) == NULL)
		ktk_die(KTK_EXIT_SOFTWARE, "out of memory");
	*v = nv;
	(*n)++;
}

static int on_opt(void *vc, int id, const char *arg, struct ktk_err *err)
{
	static const unsigned act[] = {0, A_LIST, A_DESCRIBE, A_DELETE, A_RESET,
				       A_DELETE_OFFSETS};
	struct ctx *c = vc;
	const char *why;
	int64_t v;

	c->seen[id]++;
	switch (id) {
	case O_LIST: case O_DESCRIBE: case O_DELETE: case O_RESET:
	case O_DELETE_OFFSETS:
		if (!(c->action & act[id]))
			c->nactions++;
		c->action |= act[id];
		return 0;
	case O_VALIDATE_REGEX:
		if (!(c->action & A_VALIDATE_REGEX))
			c->nactions++;
		c->action |= A_VALIDATE_REGEX;
		c->regex = arg;
		return 0;
	case O_GROUP:
		if (*arg == '\0')
			return ktk_err_set(err, KTK_EXIT_USAGE, "--group: empty group id");
		push(&c->groups, &c->group_cnt, arg);
		return 0;
	case O_TOPIC:
		push(&c->topics, &c->topic_cnt, arg);
		return 0;
	case O_TO_OFFSET: case O_SHIFT_BY:
		if (ktk_number_parse_i64(arg, INT64_MIN, INT64_MAX, &v, &why))
			return ktk_err_set(err, KTK_EXIT_USAGE, "--%s: '%s' %s",
					   opt_name(id), arg, why);
		if (id == O_TO_OFFSET && v < 0)
			return ktk_err_set(err, KTK_EXIT_USAGE,
					   "--to-offset: '%s': an offset is >= 0",
					   arg);
		c->spec.kind = id == O_TO_OFFSET ? KTK_RESET_TO_OFFSET
						 : KTK_RESET_SHIFT_BY;
		c->spec.value = v;
		return 0;
	case O_TO_EARLIEST: c->spec.kind = KTK_RESET_TO_EARLIEST; return 0;
	case O_TO_LATEST: c->spec.kind = KTK_RESET_TO_LATEST; return 0;
	case O_TO_CURRENT: c->spec.kind = KTK_RESET_TO_CURRENT; return 0;
	case O_TO_DATETIME:
		c->spec.kind = KTK_RESET_TO_TIME;
		if (arg[0] == '@') {
			struct ktk_offset_spec os;

			if (ktk_offset_spec_parse("--to-datetime", arg,
						  (int64_t)time(NULL) * 1000, &os,
						  err))
				return -1;
			c->spec.value = os.value;
			return 0;
		}
		return ktk_reset_datetime_parse(arg, &c->spec.value, err);
	case O_BY_DURATION:
		c->spec.kind = KTK_RESET_TO_TIME;
		if (ktk_reset_duration_parse(arg, &v, err))
			return -1;
		{
			struct timespec ts;

			clock_gettime(CLOCK_REALTIME, &ts);
			c->spec.value = (int64_t)ts.tv_sec * 1000 +
					ts.tv_nsec / 1000000 - v;
		}
		return 0;
	case O_FROM_FILE:
		c->spec.kind = KTK_RESET_REQUESTED;
		c->from_file = arg;
		return 0;
	case O_TO_GROUP:
		c->spec.kind = KTK_RESET_REQUESTED;
		c->to_group = arg;
		return 0;
	case O_TIMEOUT:
		if (ktk_number_parse_i32(arg, 1, 3600000, &c->timeout_ms, &why))
			return ktk_err_set(err, KTK_EXIT_USAGE, "--timeout: '%s' %s",
					   arg, why);
		return 0;
	case O_FAIL_ON_LAG:
		if (ktk_number_parse_i64(arg, 0, INT64_MAX, &c->fail_on_lag, &why))
			return ktk_err_set(err, KTK_EXIT_USAGE,
					   "--fail-on-lag: '%s' %s", arg, why);
		return 0;
	case O_WATCH:
		if (ktk_number_parse_i32(arg, 1, 86400, &c->watch_s, &why))
			return ktk_err_set(err, KTK_EXIT_USAGE, "--watch: '%s' %s",
					   arg, why);
		return 0;
	case O_JSON: c->json = 1; return 0;
	default:
		return 0;
	}
}

/* --state and --type take an optional value in the next word, as jopt's
 * optional arguments do ("--state Stable,Empty", "--state=Stable"): take
 * it out of argv before getopt sees it. */
static void optional_values(struct ctx *c, int *argc, char **argv)
{
	int i, j;

	for (i = 1; i < *argc; i++) {
		const char **dst = NULL;
		size_t l;

		if (strcmp(argv[i], "--") == 0)
			break;
		if (strncmp(argv[i], "--state", 7) == 0)
			dst = &c->state_arg, l = 7;
		else if (strncmp(argv[i], "--type", 6) == 0)
			dst = &c->type_arg, l = 6;
		else
			continue;
		if (argv[i][l] == '=') {
			*dst = argv[i] + l + 1;
			argv[i][l] = '\0';
		} else if (argv[i][l] == '\0' && i + 1 < *argc &&
			   argv[i + 1][0] != '-') {
			*dst = argv[i + 1];
			for (j = i + 1; j + 1 < *argc; j++)
				argv[j] = argv[j + 1];
			(*argc)--;
		}
	}
}

static const char *action_name(unsigned a)
{
	return a == A_LIST ? "list" : a == A_DESCRIBE ? "describe"
	       : a == A_DELETE ? "delete" : a == A_RESET ? "reset-offsets"
	       : a == A_VALIDATE_REGEX ? "validate-regex" : "delete-offsets";
}

static int state_valid(const char *s, size_t len)
{
	int i;

	for (i = 0; states[i]; i++)
		if (strlen(states[i]) == len && strncasecmp(states[i], s, len) == 0)
			return 1;
	return 0;
}

/* whether @p state is in the --state list */
static int state_matches(const char *list, const char *state)
{
	const char *p = list;

	while (*p) {
		const char *e = strchr(p, ',');
		size_t l = e ? (size_t)(e - p) : strlen(p);

		while (l && *p == ' ')
			p++, l--;
		while (l && p[l - 1] == ' ')
			l--;
		if (strlen(state) == l && strncasecmp(state, p, l) == 0)
			return 1;
		if (e == NULL)
			break;
		p = e + 1;
	}
	return 0;
}

static void check_usage(struct ctx *c)
{
	int i, nspecs = 0, first = 0;

	if (c->nactions != 1)
		ktk_die(KTK_EXIT_USAGE, "Command must include exactly one action: "
			"--list, --describe, --delete, --reset-offsets, "
			"--delete-offsets, --validate-regex");
	for (i = 1; i < O_COUNT; i++)
		if (c->seen[i] && allowed[i] && !(allowed[i] & c->action))
			ktk_die(KTK_EXIT_USAGE, "--%s can't be used with --%s",
				opt_name(i), action_name(c->action));
	if (c->state_arg && c->action == A_DESCRIBE)
		ktk_die(KTK_EXIT_USAGE, "--describe does not take a value for "
			"--state");
	if (c->state_arg) {
		const char *p = c->state_arg;

		for (;;) {
			const char *e = strchr(p, ','), *s = p;
			size_t l = e ? (size_t)(e - p) : strlen(p);

			while (l && *s == ' ')
				s++, l--;
			while (l && s[l - 1] == ' ')
				l--;
			if (!state_valid(s, l))
				ktk_die(KTK_EXIT_USAGE, "--state: Invalid state "
					"list '%s'. Valid states are: "
					"PreparingRebalance, CompletingRebalance, "
					"Stable, Dead, Empty, Assigning, "
					"Reconciling", c->state_arg);
			if (e == NULL)
				break;
			p = e + 1;
		}
	}
	if (c->type_arg) {
		if (!state_matches("classic,consumer", c->type_arg) &&
		    strcasecmp(c->type_arg, "classic,consumer") &&
		    strcasecmp(c->type_arg, "consumer,classic"))
			ktk_die(KTK_EXIT_USAGE, "--type: Invalid types list '%s'. "
				"Valid types are: Classic, Consumer",
				c->type_arg);
		ktk_die(KTK_EXIT_USAGE, "--type %s: this librdkafka (%s) cannot "
			"tell group types (librdkafka 2.6 can); use --type "
			"without a value for the TYPE column", c->type_arg,
			rd_kafka_version_str());
	}
	if (c->seen[O_GROUP] && c->seen[O_ALL_GROUPS])
		ktk_die(KTK_EXIT_USAGE, "--group can't be used with --all-groups");
	for (i = 0; i < (int)c->topic_cnt; i++) {
		struct ktk_err err = {0};
		char *t;
		int32_t *p;
		size_t n;

		if (ktk_reset_topic_arg_parse(c->topics[i], &t, &p, &n, &err))
			ktk_die_err(&err);
		free(t);
		free(p);
	}
	if ((c->action & (A_DESCRIBE | A_DELETE | A_RESET)) &&
	    !c->seen[O_GROUP] && !c->seen[O_ALL_GROUPS])
		ktk_die(KTK_EXIT_USAGE, "--%s takes one of these options: "
			"--all-groups, --group", action_name(c->action));
	if (c->action == A_DESCRIBE &&
	    (c->seen[O_MEMBERS] != 0) + (c->seen[O_OFFSETS] != 0) +
	    (c->seen[O_STATE] != 0) > 1)
		ktk_die(KTK_EXIT_USAGE, "--describe takes at most one of these "
			"options: --members, --offsets, --state");
	if (c->action == A_DESCRIBE && c->seen[O_SUMMARY] &&
	    (c->seen[O_MEMBERS] || c->seen[O_STATE]))
		ktk_die(KTK_EXIT_USAGE, "--summary can't be used with --members "
			"or --state");
	if (c->action == A_DELETE_OFFSETS &&
	    (c->group_cnt != 1 || c->topic_cnt == 0))
		ktk_die(KTK_EXIT_USAGE, "--delete-offsets takes the following "
			"options: --group (once), --topic");
	if (c->action != A_RESET)
		return;
	if (c->seen[O_EXECUTE] && c->seen[O_DRY_RUN])
		ktk_die(KTK_EXIT_USAGE, "--reset-offsets only accepts one of "
			"--execute and --dry-run");
	for (i = 0; specs[i]; i++)
		if (c->seen[specs[i]]) {
			if (nspecs++ == 0)
				first = specs[i];
			else
				ktk_die(KTK_EXIT_USAGE, "--%s can't be used with "
					"--%s", opt_name(first),
					opt_name(specs[i]));
		}
	if (nspecs == 0)
		ktk_die(KTK_EXIT_USAGE, "--reset-offsets requires one of "
			"--to-offset, --to-earliest, --to-latest, --to-current, "
			"--shift-by, --to-datetime, --by-duration, --from-file, "
			"--to-group");
	if (!c->seen[O_ALL_TOPICS] && !c->seen[O_TOPIC] && !c->from_file &&
	    !c->to_group)
		ktk_die(KTK_EXIT_USAGE, "One of the reset scopes should be "
			"defined: --all-topics, --topic.");
	if (c->seen[O_ALL_TOPICS] && c->seen[O_TOPIC])
		ktk_die(KTK_EXIT_USAGE, "--all-topics can't be used with --topic");
}

static void json_out(json_t *j)
{
	json_dumpf(j, stdout, JSON_COMPACT | JSON_PRESERVE_ORDER);
	putchar('\n');
	json_decref(j);
}

/* the groups to work on: --group values (sorted, unique, as Kafka's
 * TreeMap) or every group of the cluster */
static size_t group_ids(struct ktk_group_ops *o, struct ctx *c, char ***ids,
			int sort)
{
	struct ktk_err err = {0};
	long n = ktk_group_ops_ids(o, c->groups, c->group_cnt,
				   c->seen[O_ALL_GROUPS], sort, ids, &err);

	if (n < 0)
		ktk_die_err(&err);
	return (size_t)n;
}

static int do_list(struct ktk_admin *a, struct ctx *c)
{
	struct ktk_group_listing *l;
	struct ktk_err err = {0}, partial = {0};
	long cnt;
	int cannot;
	size_t i, k = 0;

	if ((cnt = ktk_groups_list(a, &l, &cannot, &partial, &err)) < 0)
		ktk_die(err.code, "the cluster cannot list groups: %s", err.msg);
	if (cannot)
		ktk_die(partial.code, "the cluster cannot list groups (%s)",
			partial.msg);
	for (i = 0; i < (size_t)cnt; i++) {
		if (c->state_arg && !state_matches(c->state_arg, l[i].state)) {
			ktk_group_listing_free(&l[i]);
			continue;
		}
		free(l[i].type);
		l[i].type = strdup("-");
		l[k++] = l[i];
	}
	if (c->json) {
		json_t *o = json_object(), *arr = json_array();

		for (i = 0; i < k; i++)
			json_array_append_new(arr, ktk_group_listing_json(&l[i]));
		json_object_set_new(o, "groups", arr);
		json_out(o);
	} else {
		ktk_group_description_print_list(stdout, l, k, c->seen[O_TYPE],
						 c->seen[O_STATE]);
	}
	for (i = 0; i < k; i++)
		ktk_group_listing_free(&l[i]);
	free(l);
	if (partial.code)
		ktk_die_err(&partial);
	return 0;
}

static int is_rebalancing(const char *s)
{
	return !strcmp(s, "PreparingRebalance") ||
	       !strcmp(s, "CompletingRebalance") || !strcmp(s, "Assigning") ||
	       !strcmp(s, "Reconciling");
}

/* Kafka's per-group notes (shouldPrintMemberState): @returns 1 to print
 * the group's table, 0 not; *failed set for a group that does not exist */
static int group_note(const struct ctx *c, const struct ktk_group_description *g,
		      int *failed)
{
	if (g->error) {
		ktk_warn("group '%s': %s", g->group_id, g->error);
		*failed = 1;
		return 0;
	}
	if (g->offsets_only && !c->json)
		ktk_warn("group '%s' is %s but librdkafka %s cannot describe it "
			 "(a consumer-protocol group needs librdkafka 2.10): no "
			 "members shown", g->group_id, g->state,
			 rd_kafka_version_str());
	if (strcmp(g->state, "Dead") == 0) {
		if (g->row_cnt > 0 && !c->seen[O_MEMBERS] && !c->seen[O_STATE]) {
			/* a KIP-848 group, which DescribeGroups < v6 calls
			 * Dead: its committed offsets are still there */
			if (!c->json)
				ktk_warn("group '%s' has committed offsets but "
					 "no description (a consumer-protocol "
					 "group needs librdkafka 2.10 to be "
					 "described): offsets only",
					 g->group_id);
			return 1;
		}
		ktk_warn("Consumer group '%s' does not exist.", g->group_id);
		*failed = 1;
		return 0;
	}
	if (c->json)
		return 1;
	if (strcmp(g->state, "Empty") == 0)
		fprintf(stderr, "\nConsumer group '%s' has no active members.\n",
			g->group_id);
	else if (is_rebalancing(g->state))
		fprintf(stderr, "\nWarning: Consumer group '%s' is rebalancing.\n",
			g->group_id);
	return 1;
}

static int lag_over(const struct ktk_group_description *g, int64_t limit)
{
	size_t i;

	for (i = 0; i < g->row_cnt; i++)
		if (ktk_group_description_lag(&g->rows[i]) > limit)
			return 1;
	return 0;
}

static volatile sig_atomic_t stop;

static void on_signal(int sig)
{
	(void)sig;
	stop = 1;
}

static int64_t wall_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* the sum of the committed offsets of @p g's rows */
static int64_t committed_sum(const struct ktk_group_description *g)
{
	int64_t s = 0;
	size_t i;

	for (i = 0; i < g->row_cnt; i++)
		if (g->rows[i].committed >= 0)
			s += g->rows[i].committed;
	return s;
}

static int print_groups(struct ctx *c, struct ktk_group_description *g,
			size_t n, int *failed, int *lagging)
{
	json_t *arr = c->json ? json_array() : NULL;
	size_t i;

	if (c->seen[O_SUMMARY] && !c->json) {
		struct ktk_group_description *ok = calloc(n + 1, sizeof(*ok));
		size_t k = 0;

		for (i = 0; i < n; i++) {
			int f = 0;

			if (g[i].error || (!strcmp(g[i].state, "Dead") && !g[i].row_cnt))
				group_note(c, &g[i], &f);
			else
				ok[k++] = g[i];
			*failed |= f;
			if (c->seen[O_FAIL_ON_LAG] && lag_over(&g[i], c->fail_on_lag))
				*lagging = 1;
		}
		ktk_group_description_print_summary(stdout, ok, k,
						    c->seen[O_ONLY_LAG]);
		if (c->verbose) {
			putchar('\n');
			ktk_group_description_print_topics(stdout, ok, k);
		}
		free(ok);
		return 0;
	}
	for (i = 0; i < n; i++) {
		int show = group_note(c, &g[i], failed);

		if (c->seen[O_FAIL_ON_LAG] && lag_over(&g[i], c->fail_on_lag))
			*lagging = 1;
		if (arr) {
			if (c->seen[O_ONLY_LAG] &&
			    ktk_group_description_total_lag(&g[i], NULL) <= 0)
				continue;
			json_array_append_new(arr, ktk_group_description_json(
				&g[i], c->seen[O_ONLY_LAG]));
			continue;
		}
		if (c->seen[O_MEMBERS]) {
			if (show || !strcmp(g[i].state, "Dead"))
				ktk_group_description_print_members(
					stdout, &g[i], c->verbose,
					!show || g[i].member_cnt == 0);
		} else if (c->seen[O_STATE]) {
			if (show)
				ktk_group_description_print_state(stdout, &g[i],
								  c->verbose);
		} else if (show) {
			ktk_group_description_print_offsets(
				stdout, &g[i], c->verbose, c->seen[O_ONLY_LAG]);
		}
	}
	if (arr) {
		json_t *o = json_object();

		json_object_set_new(o, "groups", arr);
		json_out(o);
	}
	return 0;
}

/* one JSON line of --watch for @p g, against @p prev (NULL in the first
 * round), @p dt seconds earlier */
static void watch_line(const struct ktk_group_description *g, int64_t ts,
		       const struct ktk_group_description *prev, double dt)
{
	int64_t lag = ktk_group_description_total_lag(g, NULL);
	json_t *o = json_object();

	json_object_set_new(o, "ts", json_integer(ts));
	json_object_set_new(o, "group", json_string(g->group_id));
	json_object_set_new(o, "state", json_string(g->state));
	json_object_set_new(o, "total_lag", json_integer(lag));
	json_object_set_new(o, "lag_delta", prev == NULL ? json_null()
			    : json_integer(lag - ktk_group_description_total_lag(prev, NULL)));
	json_object_set_new(o, "rate", prev == NULL || dt <= 0 ? json_null()
			    : json_real((double)(committed_sum(g) - committed_sum(prev)) / dt));
	json_out(o);
}

static int do_describe(struct ktk_group_ops *o, struct ctx *c)
{
	struct ktk_admin *a = o->a;
	struct ktk_group_description *g, *pg, *t;
	struct ktk_err partial = {0}, err = {0};
	char **ids;
	size_t n = group_ids(o, c, &ids, 1), i;
	int failed = 0, lagging = 0, offsets = c->json || c->seen[O_SUMMARY] ||
					     (!c->seen[O_MEMBERS] && !c->seen[O_STATE]) ||
					     c->seen[O_FAIL_ON_LAG] || c->watch_s;
	int tty = isatty(STDOUT_FILENO), round = 0;
	double prev_t = 0;

	g = calloc(n + 1, sizeof(*g));
	pg = calloc(n + 1, sizeof(*pg)); /* the round before (--watch) */
	if (g == NULL || pg == NULL)
		ktk_die(KTK_EXIT_SOFTWARE, "out of memory");
	if (c->watch_s) {
		signal(SIGINT, on_signal);
		signal(SIGTERM, on_signal);
	}
	for (;;) {
		double now;

		if (ktk_group_ops_describe(o, ids, n, g, offsets, &partial, &err))
			ktk_die_err(&err);
		now = ktk_clock_s();
		if (c->watch_s && !tty) {
			for (i = 0; i < n; i++)
				watch_line(&g[i], wall_ms(), round ? &pg[i] : NULL,
					   now - prev_t);
		} else if (c->watch_s) {
			/* on a terminal: redraw, with per-partition deltas */
			fputs("\033[H\033[2J", stdout);
			for (i = 0; i < n; i++)
				ktk_group_description_print_watch(
					stdout, &g[i], round ? &pg[i] : NULL,
					now - prev_t);
		} else {
			print_groups(c, g, n, &failed, &lagging);
		}
		if (partial.code && round == 0)
			ktk_warn("%s", partial.msg);
		if (fflush(stdout) != 0)
			ktk_die(KTK_EXIT_FAIL, "stdout: write error");
		prev_t = now;
		round++;
		for (i = 0; i < n; i++)
			ktk_group_description_free(&pg[i]);
		t = pg;
		pg = g;
		g = t;
		if (!c->watch_s)
			break;
		if (a->stuck) {
			/* this handle's group requests will never complete
			 * (see ktk_admin_close()): go on with a new one */
			ktk_admin_close(a);
			if (ktk_groups_open(a, &c->common->client,
					    c->common->verbosity, c->timeout_ms,
					    &err))
				ktk_die_err(&err);
		}
		for (i = 0; i < (size_t)c->watch_s * 10 && !stop; i++)
			usleep(100000);
		if (stop)
			break;
	}
	for (i = 0; i < n; i++)
		ktk_group_description_free(&pg[i]);
	free(g);
	free(pg);
	ktk_group_ops_ids_free(ids, n);
	if (failed)
		return KTK_EXIT_FAIL;
	if (partial.code)
		return partial.code;
	return lagging ? 2 : 0;
}

static int do_delete(struct ktk_group_ops *op, struct ctx *c)
{
	struct ktk_admin *a = op->a;
	struct ktk_err err = {0};
	char **ids, **errs;
	size_t n = group_ids(op, c, &ids, 0), i, ok = 0;
	int failed = 0;
	json_t *arr = c->json ? json_array() : NULL;

	errs = calloc(n + 1, sizeof(char *));
	if (errs == NULL)
		ktk_die(KTK_EXIT_SOFTWARE, "out of memory");
	if (n > 0 && ktk_groups_delete(a, ids, n, errs, &err) == -1)
		ktk_die_err(&err);
	for (i = 0; i < n; i++) {
		if (errs[i]) {
			ktk_warn("Group '%s' could not be deleted due to: %s",
				 ids[i], errs[i]);
			failed = 1;
		} else {
			ok++;
		}
		if (arr) {
			json_t *o = json_object();

			json_object_set_new(o, "group", json_string(ids[i]));
			json_object_set_new(o, "deleted", json_boolean(!errs[i]));
			json_object_set_new(o, "error", errs[i] ? json_string(errs[i])
							       : json_null());
			json_array_append_new(arr, o);
		}
	}
	if (arr) {
		json_t *o = json_object();

		json_object_set_new(o, "action", json_string("delete"));
		json_object_set_new(o, "groups", arr);
		json_out(o);
	} else if (!failed || ok > 0) {
		fputs(failed ? "\nThese consumer groups were deleted successfully: "
			     : "Deletion of requested consumer groups (", stdout);
		for (i = 0, ok = 0; i < n; i++)
			if (!errs[i])
				printf("%s'%s'", ok++ ? ", " : "", ids[i]);
		puts(failed ? "" : ") was successful.");
	}
	for (i = 0; i < n; i++)
		free(errs[i]);
	free(errs);
	ktk_group_ops_ids_free(ids, n);
	return failed ? KTK_EXIT_FAIL : 0;
}

static int do_delete_offsets(struct ktk_group_ops *op, struct ctx *c)
{
	struct ktk_group_tp *l, *missing;
	struct ktk_err err = {0};
	char top[512], **errs;
	const char **topics;
	int32_t *parts;
	size_t i, j, *order, missing_n, n;
	int tw = 15, failed = 0;
	json_t *arr = c->json ? json_array() : NULL;
	long k = ktk_group_ops_scope(op, c->topics, c->topic_cnt, &l, &missing,
				     &missing_n, &err);

	if (k < 0)
		ktk_die_err(&err);
	n = (size_t)k;
	errs = calloc(n + 1, sizeof(char *));
	order = calloc(n + 1, sizeof(size_t));
	topics = calloc(n + 1, sizeof(char *));
	parts = calloc(n + 1, sizeof(int32_t));
	if (!errs || !order || !topics || !parts)
		ktk_die(KTK_EXIT_SOFTWARE, "out of memory");
	for (i = 0; i < n; i++) {
		topics[i] = l[i].topic;
		parts[i] = l[i].partition;
	}
	top[0] = '\0';
	if (n > 0 && ktk_groups_delete_offsets(op->a, c->groups[0], topics,
					       parts, n, errs, top, sizeof(top),
					       &err) == -1)
		ktk_die_err(&err);
	/* rows sorted by topic + partition as one string, as Kafka does */
	for (i = 0; i < n; i++) {
		char ki[320], kj[320];

		for (j = i; j > 0; j--) {
			snprintf(ki, sizeof(ki), "%s%d", topics[i], (int)parts[i]);
			snprintf(kj, sizeof(kj), "%s%d", topics[order[j - 1]],
				 (int)parts[order[j - 1]]);
			if (strcmp(kj, ki) <= 0)
				break;
			order[j] = order[j - 1];
		}
		order[j] = i;
		tw = (int)strlen(topics[i]) > tw ? (int)strlen(topics[i]) : tw;
	}
	for (i = 0; i < missing_n; i++)
		tw = (int)strlen(missing[i].topic) > tw ? (int)strlen(missing[i].topic) : tw;
	if (top[0]) {
		ktk_warn("Error: %s", top);
		failed = 1;
	} else if (!arr) {
		printf("Request succeeded for deleting offsets from group %s.\n",
		       c->groups[0]);
	}
	if (!arr)
		printf("\n%-*s %-10s %-15s", tw, "TOPIC", "PARTITION", "STATUS");
	for (i = 0; i < missing_n; i++) {
		failed = 1;
		ktk_warn("topic '%s' does not exist", missing[i].topic);
		if (!arr)
			printf("\n%-*s %-10s Error: This server does not host "
			       "this topic-partition.", tw, missing[i].topic, "-");
	}
	for (i = 0; i < n; i++) {
		size_t q = order[i];
		const char *e = errs[q] ? errs[q] : top[0] ? top : NULL;
		char p[16];

		if (e)
			failed = 1;
		if (arr) {
			json_t *o = json_object();

			json_object_set_new(o, "topic", json_string(topics[q]));
			json_object_set_new(o, "partition", json_integer(parts[q]));
			json_object_set_new(o, "error", e ? json_string(e) : json_null());
			json_array_append_new(arr, o);
			continue;
		}
		snprintf(p, sizeof(p), "%d", (int)parts[q]);
		printf("\n%-*s %-10s ", tw, topics[q], p);
		if (e)
			printf("Error: %s", e);
		else
			printf("%-15s", "Successful");
	}
	if (arr) {
		json_t *o = json_object();

		json_object_set_new(o, "action", json_string("delete-offsets"));
		json_object_set_new(o, "group", json_string(c->groups[0]));
		json_object_set_new(o, "error", top[0] ? json_string(top) : json_null());
		json_object_set_new(o, "partitions", arr);
		json_out(o);
	} else {
		putchar('\n');
	}
	for (i = 0; i < n; i++)
		free(errs[i]);
	free(errs);
	free(order);
	free(topics);
	free(parts);
	ktk_group_ops_tps_free(l, n);
	ktk_group_ops_tps_free(missing, missing_n);
	return failed ? KTK_EXIT_FAIL : 0;
}

/* ---- --reset-offsets -------------------------------------------------- */

static char *read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	size_t cap = 0, n = 0, r;

	if (f == NULL)
		ktk_die(KTK_EXIT_NOINPUT, "--from-file: %s: %s", path, strerror(errno));
	do {
		if (n + 4096 > cap) {
			cap = cap ? 2 * cap : 65536;
			if ((buf = realloc(buf, cap)) == NULL)
				ktk_die(KTK_EXIT_SOFTWARE, "out of memory");
		}
		r = fread(buf + n, 1, cap - n, f);
		n += r;
	} while (r > 0);
	if (ferror(f))
		ktk_die(KTK_EXIT_NOINPUT, "--from-file: %s: read error", path);
	fclose(f);
	*len = n;
	return buf;
}

static int do_reset(struct ktk_group_ops *op, struct ctx *c)
{
	struct ktk_err err = {0};
	struct ktk_group_scope scope = {0};
	struct ktk_reset_entry *file = NULL;
	struct ktk_group_tp *tps = NULL;
	struct ktk_group_plan *p;
	char **ids;
	size_t n = group_ids(op, c, &ids, 1), i, j, nfile = 0, ntps = 0;
	int failed = 0, execute = c->seen[O_EXECUTE];
	json_t *arr = c->json ? json_array() : NULL;

	if (!execute && !c->seen[O_DRY_RUN] && !c->seen[O_EXPORT] && !c->json)
		ktk_warn("dry run: nothing is changed without --execute");
	if (c->from_file) {
		size_t len;
		char *text = read_file(c->from_file, &len);
		long k = ktk_reset_csv_parse(text, len,
					     c->group_cnt == 1 ? c->groups[0] : NULL,
					     c->from_file, &file, &err);

		free(text);
		if (k < 0)
			ktk_die_err(&err);
		nfile = (size_t)k;
	}
	if (c->topic_cnt) {
		long k = ktk_group_ops_scope(op, c->topics, c->topic_cnt, &tps,
					     NULL, NULL, &err);

		if (k < 0)
			ktk_die_err(&err);
		ntps = (size_t)k;
	}
	scope = (struct ktk_group_scope){tps, ntps, c->seen[O_ALL_TOPICS], file,
					 nfile, c->from_file != NULL, c->to_group};
	if ((p = calloc(n + 1, sizeof(*p))) == NULL)
		ktk_die(KTK_EXIT_SOFTWARE, "out of memory");
	if (ktk_group_ops_reset(op, ids, n, &c->spec, &scope, execute, p, &err))
		ktk_die_err(&err);
	for (i = 0; i < n; i++) {
		for (j = 0; !c->json && j < p[i].n; j++) {
			const struct ktk_reset_row *r = &p[i].rows[j];
			char m[600];

			ktk_reset_clamp_message(r, m, sizeof(m));
			if (*m)
				ktk_warn("%s", m);
			if (r->fell_back)
				ktk_warn("Warn: Partition %d from topic %s is "
					 "empty. Falling back to latest known "
					 "offset.", (int)r->partition, r->topic);
		}
		if (p[i].error) {
			ktk_warn("%s", p[i].error);
			failed = 1;
		}
	}
	/* the table, CSV or JSON */
	if (arr) {
		for (i = 0; i < n; i++) {
			json_t *o = json_object(), *ps = json_array();

			json_object_set_new(o, "group", json_string(ids[i]));
			json_object_set_new(o, "state", json_string(p[i].state ? p[i].state : "Unknown"));
			json_object_set_new(o, "error", p[i].error ? json_string(p[i].error) : json_null());
			for (j = 0; !p[i].error && j < p[i].n; j++) {
				const struct ktk_reset_row *r = &p[i].rows[j];
				json_t *ro = json_object();

				json_object_set_new(ro, "topic", json_string(r->topic));
				json_object_set_new(ro, "partition", json_integer(r->partition));
				json_object_set_new(ro, "prior_offset", r->committed < 0 ? json_null() : json_integer(r->committed));
				json_object_set_new(ro, "new_offset", json_integer(r->new_offset));
				json_object_set_new(ro, "clamped", json_boolean(r->clamped != 0));
				json_array_append_new(ps, ro);
			}
			json_object_set_new(o, "partitions", ps);
			json_array_append_new(arr, o);
		}
		{
			json_t *o = json_object();

			json_object_set_new(o, "action", json_string("reset-offsets"));
			json_object_set_new(o, "executed", json_boolean(execute));
			json_object_set_new(o, "groups", arr);
			json_out(o);
		}
	} else if (c->seen[O_EXPORT]) {
		int single = c->group_cnt == 1;

		for (i = 0; i < n; i++)
			for (j = 0; !p[i].error && j < p[i].n; j++)
				ktk_reset_csv_write(stdout, single ? NULL : ids[i],
						    p[i].rows[j].topic,
						    p[i].rows[j].partition,
						    p[i].rows[j].new_offset);
		putchar('\n');
	} else {
		size_t total = 0, k = 0, ng = 0;
		struct ktk_group_reset *t;

		for (i = 0; i < n; i++)
			total += p[i].n + 1;
		if ((t = calloc(total + 1, sizeof(*t))) == NULL)
			ktk_die(KTK_EXIT_SOFTWARE, "out of memory");
		for (i = 0; i < n; i++) {
			/* Kafka keeps refused groups in its map (no rows),
			 * but not the ones that failed otherwise */
			if (p[i].error && !p[i].refused)
				continue;
			ng++;
			t[k++] = (struct ktk_group_reset){ids[i], NULL, 0, -1, -1};
			for (j = 0; !p[i].error && j < p[i].n; j++)
				t[k++] = (struct ktk_group_reset){
					ids[i], p[i].rows[j].topic,
					p[i].rows[j].partition,
					p[i].rows[j].committed,
					p[i].rows[j].new_offset};
		}
		ktk_group_description_print_reset(stdout, t, k, ng, c->verbose);
		free(t);
	}
	for (i = 0; i < n; i++)
		ktk_group_plan_free(&p[i]);
	free(p);
	ktk_reset_entries_free(file, nfile);
	ktk_group_ops_tps_free(tps, ntps);
	ktk_group_ops_ids_free(ids, n);
	return failed ? KTK_EXIT_FAIL : 0;
}

/* Kafka's --validate-regex, with POSIX extended regular expressions:
 * 0 and Kafka's line when valid, 1 and its line when not */
static int validate_regex(const char *re)
{
	regex_t r;
	char why[256];
	int rc = regcomp(&r, re, REG_EXTENDED | REG_NOSUB);

	if (rc == 0) {
		regfree(&r);
		printf("The regular expression `%s` is valid.\n", re);
		return 0;
	}
	regerror(rc, &r, why, sizeof(why));
	printf("The regular expression `%s` is invalid: %s.\n", re, why);
	return KTK_EXIT_FAIL;
}

int main(int argc, char **argv)
{
	struct ctx c = {0};
	struct ktk_common common;
	struct ktk_err err = {0};
	struct ktk_admin a;
	struct ktk_group_ops ops;
	char dropped[512] = "";
	int first, rc;
	size_t i;

	ktk_prog_set(desc.name);
	signal(SIGPIPE, SIG_DFL);
	optional_values(&c, &argc, argv);
	first = ktk_opt_main(&desc, argc, argv, &common, on_opt, &c);
	if (first < argc)
		ktk_die(KTK_EXIT_USAGE, "unexpected argument '%s'", argv[first]);
	check_usage(&c);
	if (c.action == A_VALIDATE_REGEX)
		return validate_regex(c.regex);
	c.common = &common;
	/* Kafka's --verbose of --describe is -v here (common -v): the first
	 * -v adds its columns (with --reset-offsets, ktk's PRIOR-OFFSET), more
	 * -v add librdkafka's detail */
	if ((c.action == A_DESCRIBE || c.action == A_RESET) &&
	    common.verbosity > 1) {
		c.verbose = 1;
		common.verbosity--;
	}
	if (ktk_settings_resolve(&common, dropped, sizeof(dropped), &err))
		ktk_die_err(&err);
	if (!c.seen[O_TIMEOUT])
		c.timeout_ms = 30000;
	if (ktk_groups_open(&a, &common.client, common.verbosity, c.timeout_ms,
			    &err))
		ktk_die_err(&err);
	ktk_group_ops_init(&ops, &a);
	switch (c.action) {
	case A_LIST: rc = do_list(&a, &c); break;
	case A_DESCRIBE: rc = do_describe(&ops, &c); break;
	case A_DELETE: rc = do_delete(&ops, &c); break;
	case A_RESET: rc = do_reset(&ops, &c); break;
	default: rc = do_delete_offsets(&ops, &c); break;
	}
	ktk_group_ops_free(&ops);
	if (fflush(stdout) != 0)
		ktk_die(KTK_EXIT_FAIL, "stdout: write error");
	ktk_admin_close(&a);
	for (i = 0; i < c.group_cnt; i++)
		free(c.groups[i]);
	for (i = 0; i < c.topic_cnt; i++)
		free(c.topics[i]);
	free(c.groups);
	free(c.topics);
	ktk_common_free(&common);
	return rc;
}
