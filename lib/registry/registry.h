/* SPDX-License-Identifier: Apache-2.0 */
/* registry.h -- a Confluent Schema Registry client (libcurl, jansson), and
 * the folder's two hooks: a consumer formatter that decodes
 * schema-registry records into JSON (deserializer.h) and a producer input
 * step that encodes JSON into them (serializer.h). The codecs are
 * lib/serdes/.
 *
 * REST calls (Confluent's API; Apicurio's /apis/ccompat/v7 is the same):
 *   GET  /schemas/ids/ID                  {"schema":TEXT,"schemaType":T}
 *   GET  /subjects/S/versions/latest      {"id":N,"schema":TEXT,...}
 *   POST /subjects/S/versions  {"schema":TEXT,"schemaType":T} -> {"id":N}
 *   POST /subjects/S           the same body, a lookup -> {"id":N,...}
 * sent with Accept and Content-Type application/vnd.schemaregistry.v1+json.
 * schemaType is AVRO when absent. An Avro schema's "references" (named
 * types defined in other subjects) are fetched from
 * /subjects/S/versions/V, theirs too, and parsed first. Schemas are fetched once per id and kept
 * (a failure too, so a topic full of one unknown id asks once), over one
 * libcurl handle, so one kept-alive connection. Several URLs: the first
 * that answers is used until it stops answering; one whose certificate
 * did not verify is not asked again (its error is given at once). Basic auth from
 * basic.auth.user.info (USER:PASSWORD) or from the URL's user info; a URL
 * is shown without its user info, and credentials are never in a message.
 *
 * Configuration, Confluent's client property names, from -X, properties
 * and ktk config files (taken out of the librdkafka set by
 * ktk_registry_conf_take()):
 *   schema.registry.url                   URL[,URL...] (-r)
 *   basic.auth.credentials.source         USER_INFO (the default) or URL
 *   basic.auth.user.info                  USER:PASSWORD (also
 *                                         schema.registry.basic.auth.user.info)
 *   schema.registry.ssl.ca.location       a PEM CA file for https
 *   schema.registry.ssl.certificate.location, schema.registry.ssl.key.location
 *                                         a client certificate and key (PEM)
 *   schema.registry.request.timeout.ms    per request (default 30000)
 */
#ifndef KTK_REGISTRY_REGISTRY_H
#define KTK_REGISTRY_REGISTRY_H

#include <stdint.h>

#include "lib/base/err.h"
#include "lib/config/conf.h"
#include "lib/serdes/serdes.h"

enum ktk_schema_type {
	KTK_SCHEMA_AVRO = 0,
	KTK_SCHEMA_JSON = 1,
	KTK_SCHEMA_PROTOBUF = 2,
};

/** @brief One schema of the registry, parsed. */
struct ktk_schema {
	int32_t id;
	enum ktk_schema_type type;
	char *text;
	struct ktk_avro_schema *avro; /* type AVRO */
	struct ktk_json_schema *json; /* type JSON */
	const char *name; /* the record name (Avro full name, JSON title) or NULL */
};

struct ktk_registry_opts {
	char *urls;        /* comma-separated */
	char *user_info;   /* USER:PASSWORD, or NULL */
	int auth_from_url; /* basic.auth.credentials.source=URL */
	char *ca_location, *cert_location, *key_location;
	long timeout_ms;
};

struct ktk_registry;

/** @brief Move the registry properties out of @p conf (the client's set,
 *  so librdkafka never sees them) into @p o; a -r URL given as @p url
 *  (may be NULL) wins over schema.registry.url.
 *  @returns 0, or -1 with @p err set (KTK_EXIT_CONFIG: a bad value). */
int ktk_registry_conf_take(struct ktk_conf *conf, const char *url,
			   struct ktk_registry_opts *o, struct ktk_err *err);

/** @brief Free what ktk_registry_conf_take() copied. */
void ktk_registry_opts_free(struct ktk_registry_opts *o);

/** @brief A client for @p o (nothing is sent yet).
 *  @returns NULL with @p err set (KTK_EXIT_CONFIG: no URL). */
struct ktk_registry *ktk_registry_new(const struct ktk_registry_opts *o,
				      struct ktk_err *err);

/** @brief Schema @p id, fetched once and kept.
 *  @returns it, or NULL with @p err set: KTK_EXIT_UNAVAILABLE (no URL
 *  answers), KTK_EXIT_FAIL (unknown id, refused credentials, a schema type
 *  ktk cannot handle), KTK_EXIT_DATAERR (the schema does not parse). */
const struct ktk_schema *ktk_registry_by_id(struct ktk_registry *r, int32_t id,
					    struct ktk_err *err);

/** @brief The id of the latest version under @p subject.
 *  @returns 0, or -1 with @p err set as ktk_registry_by_id(). */
int ktk_registry_latest(struct ktk_registry *r, const char *subject,
			int32_t *id, struct ktk_err *err);

/** @brief Register @p text (of @p type) under @p subject, or find it
 *  there (@p register_it 0: a lookup, which fails when it is not there).
 *  @returns 0 with its id, or -1 with @p err set. */
int ktk_registry_put(struct ktk_registry *r, const char *subject,
		     enum ktk_schema_type type, const char *text,
		     int register_it, int32_t *id, struct ktk_err *err);

/** @brief The text of schema file @p path (at most 4 MiB), malloc'd.
 *  @returns NULL with @p err set (KTK_EXIT_NOINPUT) when it cannot be read. */
char *ktk_registry_read_file(const char *path, struct ktk_err *err);

/** @brief Free @p r and its cache (NULL is fine). */
void ktk_registry_free(struct ktk_registry *r);

#endif
