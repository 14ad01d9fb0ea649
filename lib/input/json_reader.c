/* SPDX-License-Identifier: Apache-2.0 */
/* json_reader.c -- records from JSON lines (jansson); see json_reader.h. */
#include "lib/input/json_reader.h"

#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "lib/base/bytes.h"

void ktk_json_reader_free(struct ktk_json_reader *j)
{
	int dk = j->datum_key, dv = j->datum_value;

	json_decref(j->doc);
	free(j->scratch);
	memset(j, 0, sizeof(*j));
	j->datum_key = dk;
	j->datum_value = dv;
}

/* A string, {"base64": "..."} or null into *p, *n (NULL for null).
 * @returns 0, or -1 with a reason in *why. */
static int bytes_of(struct ktk_json_reader *j, json_t *v, const void **p,
		    size_t *n, const char **why)
{
	json_t *b;
	long d;

	if (v == NULL || json_is_null(v)) {
		*p = NULL;
		*n = 0;
		return 0;
	}
	if (json_is_string(v)) {
		*p = json_string_value(v);
		*n = json_string_length(v);
		return 0;
	}
	if (!json_is_object(v) || json_object_size(v) != 1 ||
	    (b = json_object_get(v, "base64")) == NULL || !json_is_string(b)) {
		*why = "must be a string, {\"base64\": \"...\"} or null";
		return -1;
	}
	/* the scratch space was sized for every decode of this line */
	d = ktk_bytes_b64_decode(json_string_value(b), json_string_length(b),
			   j->scratch + j->used);
	if (d < 0) {
		*why = "has invalid base64";
		return -1;
	}
	*p = j->scratch + j->used;
	*n = (size_t)d;
	j->used += (size_t)d;
	return 0;
}

static int bad(struct ktk_err *err, uint64_t number, const char *field,
	       const char *why)
{
	(void)number;
	return ktk_err_set(err, KTK_EXIT_DATAERR, "\"%s\" %s", field, why);
}

static int headers_of(struct ktk_json_reader *j, json_t *hs, uint64_t number,
		      struct ktk_record *rec, struct ktk_err *err)
{
	size_t i;
	json_t *h;
	const char *why = NULL;

	if (hs == NULL || json_is_null(hs))
		return 0;
	if (!json_is_array(hs))
		return bad(err, number, "headers",
			   "must be an array of [name, value] pairs");
	json_array_foreach(hs, i, h)
	{
		const void *name, *val;
		size_t nlen, vlen;

		if (!json_is_array(h) || json_array_size(h) != 2)
			return bad(err, number, "headers",
				   "must be an array of [name, value] pairs");
		if (json_is_null(json_array_get(h, 0)) ||
		    bytes_of(j, json_array_get(h, 0), &name, &nlen, &why) == -1)
			return bad(err, number, "headers",
				   "names must be strings");
		if (bytes_of(j, json_array_get(h, 1), &val, &vlen, &why) == -1)
			return bad(err, number, "headers", why);
		if (ktk_record_add_header(rec, name, nlen, val, vlen, err) == -1)
			return -1;
	}
	return 0;
}

int ktk_json_reader_parse(struct ktk_json_reader *j, const char *line, size_t len,
		     uint64_t number, struct ktk_record *rec,
		     struct ktk_err *err)
{
	json_error_t je;
	json_t *doc, *v;
	const char *why = NULL;
	size_t i, need;

	ktk_record_reset(rec);
	rec->number = number;
	for (i = 0; i < len; i++)
		if (line[i] != ' ' && line[i] != '\t' && line[i] != '\r')
			break;
	if (i == len)
		return 0;
	json_decref(j->doc);
	j->doc = NULL;
	doc = json_loadb(line, len, JSON_ALLOW_NUL, &je);
	if (doc == NULL)
		return ktk_err_set(err, KTK_EXIT_DATAERR,
				   "column %d: not JSON: %s", je.column,
				   je.text);
	j->doc = doc;
	if (!json_is_object(doc))
		return ktk_err_set(err, KTK_EXIT_DATAERR,
				   "not a JSON object");
	/* every decoded base64 is shorter than its text in the line */
	need = len + 16;
	if (need > j->cap) {
		char *n = realloc(j->scratch, need);

		if (n == NULL)
			return ktk_err_set(err, KTK_EXIT_SOFTWARE,
					   "out of memory");
		j->scratch = n;
		j->cap = need;
	}
	j->used = 0;
	j->key_datum = j->datum_key ? json_object_get(doc, "key") : NULL;
	j->value_datum = j->datum_value ? json_object_get(doc, "value") : NULL;
	if (!j->datum_key &&
	    bytes_of(j, json_object_get(doc, "key"), &rec->key, &rec->key_len,
		     &why) == -1)
		return bad(err, number, "key", why);
	if (!j->datum_value &&
	    bytes_of(j, json_object_get(doc, "value"), &rec->value,
		     &rec->value_len, &why) == -1)
		return bad(err, number, "value", why);
	if (headers_of(j, json_object_get(doc, "headers"), number, rec, err) ==
	    -1)
		return -1;
	v = json_object_get(doc, "partition");
	if (v != NULL && !json_is_null(v)) {
		if (!json_is_integer(v) || json_integer_value(v) < 0 ||
		    json_integer_value(v) > INT32_MAX)
			return bad(err, number, "partition",
				   "must be a partition number");
		rec->partition = (int32_t)json_integer_value(v);
	}
	v = json_object_get(doc, "timestamp");
	if (v != NULL && !json_is_null(v)) {
		if (!json_is_integer(v) || json_integer_value(v) < -1)
			return bad(err, number, "timestamp",
				   "must be milliseconds since the epoch");
		if (json_integer_value(v) > 0)
			rec->timestamp = json_integer_value(v);
	}
	return 1;
}
