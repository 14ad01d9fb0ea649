/* SPDX-License-Identifier: Apache-2.0 */
/* producer.c -- ktk-producer's run loop; see producer.h. */
#include "lib/kafka/producer.h"

#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <librdkafka/rdkafka.h>

#include "lib/base/clock.h"
#include "lib/base/number.h"
#include "lib/base/partitioner.h"
#include "lib/config/opt.h"
#include "lib/config/topic_spec.h"
#include "lib/kafka/client.h"
#include "lib/kafka/delivery.h"
#include "lib/kafka/meta.h"
#include "lib/kafka/produce.h"
#include "lib/kafka/txn.h"

struct ktk_producer {
	struct ktk_producer_opts o;
	const struct ktk_conf *client; /* masks secrets in messages */
	struct ktk_input *in;
	struct ktk_delivery d;
	rd_kafka_t *rk;
	rd_kafka_topic_t *rkt;
	struct ktk_produce_batch batch; /* records gathered for produce_batch */
	int one_at_a_time;      /* --sync, --rate, --stop-on-error */
	int shown_failures, fatal_shown;
	char missing[300];      /* "topic 'T' does not exist", or "" */
	char out_delim[16];
	size_t out_delim_len;
	int out_errno;          /* of the first failed write to o.out */
};

static void vnotice(const struct ktk_producer_opts *o, const char *fmt,
		    va_list ap) __attribute__((format(printf, 2, 0)));
static void notice(struct ktk_producer *p, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
static void notice_to(const struct ktk_producer_opts *o, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void vnotice(const struct ktk_producer_opts *o, const char *fmt,
		    va_list ap)
{
	char msg[1024];

	if (o->notice == NULL)
		return;
	vsnprintf(msg, sizeof(msg), fmt, ap);
	o->notice(o->ctx, msg);
}

static void notice(struct ktk_producer *p, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vnotice(&p->o, fmt, ap);
	va_end(ap);
}

static void notice_to(const struct ktk_producer_opts *o, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vnotice(o, fmt, ap);
	va_end(ap);
}

static int stopping(const struct ktk_producer *p)
{
	return p->o.stop && *p->o.stop;
}

int ktk_producer_check(const struct ktk_producer_opts *o, struct ktk_err *err)
{
	if (o->topic == NULL)
		return ktk_err_set(err, KTK_EXIT_USAGE,
				   "--topic is required (see --help)");
	if (o->txn_records && o->txn_id == NULL)
		return ktk_err_set(err, KTK_EXIT_USAGE,
				   "--transaction-records needs "
				   "--transactional-id");
	if (o->txn_id && o->no_idempotence)
		return ktk_err_set(err, KTK_EXIT_USAGE,
				   "--transactional-id and --no-idempotence "
				   "cannot be used together");
	if (o->dry_run && o->tee)
		return ktk_err_set(err, KTK_EXIT_USAGE,
				   "--dry-run and --tee cannot be used "
				   "together");
	if (o->partition >= 0 && o->have_partitioner)
		return ktk_err_set(err, KTK_EXIT_USAGE,
				   "--partition and --partitioner cannot be "
				   "used together");
	if (o->txn_id && o->acks[0] && strcmp(o->acks, "all") != 0)
		return ktk_err_set(err, KTK_EXIT_USAGE,
				   "--transactional-id needs --acks all, not "
				   "%s", o->acks);
	return 0;
}

/* the console producer's flags: name, the property it sets (NULL: none),
 * the field of o a number goes to, and the number's bounds (min > max:
 * not a number) */
struct producer_flag {
	const char *name, *prop;
	size_t field; /* offsetof an int64_t, or 0 */
	int64_t min, max;
};

#define OPT_FIELD(f) offsetof(struct ktk_producer_opts, f)

static const struct producer_flag producer_flags[] = {
	{"linger-ms", "linger.ms", 0, 0, 900000},
	{"batch-size", "batch.size", 0, 1, 2147483647},
	{"compression-codec", "compression.codec", 0, 1, 0},
	{"transaction-records", NULL, OPT_FIELD(txn_records), 1, INT64_MAX},
	{"rate", NULL, OPT_FIELD(rate), 1, 100000000},
	{"max-messages", NULL, OPT_FIELD(max), 1, INT64_MAX},
	{"delivery-timeout-ms", "message.timeout.ms", OPT_FIELD(timeout_ms), 1,
	 2147483647},
	{"stop-timeout-ms", NULL, OPT_FIELD(stop_timeout_ms), 0, 2147483647},
	{"partition", NULL, 0, -1, INT32_MAX}, /* kcat: -1 lets the
						* partitioner choose */
	{"partition-count", NULL, 0, 1, 1000000},
};

static int producer_switch(struct ktk_producer_opts *o, struct ktk_conf *props,
			   const char *name, const char *arg,
			   struct ktk_err *err)
{
	char flag[64];

	snprintf(flag, sizeof(flag), "--%s", name);
	if (strcmp(name, "topic") == 0) {
		if (ktk_topic_spec_literal_check(arg, KTK_TOPIC_SPEC_ONE,
						 err) == -1)
			return -1;
		o->topic = arg;
	} else if (strcmp(name, "partitioner") == 0) {
		o->partitioner = ktk_partitioner_lookup(arg);
		o->have_partitioner = 1;
		ktk_conf_set(props, "partitioner", arg, KTK_SRC_FLAG, flag);
	} else if (strcmp(name, "acks") == 0 ||
		   strcmp(name, "request-required-acks") == 0) {
		snprintf(o->acks, sizeof(o->acks), "%s",
			 strcmp(arg, "-1") == 0 ? "all" : arg);
		ktk_conf_set(props, "acks", o->acks, KTK_SRC_FLAG, flag);
	} else if (strcmp(name, "no-idempotence") == 0) {
		o->no_idempotence = 1;
		ktk_conf_set(props, "enable.idempotence", "false",
			     KTK_SRC_FLAG, flag);
	} else if (strcmp(name, "transactional-id") == 0) {
		if (*arg == '\0')
			return ktk_err_set(err, KTK_EXIT_USAGE,
					   "--transactional-id: empty id");
		o->txn_id = arg;
		ktk_conf_set(props, "transactional.id", arg, KTK_SRC_FLAG,
			     flag);
	} else if (strcmp(name, "sync") == 0) {
		o->sync = 1;
	} else if (strcmp(name, "tee") == 0) {
		o->tee = 1;
	} else if (strcmp(name, "dry-run") == 0) {
		o->dry_run = 1;
	} else if (strcmp(name, "stop-on-error") == 0) {
		o->stop_on_error = 1;
	} else {
		return 1;
	}
	return 0;
}

int ktk_producer_opt(struct ktk_producer_opts *o, struct ktk_conf *props,
		     const char *name, const char *arg, struct ktk_err *err)
{
	const struct producer_flag *f = NULL;
	char flag[64];
	int64_t v;
	size_t i;

	for (i = 0; i < sizeof(producer_flags) / sizeof(producer_flags[0]); i++)
		if (strcmp(producer_flags[i].name, name) == 0)
			f = &producer_flags[i];
	if (f == NULL)
		return producer_switch(o, props, name, arg, err);
	snprintf(flag, sizeof(flag), "--%s", name);
	if (f->min <= f->max &&
	    ktk_opt_i64(flag, arg, f->min, f->max, &v, err) == -1) {
		/* -c 0 was no limit here and is no record in ktk-consumer
		 * (as in Kafka's): one meaning, so 0 is refused here */
		if (f->field == OPT_FIELD(max) && strcmp(arg, "0") == 0) {
			char m[sizeof(err->msg)];

			snprintf(m, sizeof(m), "%s", err->msg);
			ktk_err_set(err, KTK_EXIT_USAGE,
				    "%s; for no limit leave -c out", m);
		}
		return -1;
	}
	if (f->field)
		*(int64_t *)(void *)((char *)o + f->field) = v;
	else if (strcmp(name, "partition") == 0)
		o->partition = (int32_t)v;
	else if (strcmp(name, "partition-count") == 0)
		o->pcount = (int32_t)v;
	if (f->prop)
		ktk_conf_set(props, f->prop, arg, KTK_SRC_FLAG, flag);
	return 0;
}

int ktk_producer_input(struct ktk_input *in, const struct ktk_input_flags *f,
		       struct ktk_conf *reader, const char *rconfig,
		       const struct ktk_producer_opts *o, struct ktk_err *err)
{
	size_t i;

	in->format = f->format;
	if (rconfig &&
	    ktk_conf_load_props(reader, rconfig, KTK_SRC_PROPS, err) == -1)
		return -1;
	for (i = 0; i < reader->n; i++) {
		const struct ktk_conf_ent *e = &reader->ents[i];
		int rc = ktk_line_reader_set(&in->lr, e->key, e->val,
					     strlen(e->val), err);

		if (rc == -1)
			return -1;
		if (rc == 0 && strcmp(e->key, "topic") != 0)
			notice_to(o, "%s: ignoring unknown reader property '%s'",
				  e->origin, e->key);
	}
	return ktk_input_configure(in, f, err);
}

void ktk_producer_defaults(struct ktk_conf *k, const struct ktk_conf *flags,
			   struct ktk_producer_opts *o)
{
	const char *acks;
	size_t i;

	for (i = 0; i < flags->n; i++)
		ktk_conf_set(k, flags->ents[i].key, flags->ents[i].val,
			     flags->ents[i].src, flags->ents[i].origin);
	ktk_conf_set(k, "acks", "all", KTK_SRC_DEFAULT, "default");
	ktk_conf_set(k, "partitioner", "murmur2_random", KTK_SRC_DEFAULT,
		     "default");
	ktk_conf_set(k, "client.id", "ktk-producer", KTK_SRC_DEFAULT,
		     "default");
	/* bound memory: 4 MiB queued, or room for 4 of the largest records.
	 * A small queue is also a fast one: librdkafka walks each message's
	 * own allocation several times, which stays in the CPU's cache when
	 * few are queued (measured: about a quarter less CPU than 32 MiB,
	 * the Java client's buffer.memory, for the same throughput) */
	{
		const char *mmb = ktk_conf_get(k, "message.max.bytes");
		int64_t kb = 4096, v;
		const char *why;
		char buf[32];

		if (mmb && ktk_number_parse_i64(mmb, 1000, 1000000000, &v, &why) == 0 &&
		    v / 256 + 1 > kb)
			kb = v / 256 + 1;
		snprintf(buf, sizeof(buf), "%lld", (long long)kb);
		ktk_conf_set(k, "queue.buffering.max.kbytes", buf,
			     KTK_SRC_DEFAULT, "default");
	}
	/* librdkafka wants message.timeout.ms <= transaction.timeout.ms */
	if (o->txn_id && o->timeout_ms > 60000) {
		char v[32];

		snprintf(v, sizeof(v), "%lld", (long long)o->timeout_ms);
		ktk_conf_set(k, "transaction.timeout.ms", v, KTK_SRC_DEFAULT,
			     "--delivery-timeout-ms");
	}
	acks = ktk_conf_get(k, "acks");
	if (acks && (strcmp(acks, "all") == 0 || strcmp(acks, "-1") == 0) &&
	    !o->no_idempotence)
		ktk_conf_set(k, "enable.idempotence", "true", KTK_SRC_DEFAULT,
			     "default");
	if (ktk_conf_get(k, "partitioner"))
		o->partitioner =
			ktk_partitioner_lookup(ktk_conf_get(k, "partitioner"));
}

/* ---- callbacks of the delivery accounting ------------------------------ */

/* the error that ended the run, once, before the records it failed */
static void show_fatal(struct ktk_producer *p)
{
	if (!p->d.fatal_err || p->fatal_shown)
		return;
	p->fatal_shown = 1;
	ktk_conf_mask_in(p->client, p->d.fatal);
	notice(p, "%s", p->d.fatal);
}

static void on_fail(void *vp, uint64_t pos, const char *why)
{
	struct ktk_producer *p = vp;
	char where[300];

	show_fatal(p);
	if (p->missing[0] && strcmp(why, p->missing) == 0)
		return; /* said once, for all of them */
	if (p->shown_failures >= 20 && p->o.verbosity < 2) {
		if (p->shown_failures++ == 20)
			notice(p, "more failures not shown (see the summary; "
				  "-v shows all)");
		return;
	}
	p->shown_failures++;
	ktk_input_where(p->in, pos, where, sizeof(where));
	notice(p, "%s: %s", where, why);
}

/* librdkafka's errors it retries (a broker down): with -v, as before the
 * producer had an error callback */
static void on_error(void *vp, const char *reason)
{
	struct ktk_producer *p = vp;
	char msg[600];

	if (p->o.verbosity < 2)
		return;
	snprintf(msg, sizeof(msg), "%s", reason);
	ktk_conf_mask_in(p->client, msg);
	notice(p, "%s", msg);
}

static void on_partitions(void *vp, const char *topic, int32_t was,
			  int32_t now)
{
	struct ktk_producer *p = vp;

	if (p->o.verbosity >= 2)
		notice(p, "topic %s: %d partitions (was %d); keyed records "
			  "follow the new count",
		       topic, (int)now, (int)was);
}

static void on_ok(void *vp, const rd_kafka_message_t *m)
{
	struct ktk_producer *p = vp;

	if (m->payload)
		fwrite(m->payload, 1, m->len, p->o.out);
	fwrite(p->out_delim, 1, p->out_delim_len, p->o.out);
}

static void progress(struct ktk_producer *p, int final)
{
	char line[256], text[320];

	if (p->o.progress == NULL)
		return;
	if (final) {
		p->o.progress(p->o.ctx, "\r\033[K");
		return;
	}
	ktk_input_progress(p->in, p->d.read, p->d.delivered,
			   ktk_delivery_elapsed(&p->d), line, sizeof(line));
	snprintf(text, sizeof(text), "\r\033[K%s: %s", ktk_prog(), line);
	p->o.progress(p->o.ctx, text);
}

/* ---- set-up ------------------------------------------------------------ */

struct ktk_producer *ktk_producer_new(const struct ktk_conf *client,
				      const struct ktk_producer_opts *o,
				      struct ktk_input *in, struct ktk_err *err)
{
	const char *mmb = ktk_conf_get(client, "message.max.bytes");
	struct ktk_producer *p;
	int64_t v;
	const char *why;

	if (ktk_producer_check(o, err) == -1)
		return NULL;
	p = calloc(1, sizeof(*p));
	if (p == NULL) {
		ktk_err_set(err, KTK_EXIT_SOFTWARE, "out of memory");
		return NULL;
	}
	p->o = *o;
	p->client = client;
	p->in = in;
	in->stop = o->stop;
	if (mmb && ktk_number_parse_i64(mmb, 1000, 1000000000, &v, &why) == 0)
		in->max = (size_t)v;
	if (in->mode == KTK_STREAM_DELIM) {
		memcpy(p->out_delim, in->delim, in->delim_len);
		p->out_delim_len = in->delim_len;
	} else {
		p->out_delim[0] = '\n';
		p->out_delim_len = 1;
	}
	ktk_delivery_init(&p->d);
	p->d.on_fail = on_fail;
	p->d.on_ok = o->tee ? on_ok : NULL;
	p->d.on_error = on_error;
	p->d.ctx = p;
	p->d.stop = o->stop;
	p->d.stop_wait_ms = o->stop_timeout_ms < 0 ? KTK_PRODUCER_STOP_MS
			    : o->stop_timeout_ms > INT32_MAX
				    ? INT32_MAX
				    : (int)o->stop_timeout_ms;
	return p;
}

/* The librdkafka configuration (a bad one is said first, exit 78), then
 * whether any bootstrap broker accepts a connection (the one line every
 * binary says, exit 69). */
static rd_kafka_conf_t *client_conf(struct ktk_producer *p, int64_t timeout_ms,
				    struct ktk_err *err)
{
	rd_kafka_conf_t *rconf = ktk_client_conf(p->client, p->o.verbosity, err);

	if (rconf != NULL &&
	    ktk_client_reachable(p->client, timeout_ms, err) == -1) {
		rd_kafka_conf_destroy(rconf);
		return NULL;
	}
	return rconf;
}

static int open_producer(struct ktk_producer *p, int64_t timeout_ms,
			 struct ktk_err *err)
{
	rd_kafka_conf_t *rconf;
	rd_kafka_topic_conf_t *tconf;

	rconf = client_conf(p, timeout_ms, err);
	if (rconf == NULL)
		return -1;
	rd_kafka_conf_set_dr_msg_cb(rconf, ktk_delivery_dr_cb);
	/* a refused login ends the run at once, not after --timeout-ms */
	p->d.log_max = ktk_client_log_max(p->client, p->o.verbosity);
	rd_kafka_conf_set_opaque(rconf, &p->d);
	rd_kafka_conf_set_error_cb(rconf, ktk_delivery_error_cb);
	p->rk = ktk_client_new(RD_KAFKA_PRODUCER, rconf, err);
	if (p->rk == NULL) {
		rd_kafka_conf_destroy(rconf);
		return -1;
	}
	tconf = rd_kafka_default_topic_conf_dup(p->rk);
	rd_kafka_topic_conf_set_opaque(tconf, &p->d);
	p->rkt = rd_kafka_topic_new(p->rk, p->o.topic, tconf);
	if (p->rkt == NULL)
		return ktk_err_set(err, KTK_EXIT_CONFIG, "topic %s: %s",
				   p->o.topic,
				   rd_kafka_err2str(rd_kafka_last_error()));
	return 0;
}

/* ---- --dry-run --------------------------------------------------------- */

static int partition_count(struct ktk_producer *p, int32_t *n,
			   struct ktk_err *err)
{
	rd_kafka_conf_t *rconf;

	if (p->o.pcount > 0) {
		*n = p->o.pcount;
		return 0;
	}
	rconf = client_conf(p, 10000, err);
	if (rconf == NULL)
		return -1;
	p->rk = ktk_client_new(RD_KAFKA_PRODUCER, rconf, err);
	if (p->rk == NULL) {
		rd_kafka_conf_destroy(rconf);
		return -1;
	}
	return ktk_meta_partitions(p->rk, p->o.topic, 10000, n, err);
}

/* The next record of the input (KTK_INPUT_END after --max-messages),
 * counted as read; one that does not parse is counted as failed too.
 * @returns ktk_input_next()'s status. */
static int next_record(struct ktk_producer *p, struct ktk_record *rec,
		       uint64_t *pos, struct ktk_err *err)
{
	int st;

	if (p->o.max && p->d.read >= (uint64_t)p->o.max)
		return KTK_INPUT_END;
	st = ktk_input_next(p->in, rec, pos, err);
	if (st == KTK_INPUT_END || st == -1)
		return st;
	p->d.read++;
	if (st == KTK_INPUT_BAD)
		ktk_delivery_fail(&p->d, *pos, p->in->bad, err->msg);
	return st;
}

/* where each record would go; nothing is sent */
static int dry_run(struct ktk_producer *p, struct ktk_err *err)
{
	struct ktk_record rec = {0};
	uint64_t pos;
	int32_t count = 1;
	int st, bad = 0;

	if (p->o.partition < 0 && partition_count(p, &count, err) == -1)
		return -1;
	while ((st = next_record(p, &rec, &pos, err)) != KTK_INPUT_END) {
		char where[300];

		if (st == -1) {
			ktk_record_free(&rec);
			return -1;
		}
		ktk_input_where(p->in, pos, where, sizeof(where));
		if (st == KTK_INPUT_BAD) {
			bad = 1;
			if (p->o.stop_on_error)
				break;
			continue;
		}
		/* a failed write ends the run: a reader that left (| head)
		 * quietly, with 0 (ktk_producer_out_errno) */
		if (fprintf(p->o.out, "%s\t%d\n", where,
			    ktk_partitioner_choose(p->o.partitioner,
						   p->o.partition, rec.partition,
						   rec.key, rec.key_len,
						   count)) < 0) {
			p->out_errno = errno ? errno : EIO;
			break;
		}
	}
	ktk_record_free(&rec);
	if (fflush(p->o.out) == EOF && p->out_errno == 0)
		p->out_errno = errno ? errno : EIO;
	return bad ? KTK_EXIT_DATAERR : KTK_EXIT_OK;
}

/* ---- producing --------------------------------------------------------- */

/* Wait for every record in flight; for --sync after each one. */
static void wait_all(struct ktk_producer *p, int timeout_ms)
{
	ktk_produce_batch_flush(&p->batch);
	ktk_delivery_flush(p->rk, &p->d, timeout_ms, p->o.hard_stop);
}

static int txn_end(struct ktk_producer *p, int commit, int timeout_ms)
{
	struct ktk_err err = {0};
	int aborted = 0;

	ktk_produce_batch_flush(&p->batch); /* the gathered records belong to it */
	timeout_ms = ktk_delivery_wait_ms(&p->d, timeout_ms);
	if (commit) {
		if (ktk_txn_commit(p->rk, timeout_ms, &aborted, &err) == 0)
			return 0;
	} else {
		aborted = ktk_txn_abort(p->rk, timeout_ms, &err) == 0;
		if (aborted)
			snprintf(err.msg, sizeof(err.msg),
				 "transaction aborted on signal");
	}
	/* the aborted records' reports (purged or delivered) come in */
	wait_all(p, timeout_ms);
	if (aborted || !commit)
		ktk_delivery_txn_aborted(&p->d);
	notice(p, "%s", err.msg);
	return -1;
}

/* before a read that may block: hand over the gathered records, and
 * let --tee's reader see what was delivered */
/* flush --tee's values, remembering why the first flush failed */
static void flush_out(struct ktk_producer *p)
{
	if (fflush(p->o.out) == EOF && p->out_errno == 0)
		p->out_errno = errno ? errno : EIO;
}

static void flush_batch(void *vp)
{
	struct ktk_producer *p = vp;

	ktk_produce_batch_flush(&p->batch);
	if (p->o.tee)
		flush_out(p);
}

/* while the input is quiet: serve the delivery reports (--tee prints the
 * records as they are delivered); a refused login ends the input */
static int idle(void *vp)
{
	struct ktk_producer *p = vp;

	rd_kafka_poll(p->rk, 0);
	if (p->o.tee)
		flush_out(p);
	return p->d.fatal_err != 0 || p->missing[0];
}

/* Whether the cluster has the topic: asked in half-second slices (a
 * refused login or a signal ends the wait) for at most @p timeout_ms.
 * "Unknown topic" in answers for a second (brokers may not all know a
 * topic just created) means the cluster neither has it nor creates it:
 * the producer's metadata requests allow creating it on first use, and a
 * cluster that does answers "leader not available" while it creates it.
 * No answer: as before, librdkafka waits for the topic. */
static void check_topic(struct ktk_producer *p, int timeout_ms)
{
	double now = ktk_clock_s(), end = now + timeout_ms / 1000.0,
	       unknown_since = 0;
	const char *no_auto;

	for (;;) {
		const struct rd_kafka_metadata *md = NULL;
		double left = end - now;
		int slice = left > 0.5 ? 500 : (int)(left * 1000) + 1;
		int unknown;

		if (rd_kafka_metadata(p->rk, 0, p->rkt, &md, slice) ==
		    RD_KAFKA_RESP_ERR_NO_ERROR) {
			unknown = md->topic_cnt == 1 &&
				  md->topics[0].err ==
					  RD_KAFKA_RESP_ERR_UNKNOWN_TOPIC_OR_PART;
			rd_kafka_metadata_destroy(md);
			if (!unknown)
				return;
			if (unknown_since == 0)
				unknown_since = ktk_clock_s();
			if (ktk_clock_s() - unknown_since >= 1.0) {
				snprintf(p->missing, sizeof(p->missing),
					 "topic '%s' does not exist",
					 p->o.topic);
				no_auto = ktk_conf_get(p->client,
						       "allow.auto.create.topics");
				if (no_auto && strcmp(no_auto, "false") == 0)
					notice(p, "%s, and allow.auto.create."
						  "topics=false does not let "
						  "the cluster create it (create "
						  "it with ktk-topics --create)",
					       p->missing);
				else
					notice(p, "%s%s", p->missing,
					       KTK_PRODUCER_NO_TOPIC);
				return;
			}
			rd_kafka_poll(p->rk, 250);
		} else {
			rd_kafka_poll(p->rk, 0);
		}
		now = ktk_clock_s();
		if (stopping(p) || p->d.fatal_err || now >= end)
			return;
	}
}

/* keyed records are partitioned in the batch (produce.h), the partition
 * count read again as often as librdkafka's metadata when that is set,
 * else every minute */
static void partition_keys(struct ktk_producer *p, int timeout)
{
	const char *every = ktk_conf_get(p->client,
					 "topic.metadata.refresh.interval.ms");
	int64_t refresh = 0;
	const char *why;

	if (every &&
	    ktk_number_parse_i64(every, -1, 3600000, &refresh, &why) == 0 &&
	    refresh == 0)
		refresh = -1;
	p->batch.on_partitions = on_partitions;
	p->batch.on_partitions_ctx = p;
	ktk_produce_batch_partition_keys(&p->batch, p->o.topic,
					 p->o.partitioner,
					 timeout < 5000 ? timeout : 5000,
					 (int)refresh);
}

/* --rate: wait until record number @p sent is due */
static void pace(struct ktk_producer *p, double t0, uint64_t sent)
{
	double due = t0 + (double)sent / (double)p->o.rate;
	double wait;
	int guard = 0;

	while ((wait = due - ktk_clock_s()) > 0 && !stopping(p) &&
	       guard++ < 100000)
		rd_kafka_poll(p->rk, wait > 0.1 ? 100 : (int)(wait * 1000) + 1);
}

/* why every record now fails without being sent (the topic does not
 * exist, the login was refused), or NULL */
static const char *unsendable(const struct ktk_producer *p)
{
	if (p->missing[0])
		return p->missing;
	return p->d.fatal_err ? rd_kafka_err2str(p->d.fatal_err) : NULL;
}

/* the loop over the input: records that cannot be sent are counted as
 * they are read, up to where the input would wait (idle()); @returns an input error's status, or 0 */
static int produce_all(struct ktk_producer *p, struct ktk_err *err)
{
	struct ktk_record rec = {0};
	int timeout = p->o.timeout_ms ? (int)p->o.timeout_ms : 300000;
	int flush_timeout = timeout + 5000;
	double next_progress = ktk_clock_s() + 1, t0 = ktk_clock_s();
	uint64_t in_txn = 0, sent = 0;
	int txn_open = 0, fatal = 0;
	const char *why;

	if (p->o.txn_id && ktk_txn_init(p->rk, timeout, err) == -1)
		return -1;
	/* records go to librdkafka in batches, handed over at once where
	 * each one's moment matters: --sync, --rate, --stop-on-error */
	p->one_at_a_time = p->o.sync || p->o.rate || p->o.stop_on_error;
	if (ktk_produce_batch_init(&p->batch, p->rk, p->rkt, &p->d, p->o.stop,
				   err) == -1)
		return -1;
	p->in->before_read = flush_batch;
	p->in->idle = idle;
	p->in->before_read_arg = p;
	if (p->o.partition < 0 && p->o.partitioner >= 0)
		partition_keys(p, timeout);
	for (;;) {
		uint64_t pos;
		int st;

		if (stopping(p) ||
		    (st = next_record(p, &rec, &pos, err)) == KTK_INPUT_END)
			break;
		if (st == -1) {
			notice(p, "%s", err->msg);
			fatal = err->code;
			break;
		}
		if (st == KTK_INPUT_BAD) {
			if (p->o.stop_on_error)
				break;
			continue;
		}
		if ((why = unsendable(p)) != NULL) {
			ktk_delivery_fail(&p->d, pos, why, NULL);
			if (p->o.stop_on_error)
				break;
			continue;
		}
		if (p->o.txn_id && !txn_open) {
			if (ktk_txn_begin(p->rk, err) == -1) {
				ktk_delivery_fail(&p->d, pos,
						  "transaction not begun",
						  err->msg);
				fatal = err->code;
				break;
			}
			ktk_delivery_txn_begin(&p->d);
			txn_open = 1;
		}
		if (p->o.rate)
			pace(p, t0, sent);
		sent++;
		ktk_produce_batch_add(&p->batch, &rec,
				      ktk_partitioner_choose(p->o.partitioner,
							     p->o.partition,
							     rec.partition,
							     NULL, 0, 0),
				      pos);
		if (p->o.sync)
			wait_all(p, flush_timeout);
		else if (p->one_at_a_time)
			ktk_produce_batch_flush(&p->batch);
		if (p->o.stop_on_error && p->d.failed)
			break;
		if (txn_open && p->o.txn_records &&
		    ++in_txn >= (uint64_t)p->o.txn_records) {
			txn_end(p, 1, timeout);
			txn_open = 0;
			in_txn = 0;
		}
		if (p->o.show_progress && (sent & 1023) == 0 &&
		    ktk_clock_s() >= next_progress) {
			progress(p, 0);
			next_progress = ktk_clock_s() + 1;
		}
	}
	if (txn_open)
		txn_end(p, !stopping(p), timeout);
	wait_all(p, flush_timeout);
	if (p->o.show_progress)
		progress(p, 1);
	p->in->before_read = NULL;
	p->in->idle = NULL;
	ktk_produce_batch_free(&p->batch);
	ktk_record_free(&rec);
	return fatal;
}

/* A partition the topic does not have is refused before any record is
 * sent: -p's now, one a JSON record names when the input reads it
 * (input.h: its partitions, unless --ignore-partition). */
static int check_partitions(struct ktk_producer *p, int timeout_ms,
			    struct ktk_err *err)
{
	int json = p->in->format == KTK_IN_JSON && !p->in->ignore_partition;

	if (p->missing[0] || (p->o.partition < 0 && !json))
		return 0;
	p->in->topic = p->o.topic;
	return ktk_meta_partition_check(p->rk, p->o.topic, p->o.partition,
					timeout_ms, "", &p->in->partitions,
					err);
}

int ktk_producer_run(struct ktk_producer *p, struct ktk_err *err)
{
	int fatal, status;

	int timeout = p->o.timeout_ms ? (int)p->o.timeout_ms : 300000;

	if (p->o.dry_run)
		return dry_run(p, err);
	if (open_producer(p, timeout, err) == -1)
		return -1;
	check_topic(p, timeout < 5000 ? timeout : 5000);
	if (check_partitions(p, timeout < 5000 ? timeout : 5000, err) == -1)
		return -1;
	fatal = produce_all(p, err);
	if (fatal == -1)
		return -1;
	show_fatal(p);
	status = ktk_delivery_exit(&p->d);
	if (p->missing[0])
		status = KTK_EXIT_FAIL;
	if (fatal && status == KTK_EXIT_OK)
		status = fatal;
	flush_out(p); /* a failure is the caller's (ktk_producer_out_errno) */
	/* librdkafka's last words come now, before the caller's summary */
	rd_kafka_topic_destroy(p->rkt);
	p->rkt = NULL;
	rd_kafka_destroy(p->rk);
	p->rk = NULL;
	return status;
}

int ktk_producer_summary(const struct ktk_producer *p, char *buf,
			 size_t size)
{
	const char *pre = stopping(p) ? "interrupted: " : "";
	size_t n = strlen(pre);

	snprintf(buf, size, "%s", pre);
	if (n < size)
		ktk_delivery_summary(&p->d, buf + n, size - n);
	return p->d.failed || p->d.fatal_err || p->missing[0] ||
	       p->o.verbosity > 1 ||
	       (stopping(p) && p->o.verbosity > 0);
}

int ktk_producer_out_errno(const struct ktk_producer *p)
{
	return p->out_errno;
}

void ktk_producer_free(struct ktk_producer *p)
{
	if (p == NULL)
		return;
	if (p->rkt)
		rd_kafka_topic_destroy(p->rkt);
	if (p->rk)
		rd_kafka_destroy(p->rk);
	free(p);
}
