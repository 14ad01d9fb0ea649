/* SPDX-License-Identifier: Apache-2.0 */
/* serializer.h -- ktk-producer's schema step: each record's key and/or
 * value, a JSON document (a plain line, or the "key"/"value" field of
 * ktk's JSON lines), checked against its schema and written in the
 * Confluent wire format (magic 0, schema id, then the Avro binary datum or
 * the compact JSON text). A JSON null stays a null (a tombstone), unframed.
 *
 * The schema of each side, picked once before the first record:
 *   id N       schema N of the registry
 *   latest     the latest version under the side's subject
 *   FILE       the schema in FILE (.avsc: Avro; .json: JSON Schema when it
 *              has "$schema" or "properties" or "type":"object", Avro
 *              otherwise), looked up under the subject, registered there
 *              when it is not
 * Subjects (Confluent's subject name strategies): topic (TOPIC-key,
 * TOPIC-value; the default), record (the record's full name: an Avro
 * record's namespace.Name, a JSON Schema's "title"), topic-record
 * (TOPIC-NAME).
 */
#ifndef KTK_REGISTRY_SERIALIZER_H
#define KTK_REGISTRY_SERIALIZER_H

#include <stdint.h>

#include "lib/base/err.h"
#include "lib/input/input.h"
#include "lib/registry/registry.h"

struct ktk_serializer_opts {
	const char *topic;
	const char *strategy; /* topic (NULL), record, topic-record */
	/* per side, [0] key, [1] value: an id (>= 0) or a spec */
	int64_t id[2];        /* -1: none */
	const char *schema[2]; /* "latest", a FILE, or NULL */
};

struct ktk_serializer;

/** @brief Whether @p o asks for a schema on either side. */
int ktk_serializer_wanted(const struct ktk_serializer_opts *o);

/** @brief Resolve the schemas of @p o through @p reg (fetching,
 *  looking up or registering them now).
 *  @returns the serializer, or NULL with @p err set (the registry's
 *  statuses, KTK_EXIT_NOINPUT for an unreadable FILE, KTK_EXIT_USAGE). */
struct ktk_serializer *ktk_serializer_new(struct ktk_registry *reg,
					  const struct ktk_serializer_opts *o,
					  struct ktk_err *err);

/** @brief Make @p in encode every record it returns: the transform step,
 *  and with JSON lines, the key/value fields kept as JSON values. */
void ktk_serializer_attach(struct ktk_serializer *s, struct ktk_input *in);

/** @brief The schema id of side @p value (0 key, 1 value), -1 none. */
int64_t ktk_serializer_id(const struct ktk_serializer *s, int value);

/** @brief Free @p s (NULL is fine). */
void ktk_serializer_free(struct ktk_serializer *s);

/** @brief All of ktk-producer's schema set-up in one call: take the
 *  registry properties out of @p client (always: they are not
 *  librdkafka's), and when @p o asks for a schema, connect to the registry
 *  (@p url, or schema.registry.url), resolve the schemas for topic
 *  @p o->topic and attach the serializer to @p in.
 *  @returns the serializer (close it with ktk_serializer_close()), or
 *  NULL: with err->code 0 when no schema was asked for, else set. */
struct ktk_serializer *ktk_serializer_open(struct ktk_conf *client,
					   const char *url,
					   const struct ktk_serializer_opts *o,
					   struct ktk_input *in,
					   struct ktk_err *err);

/** @brief Free @p s and the registry client it opened (NULL is fine). */
void ktk_serializer_close(struct ktk_serializer *s);

#endif
