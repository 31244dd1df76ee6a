package org.kepu.shared.engines;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * A Redis Lua script whose SHA-1 (for EVALSHA) is computed once, here. Spring's {@code RedisScript.of}
 * recomputes it behind a lock on every call (its source could change), and two event loops running the same
 * script then wait for each other on that lock: a hot path (rate limits, counts, presence) must not wait on an
 * event loop.
 */
public final class LuaScript<T> implements RedisScript<T> {

    private final String source;
    private final Class<T> resultType;
    private final String sha1;

    private LuaScript(String source, Class<T> resultType) {
        this.source = source;
        this.resultType = resultType;
        this.sha1 = sha1(source);
    }

    public static <T> LuaScript<T> of(String source, Class<T> resultType) {
        return new LuaScript<>(source, resultType);
    }

    @Override
    public String getSha1() {
        return sha1;
    }

    @Override
    public Class<T> getResultType() {
        return resultType;
    }

    @Override
    public String getScriptAsString() {
        return source;
    }

    private static String sha1(String source) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-1").digest(source.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is part of every Java runtime", e);
        }
    }
}
