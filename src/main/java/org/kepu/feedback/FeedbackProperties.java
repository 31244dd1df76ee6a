package org.kepu.feedback;

import java.time.Duration;
import java.util.Optional;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Feedback and moderation settings.
 *
 * @param sensitiveWordsFile an extra word list on disk, same format as the shipped one
 * @param sensitiveWordsRefresh how often each instance re-reads the admin-edited words (edits made on
 *     this instance apply at once; other instances follow within this time)
 */
@ConfigurationProperties("kepu.feedback")
public record FeedbackProperties(
        Optional<String> sensitiveWordsFile,
        @DefaultValue("10s") Duration sensitiveWordsRefresh) {}
