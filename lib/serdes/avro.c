/* SPDX-License-Identifier: Apache-2.0 */
/* avro.c -- Avro schemas parsed with jansson; the binary datum decoded
 * straight into JSON text and encoded from a json_t; see avro.h for the
 * layout of the bytes and the JSON mapping. Every read is bounds-checked,
 * nesting is limited (MAX_DEPTH), and an array or map of items that take
 * no bytes (nulls) is limited in count, so no input makes it loop long. */
#include "lib/serdes/avro.h"

#include <errno.h>
#include <inttypes.h>
#include <jansson.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/base/buffer.h"
#include "lib/base/bytes.h"
#include "lib/base/strv.h"
#include "lib/output/json.h"
#include "lib/serdes/json_path.h"

#define MAX_DEPTH 200
#define MAX_EMPTY_ITEMS (1u << 20) /* items of size 0 in one datum */

enum av_type {
	AV_NULL, AV_BOOLEAN, AV_INT, AV_LONG, AV_FLOAT, AV_DOUBLE, AV_BYTES,
	AV_STRING, AV_RECORD, AV_ENUM, AV_ARRAY, AV_MAP, AV_UNION, AV_FIXED,
};

static const char *const type_names[] = {
	"null", "boolean", "int", "long", "float", "double", "bytes",
	"string", "record", "enum", "array", "map", "union", "fixed",
};

enum av_logical {
	LT_NONE, LT_DECIMAL, LT_UUID, LT_DATE, LT_TIME_MS, LT_TIME_US,
	LT_TS_MS, LT_TS_US, LT_LTS_MS, LT_LTS_US, LT_DURATION,
};

struct av_node;

struct av_field {
	char *name;
	char *key; /* "\"name\":" as JSON, for the decoder */
	size_t key_len;
	struct av_node *type;
	json_t *def; /* the default, or NULL */
};

struct av_node {
	enum av_type type;
	enum av_logical logical;
	int precision, scale;
	char *name;      /* full name of a named type */
	char *wrap;      /* KTK_AVRO_JSON union wrapper "{\"name\":" */
	size_t wrap_len;
	struct av_field *fields; /* record */
	size_t nfields;
	char **symbols; /* enum, each as a JSON string "\"SYM\"" */
	size_t *symbol_len;
	size_t nsymbols;
	struct av_node *items;     /* array items, map values */
	struct av_node **branches; /* union */
	size_t nbranches;
	size_t size;     /* fixed */
	size_t min_size; /* fewest bytes a datum of it takes */
	int complete;    /* parsed to the end (a named type in progress: 0) */
};

struct ktk_avro_schema {
	struct av_node **nodes; /* every node, for free and name lookup */
	size_t n, cap;
	struct av_node *root;
};

/* ---- schema ---------------------------------------------------------- */

struct parser {
	struct ktk_avro_schema *s;
	struct ktk_err *err;
	int depth;
};

static struct av_node *new_node(struct parser *ps, enum av_type t)
{
	struct ktk_avro_schema *s = ps->s;
	struct av_node *n;

	if (ktk_buffer_grow_array(&s->nodes, s->n, &s->cap, sizeof(*s->nodes),
				  16) == -1)
		return NULL;
	n = calloc(1, sizeof(*n));
	if (n == NULL)
		return NULL;
	n->type = t;
	n->complete = 1;
	s->nodes[s->n++] = n;
	return n;
}

static int oom(struct parser *ps)
{
	return ktk_err_set(ps->err, KTK_EXIT_SOFTWARE, "out of memory");
}

static int bad(struct parser *ps, const char *fmt, const char *arg)
{
	char m[300];

	snprintf(m, sizeof(m), fmt, arg);
	return ktk_err_set(ps->err, KTK_EXIT_DATAERR, "Avro schema: %s", m);
}

static int primitive(const char *name)
{
	int t;

	for (t = AV_NULL; t <= AV_STRING; t++)
		if (strcmp(name, type_names[t]) == 0)
			return t;
	return -1;
}

/* Avro names: [A-Za-z_][A-Za-z0-9_]*, dot-separated in a full name */
static int valid_name(const char *s, int dotted)
{
	int start = 1;

	if (*s == '\0')
		return 0;
	for (; *s; s++) {
		char c = *s;

		if (c == '.' && dotted && !start) {
			start = 1;
			continue;
		}
		if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
		      c == '_' || (!start && c >= '0' && c <= '9')))
			return 0;
		start = 0;
	}
	return !start;
}

static struct av_node *find_named(struct ktk_avro_schema *s, const char *full)
{
	size_t i;

	for (i = 0; i < s->n; i++)
		if (s->nodes[i]->name && strcmp(s->nodes[i]->name, full) == 0)
			return s->nodes[i];
	return NULL;
}

/* the full name of @p name in namespace @p ns, malloc'd */
static char *full_name(const char *name, const char *ns)
{
	char *f;

	if (strchr(name, '.') || ns == NULL || *ns == '\0')
		return strdup(name);
	f = malloc(strlen(ns) + strlen(name) + 2);
	if (f)
		sprintf(f, "%s.%s", ns, name);
	return f;
}

/* the namespace part of full name @p full ("" for none), malloc'd */
static char *name_space(const char *full)
{
	const char *dot = strrchr(full, '.');

	return dot ? strndup(full, (size_t)(dot - full)) : strdup("");
}

/* "\"text\"" or "{\"text\":" as JSON (names are plain ASCII) */
static char *json_quoted(const char *pre, const char *text, const char *post,
			 size_t *len)
{
	size_t n = strlen(pre) + strlen(text) + strlen(post) + 3;
	char *q = malloc(n);

	if (q == NULL)
		return NULL;
	*len = (size_t)snprintf(q, n, "%s\"%s\"%s", pre, text, post);
	return q;
}

static struct av_node *parse_type(struct parser *ps, json_t *j, const char *ns);

static int register_name(struct parser *ps, struct av_node *n, json_t *j,
			 const char *ns, char **own_ns)
{
	const char *name = json_string_value(json_object_get(j, "name"));
	const char *nsa = json_string_value(json_object_get(j, "namespace"));

	if (name == NULL)
		return bad(ps, "a %s needs a \"name\"", type_names[n->type]);
	if (!valid_name(name, 1))
		return bad(ps, "\"%s\" is not a valid Avro name", name);
	if (strchr(name, '.') == NULL && json_object_get(j, "namespace"))
		ns = nsa ? nsa : "";
	if ((n->name = full_name(name, ns)) == NULL)
		return oom(ps);
	if (primitive(n->name) >= 0)
		return bad(ps, "\"%s\" is a primitive type name", n->name);
	if (find_named(ps->s, n->name) != n)
		return bad(ps, "type \"%s\" is defined twice", n->name);
	if ((*own_ns = name_space(n->name)) == NULL)
		return oom(ps);
	return 0;
}

/* The start of a named type with a list (a record's "fields", an enum's
 * "symbols"): its name registered (@p own: the namespace it gives the names
 * inside it) and the array under @p key, of at least @p min entries, which
 * it returns; NULL (the error set) when either fails, @p missing (a format
 * with one %s, the type's name) when the array is not there. */
static json_t *named_list(struct parser *ps, struct av_node *n, json_t *j,
			  const char *ns, char **own, const char *key,
			  size_t min, const char *missing)
{
	json_t *a = json_object_get(j, key);

	if (register_name(ps, n, j, ns, own) == -1)
		return NULL;
	if (!json_is_array(a) || json_array_size(a) < min) {
		bad(ps, missing, n->name);
		return NULL;
	}
	return a;
}

static int parse_record(struct parser *ps, struct av_node *n, json_t *j,
			const char *ns)
{
	json_t *fields, *f;
	char *own = NULL;
	size_t i;
	int rc = -1;

	n->complete = 0;
	fields = named_list(ps, n, j, ns, &own, "fields", 0,
			    "record %s needs a \"fields\" array");
	if (fields == NULL)
		goto out;
	n->fields = calloc(json_array_size(fields) + 1, sizeof(*n->fields));
	if (n->fields == NULL) {
		oom(ps);
		goto out;
	}
	json_array_foreach(fields, i, f) {
		struct av_field *fd = &n->fields[i];
		const char *fname = json_string_value(json_object_get(f, "name"));
		size_t k;

		if (fname == NULL || !valid_name(fname, 0)) {
			bad(ps, "a field of record %s has no valid \"name\"",
			    n->name);
			goto out;
		}
		for (k = 0; k < i; k++)
			if (strcmp(n->fields[k].name, fname) == 0) {
				bad(ps, "field \"%s\" appears twice", fname);
				goto out;
			}
		fd->name = strdup(fname);
		fd->key = json_quoted("", fname, ":", &fd->key_len);
		if (fd->name == NULL || fd->key == NULL) {
			oom(ps);
			goto out;
		}
		n->nfields = i + 1;
		fd->type = parse_type(ps, json_object_get(f, "type"), own);
		if (fd->type == NULL)
			goto out;
		fd->def = json_object_get(f, "default");
		if (fd->def)
			json_incref(fd->def);
	}
	rc = 0;
out:
	free(own);
	n->complete = 1;
	return rc;
}

static int parse_enum(struct parser *ps, struct av_node *n, json_t *j,
		      const char *ns)
{
	json_t *syms, *sym;
	char *own = NULL;
	size_t i;
	int rc = -1;

	syms = named_list(ps, n, j, ns, &own, "symbols", 1,
			  "enum %s needs a \"symbols\" array");
	if (syms == NULL)
		goto out;
	n->symbols = calloc(json_array_size(syms), sizeof(*n->symbols));
	n->symbol_len = calloc(json_array_size(syms), sizeof(*n->symbol_len));
	if (n->symbols == NULL || n->symbol_len == NULL) {
		oom(ps);
		goto out;
	}
	json_array_foreach(syms, i, sym) {
		const char *v = json_string_value(sym);

		if (v == NULL || !valid_name(v, 0)) {
			bad(ps, "enum %s has a symbol that is not a valid name",
			    n->name);
			goto out;
		}
		n->symbols[i] = json_quoted("", v, "", &n->symbol_len[i]);
		if (n->symbols[i] == NULL) {
			oom(ps);
			goto out;
		}
		n->nsymbols = i + 1;
	}
	rc = 0;
out:
	free(own);
	return rc;
}

static int parse_fixed(struct parser *ps, struct av_node *n, json_t *j,
		       const char *ns)
{
	json_t *size = json_object_get(j, "size");
	char *own = NULL;
	int rc;

	rc = register_name(ps, n, j, ns, &own);
	free(own);
	if (rc == -1)
		return -1;
	if (!json_is_integer(size) || json_integer_value(size) < 0 ||
	    json_integer_value(size) > (1 << 30))
		return bad(ps, "fixed %s needs a \"size\"", n->name);
	n->size = (size_t)json_integer_value(size);
	return 0;
}

/* Sets the logical type of @p n from "logicalType" when it fits. */
static void logical(struct av_node *n, json_t *j)
{
	static const struct {
		const char *name;
		enum av_logical lt;
		enum av_type on;
	} lts[] = {
		{"uuid", LT_UUID, AV_STRING},
		{"date", LT_DATE, AV_INT},
		{"time-millis", LT_TIME_MS, AV_INT},
		{"time-micros", LT_TIME_US, AV_LONG},
		{"timestamp-millis", LT_TS_MS, AV_LONG},
		{"timestamp-micros", LT_TS_US, AV_LONG},
		{"local-timestamp-millis", LT_LTS_MS, AV_LONG},
		{"local-timestamp-micros", LT_LTS_US, AV_LONG},
		{"duration", LT_DURATION, AV_FIXED},
	};
	const char *lt = json_string_value(json_object_get(j, "logicalType"));
	size_t i;

	if (lt == NULL)
		return;
	if (strcmp(lt, "decimal") == 0 &&
	    (n->type == AV_BYTES || n->type == AV_FIXED)) {
		json_t *p = json_object_get(j, "precision");
		json_t *s = json_object_get(j, "scale");
		json_int_t pv = json_integer_value(p), sv = s ? json_integer_value(s) : 0;

		if (!json_is_integer(p) || pv < 1 || pv > 1000 || sv < 0 ||
		    sv > pv || (s && !json_is_integer(s)))
			return; /* invalid: the spec says ignore it */
		n->logical = LT_DECIMAL;
		n->precision = (int)pv;
		n->scale = (int)sv;
		return;
	}
	for (i = 0; i < sizeof(lts) / sizeof(lts[0]); i++)
		if (strcmp(lt, lts[i].name) == 0 && n->type == lts[i].on &&
		    (lts[i].lt != LT_DURATION || n->size == 12))
			n->logical = lts[i].lt;
}

static struct av_node *parse_object(struct parser *ps, json_t *j,
				    const char *ns)
{
	json_t *tj = json_object_get(j, "type");
	const char *t = json_string_value(tj);
	struct av_node *n;
	int p, rc = 0;

	if (t == NULL) {
		/* {"type": {...}} or {"type": [...]}: a wrapped type */
		if (json_is_object(tj) || json_is_array(tj))
			return parse_type(ps, tj, ns);
		bad(ps, "an object with no \"type\"%s", "");
		return NULL;
	}
	if ((p = primitive(t)) >= 0) {
		if ((n = new_node(ps, (enum av_type)p)) == NULL) {
			oom(ps);
			return NULL;
		}
		logical(n, j);
		return n;
	}
	if (strcmp(t, "record") == 0 || strcmp(t, "error") == 0) {
		if ((n = new_node(ps, AV_RECORD)) == NULL) {
			oom(ps);
			return NULL;
		}
		rc = parse_record(ps, n, j, ns);
	} else if (strcmp(t, "enum") == 0) {
		if ((n = new_node(ps, AV_ENUM)) == NULL) {
			oom(ps);
			return NULL;
		}
		rc = parse_enum(ps, n, j, ns);
	} else if (strcmp(t, "fixed") == 0) {
		if ((n = new_node(ps, AV_FIXED)) == NULL) {
			oom(ps);
			return NULL;
		}
		rc = parse_fixed(ps, n, j, ns);
		logical(n, j);
	} else if (strcmp(t, "array") == 0 || strcmp(t, "map") == 0) {
		json_t *it = json_object_get(j, t[0] == 'a' ? "items" : "values");

		if (it == NULL) {
			bad(ps, "%s needs its item type", t);
			return NULL;
		}
		if ((n = new_node(ps, t[0] == 'a' ? AV_ARRAY : AV_MAP)) == NULL) {
			oom(ps);
			return NULL;
		}
		n->items = parse_type(ps, it, ns);
		rc = n->items ? 0 : -1;
	} else {
		/* {"type": "some.Named"} */
		return parse_type(ps, tj, ns);
	}
	return rc == 0 ? n : NULL;
}

static struct av_node *parse_type(struct parser *ps, json_t *j, const char *ns)
{
	struct av_node *n = NULL;

	if (j == NULL) {
		bad(ps, "a field has no \"type\"%s", "");
		return NULL;
	}
	if (++ps->depth > MAX_DEPTH) {
		bad(ps, "nested more than %s deep", "200");
		goto out;
	}
	if (json_is_string(j)) {
		const char *t = json_string_value(j);
		int p = primitive(t);
		char *f;

		if (p >= 0) {
			if ((n = new_node(ps, (enum av_type)p)) == NULL)
				oom(ps);
			goto out;
		}
		f = full_name(t, ns);
		if (f == NULL) {
			oom(ps);
			goto out;
		}
		n = find_named(ps->s, f);
		if (n == NULL && strchr(t, '.') == NULL)
			n = find_named(ps->s, t); /* the null namespace */
		free(f);
		if (n == NULL)
			bad(ps, "unknown type \"%s\"", t);
	} else if (json_is_array(j)) {
		size_t i, k;
		json_t *b;

		if ((n = new_node(ps, AV_UNION)) == NULL) {
			oom(ps);
			goto out;
		}
		n->branches = calloc(json_array_size(j) + 1, sizeof(*n->branches));
		if (n->branches == NULL) {
			oom(ps);
			n = NULL;
			goto out;
		}
		json_array_foreach(j, i, b) {
			struct av_node *br = parse_type(ps, b, ns);

			if (br == NULL) {
				n = NULL;
				goto out;
			}
			if (br->type == AV_UNION) {
				bad(ps, "a union inside a union%s", "");
				n = NULL;
				goto out;
			}
			for (k = 0; k < i; k++) {
				struct av_node *o = n->branches[k];

				if (o->type == br->type &&
				    (o->name == NULL || br->name == NULL ||
				     strcmp(o->name, br->name) == 0)) {
					bad(ps, "a union has two branches of "
						"type %s",
					    br->name ? br->name
						     : type_names[br->type]);
					n = NULL;
					goto out;
				}
			}
			n->branches[i] = br;
			n->nbranches = i + 1;
		}
		if (n->nbranches == 0) {
			bad(ps, "an empty union%s", "");
			n = NULL;
		}
	} else if (json_is_object(j)) {
		n = parse_object(ps, j, ns);
	} else {
		bad(ps, "a type is neither a name, an object nor a "
			"union%s", "");
	}
out:
	ps->depth--;
	return n;
}

static size_t min_size(struct av_node *n, int depth)
{
	size_t i, m;

	switch (n->type) {
	case AV_NULL: return 0;
	case AV_FLOAT: return 4;
	case AV_DOUBLE: return 8;
	case AV_FIXED: return n->size;
	case AV_RECORD:
		if (depth > 20)
			return 0;
		m = 0;
		for (i = 0; i < n->nfields; i++)
			m += min_size(n->fields[i].type, depth + 1);
		return m;
	default: return 1;
	}
}

struct ktk_avro_schema *ktk_avro_schema_parse_refs(const char *const *texts,
						   const size_t *lens, size_t n,
						   struct ktk_err *err)
{
	struct ktk_avro_schema *s = calloc(1, sizeof(*s));
	struct parser ps = {s, err, 0};
	size_t i, t;

	if (s == NULL) {
		ktk_err_set(err, KTK_EXIT_SOFTWARE, "out of memory");
		return NULL;
	}
	for (t = 0; t < n; t++) {
		json_error_t je;
		json_t *doc = json_loadb(texts[t], lens[t],
					 JSON_DECODE_ANY | JSON_ALLOW_NUL, &je);

		if (doc == NULL) {
			ktk_err_set(err, KTK_EXIT_DATAERR,
				    "Avro schema%s: not JSON: %s (column %d)",
				    t + 1 < n ? " (a reference)" : "", je.text,
				    je.column);
			ktk_avro_schema_free(s);
			return NULL;
		}
		s->root = parse_type(&ps, doc, "");
		json_decref(doc);
		if (s->root == NULL) {
			if (t + 1 < n)
				ktk_err_prefix(err, "a reference: ");
			ktk_avro_schema_free(s);
			return NULL;
		}
	}
	if (s->root == NULL) {
		ktk_err_set(err, KTK_EXIT_DATAERR, "Avro schema: none");
		ktk_avro_schema_free(s);
		return NULL;
	}
	for (i = 0; i < s->n; i++) {
		struct av_node *nd = s->nodes[i];
		const char *tn = nd->name ? nd->name : type_names[nd->type];

		nd->min_size = min_size(nd, 0);
		nd->wrap = json_quoted("{", tn, ":", &nd->wrap_len);
		if (nd->wrap == NULL) {
			ktk_err_set(err, KTK_EXIT_SOFTWARE, "out of memory");
			ktk_avro_schema_free(s);
			return NULL;
		}
	}
	return s;
}

struct ktk_avro_schema *ktk_avro_schema_parse(const char *text, size_t len,
					      struct ktk_err *err)
{
	return ktk_avro_schema_parse_refs(&text, &len, 1, err);
}

const char *ktk_avro_schema_name(const struct ktk_avro_schema *s)
{
	return s->root->name;
}

void ktk_avro_schema_free(struct ktk_avro_schema *s)
{
	size_t i, k;

	if (s == NULL)
		return;
	for (i = 0; i < s->n; i++) {
		struct av_node *n = s->nodes[i];

		for (k = 0; k < n->nfields; k++) {
			free(n->fields[k].name);
			free(n->fields[k].key);
			json_decref(n->fields[k].def);
		}
		ktk_strv_free(n->symbols, n->nsymbols);
		free(n->fields);
		free(n->symbol_len);
		free(n->branches);
		free(n->name);
		free(n->wrap);
		free(n);
	}
	free(s->nodes);
	free(s);
}

/* ---- decoding: binary to JSON text ----------------------------------- */

struct dec {
	const unsigned char *p, *end;
	struct ktk_buffer *out;
	struct ktk_err *err;
	enum ktk_avro_mode mode;
	unsigned empty_items;
};

static int dec_fail(struct dec *d, const char *what)
{
	return ktk_err_set(d->err, KTK_EXIT_DATAERR, "Avro datum: %s", what);
}

static int read_long(struct dec *d, int64_t *v)
{
	uint64_t u = 0;
	int shift = 0;

	for (;;) {
		unsigned char c;

		if (d->p >= d->end)
			return dec_fail(d, "truncated");
		c = *d->p++;
		u |= (uint64_t)(c & 0x7f) << shift;
		if (!(c & 0x80))
			break;
		shift += 7;
		if (shift > 63)
			return dec_fail(d, "a varint longer than 10 bytes");
	}
	*v = (int64_t)(u >> 1) ^ -(int64_t)(u & 1);
	return 0;
}

static int read_len(struct dec *d, size_t *n)
{
	int64_t v;

	if (read_long(d, &v) == -1)
		return -1;
	if (v < 0)
		return dec_fail(d, "a negative length");
	if ((uint64_t)v > (uint64_t)(d->end - d->p))
		return dec_fail(d, "a length past the end of the datum");
	*n = (size_t)v;
	return 0;
}

/* Numbers with few decimals (prices, scores) without printf: the digits of
 * v * 10^k for the smallest k <= 6 that makes it a whole number, kept only
 * if they read back to @p v. @returns the length written into t, 0 if no
 * such short form. */
static int short_real(double v, int single, char *t)
{
	static const double pow10[] = {1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6};
	double a = fabs(v);
	int k;

	if (!(a < 1e9) || (a != 0 && a < 1e-6))
		return 0;
	for (k = 0; k <= 6; k++) {
		double r = a * pow10[k];
		uint64_t u, ip, fp;
		char *d = t;
		int i;

		if (r != floor(r))
			continue;
		u = (uint64_t)r;
		/* u < 10^15 < 2^53 and 10^k are exact, so the division is
		 * rounded once, as strtod rounds the decimal u / 10^k: equal
		 * means the text reads back to v (no strtod). A float would be
		 * rounded twice that way: strtof checks it. */
		if (!single && (double)u / pow10[k] != a)
			return 0;
		ip = u / (uint64_t)pow10[k];
		fp = u % (uint64_t)pow10[k];
		if (v < 0 || (v == 0 && signbit(v)))
			*d++ = '-';
		d = ktk_buffer_fmt_i64(d, (int64_t)ip);
		if (k > 0) {
			*d++ = '.';
			for (i = k - 1; i >= 0; i--) {
				d[i] = (char)('0' + fp % 10);
				fp /= 10;
			}
			d += k;
		}
		*d = '\0';
		if (!single || strtof(t, NULL) == (float)v)
			return (int)(d - t);
		return 0;
	}
	return 0;
}

/* the shortest %g text that reads back to @p v (as a float if @p single) */
static void put_real(struct ktk_buffer *b, double v, int single)
{
	char t[40];
	int prec, n;

	if (isnan(v)) {
		ktk_buffer_puts(b, "\"NaN\"");
		return;
	}
	if (isinf(v)) {
		ktk_buffer_puts(b, v > 0 ? "\"Infinity\"" : "\"-Infinity\"");
		return;
	}
	if ((n = short_real(v, single, t)) > 0) {
		ktk_buffer_put(b, t, (size_t)n);
		return;
	}
	for (prec = single ? 6 : 15; prec <= (single ? 9 : 17); prec++) {
		n = snprintf(t, sizeof(t), "%.*g", prec, v);
		if (prec == (single ? 9 : 17) ||
		    (single ? strtof(t, NULL) == (float)v : strtod(t, NULL) == v))
			break;
	}
	ktk_buffer_put(b, t, (size_t)n);
}

/* bytes as a JSON string of code points U+0000..U+00FF */
static void put_latin1(struct ktk_buffer *b, const unsigned char *s, size_t n)
{
	static const char hex[] = "0123456789abcdef";
	char *d = ktk_buffer_room(b, n * 6 + 2);
	size_t i;

	if (d == NULL)
		return;
	*d++ = '"';
	for (i = 0; i < n; i++) {
		unsigned char c = s[i];

		if (c >= 0x80) {
			*d++ = (char)(0xc0 | (c >> 6));
			*d++ = (char)(0x80 | (c & 0x3f));
		} else if (c < 0x20 || c == '"' || c == '\\') {
			*d++ = '\\';
			switch (c) {
			case '"': *d++ = '"'; break;
			case '\\': *d++ = '\\'; break;
			case '\n': *d++ = 'n'; break;
			case '\t': *d++ = 't'; break;
			case '\r': *d++ = 'r'; break;
			default:
				*d++ = 'u';
				*d++ = '0';
				*d++ = '0';
				*d++ = hex[c >> 4];
				*d++ = hex[c & 15];
			}
		} else {
			*d++ = (char)c;
		}
	}
	*d++ = '"';
	b->len = (size_t)(d - b->p);
}

/* a two's complement big-endian integer scaled by 10^-scale, exactly */
static int put_decimal(struct dec *d, const unsigned char *s, size_t n,
		       int scale)
{
	unsigned char mag[256];
	char digits[700], *q = digits + sizeof(digits);
	size_t i, len = n, start = 0;
	int neg = n > 0 && (s[0] & 0x80), nd = 0;
	char *o;

	if (n > sizeof(mag))
		return dec_fail(d, "a decimal longer than 256 bytes");
	memcpy(mag, s, n);
	if (neg) { /* magnitude = ~x + 1 */
		int carry = 1;

		for (i = n; i-- > 0;) {
			int v = (unsigned char)~mag[i] + carry;

			mag[i] = (unsigned char)v;
			carry = v >> 8;
		}
	}
	/* repeated division by 10 */
	while (start < len) {
		unsigned rem = 0;

		for (i = start; i < len; i++) {
			unsigned cur = rem * 256 + mag[i];

			mag[i] = (unsigned char)(cur / 10);
			rem = cur % 10;
		}
		*--q = (char)('0' + rem);
		nd++;
		while (start < len && mag[start] == 0)
			start++;
	}
	while (nd <= scale) { /* at least one digit before the point */
		*--q = '0';
		nd++;
	}
	if ((o = ktk_buffer_room(d->out, (size_t)nd + 4)) == NULL)
		return 0;
	*o++ = '"';
	if (neg)
		*o++ = '-';
	memcpy(o, q, (size_t)(nd - scale));
	o += nd - scale;
	if (scale > 0) {
		*o++ = '.';
		memcpy(o, q + nd - scale, (size_t)scale);
		o += scale;
	}
	*o++ = '"';
	d->out->len = (size_t)(o - d->out->p);
	return 0;
}

static int decode(struct dec *d, const struct av_node *n, int depth);

static int decode_blocks(struct dec *d, const struct av_node *n, int depth)
{
	int first = 1, map = n->type == AV_MAP;

	ktk_buffer_putc(d->out, map ? '{' : '[');
	for (;;) {
		int64_t count, size;

		if (read_long(d, &count) == -1)
			return -1;
		if (count == 0)
			break;
		if (count < 0) {
			if (count == INT64_MIN)
				return dec_fail(d, "a bad block count");
			count = -count;
			if (read_long(d, &size) == -1)
				return -1;
			if (size < 0 || size > d->end - d->p)
				return dec_fail(d, "a block size past the end");
		}
		if (n->items->min_size == 0 && !map) {
			if ((uint64_t)count > MAX_EMPTY_ITEMS - d->empty_items)
				return dec_fail(d, "too many empty items");
			d->empty_items += (unsigned)count;
		} else if ((uint64_t)count > (uint64_t)(d->end - d->p)) {
			return dec_fail(d, "a block count past the end");
		}
		while (count-- > 0) {
			if (!first)
				ktk_buffer_putc(d->out, ',');
			first = 0;
			if (map) {
				size_t kl;

				if (read_len(d, &kl) == -1)
					return -1;
				if (ktk_json_put_str(d->out, d->p, kl) == -1)
					return dec_fail(d, "a map key is not "
							   "UTF-8");
				d->p += kl;
				ktk_buffer_putc(d->out, ':');
			}
			if (decode(d, n->items, depth + 1) == -1)
				return -1;
		}
	}
	ktk_buffer_putc(d->out, map ? '}' : ']');
	return 0;
}

static int decode(struct dec *d, const struct av_node *n, int depth)
{
	int64_t v;
	size_t len, i;

	if (depth > MAX_DEPTH)
		return dec_fail(d, "nested too deep");
	switch (n->type) {
	case AV_NULL:
		ktk_buffer_put(d->out, "null", 4);
		return 0;
	case AV_BOOLEAN:
		if (d->p >= d->end)
			return dec_fail(d, "truncated");
		if (*d->p > 1)
			return dec_fail(d, "a boolean that is neither 0 nor 1");
		if (*d->p++)
			ktk_buffer_put(d->out, "true", 4);
		else
			ktk_buffer_put(d->out, "false", 5);
		return 0;
	case AV_INT:
	case AV_LONG:
		if (read_long(d, &v) == -1)
			return -1;
		if (n->type == AV_INT && (v < INT32_MIN || v > INT32_MAX))
			return dec_fail(d, "an int out of range");
		ktk_buffer_put_i64(d->out, v);
		return 0;
	case AV_FLOAT: {
		float f;

		if (d->end - d->p < 4)
			return dec_fail(d, "truncated");
		memcpy(&f, d->p, 4); /* little-endian hosts (see serdes.h) */
		d->p += 4;
		put_real(d->out, f, 1);
		return 0;
	}
	case AV_DOUBLE: {
		double f;

		if (d->end - d->p < 8)
			return dec_fail(d, "truncated");
		memcpy(&f, d->p, 8);
		d->p += 8;
		put_real(d->out, f, 0);
		return 0;
	}
	case AV_BYTES:
	case AV_FIXED:
		if (n->type == AV_FIXED) {
			if ((size_t)(d->end - d->p) < n->size)
				return dec_fail(d, "truncated");
			len = n->size;
		} else if (read_len(d, &len) == -1) {
			return -1;
		}
		if (n->logical == LT_DECIMAL && d->mode == KTK_AVRO_PLAIN) {
			if (put_decimal(d, d->p, len, n->scale) == -1)
				return -1;
		} else {
			put_latin1(d->out, d->p, len);
		}
		d->p += len;
		return 0;
	case AV_STRING:
		if (read_len(d, &len) == -1)
			return -1;
		if (ktk_json_put_str(d->out, d->p, len) == -1)
			return dec_fail(d, "a string is not UTF-8");
		d->p += len;
		return 0;
	case AV_RECORD:
		ktk_buffer_putc(d->out, '{');
		for (i = 0; i < n->nfields; i++) {
			if (i > 0)
				ktk_buffer_putc(d->out, ',');
			ktk_buffer_put(d->out, n->fields[i].key,
				       n->fields[i].key_len);
			if (decode(d, n->fields[i].type, depth + 1) == -1)
				return -1;
		}
		ktk_buffer_putc(d->out, '}');
		return 0;
	case AV_ENUM:
		if (read_long(d, &v) == -1)
			return -1;
		if (v < 0 || (uint64_t)v >= n->nsymbols)
			return dec_fail(d, "an enum index out of range");
		ktk_buffer_put(d->out, n->symbols[v], n->symbol_len[v]);
		return 0;
	case AV_ARRAY:
	case AV_MAP:
		return decode_blocks(d, n, depth);
	case AV_UNION: {
		const struct av_node *b;

		if (read_long(d, &v) == -1)
			return -1;
		if (v < 0 || (uint64_t)v >= n->nbranches)
			return dec_fail(d, "a union index out of range");
		b = n->branches[v];
		if (d->mode == KTK_AVRO_PLAIN || b->type == AV_NULL)
			return decode(d, b, depth + 1);
		ktk_buffer_put(d->out, b->wrap, b->wrap_len);
		if (decode(d, b, depth + 1) == -1)
			return -1;
		ktk_buffer_putc(d->out, '}');
		return 0;
	}
	}
	return dec_fail(d, "a type this decoder does not know");
}

int ktk_avro_decode(const struct ktk_avro_schema *s, const void *p, size_t n,
		    enum ktk_avro_mode mode, struct ktk_buffer *out,
		    struct ktk_err *err)
{
	struct dec d = {p, (const unsigned char *)p + n, out, err, mode, 0};
	size_t len0 = out->len;

	if (decode(&d, s->root, 0) == -1) {
		out->len = len0;
		return -1;
	}
	if (d.p != d.end) {
		out->len = len0;
		return ktk_err_set(err, KTK_EXIT_DATAERR,
				   "Avro datum: %zu bytes left after the "
				   "datum (not written with this schema?)",
				   (size_t)(d.end - d.p));
	}
	if (out->oom) {
		out->len = len0;
		return ktk_err_set(err, KTK_EXIT_SOFTWARE, "out of memory");
	}
	return 0;
}

/* ---- encoding: json_t to binary -------------------------------------- */

struct enc {
	struct ktk_buffer *out;
	struct ktk_err *err;
	struct ktk_json_path path;
	int quiet; /* trying a union branch: no message needed */
};

static int enc_fail(struct enc *e, const char *fmt, const char *a,
		    const char *b)
{
	if (e->quiet)
		return -1;
	return ktk_json_path_fail(&e->path, e->err, fmt, a, b);
}

static int expected(struct enc *e, const char *what, const json_t *j)
{
	return enc_fail(e, "expected %s, got %s", what,
			ktk_json_path_kind(j, 1));
}

static void put_long(struct ktk_buffer *b, int64_t v)
{
	uint64_t u = ((uint64_t)v << 1) ^ (uint64_t)(v >> 63);
	char *d = ktk_buffer_room(b, 10);

	if (d == NULL)
		return;
	while (u >= 0x80) {
		*d++ = (char)(u | 0x80);
		u >>= 7;
	}
	*d++ = (char)u;
	b->len = (size_t)(d - b->p);
}

/* a JSON string of code points <= U+00FF into bytes, appended */
static int put_from_latin1(struct enc *e, const char *s, size_t n,
			   size_t want, int fixed)
{
	const unsigned char *u = (const unsigned char *)s;
	char *d = ktk_buffer_room(e->out, n + 10);
	size_t i, k = 0;
	char *start;

	if (d == NULL)
		return -1;
	start = d + 10; /* room for the length, moved back below */
	for (i = 0; i < n; i++) {
		if (u[i] < 0x80) {
			start[k++] = (char)u[i];
		} else if ((u[i] == 0xc2 || u[i] == 0xc3) && i + 1 < n &&
			   (u[i + 1] & 0xc0) == 0x80) {
			start[k++] = (char)(((u[i] & 0x03) << 6) | (u[i + 1] & 0x3f));
			i++;
		} else {
			return enc_fail(e, "bytes are written as a string of "
					   "code points up to U+00FF%s%s", "", "");
		}
	}
	if (fixed && k != want) {
		char a[24], b[24];

		snprintf(a, sizeof(a), "%zu", want);
		snprintf(b, sizeof(b), "%zu", k);
		return enc_fail(e, "expected %s bytes, got %s", a, b);
	}
	if (!fixed)
		put_long(e->out, (int64_t)k);
	memmove(e->out->p + e->out->len, start, k);
	e->out->len += k;
	return 0;
}

/* "-12.34" (or a JSON number's text) into an unscaled two's complement
 * big-endian integer of scale @p scale; @p size 0: minimal length with a
 * length prefix (bytes), else exactly @p size bytes (fixed) */
static int put_decimal_text(struct enc *e, const char *s, int scale,
			    int precision, size_t size)
{
	unsigned char mag[256]; /* little-endian */
	char digits[1100];
	size_t mlen = 0, i, nbytes, nd = 0;
	const char *p = s, *frac = NULL;
	int neg = 0, nfrac = 0;

	if (*p == '-' || *p == '+')
		neg = *p++ == '-';
	if (!(*p >= '0' && *p <= '9'))
		return enc_fail(e, "'%s' is not a decimal number%s", s, "");
	for (; *p >= '0' && *p <= '9'; p++)
		if (nd < sizeof(digits) - 1 && (nd > 0 || *p != '0'))
			digits[nd++] = *p;
	if (*p == '.') {
		frac = ++p;
		for (; *p >= '0' && *p <= '9'; p++) {
			if (nfrac < scale) {
				if (nd < sizeof(digits) - 1 && (nd > 0 || *p != '0'))
					digits[nd++] = *p;
				nfrac++;
			} else if (*p != '0') {
				return enc_fail(e, "'%s' has more digits after "
						   "the point than the scale "
						   "allows%s", s, "");
			}
		}
		if (p == frac)
			return enc_fail(e, "'%s' is not a decimal number%s", s, "");
	}
	if (*p != '\0')
		return enc_fail(e, "'%s' is not a decimal number%s", s, "");
	for (; nfrac < scale; nfrac++)
		if (nd > 0 && nd < sizeof(digits) - 1)
			digits[nd++] = '0';
	if (nd > (size_t)precision)
		return enc_fail(e, "'%s' has more digits than the precision "
				   "allows%s", s, "");
	memset(mag, 0, sizeof(mag));
	for (i = 0; i < nd; i++) { /* mag = mag * 10 + digit */
		unsigned carry = (unsigned)(digits[i] - '0');
		size_t k;

		for (k = 0; k < mlen || carry; k++) {
			unsigned v;

			if (k >= sizeof(mag) - 1)
				return enc_fail(e, "'%s' is too large%s", s, "");
			v = mag[k] * 10u + carry;
			mag[k] = (unsigned char)v;
			carry = v >> 8;
			if (k >= mlen)
				mlen = k + 1;
		}
	}
	mag[mlen++] = 0; /* room for the sign bit */
	if (neg) { /* two's complement: ~mag + 1 */
		unsigned carry = 1;

		for (i = 0; i < mlen; i++) {
			unsigned v = (unsigned char)~mag[i] + carry;

			mag[i] = (unsigned char)v;
			carry = v >> 8;
		}
	}
	/* drop redundant sign bytes */
	while (mlen > 1 && ((mag[mlen - 1] == 0 && !(mag[mlen - 2] & 0x80)) ||
			    (mag[mlen - 1] == 0xff && (mag[mlen - 2] & 0x80))))
		mlen--;
	nbytes = size ? size : mlen;
	if (mlen > nbytes)
		return enc_fail(e, "'%s' does not fit the fixed size%s", s, "");
	if (!size)
		put_long(e->out, (int64_t)nbytes);
	for (i = nbytes; i-- > 0;)
		ktk_buffer_putc(e->out, (char)(i < mlen ? mag[i]
					       : (neg ? 0xff : 0)));
	return 0;
}

static int encode(struct enc *e, const struct av_node *n, const json_t *j,
		  int depth);

static int encode_real(struct enc *e, const struct av_node *n, const json_t *j)
{
	double v;

	if (json_is_number(j)) {
		v = json_number_value(j);
	} else if (json_is_string(j)) {
		const char *s = json_string_value(j);

		if (strcmp(s, "NaN") == 0)
			v = NAN;
		else if (strcmp(s, "Infinity") == 0)
			v = INFINITY;
		else if (strcmp(s, "-Infinity") == 0)
			v = -INFINITY;
		else
			return expected(e, "a number", j);
	} else {
		return expected(e, "a number", j);
	}
	if (n->type == AV_FLOAT) {
		float f = (float)v;

		ktk_buffer_put(e->out, &f, 4);
	} else {
		ktk_buffer_put(e->out, &v, 8);
	}
	return 0;
}

static int encode_record(struct enc *e, const struct av_node *n,
			 const json_t *j, int depth)
{
	const char *k;
	json_t *v;
	size_t i, old;

	if (!json_is_object(j))
		return expected(e, "an object", j);
	json_object_foreach((json_t *)j, k, v) {
		for (i = 0; i < n->nfields; i++)
			if (strcmp(n->fields[i].name, k) == 0)
				break;
		if (i == n->nfields) {
			old = ktk_json_path_push(&e->path, k, 0);
			enc_fail(e, "not in the schema (record %s)", n->name, "");
			ktk_json_path_pop(&e->path, old);
			return -1;
		}
	}
	for (i = 0; i < n->nfields; i++) {
		const struct av_field *f = &n->fields[i];
		int rc;

		v = json_object_get(j, f->name);
		old = ktk_json_path_push(&e->path, f->name, 0);
		if (v == NULL && f->def == NULL) {
			enc_fail(e, "missing, and it has no default%s%s", "", "");
			ktk_json_path_pop(&e->path, old);
			return -1;
		}
		if (v == NULL && f->type->type == AV_UNION) {
			/* a union's default is for its first branch */
			put_long(e->out, 0);
			rc = encode(e, f->type->branches[0], f->def, depth + 1);
		} else {
			rc = encode(e, f->type, v ? v : f->def, depth + 1);
		}
		ktk_json_path_pop(&e->path, old);
		if (rc == -1)
			return -1;
	}
	return 0;
}

static int encode_union(struct enc *e, const struct av_node *n, const json_t *j,
			int depth)
{
	size_t i, len0 = e->out->len;
	const struct av_node *only = NULL;
	int quiet = e->quiet, nonnull = 0;

	/* Avro's JSON encoding: {"TYPE": value} */
	if (json_is_object(j) && json_object_size(j) == 1) {
		const char *k = json_object_iter_key(json_object_iter((json_t *)j));

		for (i = 0; i < n->nbranches; i++) {
			const struct av_node *b = n->branches[i];
			const char *bn = b->name ? b->name : type_names[b->type];

			if (strcmp(bn, k) == 0 && b->type != AV_NULL) {
				put_long(e->out, (int64_t)i);
				return encode(e, b, json_object_iter_value(
							    json_object_iter((json_t *)j)),
					      depth + 1);
			}
		}
	}
	for (i = 0; i < n->nbranches; i++)
		if (n->branches[i]->type != AV_NULL) {
			nonnull++;
			only = n->branches[i];
		}
	for (i = 0; i < n->nbranches; i++) {
		const struct av_node *b = n->branches[i];

		if (json_is_null(j) != (b->type == AV_NULL))
			continue;
		put_long(e->out, (int64_t)i);
		e->quiet = quiet || nonnull > 1;
		if (encode(e, b, j, depth + 1) == 0) {
			e->quiet = quiet;
			return 0;
		}
		e->quiet = quiet;
		e->out->len = len0;
		if (nonnull == 1 && b == only)
			return -1; /* its message says why */
	}
	{
		char names[200] = "";
		size_t w = 0;

		for (i = 0; i < n->nbranches && w < sizeof(names) - 1; i++) {
			const struct av_node *b = n->branches[i];
			int k = snprintf(names + w, sizeof(names) - w, "%s%s",
					 i ? ", " : "",
					 b->name ? b->name : type_names[b->type]);

			if (k > 0)
				w += (size_t)k;
		}
		if (w >= sizeof(names))
			w = sizeof(names) - 1;
		return enc_fail(e, "%s fits no branch of the union [%s]",
				ktk_json_path_kind(j, 1), names);
	}
}

/* Encode @v, the member of a map named @k or of an array at @i, with its
 * place on the path for messages */
static int encode_member(struct enc *e, const struct av_node *items,
			 const json_t *v, int depth, const char *k, size_t i)
{
	size_t old = k ? ktk_json_path_push(&e->path, k, 0)
		       : ktk_json_path_push(&e->path, NULL, i);
	int rc = encode(e, items, v, depth + 1);

	ktk_json_path_pop(&e->path, old);
	return rc;
}

static int encode(struct enc *e, const struct av_node *n, const json_t *j,
		  int depth)
{
	size_t i;

	if (depth > MAX_DEPTH)
		return enc_fail(e, "nested too deep%s%s", "", "");
	switch (n->type) {
	case AV_NULL:
		return json_is_null(j) ? 0 : expected(e, "null", j);
	case AV_BOOLEAN:
		if (!json_is_boolean(j))
			return expected(e, "a boolean", j);
		ktk_buffer_putc(e->out, json_is_true(j) ? 1 : 0);
		return 0;
	case AV_INT:
	case AV_LONG: {
		json_int_t v;

		if (json_is_real(j) && json_real_value(j) ==
					       (double)(json_int_t)json_real_value(j) &&
		    fabs(json_real_value(j)) < 9007199254740992.0)
			v = (json_int_t)json_real_value(j);
		else if (json_is_integer(j))
			v = json_integer_value(j);
		else
			return expected(e, n->type == AV_INT ? "an int" : "a long", j);
		if (n->type == AV_INT && (v < INT32_MIN || v > INT32_MAX))
			return enc_fail(e, "%s is out of the range of an int%s",
					"the number", "");
		put_long(e->out, v);
		return 0;
	}
	case AV_FLOAT:
	case AV_DOUBLE:
		return encode_real(e, n, j);
	case AV_BYTES:
	case AV_FIXED:
		if (n->logical == LT_DECIMAL && json_is_number(j)) {
			char t[64];

			if (json_is_integer(j))
				snprintf(t, sizeof(t), "%" JSON_INTEGER_FORMAT,
					 json_integer_value(j));
			else
				snprintf(t, sizeof(t), "%.17g", json_real_value(j));
			return put_decimal_text(e, t, n->scale, n->precision,
						n->type == AV_FIXED ? n->size : 0);
		}
		if (!json_is_string(j))
			return expected(e, "a string", j);
		if (n->logical == LT_DECIMAL) {
			const char *s = json_string_value(j);
			size_t k;

			/* Avro's JSON form (bytes as code points) or a number */
			for (k = 0; s[k]; k++)
				if (!((s[k] >= '0' && s[k] <= '9') || s[k] == '.' ||
				      s[k] == '-' || s[k] == '+'))
					break;
			if (s[k] == '\0' && k > 0)
				return put_decimal_text(
					e, s, n->scale, n->precision,
					n->type == AV_FIXED ? n->size : 0);
		}
		return put_from_latin1(e, json_string_value(j),
				       json_string_length(j), n->size,
				       n->type == AV_FIXED);
	case AV_STRING:
		if (!json_is_string(j))
			return expected(e, "a string", j);
		put_long(e->out, (int64_t)json_string_length(j));
		ktk_buffer_put(e->out, json_string_value(j),
			       json_string_length(j));
		return 0;
	case AV_RECORD:
		return encode_record(e, n, j, depth);
	case AV_ENUM: {
		const char *s = json_string_value(j);

		if (s == NULL)
			return expected(e, "a string (an enum symbol)", j);
		for (i = 0; i < n->nsymbols; i++)
			if (n->symbol_len[i] == strlen(s) + 2 &&
			    memcmp(n->symbols[i] + 1, s, strlen(s)) == 0) {
				put_long(e->out, (int64_t)i);
				return 0;
			}
		return enc_fail(e, "'%s' is not a symbol of enum %s", s, n->name);
	}
	case AV_ARRAY:
	case AV_MAP: {
		int map = n->type == AV_MAP;
		size_t size = map ? json_object_size(j) : json_array_size(j);
		const char *k;
		json_t *v;

		if (!(map ? json_is_object(j) : json_is_array(j)))
			return expected(e, map ? "an object (a map)" : "an array",
					j);
		if (size > 0)
			put_long(e->out, (int64_t)size);
		if (map) {
			json_object_foreach((json_t *)j, k, v) {
				put_long(e->out, (int64_t)strlen(k));
				ktk_buffer_puts(e->out, k);
				if (encode_member(e, n->items, v, depth, k, 0))
					return -1;
			}
		} else {
			json_array_foreach((json_t *)j, i, v)
				if (encode_member(e, n->items, v, depth, NULL,
						  i))
					return -1;
		}
		put_long(e->out, 0);
		return 0;
	}
	case AV_UNION:
		return encode_union(e, n, j, depth);
	}
	return enc_fail(e, "a type this encoder does not know%s%s", "", "");
}

int ktk_avro_encode(const struct ktk_avro_schema *s, const void *datum,
		    struct ktk_buffer *out, struct ktk_err *err)
{
	struct enc e;
	size_t len0 = out->len;

	if (datum == NULL)
		return ktk_err_set(err, KTK_EXIT_DATAERR, "no JSON value");
	memset(&e, 0, sizeof(e));
	e.out = out;
	e.err = err;
	if (encode(&e, s->root, datum, 0) == -1) {
		out->len = len0;
		return -1;
	}
	if (out->oom) {
		out->len = len0;
		return ktk_err_set(err, KTK_EXIT_SOFTWARE, "out of memory");
	}
	return 0;
}

/* ---- the fast path: JSON text to binary ------------------------------ */

struct fast {
	const char *p, *end;
	struct ktk_buffer *out;
};

#define NOPE 1 /* outside the fast path (or wrong): the caller falls back */

static void fast_ws(struct fast *f)
{
	while (f->p < f->end && (*f->p == ' ' || *f->p == '\t' ||
				 *f->p == '\n' || *f->p == '\r'))
		f->p++;
}

static int fast_lit(struct fast *f, const char *lit, size_t n)
{
	if ((size_t)(f->end - f->p) < n || memcmp(f->p, lit, n) != 0)
		return 0;
	f->p += n;
	return 1;
}

static int hexval(const char *h)
{
	int v = 0, i;

	for (i = 0; i < 4; i++) {
		int d = ktk_bytes_hex_digit(h[i]);

		if (d < 0)
			return -1;
		v = v * 16 + d;
	}
	return v;
}

/* a JSON string (at its opening quote) as UTF-8 into d (room for its
 * text length), its length into *n */
static int fast_string(struct fast *f, char *d, size_t *n)
{
	const char *p = f->p + 1;
	char *o = d;
	int e;

	for (;;) {
		const char *q = p;

		while (q < f->end && *q != '"' && *q != '\\' &&
		       (unsigned char)*q >= 0x20)
			q++;
		if (q >= f->end || (unsigned char)*q < 0x20)
			return NOPE;
		memcpy(o, p, (size_t)(q - p));
		o += q - p;
		p = q;
		if (*p == '"')
			break;
		/* an escape */
		if (f->end - p < 2)
			return NOPE;
		if ((e = ktk_bytes_json_unescape(p[1])) >= 0) {
			*o++ = (char)e;
		} else if (p[1] == 'u') {
			int c;

			if (f->end - p < 6 || (c = hexval(p + 2)) < 0 || c == 0 ||
			    (c >= 0xd800 && c <= 0xdfff))
				return NOPE; /* NUL and surrogates: jansson */
			if (c < 0x80) {
				*o++ = (char)c;
			} else if (c < 0x800) {
				*o++ = (char)(0xc0 | (c >> 6));
				*o++ = (char)(0x80 | (c & 0x3f));
			} else {
				*o++ = (char)(0xe0 | (c >> 12));
				*o++ = (char)(0x80 | ((c >> 6) & 0x3f));
				*o++ = (char)(0x80 | (c & 0x3f));
			}
			p += 4;
		} else {
			return NOPE;
		}
		p += 2;
	}
	f->p = p + 1;
	*n = (size_t)(o - d);
	if (!ktk_bytes_utf8_valid(d, *n))
		return NOPE;
	return 0;
}

/* a string's text, length-prefixed, appended */
static int fast_put_string(struct fast *f)
{
	const char *q;
	size_t room, n;
	char *d;

	/* the common case, plain ASCII up to the closing quote: its length is
	 * known before it is copied, and no UTF-8 check is needed */
	n = ktk_json_plain_run(f->p + 1, (size_t)(f->end - f->p - 1));
	if (f->p + 1 + n < f->end && f->p[1 + n] == '"') {
		put_long(f->out, (int64_t)n);
		ktk_buffer_put(f->out, f->p + 1, n);
		f->p += n + 2;
		return 0;
	}
	if ((q = memchr(f->p + 1, '"', (size_t)(f->end - f->p - 1))) == NULL)
		return NOPE;
	/* the text may run on past escaped quotes: room for all of the rest */
	room = (size_t)(f->end - f->p);
	if ((d = ktk_buffer_room(f->out, room + 10)) == NULL)
		return NOPE;
	if (fast_string(f, d + 10, &n) != 0)
		return NOPE;
	put_long(f->out, (int64_t)n);
	memmove(f->out->p + f->out->len, d + 10, n);
	f->out->len += n;
	return 0;
}

static int fast_value(struct fast *f, const struct av_node *n, int depth);

/* insert the block count @p count before the items written from @p start */
static int fast_blocks_end(struct fast *f, size_t start, size_t count)
{
	char h[10];
	size_t hl, items;
	struct ktk_buffer hb = {h, 0, sizeof(h), 0};

	if (count > 0) {
		put_long(&hb, (int64_t)count);
		hl = hb.len;
		items = f->out->len - start;
		if (ktk_buffer_room(f->out, hl + 1) == NULL)
			return NOPE;
		memmove(f->out->p + start + hl, f->out->p + start, items);
		memcpy(f->out->p + start, h, hl);
		f->out->len += hl;
	}
	ktk_buffer_putc(f->out, 0);
	return 0;
}

/* The @open character of an object or array: -1 if it is not there, 1 if
 * @close follows at once (the empty one, both taken), else 0 (open taken). */
static int fast_open(struct fast *f, char open, char close)
{
	if (f->p >= f->end || *f->p != open)
		return -1;
	f->p++;
	fast_ws(f);
	if (f->p < f->end && *f->p == close) {
		f->p++;
		return 1;
	}
	return 0;
}

/* The ':' between a key and its value, with the blanks around it: 0, or
 * NOPE if it is missing. */
static int fast_colon(struct fast *f)
{
	fast_ws(f);
	if (f->p >= f->end || *f->p++ != ':')
		return NOPE;
	fast_ws(f);
	return 0;
}

/* After a member: 1 for ',' (another follows), 0 for @close (the end, taken),
 * -1 for anything else. */
static int fast_next(struct fast *f, char close)
{
	fast_ws(f);
	if (f->p < f->end && *f->p == ',') {
		f->p++;
		return 1;
	}
	if (f->p < f->end && *f->p == close) {
		f->p++;
		return 0;
	}
	return -1;
}

static int fast_container(struct fast *f, const struct av_node *n, int depth)
{
	int map = n->type == AV_MAP, r;
	char close = map ? '}' : ']';
	size_t start = f->out->len, count = 0;

	r = fast_open(f, map ? '{' : '[', close);
	if (r != 0)
		return r < 0 ? NOPE : fast_blocks_end(f, start, 0);
	do {
		fast_ws(f);
		if (map) {
			if (f->p >= f->end || *f->p != '"' || fast_put_string(f))
				return NOPE;
			if (fast_colon(f))
				return NOPE;
		}
		if (fast_value(f, n->items, depth + 1))
			return NOPE;
		count++;
	} while ((r = fast_next(f, close)) > 0);
	return r < 0 ? NOPE : fast_blocks_end(f, start, count);
}

static int fast_record(struct fast *f, const struct av_node *n, int depth)
{
	size_t i = 0;
	int r;

	r = fast_open(f, '{', '}');
	if (r != 0)
		return r < 0 || n->nfields != 0 ? NOPE : 0;
	do {
		const struct av_field *fd;
		size_t kl;

		if (i >= n->nfields)
			return NOPE;
		fd = &n->fields[i];
		/* the key must be the next field, written plainly */
		fast_ws(f);
		kl = fd->key_len - 1; /* "name" without the ':' */
		if ((size_t)(f->end - f->p) < kl || memcmp(f->p, fd->key, kl) != 0)
			return NOPE;
		f->p += kl;
		if (fast_colon(f))
			return NOPE;
		if (fast_value(f, fd->type, depth + 1))
			return NOPE;
		i++;
	} while ((r = fast_next(f, '}')) > 0);
	return r < 0 || i != n->nfields ? NOPE : 0;
}

static int fast_number(struct fast *f, const struct av_node *n)
{
	const char *p = f->p;
	int neg = 0, real = 0;
	uint64_t u = 0;

	if (p < f->end && *p == '-') {
		neg = 1;
		p++;
	}
	if (p >= f->end || *p < '0' || *p > '9' || (*p == '0' && p + 1 < f->end &&
						     p[1] >= '0' && p[1] <= '9'))
		return NOPE;
	for (; p < f->end && *p >= '0' && *p <= '9'; p++) {
		if (u > (UINT64_MAX - 9) / 10)
			return NOPE;
		u = u * 10 + (uint64_t)(*p - '0');
	}
	if (p < f->end && (*p == '.' || *p == 'e' || *p == 'E'))
		real = 1;
	if (n->type == AV_INT || n->type == AV_LONG) {
		int64_t v;

		if (real || u > (uint64_t)INT64_MAX + neg)
			return NOPE;
		v = neg ? (int64_t)(0 - u) : (int64_t)u;
		if (n->type == AV_INT && (v < INT32_MIN || v > INT32_MAX))
			return NOPE;
		put_long(f->out, v);
		f->p = p;
		return 0;
	}
	if (n->type == AV_FLOAT || n->type == AV_DOUBLE) {
		static const double pow10[] = {1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6,
					       1e7, 1e8, 1e9, 1e10, 1e11, 1e12,
					       1e13, 1e14, 1e15};
		char t[64], *e;
		size_t len;
		double d;
		int k = 0;

		/* DIGITS[.DIGITS] with at most 15 digits, no exponent: the
		 * digits as an integer (exact below 2^53) over 10^k (exact),
		 * one division, rounded once as strtod rounds the decimal */
		if (!real || *p == '.') {
			const char *r = p;
			uint64_t m = u;

			if (real)
				for (r++; r < f->end && *r >= '0' && *r <= '9' &&
					  k < 16 && m < (1ULL << 53); r++, k++)
					m = m * 10 + (uint64_t)(*r - '0');
			if ((!real || k > 0) && k < 16 && m < (1ULL << 53) &&
			    (r >= f->end || (*r != 'e' && *r != 'E' &&
					     (*r < '0' || *r > '9')))) {
				d = (double)m / pow10[k];
				if (neg)
					d = -d;
				p = r;
				goto put;
			}
		}
		while (p < f->end && (*p == '.' || *p == 'e' || *p == 'E' ||
				      *p == '+' || *p == '-' ||
				      (*p >= '0' && *p <= '9')))
			p++;
		len = (size_t)(p - f->p);
		if (len >= sizeof(t))
			return NOPE;
		memcpy(t, f->p, len);
		t[len] = '\0';
		d = strtod(t, &e);
		if (e != t + len)
			return NOPE;
	put:
		if (n->type == AV_FLOAT) {
			float fl = (float)d;

			ktk_buffer_put(f->out, &fl, 4);
		} else {
			ktk_buffer_put(f->out, &d, 8);
		}
		f->p = p;
		return 0;
	}
	return NOPE;
}

static int fast_value(struct fast *f, const struct av_node *n, int depth)
{
	size_t i;

	if (depth > MAX_DEPTH || f->p >= f->end)
		return NOPE;
	switch (n->type) {
	case AV_NULL:
		return fast_lit(f, "null", 4) ? 0 : NOPE;
	case AV_BOOLEAN:
		if (fast_lit(f, "true", 4))
			ktk_buffer_putc(f->out, 1);
		else if (fast_lit(f, "false", 5))
			ktk_buffer_putc(f->out, 0);
		else
			return NOPE;
		return 0;
	case AV_INT:
	case AV_LONG:
	case AV_FLOAT:
	case AV_DOUBLE:
		return fast_number(f, n);
	case AV_STRING:
		return *f->p == '"' ? fast_put_string(f) : NOPE;
	case AV_ENUM: {
		const char *q = memchr(f->p + 1, '"', (size_t)(f->end - f->p - 1));

		if (*f->p != '"' || q == NULL)
			return NOPE;
		for (i = 0; i < n->nsymbols; i++)
			if (n->symbol_len[i] == (size_t)(q - f->p + 1) &&
			    memcmp(n->symbols[i], f->p, n->symbol_len[i]) == 0) {
				put_long(f->out, (int64_t)i);
				f->p = q + 1;
				return 0;
			}
		return NOPE;
	}
	case AV_RECORD:
		return fast_record(f, n, depth);
	case AV_ARRAY:
	case AV_MAP:
		return fast_container(f, n, depth);
	case AV_UNION: {
		size_t nonnull = n->nbranches, null_at = n->nbranches;

		for (i = 0; i < n->nbranches; i++) {
			if (n->branches[i]->type == AV_NULL)
				null_at = i;
			else if (nonnull == n->nbranches)
				nonnull = i;
			else
				return NOPE; /* two typed branches: jansson */
		}
		if (fast_lit(f, "null", 4)) {
			if (null_at == n->nbranches)
				return NOPE;
			put_long(f->out, (int64_t)null_at);
			return 0;
		}
		/* an object may be Avro's {"TYPE": value}: jansson decides */
		if (nonnull == n->nbranches || *f->p == '{')
			return NOPE;
		put_long(f->out, (int64_t)nonnull);
		return fast_value(f, n->branches[nonnull], depth + 1);
	}
	default: /* bytes, fixed (code points), decimals */
		return NOPE;
	}
}

int ktk_avro_encode_text(const struct ktk_avro_schema *s, const char *text,
			 size_t len, struct ktk_buffer *out)
{
	struct fast f = {text, text + len, out};
	size_t len0 = out->len;

	if (s->root->logical == LT_DECIMAL)
		return NOPE;
	fast_ws(&f);
	if (fast_value(&f, s->root, 0) == 0) {
		fast_ws(&f);
		if (f.p == f.end && !out->oom)
			return 0;
	}
	out->len = len0;
	return NOPE;
}

/* ---- schema evolution: a writer's datum in the reader's shape -------- */

static json_t *project(struct enc *e, const struct av_node *n, json_t *j,
		       int depth);

static json_t *project_record(struct enc *e, const struct av_node *n, json_t *j,
			      int depth)
{
	json_t *o;
	size_t i, old;

	if (!json_is_object(j)) {
		expected(e, "an object", j);
		return NULL;
	}
	if ((o = json_object()) == NULL)
		return NULL;
	for (i = 0; i < n->nfields; i++) {
		const struct av_field *f = &n->fields[i];
		json_t *v = json_object_get(j, f->name), *p;

		old = ktk_json_path_push(&e->path, f->name, 0);
		if (v == NULL && f->def == NULL) {
			enc_fail(e, "not in the writer's record, and the reader's "
				    "schema has no default%s%s", "", "");
			ktk_json_path_pop(&e->path, old);
			json_decref(o);
			return NULL;
		}
		/* a default is already the reader's (for a union: its first
		 * branch's) value */
		p = v ? project(e, f->type, v, depth + 1) : json_deep_copy(f->def);
		ktk_json_path_pop(&e->path, old);
		if (p == NULL || json_object_set_new(o, f->name, p) == -1) {
			json_decref(o);
			return NULL;
		}
	}
	return o;
}

/* Project @v, the member of container @o named @k (a map) or at @i (an
 * array), and put it in @o: 0, or -1 with @o released */
static int project_into(struct enc *e, json_t *o, const struct av_node *items,
			json_t *v, int depth, const char *k, size_t i)
{
	size_t old = k ? ktk_json_path_push(&e->path, k, 0)
		       : ktk_json_path_push(&e->path, NULL, i);
	json_t *p = project(e, items, v, depth + 1);

	ktk_json_path_pop(&e->path, old);
	if (p == NULL || (k ? json_object_set_new(o, k, p)
			    : json_array_append_new(o, p)) == -1) {
		json_decref(o);
		return -1;
	}
	return 0;
}

static json_t *project(struct enc *e, const struct av_node *n, json_t *j,
		       int depth)
{
	size_t i;
	json_t *o, *v;
	const char *k;

	if (depth > MAX_DEPTH) {
		enc_fail(e, "nested too deep%s%s", "", "");
		return NULL;
	}
	switch (n->type) {
	case AV_RECORD:
		return project_record(e, n, j, depth);
	case AV_UNION: {
		int quiet = e->quiet;

		e->quiet = 1;
		for (i = 0; i < n->nbranches; i++) {
			json_t *p = project(e, n->branches[i], j, depth + 1);

			if (p != NULL) {
				e->quiet = quiet;
				return p;
			}
		}
		e->quiet = quiet;
		enc_fail(e, "%s fits no branch of the reader's union%s",
			 ktk_json_path_kind(j, 1), "");
		return NULL;
	}
	case AV_ARRAY:
	case AV_MAP: {
		int map = n->type == AV_MAP;

		if (!(map ? json_is_object(j) : json_is_array(j)) ||
		    (o = map ? json_object() : json_array()) == NULL) {
			expected(e, map ? "an object (a map)" : "an array", j);
			return NULL;
		}
		if (map) {
			json_object_foreach(j, k, v)
				if (project_into(e, o, n->items, v, depth, k, 0))
					return NULL;
		} else {
			json_array_foreach(j, i, v)
				if (project_into(e, o, n->items, v, depth, NULL,
						 i))
					return NULL;
		}
		return o;
	}
	default: {
		/* a leaf: the reader's type must hold it (a trial encode) */
		e->out->len = 0;
		return encode(e, n, j, depth) == 0 ? json_incref(j) : NULL;
	}
	}
}

void *ktk_avro_project(const struct ktk_avro_schema *reader, const void *datum,
		       struct ktk_err *err)
{
	struct ktk_buffer scratch;
	struct enc e;
	json_t *o;

	memset(&e, 0, sizeof(e));
	ktk_buffer_init(&scratch, 256);
	e.out = &scratch;
	e.err = err;
	o = project(&e, reader->root, (json_t *)datum, 0);
	ktk_buffer_free(&scratch);
	if (o == NULL && err->msg[0] == '\0')
		ktk_err_set(err, KTK_EXIT_SOFTWARE, "out of memory");
	return o;
}
