/* SPDX-License-Identifier: Apache-2.0 */
/* java_client.h -- translate Java client properties into librdkafka's.
 *
 * Kafka's Java clients and librdkafka mostly share property names; where
 * they differ, a Java .properties file (client.properties, --command-config)
 * must still just work:
 *   sasl.jaas.config (PlainLoginModule, ScramLoginModule)
 *                              -> sasl.username, sasl.password
 *   ssl.truststore.location (type PEM)          -> ssl.ca.location
 *   ssl.truststore.certificates                 -> ssl.ca.pem
 *   ssl.keystore.location (type PKCS12)         -> ssl.keystore.location
 *   ssl.keystore.location (type PEM)            -> ssl.certificate.location
 *                                                  + ssl.key.location
 *   ssl.keystore.certificate.chain, ssl.keystore.key
 *                                -> ssl.certificate.pem, ssl.key.pem
 *   ssl.endpoint.identification.algorithm ""    -> "none"
 *   send.buffer.bytes, receive.buffer.bytes     -> socket.*.buffer.bytes
 *   fetch.max.wait.ms                           -> fetch.wait.max.ms
 *   max.request.size                            -> message.max.bytes
 *   metadata.broker.list (kcat's config files)  -> bootstrap.servers
 *   buffer.memory                               -> queue.buffering.max.kbytes
 * Java-only properties with no librdkafka meaning (serializers,
 * interceptors, JMX, DNS lookup policy, max.poll.records, login refresh
 * timing, ...) are dropped (named for -v). What librdkafka
 * cannot honour (JKS stores, Kerberos through JAAS) is an error that says
 * what to use instead.
 */
#ifndef KTK_CONFIG_JAVA_CLIENT_H
#define KTK_CONFIG_JAVA_CLIENT_H

#include "lib/config/conf.h"

/** @brief Rewrite @p conf in place. Translated properties keep the source
 *  of the property they came from. @p dropped, if not NULL, receives the
 *  keys that were dropped (for -v), as "key,key". @returns 0, or -1 with
 *  @p err set (KTK_EXIT_CONFIG). */
int ktk_java_client_translate(struct ktk_conf *conf, char *dropped,
			   size_t dropped_size, struct ktk_err *err);

/** @brief Parse a JAAS value: module name and username/password options.
 *  @returns 0, or -1 with @p err set. Output buffers are NUL-terminated. */
int ktk_java_client_jaas_parse(const char *jaas, char *module, size_t module_size,
		   char *user, size_t user_size, char *pass, size_t pass_size,
		   struct ktk_err *err);

#endif
