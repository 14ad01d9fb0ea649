/* SPDX-License-Identifier: Apache-2.0 */
/* serializer.c -- JSON to schema-registry records for ktk-producer; see
 * serializer.h. Each side encodes into its own buffer, which the record
 * points into until the next record. */
#include "lib/registry/serializer.h"

#include <errno.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/base/buffer.h"

struct side {
	const struct ktk_schema *schema; /* NULL: the side is left alone */
	int32_t id;
	struct ktk_buffer buf;
};

struct ktk_serializer {
	struct side side[2];
	struct ktk_registry *reg; /* ktk_serializer_open()'s own */
	struct ktk_registry_opts ro;
};

int ktk_serializer_wanted(const struct ktk_serializer_opts *o)
{
	return o->id[0] >= 0 || o->id[1] >= 0 || o->schema[0] || o->schema[1];
}

/* .avsc: Avro; else JSON Schema if it looks like one */
static enum ktk_schema_type guess_type(const char *path, const char *text)
{
	size_t n = strlen(path);
	json_t *doc, *t;
	enum ktk_schema_type type = KTK_SCHEMA_AVRO;

	if (n > 5 && strcmp(path + n - 5, ".avsc") == 0)
		return KTK_SCHEMA_AVRO;
	doc = json_loads(text, JSON_DECODE_ANY, NULL);
	t = json_object_get(doc, "type");
	if (json_object_get(doc, "$schema") || json_object_get(doc, "properties") ||
	    (json_is_string(t) && strcmp(json_string_value(t), "object") == 0) ||
	    json_is_boolean(doc))
		type = KTK_SCHEMA_JSON;
	json_decref(doc);
	return type;
}

static int subject_of(const struct ktk_serializer_opts *o, int value,
		      const char *name, char *subject, size_t size,
		      struct ktk_err *err)
{
	const char *st = o->strategy ? o->strategy : "topic";
	const char *side = value ? "value" : "key";

	if (strcmp(st, "topic") == 0) {
		snprintf(subject, size, "%s-%s", o->topic, side);
		return 0;
	}
	if (name == NULL)
		return ktk_err_set(err, KTK_EXIT_USAGE,
				   "--subject-name-strategy %s needs the %s's "
				   "record name: a schema FILE with a named "
				   "record (or a JSON Schema \"title\")",
				   st, side);
	if (strcmp(st, "record") == 0)
		snprintf(subject, size, "%s", name);
	else
		snprintf(subject, size, "%s-%s", o->topic, name);
	return 0;
}

static int resolve(struct ktk_registry *reg, const struct ktk_serializer_opts *o,
		   int value, struct side *sd, struct ktk_err *err)
{
	const char *flag = value ? "--value-schema" : "--key-schema";
	char subject[600];
	int32_t id;

	if (o->id[value] >= 0) {
		id = (int32_t)o->id[value];
	} else if (strcmp(o->schema[value], "latest") == 0) {
		if (subject_of(o, value, NULL, subject, sizeof(subject), err) == -1 ||
		    ktk_registry_latest(reg, subject, &id, err) == -1)
			return ktk_err_prefix(err, "%s latest: ", flag);
	} else {
		char *text = ktk_registry_read_file(o->schema[value], err);
		enum ktk_schema_type type;
		struct ktk_err perr = {0};
		const char *name = NULL;
		struct ktk_avro_schema *a = NULL;
		struct ktk_json_schema *j = NULL;
		int rc;

		if (text == NULL)
			return ktk_err_prefix(err, "%s: ", flag);
		type = guess_type(o->schema[value], text);
		/* check it here first: a clearer message than the registry's */
		if (type == KTK_SCHEMA_AVRO) {
			a = ktk_avro_schema_parse(text, strlen(text), &perr);
			name = a ? ktk_avro_schema_name(a) : NULL;
		} else {
			j = ktk_json_schema_parse(text, strlen(text), &perr);
			name = j ? ktk_json_schema_name(j) : NULL;
		}
		if (a == NULL && j == NULL) {
			free(text);
			*err = perr;
			return ktk_err_prefix(err, "%s %s: ", flag, o->schema[value]);
		}
		rc = subject_of(o, value, name, subject, sizeof(subject), err);
		ktk_avro_schema_free(a);
		ktk_json_schema_free(j);
		if (rc == -1) {
			free(text);
			return -1;
		}
		/* looked up first (a read-only registry may hold it), then
		 * registered */
		rc = ktk_registry_put(reg, subject, type, text, 0, &id, &perr);
		if (rc == -1 && perr.code != KTK_EXIT_UNAVAILABLE &&
		    strstr(perr.msg, "Unauthorized") == NULL)
			rc = ktk_registry_put(reg, subject, type, text, 1, &id, &perr);
		free(text);
		if (rc == -1) {
			*err = perr;
			return ktk_err_prefix(err, "%s %s: ", flag, o->schema[value]);
		}
	}
	sd->id = id;
	sd->schema = ktk_registry_by_id(reg, id, err);
	if (sd->schema == NULL)
		return ktk_err_prefix(err, "%s: ", flag);
	return 0;
}

struct ktk_serializer *ktk_serializer_new(struct ktk_registry *reg,
					  const struct ktk_serializer_opts *o,
					  struct ktk_err *err)
{
	struct ktk_serializer *s = calloc(1, sizeof(*s));
	int v;

	if (s == NULL) {
		ktk_err_set(err, KTK_EXIT_SOFTWARE, "out of memory");
		return NULL;
	}
	for (v = 0; v < 2; v++) {
		ktk_buffer_init(&s->side[v].buf, 0);
		if ((o->id[v] >= 0 || o->schema[v]) &&
		    resolve(reg, o, v, &s->side[v], err) == -1) {
			ktk_serializer_free(s);
			return NULL;
		}
	}
	return s;
}

/* Encode one side: @p datum (borrowed) or the record's bytes as JSON. */
static int encode_side(struct side *sd, json_t *datum, const void **p,
		       size_t *n, struct ktk_err *err)
{
	json_t *own = NULL;
	int rc = 0;

	if (datum == NULL && *p != NULL && sd->schema->type == KTK_SCHEMA_AVRO) {
		/* the common shapes straight from the text, no json_t */
		sd->buf.len = 0;
		ktk_frame_put(&sd->buf, sd->id);
		if (ktk_avro_encode_text(sd->schema->avro, *p, *n, &sd->buf) == 0) {
			*p = sd->buf.p;
			*n = sd->buf.len;
			return 0;
		}
	}
	if (datum == NULL && *p != NULL) {
		json_error_t je;

		own = json_loadb(*p, *n, JSON_DECODE_ANY | JSON_ALLOW_NUL, &je);
		if (own == NULL)
			return ktk_err_set(err, KTK_EXIT_DATAERR,
					   "not JSON: %s (column %d)", je.text,
					   je.column);
		datum = own;
	}
	if (datum == NULL || json_is_null(datum)) {
		/* null stays null, unframed (a tombstone) */
		*p = NULL;
		*n = 0;
		json_decref(own);
		return 0;
	}
	sd->buf.len = 0;
	ktk_frame_put(&sd->buf, sd->id);
	if (sd->schema->type == KTK_SCHEMA_AVRO) {
		rc = ktk_avro_encode(sd->schema->avro, datum, &sd->buf, err);
	} else {
		rc = ktk_json_schema_validate(sd->schema->json, datum, err);
		if (rc == 0) {
			char *t = json_dumps(datum, JSON_COMPACT | JSON_ENCODE_ANY);

			if (t == NULL)
				rc = ktk_err_set(err, KTK_EXIT_SOFTWARE,
						 "out of memory");
			else
				ktk_buffer_puts(&sd->buf, t);
			free(t);
		}
	}
	json_decref(own);
	if (rc == 0 && sd->buf.oom)
		rc = ktk_err_set(err, KTK_EXIT_SOFTWARE, "out of memory");
	if (rc == 0) {
		*p = sd->buf.p;
		*n = sd->buf.len;
	}
	return rc;
}

static int transform(void *ctx, struct ktk_input *in, struct ktk_record *rec,
		     struct ktk_err *err)
{
	struct ktk_serializer *s = ctx;
	int json = in->format == KTK_IN_JSON;

	if (s->side[0].schema &&
	    encode_side(&s->side[0], json ? in->js.key_datum : NULL, &rec->key,
			&rec->key_len, err) == -1)
		return ktk_err_prefix(err, "key: ");
	if (s->side[1].schema &&
	    encode_side(&s->side[1], json ? in->js.value_datum : NULL,
			&rec->value, &rec->value_len, err) == -1)
		return ktk_err_prefix(err, "value: ");
	return 0;
}

void ktk_serializer_attach(struct ktk_serializer *s, struct ktk_input *in)
{
	in->transform = transform;
	in->transform_ctx = s;
	in->bad_transform = "does not fit the schema";
	in->js.datum_key = s->side[0].schema != NULL;
	in->js.datum_value = s->side[1].schema != NULL;
}

int64_t ktk_serializer_id(const struct ktk_serializer *s, int value)
{
	return s->side[value].schema ? s->side[value].id : -1;
}

void ktk_serializer_free(struct ktk_serializer *s)
{
	if (s == NULL)
		return;
	ktk_buffer_free(&s->side[0].buf);
	ktk_buffer_free(&s->side[1].buf);
	free(s);
}

struct ktk_serializer *ktk_serializer_open(struct ktk_conf *client,
					   const char *url,
					   const struct ktk_serializer_opts *o,
					   struct ktk_input *in,
					   struct ktk_err *err)
{
	struct ktk_registry_opts ro;
	struct ktk_registry *reg;
	struct ktk_serializer *s;

	err->code = 0;
	if (ktk_registry_conf_take(client, url, &ro, err) == -1) {
		ktk_registry_opts_free(&ro);
		return NULL;
	}
	if (!ktk_serializer_wanted(o)) {
		ktk_registry_opts_free(&ro);
		return NULL;
	}
	if ((reg = ktk_registry_new(&ro, err)) == NULL) {
		ktk_registry_opts_free(&ro);
		return NULL;
	}
	if ((s = ktk_serializer_new(reg, o, err)) == NULL) {
		ktk_registry_free(reg);
		ktk_registry_opts_free(&ro);
		return NULL;
	}
	s->reg = reg;
	s->ro = ro;
	ktk_serializer_attach(s, in);
	return s;
}

void ktk_serializer_close(struct ktk_serializer *s)
{
	if (s == NULL)
		return;
	ktk_registry_free(s->reg);
	ktk_registry_opts_free(&s->ro);
	ktk_serializer_free(s);
}
