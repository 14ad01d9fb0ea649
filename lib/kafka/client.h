/* SPDX-License-Identifier: Apache-2.0 */
/* client.h -- the librdkafka side of configuration, logging and errors.
 *
 * Turns a resolved struct ktk_conf into an rd_kafka_conf_t, bridges
 * librdkafka's log lines into ktk's stderr conventions at the chosen
 * verbosity, and maps librdkafka errors to ktk exit statuses. Secrets never
 * reach a message: values of secret properties are masked.
 */
#ifndef KTK_CLIENT_H
#define KTK_CLIENT_H

#include <stdint.h>
#include <stdio.h>

#include <librdkafka/rdkafka.h>

#include "lib/config/conf.h"
#include "lib/base/err.h"

/** @brief Build an rd_kafka_conf_t from @p conf, with ktk's log bridge at
 *  @p verbosity (0 quiet .. 3 everything). The caller owns the result.
 *  @returns NULL with @p err set (KTK_EXIT_CONFIG, naming the property and
 *  where it came from) when librdkafka refuses a property. */
rd_kafka_conf_t *ktk_client_conf(const struct ktk_conf *conf, int verbosity,
				 struct ktk_err *err);

/** @brief The maximum librdkafka log level shown at @p verbosity. The log
 *  bridge reads it through the handle's opaque, as the int it points to:
 *  a caller that sets an opaque of its own (rd_kafka_conf_set_opaque())
 *  must make it point to a struct whose first member is this int. */
int ktk_client_log_max(const struct ktk_conf *conf, int verbosity);

/** @brief Create a handle of @p type from @p rconf (consumed on success).
 *  @returns NULL with @p err set. */
rd_kafka_t *ktk_client_new(rd_kafka_type_t type, rd_kafka_conf_t *rconf,
			   struct ktk_err *err);

/* how long ktk_client_reachable() waits for a connection at most */
#define KTK_CLIENT_REACH_MS 2000

/** @brief Whether any bootstrap broker of @p conf (bootstrap.servers:
 *  "[proto://]host[:port]" separated by commas or spaces, port 9092 by
 *  default, "[v6]:port") accepts a TCP connection, trying every address
 *  of every broker at once for at most KTK_CLIENT_REACH_MS, or
 *  @p timeout_ms when that is shorter (0 or less: the user set none).
 *  Every binary calls this before it waits on the cluster, so that a
 *  cluster that is down is the same one line in each, at once.
 *  @returns 0 (also when no bootstrap.servers is set), or -1 with @p err
 *  set: KTK_EXIT_UNAVAILABLE, "cannot reach any broker at LIST (N/N
 *  brokers are down)". */
int ktk_client_reachable(const struct ktk_conf *conf, int64_t timeout_ms,
			 struct ktk_err *err);

/** @brief Whether the broker at @p host:@p port (an address the cluster's
 *  metadata gives) accepts a TCP connection within @p timeout_ms (at most
 *  KTK_CLIENT_REACH_MS): a broker that is down is noticed at once, before
 *  a request to it would wait out the whole timeout. @returns 1 or 0. */
int ktk_client_broker_reachable(const char *host, int port,
				int64_t timeout_ms);

/** @brief Set @p err to the one line every binary gives for a topic the
 *  cluster does not have: "topic 'T' does not exist (create it with
 *  ktk-topics --create)", KTK_EXIT_FAIL. @returns -1. */
int ktk_client_no_topic(struct ktk_err *err, const char *topic);

/** @brief The ktk exit status for a librdkafka error code. */
int ktk_client_exit_code(rd_kafka_resp_err_t e);

/** @brief Whether the error @p e librdkafka reported with @p reason (an
 *  error event's text) says the cluster refused these credentials or this
 *  principal: an authentication or authorization failure no retry mends.
 *  librdkafka also reports a connection that broke during the SASL
 *  handshake as an authentication error ("SASL PLAIN mechanism handshake
 *  failed: Local: Broker transport failure"); such a reason, a local
 *  transport failure, time-out or shutdown, is not a refusal. */
int ktk_client_refused(rd_kafka_resp_err_t e, const char *reason);

/** @brief Print librdkafka's configuration properties (their names,
 *  defaults and descriptions), for kcat's -X list. */
void ktk_client_conf_list(FILE *out);

/** @brief Print librdkafka's version and builtin features, and the
 *  features ktk was compiled with (lib/kafka/features.h), for --version. */
void ktk_client_version(FILE *out);

#endif
