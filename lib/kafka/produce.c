/* produce.c -- one record into librdkafka's queue; see produce.h. */
#include "lib/kafka/produce.h"

rd_kafka_resp_err_t ktk_produce(rd_kafka_t *rk, rd_kafka_topic_t *rkt,
				const struct ktk_record *rec,
				int32_t partition, void *opaque,
				const volatile sig_atomic_t *stop)
{
	rd_kafka_resp_err_t e;

	for (;;) {
		rd_kafka_headers_t *hdrs = NULL;
		size_t i;

		if (rec->nheaders > 0) {
			hdrs = rd_kafka_headers_new(rec->nheaders);
			for (i = 0; i < rec->nheaders; i++) {
				const struct ktk_header *h = &rec->headers[i];

				rd_kafka_header_add(hdrs, h->name,
						    (ssize_t)h->name_len,
						    h->value,
						    h->value
							    ? (ssize_t)h->value_len
							    : 0);
			}
		}
		e = rd_kafka_producev(
			rk, RD_KAFKA_V_RKT(rkt), RD_KAFKA_V_PARTITION(partition),
			RD_KAFKA_V_MSGFLAGS(RD_KAFKA_MSG_F_COPY),
			RD_KAFKA_V_VALUE((void *)rec->value, rec->value_len),
			RD_KAFKA_V_KEY(rec->key, rec->key_len),
			RD_KAFKA_V_TIMESTAMP(rec->timestamp),
			RD_KAFKA_V_HEADERS(hdrs), RD_KAFKA_V_OPAQUE(opaque),
			RD_KAFKA_V_END);
		if (e == RD_KAFKA_RESP_ERR_NO_ERROR)
			return e;
		if (hdrs)
			rd_kafka_headers_destroy(hdrs);
		if (e != RD_KAFKA_RESP_ERR__QUEUE_FULL || (stop && *stop))
			return e;
		rd_kafka_poll(rk, 50);
	}
}
