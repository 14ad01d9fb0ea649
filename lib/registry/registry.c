/* SPDX-License-Identifier: Apache-2.0 */
/* registry.c -- the schema registry client: libcurl for HTTP (one handle,
 * kept alive), jansson for the JSON bodies, a cache by schema id; see
 * registry.h for the calls and the configuration. */
#include "lib/registry/registry.h"

#include <curl/curl.h>
#include <errno.h>
#include <stdio.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "lib/base/buffer.h"
#include "lib/base/number.h"

#define MAX_BODY (16u << 20)
#define MAX_URLS 8
#define MAX_SCHEMA_FILE (4u << 20)

struct entry {
	int32_t id;
	struct ktk_schema *s; /* NULL: fetching failed with err */
	struct ktk_err err;
};

struct ktk_registry {
	CURL *curl;
	struct curl_slist *hdrs;
	char *urls[MAX_URLS];  /* as given, trailing '/' removed */
	char *shown[MAX_URLS]; /* without user info */
	int nurls, cur;
	/* a URL whose certificate did not verify: not asked again (the same
	 * answer each time), its error given at once */
	struct ktk_err tls_err[MAX_URLS];
	struct entry *cache;
	size_t n, cap;
	struct entry *last; /* the last hit */
	char *body;
	size_t body_len;
	int body_over;
};

static char *take(struct ktk_conf *conf, const char *key)
{
	const char *v = ktk_conf_get(conf, key);
	char *c = v ? strdup(v) : NULL;

	ktk_conf_unset(conf, key);
	return c;
}

/* The TLS files: each one's property, where the options keep its path and
 * the libcurl option it is handed to; one table to take, check, use and
 * free them. */
static const struct {
	const char *key;
	size_t at;
	CURLoption curl;
} tls_files[] = {
	{"schema.registry.ssl.ca.location",
	 offsetof(struct ktk_registry_opts, ca_location), CURLOPT_CAINFO},
	{"schema.registry.ssl.certificate.location",
	 offsetof(struct ktk_registry_opts, cert_location), CURLOPT_SSLCERT},
	{"schema.registry.ssl.key.location",
	 offsetof(struct ktk_registry_opts, key_location), CURLOPT_SSLKEY},
};
#define N_TLS_FILES (sizeof(tls_files) / sizeof(tls_files[0]))

/* where @p o keeps the path of TLS file @p i */
static char **tls_file(struct ktk_registry_opts *o, size_t i)
{
	return (char **)((char *)o + tls_files[i].at);
}

/* the path of TLS file @p i in @p o, or NULL */
static const char *tls_path(const struct ktk_registry_opts *o, size_t i)
{
	return *(char *const *)((const char *)o + tls_files[i].at);
}

/* a TLS file that cannot be read is named now, not at the first request
 * (where libcurl says only "error setting certificate file") */
static int readable(const char *key, const char *path, struct ktk_err *err)
{
	FILE *f;

	if (path == NULL)
		return 0;
	f = fopen(path, "r");
	if (f == NULL)
		return ktk_err_set(err, KTK_EXIT_NOINPUT, "%s '%.200s': %s", key,
				   path, strerror(errno));
	fclose(f);
	return 0;
}

int ktk_registry_conf_take(struct ktk_conf *conf, const char *url,
			   struct ktk_registry_opts *o, struct ktk_err *err)
{
	size_t i;
	char *src, *t, *alias;
	int64_t ms = 30000;
	const char *why;

	memset(o, 0, sizeof(*o));
	o->urls = take(conf, "schema.registry.url");
	if (url != NULL) {
		free(o->urls);
		o->urls = strdup(url);
	}
	o->user_info = take(conf, "basic.auth.user.info");
	alias = take(conf, "schema.registry.basic.auth.user.info");
	if (o->user_info == NULL)
		o->user_info = alias;
	else
		free(alias);
	src = take(conf, "basic.auth.credentials.source");
	alias = take(conf, "schema.registry.basic.auth.credentials.source");
	if (src == NULL)
		src = alias;
	else
		free(alias);
	for (i = 0; i < N_TLS_FILES; i++)
		*tls_file(o, i) = take(conf, tls_files[i].key);
	t = take(conf, "schema.registry.request.timeout.ms");
	if (t && ktk_number_parse_i64(t, 1, 3600000, &ms, &why) == -1) {
		ktk_err_set(err, KTK_EXIT_CONFIG,
			    "schema.registry.request.timeout.ms '%s': %s", t, why);
		free(t);
		free(src);
		return -1;
	}
	free(t);
	o->timeout_ms = (long)ms;
	if (src != NULL) {
		if (strcmp(src, "URL") == 0) {
			o->auth_from_url = 1;
		} else if (strcmp(src, "USER_INFO") != 0) {
			ktk_err_set(err, KTK_EXIT_CONFIG,
				    "basic.auth.credentials.source '%s': ktk "
				    "knows USER_INFO and URL", src);
			free(src);
			return -1;
		}
		free(src);
	}
	if (o->user_info && strchr(o->user_info, ':') == NULL)
		return ktk_err_set(err, KTK_EXIT_CONFIG,
				   "basic.auth.user.info: expected USER:PASSWORD");
	for (i = 0; i < N_TLS_FILES; i++)
		if (readable(tls_files[i].key, tls_path(o, i), err))
			return -1;
	return 0;
}

void ktk_registry_opts_free(struct ktk_registry_opts *o)
{
	size_t i;

	free(o->urls);
	free(o->user_info);
	for (i = 0; i < N_TLS_FILES; i++)
		free(*tls_file(o, i));
	memset(o, 0, sizeof(*o));
}

/* "scheme://user:pass@host/..." -> "scheme://host/..." */
static char *without_userinfo(const char *url)
{
	const char *s = strstr(url, "://"), *at, *slash;
	char *c;

	if (s == NULL)
		return strdup(url);
	s += 3;
	slash = strchr(s, '/');
	at = strchr(s, '@');
	if (at == NULL || (slash && at > slash))
		return strdup(url);
	c = malloc(strlen(url) + 1);
	if (c == NULL)
		return NULL;
	memcpy(c, url, (size_t)(s - url));
	strcpy(c + (s - url), at + 1);
	return c;
}

static size_t on_body(char *p, size_t size, size_t n, void *vr)
{
	struct ktk_registry *r = vr;
	size_t len = size * n;
	char *b;

	if (r->body_len + len > MAX_BODY) {
		r->body_over = 1;
		return 0;
	}
	b = realloc(r->body, r->body_len + len + 1);
	if (b == NULL)
		return 0;
	memcpy(b + r->body_len, p, len);
	r->body = b;
	r->body_len += len;
	b[r->body_len] = '\0';
	return len;
}

struct ktk_registry *ktk_registry_new(const struct ktk_registry_opts *o,
				      struct ktk_err *err)
{
	static int global;
	struct ktk_registry *r;
	char *list, *tok, *save = NULL;
	size_t i;

	if (o->urls == NULL || *o->urls == '\0') {
		ktk_err_set(err, KTK_EXIT_CONFIG,
			    "no schema registry: give -r URL or "
			    "schema.registry.url");
		return NULL;
	}
	if (!global) {
		curl_global_init(CURL_GLOBAL_DEFAULT);
		global = 1;
	}
	r = calloc(1, sizeof(*r));
	list = strdup(o->urls);
	if (r == NULL || list == NULL || (r->curl = curl_easy_init()) == NULL) {
		free(r);
		free(list);
		ktk_err_set(err, KTK_EXIT_SOFTWARE, "out of memory");
		return NULL;
	}
	for (tok = strtok_r(list, ", ", &save); tok && r->nurls < MAX_URLS;
	     tok = strtok_r(NULL, ", ", &save)) {
		size_t n = strlen(tok);

		while (n > 0 && tok[n - 1] == '/')
			tok[--n] = '\0';
		if (strncmp(tok, "http://", 7) != 0 &&
		    strncmp(tok, "https://", 8) != 0) {
			char *shown = without_userinfo(tok);

			/* shown without user info: no credentials in messages */
			ktk_err_set(err, KTK_EXIT_CONFIG,
				    "schema registry URL '%.100s': expected "
				    "http://HOST:PORT[/PATH] or https://...",
				    shown ? shown : "?");
			free(shown);
			free(list);
			ktk_registry_free(r);
			return NULL;
		}
		r->urls[r->nurls] = strdup(tok);
		r->shown[r->nurls] = without_userinfo(tok);
		r->nurls++;
	}
	free(list);
	r->hdrs = curl_slist_append(NULL, "Accept: application/vnd.schemaregistry.v1+json, application/vnd.schemaregistry+json, application/json");
	r->hdrs = curl_slist_append(r->hdrs, "Content-Type: application/vnd.schemaregistry.v1+json");
	curl_easy_setopt(r->curl, CURLOPT_HTTPHEADER, r->hdrs);
	curl_easy_setopt(r->curl, CURLOPT_WRITEFUNCTION, on_body);
	curl_easy_setopt(r->curl, CURLOPT_WRITEDATA, r);
	curl_easy_setopt(r->curl, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(r->curl, CURLOPT_CONNECTTIMEOUT_MS,
			 o->timeout_ms < 5000 ? o->timeout_ms : 5000L);
	curl_easy_setopt(r->curl, CURLOPT_TIMEOUT_MS, o->timeout_ms);
	curl_easy_setopt(r->curl, CURLOPT_TCP_KEEPALIVE, 1L);
	curl_easy_setopt(r->curl, CURLOPT_USERAGENT, "ktk");
	if (o->user_info && !o->auth_from_url) {
		curl_easy_setopt(r->curl, CURLOPT_HTTPAUTH, (long)CURLAUTH_BASIC);
		curl_easy_setopt(r->curl, CURLOPT_USERPWD, o->user_info);
	}
	for (i = 0; i < N_TLS_FILES; i++)
		if (tls_path(o, i))
			curl_easy_setopt(r->curl, tls_files[i].curl,
					 tls_path(o, i));
	return r;
}

/* the handshake or the certificate check failed (the server answered):
 * NULL if not, else a hint for the message */
static const char *tls_failure(CURLcode rc)
{
	switch (rc) {
	case CURLE_PEER_FAILED_VERIFICATION:
	case CURLE_SSL_CACERT_BADFILE:
	case CURLE_SSL_ISSUER_ERROR:
		return " (check schema.registry.ssl.ca.location)";
	case CURLE_SSL_CERTPROBLEM:
		return " (check schema.registry.ssl.certificate.location and "
		       "key.location)";
	case CURLE_SSL_CONNECT_ERROR:
	case CURLE_SSL_CIPHER:
	case CURLE_SSL_INVALIDCERTSTATUS:
	case CURLE_SSL_PINNEDPUBKEYNOTMATCH:
		return "";
	default:
		return NULL;
	}
}

/* One request to every URL in turn from the current one, until one
 * answers. @returns the HTTP status (body in r->body), or -1 with @p err
 * set (KTK_EXIT_UNAVAILABLE). */
static long request(struct ktk_registry *r, const char *path, const char *post,
		    struct ktk_err *err)
{
	char errbuf[CURL_ERROR_SIZE];
	int tries;

	for (tries = 0; tries < r->nurls; tries++) {
		size_t n = strlen(r->urls[r->cur]) + strlen(path) + 1;
		char *url;
		CURLcode rc;
		long status = 0;
		const char *hint;

		if (r->tls_err[r->cur].code) {
			*err = r->tls_err[r->cur];
			if (r->nurls > 1)
				r->cur = (r->cur + 1) % r->nurls;
			continue;
		}
		if ((url = malloc(n)) == NULL)
			return ktk_err_set(err, KTK_EXIT_SOFTWARE, "out of memory");
		snprintf(url, n, "%s%s", r->urls[r->cur], path);
		free(r->body);
		r->body = NULL;
		r->body_len = 0;
		r->body_over = 0;
		errbuf[0] = '\0';
		curl_easy_setopt(r->curl, CURLOPT_URL, url);
		curl_easy_setopt(r->curl, CURLOPT_ERRORBUFFER, errbuf);
		if (post) {
			curl_easy_setopt(r->curl, CURLOPT_POSTFIELDS, post);
		} else {
			curl_easy_setopt(r->curl, CURLOPT_HTTPGET, 1L);
		}
		rc = curl_easy_perform(r->curl);
		free(url);
		if (rc == CURLE_OK) {
			curl_easy_getinfo(r->curl, CURLINFO_RESPONSE_CODE, &status);
			return status;
		}
		if (r->body_over)
			return ktk_err_set(err, KTK_EXIT_FAIL,
					   "schema registry %s: an answer larger "
					   "than 16 MiB",
					   r->shown[r->cur]);
		if ((hint = tls_failure(rc)) != NULL) {
			ktk_err_set(err, KTK_EXIT_UNAVAILABLE,
				    "schema registry %s: TLS: %s%s",
				    r->shown[r->cur],
				    errbuf[0] ? errbuf : curl_easy_strerror(rc),
				    hint);
			if (*hint) /* the certificate: it stays so */
				r->tls_err[r->cur] = *err;
		} else
			ktk_err_set(err, KTK_EXIT_UNAVAILABLE,
				    "schema registry %s unreachable: %s",
				    r->shown[r->cur],
				    errbuf[0] ? errbuf : curl_easy_strerror(rc));
		if (r->nurls > 1)
			r->cur = (r->cur + 1) % r->nurls;
	}
	if (r->nurls > 1)
		ktk_err_prefix(err, "no schema registry URL answers: ");
	return -1;
}

/* the error of a non-2xx answer, from Confluent's {"error_code","message"} */
static int http_error(struct ktk_registry *r, long status, const char *what,
		      struct ktk_err *err)
{
	json_t *doc = r->body ? json_loadb(r->body, r->body_len, 0, NULL) : NULL;
	const char *msg = json_string_value(json_object_get(doc, "message"));
	json_int_t code = json_integer_value(json_object_get(doc, "error_code"));

	if (status == 401 || status == 403)
		ktk_err_set(err, KTK_EXIT_FAIL,
			    "schema registry %s: %ld %s: %s (check "
			    "basic.auth.user.info)",
			    r->shown[r->cur], status,
			    status == 401 ? "Unauthorized" : "Forbidden", what);
	else if (msg)
		ktk_err_set(err, status == 422 ? KTK_EXIT_DATAERR : KTK_EXIT_FAIL,
			    "schema registry: %s: %.300s (HTTP %ld, error %lld)",
			    what, msg, status, (long long)code);
	else
		ktk_err_set(err, KTK_EXIT_FAIL,
			    "schema registry %s: %s: HTTP %ld", r->shown[r->cur],
			    what, status);
	json_decref(doc);
	return -1;
}

static json_t *get_json(struct ktk_registry *r, const char *path,
			const char *post, const char *what, struct ktk_err *err)
{
	long status = request(r, path, post, err);
	json_t *doc;

	if (status == -1)
		return NULL;
	if (status < 200 || status > 299) {
		http_error(r, status, what, err);
		return NULL;
	}
	doc = r->body ? json_loadb(r->body, r->body_len, 0, NULL) : NULL;
	if (!json_is_object(doc)) {
		json_decref(doc);
		ktk_err_set(err, KTK_EXIT_FAIL,
			    "schema registry %s: %s: the answer is not a JSON "
			    "object", r->shown[r->cur], what);
		return NULL;
	}
	return doc;
}

static void schema_free(struct ktk_schema *s)
{
	if (s == NULL)
		return;
	ktk_avro_schema_free(s->avro);
	ktk_json_schema_free(s->json);
	free(s->text);
	free(s);
}

static int type_of(const char *t, enum ktk_schema_type *type)
{
	if (t == NULL || strcmp(t, "AVRO") == 0)
		*type = KTK_SCHEMA_AVRO;
	else if (strcmp(t, "JSON") == 0)
		*type = KTK_SCHEMA_JSON;
	else if (strcmp(t, "PROTOBUF") == 0)
		*type = KTK_SCHEMA_PROTOBUF;
	else
		return -1;
	return 0;
}

#define MAX_REFS 64

static char *subject_path(struct ktk_registry *r, const char *subject,
			  const char *suffix);

struct refs { /* one more slot: the schema itself, last */
	char *text[MAX_REFS + 1];
	size_t len[MAX_REFS + 1];
	char *key[MAX_REFS]; /* "subject/version", fetched already */
	size_t n;
};

/* The schemas @p list refers to, and theirs, dependencies first. */
static int collect_refs(struct ktk_registry *r, json_t *list, struct refs *rs,
			int depth, struct ktk_err *err)
{
	json_t *ref;
	size_t i, k;

	if (depth > 10)
		return ktk_err_set(err, KTK_EXIT_FAIL, "schema references nested "
				   "more than 10 deep");
	json_array_foreach(list, i, ref) {
		const char *subject = json_string_value(json_object_get(ref, "subject"));
		json_int_t version = json_integer_value(json_object_get(ref, "version"));
		char key[600], v[32], what[600], *path;
		const char *text;
		json_t *doc;

		if (subject == NULL)
			return ktk_err_set(err, KTK_EXIT_FAIL, "a schema reference "
					   "without a subject");
		snprintf(key, sizeof(key), "%s/%lld", subject, (long long)version);
		for (k = 0; k < rs->n; k++)
			if (strcmp(rs->key[k], key) == 0)
				break;
		if (k < rs->n)
			continue;
		if (rs->n == MAX_REFS)
			return ktk_err_set(err, KTK_EXIT_FAIL, "more than %d schema "
					   "references", MAX_REFS);
		snprintf(v, sizeof(v), "/versions/%lld", (long long)version);
		snprintf(what, sizeof(what), "reference %s version %lld", subject,
			 (long long)version);
		if ((path = subject_path(r, subject, v)) == NULL)
			return ktk_err_set(err, KTK_EXIT_SOFTWARE, "out of memory");
		doc = get_json(r, path, NULL, what, err);
		free(path);
		if (doc == NULL)
			return -1;
		if (collect_refs(r, json_object_get(doc, "references"), rs,
				 depth + 1, err) == -1) {
			json_decref(doc);
			return -1;
		}
		text = json_string_value(json_object_get(doc, "schema"));
		if (text == NULL) {
			json_decref(doc);
			return ktk_err_set(err, KTK_EXIT_FAIL, "schema registry: "
					   "%s: no \"schema\" in the answer", what);
		}
		rs->text[rs->n] = strdup(text);
		rs->len[rs->n] = strlen(text);
		rs->key[rs->n] = strdup(key);
		rs->n++;
		json_decref(doc);
	}
	return 0;
}

static void refs_free(struct refs *rs)
{
	size_t i;

	for (i = 0; i < rs->n; i++) {
		free(rs->text[i]);
		free(rs->key[i]);
	}
	rs->n = 0;
}

static struct ktk_schema *fetch(struct ktk_registry *r, int32_t id,
				struct ktk_err *err)
{
	char path[64], what[64];
	json_t *doc, *refs;
	struct ktk_schema *s;
	const char *text;

	snprintf(path, sizeof(path), "/schemas/ids/%d", (int)id);
	snprintf(what, sizeof(what), "schema id %d", (int)id);
	if ((doc = get_json(r, path, NULL, what, err)) == NULL)
		return NULL;
	s = calloc(1, sizeof(*s));
	text = json_string_value(json_object_get(doc, "schema"));
	if (s == NULL || text == NULL || (s->text = strdup(text)) == NULL) {
		ktk_err_set(err, KTK_EXIT_FAIL, "schema registry: %s: no "
				"\"schema\" in the answer", what);
		goto fail;
	}
	s->id = id;
	if (type_of(json_string_value(json_object_get(doc, "schemaType")),
		    &s->type) == -1) {
		ktk_err_set(err, KTK_EXIT_FAIL, "%s: schema type %.40s is not "
				"supported", what,
			    json_string_value(json_object_get(doc, "schemaType")));
		goto fail;
	}
	refs = json_object_get(doc, "references");
	if (json_array_size(refs) > 0 && s->type != KTK_SCHEMA_AVRO) {
		ktk_err_set(err, KTK_EXIT_FAIL, "%s: references of JSON "
				"Schemas are not supported yet", what);
		goto fail;
	}
	switch (s->type) {
	case KTK_SCHEMA_AVRO: {
		struct refs rs;

		memset(&rs, 0, sizeof(rs));
		if (collect_refs(r, refs, &rs, 0, err) == -1) {
			refs_free(&rs);
			ktk_err_prefix(err, "%s: ", what);
			goto fail;
		}
		rs.text[rs.n] = s->text;
		rs.len[rs.n] = strlen(s->text);
		s->avro = ktk_avro_schema_parse_refs((const char *const *)rs.text,
						     rs.len, rs.n + 1, err);
		rs.text[rs.n] = NULL;
		refs_free(&rs);
		if (s->avro == NULL)
			goto bad;
		s->name = ktk_avro_schema_name(s->avro);
		break;
	}
	case KTK_SCHEMA_JSON:
		s->json = ktk_json_schema_parse(s->text, strlen(s->text), err);
		if (s->json == NULL)
			goto bad;
		s->name = ktk_json_schema_name(s->json);
		break;
	case KTK_SCHEMA_PROTOBUF:
		ktk_err_set(err, KTK_EXIT_FAIL, "%s: Protobuf is not supported "
				"yet", what);
		goto fail;
	}
	json_decref(doc);
	return s;
bad:
	ktk_err_prefix(err, "%s: ", what);
fail:
	json_decref(doc);
	schema_free(s);
	return NULL;
}

const struct ktk_schema *ktk_registry_by_id(struct ktk_registry *r, int32_t id,
					    struct ktk_err *err)
{
	struct entry *e;
	size_t i;

	if (r->last && r->last->id == id)
		e = r->last;
	else {
		e = NULL;
		for (i = 0; i < r->n; i++)
			if (r->cache[i].id == id) {
				e = &r->cache[i];
				break;
			}
	}
	if (e == NULL) {
		struct ktk_err ferr = {0};
		struct ktk_schema *s = fetch(r, id, &ferr);

		/* an unreachable registry is asked again next time */
		if (s == NULL && ferr.code == KTK_EXIT_UNAVAILABLE) {
			*err = ferr;
			return NULL;
		}
		if (ktk_buffer_grow_array(&r->cache, r->n, &r->cap,
					  sizeof(*r->cache), 16) == -1) {
			schema_free(s);
			ktk_err_set(err, KTK_EXIT_SOFTWARE, "out of memory");
			return NULL;
		}
		e = &r->cache[r->n++];
		e->id = id;
		e->s = s;
		e->err = ferr;
	}
	r->last = e;
	if (e->s == NULL && err)
		*err = e->err;
	return e->s;
}

static char *subject_path(struct ktk_registry *r, const char *subject,
			  const char *suffix)
{
	char *esc = curl_easy_escape(r->curl, subject, 0), *p;
	size_t n;

	if (esc == NULL)
		return NULL;
	n = strlen(esc) + strlen(suffix) + 16;
	if ((p = malloc(n)) != NULL)
		snprintf(p, n, "/subjects/%s%s", esc, suffix);
	curl_free(esc);
	return p;
}

static int id_of(json_t *doc, int32_t *id, const char *what,
		 struct ktk_err *err)
{
	json_t *v = json_object_get(doc, "id");

	if (!json_is_integer(v) || json_integer_value(v) < 0 ||
	    json_integer_value(v) > INT32_MAX) {
		json_decref(doc);
		return ktk_err_set(err, KTK_EXIT_FAIL,
				   "schema registry: %s: no \"id\" in the answer",
				   what);
	}
	*id = (int32_t)json_integer_value(v);
	json_decref(doc);
	return 0;
}

int ktk_registry_latest(struct ktk_registry *r, const char *subject,
			int32_t *id, struct ktk_err *err)
{
	char *path = subject_path(r, subject, "/versions/latest"), what[300];
	json_t *doc;

	if (path == NULL)
		return ktk_err_set(err, KTK_EXIT_SOFTWARE, "out of memory");
	snprintf(what, sizeof(what), "subject %s, latest version", subject);
	doc = get_json(r, path, NULL, what, err);
	free(path);
	if (doc == NULL)
		return -1;
	return id_of(doc, id, what, err);
}

int ktk_registry_put(struct ktk_registry *r, const char *subject,
		     enum ktk_schema_type type, const char *text,
		     int register_it, int32_t *id, struct ktk_err *err)
{
	static const char *const names[] = {"AVRO", "JSON", "PROTOBUF"};
	char *path = subject_path(r, subject, register_it ? "/versions" : ""),
	     *body, what[300];
	json_t *req, *doc;

	if (path == NULL)
		return ktk_err_set(err, KTK_EXIT_SOFTWARE, "out of memory");
	req = json_pack("{s:s, s:s}", "schema", text, "schemaType", names[type]);
	body = req ? json_dumps(req, JSON_COMPACT) : NULL;
	json_decref(req);
	if (body == NULL) {
		free(path);
		return ktk_err_set(err, KTK_EXIT_SOFTWARE, "out of memory");
	}
	snprintf(what, sizeof(what), "%s the schema under subject %s",
		 register_it ? "registering" : "looking up", subject);
	doc = get_json(r, path, body, what, err);
	free(path);
	free(body);
	if (doc == NULL)
		return -1;
	return id_of(doc, id, what, err);
}

void ktk_registry_free(struct ktk_registry *r)
{
	size_t i;

	if (r == NULL)
		return;
	for (i = 0; i < r->n; i++)
		schema_free(r->cache[i].s);
	free(r->cache);
	for (i = 0; i < (size_t)r->nurls; i++) {
		free(r->urls[i]);
		free(r->shown[i]);
	}
	if (r->curl)
		curl_easy_cleanup(r->curl);
	curl_slist_free_all(r->hdrs);
	free(r->body);
	free(r);
}

char *ktk_registry_read_file(const char *path, struct ktk_err *err)
{
	FILE *f = fopen(path, "rb");
	char *b;
	size_t n;

	if (f == NULL) {
		ktk_err_set(err, KTK_EXIT_NOINPUT, "%s: %s", path, strerror(errno));
		return NULL;
	}
	b = malloc(MAX_SCHEMA_FILE + 1);
	if (b == NULL) {
		fclose(f);
		ktk_err_set(err, KTK_EXIT_SOFTWARE, "out of memory");
		return NULL;
	}
	n = fread(b, 1, MAX_SCHEMA_FILE + 1, f);
	if (ferror(f) || n > MAX_SCHEMA_FILE) {
		ktk_err_set(err, KTK_EXIT_NOINPUT, "%s: %s", path,
			    ferror(f) ? strerror(errno) : "larger than 4 MiB");
		fclose(f);
		free(b);
		return NULL;
	}
	fclose(f);
	b[n] = '\0';
	return b;
}
