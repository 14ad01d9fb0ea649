/* SPDX-License-Identifier: Apache-2.0 */
/* producer.h -- ktk-producer's run: records from a struct ktk_input into
 * one topic, with exact delivery accounting.
 *
 * ktk_producer_new() opens the librdkafka producer (delivery reports and
 * errors into a struct ktk_delivery, delivery.h); ktk_producer_run() reads
 * the input to its end, a signal, --max-messages or an error that ends the
 * run, and hands the records over in batches (produce.h) -- one at a time
 * with --sync, --rate or --stop-on-error -- inside transactions
 * (txn.h) when a transactional id is set, then waits for the records in
 * flight. With dry_run it sends nothing and writes each record's position
 * and partition instead.
 *
 * Failing fast: before anything waits on the cluster, a cluster none of
 * whose bootstrap brokers accepts a connection ends the run at once
 * (ktk_client_reachable(), exit 69). A topic the cluster does not have,
 * where the cluster does not create topics on first use (its answer to a
 * producer's metadata request, which lets it create them, is "unknown
 * topic"), is said in one line; every record read then fails under
 * "topic 'T' does not exist" without being sent, the input ends when it
 * would wait, and the status is 1. So does a refused login (under its
 * error), and the records queued before it are purged and counted so. After a signal, the records in flight
 * are waited for at most stop_timeout_ms, then counted as failed. Nothing here prints to stderr: failures, the
 * error that ended the run and -v notices go to the notice callback, the
 * progress line to the progress callback; --tee's values and --dry-run's
 * lines go to the data stream the caller gives (stdout); why a write of
 * --tee's there failed is the caller's to say (ktk_producer_out_errno()).
 * ktk_producer_opt() maps the console producer's flags to @p o and the
 * librdkafka properties they set; ktk_producer_input() sets the input up.
 */
#ifndef KTK_PRODUCER_H
#define KTK_PRODUCER_H

#include <signal.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "lib/base/err.h"
#include "lib/config/conf.h"
#include "lib/input/input.h"

struct ktk_producer_opts {
	const char *topic;
	int32_t partition;     /* -p, or -1: by key */
	int partitioner;       /* enum ktk_partitioner; ktk_producer_defaults() */
	int have_partitioner;  /* --partitioner was given */
	char acks[8];          /* --acks as given ("" when not; -1 is all) */
	int sync, tee, dry_run, stop_on_error, no_idempotence;
	const char *txn_id;    /* --transactional-id, or NULL */
	int64_t txn_records;   /* commit every N records (0: at the end) */
	int64_t rate;          /* records per second (0: no limit) */
	int64_t max;           /* records to read (0: all) */
	int64_t timeout_ms;    /* message.timeout.ms from --timeout-ms, or 0 */
	int32_t pcount;        /* --dry-run's partition count (0: ask) */
	int64_t stop_timeout_ms; /* after a signal, wait at most this for
				  * the records in flight (-1: the default,
				  * KTK_PRODUCER_STOP_MS) */
	int verbosity;
	int show_progress;     /* call progress about every second */
	FILE *out;             /* --tee and --dry-run write here */
	/* SIGINT/SIGTERM: stop reading, flush and exit; second signal */
	const volatile sig_atomic_t *stop, *hard_stop;
	/* one line for stderr (a failure, the error that ended the run) */
	void (*notice)(void *ctx, const char *msg);
	/* the progress line for a terminal, "\r\033[K" and the line after
	 * the program's name, or only "\r\033[K" at the end (to clear it) */
	void (*progress)(void *ctx, const char *text);
	void *ctx;
};

struct ktk_producer;

/* how long the records in flight are waited for after a signal */
#define KTK_PRODUCER_STOP_MS 5000

/* why the records of a topic the cluster does not have fail (after the
 * topic's name) */
#define KTK_PRODUCER_NO_TOPIC                                                  \
	", and the cluster does not create topics on first use (create it "   \
	"with ktk-topics --create)"

/** @brief The console producer's flag --@p name with @p arg into @p o,
 *  and the librdkafka property it stands for (acks, compression.codec,
 *  linger.ms, batch.size, partitioner, enable.idempotence,
 *  transactional.id, message.timeout.ms) into @p props as set by that
 *  flag. @returns 0; 1 when @p name is no flag of @p o's; or -1 with
 *  @p err set (KTK_EXIT_USAGE naming the flag). */
int ktk_producer_opt(struct ktk_producer_opts *o, struct ktk_conf *props,
		     const char *name, const char *arg, struct ktk_err *err);

/** @brief Options of @p o that cannot go together, or are missing: no
 *  topic, transaction records without a transactional id, a transaction
 *  without idempotence, --dry-run with --tee, --partition with
 *  --partitioner, a transaction with acks other than all. @returns 0, or
 *  -1 with @p err set (KTK_EXIT_USAGE). */
int ktk_producer_check(const struct ktk_producer_opts *o, struct ktk_err *err);

/** @brief Producer defaults into @p client, below every other source:
 *  first the properties the flags set (@p flags), then acks=all, the
 *  murmur2_random partitioner, client.id, a bounded queue, a transaction
 *  timeout that fits --timeout-ms, and idempotence with acks=all unless
 *  turned off. Sets @p o's partitioner from the result. */
void ktk_producer_defaults(struct ktk_conf *client,
			   const struct ktk_conf *flags,
			   struct ktk_producer_opts *o);

/** @brief Set @p in up after ktk_input_init(): the reader properties
 *  of @p reader (after those of the .properties file @p rconfig, when not
 *  NULL), then @p f (ktk_input_configure()). An unknown reader property
 *  is said through @p o's notice callback, "ORIGIN: ignoring unknown
 *  reader property 'KEY'". @returns 0, or -1 with @p err set. */
int ktk_producer_input(struct ktk_input *in, const struct ktk_input_flags *f,
		       struct ktk_conf *reader, const char *rconfig,
		       const struct ktk_producer_opts *o, struct ktk_err *err);

/** @brief A producer of @p in (whose largest record becomes
 *  message.max.bytes and whose stop flag becomes @p o's) to @p o->topic
 *  with the @p client properties. With dry_run no producer is opened
 *  until ktk_producer_run() needs the partition count.
 *  @returns NULL with @p err set (KTK_EXIT_CONFIG for a property or topic
 *  librdkafka refuses). */
struct ktk_producer *ktk_producer_new(const struct ktk_conf *client,
				      const struct ktk_producer_opts *o,
				      struct ktk_input *in,
				      struct ktk_err *err);

/** @brief Produce the whole input (or, with dry_run, write where each
 *  record would go) and wait for what is in flight.
 *  @returns the exit status (0 when every record read was delivered; 1
 *  when one was not; 65 for a dry run with bad records; an input error's
 *  status), or -1 with @p err set when the run could not start (the
 *  cluster, a transaction that cannot be initialised, out of memory). */
int ktk_producer_run(struct ktk_producer *p, struct ktk_err *err);

/** @brief The summary line (ktk_delivery_summary(), after "interrupted: "
 *  when a signal stopped the run) into @p buf. @returns 1 when it is to be
 *  shown: a record failed, an error ended the run, -vv, or -v and a
 *  signal. */
int ktk_producer_summary(const struct ktk_producer *p, char *buf,
			 size_t size);

/** @brief The errno of the first failed write to @p p's data stream
 *  (--tee's values), or 0; for ktk_close_stdout_errno(). */
int ktk_producer_out_errno(const struct ktk_producer *p);

/** @brief Close and free @p p (NULL: nothing). */
void ktk_producer_free(struct ktk_producer *p);

#endif
