package org.kepu.shared.web;

import jakarta.validation.Validator;
import jakarta.validation.constraints.NotNull;
import java.util.List;
import java.util.Locale;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/**
 * The validator reads its message bundles from jars the first time a constraint fails. That is file I/O,
 * and it would happen on an event-loop thread in the middle of a request; reading them once at startup,
 * for the locales we serve, keeps requests free of it.
 */
@Component
class ValidationWarmUp implements SmartInitializingSingleton {

    private static final List<Locale> SERVED =
            List.of(Locale.getDefault(), Locale.SIMPLIFIED_CHINESE, Locale.ENGLISH, Locale.ROOT);

    private final Validator validator;

    ValidationWarmUp(Validator validator) {
        this.validator = validator;
    }

    private record Sample(@NotNull String value) {}

    @Override
    public void afterSingletonsInstantiated() {
        Locale previous = LocaleContextHolder.getLocale();
        try {
            for (Locale locale : SERVED) {
                LocaleContextHolder.setLocale(locale);
                validator.validate(new Sample(null));
            }
        } finally {
            LocaleContextHolder.setLocale(previous);
        }
    }
}
