package org.kepu.activity;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** The public listing's simple filters (region subtree, campaign, format, category, time window, text). */
public record BrowseFilter(
        Optional<String> region,
        Optional<UUID> campaignId,
        Optional<Format> format,
        Optional<Category> category,
        Instant from,
        Instant to,
        Optional<String> text,
        boolean includeCancelled,
        Instant afterAt,
        UUID afterId,
        int size) {}
