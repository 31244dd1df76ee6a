package org.kepu.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Shards and replicas of the search index: what goes into a new index, and what renames it. */
class SearchIndexSettingsTests {

    static SearchIndex index(int shards, int replicas) {
        return new SearchIndex(null, "activities", shards, replicas, Clock.systemUTC());
    }

    @Test
    void aNewIndexGetsTheConfiguredShardsAndReplicasAndKeepsItsAnalysis() {
        JsonNode settings =
                JsonMapper.shared().readTree(index(3, 2).definition()).get("settings");
        assertThat(settings.get("number_of_shards").asInt()).isEqualTo(3);
        assertThat(settings.get("number_of_replicas").asInt()).isEqualTo(2);
        assertThat(settings.get("analysis").get("analyzer").has("kepu_bigram")).isTrue();
        assertThat(JsonMapper.shared()
                        .readTree(index(3, 2).definition())
                        .get("mappings")
                        .get("dynamic")
                        .asString())
                .isEqualTo("strict");
    }

    @Test
    void aDifferentShardCountIsANewIndexButReplicasAreNot() {
        String defaults = index(1, 0).currentPrefix();
        assertThat(index(1, 2).currentPrefix()).isEqualTo(defaults);
        assertThat(index(2, 0).currentPrefix()).isNotEqualTo(defaults).startsWith("activities-");
        assertThat(index(2, 1).currentPrefix()).isEqualTo(index(2, 0).currentPrefix());
    }

    @Test
    void theDefaultShardCountKeepsTheNameExistingIndicesHave() throws Exception {
        byte[] file = SearchIndex.class
                .getClassLoader()
                .getResourceAsStream("search/activities.json")
                .readAllBytes();
        String fileHash = java.util.HexFormat.of()
                .formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(file))
                .substring(0, 10);
        assertThat(index(1, 0).currentPrefix()).isEqualTo("activities-" + fileHash);
    }
}
