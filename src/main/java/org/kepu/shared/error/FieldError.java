package org.kepu.shared.error;

/** One field-level problem inside a {@code validation-failed} answer. */
public record FieldError(String field, String code, String message) {}
