/* SPDX-License-Identifier: Apache-2.0 */
/* json_schema.c -- the subset of JSON Schema that ktk checks before it
 * writes a JSON Schema record; see json_schema.h. The schema is kept as
 * its json_t and walked for each datum. */
#include "lib/serdes/json_schema.h"

#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/serdes/json_path.h"

#define MAX_DEPTH 100

struct ktk_json_schema {
	json_t *doc;
};

struct ktk_json_schema *ktk_json_schema_parse(const char *text, size_t len,
					      struct ktk_err *err)
{
	struct ktk_json_schema *s;
	json_error_t je;
	json_t *doc = json_loadb(text, len, JSON_DECODE_ANY, &je);

	if (doc == NULL) {
		ktk_err_set(err, KTK_EXIT_DATAERR,
			    "JSON Schema: not JSON: %s (column %d)", je.text,
			    je.column);
		return NULL;
	}
	if (!json_is_object(doc) && !json_is_boolean(doc)) {
		json_decref(doc);
		ktk_err_set(err, KTK_EXIT_DATAERR,
			    "JSON Schema: neither an object nor a boolean");
		return NULL;
	}
	s = malloc(sizeof(*s));
	if (s == NULL) {
		json_decref(doc);
		ktk_err_set(err, KTK_EXIT_SOFTWARE, "out of memory");
		return NULL;
	}
	s->doc = doc;
	return s;
}

const char *ktk_json_schema_name(const struct ktk_json_schema *s)
{
	return json_string_value(json_object_get(s->doc, "title"));
}

void ktk_json_schema_free(struct ktk_json_schema *s)
{
	if (s == NULL)
		return;
	json_decref(s->doc);
	free(s);
}

struct val {
	json_t *root;
	struct ktk_err *err;
	struct ktk_json_path path;
	int quiet;
};

static int fail(struct val *v, const char *fmt, const char *a, const char *b)
{
	if (v->quiet)
		return -1;
	return ktk_json_path_fail(&v->path, v->err, fmt, a, b);
}

static int is_type(const json_t *j, const char *t)
{
	if (strcmp(t, "integer") == 0)
		return json_is_integer(j) ||
		       (json_is_real(j) &&
			json_real_value(j) == floor(json_real_value(j)));
	if (strcmp(t, "number") == 0)
		return json_is_number(j);
	if (strcmp(t, "boolean") == 0)
		return json_is_boolean(j);
	return strcmp(t, ktk_json_path_kind(j, 0)) == 0;
}

static size_t utf8_count(const char *s, size_t n)
{
	size_t i, c = 0;

	for (i = 0; i < n; i++)
		c += ((unsigned char)s[i] & 0xc0) != 0x80;
	return c;
}

static int check(struct val *v, const json_t *s, const json_t *j, int depth);

static json_t *resolve(struct val *v, const char *ref)
{
	if (strcmp(ref, "#") == 0)
		return v->root;
	if (strncmp(ref, "#/definitions/", 14) == 0)
		return json_object_get(json_object_get(v->root, "definitions"),
				       ref + 14);
	if (strncmp(ref, "#/$defs/", 8) == 0)
		return json_object_get(json_object_get(v->root, "$defs"), ref + 8);
	return NULL;
}

static int check_number(struct val *v, const json_t *s, const json_t *j)
{
	json_t *mn = json_object_get(s, "minimum"), *mx = json_object_get(s, "maximum");
	char a[40];

	if (!json_is_number(j))
		return 0;
	if (json_is_number(mn) && json_number_value(j) < json_number_value(mn)) {
		snprintf(a, sizeof(a), "%.17g", json_number_value(mn));
		return fail(v, "below the minimum %s%s", a, "");
	}
	if (json_is_number(mx) && json_number_value(j) > json_number_value(mx)) {
		snprintf(a, sizeof(a), "%.17g", json_number_value(mx));
		return fail(v, "above the maximum %s%s", a, "");
	}
	return 0;
}

static int check_sizes(struct val *v, const json_t *s, const json_t *j)
{
	size_t n;
	const char *lo = NULL, *hi = NULL, *what;
	json_t *x;

	if (json_is_string(j)) {
		n = utf8_count(json_string_value(j), json_string_length(j));
		lo = "minLength", hi = "maxLength", what = "characters";
	} else if (json_is_array(j)) {
		n = json_array_size(j);
		lo = "minItems", hi = "maxItems", what = "items";
	} else {
		return 0;
	}
	if (json_is_integer(x = json_object_get(s, lo)) &&
	    (json_int_t)n < json_integer_value(x))
		return fail(v, "fewer %s than %s allows", what, lo);
	if (json_is_integer(x = json_object_get(s, hi)) &&
	    (json_int_t)n > json_integer_value(x))
		return fail(v, "more %s than %s allows", what, hi);
	return 0;
}

static int check_object(struct val *v, const json_t *s, const json_t *j,
			int depth)
{
	json_t *props = json_object_get(s, "properties");
	json_t *req = json_object_get(s, "required");
	json_t *addl = json_object_get(s, "additionalProperties");
	json_t *x, *sub;
	const char *k;
	size_t i, old;

	if (!json_is_object(j))
		return 0;
	json_array_foreach(req, i, x) {
		const char *name = json_string_value(x);

		if (name && json_object_get(j, name) == NULL) {
			old = ktk_json_path_push(&v->path, name, 0);
			fail(v, "required, and missing%s%s", "", "");
			ktk_json_path_pop(&v->path, old);
			return -1;
		}
	}
	json_object_foreach((json_t *)j, k, x) {
		int rc = 0;

		sub = json_object_get(props, k);
		old = ktk_json_path_push(&v->path, k, 0);
		if (sub)
			rc = check(v, sub, x, depth + 1);
		else if (json_is_false(addl))
			rc = fail(v, "not a property the schema allows "
				     "(additionalProperties is false)%s%s",
				  "", "");
		else if (json_is_object(addl))
			rc = check(v, addl, x, depth + 1);
		ktk_json_path_pop(&v->path, old);
		if (rc == -1)
			return -1;
	}
	return 0;
}

static int check_combinators(struct val *v, const json_t *s, const json_t *j,
			     int depth)
{
	json_t *all = json_object_get(s, "allOf"), *any = json_object_get(s, "anyOf");
	json_t *one = json_object_get(s, "oneOf"), *not = json_object_get(s, "not");
	json_t *x;
	size_t i;
	int quiet = v->quiet, hits;

	json_array_foreach(all, i, x)
		if (check(v, x, j, depth + 1) == -1)
			return -1;
	if (json_is_array(any)) {
		v->quiet = 1;
		hits = 0;
		json_array_foreach(any, i, x)
			if (check(v, x, j, depth + 1) == 0) {
				hits = 1;
				break;
			}
		v->quiet = quiet;
		if (!hits)
			return fail(v, "matches none of anyOf%s%s", "", "");
	}
	if (json_is_array(one)) {
		v->quiet = 1;
		hits = 0;
		json_array_foreach(one, i, x)
			hits += check(v, x, j, depth + 1) == 0;
		v->quiet = quiet;
		if (hits != 1)
			return fail(v, hits ? "matches more than one of oneOf%s%s"
					    : "matches none of oneOf%s%s",
				    "", "");
	}
	if (not) {
		v->quiet = 1;
		hits = check(v, not, j, depth + 1) == 0;
		v->quiet = quiet;
		if (hits)
			return fail(v, "matches the schema of \"not\"%s%s", "", "");
	}
	return 0;
}

static int check(struct val *v, const json_t *s, const json_t *j, int depth)
{
	json_t *t, *x, *ref;
	size_t i;

	if (depth > MAX_DEPTH)
		return fail(v, "nested too deep%s%s", "", "");
	if (json_is_true(s))
		return 0;
	if (json_is_false(s))
		return fail(v, "the schema allows nothing here%s%s", "", "");
	if (!json_is_object(s))
		return 0;
	if (json_is_string(ref = json_object_get(s, "$ref"))) {
		json_t *target = resolve(v, json_string_value(ref));

		if (target == NULL)
			return fail(v, "cannot resolve \"$ref\": \"%s\"%s",
				    json_string_value(ref), "");
		if (check(v, target, j, depth + 1) == -1)
			return -1;
	}
	t = json_object_get(s, "type");
	if (json_is_string(t) && !is_type(j, json_string_value(t)))
		return fail(v, "expected %s, got %s", json_string_value(t),
			    ktk_json_path_kind(j, 0));
	if (json_is_array(t)) {
		int ok = 0;

		json_array_foreach(t, i, x)
			if (json_is_string(x) && is_type(j, json_string_value(x)))
				ok = 1;
		if (!ok)
			return fail(v, "%s is not one of the types the schema "
				       "allows%s", ktk_json_path_kind(j, 0), "");
	}
	if ((x = json_object_get(s, "enum")) != NULL && json_is_array(x)) {
		int ok = 0;
		json_t *e;

		json_array_foreach(x, i, e)
			if (json_equal(e, (json_t *)j))
				ok = 1;
		if (!ok)
			return fail(v, "not one of the values of \"enum\"%s%s",
				    "", "");
	}
	if ((x = json_object_get(s, "const")) != NULL &&
	    !json_equal(x, (json_t *)j))
		return fail(v, "not the value of \"const\"%s%s", "", "");
	if (check_number(v, s, j) == -1 || check_sizes(v, s, j) == -1 ||
	    check_object(v, s, j, depth) == -1)
		return -1;
	if (json_is_array(j) && (x = json_object_get(s, "items")) != NULL &&
	    (json_is_object(x) || json_is_boolean(x))) {
		json_t *e;

		json_array_foreach((json_t *)j, i, e) {
			size_t old = ktk_json_path_push(&v->path, NULL, i);
			int rc = check(v, x, e, depth + 1);

			ktk_json_path_pop(&v->path, old);
			if (rc == -1)
				return -1;
		}
	}
	return check_combinators(v, s, j, depth);
}

int ktk_json_schema_validate(const struct ktk_json_schema *s,
			     const void *datum, struct ktk_err *err)
{
	struct val v;

	memset(&v, 0, sizeof(v));
	v.root = s->doc;
	v.err = err;
	return check(&v, s->doc, datum, 0);
}
