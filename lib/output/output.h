/* SPDX-License-Identifier: Apache-2.0 */
/* output.h -- text output of records and topics: the sink that writes
 * buffered output to a descriptor and knows which bytes its reader has
 * taken, Kafka's DefaultMessageFormatter, kcat-style format strings, JSON
 * lines, the choice among them (formatter_setup.h), a topic's description
 * in kafka-topics' layout or JSON, and consumer groups in
 * kafka-consumer-groups' layouts or JSON. It builds on lib/base/ only. */
#ifndef KTK_OUTPUT_OUTPUT_H
#define KTK_OUTPUT_OUTPUT_H

#include "lib/output/sink.h"
#include "lib/output/default_formatter.h"
#include "lib/output/format_string.h"
#include "lib/output/formatter_setup.h"
#include "lib/output/json.h"
#include "lib/output/topic_description.h"
#include "lib/output/group_description.h"

#endif
