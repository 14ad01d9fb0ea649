/* SPDX-License-Identifier: Apache-2.0 */
/* fuzz_jaas -- JAAS strings (lib/config/java_client.c): the parser with
 * roomy and with tiny output buffers, then the Java translation of a
 * property set holding the input as sasl.jaas.config; the first byte
 * chooses which other Java properties are set, some to the input too
 * (buffer.memory, send.buffer.bytes, store types). Secrets of the result
 * are masked in a copy of the input (ktk_conf_mask_in parses JAAS too). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "lib/config/conf.h"
#include "lib/config/java_client.h"
#include "tests/fuzz/fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char module[256], user[256], pass[256], dropped[512];
	char m1[1], u1[2], p1[3];
	struct ktk_conf conf;
	struct ktk_err err;
	unsigned f;
	char *s, *copy;

	if (size < 1 || size > 8192)
		return 0;
	f = data[0];
	dropped[0] = '\0';
	s = fz_str(data + 1, size - 1);
	if (ktk_java_client_jaas_parse(s, module, sizeof(module), user,
				       sizeof(user), pass, sizeof(pass),
				       &err) == 0 &&
	    (strlen(module) >= sizeof(module) || strlen(user) >= sizeof(user) ||
	     strlen(pass) >= sizeof(pass)))
		abort();
	ktk_java_client_jaas_parse(s, m1, sizeof(m1), u1, sizeof(u1), p1,
				   sizeof(p1), &err);

	ktk_conf_init(&conf);
	ktk_conf_set(&conf, "sasl.jaas.config", s, KTK_SRC_PROPS, "fuzz:1");
	if (f & 1)
		ktk_conf_set(&conf, "sasl.mechanism", "SCRAM-SHA-512",
			     KTK_SRC_PROPS, NULL);
	if (f & 2)
		ktk_conf_set(&conf, "buffer.memory", s, KTK_SRC_PROPS, NULL);
	if (f & 4)
		ktk_conf_set(&conf, "send.buffer.bytes", s, KTK_SRC_PROPS, NULL);
	if (f & 8) {
		ktk_conf_set(&conf, "ssl.truststore.location", "/nonexistent/ca.pem",
			     KTK_SRC_PROPS, NULL);
		ktk_conf_set(&conf, "ssl.truststore.type", f & 16 ? "PEM" : s,
			     KTK_SRC_PROPS, NULL);
	}
	if (f & 32) {
		ktk_conf_set(&conf, "ssl.keystore.location", "/nonexistent/ks",
			     KTK_SRC_PROPS, NULL);
		ktk_conf_set(&conf, "ssl.keystore.type", f & 16 ? "PKCS12" : s,
			     KTK_SRC_PROPS, NULL);
	}
	if (f & 64)
		ktk_conf_set(&conf, "ssl.endpoint.identification.algorithm", "",
			     KTK_SRC_PROPS, NULL);
	if (f & 128)
		ktk_conf_set(&conf, "key.serializer", s, KTK_SRC_PROPS, NULL);
	if (ktk_java_client_translate(&conf, dropped, f & 1 ? 4 : sizeof(dropped),
				      &err) == 0 &&
	    strlen(dropped) >= sizeof(dropped))
		abort();
	copy = fz_str(data + 1, size - 1);
	ktk_conf_mask_in(&conf, copy);
	free(copy);
	ktk_conf_free(&conf);
	free(s);
	return 0;
}
