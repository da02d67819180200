/* pace.c: the backlog's pause between batches; see pace.h. */
#include "core/pace.h"

double pace_pause_ms(const pace_batch *b) {
    if (b->buyer_waiting || !b->more_waiting || !(b->server_ms > 0)) {
        return 0;
    }
    return PACE_BACKLOG_K * b->server_ms;
}
