/* SPDX-License-Identifier: Apache-2.0 */
/* group_ops.c -- ktk-groups' work on a cluster; see group_ops.h.
 *
 * Describe: ListGroups once (the session's probe), the committed offsets
 * of every group (all requests in flight at once; sent before
 * DescribeGroups, see group_ops.h), DescribeGroups for all groups in one
 * call, then one log-end round for the union of the rows' partitions.
 * Reset: the same committed offsets and states, the plan's partitions
 * (scope, file or another group), three log-offset rounds at most (start,
 * end, time) for every plan at once, ktk_reset_apply() per row, then one
 * AlterConsumerGroupOffsets per group with --execute.
 */
#include "lib/kafka/group_ops.h"

#include <stdlib.h>
#include <string.h>

#include "lib/base/clock.h"
#include "lib/base/strv.h"
#include "lib/base/units.h"
#include "lib/kafka/groups.h"
#include "lib/kafka/record_times.h"

void ktk_group_ops_init(struct ktk_group_ops *o, struct ktk_admin *a)
{
	memset(o, 0, sizeof(*o));
	o->a = a;
}

void ktk_group_ops_free(struct ktk_group_ops *o)
{
	size_t i;

	for (i = 0; i < o->listed_n; i++)
		ktk_group_listing_free(&o->listed[i]);
	free(o->listed);
	ktk_groups_fails_free(&o->fails);
	memset(o, 0, sizeof(*o));
}

static int oom(struct ktk_err *err)
{
	return ktk_err_set(err, KTK_EXIT_SOFTWARE, "out of memory");
}

int ktk_group_ops_probe(struct ktk_group_ops *o, struct ktk_err *err)
{
	long cnt;

	if (o->probed)
		return 0;
	if ((cnt = ktk_groups_list(o->a, &o->listed, &o->no_group_api,
				   &o->no_group_why, err)) < 0)
		return -1;
	o->probed = 1;
	o->listed_n = (size_t)cnt;
	return 0;
}

static int cmp_str(const void *x, const void *y)
{
	return strcmp(*(char *const *)x, *(char *const *)y);
}

void ktk_group_ops_ids_free(char **ids, size_t n)
{
	size_t i;

	for (i = 0; ids && i < n; i++)
		free(ids[i]);
	free(ids);
}

long ktk_group_ops_ids(struct ktk_group_ops *o, char *const *given, size_t n,
		       int all, int sort, char ***ids, struct ktk_err *err)
{
	size_t i, k = 0, cnt;
	char **v;

	*ids = NULL;
	if (all) {
		if (ktk_group_ops_probe(o, err) == -1)
			return ktk_err_prefix(err, "the cluster cannot list groups: ");
		if (o->no_group_api)
			return ktk_err_set(err, o->no_group_why.code,
					   "--all-groups: the cluster cannot "
					   "list groups (%s)", o->no_group_why.msg);
		if (o->no_group_why.code && all != 2) {
			*err = o->no_group_why;
			return -1;
		}
	}
	cnt = all ? o->listed_n : n;
	if ((v = calloc(cnt + 1, sizeof(char *))) == NULL)
		return oom(err);
	for (i = 0; i < cnt; i++)
		if ((v[i] = strdup(all ? o->listed[i].group_id : given[i])) == NULL) {
			ktk_group_ops_ids_free(v, i);
			return oom(err);
		}
	if (sort && cnt > 1) {
		qsort(v, cnt, sizeof(char *), cmp_str);
		for (i = 1, k = 1; i < cnt; i++) {
			if (strcmp(v[i], v[k - 1]) == 0)
				free(v[i]);
			else
				v[k++] = v[i];
		}
		cnt = k;
	}
	*ids = v;
	return (long)cnt;
}

/* librdkafka before 2.10 describes a KIP-848 (consumer protocol) group as
 * Dead with no members; ListGroups still gives its state: use it. */
static void listed_state(const struct ktk_group_ops *o,
			 struct ktk_group_description *g)
{
	size_t i;

	if (g->state == NULL || strcmp(g->state, "Dead") || g->error)
		return;
	for (i = 0; i < o->listed_n; i++)
		if (!strcmp(o->listed[i].group_id, g->group_id) &&
		    strcmp(o->listed[i].state, "Dead") &&
		    strcmp(o->listed[i].state, "Unknown")) {
			free(g->state);
			g->state = strdup(o->listed[i].state);
			g->offsets_only = 1;
			return;
		}
}

/* every partition of every topic but the internal ones */
static long all_partitions(struct ktk_admin *a, struct ktk_group_tp **out,
			   struct ktk_err *err)
{
	const struct rd_kafka_metadata *md;
	struct ktk_group_tp *v = NULL, *nv;
	size_t k = 0, cap = 0;
	int i, j;

	*out = NULL;
	if (ktk_admin_metadata(a, &md, err) == -1)
		return -1;
	for (i = 0; i < md->topic_cnt; i++) {
		const rd_kafka_metadata_topic_t *t = &md->topics[i];

		if (t->err || strncmp(t->topic, "__", 2) == 0)
			continue;
		for (j = 0; j < t->partition_cnt; j++) {
			if (k == cap) {
				cap = cap ? 2 * cap : 64;
				if ((nv = realloc(v, cap * sizeof(*v))) == NULL)
					goto fail;
				v = nv;
			}
			if ((v[k].topic = strdup(t->topic)) == NULL)
				goto fail;
			v[k++].partition = t->partitions[j].id;
		}
	}
	rd_kafka_metadata_destroy(md);
	*out = v;
	return (long)k;
fail:
	rd_kafka_metadata_destroy(md);
	ktk_group_ops_tps_free(v, k);
	return oom(err);
}

void ktk_group_ops_tps_free(struct ktk_group_tp *v, size_t n)
{
	size_t i;

	for (i = 0; v && i < n; i++)
		free(v[i].topic);
	free(v);
}

/* the log offsets at @p when of @p n partitions into @p out */
static int log_offsets(struct ktk_admin *a, const char **t, const int32_t *p,
		       size_t n, int64_t when, int64_t *out, struct ktk_err *err)
{
	return ktk_groups_log_offsets(a, t, p, n, when, out, NULL, err);
}

/* the rows' time lags: 0 where there is no lag, the age of the record at
 * the committed offset where there is (@p offs and @p ts: room for every
 * row, as the caller's topics and parts) */
static int time_lags(struct ktk_admin *a, struct ktk_group_description *g,
		     size_t n, const char **topics, int32_t *parts,
		     int64_t *ts, struct ktk_err *partial, struct ktk_err *err)
{
	int64_t *offs, now;
	size_t i, j, k = 0, late;
	int rc;

	for (i = 0; i < n; i++)
		k += g[i].row_cnt;
	if ((offs = calloc(k + 1, sizeof(*offs))) == NULL)
		return oom(err);
	for (i = 0, k = 0; i < n; i++)
		for (j = 0; j < g[i].row_cnt; j++) {
			struct ktk_group_row *r = &g[i].rows[j];
			int64_t lag = ktk_group_description_lag(r);

			r->time_lag_ms = lag == 0 ? 0 : -1;
			if (lag > 0) {
				topics[k] = r->topic;
				parts[k] = r->partition;
				offs[k++] = r->committed;
			}
		}
	rc = ktk_record_times(a->conf, topics, parts, offs, k, a->timeout_ms,
			      ts, &late, err);
	if (rc == 0 && late > 0 && !partial->code)
		ktk_err_set(partial, KTK_EXIT_FAIL, "time lag not known for %zu "
			    "%s: no record came within the timeout "
			    "(%d ms, --timeout)", late,
			    ktk_units_plural(late, "partition", "partitions"),
			    a->timeout_ms);
	now = ktk_clock_wall_ms();
	for (i = 0, k = 0; rc == 0 && i < n; i++)
		for (j = 0; j < g[i].row_cnt; j++) {
			struct ktk_group_row *r = &g[i].rows[j];

			if (ktk_group_description_lag(r) <= 0)
				continue;
			if (ts[k] >= 0)
				r->time_lag_ms = now > ts[k] ? now - ts[k] : 0;
			k++;
		}
	free(offs);
	return rc;
}

int ktk_group_ops_describe(struct ktk_group_ops *o, char *const *ids, size_t n,
			   struct ktk_group_description *g, int offsets,
			   struct ktk_err *partial, struct ktk_err *err)
{
	struct ktk_admin *a = o->a;
	struct ktk_group_tp *only = NULL;
	struct ktk_group_row **rows = calloc(n + 1, sizeof(*rows));
	size_t *cnt = calloc(n + 1, sizeof(*cnt)), i, j, total = 0, k = 0;
	char **errs = calloc(n + 1, sizeof(char *));
	const char **topics = NULL;
	int32_t *parts = NULL;
	int64_t *ends = NULL;
	long only_n = 0;
	int rc = -1;

	partial->code = 0;
	memset(g, 0, n * sizeof(*g));
	if (rows == NULL || cnt == NULL || errs == NULL) {
		oom(err);
		goto out;
	}
	if (ktk_group_ops_probe(o, err) == -1)
		goto out;
	/* the committed offsets first (see group_ops.h); a cluster without
	 * ListGroups cannot say which partitions a group has offsets for:
	 * ask for every partition */
	if (o->no_group_api && offsets &&
	    (only_n = all_partitions(a, &only, err)) < 0)
		goto out;
	if (offsets && ktk_groups_committed(a, ids, n, only, (size_t)only_n,
					    rows, cnt, errs, err) == -1)
		goto out;
	if (o->no_group_api && !o->cannot_describe.code)
		o->cannot_describe = o->no_group_why;
	if (o->cannot_describe.code || ktk_groups_describe(a, ids, n, g, err) == -1) {
		if (err->code == KTK_EXIT_UNAVAILABLE && a->down)
			goto out;
		if (!o->cannot_describe.code)
			o->cannot_describe = *err; /* not again (--watch) */
		ktk_err_set(partial, o->cannot_describe.code,
			    "members and states not shown: the cluster cannot "
			    "describe groups (%s)", o->cannot_describe.msg);
		for (i = 0; i < n; i++) {
			free(g[i].state);
			g[i].state = strdup("Unknown");
			if (g[i].group_id == NULL)
				g[i].group_id = strdup(ids[i]);
			if (!g[i].state || !g[i].group_id) {
				oom(err);
				goto out;
			}
		}
	}
	for (i = 0; i < n; i++)
		listed_state(o, &g[i]);
	if (!offsets) {
		rc = 0;
		goto out;
	}
	for (i = 0; i < n; i++) {
		if (errs[i]) { /* says more than DescribeGroups' error */
			free(g[i].error);
			g[i].error = errs[i];
			errs[i] = NULL;
		}
		if (ktk_group_description_rows(&g[i], rows[i], cnt[i]) == -1) {
			oom(err);
			goto out;
		}
		total += g[i].row_cnt;
	}
	topics = calloc(total + 1, sizeof(char *));
	parts = calloc(total + 1, sizeof(int32_t));
	ends = calloc(total + 1, sizeof(int64_t));
	if (topics == NULL || parts == NULL || ends == NULL) {
		oom(err);
		goto out;
	}
	for (i = 0; i < n; i++)
		for (j = 0; j < g[i].row_cnt; j++) {
			topics[k] = g[i].rows[j].topic;
			parts[k++] = g[i].rows[j].partition;
		}
	ktk_groups_fails_free(&o->fails);
	if (ktk_groups_log_offsets(a, topics, parts, total, -1, ends, &o->fails,
				   err) == -1) {
		if (a->down)
			goto out;
		if (!partial->code)
			*partial = *err;
	}
	for (i = 0, k = 0; i < n; i++)
		for (j = 0; j < g[i].row_cnt; j++)
			g[i].rows[j].log_end = ends[k++];
	if (o->time_lag &&
	    time_lags(a, g, n, topics, parts, ends, partial, err) == -1)
		goto out;
	rc = 0;
out:
	for (i = 0; rows && cnt && i < n; i++)
		ktk_groups_rows_free(rows[i], cnt[i]);
	for (i = 0; errs && i < n; i++)
		free(errs[i]);
	ktk_group_ops_tps_free(only, only_n > 0 ? (size_t)only_n : 0);
	free(rows);
	free(cnt);
	free(errs);
	free(topics);
	free(parts);
	free(ends);
	return rc;
}

static int tp_push(struct ktk_group_tp **v, size_t *n, const char *t, int32_t p)
{
	struct ktk_group_tp *nv = realloc(*v, (*n + 1) * sizeof(**v));

	if (nv == NULL)
		return -1;
	*v = nv;
	if ((nv[*n].topic = strdup(t)) == NULL)
		return -1;
	nv[(*n)++].partition = p;
	return 0;
}

long ktk_group_ops_scope(struct ktk_group_ops *o, char *const *args, size_t n,
			 struct ktk_group_tp **out, struct ktk_group_tp **missing,
			 size_t *missing_n, struct ktk_err *err)
{
	const struct rd_kafka_metadata *md = NULL;
	struct ktk_group_tp *v = NULL;
	size_t i, j, k = 0;
	long rc = -1;

	*out = NULL;
	if (missing) {
		*missing = NULL;
		*missing_n = 0;
	}
	for (i = 0; i < n; i++) {
		char *t;
		int32_t *p;
		size_t pn;

		if (ktk_reset_topic_arg_parse(args[i], &t, &p, &pn, err))
			goto out;
		if (p == NULL) {
			long c;

			if (md == NULL && ktk_admin_metadata(o->a, &md, err) == -1) {
				free(t);
				goto out;
			}
			if ((c = ktk_groups_topic_partitions(md, t, &p)) < 0) {
				free(t);
				oom(err);
				goto out;
			}
			if (c == 0) {
				if (missing == NULL) {
					ktk_err_set(err, KTK_EXIT_FAIL, "--topic: "
						    "topic '%s' does not exist", t);
					free(t);
					goto out;
				}
				if (tp_push(missing, missing_n, t, -1)) {
					free(t);
					oom(err);
					goto out;
				}
			}
			pn = (size_t)c;
		}
		for (j = 0; j < pn; j++)
			if (tp_push(&v, &k, t, p[j])) {
				free(t);
				free(p);
				oom(err);
				goto out;
			}
		free(t);
		free(p);
	}
	*out = v;
	v = NULL;
	rc = (long)k;
out:
	if (md)
		rd_kafka_metadata_destroy(md);
	if (rc < 0)
		ktk_group_ops_tps_free(v, k);
	return rc;
}

void ktk_group_plan_free(struct ktk_group_plan *p)
{
	ktk_strv_free(p->topics, p->topics_n);
	free(p->rows);
	free(p->group);
	free(p->state);
	free(p->error);
	memset(p, 0, sizeof(*p));
}

/* a topic name the plan owns (one copy per distinct name) */
static const char *plan_topic(struct ktk_group_plan *p, const char *t)
{
	char **nv;
	size_t i;

	for (i = 0; i < p->topics_n; i++)
		if (strcmp(p->topics[i], t) == 0)
			return p->topics[i];
	if ((nv = realloc(p->topics, (p->topics_n + 1) * sizeof(char *))) == NULL)
		return NULL;
	p->topics = nv;
	if ((nv[p->topics_n] = strdup(t)) == NULL)
		return NULL;
	return nv[p->topics_n++];
}

static int plan_add(struct ktk_group_plan *p, const char *topic, int32_t part,
		    int64_t committed, int64_t requested)
{
	struct ktk_reset_row *nv;
	const char *t;
	size_t i;

	for (i = 0; i < p->n; i++)
		if (p->rows[i].partition == part && !strcmp(p->rows[i].topic, topic)) {
			p->rows[i].requested = requested;
			return 0;
		}
	if ((t = plan_topic(p, topic)) == NULL ||
	    (nv = realloc(p->rows, (p->n + 1) * sizeof(*nv))) == NULL)
		return -1;
	p->rows = nv;
	p->rows[p->n++] = (struct ktk_reset_row){t, part, committed, -1, -1,
						 -1, requested, -1, 0, 0};
	return 0;
}

static int cmp_reset_row(const void *x, const void *y)
{
	const struct ktk_reset_row *r = x, *q = y;
	int c = strcmp(r->topic, q->topic);

	return c ? c : (r->partition > q->partition) - (r->partition < q->partition);
}

static int64_t committed_of(const struct ktk_group_row *rows, size_t n,
			    const char *t, int32_t p)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (rows[i].partition == p && !strcmp(rows[i].topic, t))
			return rows[i].committed;
	return -1;
}

/* the log offsets at @p when of every row of every plan, in one round,
 * into the field @p which selects (0 log_start, 1 log_end, 2 at_time) */
static int fill_offsets(struct ktk_admin *a, struct ktk_group_plan *p,
			size_t np, int64_t when, int which, struct ktk_err *err)
{
	size_t total = 0, i, j, k = 0;
	const char **t;
	int32_t *pa;
	int64_t *o;
	int rc = 0;

	for (i = 0; i < np; i++)
		total += p[i].n;
	t = calloc(total + 1, sizeof(char *));
	pa = calloc(total + 1, sizeof(int32_t));
	o = calloc(total + 1, sizeof(int64_t));
	if (!t || !pa || !o) {
		rc = oom(err);
		goto out;
	}
	for (i = 0; i < np; i++)
		for (j = 0; j < p[i].n; j++) {
			t[k] = p[i].rows[j].topic;
			pa[k++] = p[i].rows[j].partition;
		}
	if ((rc = log_offsets(a, t, pa, total, when, o, err)) == -1)
		goto out;
	for (i = 0, k = 0; i < np; i++)
		for (j = 0; j < p[i].n; j++, k++) {
			struct ktk_reset_row *r = &p[i].rows[j];

			if (which == 0)
				r->log_start = o[k];
			else if (which == 1)
				r->log_end = o[k];
			else
				r->at_time = o[k];
		}
out:
	free(t);
	free(pa);
	free(o);
	return rc;
}

static int plan_error(struct ktk_group_plan *p, const char *msg)
{
	return (p->error = strdup(msg)) == NULL ? -1 : 0;
}

/* the partitions of one group's plan */
static int plan_rows(struct ktk_group_plan *p, const struct ktk_group_scope *s,
		     const struct ktk_group_row *rows, size_t cnt,
		     const struct ktk_group_row *other, size_t other_n)
{
	size_t j, k;
	int any = 0;

	if (s->from_file) {
		for (j = 0; j < s->file_n; j++)
			if (!strcmp(s->file[j].group, p->group)) {
				any = 1;
				if (plan_add(p, s->file[j].topic, s->file[j].partition,
					     committed_of(rows, cnt, s->file[j].topic,
							  s->file[j].partition),
					     s->file[j].offset))
					return -1;
			}
		if (!any) {
			char m[400];

			snprintf(m, sizeof(m), "No reset plan for group %s found",
				 p->group);
			return plan_error(p, m);
		}
		return 0;
	}
	if (s->to_group) {
		for (j = 0; j < other_n; j++) {
			int in = s->tps_n == 0;

			for (k = 0; k < s->tps_n && !in; k++)
				in = s->tps[k].partition == other[j].partition &&
				     !strcmp(s->tps[k].topic, other[j].topic);
			if (in && plan_add(p, other[j].topic, other[j].partition,
					   committed_of(rows, cnt, other[j].topic,
							other[j].partition),
					   other[j].committed))
				return -1;
		}
		return 0;
	}
	if (s->all_topics) {
		for (j = 0; j < cnt; j++)
			if (plan_add(p, rows[j].topic, rows[j].partition,
				     rows[j].committed, -1))
				return -1;
		return 0;
	}
	for (j = 0; j < s->tps_n; j++)
		if (plan_add(p, s->tps[j].topic, s->tps[j].partition,
			     committed_of(rows, cnt, s->tps[j].topic,
					  s->tps[j].partition), -1))
			return -1;
	return 0;
}

/* commit @p p's new offsets */
static int plan_execute(struct ktk_admin *a, struct ktk_group_plan *p,
			struct ktk_err *err)
{
	const char **t = calloc(p->n + 1, sizeof(char *));
	int32_t *pa = calloc(p->n + 1, sizeof(int32_t));
	int64_t *o = calloc(p->n + 1, sizeof(int64_t));
	size_t j;
	int rc = 0;

	if (!t || !pa || !o) {
		rc = oom(err);
		goto out;
	}
	for (j = 0; j < p->n; j++) {
		t[j] = p->rows[j].topic;
		pa[j] = p->rows[j].partition;
		o[j] = p->rows[j].new_offset;
	}
	if (ktk_groups_alter(a, p->group, t, pa, o, p->n, err) == -1) {
		if (a->down)
			rc = -1;
		else if (plan_error(p, err->msg))
			rc = oom(err);
	}
out:
	free(t);
	free(pa);
	free(o);
	return rc;
}

int ktk_group_ops_reset(struct ktk_group_ops *o, char *const *ids, size_t n,
			const struct ktk_reset_spec *spec,
			const struct ktk_group_scope *scope, int execute,
			struct ktk_group_plan *out, struct ktk_err *err)
{
	struct ktk_admin *a = o->a;
	struct ktk_group_description *g = calloc(n + 1, sizeof(*g));
	struct ktk_group_row **rows = calloc(n + 1, sizeof(*rows)), *other = NULL;
	size_t *cnt = calloc(n + 1, sizeof(*cnt)), other_n = 0, i, j;
	char **errs = calloc(n + 1, sizeof(char *));
	struct ktk_group_tp *only = NULL;
	long only_n = 0;
	int rc = -1;

	memset(out, 0, n * sizeof(*out));
	if (!g || !rows || !cnt || !errs) {
		oom(err);
		goto out;
	}
	if (ktk_group_ops_probe(o, err) == -1)
		goto out;
	/* a cluster without ListGroups (librdkafka's mock) cannot say which
	 * partitions a group has offsets for, nor whether it is active: ask
	 * every partition, and plan as for an inactive group (the caller
	 * says so) */
	if (o->no_group_api &&
	    (only_n = all_partitions(a, &only, err)) < 0)
		goto out;
	if (ktk_groups_committed(a, ids, n, only, (size_t)only_n, rows, cnt,
				 errs, err) == -1)
		goto out;
	if (!o->no_group_api && ktk_groups_describe(a, ids, n, g, err) == -1) {
		ktk_err_prefix(err, "cannot tell whether the groups are active: ");
		goto out;
	}
	if (scope->to_group) {
		char *one = (char *)scope->to_group, *e1 = NULL;

		if (ktk_groups_committed(a, &one, 1, only, (size_t)only_n,
					 &other, &other_n, &e1, err) == -1)
			goto out;
		if (e1) {
			ktk_err_set(err, KTK_EXIT_FAIL, "--to-group %s: %s",
				    scope->to_group, e1);
			free(e1);
			goto out;
		}
		if (other_n == 0) {
			ktk_err_set(err, KTK_EXIT_FAIL, "--to-group: group '%s' "
				    "has no committed offsets", scope->to_group);
			goto out;
		}
	}
	for (i = 0; i < n; i++) {
		struct ktk_group_plan *p = &out[i];

		listed_state(o, &g[i]);
		if ((p->group = strdup(ids[i])) == NULL ||
		    (p->state = strdup(g[i].state ? g[i].state : "Unknown")) == NULL) {
			oom(err);
			goto out;
		}
		if (errs[i] || g[i].error) {
			if (plan_error(p, errs[i] ? errs[i] : g[i].error)) {
				oom(err);
				goto out;
			}
			continue;
		}
		if (!o->no_group_api && strcmp(p->state, "Empty") &&
		    strcmp(p->state, "Dead")) {
			char m[600];

			snprintf(m, sizeof(m), "Assignments can only be reset if "
				 "the group '%s' is inactive, but the current "
				 "state is %s.", ids[i], p->state);
			p->refused = 1;
			if (plan_error(p, m)) {
				oom(err);
				goto out;
			}
			continue;
		}
		if (plan_rows(p, scope, rows[i], cnt[i], other, other_n)) {
			oom(err);
			goto out;
		}
		if (p->n > 1)
			qsort(p->rows, p->n, sizeof(*p->rows), cmp_reset_row);
	}
	if (fill_offsets(a, out, n, -2 /* start */, 0, err) ||
	    fill_offsets(a, out, n, -1 /* end */, 1, err) ||
	    (spec->kind == KTK_RESET_TO_TIME &&
	     fill_offsets(a, out, n, spec->value, 2, err)))
		goto out;
	for (i = 0; i < n; i++) {
		struct ktk_group_plan *p = &out[i];

		for (j = 0; j < p->n && !p->error; j++)
			if (ktk_reset_apply(spec, &p->rows[j], err) == -1) {
				if (err->code == KTK_EXIT_USAGE)
					goto out;
				if (plan_error(p, err->msg)) {
					oom(err);
					goto out;
				}
			}
		if (!p->error && execute && p->n > 0 && plan_execute(a, p, err))
			goto out;
	}
	rc = 0;
out:
	for (i = 0; i < n; i++) {
		if (g)
			ktk_group_description_free(&g[i]);
		if (rows && cnt)
			ktk_groups_rows_free(rows[i], cnt[i]);
		if (errs)
			free(errs[i]);
	}
	ktk_groups_rows_free(other, other_n);
	ktk_group_ops_tps_free(only, only_n > 0 ? (size_t)only_n : 0);
	free(g);
	free(rows);
	free(cnt);
	free(errs);
	return rc;
}
