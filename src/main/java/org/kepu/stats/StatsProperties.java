package org.kepu.stats;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Statistics settings.
 *
 * @param cacheTtl how long a summary stays cached in Redis (shared by the instances)
 * @param pollInterval how often the projection job looks at the outbox
 * @param batch outbox rows applied per transaction
 * @param gapTimeout how long a hole in the outbox ids is waited for before it is taken as a rollback
 * @param provinceQuota default key activities per province (0: no quota); editions may override it
 * @param cityQuota default key activities per prefecture-level city (notices have asked for ≥ 80)
 * @param countyQuota default key activities per county (notices have asked for ≥ 10)
 * @param quotaListMax regions listed per quota level in a summary (the behind ones first)
 * @param exportTimeout how long an export's activity query may stream (it goes as fast as the client reads)
 * @param outboxRetention how long processed outbox rows are kept before they are deleted; longer than a
 *     search rebuild takes (a rebuild replays the rows written since it began)
 * @param outboxPurgeEvery how often those rows are looked for
 */
@Validated
@ConfigurationProperties("kepu.stats")
public record StatsProperties(
        @DefaultValue("3s") Duration cacheTtl,
        @DefaultValue("1s") Duration pollInterval,
        @DefaultValue("2000") @Min(1) @Max(20000) int batch,
        @DefaultValue("10s") Duration gapTimeout,
        @DefaultValue("0") @Min(0) int provinceQuota,
        @DefaultValue("80") @Min(0) int cityQuota,
        @DefaultValue("10") @Min(0) int countyQuota,
        @DefaultValue("100") @Min(1) @Max(5000) int quotaListMax,
        @DefaultValue("30m") Duration exportTimeout,
        @DefaultValue("1d") Duration outboxRetention,
        @DefaultValue("1m") Duration outboxPurgeEvery) {}
