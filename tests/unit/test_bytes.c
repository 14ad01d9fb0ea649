/* SPDX-License-Identifier: Apache-2.0 */
/* Unit tests of lib/base/bytes.c: base64, UTF-8, hex, escapes. */
#include <string.h>

#include "lib/base/bytes.h"
#include "tests/unit/unit.h"

static void t_base64_vectors(void)
{
	/* RFC 4648 section 10 */
	static const char *const in[] = {"", "f", "fo", "foo", "foob", "fooba",
					 "foobar"};
	static const char *const out[] = {"",	  "Zg==",     "Zm8=",
					  "Zm9v", "Zm9vYg==", "Zm9vYmE=",
					  "Zm9vYmFy"};
	char buf[64], dec[64];
	size_t i;

	for (i = 0; i < 7; i++) {
		CHECK_INT(ktk_bytes_b64_encode(in[i], strlen(in[i]), buf),
			  strlen(out[i]));
		CHECK_STR(buf, out[i]);
		CHECK_INT(ktk_bytes_b64_len(strlen(in[i])), strlen(out[i]));
		CHECK_INT(ktk_bytes_b64_decode(out[i], strlen(out[i]), dec),
			  strlen(in[i]));
		CHECK(memcmp(dec, in[i], strlen(in[i])) == 0);
	}
	CHECK_INT(ktk_bytes_b64_decode("Zm9v!", 5, dec), -1);
	CHECK_INT(ktk_bytes_b64_decode("Z", 1, dec), -1);
	CHECK_INT(ktk_bytes_b64_decode("Zg", 2, dec), 1); /* padding optional */
}

static void t_base64_all_bytes(void)
{
	unsigned char all[256], back[256 + 3];
	char text[400];
	int i;

	for (i = 0; i < 256; i++)
		all[i] = (unsigned char)i;
	ktk_bytes_b64_encode(all, 256, text);
	CHECK_INT(ktk_bytes_b64_decode(text, strlen(text), back), 256);
	CHECK(memcmp(all, back, 256) == 0);
}

static void t_utf8(void)
{
	CHECK(ktk_bytes_utf8_valid("", 0));
	CHECK(ktk_bytes_utf8_valid("plain ascii", 11));
	CHECK(ktk_bytes_utf8_valid("\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80", 9));
	CHECK(ktk_bytes_utf8_valid("a\0b", 3)); /* NUL is valid UTF-8 */
	CHECK(!ktk_bytes_utf8_valid("\xff", 1));
	CHECK(!ktk_bytes_utf8_valid("\xc3", 1));	       /* truncated */
	CHECK(!ktk_bytes_utf8_valid("\xc0\xaf", 2));	       /* overlong */
	CHECK(!ktk_bytes_utf8_valid("\xe0\x80\xaf", 3));     /* overlong */
	CHECK(!ktk_bytes_utf8_valid("\xed\xa0\x80", 3));     /* surrogate */
	CHECK(!ktk_bytes_utf8_valid("\xf4\x90\x80\x80", 4)); /* > U+10FFFF */
	CHECK(!ktk_bytes_utf8_valid("\xe2\x28\xa1", 3));     /* bad continuation */
}

static void t_hex_and_escapes(void)
{
	char buf[32];

	ktk_bytes_hex_encode("\x00\x1f\xab", 3, buf);
	CHECK_STR(buf, "001fab");
	CHECK_INT(ktk_bytes_unescape("a\\tb\\n", buf), 4);
	CHECK(memcmp(buf, "a\tb\n", 4) == 0);
	CHECK_INT(ktk_bytes_unescape("\\0", buf), 1);
	CHECK_INT(buf[0], 0);
	CHECK_INT(ktk_bytes_unescape("\\x41\\r\\\\", buf), 3);
	CHECK(memcmp(buf, "A\r\\", 3) == 0);
	CHECK_INT(ktk_bytes_unescape("\\xZZ", buf), -1);
	CHECK_INT(ktk_bytes_unescape("\\q", buf), -1);
	CHECK_INT(ktk_bytes_unescape("trail\\", buf), -1);
}

/* JSON's two-character escapes, both ways, over every byte */
static void t_json_escapes(void)
{
	static const char bytes[] = "\"\\\b\f\n\r\t", letters[] = "\"\\bfnrt";
	int c, n = 0;

	for (c = 0; c < 256; c++) {
		char l = ktk_bytes_json_escape((unsigned char)c);

		if (l == 0)
			continue;
		n++;
		CHECK(strchr(letters, l) != NULL);
		CHECK_INT(bytes[strchr(letters, l) - letters], c);
		CHECK_INT(ktk_bytes_json_unescape(l), c);
	}
	CHECK_INT(n, 7);
	CHECK_INT(ktk_bytes_json_escape('/'), 0); /* read, never written */
	CHECK_INT(ktk_bytes_json_escape('\0'), 0);
	CHECK_INT(ktk_bytes_json_escape(0x1f), 0);
	CHECK_INT(ktk_bytes_json_escape('a'), 0);
	CHECK_INT(ktk_bytes_json_unescape('/'), '/');
	CHECK_INT(ktk_bytes_json_unescape('u'), -1);
	CHECK_INT(ktk_bytes_json_unescape('\0'), -1);
	CHECK_INT(ktk_bytes_json_unescape('x'), -1);
}

int main(void)
{
	RUN(t_base64_vectors);
	RUN(t_base64_all_bytes);
	RUN(t_utf8);
	RUN(t_hex_and_escapes);
	RUN(t_json_escapes);
	return unit_done();
}
