/* SPDX-License-Identifier: Apache-2.0 */
/* json_reader.c -- records from JSON lines (jansson); see json_reader.h. */
#include "lib/input/json_reader.h"

#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "lib/base/bytes.h"
#include "lib/base/record.h"

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

static int add_header(struct ktk_json_reader *j, json_t *name, json_t *val,
		      uint64_t number, struct ktk_record *rec,
		      struct ktk_err *err)
{
	const void *n, *v;
	size_t nlen, vlen;
	const char *why = NULL;

	if (name == NULL || json_is_null(name) ||
	    bytes_of(j, name, &n, &nlen, &why) == -1)
		return bad(err, number, "headers", "names must be strings");
	if (bytes_of(j, val, &v, &vlen, &why) == -1)
		return bad(err, number, "headers", why);
	return ktk_record_add_header(rec, n, nlen, v, vlen, err);
}

/* ktk's [[NAME, V], ...], or with @p flat kcat's [NAME, V, NAME, V, ...] */
static int headers_of(struct ktk_json_reader *j, json_t *hs, int flat,
		      uint64_t number, struct ktk_record *rec,
		      struct ktk_err *err)
{
	size_t i;
	json_t *h;

	if (hs == NULL || json_is_null(hs))
		return 0;
	if (flat) {
		if (!json_is_array(hs) || json_array_size(hs) % 2 != 0)
			return bad(err, number, "headers",
				   "must be an array of names and values "
				   "[name, value, name, value, ...]");
		for (i = 0; i < json_array_size(hs); i += 2)
			if (add_header(j, json_array_get(hs, i),
				       json_array_get(hs, i + 1), number, rec,
				       err) == -1)
				return -1;
		return 0;
	}
	if (!json_is_array(hs))
		return bad(err, number, "headers",
			   "must be an array of [name, value] pairs");
	json_array_foreach(hs, i, h)
	{
		if (!json_is_array(h) || json_array_size(h) != 2)
			return bad(err, number, "headers",
				   "must be an array of [name, value] pairs");
		if (add_header(j, json_array_get(h, 0), json_array_get(h, 1),
			       number, rec, err) == -1)
			return -1;
	}
	return 0;
}

/* The fields of each envelope. ktk's: what ktk-consumer --json writes,
 * the last four read and ignored. kcat's (kcat -J): "payload" for the
 * value, "ts" for the timestamp, headers flat; topic, offset, tstype and
 * broker are ignored. Any other field is an error: a line of another
 * shape must not become a record of nulls. */
static const char *const ktk_fields[] = {
	"key",	 "value",	   "headers",	   "partition", "timestamp",
	"topic", "offset", "timestamp_type", "leader_epoch",
	/* ktk-consumer -s -J: the schema a datum was written with */
	"key_schema_id", "value_schema_id", NULL};
static const char *const kcat_fields[] = {
	"key", "payload", "headers", "partition", "ts",
	"topic", "offset", "tstype", "broker", NULL};

static int unknown_field(json_t *doc, const char *const *fields,
			 const char *which, struct ktk_err *err)
{
	const char *k;
	json_t *v;

	json_object_foreach(doc, k, v)
	{
		size_t i;

		for (i = 0; fields[i] && strcmp(fields[i], k) != 0; i++)
			;
		if (fields[i] == NULL) {
			char q[64];

			ktk_record_quote(k, strlen(k), q, sizeof(q));
			return ktk_err_set(err, KTK_EXIT_DATAERR,
					   "unknown field \"%s\" (%s fields: "
					   "key, %s, headers, partition, %s)",
					   q, which, fields[1], fields[4]);
		}
	}
	return 0;
}

/* The field @name of @doc, the record's @what ("key" or "value"): with
 * @as_datum, kept as the JSON value to encode with a schema (any JSON);
 * else its bytes. */
static int part_of(struct ktk_json_reader *j, json_t *doc, const char *name,
		   const char *what, int as_datum, void **datum,
		   const void **p, size_t *n, uint64_t number,
		   struct ktk_err *err)
{
	json_t *v = json_object_get(doc, name);
	const char *why = NULL;

	if (v == NULL)
		return ktk_err_set(err, KTK_EXIT_DATAERR,
				   "no \"%s\" field (write \"%s\": null for a "
				   "record without a %s)",
				   what, what, what);
	*datum = as_datum ? v : NULL;
	if (!as_datum && bytes_of(j, v, p, n, &why) == -1)
		return bad(err, number, name, why);
	return 0;
}

int ktk_json_reader_parse(struct ktk_json_reader *j, const char *line, size_t len,
		     uint64_t number, struct ktk_record *rec,
		     struct ktk_err *err)
{
	json_error_t je;
	json_t *doc, *v;
	const char *vname;
	size_t i, need;
	int kcat;

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
	if (doc == NULL) {
		/* jansson quotes the input near the error: escape its bytes */
		char q[sizeof(je.text) * 4];

		ktk_record_quote(je.text, strlen(je.text), q, sizeof(q));
		return ktk_err_set(err, KTK_EXIT_DATAERR,
				   "column %d: not JSON: %s", je.column, q);
	}
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
	/* kcat's envelope: "payload" and no "value" */
	kcat = json_object_get(doc, "value") == NULL &&
	       json_object_get(doc, "payload") != NULL;
	vname = kcat ? "payload" : "value";
	if (unknown_field(doc, kcat ? kcat_fields : ktk_fields,
			  kcat ? "kcat -J" : "ktk", err) == -1)
		return -1;
	/* a record without a value is a tombstone: only when the line says
	 * so ("value": null), never for a field that is not there */
	if (part_of(j, doc, vname, "value", j->datum_value, &j->value_datum,
		    &rec->value, &rec->value_len, number, err) == -1 ||
	    part_of(j, doc, "key", "key", j->datum_key, &j->key_datum,
		    &rec->key, &rec->key_len, number, err) == -1)
		return -1;
	if (headers_of(j, json_object_get(doc, "headers"), kcat, number, rec,
		       err) == -1)
		return -1;
	v = json_object_get(doc, "partition");
	if (v != NULL && !json_is_null(v)) {
		if (!json_is_integer(v) || json_integer_value(v) < 0 ||
		    json_integer_value(v) > INT32_MAX)
			return bad(err, number, "partition",
				   "must be a partition number");
		rec->partition = (int32_t)json_integer_value(v);
	}
	v = json_object_get(doc, kcat ? "ts" : "timestamp");
	if (v != NULL && !json_is_null(v)) {
		if (!json_is_integer(v) || json_integer_value(v) < -1)
			return bad(err, number, kcat ? "ts" : "timestamp",
				   "must be milliseconds since the epoch");
		if (json_integer_value(v) > 0)
			rec->timestamp = json_integer_value(v);
	}
	return 1;
}
