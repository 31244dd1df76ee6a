package org.kepu.checkin;

import java.time.Instant;
import java.util.UUID;

/**
 * The answer to a check-in: the one stored row, whether this request created it, and whether the answer is
 * a replay of an earlier request with the same Idempotency-Key.
 */
public record CheckInReceipt(UUID checkInId, Instant checkedInAt, boolean firstTime, boolean replayed) {}
