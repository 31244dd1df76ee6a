/**
 * Administrative divisions (行政区划): province → city → county → town, with codes, names, short names and
 * centre points, shipped with the app and loaded into PostgreSQL. {@link org.kepu.region.RegionService} is
 * the module's API; {@link org.kepu.region.RegionCode} holds the pure code rules (subtree, parent).
 */
package org.kepu.region;
