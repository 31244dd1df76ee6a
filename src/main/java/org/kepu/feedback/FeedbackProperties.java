package org.kepu.feedback;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Duration;
import java.util.Optional;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Feedback and moderation settings.
 *
 * @param sensitiveWordsFile an extra word list on disk, same format as the shipped one
 * @param sensitiveWordsRefresh how often each instance re-reads the admin-edited words (edits made on
 *     this instance apply at once; other instances follow within this time)
 * @param editWindow how long after the activity's end feedback may still be given or changed
 * @param reportThreshold reports that hide a comment until a moderator looks at it
 * @param rateWindow the window of the per-participant and per-address limits below
 * @param writesPerParticipant feedback saves per participant within {@code rateWindow}
 * @param reportsPerParticipant reports per participant within {@code rateWindow}
 * @param reportsPerAddress reports per client address within {@code rateWindow} (a new cookie is a new
 *     participant, so this is what bounds one client reporting many times)
 * @param batchMaxRows most saves written in one transaction (group commit, as check-ins)
 * @param batchMaxWait longest a save waits for others to share its commit
 * @param batchWriters batches written concurrently (each holds one connection)
 * @param maxQueued saves waiting for a commit at most; beyond it new ones are refused at once with 503
 */
@Validated
@ConfigurationProperties("kepu.feedback")
public record FeedbackProperties(
        Optional<String> sensitiveWordsFile,
        @DefaultValue("10s") Duration sensitiveWordsRefresh,
        @DefaultValue("7d") Duration editWindow,
        @DefaultValue("3") @Min(1) @Max(1000) int reportThreshold,
        @DefaultValue("1m") Duration rateWindow,
        @DefaultValue("20") @Min(1) int writesPerParticipant,
        @DefaultValue("10") @Min(1) int reportsPerParticipant,
        @DefaultValue("60") @Min(1) int reportsPerAddress,
        @DefaultValue("200") @Min(1) @Max(1000) int batchMaxRows,
        @DefaultValue("5ms") Duration batchMaxWait,
        @DefaultValue("2") @Min(1) @Max(8) int batchWriters,
        @DefaultValue("2000") @Min(1) int maxQueued) {}
