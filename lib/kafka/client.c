/* SPDX-License-Identifier: Apache-2.0 */
/* client.c -- librdkafka configuration, logging and errors; see client.h. */
#include "lib/kafka/client.h"
#include "lib/kafka/features.h"

#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "lib/base/clock.h"

static void log_cb(const rd_kafka_t *rk, int level, const char *fac,
		   const char *buf)
{
	const int *max = rd_kafka_opaque(rk);

	if (max != NULL && level > *max)
		return;
	/* a broker connection failing also comes to the error callback,
	 * which the tools report: once, unless debugging */
	if (strcmp(fac, "FAIL") == 0 && (max == NULL || *max < 7))
		return;
	fprintf(stderr, "%s: librdkafka %s: %s\n", ktk_prog(), fac, buf);
}

/* librdkafka log levels are syslog's: 0 emerg .. 7 debug. Quiet shows
 * errors (3); normal shows critical only (transient connection errors are
 * reported by the tools themselves); -v warnings and notices; -vv all. */
static const int log_levels[] = {3, 2, 5, 7};

int ktk_client_log_max(const struct ktk_conf *conf, int verbosity)
{
	if (verbosity < 0)
		verbosity = 0;
	if (verbosity > 3 || ktk_conf_get(conf, "debug") != NULL)
		verbosity = 3;
	return log_levels[verbosity];
}

rd_kafka_conf_t *ktk_client_conf(const struct ktk_conf *conf, int verbosity,
				 struct ktk_err *err)
{
	rd_kafka_conf_t *rc = rd_kafka_conf_new();
	char errstr[512];
	size_t i;

	if (verbosity < 0)
		verbosity = 0;
	if (verbosity > 3)
		verbosity = 3;
	for (i = 0; i < conf->n; i++) {
		const struct ktk_conf_ent *e = &conf->ents[i];

		if (rd_kafka_conf_set(rc, e->key, e->val, errstr,
				      sizeof(errstr)) != RD_KAFKA_CONF_OK) {
			ktk_conf_mask_in(conf, errstr);
			rd_kafka_conf_destroy(rc);
			ktk_err_set(err, KTK_EXIT_CONFIG, "%s (from %s)",
				    errstr, e->origin);
			return NULL;
		}
	}
	if (ktk_conf_get(conf, "debug") != NULL)
		verbosity = 3;
	rd_kafka_conf_set_opaque(rc, (void *)&log_levels[verbosity]);
	rd_kafka_conf_set_log_cb(rc, log_cb);
	return rc;
}

rd_kafka_t *ktk_client_new(rd_kafka_type_t type, rd_kafka_conf_t *rconf,
			   struct ktk_err *err)
{
	char errstr[512];
	rd_kafka_t *rk = rd_kafka_new(type, rconf, errstr, sizeof(errstr));

	if (rk == NULL)
		ktk_err_set(err, KTK_EXIT_CONFIG, "%s", errstr);
	return rk;
}

/* ---- is any bootstrap broker there? ------------------------------------ */

#define REACH_BROKERS 64 /* brokers tried; more count as down */
#define REACH_FDS 256    /* connections in flight at once */

/* Split "[proto://]host[:port]" in place into @p host and @p port. */
static void split_broker(char *b, char **host, const char **port)
{
	char *p = strstr(b, "://"), *colon;

	if (p != NULL)
		b = p + 3;
	*port = "9092";
	if (*b == '[') { /* [v6]:port */
		*host = b + 1;
		p = strchr(b, ']');
		if (p != NULL) {
			*p = '\0';
			if (p[1] == ':' && p[2] != '\0')
				*port = p + 2;
		}
		return;
	}
	*host = b;
	colon = strrchr(b, ':');
	if (colon != NULL && colon == strchr(b, ':')) { /* not a bare v6 */
		*colon = '\0';
		if (colon[1] != '\0')
			*port = colon + 1;
	}
}

/* Start a non-blocking connection to every address of @p host:@p port
 * into @p fds (from *@p n on). @returns 1 when one connected at once. */
static int reach_start(const char *host, const char *port,
		       struct pollfd *fds, int *n)
{
	struct addrinfo hints, *res = NULL, *ai;
	int up = 0;

	memset(&hints, 0, sizeof(hints));
	hints.ai_family = AF_UNSPEC;
	hints.ai_socktype = SOCK_STREAM;
	if (getaddrinfo(host, port, &hints, &res) != 0)
		return 0;
	for (ai = res; ai != NULL && *n < REACH_FDS && !up; ai = ai->ai_next) {
		int fd = socket(ai->ai_family, ai->ai_socktype | SOCK_NONBLOCK |
							SOCK_CLOEXEC,
				ai->ai_protocol);

		if (fd < 0)
			continue;
		if (connect(fd, ai->ai_addr, ai->ai_addrlen) == 0) {
			up = 1;
			close(fd);
		} else if (errno == EINPROGRESS) {
			fds[*n].fd = fd;
			fds[*n].events = POLLOUT;
			(*n)++;
		} else {
			close(fd);
		}
	}
	freeaddrinfo(res);
	return up;
}

/* Wait until one of @p fds connects (@returns 1), all failed or
 * @p deadline_ms (monotonic) passed (0). Closes them all. */
static int reach_wait(struct pollfd *fds, int n, int64_t deadline_ms)
{
	int i, open = n, up = 0;

	while (open > 0 && !up) {
		int64_t left = deadline_ms - ktk_clock_ms();
		int r;

		if (left <= 0)
			break;
		r = poll(fds, (nfds_t)n, (int)left);
		if (r < 0 && errno != EINTR)
			break;
		for (i = 0; i < n && r > 0; i++) {
			int e = 0;
			socklen_t len = sizeof(e);

			if (fds[i].fd < 0 || fds[i].revents == 0)
				continue;
			if (getsockopt(fds[i].fd, SOL_SOCKET, SO_ERROR, &e,
				       &len) == 0 &&
			    e == 0)
				up = 1;
			close(fds[i].fd);
			fds[i].fd = -1;
			open--;
		}
	}
	for (i = 0; i < n; i++)
		if (fds[i].fd >= 0)
			close(fds[i].fd);
	return up;
}

int ktk_client_reachable(const struct ktk_conf *conf, int64_t timeout_ms,
			 struct ktk_err *err)
{
	const char *list = ktk_conf_get(conf, "bootstrap.servers");
	struct pollfd fds[REACH_FDS];
	int64_t deadline;
	int n = 0, brokers = 0, up = 0;
	char *copy, *tok, *save = NULL;

	if (list == NULL || list[strspn(list, ", \t")] == '\0')
		return 0;
	deadline = ktk_clock_ms() + (timeout_ms <= 0 ||
						 timeout_ms > KTK_CLIENT_REACH_MS
					 ? KTK_CLIENT_REACH_MS
					 : timeout_ms);
	copy = strdup(list);
	if (copy == NULL)
		return ktk_err_set(err, KTK_EXIT_SOFTWARE, "out of memory");
	for (tok = strtok_r(copy, ", \t", &save); tok != NULL && !up;
	     tok = strtok_r(NULL, ", \t", &save)) {
		char *host;
		const char *port;

		brokers++;
		if (brokers > REACH_BROKERS)
			continue;
		split_broker(tok, &host, &port);
		up = reach_start(host, port, fds, &n);
	}
	free(copy);
	if (up) {
		reach_wait(fds, n, 0); /* closes them */
		return 0;
	}
	if (reach_wait(fds, n, deadline))
		return 0;
	return ktk_err_set(err, KTK_EXIT_UNAVAILABLE,
			   "cannot reach any broker at %s (%d/%d brokers are "
			   "down)",
			   list, brokers, brokers);
}

int ktk_client_broker_reachable(const char *host, int port,
				int64_t timeout_ms)
{
	struct pollfd fds[REACH_FDS];
	char ports[16];
	int n = 0;

	if (timeout_ms <= 0 || timeout_ms > KTK_CLIENT_REACH_MS)
		timeout_ms = KTK_CLIENT_REACH_MS;
	snprintf(ports, sizeof(ports), "%d", port);
	if (reach_start(host, ports, fds, &n)) {
		reach_wait(fds, n, 0); /* closes them */
		return 1;
	}
	return reach_wait(fds, n, ktk_clock_ms() + timeout_ms);
}

int ktk_client_exit_code(rd_kafka_resp_err_t e)
{
	switch (e) {
	case RD_KAFKA_RESP_ERR_NO_ERROR:
		return KTK_EXIT_OK;
	case RD_KAFKA_RESP_ERR__TRANSPORT:
	case RD_KAFKA_RESP_ERR__ALL_BROKERS_DOWN:
	case RD_KAFKA_RESP_ERR__RESOLVE:
	case RD_KAFKA_RESP_ERR__TIMED_OUT:
	case RD_KAFKA_RESP_ERR__TIMED_OUT_QUEUE:
		return KTK_EXIT_UNAVAILABLE;
	case RD_KAFKA_RESP_ERR__INVALID_ARG:
	case RD_KAFKA_RESP_ERR__UNKNOWN_PROTOCOL:
	case RD_KAFKA_RESP_ERR__NOT_CONFIGURED:
		return KTK_EXIT_CONFIG;
	case RD_KAFKA_RESP_ERR__BAD_MSG:
	case RD_KAFKA_RESP_ERR_INVALID_MSG:
		return KTK_EXIT_DATAERR;
	default:
		return KTK_EXIT_FAIL;
	}
}

int ktk_client_refused(rd_kafka_resp_err_t e, const char *reason)
{
	/* the local errors a broken or slow connection ends a handshake with */
	static const rd_kafka_resp_err_t transient[] = {
		RD_KAFKA_RESP_ERR__TRANSPORT, RD_KAFKA_RESP_ERR__TIMED_OUT,
		RD_KAFKA_RESP_ERR__DESTROY,   RD_KAFKA_RESP_ERR__ALL_BROKERS_DOWN,
		RD_KAFKA_RESP_ERR__RESOLVE,   RD_KAFKA_RESP_ERR__TIMED_OUT_QUEUE,
	};
	size_t i;

	switch (e) {
	case RD_KAFKA_RESP_ERR__AUTHENTICATION:
		break;
	case RD_KAFKA_RESP_ERR_SASL_AUTHENTICATION_FAILED:
	case RD_KAFKA_RESP_ERR_TOPIC_AUTHORIZATION_FAILED:
	case RD_KAFKA_RESP_ERR_GROUP_AUTHORIZATION_FAILED:
	case RD_KAFKA_RESP_ERR_CLUSTER_AUTHORIZATION_FAILED:
		return 1;
	default:
		return 0;
	}
	if (reason == NULL)
		return 1;
	for (i = 0; i < sizeof(transient) / sizeof(transient[0]); i++)
		if (strstr(reason, rd_kafka_err2str(transient[i])) != NULL)
			return 0;
	return 1;
}

void ktk_client_conf_list(FILE *out)
{
	rd_kafka_conf_properties_show(out);
}

void ktk_client_version(FILE *out)
{
	rd_kafka_conf_t *c = rd_kafka_conf_new();
	char feat[1024] = "";
	size_t sz = sizeof(feat);

	rd_kafka_conf_get(c, "builtin.features", feat, &sz);
	rd_kafka_conf_destroy(c);
	fprintf(out, "librdkafka %s (builtin.features: %s)\n",
		rd_kafka_version_str(), feat);
	/* what this build compiled in (lib/kafka/features.h), and the
	 * librdkafka headers it was compiled with: +name present, -name not */
	fprintf(out, "ktk features (librdkafka %d.%d.%d headers):",
		(RD_KAFKA_VERSION >> 24) & 0xff, (RD_KAFKA_VERSION >> 16) & 0xff,
		(RD_KAFKA_VERSION >> 8) & 0xff);
#define KTK_FEATURE_PRINT(name, have)                                          \
	fprintf(out, " %c%s", (have) ? '+' : '-', name);
	KTK_FEATURES(KTK_FEATURE_PRINT)
#undef KTK_FEATURE_PRINT
	fputc('\n', out);
}

int ktk_client_no_topic(struct ktk_err *err, const char *topic)
{
	return ktk_err_set(err, KTK_EXIT_FAIL,
			   "topic '%s' does not exist (create it with "
			   "ktk-topics --create)",
			   topic);
}
