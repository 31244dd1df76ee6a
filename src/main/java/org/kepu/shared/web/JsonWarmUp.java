package org.kepu.shared.web;

import java.util.Collection;
import java.util.Map;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.core.MethodParameter;
import org.springframework.core.ResolvableType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.reactive.result.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.json.JsonMapper;

/**
 * Builds the JSON reader of every request body and the writer of every response type at startup. Jackson
 * builds them on first use under a lock; a burst of first requests would otherwise park event-loop threads
 * on that lock (BlockHound caught it in the check-in storm).
 */
@Component
class JsonWarmUp implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(JsonWarmUp.class);

    private final JsonMapper json;
    private final Map<String, RequestMappingHandlerMapping> mappings;

    JsonWarmUp(JsonMapper json, org.springframework.context.ApplicationContext context) {
        this.json = json;
        this.mappings = context.getBeansOfType(RequestMappingHandlerMapping.class);
    }

    @Override
    public void afterSingletonsInstantiated() {
        int warmed = 0;
        for (RequestMappingHandlerMapping mapping : mappings.values()) {
            Collection<org.springframework.web.method.HandlerMethod> methods =
                    mapping.getHandlerMethods().values();
            for (var method : methods) {
                for (MethodParameter parameter : method.getMethodParameters()) {
                    if (parameter.hasParameterAnnotation(RequestBody.class)) {
                        warmed += warm(ResolvableType.forMethodParameter(parameter), true);
                    }
                }
                warmed += warm(ResolvableType.forMethodReturnType(method.getMethod()), false);
            }
        }
        log.debug("JSON readers and writers built for {} types", warmed);
    }

    private int warm(ResolvableType type, boolean read) {
        ResolvableType body = unwrap(type);
        if (body.resolve() == null || body.resolve() == Void.class || body.resolve() == Object.class) {
            return 0;
        }
        try {
            JavaType javaType = json.getTypeFactory().constructType(body.getType());
            if (read) {
                json.readerFor(javaType);
            } else {
                json.writerFor(javaType);
            }
            return 1;
        } catch (RuntimeException e) {
            return 0; // not a JSON type (String, byte[], a multipart body): nothing to build
        }
    }

    private static ResolvableType unwrap(ResolvableType type) {
        Class<?> raw = type.resolve();
        if (raw != null && (Publisher.class.isAssignableFrom(raw) || ResponseEntity.class.isAssignableFrom(raw))) {
            return unwrap(type.getGeneric(0));
        }
        return type;
    }
}
