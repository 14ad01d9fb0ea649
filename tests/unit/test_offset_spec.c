/* SPDX-License-Identifier: Apache-2.0 */
/* test_offset_spec.c -- start/stop offset forms and ISO-8601 dates. */
#include "lib/config/offset_spec.h"

#include <string.h>

#include "lib/base/iso8601.h"
#include "tests/unit/unit.h"

static struct ktk_offset_spec spec(const char *s, int *rc)
{
	struct ktk_offset_spec o = {-1, -1};
	struct ktk_err err;

	*rc = ktk_offset_spec_parse("-o", s, 1000000000000LL, &o, &err);
	return o;
}

static void t_forms(void)
{
	struct ktk_offset_spec o;
	int rc;

	o = spec("beginning", &rc);
	CHECK(rc == 0 && o.kind == KTK_OFFSET_SPEC_BEGINNING);
	o = spec("EARLIEST", &rc);
	CHECK(rc == 0 && o.kind == KTK_OFFSET_SPEC_BEGINNING);
	o = spec("end", &rc);
	CHECK(rc == 0 && o.kind == KTK_OFFSET_SPEC_END);
	o = spec("stored", &rc);
	CHECK(rc == 0 && o.kind == KTK_OFFSET_SPEC_STORED);
	o = spec("42", &rc);
	CHECK(rc == 0 && o.kind == KTK_OFFSET_SPEC_ABSOLUTE && o.value == 42);
	o = spec("0", &rc);
	CHECK(rc == 0 && o.kind == KTK_OFFSET_SPEC_ABSOLUTE && o.value == 0);
	o = spec("-3", &rc);
	CHECK(rc == 0 && o.kind == KTK_OFFSET_SPEC_TAIL && o.value == 3);
	o = spec("@1700000000000", &rc);
	CHECK(rc == 0 && o.kind == KTK_OFFSET_SPEC_TIME &&
	      o.value == 1700000000000LL);
	o = spec("@-15m", &rc);
	CHECK(rc == 0 && o.kind == KTK_OFFSET_SPEC_TIME &&
	      o.value == 1000000000000LL - 900000);
	/* further back than the epoch: from time 0, not -1 (latest) */
	o = spec("@-1000000000001ms", &rc);
	CHECK(rc == 0 && o.kind == KTK_OFFSET_SPEC_TIME && o.value == 0);
	o = spec("@-9223372036854775807ms", &rc);
	CHECK(rc == 0 && o.kind == KTK_OFFSET_SPEC_TIME && o.value == 0);
	o = spec("@2024-01-31T12:00:00Z", &rc);
	CHECK(rc == 0 && o.kind == KTK_OFFSET_SPEC_TIME &&
	      o.value == 1706702400000LL);
}

static void t_bad(void)
{
	const char *bad[] = {"", "-0", "--3", "+3", "x", "3x", "@", "@-",
			     "@-3y", "@2024-13-01", "@2023-02-29", "-",
			     "99999999999999999999", NULL};
	struct ktk_offset_spec o;
	struct ktk_err err;
	int i;

	for (i = 0; bad[i]; i++) {
		CHECK(ktk_offset_spec_parse("-o", bad[i], 0, &o, &err) == -1);
		CHECK_INT(err.code, KTK_EXIT_USAGE);
		CHECK(strstr(err.msg, "-o") != NULL);
	}
	CHECK(ktk_offset_spec_parse_until("--until", "-3", 0, &o, &err) == -1);
	CHECK(ktk_offset_spec_parse_until("--until", "end", 0, &o, &err) == -1);
	CHECK(ktk_offset_spec_parse_until("--until", "12", 0, &o, &err) == 0);
	CHECK(o.kind == KTK_OFFSET_SPEC_ABSOLUTE && o.value == 12);
	CHECK(ktk_offset_spec_parse_until("--until", "@5", 0, &o, &err) == 0);
	CHECK(o.kind == KTK_OFFSET_SPEC_TIME && o.value == 5);
}

/* kcat's -o s@TS and -o e@TS */
static void t_kcat(void)
{
	struct ktk_err err = {0};
	struct ktk_offset_spec o;
	int rc;

	o = spec("s@1700000000000", &rc);
	CHECK_INT(rc, 0);
	CHECK_INT(o.kind, KTK_OFFSET_SPEC_TIME);
	CHECK(o.value == 1700000000000LL);
	o = spec("s@-1h", &rc);
	CHECK_INT(rc, 0);
	CHECK(o.value == 1000000000000LL - 3600000);
	CHECK(ktk_offset_spec_is_stop("e@5"));
	CHECK(!ktk_offset_spec_is_stop("end"));
	CHECK(!ktk_offset_spec_is_stop("s@5"));
	CHECK(ktk_offset_spec_parse_until("-o", "e@5" + 1, 0, &o, &err) == 0);
	CHECK_INT(o.kind, KTK_OFFSET_SPEC_TIME);
	CHECK(o.value == 5);
	CHECK(ktk_offset_spec_parse("-o", "e@5", 0, &o, &err) == -1);
	CHECK(strstr(err.msg, "use --until @5") != NULL);
	CHECK(ktk_offset_spec_parse("-o", "s@", 0, &o, &err) == -1);
	CHECK(ktk_offset_spec_parse("-o", "x@5", 0, &o, &err) == -1);
}

static void t_iso(void)
{
	int64_t ms;
	const char *why;
	char buf[40];

	CHECK(ktk_iso8601_parse("1970-01-01", &ms, &why) == 0 && ms == 0);
	CHECK(ktk_iso8601_parse("2024-02-29T00:00", &ms, &why) == 0 &&
	      ms == 1709164800000LL);
	CHECK(ktk_iso8601_parse("2024-01-31T12:00:00.123Z", &ms, &why) == 0 &&
	      ms == 1706702400123LL);
	CHECK(ktk_iso8601_parse("2024-01-31T13:00:00.1+01:00", &ms, &why) ==
		      0 &&
	      ms == 1706702400100LL);
	CHECK(ktk_iso8601_parse("2024-01-31 07:00:00-0500", &ms, &why) == 0 &&
	      ms == 1706702400000LL);
	CHECK(ktk_iso8601_parse("1969-12-31T23:59:59Z", &ms, &why) == 0 &&
	      ms == -1000);
	CHECK(ktk_iso8601_parse("2024-01-31T25:00", &ms, &why) == -1);
	CHECK(ktk_iso8601_parse("2024-01-31T12:00Zjunk", &ms, &why) == -1);
	CHECK(ktk_iso8601_parse("2024-1-31", &ms, &why) == -1);
	ktk_iso8601_format(1706702400123LL, 0, buf);
	CHECK_STR(buf, "2024-01-31T12:00:00.123Z");
	ktk_iso8601_format(-1, 0, buf);
	CHECK_STR(buf, "1969-12-31T23:59:59.999Z");
	CHECK(ktk_iso8601_parse(buf, &ms, &why) == 0 && ms == -1);
}

int main(void)
{
	RUN(t_forms);
	RUN(t_bad);
	RUN(t_iso);
	RUN(t_kcat);
	return unit_done();
}
