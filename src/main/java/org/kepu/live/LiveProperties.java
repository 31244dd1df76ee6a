package org.kepu.live;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Live settings.
 *
 * @param heartbeat how often every stream gets a comment line (under proxies' idle timeouts) and presence is
 *     refreshed in Redis; a viewer whose instance stops refreshing drops out after two of these
 * @param viewersEvery how often viewer counts and the state are recomputed and sent when they changed
 * @param bufferFrames events one stream may have waiting for a slow client; beyond that it is closed (the
 *     browser reconnects with {@code Last-Event-ID})
 * @param streamsPerAddress concurrent streams one client address may hold on one instance
 * @param maxStreams concurrent streams one instance holds; beyond that a new one gets 503
 * @param opensBefore how long before the scheduled start the stream accepts viewers (they see SCHEDULED)
 * @param commentsKept comments kept per activity for reconnecting viewers (a capped Redis stream)
 * @param commentsTtl how long those comments are kept after the last one
 * @param perParticipant comments one participant may post within {@code rateWindow}
 * @param perAddress comments one client address may post within {@code rateWindow}
 * @param retry the reconnection delay sent to browsers; each stream gets it plus up to half again, so a
 *     restart does not bring every viewer back in the same instant
 * @param bigScreenEvery how often the big screen's figures are recomputed and sent
 */
@Validated
@ConfigurationProperties("kepu.live")
public record LiveProperties(
        @DefaultValue("20s") Duration heartbeat,
        @DefaultValue("5s") Duration viewersEvery,
        @DefaultValue("32") @Min(4) @Max(1024) int bufferFrames,
        @DefaultValue("20") @Min(1) int streamsPerAddress,
        @DefaultValue("30000") @Min(1) int maxStreams,
        @DefaultValue("30m") Duration opensBefore,
        @DefaultValue("500") @Min(1) @Max(10000) int commentsKept,
        @DefaultValue("6h") Duration commentsTtl,
        @DefaultValue("5") @Min(1) int perParticipant,
        @DefaultValue("120") @Min(1) int perAddress,
        @DefaultValue("30s") Duration rateWindow,
        @DefaultValue("3s") Duration retry,
        @DefaultValue("5s") Duration bigScreenEvery) {}
