/**
 * Check-in (打卡): rotating venue QR tokens, online viewer tokens, exactly one check-in per activity and
 * participant, acknowledged only after a group commit, with idempotent retries and Redis-cached counts.
 * {@link org.kepu.checkin.CheckInService} is the module's API.
 */
package org.kepu.checkin;
