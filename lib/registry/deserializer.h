/* SPDX-License-Identifier: Apache-2.0 */
/* deserializer.h -- ktk-consumer's schema step: a formatter that decodes
 * the key and/or value of each record (Confluent framing: magic 0, schema
 * id, datum) through the registry into JSON text on one line, then hands
 * the record to the chosen output:
 *
 *   -J (json)         the datum as the JSON value of "key"/"value", with
 *                     "key_schema_id"/"value_schema_id" beside it
 *                     (ktk_json_put_record_with(), lib/output/json.h)
 *   any other format  the record with the key/value bytes replaced by the
 *                     JSON text (%s, %k, Kafka's default output)
 *
 * Formats per side: avro, json-schema (the framed payload is JSON text,
 * parsed and written compact), auto (by the schema type the registry
 * reports; a value without the magic byte is printed as it is). A record
 * that does not decode (no magic byte under avro or json-schema, an
 * unknown id, a registry that does not answer, bytes that do not fit the
 * schema) is reported through on_error with its topic, partition, offset
 * and the reason, counted, and printed raw (with "value_error" in -J);
 * with stop_on_error the consumer is stopped there. With a reader schema
 * (schema evolution) an Avro datum is reshaped to it after decoding.
 */
#ifndef KTK_REGISTRY_DESERIALIZER_H
#define KTK_REGISTRY_DESERIALIZER_H

#include <signal.h>
#include <stdint.h>

#include "lib/base/buffer.h"
#include "lib/base/err.h"
#include "lib/base/record_view.h"
#include "lib/registry/registry.h"
#include "lib/serdes/avro.h"

enum ktk_deserializer_format {
	KTK_DESER_NONE = 0,
	KTK_DESER_AVRO,
	KTK_DESER_JSON,
	KTK_DESER_AUTO,
};

struct ktk_deserializer {
	struct ktk_registry *reg;
	enum ktk_deserializer_format fmt[2]; /* [0] key, [1] value */
	enum ktk_avro_mode mode;
	struct ktk_avro_schema *reader[2]; /* --reader-schema, or NULL */
	int json_out; /* -J */
	/* the output the records go to otherwise */
	ktk_record_write_fn *inner;
	void *inner_ctx;
	/* one line about a record that did not decode */
	void (*on_error)(void *ctx, const char *msg);
	void *on_error_ctx;
	int stop_on_error;
	volatile sig_atomic_t *stop;
	uint64_t errors;
	struct ktk_buffer side[2];
};

/** @brief Parse -s's "[key=|value=]FORMAT" into @p d->fmt (no side: the
 *  value; kcat's "avro" accepted). @returns 0, or -1 with @p err set
 *  (KTK_EXIT_USAGE). */
int ktk_deserializer_parse(struct ktk_deserializer *d, const char *arg,
			   struct ktk_err *err);

/** @brief --reader-schema's "[key=|value=]FILE": an Avro schema the
 *  decoded data is reshaped to (ktk_avro_project(), lib/serdes/avro.h).
 *  @returns 0, or -1 with @p err set. */
int ktk_deserializer_reader(struct ktk_deserializer *d, const char *arg,
			    struct ktk_err *err);

/** @brief The formatter (struct ktk_consume_opts' format): @p ctx is the
 *  struct ktk_deserializer. */
void ktk_deserializer_format(void *ctx, const struct ktk_record_view *r,
			     struct ktk_buffer *b);

/** @brief ktk-consumer's -s wiring: take the registry's properties out
 *  of @p client (never librdkafka's; @p url: -r) into @p ro and, when a
 *  side is to be decoded, open the registry, let librdkafka prefetch more
 *  (queued.min.messages, a setting wins) and put @p d in front of the
 *  output *@p write / *@p write_ctx (which then read headers: Confluent
 *  8's GUID header is looked for). @p json: -J.
 *  @returns 0, or -1 with @p err set. */
int ktk_deserializer_setup(struct ktk_deserializer *d, struct ktk_conf *client,
			   const char *url, struct ktk_registry_opts *ro,
			   int json, ktk_record_write_fn **write,
			   void **write_ctx, int *need_headers,
			   struct ktk_err *err);

/** @brief Free the buffers of @p d (not the registry). */
void ktk_deserializer_free(struct ktk_deserializer *d);

#endif
