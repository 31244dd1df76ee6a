/**
 * The public's search: published activities indexed in Elasticsearch (a derived, rebuildable index fed by
 * the outbox), found by Chinese text (simplified, traditional, pinyin), region subtree, campaign, category,
 * audience, format, time and distance, with sticky facets and cursor paging. Chinese analysis happens in
 * Java ({@code ChineseText}); the index stores analysed tokens. {@link org.kepu.discovery.DiscoveryService}
 * is the module's API.
 */
package org.kepu.discovery;
