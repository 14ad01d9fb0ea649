/* SPDX-License-Identifier: Apache-2.0 */
/* group_description.c -- consumer groups in kafka-consumer-groups' layouts
 * or as JSON; see group_description.h.
 *
 * The format strings are ConsumerGroupCommand's (Kafka 4.3):
 *   offsets  "\n%-Gs %-Ts %-10s [%-15s ]%-15s %-15s %-15s %-Cs %-Hs %s", a
 *            newline after the last row
 *   members  "\n%-Gs %-Cs [%-Is ]%-Hs %-Ks %-15s " (trailing blank), then
 *            with --verbose "%-15s %-As %-15s %-Bs", each line ended
 *   state    "\n%-Gs %-Ks %-20s %-20s %s" for the header and the row, a
 *            newline after the row
 *   list     "%-Ws" (W = max(15, longest) + 10), " %-20s" per column
 *   reset    "\n%-Gs %-Ts %-10s %s", a newline at the end
 */
#include "lib/output/group_description.h"

#include <stdlib.h>
#include <string.h>

static void tp_free(struct ktk_group_tp *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(v[i].topic);
	free(v);
}

void ktk_group_description_free(struct ktk_group_description *g)
{
	size_t i;

	for (i = 0; i < g->member_cnt; i++) {
		struct ktk_group_member *m = &g->members[i];

		free(m->member_id);
		free(m->instance_id);
		free(m->client_id);
		free(m->host);
		tp_free(m->assign, m->assign_cnt);
	}
	free(g->members);
	for (i = 0; i < g->row_cnt; i++)
		free(g->rows[i].topic);
	free(g->rows);
	free(g->group_id);
	free(g->state);
	free(g->protocol_type);
	free(g->assignor);
	free(g->coord_host);
	free(g->error);
	memset(g, 0, sizeof(*g));
}

void ktk_group_listing_free(struct ktk_group_listing *l)
{
	free(l->group_id);
	free(l->state);
	free(l->type);
	memset(l, 0, sizeof(*l));
}

static int cmp_row(const void *x, const void *y)
{
	const struct ktk_group_row *a = x, *b = y;
	int c = strcmp(a->topic, b->topic);

	return c ? c : (a->partition > b->partition) - (a->partition < b->partition);
}

static const struct ktk_group_row *find_row(const struct ktk_group_row *v,
					    size_t n, const char *t, int32_t p)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (v[i].partition == p && strcmp(v[i].topic, t) == 0)
			return &v[i];
	return NULL;
}

int ktk_group_description_rows(struct ktk_group_description *g,
			       const struct ktk_group_row *committed, size_t n)
{
	size_t total = n, i, j, k = 0, *order;
	struct ktk_group_row *rows;

	for (i = 0; i < g->member_cnt; i++)
		total += g->members[i].assign_cnt;
	rows = calloc(total + 1, sizeof(*rows));
	order = calloc(g->member_cnt + 1, sizeof(*order));
	if (rows == NULL || order == NULL) {
		free(rows);
		free(order);
		return -1;
	}
	/* members by assignment size, largest first, stable */
	for (i = 0; i < g->member_cnt; i++) {
		size_t at = i;

		while (at > 0 && g->members[order[at - 1]].assign_cnt <
					 g->members[i].assign_cnt) {
			order[at] = order[at - 1];
			at--;
		}
		order[at] = i;
	}
	for (i = 0; i < g->member_cnt; i++) {
		const struct ktk_group_member *m = &g->members[order[i]];
		size_t first = k;

		for (j = 0; j < m->assign_cnt; j++) {
			const struct ktk_group_row *c = find_row(
				committed, n, m->assign[j].topic,
				m->assign[j].partition);

			rows[k].topic = strdup(m->assign[j].topic);
			rows[k].partition = m->assign[j].partition;
			rows[k].committed = c ? c->committed : -1;
			rows[k].log_end = rows[k].time_lag_ms = -1;
			rows[k].member = (int)order[i];
			if (rows[k++].topic == NULL)
				goto oom;
		}
		qsort(rows + first, k - first, sizeof(*rows), cmp_row);
	}
	{
		size_t first = k, assigned = k;

		for (i = 0; i < n; i++) {
			if (find_row(rows, assigned, committed[i].topic,
				     committed[i].partition))
				continue;
			rows[k].topic = strdup(committed[i].topic);
			rows[k].partition = committed[i].partition;
			rows[k].committed = committed[i].committed;
			rows[k].log_end = rows[k].time_lag_ms = -1;
			rows[k].member = -1;
			if (rows[k++].topic == NULL)
				goto oom;
		}
		qsort(rows + first, k - first, sizeof(*rows), cmp_row);
	}
	free(order);
	for (i = 0; i < g->row_cnt; i++)
		free(g->rows[i].topic);
	free(g->rows);
	g->rows = rows;
	g->row_cnt = k;
	return 0;
oom:
	for (i = 0; i < k; i++)
		free(rows[i].topic);
	free(rows);
	free(order);
	return -1;
}

int64_t ktk_group_description_lag(const struct ktk_group_row *r)
{
	if (r->committed < 0 || r->log_end < 0)
		return -1;
	return r->log_end - r->committed;
}

int64_t ktk_group_description_total_lag(const struct ktk_group_description *g,
					int64_t *max)
{
	int64_t sum = 0, mx = -1, l;
	size_t i;

	for (i = 0; i < g->row_cnt; i++) {
		if ((l = ktk_group_description_lag(&g->rows[i])) < 0)
			continue;
		sum += l;
		if (l > mx)
			mx = l;
	}
	if (max)
		*max = mx;
	return sum;
}

static int imax(int a, size_t b)
{
	return (size_t)a > b ? a : (int)b;
}

/* a number, or '-' for -1 */
static const char *num(char *buf, int64_t v)
{
	if (v < 0)
		return "-";
	snprintf(buf, 24, "%lld", (long long)v);
	return buf;
}

int ktk_group_description_print_list(FILE *out,
				     const struct ktk_group_listing *l,
				     size_t n, int with_type, int with_state)
{
	int w = 15, rc = 0;
	size_t i;

	if (!with_type && !with_state) {
		for (i = 0; i < n && rc >= 0; i++)
			rc = fprintf(out, "%s\n", l[i].group_id);
		return rc;
	}
	for (i = 0; i < n; i++)
		w = imax(w, strlen(l[i].group_id));
	w += 10;
	fprintf(out, "%-*s", w, "GROUP");
	if (with_type)
		fprintf(out, " %-20s", "TYPE");
	if (with_state)
		fprintf(out, " %-20s", "STATE");
	rc = fputc('\n', out);
	for (i = 0; i < n && rc >= 0; i++) {
		fprintf(out, "%-*s", w, l[i].group_id);
		if (with_type)
			fprintf(out, " %-20s", l[i].type ? l[i].type : "Unknown");
		if (with_state)
			fprintf(out, " %-20s", l[i].state ? l[i].state : "Unknown");
		rc = fputc('\n', out);
	}
	return rc;
}

static const char *member_field(const struct ktk_group_description *g,
				const struct ktk_group_row *r, int which)
{
	const struct ktk_group_member *m;

	if (r->member < 0)
		return "-";
	m = &g->members[r->member];
	return which == 0 ? m->member_id : which == 1 ? m->host : m->client_id;
}

static int shown(const struct ktk_group_row *r, int only_lagging)
{
	return !only_lagging || ktk_group_description_lag(r) > 0;
}

char *ktk_group_description_age(char *buf, int64_t ms)
{
	int64_t s = ms / 1000;

	if (ms < 0)
		snprintf(buf, 24, "-");
	else if (ms < 1000)
		snprintf(buf, 24, "%dms", (int)ms);
	else if (s < 60)
		snprintf(buf, 24, "%ds", (int)s);
	else if (s < 3600)
		snprintf(buf, 24, "%dm%ds", (int)(s / 60), (int)(s % 60));
	else if (s < 86400)
		snprintf(buf, 24, "%dh%dm%ds", (int)(s / 3600),
			 (int)(s / 60 % 60), (int)(s % 60));
	else
		snprintf(buf, 24, "%lldd%dh%dm%ds", (long long)(s / 86400),
			 (int)(s / 3600 % 24), (int)(s / 60 % 60), (int)(s % 60));
	return buf;
}

int ktk_group_description_print_offsets(FILE *out,
					const struct ktk_group_description *g,
					int verbose, int only_lagging,
					int time_lag)
{
	int gw = 15, tw = 15, cw = 15, hw = 15, rc = 0, any = 0;
	char a[24], b[24], c[24];
	size_t i;

	for (i = 0; i < g->row_cnt; i++) {
		const struct ktk_group_row *r = &g->rows[i];

		if (!shown(r, only_lagging))
			continue;
		any = 1;
		gw = imax(gw, strlen(g->group_id));
		tw = imax(tw, strlen(r->topic));
		cw = imax(cw, strlen(member_field(g, r, 0)));
		hw = imax(hw, strlen(member_field(g, r, 1)));
	}
	if (!any)
		return 0;
	fprintf(out, "\n%-*s %-*s %-10s ", gw, "GROUP", tw, "TOPIC", "PARTITION");
	if (verbose)
		fprintf(out, "%-15s ", "LEADER-EPOCH");
	fprintf(out, "%-15s %-15s %-15s ", "CURRENT-OFFSET", "LOG-END-OFFSET",
		"LAG");
	if (time_lag)
		fprintf(out, "%-15s ", "TIME-LAG");
	fprintf(out, "%-*s %-*s %s", cw, "CONSUMER-ID", hw, "HOST", "CLIENT-ID");
	for (i = 0; i < g->row_cnt; i++) {
		const struct ktk_group_row *r = &g->rows[i];
		char p[16];

		if (!shown(r, only_lagging))
			continue;
		snprintf(p, sizeof(p), "%d", (int)r->partition);
		fprintf(out, "\n%-*s %-*s %-10s ", gw, g->group_id, tw, r->topic,
			p);
		if (verbose)
			fprintf(out, "%-15s ", "-");
		fprintf(out, "%-15s %-15s %-15s ", num(a, r->committed),
			num(b, r->log_end), num(c, ktk_group_description_lag(r)));
		if (time_lag)
			fprintf(out, "%-15s ", ktk_group_description_age(c, r->time_lag_ms));
		fprintf(out, "%-*s %-*s %s", cw, member_field(g, r, 0), hw,
			member_field(g, r, 1), member_field(g, r, 2));
	}
	rc = fputc('\n', out);
	return rc == EOF ? -1 : 0;
}

static int cmp_tp(const void *x, const void *y)
{
	const struct ktk_group_tp *a = x, *b = y;
	int c = strcmp(a->topic, b->topic);

	return c ? c : (a->partition > b->partition) - (a->partition < b->partition);
}

/* "t1:0,1,2;t2:0" (topics and partitions sorted), "-" for none; malloc'ed */
static char *assignment_string(const struct ktk_group_member *m)
{
	struct ktk_group_tp *v;
	size_t i, len = 2;
	char *s, *p;

	if (m->assign_cnt == 0)
		return strdup("-");
	v = malloc(m->assign_cnt * sizeof(*v));
	for (i = 0; i < m->assign_cnt; i++)
		len += strlen(m->assign[i].topic) + 14;
	s = malloc(len);
	if (v == NULL || s == NULL) {
		free(v);
		free(s);
		return NULL;
	}
	memcpy(v, m->assign, m->assign_cnt * sizeof(*v));
	qsort(v, m->assign_cnt, sizeof(*v), cmp_tp);
	p = s;
	for (i = 0; i < m->assign_cnt; i++) {
		if (i == 0 || strcmp(v[i].topic, v[i - 1].topic))
			p += sprintf(p, "%s%s:%d", i ? ";" : "", v[i].topic,
				     (int)v[i].partition);
		else
			p += sprintf(p, ",%d", (int)v[i].partition);
	}
	free(v);
	return s;
}

int ktk_group_description_print_members(FILE *out,
					const struct ktk_group_description *g,
					int verbose, int header_only)
{
	int gw = 15, cw = 15, iw = 17, hw = 15, kw = 15, aw = 20, with_id = 0;
	size_t i, n = header_only ? 0 : g->member_cnt;
	char **as = calloc(n + 1, sizeof(char *));
	int rc;

	if (as == NULL)
		return -1;
	for (i = 0; i < n; i++) {
		const struct ktk_group_member *m = &g->members[i];

		gw = imax(gw, strlen(g->group_id));
		cw = imax(cw, strlen(m->member_id));
		if (m->instance_id && *m->instance_id) {
			with_id = 1;
			iw = imax(iw, strlen(m->instance_id));
		}
		hw = imax(hw, strlen(m->host));
		kw = imax(kw, strlen(m->client_id));
		if ((as[i] = assignment_string(m)) == NULL)
			break;
		aw = imax(aw, strlen(as[i]));
	}
	fprintf(out, "\n%-*s %-*s ", gw, "GROUP", cw, "CONSUMER-ID");
	if (with_id)
		fprintf(out, "%-*s ", iw, "GROUP-INSTANCE-ID");
	fprintf(out, "%-*s %-*s %-15s ", hw, "HOST", kw, "CLIENT-ID",
		"#PARTITIONS");
	if (verbose)
		fprintf(out, "%-15s %-*s %-15s %-20s", "CURRENT-EPOCH", aw,
			"CURRENT-ASSIGNMENT", "TARGET-EPOCH",
			"TARGET-ASSIGNMENT");
	rc = fputc('\n', out);
	for (i = 0; i < n && rc != EOF; i++) {
		const struct ktk_group_member *m = &g->members[i];
		char cnt[24];

		snprintf(cnt, sizeof(cnt), "%zu", m->assign_cnt);
		fprintf(out, "%-*s %-*s ", gw, g->group_id, cw, m->member_id);
		if (with_id)
			fprintf(out, "%-*s ", iw,
				m->instance_id ? m->instance_id : "");
		fprintf(out, "%-*s %-*s %-15s ", hw, m->host, kw, m->client_id,
			cnt);
		if (verbose)
			fprintf(out, "%-15s %-*s %-15s %-20s", "-", aw,
				as[i] ? as[i] : "-", "-", "-");
		rc = fputc('\n', out);
	}
	for (i = 0; i < n; i++)
		free(as[i]);
	free(as);
	return rc == EOF ? -1 : 0;
}

int ktk_group_description_print_state(FILE *out,
				      const struct ktk_group_description *g,
				      int verbose)
{
	char coord[320], members[24];
	int gw = imax(15, strlen(g->group_id)), kw;
	const char *as = g->assignor && *g->assignor ? g->assignor : "-";

	if (g->coord_host)
		snprintf(coord, sizeof(coord), "%s:%d  (%d)", g->coord_host,
			 g->coord_port, (int)g->coord_id);
	else
		snprintf(coord, sizeof(coord), "-");
	kw = imax(25, strlen(coord));
	snprintf(members, sizeof(members), "%zu", g->member_cnt);
	if (verbose) {
		fprintf(out, "\n%-*s %-*s %-20s %-20s %-15s %-25s %s", gw,
			"GROUP", kw, "COORDINATOR (ID)", "ASSIGNMENT-STRATEGY",
			"STATE", "GROUP-EPOCH", "TARGET-ASSIGNMENT-EPOCH",
			"#MEMBERS");
		fprintf(out, "\n%-*s %-*s %-20s %-20s %-15s %-25s %s", gw,
			g->group_id, kw, coord, as, g->state, "-", "-",
			members);
	} else {
		fprintf(out, "\n%-*s %-*s %-20s %-20s %s", gw, "GROUP", kw,
			"COORDINATOR (ID)", "ASSIGNMENT-STRATEGY", "STATE",
			"#MEMBERS");
		fprintf(out, "\n%-*s %-*s %-20s %-20s %s", gw, g->group_id, kw,
			coord, as, g->state, members);
	}
	return fputc('\n', out) == EOF ? -1 : 0;
}

static const struct ktk_group_row *prev_row(const struct ktk_group_description *p,
					   const struct ktk_group_row *r)
{
	size_t i;

	for (i = 0; p && i < p->row_cnt; i++)
		if (p->rows[i].partition == r->partition &&
		    !strcmp(p->rows[i].topic, r->topic))
			return &p->rows[i];
	return NULL;
}

int ktk_group_description_print_watch(FILE *out,
				      const struct ktk_group_description *g,
				      const struct ktk_group_description *prev,
				      double dt)
{
	int gw = imax(15, strlen(g->group_id)), tw = 15;
	int64_t total = ktk_group_description_total_lag(g, NULL), dsum = 0;
	int64_t ptotal = prev ? ktk_group_description_total_lag(prev, NULL) : 0;
	char a[24], b[24], c[24], d[32], e[32];
	size_t i;

	for (i = 0; i < g->row_cnt; i++)
		tw = imax(tw, strlen(g->rows[i].topic));
	fprintf(out, "\n%-*s %-*s %-10s %-15s %-15s %-15s %-10s %s", gw, "GROUP",
		tw, "TOPIC", "PARTITION", "CURRENT-OFFSET", "LOG-END-OFFSET",
		"LAG", "LAG-DELTA", "RATE");
	for (i = 0; i < g->row_cnt; i++) {
		const struct ktk_group_row *r = &g->rows[i], *q = prev_row(prev, r);
		int64_t lag = ktk_group_description_lag(r),
			plag = q ? ktk_group_description_lag(q) : -1;
		char p[16];

		snprintf(p, sizeof(p), "%d", (int)r->partition);
		if (lag >= 0 && plag >= 0)
			snprintf(d, sizeof(d), "%+lld", (long long)(lag - plag));
		else
			snprintf(d, sizeof(d), "-");
		if (q && r->committed >= 0 && q->committed >= 0 && dt > 0) {
			snprintf(e, sizeof(e), "%.1f",
				 (double)(r->committed - q->committed) / dt);
			dsum += r->committed - q->committed;
		} else {
			snprintf(e, sizeof(e), "-");
		}
		fprintf(out, "\n%-*s %-*s %-10s %-15s %-15s %-15s %-10s %s", gw,
			g->group_id, tw, r->topic, p, num(a, r->committed),
			num(b, r->log_end), num(c, lag), d, e);
	}
	fprintf(out, "\n%s: TOTAL-LAG %lld", g->group_id, (long long)total);
	if (prev && dt > 0)
		fprintf(out, " (%+lld, %.1f records/s)",
			(long long)(total - ptotal), (double)dsum / dt);
	return fputc('\n', out) == EOF ? -1 : 0;
}

int ktk_group_description_print_summary(FILE *out,
					const struct ktk_group_description *g,
					size_t n, int only_lagging)
{
	int gw = 15, rc = 0;
	size_t i;

	for (i = 0; i < n; i++)
		gw = imax(gw, strlen(g[i].group_id));
	fprintf(out, "%-*s %-20s %-10s %-10s %-15s %s\n", gw, "GROUP", "STATE",
		"#MEMBERS", "PARTITIONS", "TOTAL-LAG", "MAX-LAG");
	for (i = 0; i < n && rc >= 0; i++) {
		int64_t mx, total = ktk_group_description_total_lag(&g[i], &mx);
		char a[24], b[24], m[24], p[24];

		if (only_lagging && total <= 0)
			continue;
		snprintf(m, sizeof(m), "%zu", g[i].member_cnt);
		snprintf(p, sizeof(p), "%zu", g[i].row_cnt);
		rc = fprintf(out, "%-*s %-20s %-10s %-10s %-15s %s\n", gw,
			     g[i].group_id, g[i].state, m, p,
			     mx < 0 ? "-" : num(a, total), num(b, mx));
	}
	return rc < 0 ? -1 : 0;
}

static int cmp_cstr(const void *x, const void *y)
{
	return strcmp(*(const char *const *)x, *(const char *const *)y);
}

int ktk_group_description_print_topics(FILE *out,
				       const struct ktk_group_description *g,
				       size_t n)
{
	int gw = 15, tw = 15, rc = 0;
	size_t i, j, k;

	for (i = 0; i < n; i++) {
		gw = imax(gw, strlen(g[i].group_id));
		for (j = 0; j < g[i].row_cnt; j++)
			tw = imax(tw, strlen(g[i].rows[j].topic));
	}
	fprintf(out, "%-*s %-*s %-10s %-15s %s\n", gw, "GROUP", tw, "TOPIC",
		"PARTITIONS", "TOTAL-LAG", "MAX-LAG");
	for (i = 0; i < n && rc >= 0; i++) {
		const char **t = calloc(g[i].row_cnt + 1, sizeof(char *));
		size_t nt = 0;

		if (t == NULL)
			return -1;
		for (j = 0; j < g[i].row_cnt; j++) {
			for (k = 0; k < nt; k++)
				if (!strcmp(t[k], g[i].rows[j].topic))
					break;
			if (k == nt)
				t[nt++] = g[i].rows[j].topic;
		}
		qsort(t, nt, sizeof(char *), cmp_cstr);
		for (k = 0; k < nt && rc >= 0; k++) {
			int64_t sum = 0, mx = -1, l;
			size_t parts = 0;
			char a[24], b[24], p[24];

			for (j = 0; j < g[i].row_cnt; j++) {
				if (strcmp(g[i].rows[j].topic, t[k]))
					continue;
				parts++;
				if ((l = ktk_group_description_lag(&g[i].rows[j])) < 0)
					continue;
				sum += l;
				mx = l > mx ? l : mx;
			}
			snprintf(p, sizeof(p), "%zu", parts);
			rc = fprintf(out, "%-*s %-*s %-10s %-15s %s\n", gw,
				     g[i].group_id, tw, t[k], p,
				     mx < 0 ? "-" : num(a, sum), num(b, mx));
		}
		free(t);
	}
	return rc < 0 ? -1 : 0;
}

int ktk_group_description_print_reset(FILE *out, const struct ktk_group_reset *r,
				      size_t n, size_t ngroups, int prior)
{
	int gw = 15, tw = 15;
	size_t i;
	char pr[24];

	for (i = 0; i < n; i++) {
		gw = imax(gw, strlen(r[i].group));
		if (r[i].topic)
			tw = imax(tw, strlen(r[i].topic));
	}
	if (ngroups > 0)
		fprintf(out, "\n%-*s %-*s %-10s %s%s", gw, "GROUP", tw, "TOPIC",
			"PARTITION", prior ? "PRIOR-OFFSET    " : "",
			"NEW-OFFSET");
	for (i = 0; i < n; i++) {
		char p[16];

		if (r[i].topic == NULL)
			continue;
		snprintf(p, sizeof(p), "%d", (int)r[i].partition);
		fprintf(out, "\n%-*s %-*s %-10s ", gw, r[i].group, tw, r[i].topic,
			p);
		if (prior)
			fprintf(out, "%-15s ", num(pr, r[i].prior));
		fprintf(out, "%lld", (long long)r[i].new_offset);
	}
	return fputc('\n', out) == EOF ? -1 : 0;
}

static json_t *num_or_null(int64_t v)
{
	return v < 0 ? json_null() : json_integer((json_int_t)v);
}

static json_t *str_or_null(const char *s)
{
	return s && *s ? json_string(s) : json_null();
}

json_t *ktk_group_description_json(const struct ktk_group_description *g,
				   int only_lagging)
{
	json_t *o = json_object(), *ms = json_array(), *rows = json_array(),
	       *topics = json_object();
	int64_t mx, total = ktk_group_description_total_lag(g, &mx);
	size_t i, j;

	if (o == NULL || ms == NULL || rows == NULL || topics == NULL) {
		json_decref(o);
		json_decref(ms);
		json_decref(rows);
		json_decref(topics);
		return NULL;
	}
	json_object_set_new(o, "group", json_string(g->group_id));
	json_object_set_new(o, "state", json_string(g->state ? g->state : "Unknown"));
	json_object_set_new(o, "protocol_type", str_or_null(g->protocol_type));
	json_object_set_new(o, "assignment_strategy", str_or_null(g->assignor));
	if (g->coord_host) {
		json_t *c = json_object();

		json_object_set_new(c, "id", json_integer(g->coord_id));
		json_object_set_new(c, "host", json_string(g->coord_host));
		json_object_set_new(c, "port", json_integer(g->coord_port));
		json_object_set_new(o, "coordinator", c);
	} else {
		json_object_set_new(o, "coordinator", json_null());
	}
	for (i = 0; i < g->member_cnt; i++) {
		const struct ktk_group_member *m = &g->members[i];
		json_t *mo = json_object(), *as = json_array();

		json_object_set_new(mo, "consumer_id", json_string(m->member_id));
		json_object_set_new(mo, "group_instance_id", str_or_null(m->instance_id));
		json_object_set_new(mo, "host", json_string(m->host));
		json_object_set_new(mo, "client_id", json_string(m->client_id));
		for (j = 0; j < m->assign_cnt; j++) {
			json_t *tp = json_object();

			json_object_set_new(tp, "topic", json_string(m->assign[j].topic));
			json_object_set_new(tp, "partition", json_integer(m->assign[j].partition));
			json_array_append_new(as, tp);
		}
		json_object_set_new(mo, "assignment", as);
		json_array_append_new(ms, mo);
	}
	json_object_set_new(o, "members", ms);
	for (i = 0; i < g->row_cnt; i++) {
		const struct ktk_group_row *r = &g->rows[i];
		int64_t lag = ktk_group_description_lag(r);
		json_t *ro, *tl;

		if (lag >= 0) {
			tl = json_object_get(topics, r->topic);
			json_object_set_new(topics, r->topic, json_integer(
				(tl ? json_integer_value(tl) : 0) + lag));
		}
		if (!shown(r, only_lagging))
			continue;
		ro = json_object();
		json_object_set_new(ro, "topic", json_string(r->topic));
		json_object_set_new(ro, "partition", json_integer(r->partition));
		json_object_set_new(ro, "current_offset", num_or_null(r->committed));
		json_object_set_new(ro, "log_end_offset", num_or_null(r->log_end));
		json_object_set_new(ro, "lag", num_or_null(lag));
		json_object_set_new(ro, "time_lag_ms", num_or_null(r->time_lag_ms));
		json_object_set_new(ro, "consumer_id", r->member < 0 ? json_null()
				    : json_string(member_field(g, r, 0)));
		json_object_set_new(ro, "host", r->member < 0 ? json_null()
				    : json_string(member_field(g, r, 1)));
		json_object_set_new(ro, "client_id", r->member < 0 ? json_null()
				    : json_string(member_field(g, r, 2)));
		json_array_append_new(rows, ro);
	}
	json_object_set_new(o, "offsets", rows);
	json_object_set_new(o, "total_lag", mx < 0 ? json_null() : json_integer(total));
	json_object_set_new(o, "max_lag", num_or_null(mx));
	for (i = 0, mx = -1; i < g->row_cnt; i++)
		if (g->rows[i].time_lag_ms > mx)
			mx = g->rows[i].time_lag_ms;
	json_object_set_new(o, "max_time_lag_ms", num_or_null(mx));
	json_object_set_new(o, "topic_lag", topics);
	json_object_set_new(o, "offsets_only", json_boolean(g->offsets_only));
	json_object_set_new(o, "error", str_or_null(g->error));
	return o;
}

json_t *ktk_group_listing_json(const struct ktk_group_listing *l)
{
	json_t *o = json_object();

	if (o == NULL)
		return NULL;
	json_object_set_new(o, "group", json_string(l->group_id));
	json_object_set_new(o, "state", json_string(l->state ? l->state : "Unknown"));
	/* "-": this librdkafka cannot tell */
	json_object_set_new(o, "type", l->type && strcmp(l->type, "Unknown") &&
				       strcmp(l->type, "-")
				       ? json_string(l->type) : json_null());
	return o;
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

void ktk_group_description_print_watch_json(
	FILE *out, const struct ktk_group_description *g, int64_t ts,
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
	json_dumpf(o, out, JSON_COMPACT | JSON_PRESERVE_ORDER);
	fputc('\n', out);
	json_decref(o);
}
