/* SPDX-License-Identifier: Apache-2.0 */
/* topic_description.c -- topic descriptions in kafka-topics' text layout and in
 * ktk's JSON schema; see topic_description.h for the layout. */
#include "lib/output/topic_description.h"

#include <stdlib.h>
#include <string.h>

#include "lib/base/number.h"

int ktk_topic_description_rf(const struct ktk_topic_description *t)
{
	return t->part_cnt > 0 ? (int)t->parts[0].replicas.cnt : 0;
}

int ktk_topic_description_min_isr(const struct ktk_topic_description *t)
{
	const char *why;
	int32_t v;
	size_t i;

	for (i = 0; i < t->config_cnt; i++)
		if (strcmp(t->configs[i].name, "min.insync.replicas") == 0 &&
		    t->configs[i].value != NULL)
			return ktk_number_parse_i32(t->configs[i].value, 1, INT32_MAX,
					     &v, &why) == 0
				       ? v
				       : -1;
	return -1;
}

int ktk_topic_description_has_overrides(const struct ktk_topic_description *t)
{
	size_t i;

	for (i = 0; i < t->config_cnt; i++)
		if (!t->configs[i].is_default)
			return 1;
	return 0;
}

static int live(const struct ktk_tview *v, int32_t id)
{
	size_t i;

	for (i = 0; i < v->live_cnt; i++)
		if (v->live[i] == id)
			return 1;
	return 0;
}

int ktk_tpart_selected(const struct ktk_topic_description *t, const struct ktk_tpart *p,
		       const struct ktk_tview *v)
{
	unsigned r = v->reports & ~(unsigned)KTK_TREPORT_WITH_OVERRIDES;
	int min_isr = ktk_topic_description_min_isr(t);
	int has_leader = p->leader >= 0;

	if (r == 0)
		return 1;
	if ((r & KTK_TREPORT_UNDER_REPLICATED) &&
	    (size_t)ktk_topic_description_rf(t) > p->isr.cnt)
		return 1;
	if ((r & KTK_TREPORT_UNAVAILABLE) &&
	    (!has_leader || !live(v, p->leader)))
		return 1;
	if ((r & KTK_TREPORT_UNDER_MIN_ISR) &&
	    (!has_leader || (min_isr > 0 && p->isr.cnt < (size_t)min_isr)))
		return 1;
	if ((r & KTK_TREPORT_AT_MIN_ISR) && min_isr > 0 &&
	    p->isr.cnt == (size_t)min_isr)
		return 1;
	return 0;
}

/* Whether the ISR holds every replica: then no replica can be eligible
 * (ELR is a subset of the replicas outside the ISR) and, with a leader,
 * the last known ELR is empty too. */
static int isr_full(const struct ktk_tpart *p)
{
	size_t i, j;

	if (p->leader < 0 || p->isr.cnt != p->replicas.cnt)
		return 0;
	for (i = 0; i < p->replicas.cnt; i++) {
		for (j = 0; j < p->isr.cnt; j++)
			if (p->isr.ids[j] == p->replicas.ids[i])
				break;
		if (j == p->isr.cnt)
			return 0;
	}
	return 1;
}

static void ids_print(FILE *out, const struct ktk_idlist *l)
{
	size_t i;

	for (i = 0; i < l->cnt; i++)
		fprintf(out, "%s%d", i ? "," : "", l->ids[i]);
}

static void elr_print(FILE *out, const char *label, const struct ktk_idlist *l,
		      const struct ktk_tpart *p)
{
	fprintf(out, "\t%s: ", label);
	if (l->known)
		ids_print(out, l);
	else if (!isr_full(p))
		fputs("N/A", out);
}

int ktk_topic_description_print(FILE *out, const struct ktk_topic_description *t,
		    const struct ktk_tview *v)
{
	int lines = 0;
	size_t i;

	if ((v->reports & ~(unsigned)KTK_TREPORT_WITH_OVERRIDES) == 0 &&
	    (!(v->reports & KTK_TREPORT_WITH_OVERRIDES) ||
	     ktk_topic_description_has_overrides(t))) {
		int first = 1;

		fprintf(out, "Topic: %s", t->name);
		if (t->topic_id[0])
			fprintf(out, "\tTopicId: %s", t->topic_id);
		fprintf(out, "\tPartitionCount: %zu\tReplicationFactor: %d"
			     "\tConfigs: ",
			t->part_cnt, ktk_topic_description_rf(t));
		for (i = 0; i < t->config_cnt; i++) {
			const struct ktk_tconfig *c = &t->configs[i];

			if (c->is_default)
				continue;
			fprintf(out, "%s%s=%s", first ? "" : ",", c->name,
				c->value ? c->value : "null");
			first = 0;
		}
		fputc('\n', out);
		lines++;
	}
	if (v->reports & KTK_TREPORT_WITH_OVERRIDES)
		return ferror(out) ? -1 : lines;
	for (i = 0; i < t->part_cnt; i++) {
		const struct ktk_tpart *p = &t->parts[i];

		if (!ktk_tpart_selected(t, p, v))
			continue;
		fprintf(out, "\tTopic: %s\tPartition: %d\tLeader: ", t->name,
			p->partition);
		if (p->leader >= 0)
			fprintf(out, "%d", p->leader);
		else
			fputs("none", out);
		fputs("\tReplicas: ", out);
		ids_print(out, &p->replicas);
		fputs("\tIsr: ", out);
		ids_print(out, &p->isr);
		elr_print(out, "Elr", &p->elr, p);
		elr_print(out, "LastKnownElr", &p->last_known_elr, p);
		if (t->has_offsets) {
			fprintf(out, "\tLowWatermark: %lld\tHighWatermark: %lld",
				(long long)p->low, (long long)p->high);
			if (p->low >= 0 && p->high >= p->low)
				fprintf(out, "\tRecords: %lld",
					(long long)(p->high - p->low));
			else
				fputs("\tRecords: N/A", out);
		}
		fputc('\n', out);
		lines++;
	}
	return ferror(out) ? -1 : lines;
}

static json_t *ids_json(const struct ktk_idlist *l)
{
	json_t *a = json_array();
	size_t i;

	for (i = 0; i < l->cnt; i++)
		json_array_append_new(a, json_integer(l->ids[i]));
	return a;
}

static json_t *elr_json(const struct ktk_idlist *l, const struct ktk_tpart *p)
{
	if (l->known)
		return ids_json(l);
	return isr_full(p) ? json_array() : json_null();
}

json_t *ktk_topic_description_json(const struct ktk_topic_description *t, const struct ktk_tview *v)
{
	json_t *o, *cfg, *parts;
	size_t i;

	if ((v->reports & KTK_TREPORT_WITH_OVERRIDES) &&
	    !ktk_topic_description_has_overrides(t))
		return NULL;
	o = json_object();
	cfg = json_object();
	parts = json_array();
	json_object_set_new(o, "name", json_string(t->name));
	json_object_set_new(o, "topic_id", t->topic_id[0]
						   ? json_string(t->topic_id)
						   : json_null());
	json_object_set_new(o, "internal", json_boolean(t->internal));
	json_object_set_new(o, "partition_count", json_integer((json_int_t)t->part_cnt));
	json_object_set_new(o, "replication_factor",
			    json_integer(ktk_topic_description_rf(t)));
	for (i = 0; i < t->config_cnt; i++) {
		const struct ktk_tconfig *c = &t->configs[i];

		if (!c->is_default)
			json_object_set_new(cfg, c->name,
					    c->value ? json_string(c->value)
						     : json_null());
	}
	if (t->configs_known) {
		json_object_set_new(o, "configs", cfg);
	} else {
		json_decref(cfg);
		json_object_set_new(o, "configs", json_null());
	}
	for (i = 0; i < t->part_cnt; i++) {
		const struct ktk_tpart *p = &t->parts[i];
		json_t *pj;

		if (!ktk_tpart_selected(t, p, v))
			continue;
		pj = json_object();
		json_object_set_new(pj, "partition", json_integer(p->partition));
		json_object_set_new(pj, "leader", p->leader >= 0
							  ? json_integer(p->leader)
							  : json_null());
		json_object_set_new(pj, "replicas", ids_json(&p->replicas));
		json_object_set_new(pj, "isr", ids_json(&p->isr));
		json_object_set_new(pj, "elr", elr_json(&p->elr, p));
		json_object_set_new(pj, "last_known_elr",
				    elr_json(&p->last_known_elr, p));
		if (t->has_offsets) {
			json_t *off = json_object();
			int ok = p->low >= 0 && p->high >= p->low;

			json_object_set_new(off, "low", p->low >= 0 ? json_integer(p->low) : json_null());
			json_object_set_new(off, "high", p->high >= 0 ? json_integer(p->high) : json_null());
			json_object_set_new(off, "records",
					    ok ? json_integer(p->high - p->low)
					       : json_null());
			json_object_set_new(pj, "offsets", off);
		}
		json_array_append_new(parts, pj);
	}
	if ((v->reports & ~(unsigned)KTK_TREPORT_WITH_OVERRIDES) &&
	    json_array_size(parts) == 0) {
		json_decref(parts);
		json_decref(o);
		return NULL;
	}
	json_object_set_new(o, "partitions", parts);
	return o;
}

int ktk_topic_description_needs_configs(unsigned reports)
{
	return reports == 0 ||
	       (reports & (KTK_TREPORT_UNDER_MIN_ISR | KTK_TREPORT_AT_MIN_ISR |
			   KTK_TREPORT_WITH_OVERRIDES)) != 0;
}

static void idlist_free(struct ktk_idlist *l)
{
	free(l->ids);
	memset(l, 0, sizeof(*l));
}

void ktk_topic_description_free(struct ktk_topic_description *t)
{
	size_t i;

	for (i = 0; i < t->part_cnt; i++) {
		idlist_free(&t->parts[i].replicas);
		idlist_free(&t->parts[i].isr);
		idlist_free(&t->parts[i].elr);
		idlist_free(&t->parts[i].last_known_elr);
	}
	for (i = 0; i < t->config_cnt; i++) {
		free(t->configs[i].name);
		free(t->configs[i].value);
	}
	free(t->parts);
	free(t->configs);
	free(t->name);
	memset(t, 0, sizeof(*t));
}

int ktk_topic_description_result_ok(const struct ktk_topic_result *r,
				    int if_exists, int if_not_exists)
{
	return r->status == KTK_TRES_OK ||
	       (r->status == KTK_TRES_EXISTS && if_not_exists) ||
	       (r->status == KTK_TRES_UNKNOWN && if_exists);
}

const char *ktk_topic_description_status(const char *action,
					 const struct ktk_topic_result *r,
					 int dry_run)
{
	if (r->status == KTK_TRES_OK)
		return dry_run ? "valid"
		       : strcmp(action, "create") == 0 ? "created"
		       : strcmp(action, "delete") == 0 ? "deleted"
						       : "altered";
	if (r->status == KTK_TRES_EXISTS)
		return "exists";
	if (r->status == KTK_TRES_UNKNOWN)
		return "not_found";
	return "failed";
}

json_t *ktk_topic_description_results_json(const char *action, int dry_run,
					   const struct ktk_topic_result *res,
					   size_t n)
{
	json_t *o = json_object(), *arr = json_array();
	size_t i;

	for (i = 0; i < n; i++) {
		json_t *t = json_object();

		json_object_set_new(t, "name", json_string(res[i].name));
		json_object_set_new(t, "status", json_string(
			ktk_topic_description_status(action, &res[i], dry_run)));
		json_object_set_new(t, "error", res[i].status == KTK_TRES_OK
						? json_null()
						: json_string(res[i].msg));
		json_array_append_new(arr, t);
	}
	json_object_set_new(o, "action", json_string(action));
	json_object_set_new(o, "dry_run", json_boolean(dry_run));
	json_object_set_new(o, "topics", arr);
	return o;
}

json_t *ktk_topic_description_names_json(char *const *names, size_t n)
{
	json_t *o = json_object(), *arr = json_array();
	size_t i;

	for (i = 0; i < n; i++)
		json_array_append_new(arr, json_string(names[i]));
	json_object_set_new(o, "topics", arr);
	return o;
}

int ktk_topic_description_json_write(FILE *out, json_t *j)
{
	int rc = json_dumpf(j, out, JSON_COMPACT | JSON_PRESERVE_ORDER);

	if (fputc('\n', out) == EOF)
		rc = -1;
	json_decref(j);
	return rc == 0 ? 0 : -1;
}
