/* SPDX-License-Identifier: Apache-2.0 */
/* test_topic_spec.c -- lib/config/topic_spec.c and lib/output/topic_description.c */
#include <stdlib.h>
#include <string.h>

#include "lib/output/topic_description.h"
#include "lib/config/topic_spec.h"
#include "tests/unit/unit.h"

static void t_filter(void)
{
	struct ktk_topic_spec_filter f;
	struct ktk_err err = {0};

	CHECK(ktk_topic_spec_filter_init(&f, " 'a, b.c' ", &err) == 0);
	CHECK_STR(f.pattern, "a|b.c");
	CHECK(ktk_topic_spec_filter_match(&f, "a"));
	CHECK(ktk_topic_spec_filter_match(&f, "bxc"));
	CHECK(!ktk_topic_spec_filter_match(&f, "ab"));
	CHECK(!ktk_topic_spec_filter_match(&f, "b.cd"));
	ktk_topic_spec_filter_free(&f);
	CHECK(ktk_topic_spec_filter_init(&f, "t\\d+", &err) == 0);
	CHECK(ktk_topic_spec_filter_match(&f, "t42"));
	CHECK(!ktk_topic_spec_filter_match(&f, "tx"));
	ktk_topic_spec_filter_free(&f);
	CHECK(ktk_topic_spec_filter_init(&f, "a(", &err) == -1);
	CHECK_INT(err.code, KTK_EXIT_USAGE);
	CHECK(ktk_topic_spec_filter_init(&f, "\"\"", &err) == -1);
	/* repetitions regcomp() would copy into gigabytes (fuzz_specs) */
	CHECK(ktk_topic_spec_filter_init(&f, "a++++++++++++++++++++++++++++++",
				   &err) == -1);
	CHECK_INT(err.code, KTK_EXIT_USAGE);
	CHECK(strstr(err.msg, "too large") != NULL);
	CHECK(ktk_topic_spec_filter_init(&f, "((((((((((((((a+)+)+)+)+)+)+)+)+)+)+)+)+)+)+)+",
				   &err) == -1);
	CHECK(ktk_topic_spec_filter_init(&f, "(a{100}){100}", &err) == -1);
	CHECK(ktk_topic_spec_filter_init(&f, "a+++++++++++*++++++++++", &err) == -1);
	/* empty-matching loops stacked (seconds in regcomp) */
	CHECK(ktk_topic_spec_filter_init(&f, "x*+++++", &err) == -1);
	CHECK(ktk_topic_spec_filter_init(&f, "(((((x*)+)+)+)+)", &err) == -1);
	CHECK(ktk_topic_spec_filter_init(&f, "((x*)+)", &err) == 0);
	ktk_topic_spec_filter_free(&f);
	CHECK(ktk_topic_spec_filter_init(&f, "a**a**a**a**a**a**a**a**a**", &err) == -1);
	CHECK(ktk_topic_spec_filter_init(&f, "a**a**a**a**a**a**a**a**", &err) == 0);
	ktk_topic_spec_filter_free(&f);
	CHECK(ktk_topic_spec_filter_init(&f, "(a**){9}", &err) == -1);
	CHECK(ktk_topic_spec_filter_init(&f, "(a**){3}", &err) == 0);
	ktk_topic_spec_filter_free(&f);
	CHECK(ktk_topic_spec_filter_init(&f, "x*+", &err) == 0);
	ktk_topic_spec_filter_free(&f);
	CHECK(ktk_topic_spec_filter_init(&f, "[a-z]{1}[a-z]{0}[a-z]*", &err) == 0);
	CHECK(ktk_topic_spec_filter_match(&f, "orders"));
	ktk_topic_spec_filter_free(&f);
	CHECK(ktk_topic_spec_filter_init(&f, "(t[[:digit:]]+|x{3}|[]a]+)+", &err) == 0);
	CHECK(ktk_topic_spec_filter_match(&f, "t1xxx]a"));
	ktk_topic_spec_filter_free(&f);
}

static void t_names(void)
{
	struct ktk_err err = {0};

	CHECK(ktk_topic_spec_name_check("a.b-c_D9", &err) == 0);
	CHECK(ktk_topic_spec_name_check("..", &err) == -1);
	CHECK(ktk_topic_spec_name_check("a b", &err) == -1);
	CHECK(strstr(err.msg, "position 2") != NULL);
	CHECK(ktk_topic_spec_is_internal("__consumer_offsets"));
	CHECK(!ktk_topic_spec_is_internal("consumer_offsets"));
	CHECK(ktk_topic_spec_name_collides("a.b") && !ktk_topic_spec_name_collides("ab"));
}

/* producer and consumer: one name per --topic, never a list or a regex */
static void t_literal(void)
{
	struct ktk_err err = {0};

	CHECK(ktk_topic_spec_literal_check("demo.x_y-1", KTK_TOPIC_SPEC_MANY,
					   &err) == 0);
	CHECK(ktk_topic_spec_literal_check("a,b", KTK_TOPIC_SPEC_MANY, &err) ==
	      -1);
	CHECK_INT(err.code, KTK_EXIT_USAGE);
	CHECK(strstr(err.msg, "repeat -t") != NULL);
	CHECK(ktk_topic_spec_literal_check("a,b", KTK_TOPIC_SPEC_ONE, &err) ==
	      -1);
	CHECK(strstr(err.msg, "once per topic") != NULL);
	CHECK(ktk_topic_spec_literal_check("^de.*", KTK_TOPIC_SPEC_MANY,
					   &err) == -1);
	CHECK(strstr(err.msg, "--include '^de.*'") != NULL);
	CHECK(ktk_topic_spec_literal_check("^de.*", KTK_TOPIC_SPEC_ONE,
					   &err) == -1);
	CHECK(strstr(err.msg, "not a pattern") != NULL);
	CHECK(ktk_topic_spec_literal_check("a b", KTK_TOPIC_SPEC_MANY, &err) ==
	      -1);
	CHECK(strstr(err.msg, "illegal character at position 2") != NULL);
	CHECK(ktk_topic_spec_literal_check("", KTK_TOPIC_SPEC_ONE, &err) == -1);
}

static void t_assignment(void)
{
	struct ktk_topic_spec_replica_assignment ra;
	struct ktk_err err = {0};

	CHECK(ktk_topic_spec_replica_assignment_parse("1:2, 2 :3,3:1", &ra, &err) == 0);
	CHECK_INT(ra.partitions, 3);
	CHECK_INT(ra.rf, 2);
	CHECK_INT(ra.ids[2], 2);
	CHECK_INT(ra.ids[5], 1);
	ktk_topic_spec_replica_assignment_free(&ra);
	CHECK(ktk_topic_spec_replica_assignment_parse("1:1", &ra, &err) == -1);
	CHECK(strstr(err.msg, "twice") != NULL);
	CHECK(ktk_topic_spec_replica_assignment_parse("1:2,3", &ra, &err) == -1);
	CHECK(strstr(err.msg, "partition 1 has 1") != NULL);
	CHECK(ktk_topic_spec_replica_assignment_parse("1,,2", &ra, &err) == -1);
	CHECK(ktk_topic_spec_replica_assignment_parse("x", &ra, &err) == -1);
}

static void t_kv(void)
{
	struct ktk_err err = {0};
	char *n, *v;

	CHECK(ktk_topic_spec_config_kv_parse("a.b = 5", &n, &v, &err) == 0);
	CHECK_STR(n, "a.b");
	CHECK_STR(v, "5");
	free(n);
	free(v);
	CHECK(ktk_topic_spec_config_kv_parse("a=b=c", &n, &v, &err) == -1);
	CHECK(ktk_topic_spec_config_kv_parse("a=", &n, &v, &err) == -1);
	CHECK(ktk_topic_spec_config_kv_parse("=1", &n, &v, &err) == -1);
	CHECK(ktk_topic_spec_config_kv_parse("a", &n, &v, &err) == -1);
}

static int32_t ids_a[] = {1, 2, 3}, ids_b[] = {1, 3};

static void make(struct ktk_topic_description *t, struct ktk_tpart *p,
		 struct ktk_tconfig *c)
{
	memset(t, 0, sizeof(*t));
	memset(p, 0, 2 * sizeof(*p));
	t->name = "t";
	t->parts = p;
	t->part_cnt = 2;
	t->configs = c;
	t->config_cnt = 2;
	t->configs_known = 1;
	c[0] = (struct ktk_tconfig){"min.insync.replicas", "2", 0, 0};
	c[1] = (struct ktk_tconfig){"retention.ms", "1", 1, 0};
	p[0].partition = 0;
	p[0].leader = 1;
	p[0].replicas = (struct ktk_idlist){ids_a, 3, 1};
	p[0].isr = (struct ktk_idlist){ids_a, 3, 1};
	p[1].partition = 1;
	p[1].leader = -1;
	p[1].replicas = (struct ktk_idlist){ids_a, 3, 1};
	p[1].isr = (struct ktk_idlist){ids_b, 2, 1};
}

static char *render(const struct ktk_topic_description *t, const struct ktk_tview *v)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	ktk_topic_description_print(f, t, v);
	fclose(f);
	return buf;
}

static void t_print(void)
{
	struct ktk_topic_description t;
	struct ktk_tpart p[2];
	struct ktk_tconfig c[2];
	int32_t live[] = {1, 2};
	struct ktk_tview v = {0, live, 2};
	char *s;

	make(&t, p, c);
	s = render(&t, &v);
	CHECK_STR(s, "Topic: t\tPartitionCount: 2\tReplicationFactor: 3\t"
		     "Configs: min.insync.replicas=2\n"
		     "\tTopic: t\tPartition: 0\tLeader: 1\tReplicas: 1,2,3\t"
		     "Isr: 1,2,3\tElr: \tLastKnownElr: \n"
		     "\tTopic: t\tPartition: 1\tLeader: none\tReplicas: 1,2,3\t"
		     "Isr: 1,3\tElr: N/A\tLastKnownElr: N/A\n");
	free(s);
	strcpy(t.topic_id, "AAAAAAAAAAAAAAAAAAAAAA");
	v.reports = KTK_TREPORT_UNDER_REPLICATED;
	s = render(&t, &v);
	CHECK_STR(s, "\tTopic: t\tPartition: 1\tLeader: none\tReplicas: 1,2,3\t"
		     "Isr: 1,3\tElr: N/A\tLastKnownElr: N/A\n");
	free(s);
	v.reports = KTK_TREPORT_AT_MIN_ISR;
	s = render(&t, &v);
	CHECK(strstr(s, "Partition: 1") && !strstr(s, "Partition: 0"));
	free(s);
	v.reports = KTK_TREPORT_WITH_OVERRIDES;
	s = render(&t, &v);
	CHECK_STR(s, "Topic: t\tTopicId: AAAAAAAAAAAAAAAAAAAAAA\t"
		     "PartitionCount: 2\tReplicationFactor: 3\t"
		     "Configs: min.insync.replicas=2\n");
	free(s);
	c[0].is_default = 1;
	s = render(&t, &v);
	CHECK_STR(s, "");
	free(s);
}

static void t_json(void)
{
	struct ktk_topic_description t;
	struct ktk_tpart p[2];
	struct ktk_tconfig c[2];
	int32_t live[] = {2};
	struct ktk_tview v = {KTK_TREPORT_UNAVAILABLE, live, 1};
	json_t *j;
	char *s;

	make(&t, p, c);
	t.has_offsets = 1;
	p[0].low = 5;
	p[0].high = 9;
	p[1].low = p[1].high = -1;
	j = ktk_topic_description_json(&t, &v);
	s = json_dumps(j, JSON_COMPACT | JSON_PRESERVE_ORDER);
	CHECK_STR(s, "{\"name\":\"t\",\"topic_id\":null,\"internal\":false,"
		     "\"partition_count\":2,\"replication_factor\":3,"
		     "\"configs\":{\"min.insync.replicas\":\"2\"},"
		     "\"partitions\":[{\"partition\":0,\"leader\":1,"
		     "\"replicas\":[1,2,3],\"isr\":[1,2,3],\"elr\":[],"
		     "\"last_known_elr\":[],\"offsets\":{\"low\":5,\"high\":9,"
		     "\"records\":4}},{\"partition\":1,\"leader\":null,"
		     "\"replicas\":[1,2,3],\"isr\":[1,3],\"elr\":null,"
		     "\"last_known_elr\":null,\"offsets\":{\"low\":null,"
		     "\"high\":null,\"records\":null}}]}");
	free(s);
	json_decref(j);
	v.live_cnt = 0;
	v.reports = KTK_TREPORT_UNDER_MIN_ISR;
	c[0].value = "1";
	p[1].leader = 3;
	j = ktk_topic_description_json(&t, &v);
	CHECK(j == NULL);
	/* configs the cluster did not give are null, not "no overrides" */
	v.reports = 0;
	t.configs_known = 0;
	t.config_cnt = 0;
	t.part_cnt = 0;
	j = ktk_topic_description_json(&t, &v);
	s = json_dumps(j, JSON_COMPACT | JSON_PRESERVE_ORDER);
	CHECK_STR(s, "{\"name\":\"t\",\"topic_id\":null,\"internal\":false,"
		     "\"partition_count\":0,\"replication_factor\":0,"
		     "\"configs\":null,\"partitions\":[]}");
	free(s);
	json_decref(j);
	CHECK(ktk_topic_description_needs_configs(0));
	CHECK(ktk_topic_description_needs_configs(KTK_TREPORT_AT_MIN_ISR));
	CHECK(ktk_topic_description_needs_configs(KTK_TREPORT_WITH_OVERRIDES));
	CHECK(!ktk_topic_description_needs_configs(
		KTK_TREPORT_UNDER_REPLICATED | KTK_TREPORT_UNAVAILABLE));
}

static void t_results(void)
{
	struct ktk_topic_result r[3] = {
		{"a", KTK_TRES_OK, ""},
		{"b", KTK_TRES_EXISTS, "Topic 'b' already exists."},
		{"c", KTK_TRES_FAILED, "no controller"},
	};
	json_t *j = ktk_topic_description_results_json("create", 0, r, 3);
	char *s = json_dumps(j, JSON_COMPACT | JSON_PRESERVE_ORDER);

	CHECK_STR(s, "{\"action\":\"create\",\"dry_run\":false,\"topics\":["
		     "{\"name\":\"a\",\"status\":\"created\",\"error\":null},"
		     "{\"name\":\"b\",\"status\":\"exists\","
		     "\"error\":\"Topic 'b' already exists.\"},"
		     "{\"name\":\"c\",\"status\":\"failed\","
		     "\"error\":\"no controller\"}]}");
	free(s);
	json_decref(j);
	CHECK_STR(ktk_topic_description_status("delete", &r[0], 0), "deleted");
	CHECK_STR(ktk_topic_description_status("alter", &r[0], 1), "valid");
	CHECK(ktk_topic_description_result_ok(&r[1], 0, 1));
	CHECK(!ktk_topic_description_result_ok(&r[1], 1, 0));
	CHECK(!ktk_topic_description_result_ok(&r[2], 1, 1));
}

static void t_time_query(void)
{
	struct ktk_topic_spec_time_query q;
	struct ktk_err err;

	CHECK(ktk_topic_spec_time_query_parse("demo:3:1700000000000", &q, &err) == 0);
	CHECK_STR(q.topic, "demo");
	CHECK(q.partition == 3 && q.time == 1700000000000);
	CHECK(ktk_topic_spec_time_query_parse("a.b-c:-1", &q, &err) == 0);
	CHECK_STR(q.topic, "a.b-c");
	CHECK(q.partition == -1 && q.time == -1);
	CHECK(ktk_topic_spec_time_query_parse("t:0:-2", &q, &err) == 0);
	CHECK(q.partition == 0 && q.time == -2);
	/* ISO-8601 holds ':' too: with and without a partition */
	CHECK(ktk_topic_spec_time_query_parse("t:1970-01-01T00:00:01Z", &q, &err) == 0);
	CHECK(q.partition == -1 && q.time == 1000);
	CHECK(ktk_topic_spec_time_query_parse("t:7:1970-01-01T00:00:01.5Z", &q, &err) == 0);
	CHECK(q.partition == 7 && q.time == 1500);
	CHECK(ktk_topic_spec_time_query_parse("t", &q, &err) == -1);
	CHECK(err.code == KTK_EXIT_USAGE);
	CHECK(ktk_topic_spec_time_query_parse(":0:1", &q, &err) == -1);
	CHECK(ktk_topic_spec_time_query_parse("t:0:", &q, &err) == -1);
	CHECK(ktk_topic_spec_time_query_parse("t:0:-3", &q, &err) == -1);
	CHECK(ktk_topic_spec_time_query_parse("t:99999999999:1", &q, &err) == -1);
	CHECK(ktk_topic_spec_time_query_parse("t:1969-12-31T23:59:59Z", &q, &err) == -1);
	CHECK_STR(err.msg, "--topic 't:1969-12-31T23:59:59Z': '1969-12-31T23:59:59Z' "
			   "is not a time (epoch milliseconds, ISO-8601, -1 for "
			   "the end or -2 for the beginning)");
}

int main(void)
{
	RUN(t_filter);
	RUN(t_names);
	RUN(t_literal);
	RUN(t_assignment);
	RUN(t_kv);
	RUN(t_print);
	RUN(t_json);
	RUN(t_results);
	RUN(t_time_query);
	return unit_done();
}
