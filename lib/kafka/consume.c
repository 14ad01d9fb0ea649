/* SPDX-License-Identifier: Apache-2.0 */
/* consume.c -- the consumer loop of ktk-consumer; see consume.h. */
#include "lib/kafka/consume.h"

#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <regex.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "lib/base/clock.h"
#include "lib/base/number.h"
#include "lib/base/offset.h"
#include "lib/base/units.h"
#include "lib/config/opt.h"
#include "lib/kafka/client.h"
#include "lib/kafka/features.h"
#include "lib/kafka/meta.h"

#define FLUSH_AT (1 << 20)     /* write the output out at this size */
#define META_TIMEOUT_MS 10000 /* the cluster must answer within this */
#define QUERY_TIMEOUT_MS 10000 /* watermarks and offsets for times */
#define COMMIT_ATTEMPTS 7      /* 0.1 s, 0.2 s, ... 0.6 s apart */
#define DRAIN_MS 1000          /* at the end, wait this long for a pipe's reader */
#define QUEUE_CHECK_EVERY 1024 /* records between looks at the fetch queue */
#define TAKE_AT_ONCE 256       /* messages taken off the queue in one call */
#define WAKE_TIMEOUT_MS 1000   /* the leaders answer a wake-up within this */
#define FETCH_QUEUE_BACKOFF_MS "5" /* ktk's default fetch.queue.backoff.ms */
#define QUEUED_MIN_MESSAGES "50000" /* ktk's default queued.min.messages */
#define FETCH_WAIT_AT_END_MS "25" /* ktk's default fetch.wait.max.ms with -e */
#define HEAP_MMAP_AT (32 << 20)  /* glibc: blocks this large are mmap(2)ed */
#define HEAP_TRIM_AT (64 << 20)  /* glibc: free heap kept up to this */
#define FETCHERS_MAX 8         /* librdkafka clients fetching side by side */
#define FETCHERS_AUTO 4        /* at most this many by default */
/* records to read for more than one fetcher: each client's close may
 * take a second more where KTK_RDK_BUG_CLOSE_SECOND (2.8.0: two clients
 * read a million records 0.19 s sooner, and one run in two ends a second
 * later instead of one in six) */
#define FETCHERS_MIN_BACKLOG (KTK_RDK_BUG_CLOSE_SECOND ? 3000000 : 100000)

struct part {
	struct ktk_consume_part_stats st;
	size_t topic_len; /* strlen(st.topic), for each record's view */
	uint32_t id;
	unsigned fi;      /* the fetcher (c->f) it is assigned to */
	int assigned, done;
	int64_t hw_start; /* high watermark when assigned, -1 unknown */
	int64_t start_at; /* the offset it starts at, -1 unknown */
	int dirty;        /* st.committed changed since the last store */
};

struct topic {
	char *name;
	const rd_kafka_topic_t *rkt[FETCHERS_MAX]; /* seen in messages, by
						    * fetcher */
	struct part **parts;         /* by partition id */
	int32_t cap;
};

/* the thread that sends the wake-ups (see check_queue), so that the
 * consumer's thread goes on taking records while a ListOffsets request is
 * answered */
struct waker {
	pthread_t th;
	pthread_mutex_t mu;
	pthread_cond_t cv;
	rd_kafka_t *rk;
	rd_kafka_topic_partition_list_t *todo; /* handed over, NULL: none */
	int busy;                 /* a wake-up is being sent */
	int quit;
	rd_kafka_resp_err_t err;  /* of the last one, for the notice */
};

/* one librdkafka client and what ktk watches of its consumer queue: a
 * consumer without a group fetches its partitions over several (see
 * plan_fetchers), each with its own connections and fetch requests */
struct fetcher {
	rd_kafka_t *rk;
	rd_kafka_queue_t *cq; /* the consumer queue its partitions feed */
	unsigned since_check; /* records since the last look at the queue */
	int fetch_full;       /* the queue was seen (nearly) full */
	uint64_t wake_bytes;  /* bytes taken since the last wake-up */
	struct waker waker;   /* started with the first wake-up */
	int waker_started;
};

struct ktk_consume {
	int log_max; /* first: read by the log bridge (client.h) */
	rd_kafka_t *rk; /* f[0].rk: metadata, queries, the group */
	struct fetcher f[FETCHERS_MAX];
	unsigned nf;       /* fetchers in use (1 with a group) */
	unsigned next_f;   /* the fetcher taken from first next time */
	rd_kafka_conf_t *spare[FETCHERS_MAX]; /* for fetchers 1.. */
	int evfd[2];       /* nf > 1: the queues' "not empty" pipe */
	const struct ktk_consume_opts *o;
	const struct ktk_conf *client;
	struct ktk_sink *out;
	volatile sig_atomic_t *stop;
	struct topic *topics;
	size_t ntopics;
	struct part **all;
	size_t nall, capall;
	struct ktk_header *hdrs;
	size_t hcap;
	uint64_t count;
	int group_mode, commit, finished, closed;
	int has_fatal;
	struct ktk_err fatal;
	int64_t last_activity_ms;
	/* the fetch queues (see check_queue) */
	int wake;             /* wake the fetchers (KTK_RDK_BUG_FETCH_QUEUE_STALL) */
	int64_t queued_min;   /* queued.min.messages of each fetcher */
	int64_t queued_max_bytes; /* queued.max.messages.kbytes, in bytes */
	int64_t join_ms; /* the last "waiting for the group" notice */
	int joined;      /* the group assigned (or there is no group) */
};


static void notice(struct ktk_consume *c, int level, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void notice(struct ktk_consume *c, int level, const char *fmt, ...)
{
	char msg[1024];
	va_list ap;

	if (c->o->notice == NULL || c->o->verbosity < level)
		return;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	ktk_conf_mask_in(c->client, msg);
	c->o->notice(c->o->notice_ctx, msg);
}

static void set_fatal(struct ktk_consume *c, int code, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void set_fatal(struct ktk_consume *c, int code, const char *fmt, ...)
{
	va_list ap;

	if (c->has_fatal)
		return;
	c->has_fatal = 1;
	c->fatal.code = code;
	va_start(ap, fmt);
	vsnprintf(c->fatal.msg, sizeof(c->fatal.msg), fmt, ap);
	va_end(ap);
	ktk_conf_mask_in(c->client, c->fatal.msg);
	c->finished = 1;
}

/* ---- partition table ---------------------------------------------------- */

static struct topic *get_topic(struct ktk_consume *c, const char *name)
{
	struct topic *t;
	size_t i;

	for (i = 0; i < c->ntopics; i++)
		if (strcmp(c->topics[i].name, name) == 0)
			return &c->topics[i];
	t = realloc(c->topics, (c->ntopics + 1) * sizeof(*t));
	if (t == NULL)
		return NULL;
	c->topics = t;
	t = &c->topics[c->ntopics];
	memset(t, 0, sizeof(*t));
	if ((t->name = strdup(name)) == NULL)
		return NULL;
	c->ntopics++;
	return t;
}

static struct part *get_part(struct ktk_consume *c, const char *topic,
			     int32_t partition)
{
	struct topic *t = get_topic(c, topic);
	struct part *p;

	if (t == NULL || partition < 0)
		return NULL;
	if (partition >= t->cap) {
		int32_t cap = t->cap ? t->cap : 8, i;
		struct part **np;

		while (cap <= partition)
			cap *= 2;
		np = realloc(t->parts, (size_t)cap * sizeof(*np));
		if (np == NULL)
			return NULL;
		for (i = t->cap; i < cap; i++)
			np[i] = NULL;
		t->parts = np;
		t->cap = cap;
	}
	if ((p = t->parts[partition]) != NULL)
		return p;
	if (c->nall == c->capall) {
		size_t cap = c->capall ? c->capall * 2 : 16;
		struct part **na = realloc(c->all, cap * sizeof(*na));

		if (na == NULL)
			return NULL;
		c->all = na;
		c->capall = cap;
	}
	if ((p = calloc(1, sizeof(*p))) == NULL)
		return NULL;
	p->st.topic = t->name;
	p->topic_len = strlen(t->name);
	p->st.partition = partition;
	p->st.last_offset = -1;
	p->st.committed = -1;
	p->hw_start = -1;
	p->id = (uint32_t)c->nall;
	c->all[c->nall++] = p;
	t->parts[partition] = p;
	return p;
}

/* the partition of a message from fetcher @p fi, through the topic handle
 * it carries (each client has handles of its own) */
static struct part *msg_part(struct ktk_consume *c, unsigned fi,
			     const rd_kafka_message_t *m)
{
	size_t i;

	for (i = 0; i < c->ntopics; i++) {
		struct topic *t = &c->topics[i];

		if (t->rkt[fi] == m->rkt)
			return m->partition >= 0 && m->partition < t->cap
				       ? t->parts[m->partition]
				       : NULL;
	}
	for (i = 0; i < c->ntopics; i++) {
		struct topic *t = &c->topics[i];

		if (strcmp(t->name, rd_kafka_topic_name(m->rkt)) == 0) {
			t->rkt[fi] = m->rkt;
			return m->partition >= 0 && m->partition < t->cap
				       ? t->parts[m->partition]
				       : NULL;
		}
	}
	return NULL;
}

static void pause_part(struct ktk_consume *c, struct part *p)
{
	rd_kafka_topic_partition_list_t *l = rd_kafka_topic_partition_list_new(1);

	rd_kafka_topic_partition_list_add(l, p->st.topic, p->st.partition);
	rd_kafka_pause_partitions(c->f[p->fi].rk, l);
	rd_kafka_topic_partition_list_destroy(l);
}

static void part_done(struct ktk_consume *c, struct part *p)
{
	if (p->done)
		return;
	p->done = 1;
	pause_part(c, p);
	notice(c, 2, "%s [%d]: done at offset %lld", p->st.topic,
	       p->st.partition, (long long)p->st.last_offset);
}

/* every assigned partition is done (and there is one) */
static int all_done(const struct ktk_consume *c)
{
	size_t i, assigned = 0;

	for (i = 0; i < c->nall; i++) {
		if (!c->all[i]->assigned)
			continue;
		assigned++;
		if (!c->all[i]->done)
			return 0;
	}
	return assigned > 0;
}

/* ---- output and offsets ------------------------------------------------- */

static void on_confirm(void *ctx, uint32_t tag, int64_t value)
{
	struct ktk_consume *c = ctx;
	struct part *p = c->all[tag];

	p->st.committed = value;
	p->dirty = 1;
}

/* store the offsets the output's reader has taken */
static void store_confirmed(struct ktk_consume *c)
{
	rd_kafka_topic_partition_list_t *l;
	rd_kafka_resp_err_t e;
	size_t i;

	if (!c->commit)
		return;
	ktk_sink_confirm(c->out, on_confirm, c);
	l = rd_kafka_topic_partition_list_new(4);
	for (i = 0; i < c->nall; i++) {
		struct part *p = c->all[i];

		if (!p->dirty || !p->assigned)
			continue;
		p->dirty = 0;
		rd_kafka_topic_partition_list_add(l, p->st.topic,
						  p->st.partition)
			->offset = p->st.committed;
	}
	if (l->cnt > 0 && (e = rd_kafka_offsets_store(c->rk, l)) != 0)
		notice(c, 2, "storing offsets: %s", rd_kafka_err2str(e));
	rd_kafka_topic_partition_list_destroy(l);
}

/* write the output out; a reader that went away ends the run */
static void flush_out(struct ktk_consume *c)
{
	struct ktk_err err;

	if (c->out->buf.len > 0 && !c->out->broken &&
	    ktk_sink_flush(c->out, &err) == -1) {
		c->finished = 1;
		if (err.code != KTK_EXIT_OK)
			set_fatal(c, err.code, "%s", err.msg);
	}
	store_confirmed(c);
}

/* errors of a commit that may succeed if tried again shortly */
static int commit_retriable(rd_kafka_resp_err_t e)
{
	switch (e) {
	case RD_KAFKA_RESP_ERR__TIMED_OUT:
	case RD_KAFKA_RESP_ERR__TRANSPORT:
	case RD_KAFKA_RESP_ERR__WAIT_COORD:
	case RD_KAFKA_RESP_ERR_REQUEST_TIMED_OUT:
	case RD_KAFKA_RESP_ERR_COORDINATOR_LOAD_IN_PROGRESS:
	case RD_KAFKA_RESP_ERR_COORDINATOR_NOT_AVAILABLE:
	case RD_KAFKA_RESP_ERR_NOT_COORDINATOR:
	case RD_KAFKA_RESP_ERR_REBALANCE_IN_PROGRESS:
		return 1;
	default:
		return 0;
	}
}

/* Commit what was written, as the Java consumer's commitSync() does:
 * errors that pass (the coordinator moving or loading, a rebalance under
 * way) are tried again, seven times over about two seconds; what is left
 * is reported. */
static void commit_sync(struct ktk_consume *c)
{
	rd_kafka_resp_err_t e;
	int attempt;

	if (!c->commit)
		return;
	for (attempt = 1;; attempt++) {
		struct timespec pause = {0, 100L * 1000 * 1000 * attempt};

		e = rd_kafka_commit(c->rk, NULL, 0);
		if (!e || e == RD_KAFKA_RESP_ERR__NO_OFFSET)
			return;
		if (!commit_retriable(e) || attempt == COMMIT_ATTEMPTS)
			break;
		notice(c, 2, "committing offsets: %s (trying again)",
		       rd_kafka_err2str(e));
		nanosleep(&pause, NULL);
	}
	notice(c, 1, "committing offsets: %s", rd_kafka_err2str(e));
}

/* ---- start positions ------------------------------------------------------ */

/* how a start was chosen, for -v */
static const char *start_word(int kind)
{
	switch (kind) {
	case KTK_OFFSET_SPEC_BEGINNING:
		return "the beginning";
	case KTK_OFFSET_SPEC_END:
		return "the end";
	case KTK_OFFSET_SPEC_ABSOLUTE:
		return "as given";
	case KTK_OFFSET_SPEC_TAIL:
		return "records before the end";
	default:
		return "";
	}
}

/* where a group member with no committed offset starts */
static const char *reset_word(const struct ktk_consume *c)
{
	const char *v = ktk_conf_get(c->client, "auto.offset.reset");

	if (c->o->from_beginning)
		return "the beginning";
	if (v != NULL && (strcmp(v, "earliest") == 0 ||
			  strcmp(v, "smallest") == 0 ||
			  strcmp(v, "beginning") == 0))
		return "the beginning";
	if (v != NULL && (strcmp(v, "error") == 0 || strcmp(v, "none") == 0))
		return "an error";
	return "the end";
}

/* -v: where each partition of @p l (consumed) starts, from the group's
 * committed offsets (asked here: librdkafka asks again, to start there) */
static void say_committed(struct ktk_consume *c,
			  rd_kafka_topic_partition_list_t *l)
{
	rd_kafka_resp_err_t e = rd_kafka_committed(c->rk, l, QUERY_TIMEOUT_MS);
	int i;

	for (i = 0; i < l->cnt; i++) {
		const rd_kafka_topic_partition_t *tp = &l->elems[i];

		if (e == 0 && tp->err == 0 && tp->offset >= 0)
			notice(c, 2, "%s [%d]: starts at offset %lld (the "
				     "group's committed offset)",
			       tp->topic, tp->partition, (long long)tp->offset);
		else if (e == 0 && tp->err == 0)
			notice(c, 2, "%s [%d]: no committed offset: starts at "
				     "%s (auto.offset.reset)",
			       tp->topic, tp->partition, reset_word(c));
		else
			notice(c, 2, "%s [%d]: starts at the group's committed "
				     "offset (if none: %s, auto.offset.reset)",
			       tp->topic, tp->partition, reset_word(c));
	}
	rd_kafka_topic_partition_list_destroy(l);
}

/* The low and high watermarks of every partition of @p l into wm[2 i] and
 * wm[2 i + 1]: one ListOffsets request a leader for the earliest offsets
 * and one for the latest (what rd_kafka_query_watermark_offsets asks, a
 * partition at a time: a round trip each). @returns 0, or -1 with the
 * fatal error set. */
static int watermarks(struct ktk_consume *c,
		      const rd_kafka_topic_partition_list_t *l, int64_t *wm)
{
	rd_kafka_resp_err_t e, be;
	int bad;

	e = ktk_meta_watermarks(c->rk, l, QUERY_TIMEOUT_MS, wm, &bad, &be);
	if (e == 0 && bad < 0)
		return 0;
	/* the partition whose answer failed; a failed request: the first */
	if (bad < 0)
		bad = 0;
	set_fatal(c, ktk_client_exit_code(e ? e : be),
		  "%s [%d]: querying offsets: %s", l->elems[bad].topic,
		  l->elems[bad].partition, rd_kafka_err2str(e ? e : be));
	return -1;
}

/* Set the start offset of every partition of @p l and note the end each
 * had (for -e). Partitions that have nothing to read are marked done. */
static void resolve_start(struct ktk_consume *c,
			  rd_kafka_topic_partition_list_t *l)
{
	const struct ktk_consume_opts *o = c->o;
	rd_kafka_topic_partition_list_t *times = NULL, *stored = NULL;
	int kind = o->has_start ? o->start.kind : -1;
	int64_t *wm = NULL;
	int i;

	if ((o->exit_at_end || kind == KTK_OFFSET_SPEC_TAIL ||
	     (o->verbosity >= 2 && (kind == KTK_OFFSET_SPEC_BEGINNING ||
				    kind == KTK_OFFSET_SPEC_END ||
				    (kind == -1 && !c->group_mode)))) &&
	    l->cnt > 0) {
		if ((wm = malloc(2 * (size_t)l->cnt * sizeof(*wm))) == NULL) {
			set_fatal(c, KTK_EXIT_SOFTWARE, "out of memory");
			return;
		}
		if (watermarks(c, l, wm) == -1) {
			free(wm);
			return;
		}
	}
	for (i = 0; i < l->cnt; i++) {
		rd_kafka_topic_partition_t *tp = &l->elems[i];
		struct part *p = get_part(c, tp->topic, tp->partition);
		int64_t lo = -1, hi = -1, start = -1;

		if (p == NULL) {
			set_fatal(c, KTK_EXIT_SOFTWARE, "out of memory");
			free(wm);
			return;
		}
		p->assigned = 1;
		p->done = 0;
		p->hw_start = -1;
		p->start_at = -1;
		if (wm != NULL) {
			lo = wm[2 * i];
			hi = p->hw_start = wm[2 * i + 1];
		}
		if (kind == -1 && !c->group_mode)
			kind = o->from_beginning ? KTK_OFFSET_SPEC_BEGINNING
						 : KTK_OFFSET_SPEC_END;
		switch (kind) {
		/* the offset itself once looked up: no fetcher looks it up
		 * again (resolve_logical) */
		case KTK_OFFSET_SPEC_BEGINNING:
			tp->offset = wm ? lo : RD_KAFKA_OFFSET_BEGINNING;
			start = lo;
			break;
		case KTK_OFFSET_SPEC_END:
			tp->offset = wm ? hi : RD_KAFKA_OFFSET_END;
			start = hi;
			break;
		case KTK_OFFSET_SPEC_STORED:
			tp->offset = RD_KAFKA_OFFSET_STORED;
			break;
		case KTK_OFFSET_SPEC_ABSOLUTE:
			tp->offset = start = o->start.value;
			break;
		case KTK_OFFSET_SPEC_TAIL:
			start = hi - o->start.value < lo ? lo
							 : hi - o->start.value;
			tp->offset = start;
			break;
		case KTK_OFFSET_SPEC_TIME:
			if (times == NULL)
				times = rd_kafka_topic_partition_list_new(
					l->cnt);
			rd_kafka_topic_partition_list_add(times, tp->topic,
							  tp->partition)
				->offset = o->start.value;
			break;
		default: /* a group member: the committed offset */
			tp->offset = RD_KAFKA_OFFSET_INVALID;
		}
		p->start_at = start;
		if (start >= 0)
			notice(c, 2, "%s [%d]: starts at offset %lld (%s)",
			       tp->topic, tp->partition, (long long)start,
			       start_word(kind));
		else if ((kind == KTK_OFFSET_SPEC_STORED || kind == -1) &&
			 o->verbosity >= 2) {
			if (stored == NULL)
				stored = rd_kafka_topic_partition_list_new(
					l->cnt);
			rd_kafka_topic_partition_list_add(stored, tp->topic,
							  tp->partition);
		}
		if (start >= 0 && o->exit_at_end && start >= p->hw_start)
			p->done = 1;
		if (start >= 0 && o->has_until &&
		    o->until.kind == KTK_OFFSET_SPEC_ABSOLUTE &&
		    start >= o->until.value)
			p->done = 1;
	}
	free(wm);
	if (stored != NULL)
		say_committed(c, stored);
	if (times != NULL) {
		rd_kafka_resp_err_t e =
			rd_kafka_offsets_for_times(c->rk, times,
						   QUERY_TIMEOUT_MS);
		if (e) {
			set_fatal(c, ktk_client_exit_code(e),
				  "looking up offsets by time: %s",
				  rd_kafka_err2str(e));
		} else {
			for (i = 0; i < times->cnt; i++) {
				rd_kafka_topic_partition_t *r =
					&times->elems[i];
				rd_kafka_topic_partition_t *tp =
					rd_kafka_topic_partition_list_find(
						l, r->topic, r->partition);
				struct part *p =
					get_part(c, r->topic, r->partition);

				/* no record at or after the time: the end */
				tp->offset = r->offset >= 0
						     ? r->offset
						     : RD_KAFKA_OFFSET_END;
				if (p != NULL)
					p->start_at = r->offset;
				if (r->offset >= 0)
					notice(c, 2, "%s [%d]: starts at offset "
						     "%lld (the first at or "
						     "after %lld ms)",
					       r->topic, r->partition,
					       (long long)r->offset,
					       (long long)o->start.value);
				else
					notice(c, 2, "%s [%d]: starts at the end "
						     "(no record at or after "
						     "%lld ms)",
					       r->topic, r->partition,
					       (long long)o->start.value);
				if (p != NULL && o->exit_at_end &&
				    (r->offset < 0 || r->offset >= p->hw_start))
					p->done = 1;
			}
		}
		rd_kafka_topic_partition_list_destroy(times);
	}
}

/* -v -v: "assigned 2 partitions: t[0] t[1]" (@p what: assigned, revoked) */
static void note_parts(struct ktk_consume *c, const char *what,
		       const rd_kafka_topic_partition_list_t *l)
{
	char buf[1024];
	size_t o = 0;
	int i;

	if (c->o->verbosity < 2)
		return;
	buf[0] = '\0';
	for (i = 0; i < l->cnt && o + 1 < sizeof(buf); i++)
		o += (size_t)snprintf(buf + o, sizeof(buf) - o, "%s%s[%d]",
				      i ? " " : "", l->elems[i].topic,
				      l->elems[i].partition);
	notice(c, 2, "%s %d %s: %s", what, l->cnt,
	       ktk_units_plural((uint64_t)l->cnt, "partition", "partitions"),
	       buf);
}

static void after_assign(struct ktk_consume *c,
			 const rd_kafka_topic_partition_list_t *l)
{
	int i;

	for (i = 0; i < l->cnt; i++) {
		struct part *p =
			get_part(c, l->elems[i].topic, l->elems[i].partition);

		if (p != NULL && p->done)
			pause_part(c, p);
	}
}

static void rebalance_cb(rd_kafka_t *rk, rd_kafka_resp_err_t e,
			 rd_kafka_topic_partition_list_t *l, void *opaque)
{
	struct ktk_consume *c = opaque;
	int coop = strcmp(rd_kafka_rebalance_protocol(rk), "COOPERATIVE") == 0;
	int i;

	if (e == RD_KAFKA_RESP_ERR__ASSIGN_PARTITIONS) {
		/* --timeout-ms counts from the group's first assignment: the
		 * join is no idle time */
		if (!c->joined)
			c->last_activity_ms = ktk_clock_ms();
		c->joined = 1;
		resolve_start(c, l);
		note_parts(c, "assigned", l);
		if (coop)
			rd_kafka_error_destroy(rd_kafka_incremental_assign(rk, l));
		else
			rd_kafka_assign(rk, l);
		after_assign(c, l);
		return;
	}
	/* revoked (or a failure): hand over what was written first */
	flush_out(c);
	commit_sync(c);
	for (i = 0; i < l->cnt; i++) {
		struct part *p =
			get_part(c, l->elems[i].topic, l->elems[i].partition);

		if (p != NULL)
			p->assigned = 0;
	}
	note_parts(c, "revoked", l);
	if (coop)
		rd_kafka_error_destroy(rd_kafka_incremental_unassign(rk, l));
	else
		rd_kafka_assign(rk, NULL);
}

static void error_cb(rd_kafka_t *rk, int e, const char *reason, void *opaque)
{
	struct ktk_consume *c = opaque;
	char fatal[512];

	if (e == RD_KAFKA_RESP_ERR__FATAL) {
		e = rd_kafka_fatal_error(rk, fatal, sizeof(fatal));
		set_fatal(c, ktk_client_exit_code(e), "%s", fatal);
		return;
	}
	if (ktk_client_refused(e, reason)) {
		set_fatal(c, KTK_EXIT_FAIL, "%s", reason);
		return;
	}
	/* transient: the run reports what it cannot get past */
	notice(c, 2, "%s", reason);
}

/* ---- setup ---------------------------------------------------------------- */

/* librdkafka reads each fetch response (6 MiB with six partitions at the
 * default 1 MiB each) into a buffer of its own and frees it once its
 * messages are gone. glibc hands such freed heap back to the kernel (trim)
 * or unmaps it, and the next response faults the same pages in again,
 * zeroed: 13,000 to 24,000 page faults over a million records, where 8,000
 * remain with the heap kept (a tenth of the consumer's CPU time). The
 * memory kept is what the run used at its peak, so the peak RSS does not
 * grow. A user's own malloc tunables (GLIBC_TUNABLES, MALLOC_*_) win. */
static void keep_heap(void)
{
#ifdef __GLIBC__
	if (getenv("GLIBC_TUNABLES") != NULL ||
	    getenv("MALLOC_TRIM_THRESHOLD_") != NULL ||
	    getenv("MALLOC_MMAP_THRESHOLD_") != NULL)
		return;
	mallopt(M_MMAP_THRESHOLD, HEAP_MMAP_AT);
	mallopt(M_TRIM_THRESHOLD, HEAP_TRIM_AT);
#endif
}

static int set(struct ktk_conf *conf, const char *k, const char *v, int src)
{
	return ktk_conf_set(conf, k, v, src, "ktk-consumer");
}

int ktk_consume_conf(const struct ktk_conf *client,
		      const struct ktk_consume_opts *o, struct ktk_conf *conf,
		      struct ktk_err *err)
{
	size_t i;

	ktk_conf_init(conf);
	for (i = 0; i < client->n; i++)
		ktk_conf_set(conf, client->ents[i].key, client->ents[i].val,
			     client->ents[i].src, client->ents[i].origin);
	if (ktk_conf_get(conf, "client.id") == NULL)
		set(conf, "client.id", "ktk-consumer", KTK_SRC_DEFAULT);
	set(conf, "enable.auto.offset.store", "false", KTK_SRC_FLAG + 1);
	if (o->group != NULL) {
		set(conf, "group.id", o->group, KTK_SRC_FLAG);
		set(conf, "enable.auto.commit", o->no_commit ? "false" : "true",
		    o->no_commit ? KTK_SRC_FLAG + 1 : KTK_SRC_DEFAULT);
		set(conf, "partition.assignment.strategy",
		    o->strategy ? o->strategy : KTK_DEFAULT_ASSIGNMENT_STRATEGY,
		    o->strategy ? KTK_SRC_FLAG : KTK_SRC_DEFAULT);
	} else {
		/* librdkafka's assign() needs a group id; with no subscribe
		 * and no commits the group is never joined nor written */
		char gid[64];

		snprintf(gid, sizeof(gid), "ktk-consumer-%ld", (long)getpid());
		set(conf, "group.id", gid, KTK_SRC_FLAG + 1);
		set(conf, "enable.auto.commit", "false", KTK_SRC_FLAG + 1);
	}
	if (o->from_beginning)
		set(conf, "auto.offset.reset", "earliest", KTK_SRC_FLAG);
	else if (o->has_start && o->start.kind == KTK_OFFSET_SPEC_BEGINNING)
		/* a start looked up as an offset (resolve_logical) that is
		 * deleted before it is read: the first record still there */
		set(conf, "auto.offset.reset", "earliest", KTK_SRC_DEFAULT);
	else
		set(conf, "auto.offset.reset", "latest", KTK_SRC_DEFAULT);
	if (o->isolation != NULL)
		set(conf, "isolation.level", o->isolation, KTK_SRC_FLAG);
	if (o->exit_at_end) {
		set(conf, "enable.partition.eof", "true", KTK_SRC_FLAG + 1);
		/* a partition read to its end is fetched again, and the broker
		 * holds that request for up to fetch.wait.max.ms (500) for
		 * new records; closing waits for it, so that -e would end up
		 * to half a second after its last record */
		set(conf, "fetch.wait.max.ms", FETCH_WAIT_AT_END_MS,
		    KTK_SRC_DEFAULT);
	}
	/* half librdkafka's 100000: the consumer queue's messages cost
	 * about 400 bytes each, and the fetchers are woken before it runs
	 * dry (check_queue), so a larger queue buys no speed (man page) */
	set(conf, "queued.min.messages", QUEUED_MIN_MESSAGES, KTK_SRC_DEFAULT);
#if KTK_HAVE_FETCH_QUEUE_BACKOFF
	/* librdkafka's 1000 ms would leave a consumer faster than its
	 * fetcher waiting most of each second (see check_queue) */
	set(conf, "fetch.queue.backoff.ms", FETCH_QUEUE_BACKOFF_MS,
	    KTK_SRC_DEFAULT);
#endif
	if (conf->n == 0)
		return ktk_err_set(err, KTK_EXIT_SOFTWARE, "out of memory");
	return 0;
}

/* the integer value of @p key in @p conf, @p dflt when unset or not one
 * (librdkafka rejects that itself) */
static int64_t conf_i64(const struct ktk_conf *conf, const char *key,
			int64_t dflt)
{
	const char *v = ktk_conf_get(conf, key), *why;
	int64_t n;

	if (v == NULL || ktk_number_parse_i64(v, 1, INT64_MAX / 1024, &n,
					      &why) == -1)
		return dflt;
	return n;
}

/* Wait for the cluster's metadata (for @p topic, or all), failing fast
 * when authentication fails. */
static int wait_metadata(struct ktk_consume *c, rd_kafka_t *rk,
			 const char *topic, const struct rd_kafka_metadata **md,
			 struct ktk_err *err)
{
	int64_t until = ktk_clock_ms() + META_TIMEOUT_MS;

	for (;;) {
		if (ktk_meta_fetch(rk, topic, 500, md, err) == 0)
			return 0;
		rd_kafka_poll(rk, 0); /* serves error_cb */
		if (c->has_fatal) {
			*err = c->fatal;
			return -1;
		}
		if (err->code != KTK_EXIT_UNAVAILABLE || ktk_clock_ms() >= until ||
		    (c->stop && *c->stop))
			return -1;
	}
}

/* Set the logical starts left in @p l (the beginning, the end: those not
 * looked up with the partitions' ends, resolve_start) to the offsets they
 * stand for, asked through @p rk (one ListOffsets request a leader).
 * A client that was just made starts a partition at a logical offset only
 * once the partition is placed on its leader's thread, and when it is not
 * yet, half a second later (librdkafka 2.0: an offset query timer); an
 * offset it is given starts at once. When the leaders do not answer, the
 * starts stay as they were. */
static void resolve_logical(struct ktk_consume *c, rd_kafka_t *rk,
			    rd_kafka_topic_partition_list_t *l)
{
	rd_kafka_topic_partition_list_t *q =
		rd_kafka_topic_partition_list_new(l->cnt);
	rd_kafka_resp_err_t e;
	int i;

	for (i = 0; i < l->cnt; i++)
		if (l->elems[i].offset == RD_KAFKA_OFFSET_BEGINNING ||
		    l->elems[i].offset == RD_KAFKA_OFFSET_END)
			/* ListOffsets: -2 the earliest, -1 the latest */
			rd_kafka_topic_partition_list_add(q, l->elems[i].topic,
							  l->elems[i].partition)
				->offset = l->elems[i].offset;
	if (q->cnt > 0 &&
	    (e = ktk_meta_list_offsets(rk, q, QUERY_TIMEOUT_MS)) != 0)
		notice(c, 2, "looking up the start offsets: %s",
		       rd_kafka_err2str(e));
	else
		for (i = 0; i < q->cnt; i++) {
			const rd_kafka_topic_partition_t *r = &q->elems[i];

			if (r->err == 0 && r->offset >= 0)
				rd_kafka_topic_partition_list_find(
					l, r->topic, r->partition)
					->offset = r->offset;
		}
	rd_kafka_topic_partition_list_destroy(q);
}

/* Start fetcher @p fi (1 ..) for the partitions of @p l: a client of its
 * own, made from the spare configuration kept for it, that knows their
 * leaders and their start offsets before they are assigned to it */
static int fetcher_start(struct ktk_consume *c, unsigned fi,
			 rd_kafka_topic_partition_list_t *l,
			 struct ktk_err *err)
{
	rd_kafka_conf_t *rc = c->spare[fi];
	const struct rd_kafka_metadata *md;
	int i;

	c->spare[fi] = NULL;
	c->f[fi].rk = ktk_client_new(RD_KAFKA_CONSUMER, rc, err);
	if (c->f[fi].rk == NULL) {
		rd_kafka_conf_destroy(rc);
		return -1;
	}
	for (i = 0; i < l->cnt; i++) {
		if (i > 0 && strcmp(l->elems[i].topic,
				    l->elems[i - 1].topic) == 0)
			continue;
		if (wait_metadata(c, c->f[fi].rk, l->elems[i].topic, &md,
				  err) == -1)
			return -1;
		rd_kafka_metadata_destroy(md);
	}
	resolve_logical(c, c->f[fi].rk, l);
	return 0;
}

/* Assign the partitions of @p l: those with records to read dealt out in
 * turn to as many fetchers as were planned (plan_fetchers), at most one
 * for each of them, and by default one when they are known to hold fewer
 * than FETCHERS_MIN_BACKLOG records to read (-e, -N, -c N; a client costs its
 * connections and two round trips before it fetches); those done already
 * stay with the first, paused. */
static int assign_fetchers(struct ktk_consume *c,
			   rd_kafka_topic_partition_list_t *l,
			   struct ktk_err *err)
{
	const struct ktk_consume_opts *o = c->o;
	rd_kafka_topic_partition_list_t *mine[FETCHERS_MAX];
	unsigned fi, nf = c->nf, todo = 0, turn = 0;
	/* known from the ends looked up for -e and -N (not from -v's:
	 * -v does not change what is done) */
	int64_t backlog = o->exit_at_end || (o->has_start &&
					     o->start.kind ==
						     KTK_OFFSET_SPEC_TAIL)
				  ? 0
				  : -1;
	int i, e, rc = -1;

	for (i = 0; i < l->cnt; i++) {
		struct part *p = get_part(c, l->elems[i].topic,
					  l->elems[i].partition);

		if (p == NULL || p->done)
			continue;
		todo++;
		if (backlog >= 0 && p->hw_start >= 0 && p->start_at >= 0)
			backlog += p->hw_start > p->start_at
					   ? p->hw_start - p->start_at
					   : 0;
		else
			backlog = -1; /* not known */
	}
	if (o->max_messages >= 0 &&
	    (backlog < 0 || backlog > o->max_messages))
		backlog = o->max_messages; /* -c N reads N at most */
	if (o->fetchers == 0 && backlog >= 0 &&
	    backlog < FETCHERS_MIN_BACKLOG)
		nf = 1;
	if (nf > todo)
		nf = todo > 0 ? todo : 1;
	for (fi = 0; fi < nf; fi++)
		mine[fi] = rd_kafka_topic_partition_list_new(l->cnt / nf + 1);
	for (i = 0; i < l->cnt; i++) {
		rd_kafka_topic_partition_t *tp = &l->elems[i];
		struct part *p = get_part(c, tp->topic, tp->partition);

		fi = 0;
		if (p != NULL && !p->done)
			fi = turn++ % nf;
		if (p != NULL)
			p->fi = fi;
		rd_kafka_topic_partition_list_add(mine[fi], tp->topic,
						  tp->partition)
			->offset = tp->offset;
	}
	c->nf = nf;
	for (fi = 0; fi < nf; fi++) {
		if (fi > 0 && fetcher_start(c, fi, mine[fi], err) == -1)
			goto out;
		if ((e = rd_kafka_assign(c->f[fi].rk, mine[fi])) != 0) {
			ktk_err_set(err, KTK_EXIT_FAIL, "assign: %s",
				    rd_kafka_err2str(e));
			goto out;
		}
		after_assign(c, mine[fi]);
	}
	if (nf > 1)
		notice(c, 2, "fetching over %u clients (--fetchers)", nf);
	rc = 0;
out:
	for (fi = 0; fi < nf; fi++)
		rd_kafka_topic_partition_list_destroy(mine[fi]);
	return rc;
}

/* assign every partition of the topics (or those of -p) */
static int assign_all(struct ktk_consume *c, struct ktk_err *err)
{
	const struct ktk_consume_opts *o = c->o;
	const struct rd_kafka_metadata *md = NULL;
	rd_kafka_topic_partition_list_t *l = rd_kafka_topic_partition_list_new(16);
	regex_t re;
	int i, j, k, rc = -1;

	if (o->include != NULL) {
		char *pat = malloc(strlen(o->include) + 5);

		if (pat == NULL)
			goto out;
		sprintf(pat, "^(%s)$", o->include);
		k = regcomp(&re, pat, REG_EXTENDED | REG_NOSUB);
		free(pat);
		if (k != 0) {
			ktk_err_set(err, KTK_EXIT_USAGE,
				    "--include '%s': not a regular expression",
				    o->include);
			goto out;
		}
		if (wait_metadata(c, c->rk, NULL, &md, err) == -1) {
			regfree(&re);
			goto out;
		}
		for (i = 0; i < md->topic_cnt; i++) {
			const rd_kafka_metadata_topic_t *t = &md->topics[i];

			if (strncmp(t->topic, "__", 2) == 0 ||
			    regexec(&re, t->topic, 0, NULL, 0) != 0)
				continue;
			for (j = 0; j < t->partition_cnt; j++)
				rd_kafka_topic_partition_list_add(
					l, t->topic, t->partitions[j].id);
		}
		regfree(&re);
		rd_kafka_metadata_destroy(md);
		if (l->cnt == 0) {
			ktk_err_set(err, KTK_EXIT_FAIL,
				    "--include '%s': no topic matches",
				    o->include);
			goto out;
		}
	}
	for (i = 0; i < o->ntopics; i++) {
		const rd_kafka_metadata_topic_t *t;

		if (wait_metadata(c, c->rk, o->topics[i], &md, err) == -1)
			goto out;
		t = &md->topics[0];
		if (o->npartitions == 0) {
			for (j = 0; j < t->partition_cnt; j++)
				rd_kafka_topic_partition_list_add(
					l, t->topic, t->partitions[j].id);
		}
		for (k = 0; k < o->npartitions; k++) {
			if (o->partitions[k] >= t->partition_cnt) {
				ktk_err_set(err, KTK_EXIT_FAIL,
					    "topic %s has no partition %d "
					    "(it has %d)",
					    t->topic, o->partitions[k],
					    t->partition_cnt);
				rd_kafka_metadata_destroy(md);
				goto out;
			}
			rd_kafka_topic_partition_list_add(l, t->topic,
							  o->partitions[k]);
		}
		rd_kafka_metadata_destroy(md);
	}
	resolve_start(c, l);
	if (c->has_fatal) {
		*err = c->fatal;
		goto out;
	}
	note_parts(c, "assigned", l);
	rc = assign_fetchers(c, l, err);
out:
	rd_kafka_topic_partition_list_destroy(l);
	return rc;
}

static int subscribe(struct ktk_consume *c, struct ktk_err *err)
{
	const struct ktk_consume_opts *o = c->o;
	const struct rd_kafka_metadata *md;
	rd_kafka_topic_partition_list_t *l = rd_kafka_topic_partition_list_new(4);
	rd_kafka_resp_err_t e;
	int i;

	for (i = 0; i < o->ntopics; i++) {
		/* a topic that does not exist is an error, not a wait */
		if (wait_metadata(c, c->rk, o->topics[i], &md, err) == -1) {
			rd_kafka_topic_partition_list_destroy(l);
			return -1;
		}
		rd_kafka_metadata_destroy(md);
		rd_kafka_topic_partition_list_add(l, o->topics[i],
						  RD_KAFKA_PARTITION_UA);
	}
	if (o->include != NULL) {
		char *pat = malloc(strlen(o->include) + 5);

		if (pat == NULL) {
			rd_kafka_topic_partition_list_destroy(l);
			return ktk_err_set(err, KTK_EXIT_SOFTWARE,
					   "out of memory");
		}
		sprintf(pat, "^(%s)$", o->include);
		rd_kafka_topic_partition_list_add(l, pat, RD_KAFKA_PARTITION_UA);
		free(pat);
		if (wait_metadata(c, c->rk, NULL, &md, err) == -1) {
			rd_kafka_topic_partition_list_destroy(l);
			return -1;
		}
		rd_kafka_metadata_destroy(md);
	}
	e = rd_kafka_subscribe(c->rk, l);
	rd_kafka_topic_partition_list_destroy(l);
	if (e)
		return ktk_err_set(err, KTK_EXIT_FAIL, "subscribe: %s",
				   rd_kafka_err2str(e));
	notice(c, 2, "joining group %s: waiting for the group to assign "
		     "partitions (a rebalance)",
	       o->group);
	c->join_ms = ktk_clock_ms();
	return 0;
}

/* ---- fetchers ---------------------------------------------------------------
 *
 * librdkafka fetches a broker's partitions with one Fetch request at a
 * time: the broker reads and sends the response while the client waits,
 * then the client parses it while the broker waits. On one broker with 6
 * partitions, a million records of 100 bytes take 0.40 s this way; two
 * clients over disjoint halves of the partitions keep both busy and take
 * 0.26 s (tests/bench/consumer.sh). So a consumer without a group fetches
 * over several clients (fetchers), each with its own connections, and
 * takes the records of all of them on its one thread; each partition is
 * one fetcher's, so its records keep their order. A group member has one
 * (its membership is one client's), and so has a consumer that starts at
 * the end (it has nothing to catch up on) or has little to read
 * (assign_fetchers). */

/* how many fetchers to start: --fetchers, else one for each CPU, at most
 * FETCHERS_AUTO (never more than the partitions with records to read:
 * assign_fetchers) */
static unsigned plan_fetchers(const struct ktk_consume_opts *o)
{
	long cpus;

	if (o->group != NULL)
		return 1;
	if (o->fetchers > 0)
		return o->fetchers < FETCHERS_MAX ? (unsigned)o->fetchers
						  : FETCHERS_MAX;
	if (o->has_start ? o->start.kind == KTK_OFFSET_SPEC_END
			 : !o->from_beginning)
		return 1;
	{
		/* the CPUs it may run on, as nproc(1) counts them */
		cpu_set_t set;

		cpus = sched_getaffinity(0, sizeof(set), &set) == 0
			       ? CPU_COUNT(&set)
			       : sysconf(_SC_NPROCESSORS_ONLN);
	}
	if (cpus < 1)
		return 1;
	return cpus < FETCHERS_AUTO ? (unsigned)cpus : FETCHERS_AUTO;
}

/* The fetchers share the consumer's queue limits: each gets
 * queued.min.messages and queued.max.messages.kbytes over their number, so
 * that the memory held is the same with one or several. */
static void share_queue(struct ktk_consume *c, struct ktk_conf *conf)
{
	const char *src[] = {"queued.min.messages",
			     "queued.max.messages.kbytes"};
	int64_t v[2];
	char num[32], origin[256];
	size_t i;

	v[0] = conf_i64(conf, src[0], 100000);
	v[1] = conf_i64(conf, src[1], 65536);
	for (i = 0; i < 2 && c->nf > 1; i++) {
		const struct ktk_conf_ent *e = ktk_conf_find(conf, src[i]);

		if (e != NULL && conf_i64(conf, src[i], -1) == -1)
			continue; /* not a number: librdkafka says so */
		v[i] = v[i] / c->nf > 0 ? v[i] / c->nf : 1;
		snprintf(num, sizeof(num), "%lld", (long long)v[i]);
		snprintf(origin, sizeof(origin), "%s",
			 e ? e->origin : "ktk-consumer");
		ktk_conf_set(conf, src[i], num, e ? e->src : KTK_SRC_DEFAULT,
			     origin);
	}
	c->queued_min = v[0];
	c->queued_max_bytes = v[1] * 1024;
}

/* Take the fetchers' records on this thread: each queue's own, and with
 * several, a pipe that librdkafka writes a byte to when one of them gets
 * records while empty (take waits on it). */
static int watch_queues(struct ktk_consume *c, struct ktk_err *err)
{
	unsigned fi;

	for (fi = 0; fi < c->nf; fi++) {
		rd_kafka_poll_set_consumer(c->f[fi].rk);
		c->f[fi].cq = rd_kafka_queue_get_consumer(c->f[fi].rk);
		if (c->f[fi].cq == NULL)
			return ktk_err_set(err, KTK_EXIT_SOFTWARE,
					   "no consumer queue");
	}
	c->wake = KTK_RDK_BUG_FETCH_QUEUE_STALL;
	if (c->nf == 1)
		return 0;
	if (pipe(c->evfd) == -1)
		return ktk_err_set(err, KTK_EXIT_SOFTWARE, "pipe: %s",
				   strerror(errno));
	for (fi = 0; fi < 2; fi++) {
		fcntl(c->evfd[fi], F_SETFD, FD_CLOEXEC);
		fcntl(c->evfd[fi], F_SETFL, O_NONBLOCK);
	}
	for (fi = 0; fi < c->nf; fi++)
		rd_kafka_queue_io_event_enable(c->f[fi].cq, c->evfd[1], "r", 1);
	return 0;
}

struct ktk_consume *ktk_consume_new(const struct ktk_conf *client,
				    const struct ktk_consume_opts *o,
				    struct ktk_sink *out,
				    volatile sig_atomic_t *stop,
				    struct ktk_err *err)
{
	struct ktk_consume *c;
	struct ktk_conf conf;
	rd_kafka_conf_t *rc;
	unsigned i;

	/* before anything is read or committed */
	if (ktk_sink_usable(out, err) == -1)
		return NULL;
	if ((c = calloc(1, sizeof(*c))) == NULL) {
		ktk_err_set(err, KTK_EXIT_SOFTWARE, "out of memory");
		return NULL;
	}
	c->evfd[0] = c->evfd[1] = -1;
	c->o = o;
	c->client = client;
	c->out = out;
	c->stop = stop;
	c->group_mode = o->group != NULL;
	c->commit = c->group_mode && !o->no_commit;
	if (ktk_consume_conf(client, o, &conf, err) == -1) {
		ktk_conf_free(&conf);
		free(c);
		return NULL;
	}
	c->nf = plan_fetchers(o);
	share_queue(c, &conf);
	rc = ktk_client_conf(&conf, o->verbosity, err);
	ktk_conf_free(&conf);
	if (rc == NULL) {
		free(c);
		return NULL;
	}
	/* a bad configuration first (78), then no broker accepting a
	 * connection: the same line as every binary (within 2 s, or
	 * --timeout-ms when that is shorter) */
	if (ktk_client_reachable(client, o->timeout_ms, err) == -1) {
		rd_kafka_conf_destroy(rc);
		free(c);
		return NULL;
	}
	c->log_max = ktk_client_log_max(client, o->verbosity);
	keep_heap();
	rd_kafka_conf_set_opaque(rc, c);
	rd_kafka_conf_set_error_cb(rc, error_cb);
	if (c->group_mode)
		rd_kafka_conf_set_rebalance_cb(rc, rebalance_cb);
	for (i = 1; i < c->nf; i++)
		c->spare[i] = rd_kafka_conf_dup(rc);
	c->rk = c->f[0].rk = ktk_client_new(RD_KAFKA_CONSUMER, rc, err);
	if (c->rk == NULL) {
		rd_kafka_conf_destroy(rc);
		c->closed = 1;
		ktk_consume_free(c);
		return NULL;
	}
	if ((c->group_mode ? subscribe(c, err) : assign_all(c, err)) == -1 ||
	    watch_queues(c, err) == -1) {
		c->closed = 1; /* nothing to commit, no group joined yet */
		ktk_consume_free(c);
		return NULL;
	}
	/* a short reader (| head) gets the first records one at a time, so
	 * that what it takes out of a pipe and drops is little (sink.h) */
	if (c->commit && !o->unbuffered)
		ktk_sink_ramp_start(out);
	c->last_activity_ms = ktk_clock_ms();
	return c;
}

/* ---- keeping the fetchers busy -------------------------------------------
 *
 * librdkafka fetches until the consumer queue (every partition's fetch
 * queue forwards to it, so the count is of all partitions together) holds
 * queued.min.messages or queued.max.messages.kbytes, then stops fetching.
 * Before 2.1 (KTK_RDK_BUG_FETCH_QUEUE_STALL) a broker thread that stopped
 * looks at its partitions again only when an operation reaches it, or after
 * a second: a consumer that empties the queue faster than that waits for
 * the rest of the second, again and again (-J of a million records on a
 * real broker: 1.1 to 4 s for 0.5 s of work). So when the queue was seen
 * full and is down to half of it, ktk sends the partitions' leaders a
 * request each answers at once (ListOffsets for the latest offsets, through
 * rd_kafka_offsets_for_times); the broker thread that sends it looks at
 * its partitions again and fetches. The request goes from a thread of
 * ktk's own (the waker), so the records still queued are taken meanwhile:
 * sent from the consumer's thread, its round trips stopped -J for 10 to
 * 40 ms a million records. From 2.1 on, fetch.queue.backoff.ms
 * says how long a full queue pauses fetching, and ktk's default for it is
 * short (build_conf): no wake-up needed.
 */

static void *waker_main(void *arg)
{
	struct waker *w = arg;

	pthread_mutex_lock(&w->mu);
	for (;;) {
		rd_kafka_topic_partition_list_t *l;
		rd_kafka_resp_err_t e;

		while (w->todo == NULL && !w->quit)
			pthread_cond_wait(&w->cv, &w->mu);
		if (w->quit)
			break;
		l = w->todo;
		w->todo = NULL;
		pthread_mutex_unlock(&w->mu);
		e = rd_kafka_offsets_for_times(w->rk, l, WAKE_TIMEOUT_MS);
		rd_kafka_topic_partition_list_destroy(l);
		pthread_mutex_lock(&w->mu);
		w->err = e;
		w->busy = 0;
	}
	pthread_mutex_unlock(&w->mu);
	return NULL;
}

/* a wake-up on its way (its error, once back, said at -vvv) */
static int waker_busy(struct ktk_consume *c, struct fetcher *f)
{
	struct waker *w = &f->waker;
	rd_kafka_resp_err_t e;
	int busy;

	if (!f->waker_started)
		return 0;
	pthread_mutex_lock(&w->mu);
	busy = w->busy;
	e = w->err;
	w->err = 0;
	pthread_mutex_unlock(&w->mu);
	if (e)
		notice(c, 3, "waking the fetchers: %s", rd_kafka_err2str(e));
	return busy;
}

/* hand @p l to the waker (started now if need be). @returns 0, or -1
 * when no thread can be started (@p l is still the caller's) */
static int waker_send(struct fetcher *f, rd_kafka_topic_partition_list_t *l)
{
	struct waker *w = &f->waker;

	if (!f->waker_started) {
		w->rk = f->rk;
		if (pthread_mutex_init(&w->mu, NULL) != 0)
			return -1;
		if (pthread_cond_init(&w->cv, NULL) != 0) {
			pthread_mutex_destroy(&w->mu);
			return -1;
		}
		if (pthread_create(&w->th, NULL, waker_main, w) != 0) {
			pthread_cond_destroy(&w->cv);
			pthread_mutex_destroy(&w->mu);
			return -1;
		}
		f->waker_started = 1;
	}
	pthread_mutex_lock(&w->mu);
	w->todo = l;
	w->busy = 1;
	pthread_cond_signal(&w->cv);
	pthread_mutex_unlock(&w->mu);
	return 0;
}

/* end the waker (before the consumer closes): a wake-up on its way is
 * answered within WAKE_TIMEOUT_MS */
static void waker_stop(struct fetcher *f)
{
	struct waker *w = &f->waker;

	if (!f->waker_started)
		return;
	f->waker_started = 0;
	pthread_mutex_lock(&w->mu);
	w->quit = 1;
	pthread_cond_signal(&w->cv);
	pthread_mutex_unlock(&w->mu);
	pthread_join(w->th, NULL);
	if (w->todo != NULL)
		rd_kafka_topic_partition_list_destroy(w->todo);
	w->todo = NULL;
	pthread_cond_destroy(&w->cv);
	pthread_mutex_destroy(&w->mu);
}

/* Look at fetcher @p fi's queue every QUEUE_CHECK_EVERY messages taken
 * from it (@p n just now) and when @p idle; wake its broker threads when
 * it runs low. */
static void check_queue(struct ktk_consume *c, unsigned fi, ssize_t n,
			int idle)
{
	struct fetcher *f = &c->f[fi];
	rd_kafka_topic_partition_list_t *l;
	int64_t len;
	size_t i;

	if (!c->wake)
		return;
	if (n > 0)
		f->since_check += (unsigned)n;
	if (!idle && f->since_check < QUEUE_CHECK_EVERY)
		return;
	f->since_check = 0;
	len = (int64_t)rd_kafka_queue_length(f->cq);
	if (len >= c->queued_min - 2 * (int64_t)QUEUE_CHECK_EVERY ||
	    f->wake_bytes >= (uint64_t)c->queued_max_bytes / 2)
		f->fetch_full = 1;
	if (!f->fetch_full || len > c->queued_min / 2)
		return;
	if (waker_busy(c, f))
		return; /* the last one is still on its way: look again later */
	f->fetch_full = 0;
	f->wake_bytes = 0;
	l = rd_kafka_topic_partition_list_new(8);
	for (i = 0; i < c->nall; i++)
		if (c->all[i]->assigned && !c->all[i]->done &&
		    c->all[i]->fi == fi)
			rd_kafka_topic_partition_list_add(l, c->all[i]->st.topic,
							  c->all[i]->st.partition)
				->offset = RD_KAFKA_OFFSET_END; /* latest */
	if (l->cnt == 0) {
		rd_kafka_topic_partition_list_destroy(l);
		return;
	}
	if (waker_send(f, l) == -1) {
		/* no thread: send it from here */
		rd_kafka_resp_err_t e =
			rd_kafka_offsets_for_times(f->rk, l, WAKE_TIMEOUT_MS);

		if (e)
			notice(c, 3, "waking the fetchers: %s",
			       rd_kafka_err2str(e));
		rd_kafka_topic_partition_list_destroy(l);
	}
}

/* ---- the loop --------------------------------------------------------------- */

/* the record view of a message of partition @p p; headers in c->hdrs
 * (the topic's name is the partition's: no lookup, no strlen a record) */
static int to_record(struct ktk_consume *c, const struct part *p,
		     rd_kafka_message_t *m, struct ktk_record_view *r)
{
	rd_kafka_timestamp_type_t tt;
	rd_kafka_headers_t *hs;
	size_t i, n;

	r->topic = p->st.topic;
	r->topic_len = p->topic_len;
	r->partition = m->partition;
	r->offset = m->offset;
	r->timestamp = rd_kafka_message_timestamp(m, &tt);
	r->tstype = tt == RD_KAFKA_TIMESTAMP_CREATE_TIME	 ? KTK_TS_CREATE
		    : tt == RD_KAFKA_TIMESTAMP_LOG_APPEND_TIME ? KTK_TS_LOG_APPEND
							       : KTK_TS_NONE;
#if KTK_HAVE_LEADER_EPOCH
	r->leader_epoch = rd_kafka_message_leader_epoch(m);
#else
	r->leader_epoch = -1;
#endif
	/* librdkafka: a NULL pointer for null, non-NULL for empty bytes */
	r->key = m->key;
	r->key_len = m->key_len;
	r->value = m->payload;
	r->value_len = m->len;
	r->headers = NULL;
	r->header_cnt = 0;
	if (!c->o->need_headers || rd_kafka_message_headers(m, &hs) != 0)
		return 0;
	n = rd_kafka_header_cnt(hs);
	if (n > c->hcap) {
		struct ktk_header *h = realloc(c->hdrs, n * sizeof(*h));

		if (h == NULL)
			return -1;
		c->hdrs = h;
		c->hcap = n;
	}
	for (i = 0; i < n; i++) {
		struct ktk_header *h = &c->hdrs[i];
		const void *v;
		size_t vs;

		if (rd_kafka_header_get_all(hs, i, &h->name, &v, &vs) != 0)
			break;
		h->name_len = strlen(h->name);
		h->value = v;
		h->value_len = vs;
	}
	r->headers = c->hdrs;
	r->header_cnt = i;
	return 0;
}

static void on_error_msg(struct ktk_consume *c, unsigned fi,
			 rd_kafka_message_t *m)
{
	struct part *p = m->rkt ? msg_part(c, fi, m) : NULL;

	switch (m->err) {
	case RD_KAFKA_RESP_ERR__PARTITION_EOF:
		if (p != NULL && c->o->exit_at_end)
			part_done(c, p);
		return;
	case RD_KAFKA_RESP_ERR_TOPIC_AUTHORIZATION_FAILED:
	case RD_KAFKA_RESP_ERR_GROUP_AUTHORIZATION_FAILED:
	case RD_KAFKA_RESP_ERR__AUTHENTICATION:
	case RD_KAFKA_RESP_ERR_SASL_AUTHENTICATION_FAILED:
		if (!ktk_client_refused(m->err, rd_kafka_message_errstr(m))) {
			/* a connection lost while logging in: it reconnects */
			notice(c, 2, "%s", rd_kafka_message_errstr(m));
			return;
		}
		/* fall through */
	case RD_KAFKA_RESP_ERR_UNKNOWN_TOPIC_OR_PART:
	case RD_KAFKA_RESP_ERR__UNKNOWN_TOPIC:
		if (m->rkt) {
			struct ktk_err e = {0};

			ktk_client_no_topic(&e, rd_kafka_topic_name(m->rkt));
			set_fatal(c, e.code, "%s", e.msg);
			return;
		}
		/* fall through */
	case RD_KAFKA_RESP_ERR__UNKNOWN_PARTITION:
		if (m->rkt)
			set_fatal(c, KTK_EXIT_FAIL, "topic %s: %s",
				  rd_kafka_topic_name(m->rkt),
				  rd_kafka_message_errstr(m));
		else
			set_fatal(c, KTK_EXIT_FAIL, "%s",
				  rd_kafka_message_errstr(m));
		return;
	case RD_KAFKA_RESP_ERR__FATAL:
		error_cb(c->f[fi].rk, m->err, rd_kafka_message_errstr(m), c);
		return;
	default:
		break;
	}
	notice(c, 1, "%s%s%s", m->rkt ? rd_kafka_topic_name(m->rkt) : "",
	       m->rkt ? ": " : "", rd_kafka_message_errstr(m));
}

/* The offset after @p offset through the one checked offset sum
 * (lib/base/offset.h), saturated at INT64_MAX: a record there has no next
 * offset, and a commit must not wrap to a negative one. */
static int64_t next_offset(int64_t offset)
{
	int overflow = 0;
	int64_t next = ktk_offset_add(offset, 1, &overflow);

	return overflow ? INT64_MAX : next;
}

/* a message from fetcher @p fi */
static void on_message(struct ktk_consume *c, unsigned fi,
		       rd_kafka_message_t *m)
{
	const struct ktk_consume_opts *o = c->o;
	struct ktk_record_view r;
	struct part *p;

	if (m->err) {
		on_error_msg(c, fi, m);
		return;
	}
	p = msg_part(c, fi, m);
	if (p == NULL || !p->assigned || p->done)
		return; /* fetched before a revocation or a stop */
	if (o->has_until) {
		int64_t ts = rd_kafka_message_timestamp(m, NULL);

		if (o->until.kind == KTK_OFFSET_SPEC_ABSOLUTE
			    ? m->offset >= o->until.value
			    : ts >= o->until.value) {
			part_done(c, p);
			return;
		}
	}
	if (to_record(c, p, m, &r) == -1) {
		set_fatal(c, KTK_EXIT_SOFTWARE, "out of memory");
		return;
	}
	o->format(o->format_ctx, &r, &c->out->buf);
	if (c->commit &&
	    ktk_sink_mark(c->out, p->id, next_offset(m->offset)) == -1) {
		set_fatal(c, KTK_EXIT_SOFTWARE, "out of memory");
		return;
	}
	c->count++;
	c->f[fi].wake_bytes += m->key_len + m->len;
	p->st.records++;
	p->st.bytes += m->key_len + m->len;
	p->st.last_offset = m->offset;
	if (o->has_until && o->until.kind == KTK_OFFSET_SPEC_ABSOLUTE &&
	    next_offset(m->offset) >= o->until.value)
		part_done(c, p);
	if (o->exit_at_end && p->hw_start >= 0 &&
	    next_offset(m->offset) >= p->hw_start)
		part_done(c, p);
	if (o->max_messages >= 0 && c->count >= (uint64_t)o->max_messages)
		c->finished = 1;
}

/* after a record is formatted: write the output out when it is due */
static void after_message(struct ktk_consume *c)
{
	if ((c->o->unbuffered && c->out->buf.len > 0) ||
	    ktk_sink_ramp_due(c->out)) {
		flush_out(c);
		if (!c->finished && ktk_sink_handoff(c->out) == -1)
			c->finished = 1;
	} else if (c->out->buf.len >= FLUSH_AT) {
		flush_out(c);
	}
}

/* Take what a consumer queue holds, up to @p size messages, without
 * waiting (the fetchers' in turn; *@p fi: whose); when none holds any,
 * wait up to @p wait_ms for one. Taking many at once costs one lock and
 * one clock reading for all of them instead of each
 * (rd_kafka_consumer_poll: a quarter of the CPU time of a run printing
 * values). */
static ssize_t take(struct ktk_consume *c, rd_kafka_message_t **ms,
		    size_t size, int wait_ms, unsigned *fi)
{
	struct pollfd pfd;
	char drain[64];
	unsigned k;
	ssize_t n;

	if (c->nf == 1) {
		*fi = 0;
		n = rd_kafka_consume_batch_queue(c->f[0].cq, 0, ms, size);
		if (n > 0)
			return n;
		ms[0] = rd_kafka_consumer_poll(c->rk, wait_ms);
		return ms[0] != NULL;
	}
	for (k = 0; k < 2 * c->nf; k++) {
		/* all empty: the pipe emptied, then each queue looked at
		 * again, so that a byte written after this is a queue that
		 * got records after that look */
		if (k == c->nf)
			while (read(c->evfd[0], drain, sizeof(drain)) > 0)
				;
		*fi = (c->next_f + k) % c->nf;
		n = rd_kafka_consume_batch_queue(c->f[*fi].cq, 0, ms, size);
		if (n > 0) {
			c->next_f = *fi + 1;
			return n;
		}
	}
	if (wait_ms > 0) {
		pfd.fd = c->evfd[0];
		pfd.events = POLLIN;
		poll(&pfd, 1, wait_ms);
	}
	return 0;
}

/* -v: a member still given no partition says so every 10 s */
static void waiting_notice(struct ktk_consume *c)
{
	int64_t now;
	size_t i;

	if (!c->group_mode || c->o->verbosity < 2)
		return;
	for (i = 0; i < c->nall; i++)
		if (c->all[i]->assigned)
			return;
	if ((now = ktk_clock_ms()) - c->join_ms < 10000)
		return;
	c->join_ms = now;
	notice(c, 2, "still waiting for group %s to assign partitions (a "
		     "member gone without leaving holds them until its "
		     "session times out)",
	       c->o->group);
}

/* end the fetchers: the wakers, the queues, then each client (closed
 * first, unless there is nothing to close) */
static void *destroy_main(void *rk)
{
	rd_kafka_destroy_flags(rk, RD_KAFKA_DESTROY_F_NO_CONSUMER_CLOSE);
	return NULL;
}

static void close_fetchers(struct ktk_consume *c)
{
	pthread_t th[FETCHERS_MAX];
	int started[FETCHERS_MAX] = {0};
	unsigned fi, k;

	/* the last first: the others end in threads while the first ends */
	for (k = 0; k < FETCHERS_MAX; k++) {
		struct fetcher *f = &c->f[fi = FETCHERS_MAX - 1 - k];

		waker_stop(f);
		if (f->cq != NULL) {
			if (c->evfd[1] != -1)
				rd_kafka_queue_io_event_enable(f->cq, -1, NULL,
							       0);
			rd_kafka_queue_destroy(f->cq);
			f->cq = NULL;
		}
		if (f->rk != NULL) {
			if (!c->group_mode) {
				/* nothing to commit or leave. The clients end
				 * side by side: each may take a second
				 * (librdkafka 2.8's group coordinator thread
				 * wakes to its end only then, group or not) */
				if (fi > 0 && pthread_create(&th[fi], NULL,
							     destroy_main,
							     f->rk) == 0)
					started[fi] = 1;
				else
					destroy_main(f->rk);
				f->rk = NULL;
				continue;
			}
			if (!c->closed)
				rd_kafka_consumer_close(f->rk);
			rd_kafka_destroy(f->rk);
			f->rk = NULL;
		}
	}
	for (fi = 0; fi < FETCHERS_MAX; fi++)
		if (started[fi])
			pthread_join(th[fi], NULL);
	c->closed = 1;
	c->rk = NULL;
	for (fi = 0; fi < 2; fi++)
		if (c->evfd[fi] != -1) {
			close(c->evfd[fi]);
			c->evfd[fi] = -1;
		}
}

int ktk_consume_run(struct ktk_consume *c, struct ktk_err *err)
{
	const struct ktk_consume_opts *o = c->o;
	int stoppable = o->exit_at_end || o->has_until;
	rd_kafka_message_t *ms[TAKE_AT_ONCE];

	if (o->max_messages == 0)
		c->finished = 1;
	while (!c->finished && !(c->stop && *c->stop)) {
		int wait = c->out->buf.len > 0 ? 0 : 100, got = 0;
		unsigned fi;
		ssize_t i, n;

		if (stoppable && all_done(c))
			break;
		n = take(c, ms, TAKE_AT_ONCE, wait, &fi);
		if (n > 0)
			check_queue(c, fi, n, 0);
		else
			for (fi = 0; fi < c->nf; fi++)
				check_queue(c, fi, 0, 1);
		if (n <= 0) {
			flush_out(c);
			waiting_notice(c);
			/* idle: a reader that went away ends the run */
			if (wait > 0 && ktk_sink_reader_gone(c->out))
				break;
			if (o->timeout_ms >= 0 && (c->joined || !c->group_mode) &&
			    ktk_clock_ms() - c->last_activity_ms >= o->timeout_ms) {
				notice(c, 2, "no record for %lld ms",
				       (long long)o->timeout_ms);
				break;
			}
			continue;
		}
		for (i = 0; i < n; i++) {
			rd_kafka_message_t *m = ms[i];

			/* the rest of a batch after the end is dropped, as
			 * fetched but not taken */
			if (!c->finished && !(c->stop && *c->stop)) {
				got |= !m->err;
				on_message(c, fi, m);
				after_message(c);
			}
			rd_kafka_message_destroy(m);
		}
		if (got)
			c->last_activity_ms = ktk_clock_ms();
	}
	flush_out(c);
	/* what a live reader is still taking out of the pipe: a little
	 * while for it, then commit what it has */
	if (c->commit && !c->out->broken && !(c->stop && *c->stop)) {
		ktk_sink_drain(c->out, DRAIN_MS);
		store_confirmed(c);
	}
	commit_sync(c);
	/* librdkafka's last words come now, before the caller's summary */
	close_fetchers(c);
	if (c->has_fatal) {
		*err = c->fatal;
		return -1;
	}
	return 0;
}

uint64_t ktk_consume_count(const struct ktk_consume *c) { return c->count; }

const struct ktk_consume_part_stats *
ktk_consume_part(const struct ktk_consume *c, size_t i)
{
	return i < c->nall ? &c->all[i]->st : NULL;
}

void ktk_consume_free(struct ktk_consume *c)
{
	size_t i;

	if (c == NULL)
		return;
	close_fetchers(c);
	for (i = 0; i < FETCHERS_MAX; i++)
		if (c->spare[i] != NULL)
			rd_kafka_conf_destroy(c->spare[i]);
	for (i = 0; i < c->nall; i++)
		free(c->all[i]);
	for (i = 0; i < c->ntopics; i++) {
		free(c->topics[i].name);
		free(c->topics[i].parts);
	}
	free(c->all);
	free(c->topics);
	free(c->hdrs);
	free(c);
}

int ktk_consume_check(const struct ktk_consume_opts *o, struct ktk_err *err)
{
	if (o->ntopics == 0 && o->include == NULL)
		return ktk_opt_required(err, "--topic or --include", NULL);
	if (o->ntopics > 0 && o->include != NULL)
		return ktk_opt_conflict(err, "--topic", "--include");
	if (o->npartitions > 0 && o->ntopics == 0)
		return ktk_opt_required(err, "--topic", "--partition");
	if (o->npartitions > 0 && o->group != NULL)
		return ktk_opt_conflict(err, "--partition", "--group");
	if (o->from_beginning && o->has_start)
		return ktk_opt_conflict(err, "--from-beginning", "--offset");
	return 0;
}

int ktk_consume_check_group(const struct ktk_consume_opts *o,
			    struct ktk_err *err)
{
	if (o->has_start && o->start.kind == KTK_OFFSET_SPEC_STORED &&
	    o->group == NULL)
		return ktk_opt_required(err, "--group", "--offset stored");
	if (o->strategy != NULL && o->group == NULL)
		return ktk_opt_required(err, "--group",
					"--partition-assignment-strategy");
	return 0;
}

int ktk_consume_kcat_include(struct ktk_consume_opts *o, const char *arg,
			     struct ktk_err *err)
{
	if (o->include != NULL)
		return ktk_err_set(err, KTK_EXIT_USAGE,
				   "-G: one ^REGEX topic at most ('%s' and "
				   "'%s'); join them with |",
				   o->include, arg);
	o->include = arg;
	return 0;
}

enum ktk_consume_group_conf
ktk_consume_group_from_conf(struct ktk_consume_opts *o,
			    const struct ktk_conf *client,
			    const struct ktk_conf_ent **ent)
{
	const struct ktk_conf_ent *e = ktk_conf_find(client, "group.id");

	*ent = e;
	if (o->group != NULL || e == NULL || e->src == KTK_SRC_DEFAULT ||
	    *e->val == '\0')
		return KTK_CONSUME_GROUP_NONE;
	if (o->npartitions > 0)
		return KTK_CONSUME_GROUP_UNUSED;
	o->group = e->val;
	return KTK_CONSUME_GROUP_JOINED;
}

static void summary_head(struct ktk_buffer *b, const char *prog)
{
	ktk_buffer_puts(b, prog);
	ktk_buffer_puts(b, ": ");
}

void ktk_consume_summary(const struct ktk_consume *c, const char *prog,
			 struct ktk_buffer *b)
{
	const struct ktk_consume_part_stats *s;
	char sz[32];
	size_t i;

	for (i = 0; (s = ktk_consume_part(c, i)) != NULL; i++) {
		if (s->records == 0 && s->committed < 0)
			continue;
		summary_head(b, prog);
		ktk_buffer_puts(b, s->topic);
		ktk_buffer_puts(b, " [");
		ktk_buffer_put_i64(b, s->partition);
		ktk_buffer_puts(b, "]: ");
		ktk_buffer_put_i64(b, (int64_t)s->records);
		ktk_buffer_puts(b, ktk_units_plural(s->records, " record, ",
						    " records, "));
		ktk_buffer_puts(b, ktk_units_bytes(s->bytes, sz, sizeof(sz)));
		ktk_buffer_puts(b, ", last offset ");
		ktk_buffer_put_i64(b, s->last_offset);
		if (s->committed >= 0) {
			ktk_buffer_puts(b, ", committed ");
			ktk_buffer_put_i64(b, s->committed);
		}
		ktk_buffer_putc(b, '\n');
	}
	summary_head(b, prog);
	ktk_buffer_put_i64(b, (int64_t)ktk_consume_count(c));
	ktk_buffer_puts(b, ktk_units_plural(ktk_consume_count(c),
					    " record in total\n",
					    " records in total\n"));
}
