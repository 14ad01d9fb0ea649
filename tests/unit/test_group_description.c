/* SPDX-License-Identifier: Apache-2.0 */
/* test_group_description.c -- consumer groups in kafka-consumer-groups'
 * layouts (row order, column widths, '-', blank lines) and as JSON. */
#include "lib/output/group_description.h"

#include <stdlib.h>

#include "tests/unit/unit.h"

static char *s(const char *x)
{
	return strdup(x);
}

/* a Stable group: member "m-long-...-1" with t:1 and t:0, member "m2" with
 * u:0, committed t:0=5, t:1=7, u:0=1, v:3=2 (no member) */
static void group(struct ktk_group_description *g)
{
	struct ktk_group_row c[4] = {
		{"v", 3, 2, -1, -1, -1}, {"t", 0, 5, -1, -1, -1},
		{"t", 1, 7, -1, -1, -1}, {"u", 0, 1, -1, -1, -1},
	};
	size_t i;

	memset(g, 0, sizeof(*g));
	g->group_id = s("grp");
	g->state = s("Stable");
	g->protocol_type = s("consumer");
	g->assignor = s("range");
	g->coord_host = s("localhost");
	g->coord_port = 9092;
	g->coord_id = 1;
	g->member_cnt = 2;
	g->members = calloc(2, sizeof(*g->members));
	g->members[0] = (struct ktk_group_member){s("m2"), NULL, s("c2"),
						   s("/h2"), NULL, 1};
	g->members[0].assign = calloc(1, sizeof(struct ktk_group_tp));
	g->members[0].assign[0] = (struct ktk_group_tp){s("u"), 0};
	g->members[1] = (struct ktk_group_member){
		s("m-long-member-id-0001"), NULL, s("c1"), s("/h1"), NULL, 2};
	g->members[1].assign = calloc(2, sizeof(struct ktk_group_tp));
	g->members[1].assign[0] = (struct ktk_group_tp){s("t"), 1};
	g->members[1].assign[1] = (struct ktk_group_tp){s("t"), 0};
	CHECK(ktk_group_description_rows(g, c, 4) == 0);
	for (i = 0; i < g->row_cnt; i++)
		g->rows[i].log_end = 10;
}

static char *capture(int (*f)(FILE *, const struct ktk_group_description *, int, int),
		     const struct ktk_group_description *g, int a, int b)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *m = open_memstream(&buf, &len);

	f(m, g, a, b);
	fclose(m);
	return buf;
}

static int offsets_view(FILE *o, const struct ktk_group_description *g, int v, int only)
{
	return ktk_group_description_print_offsets(o, g, v, only, 0);
}

static int time_lag_view(FILE *o, const struct ktk_group_description *g, int v, int only)
{
	return ktk_group_description_print_offsets(o, g, v, only, 1);
}

static int state_view(FILE *o, const struct ktk_group_description *g, int v, int b)
{
	(void)b;
	return ktk_group_description_print_state(o, g, v);
}

static void t_rows(void)
{
	struct ktk_group_description g;

	group(&g);
	CHECK_INT(g.row_cnt, 4);
	/* the member with most partitions first, its rows sorted; then the
	 * unowned committed partitions */
	CHECK_STR(g.rows[0].topic, "t");
	CHECK(g.rows[0].partition == 0 && g.rows[0].member == 1);
	CHECK(g.rows[1].partition == 1 && g.rows[1].committed == 7);
	CHECK_STR(g.rows[2].topic, "u");
	CHECK(g.rows[2].member == 0);
	CHECK_STR(g.rows[3].topic, "v");
	CHECK(g.rows[3].member == -1);
	CHECK_INT(ktk_group_description_total_lag(&g, NULL), 5 + 3 + 9 + 8);
	ktk_group_description_free(&g);
}

static void t_offsets(void)
{
	struct ktk_group_description g;
	char *out;

	group(&g);
	out = capture(offsets_view, &g, 0, 0);
	CHECK_STR(out,
		  "\nGROUP           TOPIC           PARTITION  CURRENT-OFFSET  LOG-END-OFFSET  LAG             CONSUMER-ID           HOST            CLIENT-ID"
		  "\ngrp             t               0          5               10              5               m-long-member-id-0001 /h1             c1"
		  "\ngrp             t               1          7               10              3               m-long-member-id-0001 /h1             c1"
		  "\ngrp             u               0          1               10              9               m2                    /h2             c2"
		  "\ngrp             v               3          2               10              8               -                     -               -\n");
	free(out);
	g.rows[2].committed = -1;
	out = capture(offsets_view, &g, 1, 1);
	/* --verbose's LEADER-EPOCH, --only-with-lag leaves out u:0 (no lag) */
	CHECK(strstr(out, "PARTITION  LEADER-EPOCH    CURRENT-OFFSET") != NULL);
	CHECK(strstr(out, "\ngrp             u ") == NULL);
	CHECK(strstr(out, "\ngrp             t               0          -               5 ") != NULL);
	free(out);
	/* --time-lag: TIME-LAG after LAG; unknown '-' */
	g.rows[0].time_lag_ms = 3723000;
	g.rows[1].time_lag_ms = 850;
	out = capture(time_lag_view, &g, 0, 0);
	CHECK(strstr(out, "\nGROUP           TOPIC           PARTITION  CURRENT-OFFSET  LOG-END-OFFSET  LAG             TIME-LAG        CONSUMER-ID           HOST            CLIENT-ID\n") != NULL);
	CHECK(strstr(out, "\ngrp             t               0          5               10              5               1h2m3s          m-long-member-id-0001 /h1             c1\n") != NULL);
	CHECK(strstr(out, "\ngrp             t               1          7               10              3               850ms           m-long") != NULL);
	CHECK(strstr(out, "\ngrp             v               3          2               10              8               -               -                     -               -\n") != NULL);
	free(out);
	ktk_group_description_free(&g);
}

static void t_age(void)
{
	char b[24];

	CHECK_STR(ktk_group_description_age(b, -1), "-");
	CHECK_STR(ktk_group_description_age(b, 0), "0ms");
	CHECK_STR(ktk_group_description_age(b, 999), "999ms");
	CHECK_STR(ktk_group_description_age(b, 1000), "1s");
	CHECK_STR(ktk_group_description_age(b, 59999), "59s");
	CHECK_STR(ktk_group_description_age(b, 125000), "2m5s");
	CHECK_STR(ktk_group_description_age(b, 3603000), "1h0m3s");
	CHECK_STR(ktk_group_description_age(b, (int64_t)3 * 86400000 + 4 * 3600000), "3d4h0m0s");
	CHECK_STR(ktk_group_description_age(b, INT64_MAX), "106751991167d7h12m55s");
}

static void t_members_state(void)
{
	struct ktk_group_description g;
	char *out;

	group(&g);
	out = capture(ktk_group_description_print_members, &g, 1, 0);
	CHECK_STR(out,
		  "\nGROUP           CONSUMER-ID           HOST            CLIENT-ID       #PARTITIONS     CURRENT-EPOCH   CURRENT-ASSIGNMENT   TARGET-EPOCH    TARGET-ASSIGNMENT   \n"
		  "grp             m2                    /h2             c2              1               -               u:0                  -               -                   \n"
		  "grp             m-long-member-id-0001 /h1             c1              2               -               t:0,1                -               -                   \n");
	free(out);
	out = capture(state_view, &g, 0, 0);
	CHECK_STR(out,
		  "\nGROUP           COORDINATOR (ID)          ASSIGNMENT-STRATEGY  STATE                #MEMBERS"
		  "\ngrp             localhost:9092  (1)       range                Stable               2\n");
	free(out);
	ktk_group_description_free(&g);
}

static void t_topics(void)
{
	struct ktk_group_description g;
	char *buf = NULL;
	size_t len = 0;
	FILE *m = open_memstream(&buf, &len);

	group(&g);
	g.rows[3].committed = -1;
	ktk_group_description_print_topics(m, &g, 1);
	fclose(m);
	CHECK_STR(buf,
		  "GROUP           TOPIC           PARTITIONS TOTAL-LAG       MAX-LAG\n"
		  "grp             t               2          8               5\n"
		  "grp             u               1          9               9\n"
		  "grp             v               1          -               -\n");
	free(buf);
	ktk_group_description_free(&g);
}

static void t_list_reset_json(void)
{
	struct ktk_group_listing l[2] = {{s("a"), s("Stable"), s("-")},
					 {s("bb"), s("Empty"), s("-")}};
	struct ktk_group_reset r[3] = {{"g", NULL, 0, -1, -1},
				       {"g", "t", 0, 3, 1},
				       {"g", "t", 1, -1, 0}};
	struct ktk_group_description g;
	char *buf = NULL, *js;
	size_t len = 0;
	FILE *m = open_memstream(&buf, &len);
	json_t *j;

	ktk_group_description_print_list(m, l, 2, 0, 1);
	ktk_group_description_print_reset(m, r, 3, 1, 0);
	ktk_group_description_print_reset(m, r, 3, 1, 1);
	fclose(m);
	CHECK_STR(buf,
		  "GROUP                     STATE               \n"
		  "a                         Stable              \n"
		  "bb                        Empty               \n"
		  "\nGROUP           TOPIC           PARTITION  NEW-OFFSET"
		  "\ng               t               0          1"
		  "\ng               t               1          0\n"
		  "\nGROUP           TOPIC           PARTITION  PRIOR-OFFSET    NEW-OFFSET"
		  "\ng               t               0          3               1"
		  "\ng               t               1          -               0\n");
	free(buf);
	ktk_group_listing_free(&l[0]);
	ktk_group_listing_free(&l[1]);
	group(&g);
	g.rows[3].committed = -1;
	j = ktk_group_description_json(&g, 0);
	js = json_dumps(json_object_get(j, "offsets"), JSON_COMPACT);
	CHECK(strstr(js, "{\"topic\":\"v\",\"partition\":3,\"current_offset\":null,\"log_end_offset\":10,\"lag\":null,\"time_lag_ms\":null,\"consumer_id\":null,\"host\":null,\"client_id\":null}") != NULL);
	CHECK_INT(json_integer_value(json_object_get(j, "total_lag")), 17);
	free(js);
	json_decref(j);
	ktk_group_description_free(&g);
}

int main(void)
{
	RUN(t_rows);
	RUN(t_offsets);
	RUN(t_age);
	RUN(t_members_state);
	RUN(t_topics);
	RUN(t_list_reset_json);
	return unit_done();
}
