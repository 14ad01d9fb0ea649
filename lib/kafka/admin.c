/* SPDX-License-Identifier: Apache-2.0 */
/* admin.c -- topic administration through librdkafka; see admin.h.
 *
 * Describe = one Metadata request (partitions, leaders, replicas, ISR,
 * live brokers) + one DescribeConfigs request for every topic (+ one
 * DescribeTopics request for topic ids where librdkafka has it, + two
 * ListOffsets rounds for --offsets). Mutations are one Admin request for
 * all topics, then metadata polling until the change is visible.
 */
#include "lib/kafka/admin.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "lib/base/clock.h"
#include "lib/base/strv.h"
#include "lib/config/settings.h"
#include "lib/kafka/client.h"
#include "lib/kafka/features.h"
#include "lib/kafka/groups.h"
#include "lib/kafka/meta.h"

int ktk_admin_open(struct ktk_admin *a, const struct ktk_conf *conf,
		   int verbosity, int timeout_ms, struct ktk_err *err)
{
	rd_kafka_conf_t *rc;
	const char *bs = ktk_conf_get(conf, "bootstrap.servers");

	memset(a, 0, sizeof(*a));
	a->conf = conf;
	a->timeout_ms = timeout_ms;
	snprintf(a->bootstrap, sizeof(a->bootstrap), "%s", bs ? bs : "?");
	rc = ktk_client_conf(conf, verbosity, err);
	if (rc == NULL)
		return -1;
	/* we report unreachable brokers ourselves: librdkafka's own
	 * connection-failure lines only with -v */
	if (verbosity <= 1 && ktk_conf_get(conf, "log_level") == NULL)
		rd_kafka_conf_set(rc, "log_level", "2", NULL, 0);
	/* errors (all brokers down) come to us as events, not log lines */
	rd_kafka_conf_set_events(rc, RD_KAFKA_EVENT_ERROR);
	a->rk = ktk_client_new(RD_KAFKA_PRODUCER, rc, err);
	if (a->rk == NULL) {
		rd_kafka_conf_destroy(rc);
		return -1;
	}
	a->q = rd_kafka_queue_new(a->rk);
	a->mq = rd_kafka_queue_get_main(a->rk);
	return 0;
}

int ktk_admin_start(struct ktk_admin *a, struct ktk_common *common,
		    int timeout_ms, unsigned flags, struct ktk_err *err)
{
	char dropped[512] = "";

	memset(a, 0, sizeof(*a));
	if (ktk_settings_resolve(common, dropped, sizeof(dropped), err))
		return -1;
	if (common->conf_dump) /* -X dump: the caller prints it */
		return KTK_ADMIN_DUMP;
	ktk_common_notes(common);
	if (flags & KTK_ADMIN_GROUPS)
		return ktk_groups_open(a, &common->client, common->verbosity,
				       timeout_ms, err);
	return ktk_admin_open(a, &common->client, common->verbosity,
			      timeout_ms, err);
}

void ktk_admin_close(struct ktk_admin *a)
{
	size_t i;

	for (i = 0; i < a->seen_n; i++)
		free(a->seen[i].host);
	free(a->seen);
	if (a->q)
		rd_kafka_queue_destroy(a->q);
	if (a->mq)
		rd_kafka_queue_destroy(a->mq);
	/* librdkafka 2.0.2 never completes a group's coordinator requests
	 * after a DescribeGroups the broker does not support (the mock
	 * cluster), and rd_kafka_destroy() would wait for them forever */
	if (a->rk && !a->stuck)
		rd_kafka_destroy(a->rk);
	memset(a, 0, sizeof(*a));
}

/* Read error events; remember when every broker is down, or the login
 * was refused (which is said first, and then brings every broker down). */
static void drain_errors(struct ktk_admin *a)
{
	rd_kafka_event_t *ev;
	int i;

	for (i = 0; i < 1000 && (ev = rd_kafka_queue_poll(a->mq, 0)); i++) {
		rd_kafka_resp_err_t e = rd_kafka_event_error(ev);
		const char *why = rd_kafka_event_error_string(ev);

		if (rd_kafka_event_type(ev) == RD_KAFKA_EVENT_ERROR &&
		    !a->refused &&
		    (e == RD_KAFKA_RESP_ERR__ALL_BROKERS_DOWN ||
		     ktk_client_refused(e, why))) {
			a->down = 1;
			a->refused = e != RD_KAFKA_RESP_ERR__ALL_BROKERS_DOWN;
			snprintf(a->down_reason, sizeof(a->down_reason), "%s",
				 why);
		}
		rd_kafka_event_destroy(ev);
	}
}

static int unreachable(struct ktk_admin *a, struct ktk_err *err)
{
	if (a->refused)
		return ktk_err_set(err, KTK_EXIT_FAIL, "%s", a->down_reason);
	if (a->down)
		return ktk_err_set(err, KTK_EXIT_UNAVAILABLE,
				   "cannot reach any broker at %s (%s)",
				   a->bootstrap, a->down_reason);
	return ktk_err_set(err, KTK_EXIT_UNAVAILABLE,
			   "no broker at %s answered within %d ms",
			   a->bootstrap, a->timeout_ms);
}

/* add the brokers of @p md that a->seen lacks (out of memory: not) */
static void remember_brokers(struct ktk_admin *a,
			     const struct rd_kafka_metadata *md)
{
	struct ktk_admin_broker *nv;
	size_t j;
	int i;

	for (i = 0; i < md->broker_cnt; i++) {
		for (j = 0; j < a->seen_n; j++)
			if (a->seen[j].id == md->brokers[i].id)
				break;
		if (j < a->seen_n ||
		    (nv = realloc(a->seen, (a->seen_n + 1) * sizeof(*nv))) == NULL)
			continue;
		a->seen = nv;
		nv[a->seen_n].id = md->brokers[i].id;
		nv[a->seen_n].port = md->brokers[i].port;
		if ((nv[a->seen_n].host = strdup(md->brokers[i].host)) != NULL)
			a->seen_n++;
	}
}

/* Metadata of every topic, in growing slices so that an unreachable
 * cluster is noticed as soon as librdkafka says so. */
int ktk_admin_metadata(struct ktk_admin *a, const struct rd_kafka_metadata **md,
		    struct ktk_err *err)
{
	int64_t deadline = ktk_clock_ms() + a->timeout_ms;
	int slice = 200;

	/* no broker accepting a connection: the same line as every binary,
	 * asked before the first request (after the command line's checks) */
	if (!a->reached) {
		if (ktk_client_reachable(a->conf, a->timeout_ms, err) == -1)
			return -1;
		a->reached = 1;
	}
	for (;;) {
		int64_t left = deadline - ktk_clock_ms();
		rd_kafka_resp_err_t e;

		if (left <= 0)
			return unreachable(a, err);
		e = rd_kafka_metadata(a->rk, 1, NULL, md,
				      (int)(left < slice ? left : slice));
		if (e == RD_KAFKA_RESP_ERR_NO_ERROR) {
			remember_brokers(a, *md);
			return 0;
		}
		drain_errors(a);
		if (a->down)
			return unreachable(a, err);
		if (e != RD_KAFKA_RESP_ERR__TIMED_OUT &&
		    e != RD_KAFKA_RESP_ERR__TRANSPORT)
			return ktk_err_set(err, ktk_client_exit_code(e),
					   "metadata request failed: %s",
					   rd_kafka_err2str(e));
		if (slice < 4000)
			slice *= 2;
	}
}

/* Whether the cluster can serve @p what, a request librdkafka sends to
 * the controller: its metadata must name one of its brokers as the
 * controller (librdkafka's mock cluster names none, and librdkafka would
 * wait the whole timeout for it). */
static int served(struct ktk_admin *a, const char *what, struct ktk_err *err)
{
	const struct rd_kafka_metadata *md;
	int32_t id;
	int k;

	if (a->controller)
		return 0;
	if (ktk_admin_metadata(a, &md, err) == -1)
		return -1;
	id = rd_kafka_controllerid(a->rk, 0);
	for (k = 0; k < md->broker_cnt; k++)
		if (md->brokers[k].id == id)
			a->controller = 1;
	rd_kafka_metadata_destroy(md);
	if (a->controller)
		return 0;
	return ktk_err_set(err, KTK_EXIT_FAIL,
			   "the cluster at %s does not serve %s: its metadata "
			   "names no controller among its brokers (as "
			   "librdkafka's mock cluster, ktk-mock)",
			   a->bootstrap, what);
}


static int cmp_str(const void *x, const void *y)
{
	return strcmp(*(char *const *)x, *(char *const *)y);
}

void ktk_names_free(struct ktk_names *n)
{
	ktk_strv_free(n->v, n->n);
	n->v = NULL;
	n->n = 0;
}

int ktk_admin_names(struct ktk_admin *a, const struct ktk_topic_spec_filter *f,
		    int exclude_internal, struct ktk_names *out,
		    struct ktk_err *err)
{
	const struct rd_kafka_metadata *md;
	int i;

	out->v = NULL;
	out->n = 0;
	if (ktk_admin_metadata(a, &md, err) == -1)
		return -1;
	out->v = calloc((size_t)md->topic_cnt + 1, sizeof(char *));
	if (out->v == NULL) {
		rd_kafka_metadata_destroy(md);
		return ktk_err_set(err, KTK_EXIT_SOFTWARE, "out of memory");
	}
	for (i = 0; i < md->topic_cnt; i++) {
		const char *t = md->topics[i].topic;

		if (md->topics[i].err ==
		    RD_KAFKA_RESP_ERR_UNKNOWN_TOPIC_OR_PART)
			continue;
		if (exclude_internal && ktk_topic_spec_is_internal(t))
			continue;
		if (f != NULL && !ktk_topic_spec_filter_match(f, t))
			continue;
		if ((out->v[out->n] = strdup(t)) == NULL) {
			rd_kafka_metadata_destroy(md);
			ktk_names_free(out);
			return ktk_err_set(err, KTK_EXIT_SOFTWARE,
					   "out of memory");
		}
		out->n++;
	}
	rd_kafka_metadata_destroy(md);
	qsort(out->v, out->n, sizeof(char *), cmp_str);
	return 0;
}

/* ---- Admin requests --------------------------------------------------- */

rd_kafka_AdminOptions_t *ktk_admin_options(struct ktk_admin *a,
					rd_kafka_admin_op_t op,
					int validate_only)
{
	rd_kafka_AdminOptions_t *o = rd_kafka_AdminOptions_new(a->rk, op);
	char errstr[256];

	rd_kafka_AdminOptions_set_request_timeout(o, a->timeout_ms, errstr,
						  sizeof(errstr));
	if (op == RD_KAFKA_ADMIN_OP_CREATETOPICS ||
	    op == RD_KAFKA_ADMIN_OP_DELETETOPICS ||
	    op == RD_KAFKA_ADMIN_OP_CREATEPARTITIONS)
		rd_kafka_AdminOptions_set_operation_timeout(
			o, a->timeout_ms, errstr, sizeof(errstr));
	if (validate_only)
		rd_kafka_AdminOptions_set_validate_only(o, 1, errstr,
							sizeof(errstr));
	return o;
}

/* Wait for the result of the request just sent, in slices so that a
 * refused login ends the wait; NULL with err set. */
rd_kafka_event_t *ktk_admin_wait_result(struct ktk_admin *a, const char *what,
				     struct ktk_err *err)
{
	rd_kafka_event_t *ev = ktk_admin_wait_any(a, what, err);
	rd_kafka_resp_err_t e;

	if (ev == NULL)
		return NULL;
	if ((e = rd_kafka_event_error(ev)) != RD_KAFKA_RESP_ERR_NO_ERROR) {
		ktk_err_set(err, ktk_client_exit_code(e), "%s failed: %s",
			    what, rd_kafka_event_error_string(ev));
		rd_kafka_event_destroy(ev);
		return NULL;
	}
	return ev;
}

rd_kafka_event_t *ktk_admin_wait_any(struct ktk_admin *a, const char *what,
				     struct ktk_err *err)
{
	int64_t deadline = ktk_clock_ms() + a->timeout_ms + 5000;
	rd_kafka_event_t *ev = NULL;

	for (;;) {
		int64_t left = deadline - ktk_clock_ms();

		if (left <= 0)
			break;
		ev = rd_kafka_queue_poll(a->q, (int)(left < 200 ? left : 200));
		if (ev != NULL)
			break;
		drain_errors(a);
		if (a->refused) {
			unreachable(a, err);
			return NULL;
		}
	}
	if (ev == NULL)
		ktk_err_set(err, KTK_EXIT_UNAVAILABLE,
			    "%s: no answer within %d ms", what, a->timeout_ms);
	return ev;
}

static void result_set(struct ktk_topic_result *r, const char *name,
		       rd_kafka_resp_err_t e, const char *msg)
{
	r->name = name;
	if (e == RD_KAFKA_RESP_ERR_NO_ERROR)
		r->status = KTK_TRES_OK;
	else if (e == RD_KAFKA_RESP_ERR_TOPIC_ALREADY_EXISTS)
		r->status = KTK_TRES_EXISTS;
	else if (e == RD_KAFKA_RESP_ERR_UNKNOWN_TOPIC_OR_PART)
		r->status = KTK_TRES_UNKNOWN;
	else
		r->status = KTK_TRES_FAILED;
	snprintf(r->msg, sizeof(r->msg), "%s",
		 msg && *msg ? msg : rd_kafka_err2str(e));
	/* one line */
	for (char *p = r->msg; *p; p++)
		if (*p == '\n' || *p == '\r')
			*p = ' ';
}

/* Copy per-topic results of Create/Delete/CreatePartitions into res,
 * in the order of @p names. */
static void topic_results(const rd_kafka_topic_result_t **tr, size_t cnt,
			  char *const *names, size_t n,
			  struct ktk_topic_result *res)
{
	size_t i, j;

	for (i = 0; i < n; i++) {
		result_set(&res[i], names[i], RD_KAFKA_RESP_ERR__FAIL,
			   "no result from the broker");
		for (j = 0; j < cnt; j++)
			if (strcmp(rd_kafka_topic_result_name(tr[j]),
				   names[i]) == 0)
				result_set(&res[i], names[i],
					   rd_kafka_topic_result_error(tr[j]),
					   rd_kafka_topic_result_error_string(
						   tr[j]));
	}
}

/* Wait for the result of CreateTopics, DeleteTopics or CreatePartitions
 * and copy its per-topic outcomes into @p res. @returns 0 or -1. */
static int topics_outcome(struct ktk_admin *a, const char *what,
			  char *const *names, size_t n,
			  struct ktk_topic_result *res, struct ktk_err *err)
{
	rd_kafka_event_t *ev = ktk_admin_wait_result(a, what, err);
	const rd_kafka_topic_result_t **tr = NULL;
	size_t cnt = 0;

	if (ev == NULL)
		return -1;
	switch (rd_kafka_event_type(ev)) {
	case RD_KAFKA_EVENT_CREATETOPICS_RESULT:
		tr = rd_kafka_CreateTopics_result_topics(
			rd_kafka_event_CreateTopics_result(ev), &cnt);
		break;
	case RD_KAFKA_EVENT_DELETETOPICS_RESULT:
		tr = rd_kafka_DeleteTopics_result_topics(
			rd_kafka_event_DeleteTopics_result(ev), &cnt);
		break;
	case RD_KAFKA_EVENT_CREATEPARTITIONS_RESULT:
		tr = rd_kafka_CreatePartitions_result_topics(
			rd_kafka_event_CreatePartitions_result(ev), &cnt);
		break;
	}
	topic_results(tr, cnt, names, n, res);
	rd_kafka_event_destroy(ev);
	return 0;
}

int ktk_admin_create(struct ktk_admin *a, const struct ktk_new_topic *t,
		     size_t n, int validate_only, struct ktk_topic_result *res,
		     struct ktk_err *err)
{
	rd_kafka_NewTopic_t **nt = calloc(n + 1, sizeof(*nt));
	char **names = calloc(n + 1, sizeof(char *));
	rd_kafka_AdminOptions_t *o;
	char errstr[512];
	size_t i, j, k;
	int rc = -1;

	if (nt == NULL || names == NULL) {
		free(nt);
		free(names);
		return ktk_err_set(err, KTK_EXIT_SOFTWARE, "out of memory");
	}
	if (served(a, "CreateTopics", err))
		goto out;
	for (i = 0; i < n; i++) {
		const struct ktk_topic_spec_replica_assignment *ra = t[i].ra;

		names[i] = (char *)t[i].name;
		nt[i] = rd_kafka_NewTopic_new(t[i].name,
					      ra ? (int)ra->partitions
						 : t[i].partitions,
					      ra ? -1 : t[i].rf, errstr,
					      sizeof(errstr));
		if (nt[i] == NULL) {
			ktk_err_set(err, KTK_EXIT_USAGE, "topic %s: %s",
				    t[i].name, errstr);
			goto out;
		}
		for (j = 0; ra && j < ra->partitions; j++)
			if (rd_kafka_NewTopic_set_replica_assignment(
				    nt[i], (int32_t)j, ra->ids + j * ra->rf,
				    ra->rf, errstr, sizeof(errstr))) {
				ktk_err_set(err, KTK_EXIT_USAGE,
					    "--replica-assignment: %s", errstr);
				goto out;
			}
		for (k = 0; k < t[i].cfg_cnt; k++)
			rd_kafka_NewTopic_set_config(nt[i], t[i].cfg_names[k],
						     t[i].cfg_values[k]);
	}
	o = ktk_admin_options(a, RD_KAFKA_ADMIN_OP_CREATETOPICS, validate_only);
	rd_kafka_CreateTopics(a->rk, nt, n, o, a->q);
	rd_kafka_AdminOptions_destroy(o);
	rc = topics_outcome(a, "CreateTopics", names, n, res, err);
out:
	for (i = 0; i < n; i++)
		if (nt[i])
			rd_kafka_NewTopic_destroy(nt[i]);
	free(nt);
	free(names);
	return rc;
}

int ktk_admin_delete(struct ktk_admin *a, const struct ktk_names *names,
		     struct ktk_topic_result *res, struct ktk_err *err)
{
	rd_kafka_DeleteTopic_t **dt = calloc(names->n + 1, sizeof(*dt));
	rd_kafka_AdminOptions_t *o;
	size_t i;
	int rc;

	if (dt == NULL)
		return ktk_err_set(err, KTK_EXIT_SOFTWARE, "out of memory");
	if (served(a, "DeleteTopics", err)) {
		free(dt);
		return -1;
	}
	for (i = 0; i < names->n; i++)
		dt[i] = rd_kafka_DeleteTopic_new(names->v[i]);
	o = ktk_admin_options(a, RD_KAFKA_ADMIN_OP_DELETETOPICS, 0);
	rd_kafka_DeleteTopics(a->rk, dt, names->n, o, a->q);
	rd_kafka_AdminOptions_destroy(o);
	rc = topics_outcome(a, "DeleteTopics", names->v, names->n, res, err);
	rd_kafka_DeleteTopic_destroy_array(dt, names->n);
	free(dt);
	return rc;
}

int ktk_admin_add_partitions(struct ktk_admin *a, const struct ktk_names *names,
			     int total, const struct ktk_topic_spec_replica_assignment *ra,
			     int validate_only, struct ktk_topic_result *res,
			     struct ktk_err *err)
{
	rd_kafka_NewPartitions_t **np = calloc(names->n + 1, sizeof(*np));
	const struct rd_kafka_metadata *md = NULL;
	rd_kafka_AdminOptions_t *o;
	char errstr[512];
	size_t i, j;
	int rc = -1, k;

	if (np == NULL)
		return ktk_err_set(err, KTK_EXIT_SOFTWARE, "out of memory");
	if (served(a, "CreatePartitions", err) ||
	    (ra != NULL && ktk_admin_metadata(a, &md, err) == -1))
		goto out;
	for (i = 0; i < names->n; i++) {
		int cur = -1;

		np[i] = rd_kafka_NewPartitions_new(names->v[i], (size_t)total,
						   errstr, sizeof(errstr));
		if (np[i] == NULL) {
			ktk_err_set(err, KTK_EXIT_USAGE, "--partitions: %s",
				    errstr);
			goto out;
		}
		if (ra == NULL)
			continue;
		for (k = 0; k < md->topic_cnt; k++)
			if (strcmp(md->topics[k].topic, names->v[i]) == 0)
				cur = md->topics[k].partition_cnt;
		if (cur < 0)
			continue; /* the broker will say it does not exist */
		if (ra->partitions != (size_t)total) {
			ktk_err_set(err, KTK_EXIT_USAGE,
				    "--replica-assignment lists %zu partitions "
				    "but --partitions is %d",
				    ra->partitions, total);
			goto out;
		}
		for (j = (size_t)cur; j < ra->partitions; j++)
			if (rd_kafka_NewPartitions_set_replica_assignment(
				    np[i], (int32_t)(j - (size_t)cur),
				    ra->ids + j * ra->rf, ra->rf, errstr,
				    sizeof(errstr))) {
				ktk_err_set(err, KTK_EXIT_USAGE,
					    "--replica-assignment: %s", errstr);
				goto out;
			}
	}
	o = ktk_admin_options(a, RD_KAFKA_ADMIN_OP_CREATEPARTITIONS, validate_only);
	rd_kafka_CreatePartitions(a->rk, np, names->n, o, a->q);
	rd_kafka_AdminOptions_destroy(o);
	rc = topics_outcome(a, "CreatePartitions", names->v, names->n, res,
			    err);
out:
	if (md)
		rd_kafka_metadata_destroy(md);
	for (i = 0; i < names->n; i++)
		if (np[i])
			rd_kafka_NewPartitions_destroy(np[i]);
	free(np);
	return rc;
}

/* ---- configurations ----------------------------------------------------- */

/* DescribeConfigs for topics @p names; the caller destroys *@p evp. */
static int describe_configs(struct ktk_admin *a, char *const *names, size_t n,
			    rd_kafka_event_t **evp,
			    const rd_kafka_ConfigResource_t ***res,
			    size_t *cnt, struct ktk_err *err)
{
	rd_kafka_ConfigResource_t **cr = calloc(n + 1, sizeof(*cr));
	rd_kafka_AdminOptions_t *o;
	size_t i;

	*evp = NULL;
	*cnt = 0;
	if (cr == NULL)
		return ktk_err_set(err, KTK_EXIT_SOFTWARE, "out of memory");
	if (n == 0) {
		free(cr);
		return 0;
	}
	if (served(a, "DescribeConfigs", err)) {
		free(cr);
		return -1;
	}
	for (i = 0; i < n; i++)
		cr[i] = rd_kafka_ConfigResource_new(RD_KAFKA_RESOURCE_TOPIC,
						    names[i]);
	o = ktk_admin_options(a, RD_KAFKA_ADMIN_OP_DESCRIBECONFIGS, 0);
	rd_kafka_DescribeConfigs(a->rk, cr, n, o, a->q);
	rd_kafka_AdminOptions_destroy(o);
	rd_kafka_ConfigResource_destroy_array(cr, n);
	free(cr);
	if ((*evp = ktk_admin_wait_result(a, "DescribeConfigs", err)) == NULL)
		return -1;
	*res = rd_kafka_DescribeConfigs_result_resources(
		rd_kafka_event_DescribeConfigs_result(*evp), cnt);
	return 0;
}

static const rd_kafka_ConfigResource_t *
find_resource(const rd_kafka_ConfigResource_t **res, size_t cnt,
	      const char *name)
{
	size_t i;

	for (i = 0; i < cnt; i++)
		if (strcmp(rd_kafka_ConfigResource_name(res[i]), name) == 0)
			return res[i];
	return NULL;
}

/* The change ktk_admin_alter_configs() makes to each topic */
struct config_change {
	char *const *set_names, *const *set_values;
	size_t set_cnt;
	char *const *del_names;
	size_t del_cnt;
};

#if KTK_HAVE_INCREMENTAL_ALTER_CONFIGS
static void config_results(const rd_kafka_ConfigResource_t **rs, size_t cnt,
			   const struct ktk_names *names,
			   struct ktk_topic_result *res)
{
	size_t i;

	for (i = 0; i < names->n; i++) {
		const rd_kafka_ConfigResource_t *r =
			find_resource(rs, cnt, names->v[i]);

		if (r == NULL)
			result_set(&res[i], names->v[i], RD_KAFKA_RESP_ERR__FAIL,
				   "no result from the broker");
		else
			result_set(&res[i], names->v[i],
				   rd_kafka_ConfigResource_error(r),
				   rd_kafka_ConfigResource_error_string(r));
	}
}

static int alter_configs(struct ktk_admin *a, const struct ktk_names *names,
			 const struct config_change *ch, int validate_only,
			 rd_kafka_ConfigResource_t **cr,
			 struct ktk_topic_result *res, struct ktk_err *err)
{
	const rd_kafka_ConfigResource_t **rs;
	rd_kafka_AdminOptions_t *o;
	rd_kafka_event_t *ev;
	size_t i, k, cnt;
	int rc = -1;

	if (served(a, "IncrementalAlterConfigs", err))
		goto out;
	for (i = 0; i < names->n; i++) {
		cr[i] = rd_kafka_ConfigResource_new(RD_KAFKA_RESOURCE_TOPIC,
						    names->v[i]);
		for (k = 0; k < ch->set_cnt + ch->del_cnt; k++) {
			rd_kafka_error_t *e =
				rd_kafka_ConfigResource_add_incremental_config(
					cr[i],
					k < ch->set_cnt
						? ch->set_names[k]
						: ch->del_names[k - ch->set_cnt],
					k < ch->set_cnt
						? RD_KAFKA_ALTER_CONFIG_OP_TYPE_SET
						: RD_KAFKA_ALTER_CONFIG_OP_TYPE_DELETE,
					k < ch->set_cnt ? ch->set_values[k] : NULL);
			if (e != NULL) {
				ktk_err_set(err, KTK_EXIT_USAGE, "%s",
					    rd_kafka_error_string(e));
				rd_kafka_error_destroy(e);
				goto out;
			}
		}
	}
	o = ktk_admin_options(a, RD_KAFKA_ADMIN_OP_INCREMENTALALTERCONFIGS,
		    validate_only);
	rd_kafka_IncrementalAlterConfigs(a->rk, cr, names->n, o, a->q);
	rd_kafka_AdminOptions_destroy(o);
	if ((ev = ktk_admin_wait_result(a, "IncrementalAlterConfigs", err)) != NULL) {
		rs = rd_kafka_IncrementalAlterConfigs_result_resources(
			rd_kafka_event_IncrementalAlterConfigs_result(ev), &cnt);
		config_results(rs, cnt, names, res);
		rd_kafka_event_destroy(ev);
		rc = 0;
	}
out:
	for (i = 0; i < names->n; i++)
		if (cr[i])
			rd_kafka_ConfigResource_destroy(cr[i]);
	return rc;
}
#else
static int has_name(char *const *v, size_t n, const char *name)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(v[i], name) == 0)
			return 1;
	return 0;
}

/* AlterConfigs replaces a topic's whole set of dynamic entries: read them
 * with DescribeConfigs, change them, write them all back. */
static int alter_configs(struct ktk_admin *a, const struct ktk_names *names,
			 const struct config_change *ch, int validate_only,
			 rd_kafka_ConfigResource_t **cr,
			 struct ktk_topic_result *res, struct ktk_err *err)
{
	const rd_kafka_ConfigResource_t **cur, **rs;
	rd_kafka_event_t *dev = NULL, *ev;
	rd_kafka_AdminOptions_t *o;
	size_t i, k, ccnt, cnt, m = 0;
	int rc = -1;

	if (served(a, "AlterConfigs", err) ||
	    describe_configs(a, names->v, names->n, &dev, &cur, &ccnt, err))
		goto out;
	for (i = 0; i < names->n; i++) {
		const rd_kafka_ConfigResource_t *r =
			find_resource(cur, ccnt, names->v[i]);
		const rd_kafka_ConfigEntry_t **ents;
		size_t ecnt;

		if (r == NULL || rd_kafka_ConfigResource_error(r)) {
			result_set(&res[i], names->v[i],
				   r ? rd_kafka_ConfigResource_error(r)
				     : RD_KAFKA_RESP_ERR__FAIL,
				   r ? rd_kafka_ConfigResource_error_string(r)
				     : "no result from the broker");
			continue;
		}
		ents = rd_kafka_ConfigResource_configs(r, &ecnt);
		/* a name to delete must be a topic config at all */
		for (k = 0; k < ch->del_cnt; k++) {
			size_t e;

			for (e = 0; e < ecnt; e++)
				if (strcmp(rd_kafka_ConfigEntry_name(ents[e]),
					   ch->del_names[k]) == 0)
					break;
			if (e == ecnt)
				break;
		}
		if (k < ch->del_cnt) {
			char msg[300];

			snprintf(msg, sizeof(msg),
				 "Unknown topic config name: %s",
				 ch->del_names[k]);
			result_set(&res[i], names->v[i],
				   RD_KAFKA_RESP_ERR_INVALID_CONFIG, msg);
			continue;
		}
		cr[m] = rd_kafka_ConfigResource_new(RD_KAFKA_RESOURCE_TOPIC,
						    names->v[i]);
		for (k = 0; k < ecnt; k++) {
			const rd_kafka_ConfigEntry_t *e = ents[k];
			const char *n = rd_kafka_ConfigEntry_name(e);

			if (rd_kafka_ConfigEntry_source(e) !=
				    RD_KAFKA_CONFIG_SOURCE_DYNAMIC_TOPIC_CONFIG ||
			    has_name(ch->del_names, ch->del_cnt, n) ||
			    has_name(ch->set_names, ch->set_cnt, n))
				continue;
			if (rd_kafka_ConfigEntry_value(e) == NULL) {
				ktk_err_set(err, KTK_EXIT_FAIL,
					    "topic %s: cannot carry over the "
					    "sensitive entry %s without "
					    "IncrementalAlterConfigs "
					    "(librdkafka >= 2.2)",
					    names->v[i], n);
				goto out;
			}
			rd_kafka_ConfigResource_set_config(
				cr[m], n, rd_kafka_ConfigEntry_value(e));
		}
		for (k = 0; k < ch->set_cnt; k++)
			rd_kafka_ConfigResource_set_config(
				cr[m], ch->set_names[k], ch->set_values[k]);
		res[i].name = names->v[i];
		res[i].status = -1; /* filled from the AlterConfigs result */
		m++;
	}
	rc = 0;
	if (m == 0)
		goto out;
	rc = -1;
	o = ktk_admin_options(a, RD_KAFKA_ADMIN_OP_ALTERCONFIGS, validate_only);
	rd_kafka_AlterConfigs(a->rk, cr, m, o, a->q);
	rd_kafka_AdminOptions_destroy(o);
	if ((ev = ktk_admin_wait_result(a, "AlterConfigs", err)) == NULL)
		goto out;
	rs = rd_kafka_AlterConfigs_result_resources(
		rd_kafka_event_AlterConfigs_result(ev), &cnt);
	for (i = 0; i < names->n; i++) {
		const rd_kafka_ConfigResource_t *r;

		if (res[i].status != -1)
			continue;
		r = find_resource(rs, cnt, names->v[i]);
		result_set(&res[i], names->v[i],
			   r ? rd_kafka_ConfigResource_error(r)
			     : RD_KAFKA_RESP_ERR__FAIL,
			   r ? rd_kafka_ConfigResource_error_string(r)
			     : "no result from the broker");
	}
	rd_kafka_event_destroy(ev);
	rc = 0;
out:
	if (dev)
		rd_kafka_event_destroy(dev);
	for (i = 0; i < m; i++)
		rd_kafka_ConfigResource_destroy(cr[i]);
	return rc;
}
#endif

int ktk_admin_alter_configs(struct ktk_admin *a, const struct ktk_names *names,
			    char *const *set_names, char *const *set_values,
			    size_t set_cnt, char *const *del_names,
			    size_t del_cnt, int validate_only,
			    struct ktk_topic_result *res, struct ktk_err *err)
{
	const struct config_change ch = { set_names, set_values, set_cnt,
					  del_names, del_cnt };
	rd_kafka_ConfigResource_t **cr = calloc(names->n + 1, sizeof(*cr));
	int rc;

	if (cr == NULL)
		return ktk_err_set(err, KTK_EXIT_SOFTWARE, "out of memory");
	rc = alter_configs(a, names, &ch, validate_only, cr, res, err);
	free(cr);
	return rc;
}

/* Whether topic resource @p r shows every set value and no deleted name
 * as its own entry. */
static int configs_applied(const rd_kafka_ConfigResource_t *r,
			   char *const *set_names, char *const *set_values,
			   size_t set_cnt, char *const *del_names,
			   size_t del_cnt)
{
	const rd_kafka_ConfigEntry_t **ents;
	size_t cnt, i, k;

	if (r == NULL || rd_kafka_ConfigResource_error(r))
		return 0;
	ents = rd_kafka_ConfigResource_configs(r, &cnt);
	for (i = 0; i < cnt; i++) {
		const char *n = rd_kafka_ConfigEntry_name(ents[i]);
		const char *v = rd_kafka_ConfigEntry_value(ents[i]);
		int own = rd_kafka_ConfigEntry_source(ents[i]) ==
			  RD_KAFKA_CONFIG_SOURCE_DYNAMIC_TOPIC_CONFIG;

		for (k = 0; k < set_cnt; k++)
			if (strcmp(n, set_names[k]) == 0 &&
			    (!own || (v && strcmp(v, set_values[k]) != 0)))
				return 0;
		for (k = 0; k < del_cnt; k++)
			if (strcmp(n, del_names[k]) == 0 && own)
				return 0;
	}
	return 1;
}

int ktk_admin_wait_configs(struct ktk_admin *a, const struct ktk_names *names,
			   char *const *set_names, char *const *set_values,
			   size_t set_cnt, char *const *del_names,
			   size_t del_cnt, struct ktk_err *err)
{
	int64_t deadline = ktk_clock_ms() + a->timeout_ms;
	struct timespec pause = {0, 50 * 1000000};

	for (;;) {
		const rd_kafka_ConfigResource_t **rs;
		rd_kafka_event_t *ev;
		size_t cnt, i;

		if (describe_configs(a, names->v, names->n, &ev, &rs, &cnt,
				     err) == -1)
			return -1;
		for (i = 0; i < names->n; i++)
			if (!configs_applied(find_resource(rs, cnt, names->v[i]),
					     set_names, set_values, set_cnt,
					     del_names, del_cnt))
				break;
		if (ev)
			rd_kafka_event_destroy(ev);
		if (i == names->n)
			return 0;
		if (ktk_clock_ms() >= deadline)
			return ktk_err_set(err, KTK_EXIT_FAIL,
					   "topic %s: the new configuration is "
					   "not visible after %d ms",
					   names->v[i], a->timeout_ms);
		nanosleep(&pause, NULL);
	}
}

/* ---- describe ----------------------------------------------------------- */

static int idlist_set(struct ktk_idlist *l, const int32_t *ids, int cnt)
{
	l->known = 1;
	l->cnt = cnt > 0 ? (size_t)cnt : 0;
	if (l->cnt == 0)
		return 0;
	l->ids = malloc(l->cnt * sizeof(int32_t));
	if (l->ids == NULL)
		return -1;
	memcpy(l->ids, ids, l->cnt * sizeof(int32_t));
	return 0;
}

static int cmp_part(const void *x, const void *y)
{
	const struct ktk_tpart *p = x, *q = y;

	return (p->partition > q->partition) - (p->partition < q->partition);
}

static int fill_partitions(struct ktk_topic_description *t,
			   const struct rd_kafka_metadata_topic *mt)
{
	int i;

	t->parts = calloc((size_t)mt->partition_cnt + 1, sizeof(*t->parts));
	if (t->parts == NULL)
		return -1;
	t->part_cnt = (size_t)mt->partition_cnt;
	for (i = 0; i < mt->partition_cnt; i++) {
		const struct rd_kafka_metadata_partition *mp =
			&mt->partitions[i];
		struct ktk_tpart *p = &t->parts[i];

		p->partition = mp->id;
		p->leader = mp->leader;
		p->low = p->high = -1;
		if (idlist_set(&p->replicas, mp->replicas, mp->replica_cnt) ||
		    idlist_set(&p->isr, mp->isrs, mp->isr_cnt))
			return -1;
		/* the Metadata API does not carry ELR */
		p->elr.known = p->last_known_elr.known = 0;
	}
	qsort(t->parts, t->part_cnt, sizeof(*t->parts), cmp_part);
	return 0;
}

static int fill_configs(struct ktk_topic_description *t, const rd_kafka_ConfigResource_t *r)
{
	const rd_kafka_ConfigEntry_t **ents;
	size_t cnt, i;

	ents = rd_kafka_ConfigResource_configs(r, &cnt);
	t->configs = calloc(cnt + 1, sizeof(*t->configs));
	if (t->configs == NULL)
		return -1;
	for (i = 0; i < cnt; i++) {
		struct ktk_tconfig *c = &t->configs[t->config_cnt];
		const char *v = rd_kafka_ConfigEntry_value(ents[i]);

		c->name = strdup(rd_kafka_ConfigEntry_name(ents[i]));
		c->value = v ? strdup(v) : NULL;
		c->is_default = rd_kafka_ConfigEntry_source(ents[i]) ==
				RD_KAFKA_CONFIG_SOURCE_DEFAULT_CONFIG;
		c->is_sensitive = rd_kafka_ConfigEntry_is_sensitive(ents[i]);
		t->config_cnt++;
		if (c->name == NULL || (v && c->value == NULL))
			return -1;
	}
	return 0;
}

rd_kafka_resp_err_t ktk_admin_list_offsets(struct ktk_admin *a,
					   rd_kafka_topic_partition_list_t *l)
{
	return ktk_meta_list_offsets(a->rk, l, a->timeout_ms);
}

/* Low and high watermarks of every partition of @p t: ListOffsets for
 * "earliest" then "latest", one batched round each. */
static int fill_offsets(struct ktk_admin *a, struct ktk_topic_description *t, size_t n,
			struct ktk_err *err)
{
	rd_kafka_topic_partition_list_t *l = rd_kafka_topic_partition_list_new(16);
	rd_kafka_resp_err_t e = RD_KAFKA_RESP_ERR_NO_ERROR, be;
	int64_t *wm = NULL;
	size_t i, j, k;
	int bad, rc = 0;

	for (i = 0; i < n; i++)
		for (j = 0; j < t[i].part_cnt; j++)
			rd_kafka_topic_partition_list_add(l, t[i].name,
							  t[i].parts[j].partition);
	if (l->cnt > 0 &&
	    (wm = malloc(2 * (size_t)l->cnt * sizeof(*wm))) == NULL)
		rc = ktk_err_set(err, KTK_EXIT_SOFTWARE, "out of memory");
	else if (l->cnt > 0 &&
		 (e = ktk_meta_watermarks(a->rk, l, a->timeout_ms, wm, &bad,
					  &be)) != RD_KAFKA_RESP_ERR_NO_ERROR)
		rc = ktk_err_set(err, ktk_client_exit_code(e),
				 "could not read watermarks: %s",
				 rd_kafka_err2str(e));
	/* in the order they were added: a partition that failed reads -1 */
	for (i = 0, k = 0; rc == 0 && i < n; i++) {
		t[i].has_offsets = 1;
		for (j = 0; j < t[i].part_cnt; j++, k++) {
			t[i].parts[j].low = wm[2 * k];
			t[i].parts[j].high = wm[2 * k + 1];
		}
	}
	free(wm);
	rd_kafka_topic_partition_list_destroy(l);
	return rc;
}

#if KTK_HAVE_DESCRIBE_TOPICS
/* A topic id as Kafka prints it (Uuid.toString): base64 of the 16 bytes
 * in the URL-safe alphabet, unpadded. librdkafka's rd_kafka_Uuid_base64str
 * uses the standard alphabet ('+', '/'), so map those two. */
static void topic_id_str(char *dst, size_t size, const rd_kafka_Uuid_t *id)
{
	char *c;

	snprintf(dst, size, "%s", rd_kafka_Uuid_base64str(id));
	for (c = dst; *c != '\0'; c++)
		if (*c == '+')
			*c = '-';
		else if (*c == '/')
			*c = '_';
}

/* DescribeTopics for the topic ids (and is_internal) of @p t. */
static int fill_topic_ids(struct ktk_admin *a, struct ktk_topic_description *t, size_t n,
			  struct ktk_err *err)
{
	const char **names = calloc(n + 1, sizeof(char *));
	const rd_kafka_TopicDescription_t **td;
	rd_kafka_TopicCollection_t *tc;
	rd_kafka_AdminOptions_t *o;
	rd_kafka_event_t *ev;
	size_t i, j, cnt;

	if (names == NULL)
		return ktk_err_set(err, KTK_EXIT_SOFTWARE, "out of memory");
	for (i = 0; i < n; i++)
		names[i] = t[i].name;
	tc = rd_kafka_TopicCollection_of_topic_names(names, n);
	o = ktk_admin_options(a, RD_KAFKA_ADMIN_OP_DESCRIBETOPICS, 0);
	rd_kafka_DescribeTopics(a->rk, tc, o, a->q);
	rd_kafka_AdminOptions_destroy(o);
	rd_kafka_TopicCollection_destroy(tc);
	free(names);
	if ((ev = ktk_admin_wait_result(a, "DescribeTopics", err)) == NULL)
		return -1;
	td = rd_kafka_DescribeTopics_result_topics(
		rd_kafka_event_DescribeTopics_result(ev), &cnt);
	for (j = 0; j < cnt; j++) {
		const rd_kafka_Uuid_t *id;

		if (rd_kafka_error_code(rd_kafka_TopicDescription_error(td[j])))
			continue;
		id = rd_kafka_TopicDescription_topic_id(td[j]);
		for (i = 0; i < n; i++)
			if (id != NULL &&
			    strcmp(t[i].name,
				   rd_kafka_TopicDescription_name(td[j])) == 0)
				topic_id_str(t[i].topic_id,
					     sizeof(t[i].topic_id), id);
	}
	rd_kafka_event_destroy(ev);
	return 0;
}
#endif

int ktk_admin_describe(struct ktk_admin *a, const struct ktk_names *names,
		       int offsets, int configs,
		       struct ktk_topic_description **out, int32_t **live,
		       size_t *live_cnt, struct ktk_err *partial,
		       struct ktk_err *err)
{
	const struct rd_kafka_metadata *md;
	const rd_kafka_ConfigResource_t **cr = NULL;
	rd_kafka_event_t *cev = NULL;
	struct ktk_topic_description *t;
	size_t i, ccnt;
	int k, rc = -1;

	*out = NULL;
	*live = NULL;
	*live_cnt = 0;
	if (ktk_admin_metadata(a, &md, err) == -1)
		return -1;
	t = calloc(names->n + 1, sizeof(*t));
	*live = calloc((size_t)md->broker_cnt + 1, sizeof(int32_t));
	if (t == NULL || *live == NULL) {
		ktk_err_set(err, KTK_EXIT_SOFTWARE, "out of memory");
		goto out;
	}
	for (k = 0; k < md->broker_cnt; k++)
		(*live)[k] = md->brokers[k].id;
	*live_cnt = (size_t)md->broker_cnt;
	for (i = 0; i < names->n; i++) {
		const struct rd_kafka_metadata_topic *mt = NULL;

		for (k = 0; k < md->topic_cnt; k++)
			if (strcmp(md->topics[k].topic, names->v[i]) == 0)
				mt = &md->topics[k];
		t[i].name = strdup(names->v[i]);
		t[i].internal = ktk_topic_spec_is_internal(names->v[i]);
		if (t[i].name == NULL ||
		    (mt != NULL && fill_partitions(&t[i], mt) == -1)) {
			ktk_err_set(err, KTK_EXIT_SOFTWARE, "out of memory");
			goto out;
		}
	}
	if (partial != NULL)
		partial->code = 0;
	ccnt = 0;
	if (configs && describe_configs(a, names->v, names->n, &cev, &cr,
					&ccnt, partial ? partial : err)) {
		if (partial == NULL)
			goto out;
		ktk_err_prefix(partial, "Configs not shown: ");
		ccnt = 0; /* describe the rest; the caller reports partial */
	}
	for (i = 0; i < names->n; i++) {
		const rd_kafka_ConfigResource_t *r =
			find_resource(cr, ccnt, names->v[i]);

		if (r == NULL || rd_kafka_ConfigResource_error(r))
			continue; /* deleted meanwhile: no configs */
		t[i].configs_known = 1;
		if (fill_configs(&t[i], r) == -1) {
			ktk_err_set(err, KTK_EXIT_SOFTWARE, "out of memory");
			goto out;
		}
	}
#if KTK_HAVE_DESCRIBE_TOPICS
	/* A cluster that could not answer DescribeConfigs will not answer
	 * DescribeTopics either: do not wait for it twice. The partition
	 * reports (no configs asked) print no TopicId: no request at all (on
	 * a cluster without a controller, such as the mock, librdkafka >= 2.3
	 * waits the whole timeout for one). */
	if (configs && names->n > 0 && (partial == NULL || partial->code == 0) &&
	    fill_topic_ids(a, t, names->n, partial ? partial : err) == -1) {
		if (partial == NULL)
			goto out;
		ktk_err_prefix(partial, "TopicId not shown: ");
	}
#endif
	if (offsets && fill_offsets(a, t, names->n, err) == -1)
		goto out;
	rc = 0;
out:
	if (cev)
		rd_kafka_event_destroy(cev);
	rd_kafka_metadata_destroy(md);
	if (rc == -1) {
		for (i = 0; t && i < names->n; i++)
			ktk_topic_description_free(&t[i]);
		free(t);
		free(*live);
		*live = NULL;
		*live_cnt = 0;
		return -1;
	}
	*out = t;
	return 0;
}

int ktk_admin_name_of_id(struct ktk_admin *a, const char *topic_id,
			 char *name, size_t size, struct ktk_err *err)
{
#if KTK_HAVE_DESCRIBE_TOPICS
	struct ktk_names all;
	struct ktk_topic_description *t;
	size_t i;
	int found = 0;

	if (ktk_admin_names(a, NULL, 0, &all, err) == -1)
		return -1;
	t = calloc(all.n + 1, sizeof(*t));
	for (i = 0; t && i < all.n; i++)
		t[i].name = strdup(all.v[i]);
	if (t == NULL) {
		ktk_names_free(&all);
		return ktk_err_set(err, KTK_EXIT_SOFTWARE, "out of memory");
	}
	if (all.n > 0 && fill_topic_ids(a, t, all.n, err) == -1) {
		found = -1;
	} else {
		for (i = 0; i < all.n; i++)
			if (strcmp(t[i].topic_id, topic_id) == 0) {
				snprintf(name, size, "%s", t[i].name);
				found = 1;
			}
	}
	for (i = 0; i < all.n; i++)
		ktk_topic_description_free(&t[i]);
	free(t);
	ktk_names_free(&all);
	return found;
#else
	(void)a;
	(void)topic_id;
	(void)name;
	(void)size;
	return ktk_err_set(err, KTK_EXIT_USAGE,
			   "--topic-id needs librdkafka 2.3 or later "
			   "(DescribeTopics); this ktk-topics was built with "
			   "%s: use --topic NAME",
			   rd_kafka_version_str());
#endif
}

/* ---- waiting for metadata ---------------------------------------------- */

static int settled(const struct rd_kafka_metadata *md, const char *name,
		   int present)
{
	int k, p;

	for (k = 0; k < md->topic_cnt; k++) {
		const struct rd_kafka_metadata_topic *mt = &md->topics[k];

		if (strcmp(mt->topic, name) != 0)
			continue;
		if (mt->err == RD_KAFKA_RESP_ERR_UNKNOWN_TOPIC_OR_PART)
			return !present;
		if (!present)
			return 0;
		if (mt->err || mt->partition_cnt == 0)
			return 0;
		for (p = 0; p < mt->partition_cnt; p++)
			if (mt->partitions[p].leader < 0)
				return 0;
		return 1;
	}
	return !present;
}

int ktk_admin_wait(struct ktk_admin *a, const struct ktk_names *names,
		   int present, struct ktk_err *err)
{
	int64_t deadline = ktk_clock_ms() + a->timeout_ms;
	struct timespec pause = {0, 50 * 1000000};
	for (;;) {
		const struct rd_kafka_metadata *md;
		size_t i;

		if (ktk_admin_metadata(a, &md, err) == -1)
			return -1;
		for (i = 0; i < names->n; i++)
			if (!settled(md, names->v[i], present))
				break;
		rd_kafka_metadata_destroy(md);
		if (i == names->n)
			return 0;
		if (ktk_clock_ms() >= deadline)
			return ktk_err_set(
				err, KTK_EXIT_FAIL,
				"topic %s is %s in the metadata after %d ms",
				names->v[i],
				present ? "not yet ready" : "still listed",
				a->timeout_ms);
		nanosleep(&pause, NULL);
	}
}

/* ---- brokers and offsets for times ----------------------------------- */

static int cmp_broker(const void *x, const void *y)
{
	const struct ktk_broker *p = x, *q = y;

	return (p->id > q->id) - (p->id < q->id);
}

int ktk_admin_brokers(struct ktk_admin *a, struct ktk_broker **out,
		      size_t *n, int32_t *controller, char *cluster_id,
		      size_t size, struct ktk_err *err)
{
	const struct rd_kafka_metadata *md;
	char *cid;
	int k;

	*out = NULL;
	*n = 0;
	if (ktk_admin_metadata(a, &md, err) == -1)
		return -1;
	*out = calloc((size_t)md->broker_cnt + 1, sizeof(**out));
	if (*out == NULL) {
		rd_kafka_metadata_destroy(md);
		return ktk_err_set(err, KTK_EXIT_SOFTWARE, "out of memory");
	}
	*controller = rd_kafka_controllerid(a->rk, 0);
	for (k = 0; k < md->broker_cnt; k++) {
		(*out)[k].id = md->brokers[k].id;
		snprintf((*out)[k].host, sizeof((*out)[k].host), "%s",
			 md->brokers[k].host);
		(*out)[k].port = md->brokers[k].port;
	}
	*n = (size_t)md->broker_cnt;
	qsort(*out, *n, sizeof(**out), cmp_broker);
	for (k = 0; k < md->broker_cnt; k++)
		if (md->brokers[k].id == *controller)
			break;
	if (k == md->broker_cnt)
		*controller = -1;
	rd_kafka_metadata_destroy(md);
	cid = rd_kafka_clusterid(a->rk, 0);
	snprintf(cluster_id, size, "%s", cid ? cid : "");
	if (cid)
		rd_kafka_mem_free(a->rk, cid);
	return 0;
}

/* The partition count of @p topic in @p md, -1 when it is not there. */
static int partition_cnt(const struct rd_kafka_metadata *md, const char *topic)
{
	int k;

	for (k = 0; k < md->topic_cnt; k++)
		if (strcmp(md->topics[k].topic, topic) == 0)
			return md->topics[k].err ==
					       RD_KAFKA_RESP_ERR_UNKNOWN_TOPIC_OR_PART
				       ? -1
				       : md->topics[k].partition_cnt;
	return -1;
}

int ktk_admin_offsets_for_times(struct ktk_admin *a,
				const struct ktk_topic_spec_time_query *q,
				size_t nq, struct ktk_offset_at **out,
				size_t *n, struct ktk_err *err)
{
	const struct rd_kafka_metadata *md;
	rd_kafka_topic_partition_list_t *l;
	rd_kafka_resp_err_t e;
	size_t i, k, total = 0;
	int cnt, p, rc = -1;

	*out = NULL;
	*n = 0;
	if (ktk_admin_metadata(a, &md, err) == -1)
		return -1;
	for (i = 0; i < nq; i++) {
		if ((cnt = partition_cnt(md, q[i].topic)) < 0) {
			rd_kafka_metadata_destroy(md);
			return ktk_err_set(err, KTK_EXIT_FAIL,
					   "Topic '%s' does not exist as "
					   "expected",
					   q[i].topic);
		}
		if (q[i].partition >= cnt) {
			rd_kafka_metadata_destroy(md);
			return ktk_err_set(err, KTK_EXIT_FAIL,
					   "topic %s has no partition %d (it "
					   "has %d)",
					   q[i].topic, q[i].partition, cnt);
		}
		total += q[i].partition < 0 ? (size_t)cnt : 1;
	}
	*out = calloc(total + 1, sizeof(**out));
	l = rd_kafka_topic_partition_list_new((int)total + 1);
	if (*out == NULL) {
		ktk_err_set(err, KTK_EXIT_SOFTWARE, "out of memory");
		goto out;
	}
	for (i = 0; i < nq; i++) {
		cnt = partition_cnt(md, q[i].topic);
		for (p = q[i].partition < 0 ? 0 : q[i].partition;
		     p < (q[i].partition < 0 ? cnt : q[i].partition + 1); p++) {
			struct ktk_offset_at *o = &(*out)[(*n)++];

			o->topic = q[i].topic;
			o->partition = p;
			o->time = q[i].time;
			o->offset = -1;
		}
	}
	/* one request per query: its partitions, all at its time (a list
	 * cannot ask one partition at two times) */
	for (i = 0, k = 0; i < nq; i++) {
		size_t first = k;

		rd_kafka_topic_partition_list_destroy(l);
		l = rd_kafka_topic_partition_list_new(16);
		for (; k < *n && (*out)[k].topic == q[i].topic; k++)
			rd_kafka_topic_partition_list_add(l, q[i].topic,
							  (*out)[k].partition)
				->offset = q[i].time;
		if (l->cnt == 0)
			continue;
		e = ktk_admin_list_offsets(a, l);
		for (p = 0; e == RD_KAFKA_RESP_ERR_NO_ERROR && p < l->cnt; p++)
			if ((e = l->elems[p].err) == RD_KAFKA_RESP_ERR_NO_ERROR)
				(*out)[first + (size_t)p].offset =
					l->elems[p].offset;
		if (e != RD_KAFKA_RESP_ERR_NO_ERROR) {
			drain_errors(a);
			if (a->down)
				unreachable(a, err);
			else
				ktk_err_set(err, ktk_client_exit_code(e),
					    "%s: offsets for times failed: %s",
					    q[i].topic, rd_kafka_err2str(e));
			goto out;
		}
	}
	rc = 0;
out:
	rd_kafka_topic_partition_list_destroy(l);
	rd_kafka_metadata_destroy(md);
	if (rc == -1) {
		free(*out);
		*out = NULL;
		*n = 0;
	}
	return rc;
}
