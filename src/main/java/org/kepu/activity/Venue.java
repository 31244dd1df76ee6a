package org.kepu.activity;

/** Where an on-site activity happens; {@code lat}/{@code lon} in GCJ-02 like the region data. */
public record Venue(String name, String address, double lat, double lon) {}
