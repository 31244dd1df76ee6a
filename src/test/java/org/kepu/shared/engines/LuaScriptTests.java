package org.kepu.shared.engines;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.data.redis.core.script.RedisScript;

class LuaScriptTests {

    @Test
    void itsSha1IsTheOneRedisAndSpringComputeForTheSameSource() {
        String source = "return redis.call('GET', KEYS[1]) -- 计数";
        LuaScript<Long> script = LuaScript.of(source, Long.class);
        assertThat(script.getSha1())
                .isEqualTo(RedisScript.of(source, Long.class).getSha1());
        // SHA-1 of the empty script, as Redis answers SCRIPT LOAD ""
        assertThat(LuaScript.of("", Long.class).getSha1()).isEqualTo("da39a3ee5e6b4b0d3255bfef95601890afd80709");
        assertThat(script.getScriptAsString()).isEqualTo(source);
        assertThat(script.getResultType()).isEqualTo(Long.class);
    }
}
