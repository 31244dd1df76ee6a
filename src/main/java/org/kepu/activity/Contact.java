package org.kepu.activity;

/** Whom to ask; shown to the public only when {@code published}. */
public record Contact(String name, String phone, boolean published) {}
