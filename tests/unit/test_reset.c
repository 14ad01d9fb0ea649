/* SPDX-License-Identifier: Apache-2.0 */
/* test_reset.c -- the reset planner of ktk-groups: specs, clamping, topic
 * scopes, dates, durations and Kafka's CSV. */
#include "lib/groups/reset.h"

#include <stdlib.h>
#include <string.h>

#include "lib/config/opt.h"
#include "lib/groups/group_state.h"

#include "tests/unit/unit.h"

static struct ktk_reset_row row(int64_t committed, int64_t lo, int64_t hi)
{
	struct ktk_reset_row r = {"t", 0, committed, lo, hi, -1, 0, -1, 0, 0};

	return r;
}

static void t_specs(void)
{
	struct ktk_reset_spec s;
	struct ktk_reset_row r;
	struct ktk_err err;
	char msg[256];

	s = (struct ktk_reset_spec){KTK_RESET_TO_OFFSET, 5};
	r = row(2, 3, 10);
	CHECK(ktk_reset_apply(&s, &r, &err) == 0 && r.new_offset == 5 && !r.clamped);
	s.value = 11;
	CHECK(ktk_reset_apply(&s, &r, &err) == 0 && r.new_offset == 10 && r.clamped == 1);
	ktk_reset_clamp_message(&r, msg, sizeof(msg));
	CHECK_STR(msg, "New offset (11) is higher than latest offset for topic partition t-0. Value will be set to 10");
	s.value = 1;
	CHECK(ktk_reset_apply(&s, &r, &err) == 0 && r.new_offset == 3 && r.clamped == -1);
	ktk_reset_clamp_message(&r, msg, sizeof(msg));
	CHECK_STR(msg, "New offset (1) is lower than earliest offset for topic partition t-0. Value will be set to 3");

	s = (struct ktk_reset_spec){KTK_RESET_TO_EARLIEST, 0};
	CHECK(ktk_reset_apply(&s, &r, &err) == 0 && r.new_offset == 3);
	s.kind = KTK_RESET_TO_LATEST;
	CHECK(ktk_reset_apply(&s, &r, &err) == 0 && r.new_offset == 10);
	r = row(-1, -1, -1);
	CHECK(ktk_reset_apply(&s, &r, &err) == -1);
	CHECK_STR(err.msg, "Error getting ending offset of topic partition: t-0");

	s.kind = KTK_RESET_TO_CURRENT;
	r = row(7, 0, 10);
	CHECK(ktk_reset_apply(&s, &r, &err) == 0 && r.new_offset == 7);
	r = row(-1, 0, 10);
	CHECK(ktk_reset_apply(&s, &r, &err) == 0 && r.new_offset == 10);

	s = (struct ktk_reset_spec){KTK_RESET_SHIFT_BY, -3};
	r = row(7, 0, 10);
	CHECK(ktk_reset_apply(&s, &r, &err) == 0 && r.new_offset == 4);
	s.value = 100;
	CHECK(ktk_reset_apply(&s, &r, &err) == 0 && r.new_offset == 10 && r.clamped == 1);
	s.value = INT64_MIN;
	CHECK(ktk_reset_apply(&s, &r, &err) == 0 && r.new_offset == 0 && r.clamped == -1);
	r = row(-1, 0, 10);
	CHECK(ktk_reset_apply(&s, &r, &err) == -1 && err.code == KTK_EXIT_USAGE);
	CHECK_STR(err.msg, "Cannot shift offset for partition t-0 since there is no current committed offset");

	s = (struct ktk_reset_spec){KTK_RESET_TO_TIME, 123};
	r = row(-1, 0, 10);
	r.at_time = 4;
	CHECK(ktk_reset_apply(&s, &r, &err) == 0 && r.new_offset == 4 && !r.fell_back);
	r.at_time = -1;
	CHECK(ktk_reset_apply(&s, &r, &err) == 0 && r.new_offset == 10 && r.fell_back);

	s.kind = KTK_RESET_REQUESTED;
	r = row(-1, 2, 10);
	r.requested = 0;
	CHECK(ktk_reset_apply(&s, &r, &err) == 0 && r.new_offset == 2 && r.clamped == -1);
}

static void t_topic_arg(void)
{
	struct ktk_err err;
	char *t;
	int32_t *p;
	size_t n;

	CHECK(ktk_reset_topic_arg_parse("orders", &t, &p, &n, &err) == 0);
	CHECK_STR(t, "orders");
	CHECK(p == NULL && n == 0);
	free(t);
	CHECK(ktk_reset_topic_arg_parse("orders:0,2,+3", &t, &p, &n, &err) == 0);
	CHECK_STR(t, "orders");
	CHECK(n == 3 && p[0] == 0 && p[1] == 2 && p[2] == 3);
	free(t);
	free(p);
	CHECK(ktk_reset_topic_arg_parse("orders:0,x", &t, &p, &n, &err) == -1);
	CHECK_STR(err.msg, "--topic: Invalid partition 'x' specified in topic arg 'orders:0,x'");
	CHECK(err.code == KTK_EXIT_USAGE);
	CHECK(ktk_reset_topic_arg_parse("orders:0:1", &t, &p, &n, &err) == -1);
	CHECK_STR(err.msg, "--topic: Invalid topic arg 'orders:0:1', expected topic name and partitions");
	CHECK(ktk_reset_topic_arg_parse("orders:", &t, &p, &n, &err) == -1);
	CHECK(ktk_reset_topic_arg_parse("orders:1,", &t, &p, &n, &err) == -1);
	{
		char *ok[] = {"a", "b:0,1"}, *bad[] = {"a", "b:x", "c:y"};

		CHECK(ktk_reset_topic_args_check(ok, 2, &err) == 0);
		CHECK(ktk_reset_topic_args_check(bad, 0, &err) == 0);
		CHECK(ktk_reset_topic_args_check(bad, 3, &err) == -1);
		CHECK_STR(err.msg, "--topic: Invalid partition 'x' specified in topic arg 'b:x'");
	}
}

/* --list --type's values and the optional values of --state and --type */
static void t_type_and_optional(void)
{
	char a0[] = "g", a1[] = "--list", a2[] = "--state", a3[] = "Stable",
	     a4[] = "--type=classic", a5[] = "--group", a6[] = "--state",
	     a7[] = "--", a8[] = "--type", a9[] = "x";
	char *argv[] = {a0, a1, a2, a3, a4, a5, a6, a7, a8, a9, NULL};
	int argc = 10;

	CHECK(ktk_group_type_list_valid("classic"));
	CHECK(ktk_group_type_list_valid("Consumer"));
	CHECK(ktk_group_type_list_valid("consumer,CLASSIC"));
	CHECK(!ktk_group_type_list_valid("share"));
	CHECK(!ktk_group_type_list_valid(""));
	/* "--state Stable" loses its value word; "--group --state": the
	 * next word starts with '-', so no value; after "--" nothing */
	CHECK_STR(ktk_opt_take_optional(&argc, argv, "state"), "Stable");
	CHECK_INT(argc, 9);
	CHECK_STR(argv[2], "--state");
	CHECK_STR(argv[3], "--type=classic");
	CHECK_STR(ktk_opt_take_optional(&argc, argv, "type"), "classic");
	CHECK_STR(argv[3], "--type");
	CHECK_INT(argc, 9);
	CHECK(ktk_opt_take_optional(&argc, argv, "members") == NULL);
	CHECK(ktk_opt_take_optional(&argc, argv, "sta") == NULL);
	CHECK_STR(argv[8], "x");
}

static void t_datetime(void)
{
	struct ktk_err err;
	int64_t ms;

	CHECK(ktk_reset_datetime_parse("2024-01-31T12:00:00.123", &ms, &err) == 0);
	CHECK_INT(ms, 1706702400123LL);
	CHECK(ktk_reset_datetime_parse("2024-01-31T12:00:00.123Z", &ms, &err) == 0);
	CHECK_INT(ms, 1706702400123LL);
	CHECK(ktk_reset_datetime_parse("2024-01-31T13:00:00.123+01:00", &ms, &err) == 0);
	CHECK_INT(ms, 1706702400123LL);
	CHECK(ktk_reset_datetime_parse("2024-01-31T10:00:00.123-02", &ms, &err) == 0);
	CHECK_INT(ms, 1706702400123LL);
	CHECK(ktk_reset_datetime_parse("2024-01-31 12:00:00.123", &ms, &err) == -1);
	CHECK_STR(err.msg, "--to-datetime: '2024-01-31 12:00:00.123': Error parsing timestamp. It does not contain a 'T' according to ISO8601 format");
	CHECK(ktk_reset_datetime_parse("2024-01-31T12:00:00", &ms, &err) == -1);
	CHECK(err.code == KTK_EXIT_USAGE);
	CHECK(ktk_reset_datetime_parse("2024-13-31T12:00:00.000", &ms, &err) == -1);
	CHECK(ktk_reset_datetime_parse("2024-01-31T12:00:00.000+1", &ms, &err) == -1);
}

static void t_duration(void)
{
	struct ktk_err err;
	int64_t ms;

	CHECK(ktk_reset_duration_parse("PT1H30M", &ms, &err) == 0);
	CHECK_INT(ms, 5400000);
	CHECK(ktk_reset_duration_parse("P2D", &ms, &err) == 0);
	CHECK_INT(ms, 172800000);
	CHECK(ktk_reset_duration_parse("P1DT1.5S", &ms, &err) == 0);
	CHECK_INT(ms, 86401500);
	CHECK(ktk_reset_duration_parse("pt10m", &ms, &err) == 0);
	CHECK_INT(ms, 600000);
	CHECK(ktk_reset_duration_parse("-PT1S", &ms, &err) == 0);
	CHECK_INT(ms, -1000);
	CHECK(ktk_reset_duration_parse("PT-0.5S", &ms, &err) == 0);
	CHECK_INT(ms, -500);
	CHECK(ktk_reset_duration_parse("P", &ms, &err) == -1);
	CHECK(ktk_reset_duration_parse("PT", &ms, &err) == -1);
	CHECK(ktk_reset_duration_parse("1h", &ms, &err) == -1);
	CHECK_STR(err.msg, "--by-duration: '1h' is not an ISO-8601 duration (PnDTnHnMnS, e.g. PT1H30M)");
	CHECK(ktk_reset_duration_parse("PT1H2D", &ms, &err) == -1);
}

static void t_csv(void)
{
	struct ktk_reset_entry *e;
	struct ktk_err err;
	const char *three = "t,0,5\nt,1,7\n\n";
	const char *four = "g1,t,0,5\r\n\"g,2\",\"t\"\"x\",1,7\n";
	char buf[256];
	FILE *f;
	long n;

	n = ktk_reset_csv_parse(three, strlen(three), "g", "plan.csv", &e, &err);
	CHECK_INT(n, 2);
	CHECK_STR(e[0].group, "g");
	CHECK_STR(e[1].topic, "t");
	CHECK(e[1].partition == 1 && e[1].offset == 7);
	ktk_reset_entries_free(e, (size_t)n);
	/* 3 columns need exactly one --group */
	n = ktk_reset_csv_parse(three, strlen(three), NULL, "plan.csv", &e, &err);
	CHECK_INT(n, -1);
	CHECK_STR(err.msg, "plan.csv: line 1: expected group,topic,partition,offset");
	n = ktk_reset_csv_parse(four, strlen(four), "g1", "plan.csv", &e, &err);
	CHECK_INT(n, 2);
	CHECK_STR(e[0].group, "g1");
	CHECK_STR(e[1].group, "g,2");
	CHECK_STR(e[1].topic, "t\"x");
	ktk_reset_entries_free(e, (size_t)n);
	n = ktk_reset_csv_parse("g,t,x,1\n", 8, NULL, "p", &e, &err);
	CHECK_INT(n, -1);
	CHECK(err.code == KTK_EXIT_DATAERR);

	f = fmemopen(buf, sizeof(buf), "w");
	ktk_reset_csv_write(f, NULL, "t", 0, 5);
	ktk_reset_csv_write(f, "g,2", "t\"x", 1, 7);
	fclose(f);
	CHECK_STR(buf, "t,0,5\n\"g,2\",\"t\"\"x\",1,7\n");
}

int main(void)
{
	RUN(t_specs);
	RUN(t_topic_arg);
	RUN(t_type_and_optional);
	RUN(t_datetime);
	RUN(t_duration);
	RUN(t_csv);
	return unit_done();
}
