/* SPDX-License-Identifier: Apache-2.0 */
/* ktk-groups -- list, describe, reset, delete consumer groups and their
 * offsets like kafka-consumer-groups, in its text layout or as JSON (-J),
 * with lag totals, a watch mode and honest exit statuses. */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lib/base/err.h"
#include "lib/base/number.h"
#include "lib/base/stdfd.h"
#include "lib/config/opt.h"
#include "lib/groups/groups.h"
#include "lib/kafka/admin.h"
#include "lib/kafka/client.h"
#include "lib/kafka/features.h"
#include "lib/kafka/group_ops.h"
#include "lib/kafka/groups.h"
#include "lib/kafka/groups_cmd.h"

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
	O_FAIL_ON_LAG, O_WATCH, O_VALIDATE_REGEX, O_TIME_LAG,
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
	 "With --list: a TYPE column (Classic, Consumer; '-' where "
	 "librdkafka before 2.6 cannot tell), and when followed by "
	 "TYPE,... only groups of those types.", NULL, 0},
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
	{O_TIME_LAG, 0, "time-lag", KTK_ARG_NONE, NULL,
	 "With --describe: a TIME-LAG column after LAG, the age of the record "
	 "at each lagging committed offset (read from every partition at "
	 "once); 0ms with no lag.", NULL, 0},
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
	ktk_client_conf_list,
	1,
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
	[O_TIME_LAG] = A_DESCRIBE,
};

static const int specs[] = {
	O_TO_OFFSET, O_TO_EARLIEST, O_TO_LATEST, O_TO_CURRENT, O_SHIFT_BY,
	O_TO_DATETIME, O_BY_DURATION, O_FROM_FILE, O_TO_GROUP, 0
};

struct ctx {
	unsigned action;
	int nactions, seen[O_COUNT];
	struct ktk_groups_cmd_opts o; /* what the action is given */
	struct ktk_reset_spec spec;
	const char *regex; /* --validate-regex */
};

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
		push(&c->o.groups, &c->o.group_cnt, arg);
		return 0;
	case O_TOPIC:
		push(&c->o.topics, &c->o.topic_cnt, arg);
		return 0;
	case O_TO_OFFSET: case O_SHIFT_BY:
		if (ktk_number_parse_i64(arg, INT64_MIN, INT64_MAX, &v, &why))
			return ktk_err_set(err, KTK_EXIT_USAGE, "--%s: '%s' %s",
					   ktk_opt_name(opts, id), arg, why);
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
	case O_TO_DATETIME: case O_BY_DURATION:
		return ktk_groups_cmd_time_spec(id == O_BY_DURATION, arg, &c->spec,
						err);
	case O_FROM_FILE:
		c->spec.kind = KTK_RESET_REQUESTED;
		c->o.from_file = arg;
		return 0;
	case O_TO_GROUP:
		c->spec.kind = KTK_RESET_REQUESTED;
		c->o.to_group = arg;
		return 0;
	case O_TIMEOUT:
		if (ktk_number_parse_i32(arg, 1, 3600000, &c->o.timeout_ms, &why))
			return ktk_err_set(err, KTK_EXIT_USAGE, "--timeout: '%s' %s",
					   arg, why);
		return 0;
	case O_FAIL_ON_LAG:
		if (ktk_number_parse_i64(arg, 0, INT64_MAX, &c->o.fail_on_lag, &why))
			return ktk_err_set(err, KTK_EXIT_USAGE,
					   "--fail-on-lag: '%s' %s", arg, why);
		return 0;
	case O_WATCH:
		if (ktk_number_parse_i32(arg, 1, 86400, &c->o.watch_s, &why))
			return ktk_err_set(err, KTK_EXIT_USAGE, "--watch: '%s' %s",
					   arg, why);
		return 0;
	case O_JSON: c->o.json = 1; return 0;
	default:
		return 0;
	}
}

/* the option of each action (A_LIST is 1 << 0, ...) */
static const int action_ids[] = {O_LIST, O_DESCRIBE, O_DELETE, O_RESET,
				 O_DELETE_OFFSETS, O_VALIDATE_REGEX};
#define N_ACTIONS (sizeof(action_ids) / sizeof(action_ids[0]))

static const char *action_name(unsigned a)
{
	return ktk_opt_action_name(opts, action_ids, N_ACTIONS, a);
}

static void check_usage(struct ctx *c)
{
	struct ktk_err err = {0};
	int i, nspecs = 0, first = 0;

	if (c->nactions != 1)
		ktk_die(KTK_EXIT_USAGE, "Command must include exactly one action: "
			"--list, --describe, --delete, --reset-offsets, "
			"--delete-offsets, --validate-regex");
	if (ktk_opt_check_action(opts, c->seen, allowed, O_COUNT, c->action,
				 action_ids, N_ACTIONS, &err) == -1)
		ktk_die_err(&err);
	if (c->o.state_arg && c->action == A_DESCRIBE)
		ktk_die(KTK_EXIT_USAGE, "--describe does not take a value for "
			"--state");
	if (c->o.state_arg && !ktk_group_state_list_valid(c->o.state_arg))
		ktk_die(KTK_EXIT_USAGE, "--state: Invalid state list '%s'. Valid "
			"states are: PreparingRebalance, CompletingRebalance, "
			"Stable, Dead, Empty, Assigning, Reconciling",
			c->o.state_arg);
	if (c->o.type_arg) {
		if (!ktk_group_type_list_valid(c->o.type_arg))
			ktk_die(KTK_EXIT_USAGE, "--type: Invalid types list '%s'. "
				"Valid types are: Classic, Consumer",
				c->o.type_arg);
		if (!KTK_HAVE_GROUP_TYPE)
			ktk_die(KTK_EXIT_USAGE, "--type %s: this librdkafka (%s) "
				"cannot tell group types (librdkafka 2.6 can); "
				"use --type without a value for the TYPE column",
				c->o.type_arg, rd_kafka_version_str());
	}
	if (c->seen[O_GROUP] && c->seen[O_ALL_GROUPS])
		ktk_die(KTK_EXIT_USAGE, "--group can't be used with --all-groups");
	if (ktk_reset_topic_args_check(c->o.topics, c->o.topic_cnt, &err))
		ktk_die_err(&err);
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
	if (c->seen[O_TIME_LAG] && (c->seen[O_MEMBERS] || c->seen[O_STATE] ||
				    c->seen[O_SUMMARY] || c->seen[O_WATCH]))
		ktk_die(KTK_EXIT_USAGE, "--time-lag can't be used with "
			"--members, --state, --summary or --watch");
	if (c->action == A_DELETE_OFFSETS &&
	    (c->o.group_cnt != 1 || c->o.topic_cnt == 0))
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
					"--%s", ktk_opt_name(opts, first),
					ktk_opt_name(opts, specs[i]));
		}
	if (nspecs == 0)
		ktk_die(KTK_EXIT_USAGE, "--reset-offsets requires one of "
			"--to-offset, --to-earliest, --to-latest, --to-current, "
			"--shift-by, --to-datetime, --by-duration, --from-file, "
			"--to-group");
	if (!c->seen[O_ALL_TOPICS] && !c->seen[O_TOPIC] && !c->o.from_file &&
	    !c->o.to_group)
		ktk_die(KTK_EXIT_USAGE, "One of the reset scopes should be "
			"defined: --all-topics, --topic.");
	if (c->seen[O_ALL_TOPICS] && c->seen[O_TOPIC])
		ktk_die(KTK_EXIT_USAGE, "--all-topics can't be used with --topic");
}

static volatile sig_atomic_t stop;

static void on_signal(int sig)
{
	(void)sig;
	stop = 1;
}

static void warn(void *ctx, const char *msg)
{
	(void)ctx;
	ktk_warn("%s", msg);
}

static void note(void *ctx, const char *text)
{
	(void)ctx;
	fputs(text, stderr);
}

int main(int argc, char **argv)
{
	struct ctx c = {0};
	struct ktk_common common;
	struct ktk_err err = {0};
	struct ktk_admin a;
	struct ktk_group_ops ops;
	struct ktk_groups_cmd_opts *o = &c.o;
	int first, rc;

	ktk_stdfd_open(); /* first: no library descriptor may land on 0-2 */
	ktk_prog_set(desc.name);
	/* --state and --type take an optional value, as jopt's optional
	 * arguments do ("--state Stable,Empty", "--state=Stable") */
	c.o.state_arg = ktk_opt_take_optional(&argc, argv, "state");
	c.o.type_arg = ktk_opt_take_optional(&argc, argv, "type");
	first = ktk_opt_main(&desc, argc, argv, &common, on_opt, &c);
	if (first < argc)
		ktk_die(KTK_EXIT_USAGE, "unexpected argument '%s'", argv[first]);
	check_usage(&c);
	if (c.action == A_VALIDATE_REGEX)
		return ktk_groups_cmd_validate_regex(stdout, c.regex);
	/* Kafka's --verbose of --describe is -v here (common -v): the first
	 * -v adds its columns (with --reset-offsets, ktk's PRIOR-OFFSET), more
	 * -v add librdkafka's detail */
	if ((c.action == A_DESCRIBE || c.action == A_RESET) &&
	    common.verbosity > 1) {
		o->verbose = 1;
		common.verbosity--;
	}
	if (!c.seen[O_TIMEOUT])
		o->timeout_ms = 30000;
	rc = ktk_admin_start(&a, &common, o->timeout_ms, KTK_ADMIN_GROUPS, &err);
	if (rc == -1)
		ktk_die_err(&err);
	if (rc == KTK_ADMIN_DUMP)
		ktk_opt_dump_exit(&common, &common.client);
	ktk_group_ops_init(&ops, &a);
	o->out = stdout;
	o->all_groups = c.seen[O_ALL_GROUPS], o->all_topics = c.seen[O_ALL_TOPICS];
	o->type = c.seen[O_TYPE], o->state = c.seen[O_STATE];
	o->members = c.seen[O_MEMBERS], o->summary = c.seen[O_SUMMARY];
	o->only_lag = c.seen[O_ONLY_LAG];
	o->time_lag = c.seen[O_TIME_LAG];
	o->fail_on_lag_set = c.seen[O_FAIL_ON_LAG];
	o->tty = isatty(STDOUT_FILENO), o->stop = &stop;
	o->conf = &common.client, o->verbosity = common.verbosity;
	o->spec = &c.spec, o->execute = c.seen[O_EXECUTE];
	o->dry_run = c.seen[O_DRY_RUN], o->export_csv = c.seen[O_EXPORT];
	o->warn = warn, o->note = note;
	if (o->watch_s) {
		signal(SIGINT, on_signal);
		signal(SIGTERM, on_signal);
	}
	switch (c.action) {
	case A_LIST: rc = ktk_groups_cmd_list(&a, o, &err); break;
	case A_DESCRIBE: rc = ktk_groups_cmd_describe(&ops, o, &err); break;
	case A_DELETE: rc = ktk_groups_cmd_delete(&ops, o, &err); break;
	case A_RESET: rc = ktk_groups_cmd_reset(&ops, o, &err); break;
	default: rc = ktk_groups_cmd_delete_offsets(&ops, o, &err); break;
	}
	if (rc < 0)
		ktk_die_err(&err);
	ktk_group_ops_free(&ops);
	ktk_close_stdout(); /* a reader that left (| head): quietly */
	ktk_admin_close(&a);
	ktk_groups_cmd_opts_free(o);
	ktk_common_free(&common);
	return rc;
}
