package org.kepu.discovery;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Search settings.
 *
 * @param indexAlias the alias the app reads and writes through; physical indices are named after it
 * @param shards primary shards of a new physical index; fixed for an index's life, so a change builds a
 *     new index (it is part of the index name's hash, like the mapping)
 * @param replicas copies of each shard; a dynamic setting, applied to the live index at startup without a
 *     rebuild (more copies on more nodes: more search throughput and availability)
 */
@Validated
@ConfigurationProperties("kepu.discovery")
public record DiscoveryProperties(
        @DefaultValue("activities") @Pattern(regexp = "[a-z][a-z0-9_]{0,60}")
        String indexAlias,

        @DefaultValue("1") @Min(1) @Max(64) int shards,
        @DefaultValue("0") @Min(0) @Max(16) int replicas) {}
