/* SPDX-License-Identifier: Apache-2.0 */
/* Unit tests for lib/serdes/json_path.c: members and elements, backing
 * out, a path cut at its buffer, the error with and without a path, the
 * kinds of JSON values. */
#include <string.h>

#include "lib/serdes/json_path.h"
#include "tests/unit/unit.h"

static void t_push_pop(void)
{
	struct ktk_json_path p = {{0}, 0};
	size_t a, b;

	a = ktk_json_path_push(&p, "address", 0);
	b = ktk_json_path_push(&p, NULL, 3);
	ktk_json_path_push(&p, "zip", 0);
	CHECK_INT(a, 0);
	CHECK_STR(p.s, "address[3].zip");
	ktk_json_path_pop(&p, b);
	CHECK_INT(p.len, strlen("address"));
	for (a = 0; a < 100; a++)
		ktk_json_path_push(&p, "abcdef", 0);
	CHECK_INT(p.len, sizeof(p.s) - 1); /* cut, still a C string */
	CHECK_INT(strlen(p.s), sizeof(p.s) - 1);
}

static void t_fail(void)
{
	struct ktk_json_path p = {{0}, 0};
	struct ktk_err err = {0};

	CHECK(ktk_json_path_fail(&p, &err, "expected %s, got %s", "integer",
				 "string") == -1);
	CHECK_INT(err.code, KTK_EXIT_DATAERR);
	CHECK_STR(err.msg, "expected integer, got string");
	ktk_json_path_push(&p, "zip", 0);
	ktk_json_path_fail(&p, &err, "expected %s, got %s", "integer",
			   "string");
	CHECK_STR(err.msg, "field zip: expected integer, got string");
}

static void t_kind(void)
{
	json_t *o = json_object(), *n = json_null(), *i = json_integer(1);

	CHECK_STR(ktk_json_path_kind(o, 1), "an object");
	CHECK_STR(ktk_json_path_kind(o, 0), "object");
	CHECK_STR(ktk_json_path_kind(i, 1), "an integer");
	CHECK_STR(ktk_json_path_kind(json_true(), 0), "boolean");
	CHECK_STR(ktk_json_path_kind(n, 1), "null");
	CHECK_STR(ktk_json_path_kind(n, 0), "null");
	json_decref(o);
	json_decref(i);
}

int main(void)
{
	RUN(t_push_pop);
	RUN(t_fail);
	RUN(t_kind);
	return unit_done();
}
