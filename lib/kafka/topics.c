/* SPDX-License-Identifier: Apache-2.0 */
/* topics.c -- ktk-topics' actions; see topics.h.
 *
 * Each action: the names (--topic as a TopicFilter matched against the
 * metadata, or as names for --create), one admin request for all of them
 * (admin.c), the per-topic outcomes reported, then a wait until the
 * metadata shows the change; the output through topic_description.c.
 */
#include "lib/kafka/topics.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "lib/config/topic_spec.h"
#include "lib/output/topic_description.h"

static void warn(const struct ktk_topics_opts *o, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void warn(const struct ktk_topics_opts *o, const char *fmt, ...)
{
	char msg[1024];
	va_list ap;

	if (o->warn == NULL)
		return;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	o->warn(o->warn_ctx, msg);
}

static int oom(struct ktk_err *err)
{
	return ktk_err_set(err, KTK_EXIT_SOFTWARE, "out of memory");
}

/* Names of the cluster's topics that o->topic matches (all without it);
 * a filter that matches nothing is an error (-2) unless @p if_exists. */
static int matched(struct ktk_admin *a, const struct ktk_topics_opts *o,
		   int excl, int if_exists, struct ktk_names *out,
		   struct ktk_err *err)
{
	struct ktk_topic_spec_filter f;
	int rc;

	out->v = NULL;
	out->n = 0;
	if (o->topic && ktk_topic_spec_filter_init(&f, o->topic, err))
		return -1;
	rc = ktk_admin_names(a, o->topic ? &f : NULL, excl, out, err);
	if (o->topic)
		ktk_topic_spec_filter_free(&f);
	if (rc == 0 && o->topic && out->n == 0 && !if_exists) {
		ktk_names_free(out);
		return ktk_err_set(err, KTK_EXIT_FAIL,
				   "Topic '%s' does not exist as expected",
				   o->topic) - 1;
	}
	return rc;
}

int ktk_topics_list(struct ktk_admin *a, const struct ktk_topics_opts *o,
		    FILE *out, struct ktk_err *err)
{
	struct ktk_names n;
	size_t i;

	if (matched(a, o, o->exclude_internal, 1, &n, err) < 0)
		return -1;
	if (o->json)
		ktk_topic_description_json_write(
			out, ktk_topic_description_names_json(n.v, n.n));
	else
		for (i = 0; i < n.n; i++)
			fprintf(out, "%s\n", n.v[i]);
	ktk_names_free(&n);
	return 0;
}

/* The one name of --topic-id into @p n (none when it does not exist and
 * --if-exists). */
static int of_id(struct ktk_admin *a, const struct ktk_topics_opts *o,
		 struct ktk_names *n, struct ktk_err *err)
{
	char name[KTK_TOPIC_NAME_MAX + 1];
	int r = ktk_admin_name_of_id(a, o->topic_id, name, sizeof(name), err);

	n->v = NULL;
	n->n = 0;
	if (r == -1)
		return -1;
	if (r == 0 && !o->if_exists)
		return ktk_err_set(err, KTK_EXIT_FAIL,
				   "TopicId '%s' does not exist as expected",
				   o->topic_id);
	if (r == 1 && ((n->v = calloc(1, sizeof(char *))) == NULL ||
		       (n->v[0] = strdup(name)) == NULL))
		return oom(err);
	n->n = (size_t)r;
	return 0;
}

int ktk_topics_describe(struct ktk_admin *a, const struct ktk_topics_opts *o,
			FILE *out, struct ktk_err *err)
{
	struct ktk_names n = {0};
	struct ktk_topic_description *t;
	struct ktk_tview v = {o->reports, NULL, 0};
	struct ktk_err partial = {0};
	int32_t *live;
	json_t *arr = json_array();
	size_t i;

	if ((o->topic_id ? of_id(a, o, &n, err)
			 : matched(a, o, o->exclude_internal, o->if_exists, &n,
				   err)) < 0 ||
	    ktk_admin_describe(a, &n, o->offsets,
			       ktk_topic_description_needs_configs(o->reports),
			       &t, &live, &v.live_cnt, &partial, err)) {
		json_decref(arr);
		ktk_names_free(&n);
		return -1;
	}
	v.live = live;
	for (i = 0; i < n.n; i++) {
		if (o->json) {
			json_t *j = ktk_topic_description_json(&t[i], &v);

			if (j)
				json_array_append_new(arr, j);
		} else if (ktk_topic_description_print(out, &t[i], &v) < 0) {
			break;
		}
		ktk_topic_description_free(&t[i]);
	}
	for (; i < n.n; i++)
		ktk_topic_description_free(&t[i]);
	if (o->json) {
		json_t *j = json_object();

		json_object_set_new(j, "topics", arr);
		ktk_topic_description_json_write(out, j);
	} else {
		json_decref(arr);
	}
	free(t);
	free(live);
	ktk_names_free(&n);
	if (partial.code) {
		*err = partial;
		return -1;
	}
	return 0;
}

/* Warn about each of the @p n results that failed; @returns how many. */
static int report(const struct ktk_topics_opts *o,
		  const struct ktk_topic_result *res, size_t n)
{
	int failed = 0;
	size_t i;

	for (i = 0; i < n; i++)
		if (!ktk_topic_description_result_ok(&res[i], o->if_exists,
						     o->if_not_exists)) {
			failed++;
			warn(o, "%s: %s", res[i].name, res[i].msg);
		}
	return failed;
}

/* With -J, the results as ktk-topics(1) documents them. */
static void results_json(const struct ktk_topics_opts *o, const char *action,
			 const struct ktk_topic_result *res, size_t n,
			 FILE *out)
{
	if (o->json)
		ktk_topic_description_json_write(
			out, ktk_topic_description_results_json(
				     action, o->dry_run, res, n));
}

/* A request for the @p n topics of @p res (names set) failed as @p err
 * says: with -J, each topic it leaves without an outcome fails with that
 * reason in the results as ktk-topics(1) documents them. @returns -1. */
static int request_failed(const struct ktk_topics_opts *o, const char *action,
			  struct ktk_topic_result *res, size_t n, FILE *out,
			  const struct ktk_err *err)
{
	size_t i;

	if (err->code == KTK_EXIT_USAGE)
		return -1; /* a bad command line, not a failed request */
	for (i = 0; o->json && i < n; i++)
		if (res[i].status == KTK_TRES_OK) {
			res[i].status = KTK_TRES_FAILED;
			snprintf(res[i].msg, sizeof(res[i].msg), "%s", err->msg);
		}
	results_json(o, action, res, n, out);
	return -1;
}

/* No topic to act on, as @p err says (-2 from matched(): none matched
 * --topic): with -J, --topic itself as the one result. @returns -1. */
static int nothing_matched(const struct ktk_topics_opts *o, const char *action,
			   int why, FILE *out, const struct ktk_err *err)
{
	struct ktk_topic_result r = {o->topic, KTK_TRES_FAILED, ""};

	if (why == -2)
		r.status = KTK_TRES_UNKNOWN;
	snprintf(r.msg, sizeof(r.msg), "%s", err->msg);
	return request_failed(o, action, &r, 1, out, err);
}

/* The topics of @p res that succeeded, for waiting on the metadata. */
static int succeeded(const struct ktk_topic_result *res, size_t n,
		     struct ktk_names *ok, struct ktk_err *err)
{
	size_t i;

	ok->v = calloc(n + 1, sizeof(char *));
	ok->n = 0;
	if (ok->v == NULL)
		return oom(err);
	for (i = 0; i < n; i++)
		if (res[i].status == KTK_TRES_OK)
			ok->v[ok->n++] = (char *)res[i].name;
	return 0;
}

/* The replica assignment of o->ra into @p ra (nothing without it). */
static int assignment(const struct ktk_topics_opts *o,
		      struct ktk_topic_spec_replica_assignment *ra,
		      struct ktk_err *err)
{
	memset(ra, 0, sizeof(*ra));
	return o->ra ? ktk_topic_spec_replica_assignment_parse(o->ra, ra, err)
		     : 0;
}

int ktk_topics_create(struct ktk_admin *a, const struct ktk_topics_opts *o,
		      FILE *out, struct ktk_err *err)
{
	struct ktk_topic_spec_replica_assignment ra;
	struct ktk_new_topic *t = NULL;
	struct ktk_topic_result *res = NULL;
	struct ktk_names ok = {0};
	char *list = NULL, *p, *save = NULL;
	size_t n = 0, i;
	int rc = -1;

	if (assignment(o, &ra, err))
		return -1;
	list = strdup(o->topic);
	if (list == NULL ||
	    (t = calloc(strlen(list) + 1, sizeof(*t))) == NULL ||
	    (res = calloc(strlen(list) + 1, sizeof(*res))) == NULL) {
		oom(err);
		goto out;
	}
	for (p = strtok_r(list, ",", &save); p; p = strtok_r(NULL, ",", &save)) {
		if (ktk_topic_spec_name_check(p, err))
			goto out;
		t[n].name = res[n].name = p;
		t[n].partitions = o->partitions;
		t[n].rf = o->rf;
		t[n].ra = o->ra ? &ra : NULL;
		t[n].cfg_names = o->cfg_names;
		t[n].cfg_values = o->cfg_values;
		t[n].cfg_cnt = o->cfg_cnt;
		n++;
	}
	if (n == 0) {
		ktk_err_set(err, KTK_EXIT_USAGE, "--topic: no topic name given");
		goto out;
	}
	if (ktk_admin_create(a, t, n, o->dry_run, res, err)) {
		request_failed(o, "create", res, n, out, err);
		goto out;
	}
	rc = report(o, res, n);
	if (succeeded(res, n, &ok, err))
		goto fail;
	if (!o->dry_run && ok.n > 0 && ktk_admin_wait(a, &ok, 1, err)) {
		results_json(o, "create", res, n, out);
		goto fail;
	}
	for (i = 0; !o->json && i < ok.n; i++) {
		if (ktk_topic_spec_name_collides(ok.v[i]) && o->verbosity > 0)
			warn(o, "WARNING: Due to limitations in metric names, "
				"topics with a period ('.') or underscore "
				"('_') could collide. To avoid issues it is "
				"best to use either, but not both.");
		if (o->dry_run)
			fprintf(out, "Topic %s is valid (dry run, not created).\n",
				ok.v[i]);
		else
			fprintf(out, "Created topic %s.\n", ok.v[i]);
	}
	results_json(o, "create", res, n, out);
	goto out;
fail:
	rc = -1;
out:
	free(ok.v);
	free(t);
	free(res);
	free(list);
	ktk_topic_spec_replica_assignment_free(&ra);
	return rc;
}

/* Report @p res, wait until the metadata (and with --config or
 * --delete-config, DescribeConfigs) shows the change; @returns how many
 * failed or -1. */
static int finish(struct ktk_admin *a, const struct ktk_topics_opts *o,
		  const char *action, const struct ktk_topic_result *res,
		  size_t n, FILE *out, struct ktk_err *err)
{
	struct ktk_names ok;
	int failed = report(o, res, n);
	int alter = strcmp(action, "alter") == 0;

	if (succeeded(res, n, &ok, err))
		return -1;
	if (!o->dry_run && ok.n > 0 &&
	    (ktk_admin_wait(a, &ok, alter, err) ||
	     (alter && (o->cfg_cnt || o->del_cnt) &&
	      ktk_admin_wait_configs(a, &ok, o->cfg_names, o->cfg_values,
				     o->cfg_cnt, o->del_names, o->del_cnt,
				     err))))
		failed = -1;
	results_json(o, action, res, n, out);
	free(ok.v);
	return failed;
}

int ktk_topics_delete(struct ktk_admin *a, const struct ktk_topics_opts *o,
		      FILE *out, struct ktk_err *err)
{
	struct ktk_topic_result *res = NULL;
	struct ktk_names n;
	size_t i;
	int rc = -1;

	if ((rc = matched(a, o, 0, o->if_exists, &n, err)) < 0)
		return nothing_matched(o, "delete", rc, out, err);
	rc = -1;
	if ((res = calloc(n.n + 1, sizeof(*res))) == NULL) {
		oom(err);
		goto out;
	}
	for (i = 0; i < n.n; i++)
		res[i].name = n.v[i];
	for (i = 0; i < n.n; i++)
		if (ktk_topic_spec_is_internal(n.v[i])) {
			ktk_err_set(err, KTK_EXIT_FAIL,
				    "Topic %s is a kafka internal topic and is "
				    "not allowed to be marked for deletion.",
				    n.v[i]);
			request_failed(o, "delete", res, n.n, out, err);
			goto out;
		}
	if (n.n && ktk_admin_delete(a, &n, res, err)) {
		request_failed(o, "delete", res, n.n, out, err);
		goto out;
	}
	rc = finish(a, o, "delete", res, n.n, out, err);
out:
	free(res);
	ktk_names_free(&n);
	return rc;
}

int ktk_topics_alter(struct ktk_admin *a, const struct ktk_topics_opts *o,
		     FILE *out, struct ktk_err *err)
{
	struct ktk_topic_spec_replica_assignment ra;
	struct ktk_topic_result *res = NULL, *res2 = NULL;
	struct ktk_names n = {0};
	size_t i;
	int rc = -1;

	if (assignment(o, &ra, err))
		return -1;
	if ((rc = matched(a, o, 0, o->if_exists, &n, err)) < 0) {
		rc = nothing_matched(o, "alter", rc, out, err);
		goto out;
	}
	rc = -1;
	if ((res = calloc(n.n + 1, sizeof(*res))) == NULL ||
	    (res2 = calloc(n.n + 1, sizeof(*res2))) == NULL) {
		oom(err);
		goto out;
	}
	for (i = 0; i < n.n; i++)
		res[i] = (struct ktk_topic_result){n.v[i], KTK_TRES_OK, ""};
	if ((n.n && o->partitions > 0 &&
	     ktk_admin_add_partitions(a, &n, o->partitions, o->ra ? &ra : NULL,
				      o->dry_run, res, err)) ||
	    (n.n && (o->cfg_cnt || o->del_cnt) &&
	     ktk_admin_alter_configs(a, &n, o->cfg_names, o->cfg_values,
				     o->cfg_cnt, o->del_names, o->del_cnt,
				     o->dry_run, res2, err))) {
		request_failed(o, "alter", res, n.n, out, err);
		goto out;
	}
	if (n.n && (o->cfg_cnt || o->del_cnt)) {
		for (i = 0; i < n.n; i++)
			if (res[i].status == KTK_TRES_OK)
				res[i] = res2[i];
	}
	rc = finish(a, o, "alter", res, n.n, out, err);
out:
	free(res);
	free(res2);
	ktk_names_free(&n);
	ktk_topic_spec_replica_assignment_free(&ra);
	return rc;
}

int ktk_topics_brokers(struct ktk_admin *a, const struct ktk_topics_opts *o,
		       FILE *out, struct ktk_err *err)
{
	struct ktk_broker *b;
	char cluster_id[128];
	int32_t controller;
	size_t i, n;

	if (ktk_admin_brokers(a, &b, &n, &controller, cluster_id,
			      sizeof(cluster_id), err))
		return -1;
	if (o->json) {
		json_t *j = json_object(), *arr = json_array();

		for (i = 0; i < n; i++) {
			json_t *e = json_object();

			json_object_set_new(e, "id", json_integer(b[i].id));
			json_object_set_new(e, "host", json_string(b[i].host));
			json_object_set_new(e, "port", json_integer(b[i].port));
			json_object_set_new(e, "controller",
					    json_boolean(b[i].id == controller));
			json_array_append_new(arr, e);
		}
		json_object_set_new(j, "cluster_id", cluster_id[0]
				    ? json_string(cluster_id) : json_null());
		json_object_set_new(j, "controller_id", controller >= 0
				    ? json_integer(controller) : json_null());
		json_object_set_new(j, "brokers", arr);
		ktk_topic_description_json_write(out, j);
	} else {
		for (i = 0; i < n; i++)
			fprintf(out, "broker %d at %s:%d%s\n", b[i].id,
				b[i].host, b[i].port,
				b[i].id == controller ? " (controller)" : "");
	}
	free(b);
	return 0;
}

int ktk_topics_offsets_for_times(struct ktk_admin *a,
				 const struct ktk_topics_opts *o, FILE *out,
				 struct ktk_err *err)
{
	struct ktk_topic_spec_time_query *q;
	struct ktk_offset_at *r;
	char *list = strdup(o->topic), *p, *save = NULL;
	size_t nq = 0, n, i;
	int rc = -1;

	q = list ? calloc(strlen(list) + 1, sizeof(*q)) : NULL;
	if (q == NULL) {
		free(list);
		return oom(err);
	}
	for (p = strtok_r(list, ",", &save); p; p = strtok_r(NULL, ",", &save))
		if (ktk_topic_spec_time_query_parse(p, &q[nq++], err))
			goto out;
	if (nq == 0) {
		ktk_err_set(err, KTK_EXIT_USAGE,
			    "--topic: no TOPIC[:PARTITION]:TIME given");
		goto out;
	}
	if (ktk_admin_offsets_for_times(a, q, nq, &r, &n, err))
		goto out;
	if (o->json) {
		json_t *j = json_object(), *arr = json_array();

		for (i = 0; i < n; i++) {
			json_t *e = json_object();

			json_object_set_new(e, "topic", json_string(r[i].topic));
			json_object_set_new(e, "partition",
					    json_integer(r[i].partition));
			json_object_set_new(e, "time", json_integer(r[i].time));
			json_object_set_new(e, "offset", r[i].offset >= 0
					    ? json_integer(r[i].offset)
					    : json_null());
			json_array_append_new(arr, e);
		}
		json_object_set_new(j, "offsets", arr);
		ktk_topic_description_json_write(out, j);
	} else {
		for (i = 0; i < n; i++)
			fprintf(out, "%s [%d] offset %lld\n", r[i].topic,
				r[i].partition, (long long)r[i].offset);
	}
	free(r);
	rc = 0;
out:
	free(q);
	free(list);
	return rc;
}
