/* SPDX-License-Identifier: Apache-2.0 */
/* groups.c -- consumer-group administration through librdkafka; see
 * groups.h.
 *
 * Requests: ListConsumerGroups (every broker), DescribeConsumerGroups (all
 * groups in one Admin call; librdkafka asks each group's coordinator),
 * ListConsumerGroupOffsets (one per group, all sent before any result is
 * awaited, told apart by their opaque), offsets_for_times (one ListOffsets
 * request per partition leader for the whole list), AlterConsumerGroupOffsets,
 * DeleteGroups, DeleteConsumerGroupOffsets.
 */
#include "lib/kafka/groups.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/base/units.h"
#include "lib/kafka/client.h"
#include "lib/kafka/features.h"

/* librdkafka 2.0.2's admin API dies (SIGSEGV in its main thread) when a
 * group request meets a cluster whose __consumer_offsets does not exist
 * yet (a fresh cluster: no coordinator yet); its consumer waits that out
 * well. So when the topic is missing, one committed-offset question from
 * a consumer handle has the cluster create it first (the answer does not
 * matter; the wait is bounded by @p timeout_ms). */
static int coordinator_ready(struct ktk_admin *a, const struct ktk_conf *conf,
			     int timeout_ms, struct ktk_err *err)
{
	const struct rd_kafka_metadata *md;
	rd_kafka_topic_partition_list_t *l;
	rd_kafka_conf_t *rc;
	rd_kafka_t *rk;
	int i, have = 0;

	if (ktk_admin_metadata(a, &md, err) == -1)
		return -1;
	for (i = 0; i < md->topic_cnt; i++)
		if (strcmp(md->topics[i].topic, "__consumer_offsets") == 0)
			have = 1;
	rd_kafka_metadata_destroy(md);
	if (have || (rc = ktk_client_conf(conf, 0, err)) == NULL)
		return have ? 0 : -1;
	rd_kafka_conf_set(rc, "group.id", "ktk-groups", NULL, 0);
	if ((rk = ktk_client_new(RD_KAFKA_CONSUMER, rc, err)) == NULL) {
		rd_kafka_conf_destroy(rc);
		return -1;
	}
	l = rd_kafka_topic_partition_list_new(1);
	rd_kafka_topic_partition_list_add(l, "__consumer_offsets", 0);
	rd_kafka_committed(rk, l, timeout_ms);
	rd_kafka_topic_partition_list_destroy(l);
	rd_kafka_consumer_close(rk);
	rd_kafka_destroy(rk);
	return 0;
}

int ktk_groups_open(struct ktk_admin *a, struct ktk_conf *conf,
		    int verbosity, int timeout_ms, struct ktk_err *err)
{
	ktk_conf_set(conf, "isolation.level", "read_uncommitted",
		     KTK_SRC_DEFAULT, NULL);
	if (ktk_admin_open(a, conf, verbosity, timeout_ms, err) == -1)
		return -1;
	if (coordinator_ready(a, conf, timeout_ms, err) == -1) {
		ktk_admin_close(a);
		return -1;
	}
	return 0;
}

static char *dup_or(const char *s, const char *dflt)
{
	return strdup(s ? s : dflt);
}

/* How many brokers the cluster's metadata named to this handle do not
 * accept a connection (a broker just stopped: the metadata may name it
 * still, or no longer, but librdkafka asks every broker it was told of),
 * the first of them said in @p why. */
static int brokers_down(struct ktk_admin *a, char *why, size_t size,
			struct ktk_err *err)
{
	const struct rd_kafka_metadata *md;
	size_t i;
	int down = 0;

	if (ktk_admin_metadata(a, &md, err) == -1)
		return -1;
	rd_kafka_metadata_destroy(md);
	for (i = 0; i < a->seen_n; i++)
		if (!ktk_client_broker_reachable(a->seen[i].host,
						 a->seen[i].port,
						 a->timeout_ms) &&
		    down++ == 0)
			snprintf(why, size, "broker %d (%s:%d) is not reachable",
				 (int)a->seen[i].id, a->seen[i].host,
				 a->seen[i].port);
	return down;
}

long ktk_groups_list(struct ktk_admin *a, struct ktk_group_listing **out,
		     int *cannot, struct ktk_err *partial, struct ktk_err *err)
{
	char why[300] = "", errstr[256];
	int down;
	rd_kafka_AdminOptions_t *o;
	rd_kafka_event_t *ev;
	const rd_kafka_ListConsumerGroups_result_t *res;
	const rd_kafka_ConsumerGroupListing_t **gl;
	const rd_kafka_error_t **errs;
	struct ktk_group_listing *v;
	size_t cnt, ecnt, i, j, n = 0;

	*out = NULL;
	*cannot = 0;
	partial->code = 0;
	/* ListGroups asks every broker and waits for each: one that is
	 * down would hold the answer up for the whole timeout */
	if ((down = brokers_down(a, why, sizeof(why), err)) < 0)
		return -1;
	o = ktk_admin_options(a, RD_KAFKA_ADMIN_OP_LISTCONSUMERGROUPS, 0);
	if (down > 0 && a->timeout_ms > KTK_GROUPS_DOWN_MS)
		rd_kafka_AdminOptions_set_request_timeout(
			o, KTK_GROUPS_DOWN_MS, errstr, sizeof(errstr));
	rd_kafka_ListConsumerGroups(a->rk, o, a->q);
	rd_kafka_AdminOptions_destroy(o);
	if ((ev = ktk_admin_wait_result(a, "ListConsumerGroups", err)) == NULL)
		return -1;
	res = rd_kafka_event_ListConsumerGroups_result(ev);
	gl = rd_kafka_ListConsumerGroups_result_valid(res, &cnt);
	errs = rd_kafka_ListConsumerGroups_result_errors(res, &ecnt);
	for (i = 0; cnt == 0 && ecnt > 0 && i < ecnt; i++)
		if (rd_kafka_error_code(errs[i]) ==
		    RD_KAFKA_RESP_ERR__UNSUPPORTED_FEATURE)
			*cannot = 1;
	if (ecnt > 0 && down > 0)
		ktk_err_set(partial, KTK_EXIT_FAIL, "ListConsumerGroups: %zu "
			    "%s did not answer (%s): the groups %s "
			    "are not listed", ecnt,
			    ktk_units_plural(ecnt, "broker", "brokers"), why,
			    ktk_units_plural(ecnt, "it coordinates",
					     "they coordinate"));
	else if (ecnt > 0)
		ktk_err_set(partial, ktk_client_exit_code(rd_kafka_error_code(errs[0])),
			    "ListConsumerGroups: %zu %s did not answer: %s",
			    ecnt, ktk_units_plural(ecnt, "broker", "brokers"),
			    rd_kafka_error_string(errs[0]));
	v = calloc(cnt + 1, sizeof(*v));
	if (v == NULL) {
		rd_kafka_event_destroy(ev);
		return ktk_err_set(err, KTK_EXIT_SOFTWARE, "out of memory");
	}
	for (i = 0; i < cnt; i++) {
		const char *id = rd_kafka_ConsumerGroupListing_group_id(gl[i]);

		/* several brokers may return the same group (librdkafka
		 * before 2.14.2) */
		for (j = 0; j < n; j++)
			if (strcmp(v[j].group_id, id) == 0)
				break;
		if (j < n)
			continue;
		v[n].group_id = strdup(id);
		v[n].state = strdup(rd_kafka_consumer_group_state_name(
			rd_kafka_ConsumerGroupListing_state(gl[i])));
#if KTK_HAVE_GROUP_TYPE
		v[n].type = strdup(rd_kafka_consumer_group_type_name(
			rd_kafka_ConsumerGroupListing_type(gl[i])));
#else
		v[n].type = strdup("-"); /* this librdkafka cannot tell */
#endif
		if (!v[n].group_id || !v[n].state || !v[n].type) {
			n++;
			for (j = 0; j < n; j++)
				ktk_group_listing_free(&v[j]);
			free(v);
			rd_kafka_event_destroy(ev);
			return ktk_err_set(err, KTK_EXIT_SOFTWARE, "out of memory");
		}
		n++;
	}
	rd_kafka_event_destroy(ev);
	*out = v;
	return (long)n;
}

static int fill_member(struct ktk_group_member *m,
		       const rd_kafka_MemberDescription_t *md)
{
	const rd_kafka_MemberAssignment_t *as =
		rd_kafka_MemberDescription_assignment(md);
	const rd_kafka_topic_partition_list_t *l =
		as ? rd_kafka_MemberAssignment_partitions(as) : NULL;
	const char *iid = rd_kafka_MemberDescription_group_instance_id(md);
	int i;

	m->member_id = dup_or(rd_kafka_MemberDescription_consumer_id(md), "");
	m->client_id = dup_or(rd_kafka_MemberDescription_client_id(md), "");
	m->host = dup_or(rd_kafka_MemberDescription_host(md), "");
	m->instance_id = iid && *iid ? strdup(iid) : NULL;
	if (!m->member_id || !m->client_id || !m->host)
		return -1;
	if (l == NULL || l->cnt == 0)
		return 0;
	if ((m->assign = calloc((size_t)l->cnt, sizeof(*m->assign))) == NULL)
		return -1;
	for (i = 0; i < l->cnt; i++) {
		m->assign[i].partition = l->elems[i].partition;
		if ((m->assign[i].topic = strdup(l->elems[i].topic)) == NULL)
			return -1;
		m->assign_cnt++;
	}
	return 0;
}

static int fill_group(struct ktk_group_description *g,
		      const rd_kafka_ConsumerGroupDescription_t *d)
{
	const rd_kafka_error_t *e = rd_kafka_ConsumerGroupDescription_error(d);
	const rd_kafka_Node_t *c = rd_kafka_ConsumerGroupDescription_coordinator(d);
	size_t i, mc = rd_kafka_ConsumerGroupDescription_member_count(d);

	g->state = strdup(rd_kafka_consumer_group_state_name(
		rd_kafka_ConsumerGroupDescription_state(d)));
	g->assignor = dup_or(rd_kafka_ConsumerGroupDescription_partition_assignor(d), "");
	g->protocol_type = strdup(
		rd_kafka_ConsumerGroupDescription_is_simple_consumer_group(d)
			? "" : "consumer");
	if (!g->state || !g->assignor || !g->protocol_type)
		return -1;
	if (e != NULL && (g->error = strdup(rd_kafka_error_string(e))) == NULL)
		return -1;
	if (c != NULL) {
		g->coord_host = dup_or(rd_kafka_Node_host(c), "");
		g->coord_port = rd_kafka_Node_port(c);
		g->coord_id = rd_kafka_Node_id(c);
		if (g->coord_host == NULL)
			return -1;
	}
	if (mc == 0)
		return 0;
	if ((g->members = calloc(mc, sizeof(*g->members))) == NULL)
		return -1;
	for (i = 0; i < mc; i++) {
		g->member_cnt++;
		if (fill_member(&g->members[i],
				rd_kafka_ConsumerGroupDescription_member(d, i)))
			return -1;
	}
	return 0;
}

int ktk_groups_describe(struct ktk_admin *a, char *const *ids, size_t n,
			struct ktk_group_description *out, struct ktk_err *err)
{
	rd_kafka_AdminOptions_t *o;
	rd_kafka_event_t *ev;
	const rd_kafka_ConsumerGroupDescription_t **gd;
	const rd_kafka_error_t *e;
	size_t cnt, i, j;

	for (i = 0; i < n; i++)
		if ((out[i].group_id = strdup(ids[i])) == NULL)
			return ktk_err_set(err, KTK_EXIT_SOFTWARE, "out of memory");
	if (n == 0)
		return 0;
	o = ktk_admin_options(a, RD_KAFKA_ADMIN_OP_DESCRIBECONSUMERGROUPS, 0);
	rd_kafka_DescribeConsumerGroups(a->rk, (const char **)ids, n, o, a->q);
	rd_kafka_AdminOptions_destroy(o);
	if ((ev = ktk_admin_wait_result(a, "DescribeConsumerGroups", err)) == NULL)
		return -1;
	gd = rd_kafka_DescribeConsumerGroups_result_groups(
		rd_kafka_event_DescribeConsumerGroups_result(ev), &cnt);
	for (i = 0; i < cnt; i++) {
		const char *id = rd_kafka_ConsumerGroupDescription_group_id(gd[i]);

		for (j = 0; j < n; j++)
			if (out[j].state == NULL && strcmp(out[j].group_id, id) == 0)
				break;
		if (j == n)
			continue;
		e = rd_kafka_ConsumerGroupDescription_error(gd[i]);
		if (e && rd_kafka_error_code(e) ==
				 RD_KAFKA_RESP_ERR__UNSUPPORTED_FEATURE) {
			ktk_err_set(err, ktk_client_exit_code(rd_kafka_error_code(e)),
				    "DescribeConsumerGroups: %s",
				    rd_kafka_error_string(e));
			rd_kafka_event_destroy(ev);
			a->stuck = 1;
			return -1;
		}
		if (fill_group(&out[j], gd[i]) == -1) {
			rd_kafka_event_destroy(ev);
			return ktk_err_set(err, KTK_EXIT_SOFTWARE, "out of memory");
		}
	}
	rd_kafka_event_destroy(ev);
	for (j = 0; j < n; j++)
		if (out[j].state == NULL &&
		    ((out[j].state = strdup("Unknown")) == NULL ||
		     (out[j].error = strdup("not in the DescribeConsumerGroups "
					    "result")) == NULL))
			return ktk_err_set(err, KTK_EXIT_SOFTWARE, "out of memory");
	return 0;
}

void ktk_groups_rows_free(struct ktk_group_row *rows, size_t n)
{
	size_t i;

	for (i = 0; rows && i < n; i++)
		free(rows[i].topic);
	free(rows);
}

static int rows_from(const rd_kafka_topic_partition_list_t *l,
		     struct ktk_group_row **rows, size_t *cnt)
{
	int i;

	*rows = calloc((size_t)(l ? l->cnt : 0) + 1, sizeof(**rows));
	*cnt = 0;
	if (*rows == NULL)
		return -1;
	for (i = 0; l && i < l->cnt; i++) {
		struct ktk_group_row *r = &(*rows)[*cnt];

		if (l->elems[i].err || l->elems[i].offset < 0)
			continue;
		r->partition = l->elems[i].partition;
		r->committed = l->elems[i].offset;
		r->log_end = r->time_lag_ms = -1;
		r->member = -1;
		if ((r->topic = strdup(l->elems[i].topic)) == NULL)
			return -1;
		(*cnt)++;
	}
	return 0;
}

int ktk_groups_committed(struct ktk_admin *a, char *const *ids, size_t n,
			 const struct ktk_group_tp *only, size_t only_n,
			 struct ktk_group_row **rows, size_t *cnt, char **errs,
			 struct ktk_err *err)
{
	rd_kafka_topic_partition_list_t *l = NULL;
	size_t i, got;

	if (only != NULL) {
		l = rd_kafka_topic_partition_list_new((int)only_n + 1);
		for (i = 0; i < only_n; i++)
			rd_kafka_topic_partition_list_add(l, only[i].topic,
							  only[i].partition);
	}
	for (i = 0; i < n; i++) {
		rd_kafka_ListConsumerGroupOffsets_t *req =
			rd_kafka_ListConsumerGroupOffsets_new(ids[i], l);
		rd_kafka_AdminOptions_t *o = ktk_admin_options(
			a, RD_KAFKA_ADMIN_OP_LISTCONSUMERGROUPOFFSETS, 0);

		rows[i] = NULL;
		cnt[i] = 0;
		if (errs)
			errs[i] = NULL;
		rd_kafka_AdminOptions_set_opaque(o, (void *)(uintptr_t)(i + 1));
		rd_kafka_ListConsumerGroupOffsets(a->rk, &req, 1, o, a->q);
		rd_kafka_ListConsumerGroupOffsets_destroy(req);
		rd_kafka_AdminOptions_destroy(o);
	}
	if (l)
		rd_kafka_topic_partition_list_destroy(l);
	for (got = 0; got < n; got++) {
		rd_kafka_event_t *ev =
			ktk_admin_wait_any(a, "ListConsumerGroupOffsets", err);
		const rd_kafka_group_result_t **gr;
		rd_kafka_resp_err_t e;
		size_t gc, k;

		if (ev == NULL)
			return -1;
		k = (size_t)(uintptr_t)rd_kafka_event_opaque(ev);
		/* a request that failed as a whole (its coordinator did not
		 * answer in time: it may be moving) fails its group only,
		 * unless every broker is down */
		if ((e = rd_kafka_event_error(ev)) != RD_KAFKA_RESP_ERR_NO_ERROR) {
			if (a->down || k == 0 || k > n || errs == NULL) {
				ktk_err_set(err, ktk_client_exit_code(e),
					    "ListConsumerGroupOffsets failed: %s",
					    rd_kafka_event_error_string(ev));
				rd_kafka_event_destroy(ev);
				return -1;
			}
			if ((e == RD_KAFKA_RESP_ERR__TIMED_OUT
			     ? asprintf(&errs[k - 1], "no committed offsets "
					"within %d ms: its coordinator did not "
					"answer (a broker down: it moves to "
					"another soon)", a->timeout_ms)
			     : asprintf(&errs[k - 1], "no committed offsets: "
					"%s", rd_kafka_event_error_string(ev)))
			    < 0)
				errs[k - 1] = NULL;
			rd_kafka_event_destroy(ev);
			continue;
		}
		gr = rd_kafka_ListConsumerGroupOffsets_result_groups(
			rd_kafka_event_ListConsumerGroupOffsets_result(ev), &gc);
		if (k == 0 || k > n || gc != 1) {
			rd_kafka_event_destroy(ev);
			continue;
		}
		k--;
		if (rd_kafka_group_result_error(gr[0]) != NULL) {
			if (errs)
				errs[k] = strdup(rd_kafka_error_string(
					rd_kafka_group_result_error(gr[0])));
		} else if (rows_from(rd_kafka_group_result_partitions(gr[0]),
				     &rows[k], &cnt[k]) == -1) {
			rd_kafka_event_destroy(ev);
			return ktk_err_set(err, KTK_EXIT_SOFTWARE, "out of memory");
		}
		rd_kafka_event_destroy(ev);
	}
	return 0;
}

void ktk_groups_fails_free(struct ktk_groups_fails *f)
{
	size_t i;

	for (i = 0; f && i < f->n; i++)
		free(f->v[i]);
	if (f) {
		free(f->v);
		f->v = NULL;
		f->n = 0;
	}
}

static void fail_add(struct ktk_groups_fails *f, const char *t, int32_t p,
		     const char *why)
{
	char **nv, *line;

	if (f == NULL || (nv = realloc(f->v, (f->n + 1) * sizeof(*nv))) == NULL)
		return;
	f->v = nv;
	if (asprintf(&line, "%s-%d: %s", t, (int)p, why) >= 0)
		f->v[f->n++] = line;
}

/* a broker's reachability, asked once per call */
struct reach {
	int32_t id;
	int up; /* -1 not asked yet */
};

/* why partition @p t-@p p cannot be asked (into @p why), or 0 when it
 * can: its leader is named and accepts a connection; a partition the
 * metadata does not have is asked (the broker says it is unknown) */
static int leader_down(const struct rd_kafka_metadata *md, struct reach *r,
		       const char *t, int32_t p, int timeout_ms, char *why,
		       size_t size)
{
	const struct rd_kafka_metadata_topic *mt = NULL;
	int i, leader = -2;

	for (i = 0; i < md->topic_cnt && mt == NULL; i++)
		if (strcmp(md->topics[i].topic, t) == 0)
			mt = &md->topics[i];
	for (i = 0; mt && !mt->err && i < mt->partition_cnt; i++)
		if (mt->partitions[i].id == p)
			leader = mt->partitions[i].leader;
	if (leader == -2)
		return 0;
	if (leader < 0) {
		snprintf(why, size, "no leader");
		return 1;
	}
	for (i = 0; i < md->broker_cnt; i++) {
		if (md->brokers[i].id != leader)
			continue;
		if (r[i].up < 0)
			r[i].up = ktk_client_broker_reachable(
				md->brokers[i].host, md->brokers[i].port,
				timeout_ms);
		if (r[i].up)
			return 0;
		snprintf(why, size, "its leader, broker %d (%s:%d), is not "
			 "reachable", (int)leader, md->brokers[i].host,
			 md->brokers[i].port);
		return 1;
	}
	snprintf(why, size, "its leader, broker %d, is not in the metadata",
		 (int)leader);
	return 1;
}

static int known_or_gone(rd_kafka_resp_err_t e)
{
	return e == RD_KAFKA_RESP_ERR_NO_ERROR ||
	       e == RD_KAFKA_RESP_ERR_UNKNOWN_TOPIC_OR_PART ||
	       e == RD_KAFKA_RESP_ERR__UNKNOWN_PARTITION ||
	       e == RD_KAFKA_RESP_ERR__UNKNOWN_TOPIC;
}

int ktk_groups_log_offsets(struct ktk_admin *a, const char *const *topics,
			   const int32_t *parts, size_t n, int64_t when,
			   int64_t *out, struct ktk_groups_fails *fails,
			   struct ktk_err *err)
{
	const struct rd_kafka_metadata *md;
	rd_kafka_topic_partition_list_t *l, *ask;
	rd_kafka_resp_err_t e = RD_KAFKA_RESP_ERR_NO_ERROR;
	struct reach *r;
	int *idx; /* ask's j-th partition is l's idx[j]-th */
	char why[300];
	size_t i;
	int j;

	for (i = 0; i < n; i++)
		out[i] = -1;
	if (n == 0)
		return 0;
	if (ktk_admin_metadata(a, &md, err) == -1)
		return -1;
	r = calloc((size_t)md->broker_cnt + 1, sizeof(*r));
	idx = calloc(n, sizeof(*idx));
	if (r == NULL || idx == NULL) {
		free(r);
		free(idx);
		rd_kafka_metadata_destroy(md);
		return ktk_err_set(err, KTK_EXIT_SOFTWARE, "out of memory");
	}
	for (j = 0; j < md->broker_cnt; j++)
		r[j].id = md->brokers[j].id, r[j].up = -1;
	l = rd_kafka_topic_partition_list_new((int)n);
	ask = rd_kafka_topic_partition_list_new((int)n);
	for (i = 0; i < n; i++) {
		rd_kafka_topic_partition_t *p;

		if (rd_kafka_topic_partition_list_find(l, topics[i], parts[i]))
			continue;
		p = rd_kafka_topic_partition_list_add(l, topics[i], parts[i]);
		p->offset = -1;
		if (leader_down(md, r, topics[i], parts[i], a->timeout_ms, why,
				sizeof(why))) {
			p->err = RD_KAFKA_RESP_ERR_LEADER_NOT_AVAILABLE;
			fail_add(fails, topics[i], parts[i], why);
		} else {
			idx[ask->cnt] = l->cnt - 1;
			rd_kafka_topic_partition_list_add(ask, topics[i], parts[i])
				->offset = when;
		}
	}
	rd_kafka_metadata_destroy(md);
	free(r);
	if (ask->cnt > 0)
		e = rd_kafka_offsets_for_times(a->rk, ask, a->timeout_ms);
	if (!known_or_gone(e)) {
		free(idx);
		rd_kafka_topic_partition_list_destroy(l);
		rd_kafka_topic_partition_list_destroy(ask);
		return ktk_err_set(err, ktk_client_exit_code(e),
				   "could not read the log offsets: %s",
				   rd_kafka_err2str(e));
	}
	for (j = 0; j < ask->cnt; j++) {
		rd_kafka_topic_partition_t *q = &ask->elems[j];
		rd_kafka_topic_partition_t *p = &l->elems[idx[j]];

		if (p->partition != q->partition || strcmp(p->topic, q->topic))
			p = rd_kafka_topic_partition_list_find(l, q->topic,
							       q->partition);
		if (p == NULL)
			continue;
		p->err = q->err;
		p->offset = q->offset;
		if (!known_or_gone(q->err))
			fail_add(fails, q->topic, q->partition,
				 rd_kafka_err2str(q->err));
	}
	for (i = 0; i < n; i++) {
		rd_kafka_topic_partition_t *p =
			rd_kafka_topic_partition_list_find(l, topics[i], parts[i]);

		if (p && !p->err && p->offset >= 0)
			out[i] = p->offset;
	}
	free(idx);
	rd_kafka_topic_partition_list_destroy(l);
	rd_kafka_topic_partition_list_destroy(ask);
	return 0;
}

/* the first partition error of @p l, into err; 0 when none */
static int partition_errors(const rd_kafka_topic_partition_list_t *l,
			    const char *what, struct ktk_err *err)
{
	int i;

	for (i = 0; l && i < l->cnt; i++)
		if (l->elems[i].err)
			return ktk_err_set(err, KTK_EXIT_FAIL, "%s %s-%d: %s",
					   what, l->elems[i].topic,
					   (int)l->elems[i].partition,
					   rd_kafka_err2str(l->elems[i].err));
	return 0;
}

int ktk_groups_alter(struct ktk_admin *a, const char *group,
		     const char *const *topics, const int32_t *parts,
		     const int64_t *offsets, size_t n, struct ktk_err *err)
{
	rd_kafka_topic_partition_list_t *l =
		rd_kafka_topic_partition_list_new((int)n);
	rd_kafka_AlterConsumerGroupOffsets_t *req;
	rd_kafka_AdminOptions_t *o;
	rd_kafka_event_t *ev;
	const rd_kafka_group_result_t **gr;
	size_t i, gc;
	int rc = 0;

	for (i = 0; i < n; i++)
		rd_kafka_topic_partition_list_add(l, topics[i], parts[i])->offset =
			offsets[i];
	req = rd_kafka_AlterConsumerGroupOffsets_new(group, l);
	rd_kafka_topic_partition_list_destroy(l);
	o = ktk_admin_options(a, RD_KAFKA_ADMIN_OP_ALTERCONSUMERGROUPOFFSETS, 0);
	rd_kafka_AlterConsumerGroupOffsets(a->rk, &req, 1, o, a->q);
	rd_kafka_AlterConsumerGroupOffsets_destroy(req);
	rd_kafka_AdminOptions_destroy(o);
	if ((ev = ktk_admin_wait_result(a, "AlterConsumerGroupOffsets", err)) == NULL)
		return -1;
	gr = rd_kafka_AlterConsumerGroupOffsets_result_groups(
		rd_kafka_event_AlterConsumerGroupOffsets_result(ev), &gc);
	if (gc == 1 && rd_kafka_group_result_error(gr[0]))
		rc = ktk_err_set(err, KTK_EXIT_FAIL, "%s",
				 rd_kafka_error_string(rd_kafka_group_result_error(gr[0])));
	else if (gc == 1)
		rc = partition_errors(rd_kafka_group_result_partitions(gr[0]),
				      "could not commit", err);
	rd_kafka_event_destroy(ev);
	return rc;
}

int ktk_groups_delete(struct ktk_admin *a, char *const *ids, size_t n,
		      char **errs, struct ktk_err *err)
{
	rd_kafka_DeleteGroup_t **dg = calloc(n + 1, sizeof(*dg));
	rd_kafka_AdminOptions_t *o;
	rd_kafka_event_t *ev;
	const rd_kafka_group_result_t **gr;
	size_t i, j, gc;

	if (dg == NULL)
		return ktk_err_set(err, KTK_EXIT_SOFTWARE, "out of memory");
	for (i = 0; i < n; i++) {
		dg[i] = rd_kafka_DeleteGroup_new(ids[i]);
		errs[i] = NULL;
	}
	o = ktk_admin_options(a, RD_KAFKA_ADMIN_OP_DELETEGROUPS, 0);
	rd_kafka_DeleteGroups(a->rk, dg, n, o, a->q);
	rd_kafka_DeleteGroup_destroy_array(dg, n);
	free(dg);
	rd_kafka_AdminOptions_destroy(o);
	if ((ev = ktk_admin_wait_result(a, "DeleteGroups", err)) == NULL)
		return -1;
	gr = rd_kafka_DeleteGroups_result_groups(
		rd_kafka_event_DeleteGroups_result(ev), &gc);
	for (i = 0; i < gc; i++) {
		const rd_kafka_error_t *e = rd_kafka_group_result_error(gr[i]);

		for (j = 0; e && j < n; j++)
			if (!errs[j] && strcmp(ids[j], rd_kafka_group_result_name(gr[i])) == 0) {
				errs[j] = strdup(rd_kafka_error_string(e));
				break;
			}
	}
	rd_kafka_event_destroy(ev);
	return 0;
}

int ktk_groups_delete_offsets(struct ktk_admin *a, const char *group,
			      const char *const *topics, const int32_t *parts,
			      size_t n, char **errs, char *top, size_t top_size,
			      struct ktk_err *err)
{
	rd_kafka_topic_partition_list_t *l =
		rd_kafka_topic_partition_list_new((int)n);
	rd_kafka_DeleteConsumerGroupOffsets_t *req;
	rd_kafka_AdminOptions_t *o;
	rd_kafka_event_t *ev;
	const rd_kafka_group_result_t **gr;
	const rd_kafka_topic_partition_list_t *res;
	size_t i, gc;

	top[0] = '\0';
	for (i = 0; i < n; i++) {
		rd_kafka_topic_partition_list_add(l, topics[i], parts[i]);
		errs[i] = NULL;
	}
	req = rd_kafka_DeleteConsumerGroupOffsets_new(group, l);
	rd_kafka_topic_partition_list_destroy(l);
	o = ktk_admin_options(a, RD_KAFKA_ADMIN_OP_DELETECONSUMERGROUPOFFSETS, 0);
	rd_kafka_DeleteConsumerGroupOffsets(a->rk, &req, 1, o, a->q);
	rd_kafka_DeleteConsumerGroupOffsets_destroy(req);
	rd_kafka_AdminOptions_destroy(o);
	ev = ktk_admin_wait_result(a, "DeleteConsumerGroupOffsets", err);
	if (ev == NULL) {
		/* a group-level refusal (not empty, no such group) fails the
		 * whole event: report it as the group's error */
		if (err->code == KTK_EXIT_FAIL) {
			const char *m = strstr(err->msg, "failed: ");

			snprintf(top, top_size, "%s", m ? m + 8 : err->msg);
			return 0;
		}
		return -1;
	}
	gr = rd_kafka_DeleteConsumerGroupOffsets_result_groups(
		rd_kafka_event_DeleteConsumerGroupOffsets_result(ev), &gc);
	if (gc == 1) {
		if (rd_kafka_group_result_error(gr[0]))
			snprintf(top, top_size, "%s", rd_kafka_error_string(
					 rd_kafka_group_result_error(gr[0])));
		res = rd_kafka_group_result_partitions(gr[0]);
		for (i = 0; res && i < n; i++) {
			rd_kafka_topic_partition_t *p =
				rd_kafka_topic_partition_list_find(
					(rd_kafka_topic_partition_list_t *)res,
					topics[i], parts[i]);

			if (p && p->err)
				errs[i] = strdup(rd_kafka_err2str(p->err));
		}
	}
	rd_kafka_event_destroy(ev);
	return 0;
}

long ktk_groups_topic_partitions(const struct rd_kafka_metadata *md,
				 const char *topic, int32_t **parts)
{
	int i, j;

	*parts = NULL;
	for (i = 0; i < md->topic_cnt; i++) {
		const rd_kafka_metadata_topic_t *t = &md->topics[i];

		if (strcmp(t->topic, topic) != 0 || t->err)
			continue;
		if ((*parts = calloc((size_t)t->partition_cnt + 1,
				     sizeof(int32_t))) == NULL)
			return -1;
		for (j = 0; j < t->partition_cnt; j++)
			(*parts)[j] = t->partitions[j].id;
		return t->partition_cnt;
	}
	return 0;
}
