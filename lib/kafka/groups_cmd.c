/* SPDX-License-Identifier: Apache-2.0 */
/* groups_cmd.c -- ktk-groups' actions; see groups_cmd.h.
 *
 * Each action: the groups (--group, or every group with --all-groups),
 * the cluster's answers through group_ops.c, Kafka's per-group notes to
 * the callbacks, then the table (group_description.c), CSV or JSON on
 * opts->out.
 */
#include "lib/kafka/groups_cmd.h"

#include <errno.h>
#include <regex.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <jansson.h>
#include <librdkafka/rdkafka.h>

#include "lib/base/clock.h"
#include "lib/base/strv.h"
#include "lib/config/offset_spec.h"
#include "lib/groups/group_state.h"
#include "lib/kafka/groups.h"
#include "lib/output/group_description.h"

static void vsay(const struct ktk_groups_cmd_opts *opt,
		 void (*fn)(void *, const char *), const char *fmt, va_list ap)
{
	char small[1024], *line = small;
	va_list aq;
	int n;

	if (fn == NULL)
		return;
	va_copy(aq, ap);
	n = vsnprintf(small, sizeof(small), fmt, ap);
	if (n >= (int)sizeof(small) && (line = malloc((size_t)n + 1)) != NULL)
		vsnprintf(line, (size_t)n + 1, fmt, aq);
	else if (line == NULL)
		line = small;
	va_end(aq);
	fn(opt->warn_ctx, line);
	if (line != small)
		free(line);
}

static void warn(const struct ktk_groups_cmd_opts *opt, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
static void note(const struct ktk_groups_cmd_opts *opt, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* a diagnostic line */
static void warn(const struct ktk_groups_cmd_opts *opt, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsay(opt, opt->warn, fmt, ap);
	va_end(ap);
}

/* text for stderr as it is */
static void note(const struct ktk_groups_cmd_opts *opt, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsay(opt, opt->note, fmt, ap);
	va_end(ap);
}

static int oom(struct ktk_err *err)
{
	return ktk_err_set(err, KTK_EXIT_SOFTWARE, "out of memory");
}

static void json_out(FILE *out, json_t *j)
{
	json_dumpf(j, out, JSON_COMPACT | JSON_PRESERVE_ORDER);
	fputc('\n', out);
	json_decref(j);
}

/* the groups to work on: --group values (sorted, unique, as Kafka's
 * TreeMap) or every group of the cluster */
static long group_ids(struct ktk_group_ops *o,
		      const struct ktk_groups_cmd_opts *opt, char ***ids,
		      int sort, struct ktk_err *err)
{
	return ktk_group_ops_ids(o, opt->groups, opt->group_cnt,
				 opt->all_groups, sort, ids, err);
}

int ktk_groups_cmd_list(struct ktk_admin *a,
			const struct ktk_groups_cmd_opts *opt, struct ktk_err *err)
{
	struct ktk_group_listing *l;
	struct ktk_err e = {0}, partial = {0};
	long cnt;
	int cannot;
	size_t i, k = 0;

	if ((cnt = ktk_groups_list(a, &l, &cannot, &partial, &e)) < 0)
		return ktk_err_set(err, e.code, "the cluster cannot list groups: "
				   "%s", e.msg);
	if (cannot)
		return ktk_err_set(err, partial.code, "the cluster cannot list "
				   "groups (%s)", partial.msg);
	for (i = 0; i < (size_t)cnt; i++) {
		/* filters on our side: the brokers' answer is the same */
		if ((opt->state_arg &&
		     !ktk_group_state_matches(opt->state_arg, l[i].state)) ||
		    (opt->type_arg &&
		     !ktk_group_state_matches(opt->type_arg, l[i].type))) {
			ktk_group_listing_free(&l[i]);
			continue;
		}
		l[k++] = l[i];
	}
	if (opt->json) {
		json_t *o = json_object(), *arr = json_array();

		for (i = 0; i < k; i++)
			json_array_append_new(arr, ktk_group_listing_json(&l[i]));
		json_object_set_new(o, "groups", arr);
		json_out(opt->out, o);
	} else {
		ktk_group_description_print_list(opt->out, l, k, opt->type,
						 opt->state);
	}
	for (i = 0; i < k; i++)
		ktk_group_listing_free(&l[i]);
	free(l);
	if (partial.code) {
		*err = partial;
		return -1;
	}
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
static int group_note(const struct ktk_groups_cmd_opts *opt,
		      const struct ktk_group_description *g, int *failed)
{
	if (g->error) {
		warn(opt, "group '%s': %s", g->group_id, g->error);
		*failed = 1;
		return 0;
	}
	if (g->offsets_only && !opt->json)
		warn(opt, "group '%s' is %s but librdkafka %s cannot describe it "
			 "(a consumer-protocol group needs librdkafka 2.10): no "
			 "members shown", g->group_id, g->state,
			 rd_kafka_version_str());
	if (strcmp(g->state, "Dead") == 0) {
		if (g->row_cnt > 0 && !opt->members && !opt->state) {
			/* a KIP-848 group, which DescribeGroups < v6 calls
			 * Dead: its committed offsets are still there */
			if (!opt->json)
				warn(opt, "group '%s' has committed offsets but "
					 "no description (a consumer-protocol "
					 "group needs librdkafka 2.10 to be "
					 "described): offsets only",
					 g->group_id);
			return 1;
		}
		warn(opt, "Consumer group '%s' does not exist.", g->group_id);
		*failed = 1;
		return 0;
	}
	if (opt->json)
		return 1;
	if (strcmp(g->state, "Empty") == 0)
		note(opt, "\nConsumer group '%s' has no active members.\n",
			g->group_id);
	else if (is_rebalancing(g->state))
		note(opt, "\nWarning: Consumer group '%s' is rebalancing.\n",
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

static int64_t wall_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static int print_groups(const struct ktk_groups_cmd_opts *opt,
			struct ktk_group_description *g, size_t n, int *failed,
			int *lagging)
{
	json_t *arr = opt->json ? json_array() : NULL;
	size_t i;

	if (opt->summary && !opt->json) {
		struct ktk_group_description *ok = calloc(n + 1, sizeof(*ok));
		size_t k = 0;

		for (i = 0; i < n; i++) {
			int f = 0;

			if (g[i].error || (!strcmp(g[i].state, "Dead") && !g[i].row_cnt))
				group_note(opt, &g[i], &f);
			else
				ok[k++] = g[i];
			*failed |= f;
			if (opt->fail_on_lag_set && lag_over(&g[i], opt->fail_on_lag))
				*lagging = 1;
		}
		ktk_group_description_print_summary(opt->out, ok, k,
						    opt->only_lag);
		if (opt->verbose) {
			fputc('\n', opt->out);
			ktk_group_description_print_topics(opt->out, ok, k);
		}
		free(ok);
		return 0;
	}
	for (i = 0; i < n; i++) {
		int show = group_note(opt, &g[i], failed);

		if (opt->fail_on_lag_set && lag_over(&g[i], opt->fail_on_lag))
			*lagging = 1;
		if (arr) {
			if (opt->only_lag &&
			    ktk_group_description_total_lag(&g[i], NULL) <= 0)
				continue;
			json_array_append_new(arr, ktk_group_description_json(
				&g[i], opt->only_lag));
			continue;
		}
		if (opt->members) {
			if (show || !strcmp(g[i].state, "Dead"))
				ktk_group_description_print_members(
					opt->out, &g[i], opt->verbose,
					!show || g[i].member_cnt == 0);
		} else if (opt->state) {
			if (show)
				ktk_group_description_print_state(opt->out, &g[i],
								  opt->verbose);
		} else if (show) {
			ktk_group_description_print_offsets(
				opt->out, &g[i], opt->verbose, opt->only_lag,
				opt->time_lag);
		}
	}
	if (arr) {
		json_t *o = json_object();

		json_object_set_new(o, "groups", arr);
		json_out(opt->out, o);
	}
	return 0;
}

static int stopped(const struct ktk_groups_cmd_opts *opt)
{
	return opt->stop != NULL && *opt->stop;
}

int ktk_groups_cmd_describe(struct ktk_group_ops *o,
			    const struct ktk_groups_cmd_opts *opt,
			    struct ktk_err *err)
{
	struct ktk_admin *a = o->a;
	struct ktk_group_description *g = NULL, *pg = NULL, *t;
	struct ktk_err partial = {0};
	char **ids;
	/* with --all-groups, a list some brokers did not answer (one is
	 * down) is described, and what is missing said */
	long k = ktk_group_ops_ids(o, opt->groups, opt->group_cnt,
				   opt->all_groups ? 2 : 0, 1, &ids, err);
	size_t n, i;
	int failed = 0, lagging = 0, offsets = opt->json || opt->summary ||
					     (!opt->members && !opt->state) ||
					     opt->fail_on_lag_set || opt->watch_s;
	int round = 0, rc = -1;
	double prev_t = 0;

	if (k < 0)
		return -1;
	o->time_lag = opt->time_lag; /* the session reads ages as it describes */
	if (opt->all_groups && o->no_group_why.code) {
		warn(opt, "%s", o->no_group_why.msg);
		failed = 1;
	}
	n = (size_t)k;
	g = calloc(n + 1, sizeof(*g));
	pg = calloc(n + 1, sizeof(*pg)); /* the round before (--watch) */
	if (g == NULL || pg == NULL) {
		oom(err);
		goto out;
	}
	for (;;) {
		double now;

		if (ktk_group_ops_describe(o, ids, n, g, offsets, &partial, err))
			goto out;
		now = ktk_clock_s();
		if (opt->watch_s && !opt->tty) {
			for (i = 0; i < n; i++)
				ktk_group_description_print_watch_json(
					opt->out, &g[i], wall_ms(),
					round ? &pg[i] : NULL, now - prev_t);
		} else if (opt->watch_s) {
			/* on a terminal: redraw, with per-partition deltas */
			fputs("\033[H\033[2J", opt->out);
			for (i = 0; i < n; i++)
				ktk_group_description_print_watch(
					opt->out, &g[i], round ? &pg[i] : NULL,
					now - prev_t);
		} else {
			print_groups(opt, g, n, &failed, &lagging);
		}
		if (partial.code && round == 0)
			warn(opt, "%s", partial.msg);
		/* partitions whose log end no leader gave: one line each */
		for (i = 0; i < o->fails.n; i++)
			if (round == 0)
				warn(opt, "no log end offset for %s", o->fails.v[i]);
		failed |= o->fails.n > 0;
		if (fflush(opt->out) != 0) {
			if (errno == EPIPE) /* the reader left (| head) */
				rc = 0;
			else
				ktk_err_set(err, KTK_EXIT_FAIL,
					    "stdout: write error");
			goto out;
		}
		prev_t = now;
		round++;
		for (i = 0; i < n; i++)
			ktk_group_description_free(&pg[i]);
		t = pg;
		pg = g;
		g = t;
		if (!opt->watch_s)
			break;
		if (a->stuck) {
			/* this handle's group requests will never complete
			 * (see ktk_admin_close()): go on with a new one */
			ktk_admin_close(a);
			if (ktk_groups_open(a, opt->conf, opt->verbosity,
					    opt->timeout_ms, err))
				goto out;
		}
		for (i = 0; i < (size_t)opt->watch_s * 10 && !stopped(opt); i++)
			usleep(100000);
		if (stopped(opt))
			break;
	}
	rc = failed ? KTK_EXIT_FAIL : partial.code ? partial.code
	     : lagging ? 2 : 0;
out:
	for (i = 0; pg != NULL && i < n; i++)
		ktk_group_description_free(&pg[i]);
	free(g);
	free(pg);
	ktk_group_ops_ids_free(ids, n);
	return rc;
}

int ktk_groups_cmd_delete(struct ktk_group_ops *op,
			  const struct ktk_groups_cmd_opts *opt,
			  struct ktk_err *err)
{
	struct ktk_admin *a = op->a;
	char **ids, **errs;
	long k = group_ids(op, opt, &ids, 0, err);
	size_t n, i, ok = 0;
	int failed = 0;
	json_t *arr;

	if (k < 0)
		return -1;
	n = (size_t)k;
	errs = calloc(n + 1, sizeof(char *));
	if (errs == NULL || (n > 0 && ktk_groups_delete(a, ids, n, errs, err) == -1)) {
		if (errs == NULL)
			oom(err);
		free(errs);
		ktk_group_ops_ids_free(ids, n);
		return -1;
	}
	arr = opt->json ? json_array() : NULL;
	for (i = 0; i < n; i++) {
		if (errs[i]) {
			warn(opt, "Group '%s' could not be deleted due to: %s",
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
		json_out(opt->out, o);
	} else if (!failed || ok > 0) {
		fputs(failed ? "\nThese consumer groups were deleted successfully: "
			     : "Deletion of requested consumer groups (", opt->out);
		for (i = 0, ok = 0; i < n; i++)
			if (!errs[i])
				fprintf(opt->out, "%s'%s'", ok++ ? ", " : "", ids[i]);
		fputs(failed ? "\n" : ") was successful.\n", opt->out);
	}
	for (i = 0; i < n; i++)
		free(errs[i]);
	free(errs);
	ktk_group_ops_ids_free(ids, n);
	return failed ? KTK_EXIT_FAIL : 0;
}

int ktk_groups_cmd_delete_offsets(struct ktk_group_ops *op,
				  const struct ktk_groups_cmd_opts *opt,
				  struct ktk_err *err)
{
	struct ktk_group_tp *l, *missing;
	char top[512], **errs;
	const char **topics;
	int32_t *parts;
	size_t i, j, *order, missing_n, n;
	int tw = 15, failed = 0, rc = -1;
	json_t *arr = NULL;
	long k = ktk_group_ops_scope(op, opt->topics, opt->topic_cnt, &l, &missing,
				     &missing_n, err);

	if (k < 0)
		return -1;
	n = (size_t)k;
	errs = calloc(n + 1, sizeof(char *));
	order = calloc(n + 1, sizeof(size_t));
	topics = calloc(n + 1, sizeof(char *));
	parts = calloc(n + 1, sizeof(int32_t));
	if (!errs || !order || !topics || !parts) {
		oom(err);
		goto out;
	}
	for (i = 0; i < n; i++) {
		topics[i] = l[i].topic;
		parts[i] = l[i].partition;
	}
	top[0] = '\0';
	if (n > 0 && ktk_groups_delete_offsets(op->a, opt->groups[0], topics,
					       parts, n, errs, top, sizeof(top),
					       err) == -1)
		goto out;
	arr = opt->json ? json_array() : NULL;
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
		warn(opt, "Error: %s", top);
		failed = 1;
	} else if (!arr) {
		fprintf(opt->out, "Request succeeded for deleting offsets from group %s.\n",
		       opt->groups[0]);
	}
	if (!arr)
		fprintf(opt->out, "\n%-*s %-10s %-15s", tw, "TOPIC", "PARTITION", "STATUS");
	for (i = 0; i < missing_n; i++) {
		failed = 1;
		warn(opt, "topic '%s' does not exist", missing[i].topic);
		if (!arr)
			fprintf(opt->out, "\n%-*s %-10s Error: This server does not host "
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
		fprintf(opt->out, "\n%-*s %-10s ", tw, topics[q], p);
		if (e)
			fprintf(opt->out, "Error: %s", e);
		else
			fprintf(opt->out, "%-15s", "Successful");
	}
	if (arr) {
		json_t *o = json_object();

		json_object_set_new(o, "action", json_string("delete-offsets"));
		json_object_set_new(o, "group", json_string(opt->groups[0]));
		json_object_set_new(o, "error", top[0] ? json_string(top) : json_null());
		json_object_set_new(o, "partitions", arr);
		json_out(opt->out, o);
	} else {
		fputc('\n', opt->out);
	}
	rc = failed ? KTK_EXIT_FAIL : 0;
out:
	for (i = 0; errs != NULL && i < n; i++)
		free(errs[i]);
	free(errs);
	free(order);
	free(topics);
	free(parts);
	ktk_group_ops_tps_free(l, n);
	ktk_group_ops_tps_free(missing, missing_n);
	return rc;
}

/* ---- --reset-offsets -------------------------------------------------- */

/* the whole of @p path (malloc'ed), or NULL with @p err set */
static char *read_file(const char *path, size_t *len, struct ktk_err *err)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL, *nb;
	size_t cap = 0, n = 0, r;

	if (f == NULL) {
		ktk_err_set(err, KTK_EXIT_NOINPUT, "--from-file: %s: %s", path,
			    strerror(errno));
		return NULL;
	}
	do {
		if (n + 4096 > cap) {
			cap = cap ? 2 * cap : 65536;
			if ((nb = realloc(buf, cap)) == NULL) {
				free(buf);
				fclose(f);
				oom(err);
				return NULL;
			}
			buf = nb;
		}
		r = fread(buf + n, 1, cap - n, f);
		n += r;
	} while (r > 0);
	if (ferror(f)) {
		free(buf);
		fclose(f);
		ktk_err_set(err, KTK_EXIT_NOINPUT, "--from-file: %s: read error",
			    path);
		return NULL;
	}
	fclose(f);
	*len = n;
	return buf;
}

int ktk_groups_cmd_reset(struct ktk_group_ops *op,
			 const struct ktk_groups_cmd_opts *opt,
			 struct ktk_err *err)
{
	struct ktk_group_scope scope = {0};
	struct ktk_reset_entry *file = NULL;
	struct ktk_group_tp *tps = NULL;
	struct ktk_group_plan *p = NULL;
	char **ids;
	long nk = group_ids(op, opt, &ids, 1, err);
	size_t n, i, j, nfile = 0, ntps = 0;
	int failed = 0, execute = opt->execute, rc = -1;
	json_t *arr = NULL;

	if (nk < 0)
		return -1;
	n = (size_t)nk;
	if (!execute && !opt->dry_run && !opt->export_csv && !opt->json)
		warn(opt, "dry run: nothing is changed without --execute");
	if (opt->from_file) {
		size_t len;
		char *text = read_file(opt->from_file, &len, err);
		long k;

		if (text == NULL)
			goto out;
		k = ktk_reset_csv_parse(text, len,
					opt->group_cnt == 1 ? opt->groups[0] : NULL,
					opt->from_file, &file, err);
		free(text);
		if (k < 0)
			goto out;
		nfile = (size_t)k;
	}
	if (opt->topic_cnt) {
		long k = ktk_group_ops_scope(op, opt->topics, opt->topic_cnt, &tps,
					     NULL, NULL, err);

		if (k < 0)
			goto out;
		ntps = (size_t)k;
	}
	scope = (struct ktk_group_scope){tps, ntps, opt->all_topics, file,
					 nfile, opt->from_file != NULL, opt->to_group};
	if ((p = calloc(n + 1, sizeof(*p))) == NULL) {
		oom(err);
		goto out;
	}
	if (ktk_group_ops_reset(op, ids, n, opt->spec, &scope, execute, p, err))
		goto out;
	if (op->no_group_api)
		warn(opt, "the cluster cannot tell whether the groups are active "
		     "(%s): planned as inactive ones; a member still running "
		     "would commit over the new offsets", op->no_group_why.msg);
	arr = opt->json ? json_array() : NULL;
	for (i = 0; i < n; i++) {
		for (j = 0; !opt->json && j < p[i].n; j++) {
			const struct ktk_reset_row *r = &p[i].rows[j];
			char m[600];

			ktk_reset_clamp_message(r, m, sizeof(m));
			if (*m)
				warn(opt, "%s", m);
			if (r->fell_back)
				warn(opt, "Warn: Partition %d from topic %s is "
					 "empty. Falling back to latest known "
					 "offset.", (int)r->partition, r->topic);
		}
		if (p[i].error) {
			warn(opt, "%s", p[i].error);
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
			json_out(opt->out, o);
		}
	} else if (opt->export_csv) {
		int single = opt->group_cnt == 1;

		for (i = 0; i < n; i++)
			for (j = 0; !p[i].error && j < p[i].n; j++)
				ktk_reset_csv_write(opt->out, single ? NULL : ids[i],
						    p[i].rows[j].topic,
						    p[i].rows[j].partition,
						    p[i].rows[j].new_offset);
		fputc('\n', opt->out);
	} else {
		size_t total = 0, k = 0, ng = 0;
		struct ktk_group_reset *t;

		for (i = 0; i < n; i++)
			total += p[i].n + 1;
		if ((t = calloc(total + 1, sizeof(*t))) == NULL) {
			oom(err);
			goto out;
		}
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
		ktk_group_description_print_reset(opt->out, t, k, ng, opt->verbose);
		free(t);
	}
	rc = failed ? KTK_EXIT_FAIL : 0;
out:
	for (i = 0; p != NULL && i < n; i++)
		ktk_group_plan_free(&p[i]);
	free(p);
	ktk_reset_entries_free(file, nfile);
	ktk_group_ops_tps_free(tps, ntps);
	ktk_group_ops_ids_free(ids, n);
	return rc;
}

/* Kafka's --validate-regex, with POSIX extended regular expressions:
 * 0 and Kafka's line when valid, 1 and its line when not */
int ktk_groups_cmd_time_spec(int by_duration, const char *arg,
			     struct ktk_reset_spec *spec, struct ktk_err *err)
{
	struct ktk_offset_spec os;
	int64_t back;

	spec->kind = KTK_RESET_TO_TIME;
	if (by_duration) {
		if (ktk_reset_duration_parse(arg, &back, err))
			return -1;
		spec->value = wall_ms() - back;
		return 0;
	}
	if (arg[0] != '@')
		return ktk_reset_datetime_parse(arg, &spec->value, err);
	if (ktk_offset_spec_parse("--to-datetime", arg,
				  (int64_t)time(NULL) * 1000, &os, err))
		return -1;
	spec->value = os.value;
	return 0;
}

void ktk_groups_cmd_opts_free(struct ktk_groups_cmd_opts *o)
{
	ktk_strv_free(o->groups, o->group_cnt);
	ktk_strv_free(o->topics, o->topic_cnt);
	o->groups = o->topics = NULL;
	o->group_cnt = o->topic_cnt = 0;
}

int ktk_groups_cmd_validate_regex(FILE *out, const char *re)
{
	regex_t r;
	char why[256];
	int rc = regcomp(&r, re, REG_EXTENDED | REG_NOSUB);

	if (rc == 0) {
		regfree(&r);
		fprintf(out, "The regular expression `%s` is valid.\n", re);
		return 0;
	}
	regerror(rc, &r, why, sizeof(why));
	fprintf(out, "The regular expression `%s` is invalid: %s.\n", re, why);
	return KTK_EXIT_FAIL;
}
