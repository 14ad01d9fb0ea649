/* SPDX-License-Identifier: Apache-2.0 */
/* groups.h -- consumer-group offset resets planned without a broker:
 * scopes (topic[:partitions]), the specs of kafka-consumer-groups
 * --reset-offsets (to an offset, earliest, latest, current, shifted, a time
 * or a duration, a CSV plan, another group's offsets), clamping to the log,
 * and Kafka's CSV. It builds on lib/base/ only. */
#ifndef KTK_GROUPS_GROUPS_H
#define KTK_GROUPS_GROUPS_H

#include "lib/groups/group_state.h"
#include "lib/groups/reset.h"

#endif
