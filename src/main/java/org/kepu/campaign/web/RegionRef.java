package org.kepu.campaign.web;

/** The region an edition belongs to, as the API shows it. */
record RegionRef(String code, String name) {}
